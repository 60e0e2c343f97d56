"""User-facing messages of the core, in Simplified Chinese or English.

The language follows the usual POSIX variables (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``): English when the first one set starts with ``en``,
Simplified Chinese otherwise, since that is the language of the documents and
of most users.
"""

import os
import unicodedata

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (Simplified Chinese, English)
    "file_missing": ("找不到文件 {path}。", "File {path} does not exist."),
    "file_unreadable": ("无法读取文件 {path}：{reason}。", "Cannot read file {path}: {reason}."),
    "reason_directory": ("这是一个文件夹", "it is a folder"),
    "reason_not_file": ("这不是普通文件（管道或设备）", "it is not a regular file (a pipe or a device)"),
    "file_empty": ("文件 {path} 是空的，没有可导入的文字。", "File {path} is empty: there is no text to import."),
    "file_binary": (
        "文件 {path} 不是文本文件（含有二进制数据），无法导入。",
        "File {path} is not a text file (it contains binary data) and cannot be imported.",
    ),
    "file_truncated_utf8": (
        "文件 {path} 末尾的 UTF-8 字符不完整（文件可能被截断），未导入。",
        "File {path} ends with an incomplete UTF-8 character (the file may be truncated); it was not imported.",
    ),
    "file_encoding": (
        "无法识别文件 {path} 的编码（既不是 UTF-8，也不是 GB18030/GBK），未导入。",
        "Cannot tell the encoding of file {path} (it is neither UTF-8 nor GB18030/GBK); it was not imported.",
    ),
    "file_legacy_word": (
        "文件 {path} 是旧版 Word（.doc）或 WPS 文档，无法直接导入；请在 Word 或 WPS 中另存为 .docx 后再导入。",
        "File {path} is a legacy Word (.doc) or WPS document and cannot be imported as it is; "
        "save it as .docx in Word or WPS, then import that.",
    ),
    "file_pdf_no_text": (
        "文件 {path} 是没有文字层的 PDF（扫描图像），无法导入；请使用带文字的 PDF，或先做文字识别（OCR）。",
        "File {path} is a PDF without a text layer (scanned images) and cannot be imported; "
        "use a PDF with text, or run text recognition (OCR) on it first.",
    ),
    "file_pdf_encrypted": (
        "文件 {path} 是加密的 PDF，需要密码才能读取，未导入；请先去掉密码再导入。",
        "File {path} is an encrypted PDF that needs a password; it was not imported. Remove the password first.",
    ),
    "file_broken": (
        "文件 {path} 已损坏或不完整，无法读取为 {format}，未导入。",
        "File {path} is damaged or incomplete and cannot be read as {format}; it was not imported.",
    ),
    "file_too_large": (
        "文件 {path} 过大（{what}），未导入。",
        "File {path} is too large ({what}); it was not imported.",
    ),
    "images_left_out": (
        "另有 {count} 张图片未收录（只导入文字）。",
        "{count} images were left out (only the text is imported).",
    ),
    "interrupted": ("已中断；进行中的更改均已撤销。", "Interrupted; any change in progress was rolled back."),
    "import_refused_some": (
        "{total} 个文件中有 {count} 个未导入：{reasons}",
        "{count} of {total} files were not imported: {reasons}",
    ),
    "import_title_one_file": (
        "--title 只能用于导入一个文件。",
        "--title can be given only when one file is imported.",
    ),
    "import_folder_empty": (
        "文件夹 {path} 中没有可导入的文件。",
        "Folder {path} holds no file that can be imported.",
    ),
    "file_changed": (
        "文件 {path} 在导入过程中被改动了，未导入；请再导入一次。",
        "File {path} changed while it was being imported; it was not imported. Import it again.",
    ),
    "file_no_paragraphs": (
        "文件 {path} 中没有正文段落，未导入。",
        "File {path} has no paragraphs of text; it was not imported.",
    ),
    "doc_not_found": ("文库中没有编号为 {id} 的文档。", "The library has no document with id {id}."),
    "note_not_found": ("没有编号为 {id} 的笔记。", "There is no note with id {id}."),
    "note_outside": (
        "要标记的第 {start}–{end} 个字不在这一段里（这一段共 {length} 个字）。",
        "Characters {start}–{end} are not in this paragraph (it has {length}).",
    ),
    "note_color": (
        "没有“{color}”这种标记颜色，可用的有：{colors}。",
        "There is no highlight colour “{color}”: use {colors}.",
    ),
    "notes_heading": ("《{title}》笔记", "Notes on {title}"),
    "note_missing": ("（原段落已不在文库中）", "(its paragraph is no longer in the library)"),
    "no_notes": ("这份文档还没有笔记。", "This document has no notes yet."),
    "bookmark_blank": ("书签的名称不能为空。", "A bookmark needs a name."),
    "para_not_found": ("文库中没有编号为 {id} 的段落或数据。", "The library has no paragraph or figure with id {id}."),
    "para_ambiguous": (
        "编号 {id} 在多个文档中出现，请写成“文档编号/{id}”：{choices}。",
        "Id {id} occurs in several documents; write it as DOCUMENT/{id}: {choices}.",
    ),
    "library_unwritable": (
        "文库目录 {path} 无法写入：{reason}。",
        "The library folder {path} cannot be written: {reason}.",
    ),
    "library_not_db": (
        "文库文件 {path} 不是 Baipishu 的数据库（{reason}）。",
        "The library file {path} is not a Baipishu database ({reason}).",
    ),
    "library_too_new": (
        "文库文件 {path} 由更新版本的 Baipishu 创建（数据结构版本 {found}，本程序支持 {supported}），请升级程序。",
        "The library file {path} was made by a newer Baipishu (schema version {found}; this "
        "program supports {supported}); please upgrade.",
    ),
    "doc_exists": (
        "文库中已有编号为 {id} 的文档；如需替换，请先删除它。",
        "The library already holds a document with id {id}; remove it first to replace it.",
    ),
    "library_error": ("文库数据库出错：{reason}。", "The library database failed: {reason}."),
    "query_truncated": (
        "查询过长，只搜索了前 {limit} 个字符。",
        "The query is too long; only its first {limit} characters were searched.",
    ),
    "query_only_excluded": (
        "查询里只有排除词（-词），没有要查找的内容。",
        "The query only excludes words (-word); there is nothing to look for.",
    ),
    "no_gui": (
        "无法启动窗口（{reason}）；命令行功能仍可使用，见 baipishu --help。",
        "Cannot start the window ({reason}); the command line still works, see baipishu --help.",
    ),
    "no_display": (
        "没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY），无法打开窗口；"
        "可在桌面环境中运行，或用 xvfb-run baipishu，或使用命令行（baipishu --help）。",
        "No graphical display is available (neither DISPLAY nor WAYLAND_DISPLAY is set), so the "
        "window cannot open; run it on a desktop, or with xvfb-run baipishu, or use the command "
        "line (baipishu --help).",
    ),
    "bad_link": (
        "无法打开链接 {link}：这不是有效的 Baipishu 链接（格式：baipishu://文档编号/段落编号）。",
        "Cannot open the link {link}: it is not a valid Baipishu link (baipishu://DOCUMENT/PARAGRAPH).",
    ),
    "library_recovered": (
        "文库文件已损坏，已移至 {path} 保存，并从原文重建了文库（找回 {count} 份导入的文档；书签和笔记不受影响）。",
        "The library file was damaged: it was kept aside as {path} and the library was rebuilt from the "
        "sources ({count} imported documents recovered; bookmarks and notes are unaffected).",
    ),
    "library_locked": (
        "文库 {path} 正被另一个程序写入（数据库被锁定），请稍后再试；文库未改动。",
        "The library {path} is being written by another program (the database is locked); try again "
        "later. Nothing was changed.",
    ),
    "library_disk_full": (
        "无法写入文库 {path}：磁盘已满或无法写入；文库未改动。",
        "Cannot write to the library {path}: the disk is full or failing. Nothing was changed.",
    ),
    "library_read_only": (
        "文库 {path} 是只读的，无法写入；文库未改动。",
        "The library {path} is read-only and cannot be written. Nothing was changed.",
    ),
    "reason_read_only_fs": ("所在的磁盘是只读的", "the disk is read-only"),
    "reason_no_permission": ("没有写入权限", "there is no permission to write"),
    "reason_no_space": ("磁盘已满", "the disk is full"),
    "meta_bad_field": (
        "元数据字段 {field} 不能修改（可修改：{fields}）。",
        "Metadata field {field} cannot be edited (editable: {fields}).",
    ),
    "meta_bad_date": (
        "日期 {value} 无效：请写成 YYYY-MM-DD（如 2021-04-06），或留空。",
        "Date {value} is not valid: write it as YYYY-MM-DD (e.g. 2021-04-06), or leave it empty.",
    ),
    "meta_bad_genre": ("未知的文体 {value}（可选：{genres}）。", "Unknown genre {value} (one of: {genres})."),
    "meta_empty_title": ("标题不能为空。", "The title cannot be empty."),
    "meta_too_long": ("{field} 太长（最多 {limit} 个字符）。", "{field} is too long (at most {limit} characters)."),
    "meta_bad_url": (
        "网址 {value} 无效：请写以 https:// 或 http:// 开头的网址。",
        "Address {value} is not valid: write an address that starts with https:// or http://.",
    ),
    "query_figures": (
        "按数值查找 {query}：{count} 段含有这样的数据（不论写法，如 1865万千瓦 = 18650000千瓦）。",
        "Figures by value {query}: {count} paragraphs hold such a figure, however it is written.",
    ),
    "bad_unit": (
        "无法识别单位 {unit}：请写成文中的单位（如 亿元、%、万人、千瓦），或单位类别（{families}）。",
        "Unknown unit {unit}: write a unit as the text does (亿元, %, 万人, 千瓦) or a family ({families}).",
    ),
    "open_in_app": ("在白皮书阅览中打开", "Open in Baipishu"),
    "official_text": ("官方原文", "Official text"),
    "bad_style": ("不支持的引用格式 {style}。", "Unknown citation style {style}."),
    "within_needs_doc": ("--within 须与 --doc（文档编号）一起使用。", "--within needs --doc (the document id)."),
    "node_not_found": ("文档 {doc} 中没有编号为 {id} 的单元。", "Document {doc} has no unit with id {id}."),
}


def language() -> str:
    """Return ``"en"`` or ``"zh"`` from the environment's locale variables."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def os_reason(exc: OSError) -> str:
    """Why an operating-system call failed, in the user's language when the
    reason is a usual one (otherwise the system's own words)."""
    import errno

    key = {
        errno.EROFS: "reason_read_only_fs",
        errno.EACCES: "reason_no_permission",
        errno.EPERM: "reason_no_permission",
        errno.ENOSPC: "reason_no_space",
    }.get(exc.errno or 0)
    return tr(key) if key else str(exc.strerror or exc)


def tr(key: str, **fields: object) -> str:
    """Return message ``key`` in the user's language, formatted with ``fields``."""
    zh, en = MESSAGES[key]
    template = en if language() == "en" else zh
    return template.format(**{name: _shown(value) for name, value in fields.items()})


def _shown(value: object) -> object:
    """A field as a message shows it. Ids, paths and reasons come from outside:
    their control and format characters (a newline, a bidi override) are
    written as escapes, so that a message stays one line of plain text."""
    if not isinstance(value, str | os.PathLike):
        return value
    text = os.fspath(value)
    if not isinstance(text, str):
        return value
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char)[0] == "C" else char for char in text
    )
