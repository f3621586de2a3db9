"""Bundled fonts: a Latin face with Greek and maths for every formula, a CJK face for Chinese."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from nnsim.paths import resource

# DejaVu Sans Condensed (Bitstream Vera licence; DejaVu changes public domain), cut down
# to Latin, Greek, combining marks, sub-/superscripts and the mathematical blocks: the
# slides' γ, θ, Σ, ∂, ½, −, × from one face, so γ never looks like the target y. Condensed:
# the regular cut is ~9 % wider and pushed the projector layout past 1280 px. See
# resources/fonts/.
LATIN_FONT_FILES = ("DejaVuSansCondensed.ttf", "DejaVuSansCondensed-Bold.ttf")
LATIN_FAMILY = "DejaVu Sans Condensed"
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
    for name in (*LATIN_FONT_FILES, CJK_FONT_FILE):
        path = resource("fonts", name)
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += [
                f for f in QFontDatabase.applicationFontFamilies(font_id) if f not in families
            ]
    _registered = families
    _canvas_fonts.clear()
    return families


def latin_family() -> str:
    """Family for Latin and Greek letters, digits and mathematical symbols."""
    fams = register_fonts()
    return LATIN_FAMILY if LATIN_FAMILY in fams or not fams else fams[0]


def cjk_family() -> str:
    """Family to fall back on for Chinese characters."""
    fams = register_fonts()
    return CJK_FAMILY if CJK_FAMILY in fams or not fams else fams[-1]


def font_families() -> list[str]:
    """The family list every nnsim font uses: the Latin face first, then the CJK face.

    Qt takes each character from the first family that has it (QFont.setFamilies), so
    letters, digits, Greek and maths come from the Latin face and Chinese from the CJK one.
    """
    return list(dict.fromkeys([latin_family(), cjk_family()]))


def ui_font(base: QFont | None = None) -> QFont:
    """The application font: ``base``'s size and style in the bundled Latin + CJK faces.

    The system's default face is not used for Latin text: on many Linux machines it
    resolves to the CJK face, whose γ is hard to tell from y, and the slides' symbols
    (½, ∂, −) are not in every system face.
    """
    font = QFont(base) if base is not None else QFont()
    font.setFamilies(font_families())
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
