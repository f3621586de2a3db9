"""Render the app icon (resources/icons/nnsim.svg) into the PNG, .ico and .icns files installers need.

The SVG is the one source; the raster files are build products written under build/,
never committed. Rendering uses Qt's SVG renderer, which the build environment has anyway.
``python packaging/make_icons.py OUT_DIR`` writes them by hand.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

# Sizes of the freedesktop hicolor theme, of a Windows .ico and of a macOS .icns.
HICOLOR_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# .icns element types holding PNG data, by pixel size (Apple's "icp4"… "ic10").
ICNS_TYPES = {
    16: b"icp4",
    32: b"icp5",
    64: b"icp6",
    128: b"ic07",
    256: b"ic08",
    512: b"ic09",
    1024: b"ic10",
}


def render_png(svg: Path, size: int) -> bytes:
    """The SVG drawn on a transparent ``size`` × ``size`` square, as PNG bytes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841  (painting needs one)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not an SVG file Qt can read")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding PNG images (supported since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = pngs[s]
        # Width/height 0 means 256 in the .ico directory.
        entries += struct.pack("<BBBBHHII", s % 256, s % 256, 0, 0, 1, 32, len(data), offset)
        blobs += data
        offset += len(data)
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG images."""
    body = b""
    for s in sorted(pngs):
        kind = ICNS_TYPES[s]
        body += kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s]
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(svg: Path, out: Path) -> dict[str, Path]:
    """Write ``nnsim-<size>.png`` for each hicolor size, ``nnsim.ico`` and ``nnsim.icns`` into ``out``.

    Returns the paths by name (``"ico"``, ``"icns"``, ``"png<size>"``).
    """
    out.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(HICOLOR_SIZES) | set(ICO_SIZES) | set(ICNS_TYPES))
    pngs = {s: render_png(svg, s) for s in sizes}
    paths: dict[str, Path] = {}
    for s in HICOLOR_SIZES:
        p = out / f"nnsim-{s}.png"
        p.write_bytes(pngs[s])
        paths[f"png{s}"] = p
    paths["ico"] = out / "nnsim.ico"
    paths["ico"].write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    paths["icns"] = out / "nnsim.icns"
    paths["icns"].write_bytes(icns_bytes({s: pngs[s] for s in ICNS_TYPES}))
    return paths


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else root / "build" / "icons"
    for name, path in make_icons(root / "resources" / "icons" / "nnsim.svg", target).items():
        print(f"{name:7s} {path}")
