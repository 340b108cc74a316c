#!/usr/bin/env bash
# Checks a staged `make install DESTDIR=STAGE PREFIX=PREFIX`: the binary
# runs, the man pages are there and render, bash completion completes a
# subcommand, and the zsh and fish scripts parse where those shells exist.
#
#   check-install.sh STAGE PREFIX
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/ecosystem/lib.sh
source "$here/lib.sh"
[ $# -eq 2 ] || die "usage: $0 STAGE PREFIX"
root="$1$2"

bin="$root/bin/zhmetrics"
[ -x "$bin" ] || die "$bin missing"
"$bin" version

pages=("$root"/share/man/man1/*.1)
for page in zhmetrics.1 zhmetrics-extract.1 zhmetrics-eval.1 zhmetrics-diff.1; do
	[ -f "$root/share/man/man1/$page" ] || die "man page $page missing"
done
[ ! -e "$root/share/man/man1/zhmetrics-docs.1" ] || die "the hidden docs command got a man page"
if command -v man >/dev/null 2>&1; then
	MANWIDTH=80 man -l "$root/share/man/man1/zhmetrics-extract.1" 2>/dev/null | grep -q -- '--output' ||
		die "zhmetrics-extract.1 does not render with man"
fi

# cobra's bash script needs the bash-completion package's helpers.
bash_completion="$root/share/bash-completion/completions/zhmetrics"
helpers=/usr/share/bash-completion/bash_completion
[ -f "$helpers" ] || [ "$(id -u)" -ne 0 ] || need_debs bash-completion
complete_line() {
	PATH="$root/bin:$PATH" bash -c '
		source "$1"; source "$2"; shift 2
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		__start_zhmetrics
		echo "${COMPREPLY[*]}"' _ "$helpers" "$bash_completion" "$@"
}
shells=""
if [ -f "$helpers" ]; then
	got=$(complete_line zhmetrics ext)
	[ "$got" = extract ] || die "bash completion of 'zhmetrics ext' gave '$got', want 'extract'"
	got=$(complete_line zhmetrics extract --kin)
	[[ "$got" == --kinds* ]] || die "bash completion of 'zhmetrics extract --kin' gave '$got', want --kinds"
	shells="bash completes"
else
	bash -n "$bash_completion" || die "$bash_completion does not parse"
	echo "check-install: no bash-completion package; bash completion only parsed" >&2
fi

zsh_completion="$root/share/zsh/site-functions/_zhmetrics"
fish_completion="$root/share/fish/vendor_completions.d/zhmetrics.fish"
head -1 "$zsh_completion" | grep -q '^#compdef zhmetrics' || die "$zsh_completion lacks #compdef"
if command -v zsh >/dev/null 2>&1; then
	zsh -n "$zsh_completion" || die "$zsh_completion does not parse"
	shells="${shells:+$shells, }zsh parses"
fi
[ -s "$fish_completion" ] || die "$fish_completion missing"
if command -v fish >/dev/null 2>&1; then
	fish -n "$fish_completion" || die "$fish_completion does not parse"
	shells="${shells:+$shells, }fish parses"
fi
echo "install: binary, ${#pages[@]} man pages, completions for bash, zsh and fish (${shells:-none checked})"
