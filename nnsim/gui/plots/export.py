"""Export plots and the network canvas to PNG and SVG files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QFileDialog, QGraphicsScene, QWidget

#: The file filter of the export dialogs.
EXPORT_FILTER = "PNG (*.png);;SVG (*.svg)"


class ExportError(ValueError):
    """The file could not be written; the message says why."""


def _suffix(path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in (".png", ".svg"):
        raise ExportError(f"export to .png or .svg, not {suffix or 'a file without a suffix'}")
    return suffix


def write_picture(path, w: int, h: int, draw, scale: float = 2.0, title: str = "nnsim") -> Path:
    """Write a ``w`` × ``h`` picture to PNG or SVG on white; returns the path.

    ``draw(painter, png)`` paints it: into a PNG of ``scale`` times the size (sharp on a
    projector; ``png`` is True) or into an SVG of the size itself. The one writer behind
    every export (plots, canvas, the Compare view).

    Raises
    ------
    ExportError
        For another suffix, or a file that could not be written.
    """
    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".png":
        img = QImage(QSize(int(w * scale), int(h * scale)), QImage.Format.Format_ARGB32)
        img.fill(QColor("#ffffff"))
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        try:
            draw(p, True)
        finally:
            p.end()
        if not img.save(str(path)):
            raise ExportError(f"could not write {path}")
        return path
    from PySide6.QtSvg import QSvgGenerator

    gen = QSvgGenerator()
    gen.setFileName(str(path))
    gen.setSize(QSize(w, h))
    gen.setViewBox(QRectF(0, 0, w, h))
    gen.setTitle(title)
    p = QPainter(gen)
    try:
        p.fillRect(QRectF(0, 0, w, h), QColor("#ffffff"))
        draw(p, False)
    finally:
        p.end()
    if not path.is_file():
        raise ExportError(f"could not write {path}")
    return path


def export_scene(scene: QGraphicsScene, source: QRectF, path, scale: float = 2.0) -> Path:
    """Render ``source`` (scene coordinates) of a graphics scene to PNG or SVG.

    PNG is drawn at ``scale`` times the scene's size on white (sharp on a projector).
    """
    w, h = max(1, int(source.width())), max(1, int(source.height()))

    def draw(p: QPainter, png: bool) -> None:
        if png:
            target = QRectF(0, 0, int(w * scale), int(h * scale))
            scene.render(p, target, source)
        else:
            scene.render(p, QRectF(0, 0, w, h), source, Qt.AspectRatioMode.KeepAspectRatio)

    return write_picture(path, w, h, draw, scale)


def export_canvas(scene, path) -> Path:
    """Export the whole network drawn on the canvas (with a margin) to PNG or SVG."""
    rect = scene.network_rect()
    if rect.isEmpty():
        rect = QRectF(-200, -150, 400, 300)
    return export_scene(scene, rect.adjusted(-30, -30, 30, 30), path)


def export_graphics(item, path, width: int = 1600) -> Path:
    """Export a pyqtgraph item (a plot, or a layout of plots) to PNG or SVG."""
    import pyqtgraph.exporters as pgx

    path = Path(path)
    suffix = _suffix(path)
    if suffix == ".svg":
        # Qt's own SVG generator: pyqtgraph's SVGExporter cannot read the paths Qt 6.12 writes
        scene = item.scene()
        return export_scene(scene, item.sceneBoundingRect(), path)
    else:
        ex = pgx.ImageExporter(item)
        ex.parameters()["width"] = int(width)
        ex.export(str(path))
    if not path.is_file():
        raise ExportError(f"could not write {path}")
    return path


def ask_path(parent: QWidget, title: str, name: str) -> str | None:
    """Ask where to export (PNG or SVG); None when the user cancels."""
    path, chosen = QFileDialog.getSaveFileName(
        parent, title, str(Path.home() / name), EXPORT_FILTER
    )
    if not path:
        return None
    if Path(path).suffix.lower() not in (".png", ".svg"):
        path += ".svg" if chosen.startswith("SVG") else ".png"
    return path
