#!/usr/bin/env bash
# Install the system packages Baipishu needs on Debian/Ubuntu, or, when not
# root, print the exact apt-get line to run. Idempotent and quiet when all is
# there already. Called by `make setup` (and so by `make run` / `make test`).
set -euo pipefail

PYTHON="${PYTHON:-python3}"
# Debian packages: a Python >= 3.11 with venv and pip, and the libraries the
# Qt wheels load even offscreen (EGL/GL, fontconfig, xkbcommon, dbus, glib);
# the xcb ones let the window show on an X display. A small CJK font
# (WenQuanYi Micro Hei, 1.6 MB) lets the window and its self-test show
# Chinese on a machine that has none (the packaged app bundles its own).
PACKAGES=(
  python3 python3-venv python3-pip
  fonts-wqy-microhei
  libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libglib2.0-0 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xfixes0
)

missing=()
python_ok() {
  command -v "$PYTHON" >/dev/null 2>&1 &&
    "$PYTHON" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}
python_ok || missing+=(python3 python3-venv python3-pip)
if command -v dpkg-query >/dev/null 2>&1; then
  for pkg in "${PACKAGES[@]:3}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$pkg")
  done
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Baipishu needs these system packages (Debian names): ${missing[*]}" >&2
  python_ok && exit 0 || exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Please install the missing system packages first:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Another apt or dpkg may hold the package manager's lock (unattended upgrades
# on a fresh desktop do): wait for it, up to 10 minutes, instead of failing.
APT_WAIT=(-o DPkg::Lock::Timeout=600)
apt-get "${APT_WAIT[@]}" update -qq
apt-get "${APT_WAIT[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
