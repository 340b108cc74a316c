# shellcheck shell=bash
# Shared helpers for the ecosystem checks; source it from bash.
#
# need_debs PKG... installs the Debian packages that are missing, when run
# as root (apt-get update once per process), and otherwise names them and
# fails, so that a check never runs against a half-installed toolchain.

die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

deb_installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

need_debs() {
	local missing=() pkg
	for pkg in "$@"; do
		deb_installed "$pkg" || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if ! command -v apt-get >/dev/null 2>&1; then
		die "missing ${missing[*]}; install them with your package manager (no apt-get here)"
	fi
	if [ "$(id -u)" -ne 0 ]; then
		die "missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install -y ${missing[*]}"
	fi
	echo "installing ${missing[*]}" >&2
	if [ -z "${ZHM_APT_UPDATED:-}" ]; then
		DEBIAN_FRONTEND=noninteractive apt-get update -qq || die "apt-get update failed"
		export ZHM_APT_UPDATED=1
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
		die "apt-get install ${missing[*]} failed"
}

# deb_python is Debian's interpreter, which sees the python3-* packages
# (a python3 earlier on PATH, from pyenv or a venv, may not).
deb_python() {
	if [ -n "${PYTHON:-}" ]; then
		echo "$PYTHON"
	elif [ -x /usr/bin/python3 ]; then
		echo /usr/bin/python3
	else
		command -v python3
	fi
}
