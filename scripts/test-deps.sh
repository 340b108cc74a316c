#!/usr/bin/env bash
# Installs, as root with apt-get, the Debian packages some tests drive:
# Chromium and CJK fonts (the review page checks), LibreOffice Writer and
# poppler and qpdf (PDF and .doc inputs made from the corpus). Never fails: without
# root or apt-get it names what is missing, and those tests skip, saying so.
# ZHMETRICS_NO_INSTALL=1 turns the install off.
set -uo pipefail
pkgs=(chromium fonts-noto-cjk libreoffice-writer-nogui poppler-utils qpdf)
missing=()
for p in "${pkgs[@]}"; do
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ -n "${ZHMETRICS_NO_INSTALL:-}" ] || [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
	echo "test-deps: not installed: ${missing[*]}; the tests that use them will skip" >&2
	exit 0
fi
echo "test-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
	apt-get update -qq >/dev/null 2>&1
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
		echo "test-deps: could not install ${missing[*]}; the tests that use them will skip" >&2
fi
exit 0
