"""The Compare view saved as a picture: its pictures, curves and table as shown, PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QMessageBox

from nnsim.gui.compare.labels import _t


def render_to(widget, path, scale: float = 2.0) -> Path:
    """Save ``widget`` as it is shown to ``path``: PNG at ``scale`` × its size on screen,
    or SVG; returns the path.

    Raises
    ------
    nnsim.gui.plots.export.ExportError
        For another suffix, or a file that could not be written.
    """
    from nnsim.gui.plots.export import ExportError, _suffix

    path = Path(path)
    suffix = _suffix(path)
    w, h = widget.width(), widget.height()
    if suffix == ".png":
        img = QImage(QSize(int(w * scale), int(h * scale)), QImage.Format.Format_ARGB32)
        img.fill(QColor("#ffffff"))
        p = QPainter(img)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        p.scale(scale, scale)
        try:
            widget.render(p, QPoint(0, 0))
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
    gen.setTitle("nnsim comparison")
    p = QPainter(gen)
    try:
        p.fillRect(QRectF(0, 0, w, h), QColor("#ffffff"))
        widget.render(p, QPoint(0, 0))
    finally:
        p.end()
    if not path.is_file():
        raise ExportError(f"could not write {path}")
    return path


def ask_and_export(view) -> None:
    """Ask for a file and export ``view`` (a CompareView) to it; say so if it fails."""
    from nnsim.gui.plots.export import ExportError, ask_path

    path = ask_path(view, _t("Export the comparison"), "comparison.png")
    if not path:
        return
    try:
        view.export(path)
    except (ExportError, OSError) as e:
        QMessageBox.warning(view, _t("Could not export"), str(e))
