"""The training plots' registry: a new per-epoch curve is one ``register_plot_column`` call.

A column has a name, a function from a snapshot to a number, and the words of its plot in
both languages. ``PlotData`` (``nnsim.recipes.plot_data``) computes every registered column
for each epoch it keeps, and the error panel (``nnsim.gui.plots.error_plot``) draws each
one in a plot of its own below the loss, titled in the interface's language. So a module
like this is a whole new training plot::

    # nnsim/recipes/plot_weight_norm.py
    import numpy as np
    from nnsim.recipes.plot_columns import register_plot_column

    register_plot_column(
        "weight_norm",
        lambda snap: float(np.linalg.norm(snap.weights)),
        title={"en": "weight norm ‖w‖", "zh_CN": "权重范数 ‖w‖"},
        color="#6f42c1",
    )

(imported once, e.g. from ``nnsim/recipes/__init__.py`` or a lesson's set-up). Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

#: The columns every ``PlotData`` has; a registered name may not take one of them.
BUILT_IN = ("epoch", "index", "train_loss", "val_loss", "train_acc", "val_acc")


@dataclass(frozen=True)
class PlotColumn:
    """One registered per-epoch curve.

    Attributes
    ----------
    name : str
        The column's name in ``PlotData.column``.
    compute : callable
        ``compute(snapshot) -> float`` from an ``nnsim.engine.history.Snapshot`` (its
        ``weights``, ``train_loss``, ``val_loss``, ``penalty``, ...).
    title : dict
        The plot's title per language code ("en", "zh_CN"); English where one is missing.
    color : str
        The curve's colour.
    """

    name: str
    compute: Callable
    title: dict
    color: str = "#6f42c1"

    def title_in(self, language: str) -> str:
        """The title in ``language`` ("en", "zh_CN"), or in English."""
        return self.title.get(language) or self.title.get("en") or self.name

    def value(self, snapshot) -> float:
        """The column's number for one snapshot (NaN when it cannot be computed)."""
        try:
            return float(self.compute(snapshot))
        except (ArithmeticError, ValueError, TypeError, IndexError):
            return float("nan")


_REGISTRY: dict[str, PlotColumn] = {}


def register_plot_column(
    name: str, compute: Callable, *, title: dict | str, color: str = "#6f42c1"
) -> PlotColumn:
    """Add a per-epoch curve to the training plots (or replace the one of that name).

    Parameters
    ----------
    name : str
        The column's name (not one of ``BUILT_IN``).
    compute : callable
        ``compute(snapshot) -> float``.
    title : dict or str
        The plot's title: {"en": ..., "zh_CN": ...}, or one text for both languages.
    color : str
        The curve's colour.

    Returns
    -------
    PlotColumn
    """
    name = str(name)
    if not name or name in BUILT_IN:
        raise ValueError(f"{name!r} cannot name a registered plot column")
    if not callable(compute):
        raise TypeError("compute must be a function of a snapshot")
    titles = {"en": title} if isinstance(title, str) else dict(title)
    column = PlotColumn(name, compute, titles, color)
    _REGISTRY[name] = column
    return column


def unregister_plot_column(name: str) -> None:
    """Remove a registered column (its plot goes from the next frame on)."""
    _REGISTRY.pop(str(name), None)


def plot_columns() -> tuple[PlotColumn, ...]:
    """The registered columns, in the order they were registered."""
    return tuple(_REGISTRY.values())
