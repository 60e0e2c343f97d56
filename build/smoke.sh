#!/usr/bin/env bash
# Smoke-test the built executable as a user's machine would run it: no
# environment (env -i), a fresh HOME, no network where the machine allows it
# (unshare -n), no system fonts (a fontconfig file that lists none), and a
# read-only copy of the install folder.
set -euo pipefail
cd "$(dirname "$0")/.."

bundle="${1:-dist/baipishu}"
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
cp -a "$bundle" "$work/app"
chmod -R a-w "$work/app"
mkdir -p "$work/home" "$work/fc-cache"
cat > "$work/fonts.conf" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><cachedir>$work/fc-cache</cachedir></fontconfig>
CONF

isolate=()
if unshare -n true 2>/dev/null; then
  isolate=(unshare -n)
else
  echo "smoke: unshare -n is not allowed here; running with the network namespace as is"
fi

run() {
  "${isolate[@]}" env -i HOME="$work/home" PATH=/usr/bin:/bin LANG="${SMOKE_LANG:-C.UTF-8}" \
    FONTCONFIG_FILE="$work/fonts.conf" QT_QPA_PLATFORM=offscreen "$work/app/baipishu" "$@"
}

run_timed_import() {  # the folder import with the timeline (which says where each file was read)
  "${isolate[@]}" env -i HOME="$work/home" PATH=/usr/bin:/bin LANG="${SMOKE_LANG:-C.UTF-8}" BAIPISHU_TIMING=1 \
    FONTCONFIG_FILE="$work/fonts.conf" QT_QPA_PLATFORM=offscreen "$work/app/baipishu" import "$work/folder"
}

passed=0
check() {  # check NAME COMMAND... : run, require exit 0, keep the output
  local name=$1; shift
  if ! output=$("$@" 2>"$work/stderr"); then
    echo "smoke: $name failed:"; cat "$work/stderr"; echo "$output"
    echo "smoke: $passed passed, 1 failed"; exit 1
  fi
  passed=$((passed + 1))
  echo "smoke: $name ok"
}

check "--version" run --version
[[ $output == baipishu* ]] || { echo "smoke: unexpected version: $output"; exit 1; }
check "--self-test" run --self-test
[[ $output == *'"ok": true'* && $output == *'"ui": "zh_CN", "qt_translated": true'* ]] ||
  { echo "smoke: self-test: $output"; exit 1; }
# The same window in English: the self-test fails on any string of the other
# language among the menus, the tabs and Qt's own dialogs and menus.
run_english() { SMOKE_LANG=en_US.UTF-8 run "$@"; }
check "--self-test in English" run_english --self-test
[[ $output == *'"ok": true'* && $output == *'"ui": "en"'* ]] || { echo "smoke: English self-test: $output"; exit 1; }
check "search" run search 光伏 --json
[[ $output == *'"total": 3'* ]] || { echo "smoke: search: $output"; exit 1; }
# The first start copied the prebuilt library and did no indexing: its index
# is the one built at build time, taken as current.
index_version() {
  "${PYTHON:-.venv/bin/python}" -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT value FROM library_meta WHERE key = ?", ["index_version"]).fetchone()[0])' "$1"
}
user_library=$(find "$work/home" -name library.sqlite | head -n 1)
check "prebuilt index kept" test "$(index_version "$user_library")" = \
  "$(index_version "$work/app/_internal/db/content/library.sqlite")"
check "figures" run figures --json
figure=$(printf '%s' "$output" | sed -n 's/.*"id": "\(p[0-9a-f]*\.1\)".*/\1/p' | head -c 40)
[[ -n $figure ]] || { echo "smoke: figures: no figure id"; exit 1; }
check "cite" run cite "${figure%%\"*}" --style gbt7714
[[ $output == *"人类减贫的中国实践（节选）[R]"* ]] || { echo "smoke: cite: $output"; exit 1; }
printf '一、总则\n\n全市建成学校5所。\n' | iconv -f utf-8 -t gb18030 > "$work/small.txt"
check "import" run import "$work/small.txt" --title 小文件
check "docs" run docs --json
[[ $output == *'"title": "小文件"'* ]] || { echo "smoke: docs after import: $output"; exit 1; }
# Other formats, read by the libraries the executable carries.
pdf=../shared/corpus/law_personal_information_protection_2021.pdf
if [[ -f $pdf ]]; then
  cp "$pdf" "$work/law.pdf"
  check "import pdf" run import "$work/law.pdf"
  check "export pdf pages" run export --doc "$output" --json
  [[ $output == *'"page": 12'* ]] || { echo "smoke: export pdf: no page 12"; exit 1; }
else
  echo "smoke: $pdf is absent: the PDF import is not smoke-tested"
fi
"${PYTHON:-.venv/bin/python}" - "$work/small.docx" <<'PY'
import sys
import docx
document = docx.Document()
document.add_paragraph("关于冒烟测试的通知")
document.add_heading("总体要求", level=1)
document.add_paragraph("全市建成学校8所。")
document.save(sys.argv[1])
PY
check "import docx" run import "$work/small.docx"
printf '%s' '<html><head><meta charset="utf-8"><title>关于网页测试的通知_网站</title></head><body><div id="nav">首页 | 政策</div><div class="content"><p>关于网页测试的通知</p><p>一、总体要求</p><p>全市建成医院3所，覆盖全部街道和乡镇，服务人口达到百万以上。</p></div><div id="footer">版权所有</div></body></html>' > "$work/page.html"
check "import html" run import "$work/page.html"
printf '# 关于标记文本测试的通知\n\n## 一、总体要求\n\n**做好测试工作。**全市建成**图书馆**2所。\n' > "$work/notes.md"
check "import markdown" run import "$work/notes.md"
check "export markdown" run export --doc "$output" --json
[[ $output == *'"text": "做好测试工作。全市建成图书馆2所。"'* ]] || { echo "smoke: export markdown: $output"; exit 1; }
check "docs after formats" run docs --json
[[ $output == *'"title": "关于冒烟测试的通知"'* && $output == *'"title": "关于网页测试的通知"'* &&
  $output == *'"title": "关于标记文本测试的通知"'* ]] ||
  { echo "smoke: docs after the other formats: $output"; exit 1; }
# A folder import: worker processes started from the executable read the
# files (four of 0.65 MB: above the 2 MB that starts them) while it stores.
mkdir -p "$work/folder"
for number in 1 2 3 4; do
  { echo "第${number}份冒烟测试文件"; echo; for _ in $(seq 24); do cat resources/documents/*.txt; done; } \
    > "$work/folder/$number.txt"
done
check "import folder" run_timed_import
[[ $(grep -c '^import_prepared ' <<<"$output") == 4 && $(grep -c '^doc-' <<<"$output") == 4 ]] ||
  { echo "smoke: the folder import's files were not all read by workers: $output"; exit 1; }
# What the window reads from its resources: the catalogues (the English UI's,
# and Qt's strings its own Chinese one lacks) and the guide (F1).
for file in resources/translations/baipishu_en.qm resources/translations/qt_extra_zh_CN.qm \
  resources/help/guide_zh_CN.md resources/help/guide_en.md; do
  [[ -n $(find "$bundle" -path "*/$file" -print -quit) ]] || { echo "smoke: $file is not in the bundle"; exit 1; }
done
passed=$((passed + 1))
echo "smoke: resources ok"
echo "smoke: $passed passed, 0 failed"
