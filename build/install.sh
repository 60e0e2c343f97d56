#!/usr/bin/env bash
# Install the built one-folder app for the current user (no root needed):
#   bash build/install.sh [dist/baipishu]     install or update
#   bash build/install.sh --uninstall         remove the app (your library stays)
# The library, bookmarks and settings live in ~/.local/share/baipishu and
# ~/.config/baipishu and are never touched by either.
set -euo pipefail
cd "$(dirname "$0")/.."

data="${XDG_DATA_HOME:-$HOME/.local/share}"
target="$data/baipishu-app"
bin="$HOME/.local/bin"
desktop="$data/applications/baipishu.desktop"
icon="$data/icons/hicolor/scalable/apps/baipishu.svg"

if [[ "${1:-}" == "--uninstall" ]]; then
  rm -rf "$target" "$bin/baipishu" "$desktop" "$icon"
  command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
  echo "Baipishu removed (your library in $data/baipishu is kept)."
  exit 0
fi

bundle="${1:-dist/baipishu}"
[[ -x "$bundle/baipishu" ]] || { echo "No built app in $bundle: run make dist first." >&2; exit 1; }
mkdir -p "$target" "$bin" "$(dirname "$desktop")" "$(dirname "$icon")"
rm -rf "$target.new"
cp -a "$bundle" "$target.new"
rm -rf "$target"
mv "$target.new" "$target"
ln -sf "$target/baipishu" "$bin/baipishu"
cp resources/icons/baipishu.svg "$icon"
sed "s|^Exec=.*|Exec=$target/baipishu %u|" resources/baipishu.desktop > "$desktop"
if command -v xdg-mime >/dev/null; then
  xdg-mime default baipishu.desktop x-scheme-handler/baipishu || true
fi
command -v update-desktop-database >/dev/null && update-desktop-database "$data/applications" || true
echo "Baipishu installed in $target; run it from the menu or as $bin/baipishu."
