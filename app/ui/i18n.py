"""The UI's language: Simplified Chinese, or English on an English system.

Every UI string goes through :func:`t` (one translation context); the English
catalogue is ``resources/translations/baipishu_en.ts``, compiled to ``.qm``
by ``make setup`` (and at build time). A test checks that every string passed
to :func:`t` has an English translation.
"""

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.paths import resources_dir

CONTEXT = "Baipishu"
CATALOGUE = "baipishu_en"

_translator: QTranslator | None = None


def t(text: str) -> str:
    """``text`` (Simplified Chinese) in the UI's language."""
    return QCoreApplication.translate(CONTEXT, text)


def mark(text: str) -> str:
    """Mark a string for the catalogue where it is defined; translate it with
    :func:`t` where it is shown (Qt's QT_TRANSLATE_NOOP)."""
    return text


def install_translator(locale: QLocale | None = None) -> bool:
    """Load the English catalogue when ``locale`` (default: the system's) is
    English; return whether a translation is in use."""
    global _translator
    locale = locale or QLocale.system()
    if _translator is not None:
        QCoreApplication.removeTranslator(_translator)
        _translator = None
    if locale.language() != QLocale.Language.English:
        return False
    translator = QTranslator()
    if not translator.load(CATALOGUE, str(resources_dir() / "translations")):
        return False
    QCoreApplication.installTranslator(translator)
    _translator = translator
    return True
