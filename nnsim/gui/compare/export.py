"""The Compare view saved as a picture: its pictures, curves and table as shown, PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
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
    from nnsim.gui.plots.export import write_picture

    def draw(p: QPainter, png: bool) -> None:
        if png:
            p.scale(scale, scale)
        widget.render(p, QPoint(0, 0))

    return write_picture(
        path, widget.width(), widget.height(), draw, scale, title="nnsim comparison"
    )


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
