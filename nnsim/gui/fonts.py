"""Bundled fonts: register the shipped CJK font so Chinese renders on any machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from nnsim.paths import resource

# WenQuanYi Micro Hei (Apache-2.0 / GPL-3+ with font exception), see resources/fonts/.
CJK_FONT_FILE = "wqy-microhei.ttc"
CJK_FAMILY = "WenQuanYi Micro Hei"

_registered: list[str] | None = None


def register_fonts() -> list[str]:
    """Register the bundled fonts with Qt once; return the families they provide.

    Needs a QGuiApplication. A missing or unreadable font file is not fatal: Qt then
    falls back to whatever the system has.
    """
    global _registered
    if _registered is not None:
        return _registered
    families: list[str] = []
    path = resource("fonts", CJK_FONT_FILE)
    if path.is_file():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families = list(QFontDatabase.applicationFontFamilies(font_id))
    _registered = families
    _canvas_fonts.clear()
    return families


def cjk_family() -> str:
    """Family name to fall back on for Chinese characters."""
    fams = register_fonts()
    return CJK_FAMILY if CJK_FAMILY in fams or not fams else fams[0]


def ui_font(base: QFont | None = None) -> QFont:
    """The application font: the system's Latin face, then the bundled CJK face.

    Listing both families (QFont.setFamilies) lets Qt draw Latin letters and digits with
    the familiar system font and take every Chinese character from the bundled font,
    whether or not the system has one.
    """
    font = QFont(base) if base is not None else QFont()
    first = font.family()
    fams = [f for f in (first, cjk_family()) if f]
    font.setFamilies(list(dict.fromkeys(fams)))
    return font


_canvas_fonts: dict[tuple[int, bool], QFont] = {}


def canvas_font(pixel_size: int, bold: bool = False) -> QFont:
    """Font for text drawn on the canvas (sizes in scene units, so it zooms with the net).

    Cached: items ask for it on every paint.
    """
    key = (int(pixel_size), bool(bold))
    font = _canvas_fonts.get(key)
    if font is None:
        font = ui_font()
        font.setPixelSize(key[0])
        font.setBold(key[1])
        _canvas_fonts[key] = font
    return QFont(font)
