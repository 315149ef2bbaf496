#!/bin/sh
# Installs Debian's chromium once (idempotent) for the browser e2e test and screenshots.
# playwright-core drives it with executablePath /usr/bin/chromium; no browser download.
set -e
if [ -x /usr/bin/chromium ]; then
	exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
/usr/bin/chromium --version
