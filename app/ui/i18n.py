"""The UI's language: Simplified Chinese, or English on an English system.

Every UI string goes through :func:`t` (one translation context); the English
catalogue is ``resources/translations/baipishu_en.ts``, compiled to ``.qm``
by ``make setup`` (and at build time). A test checks that every string passed
to :func:`t` has an English translation.
"""

import re

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.paths import resources_dir

CONTEXT = "Baipishu"
CATALOGUE = "baipishu_en"

_translator: QTranslator | None = None
# Qt's own strings (the file dialog's, a message box's buttons, a text
# field's context menu) in the UI's language.
_qt_translator: QTranslator | None = None
# The locale whose translations are installed (None: none yet).
_installed: QLocale | None = None
QT_CATALOGUE = "qtbase_zh_CN"
QT_EXTRA_CATALOGUE = "qt_extra_zh_CN"


def t(text: str) -> str:
    """``text`` (Simplified Chinese) in the UI's language."""
    return QCoreApplication.translate(CONTEXT, text)


def mark(text: str) -> str:
    """Mark a string for the catalogue where it is defined; translate it with
    :func:`t` where it is shown (Qt's QT_TRANSLATE_NOOP)."""
    return text


def install_translator(locale: QLocale | None = None) -> bool:
    """Install the translations of the UI's language for ``locale`` (default:
    the system's): the English catalogue on an English system; else Qt's own
    Simplified Chinese, so that Qt's dialogs and menus speak the UI's
    language. Return whether the English catalogue is in use."""
    global _translator, _qt_translator, _installed
    locale = locale or QLocale.system()
    for old in (_translator, _qt_translator):
        if old is not None:
            QCoreApplication.removeTranslator(old)
    _translator = _qt_translator = None
    _installed = locale
    if locale.language() != QLocale.Language.English:
        qt = QTranslator()
        if qt.load(QT_CATALOGUE, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            QCoreApplication.installTranslator(qt)
            _qt_translator = qt
        # (Installed last, asked first: what Qt's catalogue leaves in English.)
        extra = QTranslator()
        if extra.load(QT_EXTRA_CATALOGUE, str(resources_dir() / "translations")):
            QCoreApplication.installTranslator(extra)
            _translator = extra
        return False
    translator = QTranslator()
    if not translator.load(CATALOGUE, str(resources_dir() / "translations")):
        return False
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return True


def ensure_translator() -> None:
    """Install the UI language's translations unless that was done (a window
    is built only after them)."""
    if _installed is None:
        install_translator()


def qt_translated() -> bool:
    """Whether Qt's own strings are translated (into Simplified Chinese)."""
    return _qt_translator is not None


# A word of the other language: three Latin letters in the Chinese UI (names
# such as PDF aside, as the caller passes them), a Chinese character in the
# English one.
_OTHER_LANGUAGE = {False: re.compile(r"[A-Za-z]{3,}"), True: re.compile(r"[\u3400-\u9fff]")}


def english_installed() -> bool:
    """Whether the UI speaks English (else Simplified Chinese)."""
    return _installed is not None and _installed.language() == QLocale.Language.English


def in_other_language(texts: list[str]) -> list[str]:
    """The ``texts`` that hold a word of the language the UI does not speak
    (the self-test's check that Qt's and the app's catalogues were found)."""
    pattern = _OTHER_LANGUAGE[english_installed()]
    return [text for text in texts if pattern.search(text.replace("&", ""))]
