"""The bundled fonts: Latin, Greek and maths from the Latin face (γ ≠ y), Chinese from the CJK face."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QImage, QPainter, QRawFont, QTextLayout

from nnsim.paths import resource

# The characters the slides' formulas need, as the issue lists them.
SYMBOLS = "γyθβΣ∂ŷ½−×"


def glyph_runs(text: str, font: QFont) -> list[tuple[str, list[int]]]:
    """(family, glyph indexes) of each run Qt lays ``text`` out in with ``font``."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(r.rawFont().familyName(), list(r.glyphIndexes())) for r in layout.glyphRuns()]


@pytest.fixture
def app_font(qapp):
    from nnsim.gui.app import application

    return QFont(application().font())


def test_latin_fonts_and_licence_are_shipped():
    from nnsim.gui.fonts import LATIN_FONT_FILES

    for name in LATIN_FONT_FILES:
        path = resource("fonts", name)
        # cut down to the blocks nnsim draws: a few hundred KB, not the full 750 KB face
        assert 100_000 < path.stat().st_size < 500_000, name
    assert "Bitstream" in resource("fonts", "DejaVu-LICENSE.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("ch", SYMBOLS)
def test_formula_symbols_come_from_the_bundled_latin_face(app_font, ch):
    from nnsim.gui.fonts import LATIN_FAMILY

    bundled = QRawFont(str(resource("fonts", "DejaVuSansCondensed.ttf")), 14)
    assert bundled.supportsCharacter(ord(ch))
    runs = glyph_runs(ch, app_font)
    assert [fam for fam, _ in runs] == [LATIN_FAMILY]
    # a real glyph, not the empty box (index 0); where the system has the full DejaVu face
    # too, Qt may take that one, whose glyph numbers differ from the cut-down file's
    assert runs[0][1] and runs[0][1][0] != 0


def test_whole_formula_is_one_latin_run_and_gamma_differs_from_y(app_font):
    from nnsim.gui.fonts import LATIN_FAMILY

    runs = glyph_runs("ReLU(β₁ − γ₁) ≠ y", app_font)
    assert [fam for fam, _ in runs] == [LATIN_FAMILY]
    (gamma,), (y,) = (glyph_runs(c, app_font)[0][1] for c in "γy")
    assert gamma != y
    # and they look different: the two glyphs' pixels differ in many places
    images = []
    for ch in "γy":
        img = QImage(40, 40, QImage.Format.Format_Grayscale8)
        img.fill(255)
        p = QPainter(img)
        f = QFont(app_font)
        f.setPixelSize(30)
        p.setFont(f)
        p.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, ch)
        p.end()
        images.append(img)
    differing = sum(
        images[0].pixelColor(x, y0).value() != images[1].pixelColor(x, y0).value()
        for x in range(40)
        for y0 in range(40)
    )
    assert differing > 40


def test_chinese_still_comes_from_the_cjk_face(app_font):
    from nnsim.gui.fonts import CJK_FAMILY, LATIN_FAMILY

    for ch in "隐层的阈值":
        assert [fam for fam, _ in glyph_runs(ch, app_font)] == [CJK_FAMILY], ch
    # a mixed line takes each script from its own face
    families = {fam for fam, _ in glyph_runs("隐层 h1 的阈值 θ", app_font)}
    assert families == {CJK_FAMILY, LATIN_FAMILY}
    assert QFontInfo(app_font).family() == LATIN_FAMILY


def test_canvas_and_italic_fonts_keep_the_families(qapp):
    from nnsim.gui.fonts import CJK_FAMILY, LATIN_FAMILY, canvas_font

    f = canvas_font(20, bold=True)
    assert f.families() == [LATIN_FAMILY, CJK_FAMILY]
    assert [fam for fam, _ in glyph_runs("γ₁", f)] == [LATIN_FAMILY]
    assert LATIN_FAMILY in QFontDatabase.families()


_NO_SYSTEM_FONTS = """
import sys
from PySide6.QtGui import QFont, QFontInfo, QImage, QPainter, QTextLayout
from PySide6.QtCore import Qt
from nnsim.gui.app import application
from nnsim.gui.fonts import CJK_FAMILY, LATIN_FAMILY

app = application()

def runs(text, font):
    lay = QTextLayout(text, font)
    lay.beginLayout(); lay.createLine(); lay.endLayout()
    return [(r.rawFont().familyName(), list(r.glyphIndexes())) for r in lay.glyphRuns()]

def pixels(ch, italic):
    img = QImage(40, 40, QImage.Format.Format_Grayscale8)
    img.fill(255)
    p = QPainter(img)
    f = QFont(app.font()); f.setPixelSize(30); f.setItalic(italic)
    p.setFont(f); p.drawText(img.rect(), Qt.AlignmentFlag.AlignCenter, ch); p.end()
    return [img.pixelColor(x, y).value() for x in range(40) for y in range(40)]

f = app.font()
assert QFontInfo(f).family() == LATIN_FAMILY, QFontInfo(f).family()
for ch in "γyθβΣ∂ŷ½−×":
    (fam, glyphs), = runs(ch, f)
    assert fam == LATIN_FAMILY and glyphs[0] != 0, (ch, fam, glyphs)
assert {fam for fam, _ in runs("隐层 θ", f)} == {CJK_FAMILY, LATIN_FAMILY}
# italic variables: slanted by Qt when only the upright face is there
assert sum(a != b for a, b in zip(pixels("γ", False), pixels("γ", True))) > 40
print("ok")
"""


def test_bundled_fonts_alone_draw_formulas_and_chinese(tmp_path):
    """On a machine with no fonts of its own (a fresh Windows or a bare container), the
    shipped faces alone give Latin, Greek, maths, italics and Chinese: fontconfig is
    pointed at an empty configuration in a child process."""
    import os
    import subprocess
    import sys

    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>',
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", _NO_SYSTEM_FONTS],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-2000:]
