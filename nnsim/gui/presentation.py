"""Presentation mode's frame: the large formula strip under the views, and the panel bar.

In presentation mode (F5) the window gives the current view the screen: the docks
collapse, the tool bar and status bar go, and one strip under the views keeps the
current step's formula large, with a button (F6) that brings the panels back and one
that leaves presentation mode. A shown window goes full screen. ``PresentationLayout``
remembers the window's layout and state (normal, maximised) on the way in and puts them
back exactly on the way out (QMainWindow.saveState/restoreState, the geometry).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSizePolicy,
    QToolButton,
)

from nnsim.gui.style import relative_font

#: Point size of the formula in the strip (the step-through dock's is 22 pt there).
STRIP_POINT_SIZE = 24.0


class PresentationStrip(QFrame):
    """The strip under the central views in presentation mode.

    Left: the current step's formula, mirrored from a label another tool owns (see
    ``follow``). Right: "Panels (F6)" and "Leave (F5)" buttons, which trigger the
    window's actions.
    """

    def __init__(self, panels_action, leave_action, parent=None):
        super().__init__(parent)
        self.setObjectName("presentation_strip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#presentation_strip { background: #fffbea; border-top: 2px solid #e0c97a; }"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 4, 8, 4)
        self.formula = QLabel(self)
        self.formula.setObjectName("presentation_formula")
        self.formula.setWordWrap(True)
        self.formula.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.formula.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.formula.setStyleSheet("color: #000000;")
        row.addWidget(self.formula, 1)
        buttons = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        buttons.setSpacing(2)
        self._buttons = buttons
        self.panels_button = QToolButton(self)
        self.panels_button.setDefaultAction(panels_action)
        self.leave_button = QToolButton(self)
        self.leave_button.setDefaultAction(leave_action)
        for b in (self.panels_button, self.leave_button):
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            b.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            relative_font(b)  # a style-sheeted parent stops the application font reaching it
            buttons.addWidget(b)
        row.addLayout(buttons)
        self._source: QLabel | None = None
        self.set_font_families(self.font().families())
        self.hide()

    def set_compact(self, on: bool) -> None:
        """Only the buttons, side by side (a view other than the network's is in front:
        the step's formula belongs to the canvas)."""
        self.formula.setVisible(not on)
        self._buttons.setDirection(
            QBoxLayout.Direction.LeftToRight if on else QBoxLayout.Direction.TopToBottom
        )
        self.layout().setAlignment(
            self._buttons, Qt.AlignmentFlag.AlignRight if on else Qt.AlignmentFlag(0)
        )

    def set_font_families(self, families) -> None:
        """Use ``families`` (e.g. the step-through's formula font) at the strip's size."""
        f = QFont(self.font())
        f.setFamilies(list(families))
        f.setPointSizeF(STRIP_POINT_SIZE)
        self.formula.setFont(f)
        lines = self.formula.fontMetrics().lineSpacing()
        # two lines of formula always fit; a longer one wraps into a third
        self.formula.setMinimumHeight(2 * lines + 4)

    def follow(self, label: QLabel, *signals) -> None:
        """Show ``label``'s text here, re-read after each of ``signals`` fires.

        Connect after the label's owner has connected its own refresh to the same signals,
        so the text read is the new one.
        """
        self._source = label
        self.set_font_families(label.font().families())
        for sig in signals:
            sig.connect(lambda *_: self.sync())
        self.sync()

    def sync(self) -> None:
        """Copy the followed label's text (and format) now."""
        src = self._source
        if src is None:
            return
        try:
            text, fmt = src.text(), src.textFormat()
        except RuntimeError:  # the label is gone with its window
            return
        self.formula.setTextFormat(fmt)
        self.formula.setText(text)


#: Window states that give the window its size (no geometry of its own to put back).
_SIZED = Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen


def _shown_state(w) -> Qt.WindowState:
    """The window's normal/maximised/full-screen/minimised state (not whether active)."""
    return w.windowState() & ~Qt.WindowState.WindowActive


class PresentationLayout:
    """Collapse a main window's docks for presentation mode and restore them exactly.

    ``enter`` records ``saveState``, the window's geometry and state (normal, maximised, full
    screen) and which bars were shown, then hides every dock, the tool bar and the status
    bar, and puts a shown window full screen; ``leave`` puts all of it back.
    ``toggle_panels`` shows the collapsed docks again (and hides them), one key or click.
    """

    def __init__(self, window: QMainWindow):
        self.window = window
        self.saved: tuple[QByteArray, QRect, dict, Qt.WindowState] | None = None
        self.collapsed: list[QDockWidget] = []
        self.panels_shown = False
        #: Whether ``enter`` puts a shown window full screen. Not on the offscreen platform:
        #: it has no screen to fill (its 800×800 is nobody's projector), and the pictures
        #: and tests drawn there give the window the projector's size themselves.
        self.full_screen = QGuiApplication.platformName() != "offscreen"

    def _docks(self) -> list[QDockWidget]:
        w = self.window
        return [d for d in w.findChildren(QDockWidget) if d.parent() is w]

    def enter(self) -> None:
        """Remember the layout (once) and give the central views the window."""
        w = self.window
        if self.saved is None:
            bars = {"toolbar": w.toolbar.isVisibleTo(w), "status": w.statusBar().isVisibleTo(w)}
            # the geometry itself: saveGeometry keeps the window's "normal" size, which
            # without a window manager is not always the one shown
            self.saved = (w.saveState(), w.geometry(), bars, _shown_state(w))
        self.collapse()
        # the projector's whole screen (a window not shown yet is shown by its caller:
        # ``nnsim gui --presentation`` full screen, a screenshot at its own size)
        if self.full_screen and w.isVisible() and not w.isFullScreen():
            w.showFullScreen()
        w.toolbar.hide()
        w.statusBar().hide()

    def leave_to(self, state: Qt.WindowState) -> None:
        """On leaving, put the window in ``state`` (e.g. maximised) rather than the one it
        had on entering (a window entered before it was first shown)."""
        if self.saved is not None:
            self.saved = (*self.saved[:3], state)

    def collapse(self) -> None:
        """Hide every shown dock (remembered for ``toggle_panels``)."""
        shown = [d for d in self._docks() if d.isVisibleTo(self.window)]
        if shown:
            self.collapsed = shown
        for d in shown:
            d.hide()
        self.panels_shown = False

    def toggle_panels(self) -> bool:
        """Bring the collapsed panels back, or collapse them again; True when now shown."""
        if self.panels_shown:
            self.collapse()
            return False
        for d in self.collapsed:
            d.show()
        self.panels_shown = bool(self.collapsed)
        return self.panels_shown

    def leave(self, after=None) -> None:
        """Put the docks, bars and window geometry back as they were before ``enter``;
        ``after()`` runs after each time the docks are put back (views that hide them)."""
        w = self.window
        if self.saved is None:
            return
        state, geometry, bars, shown = self.saved
        self.saved = None
        if _shown_state(w) != shown:
            w.setWindowState(shown)
        sized = bool(shown & _SIZED)
        if not sized and w.geometry() != geometry:
            w.setGeometry(geometry)
        w.restoreState(state)
        if after is not None:
            after()

        # again when the panels have taken their normal sizes back (a wrapped text's height,
        # a scrolled panel's least width are re-measured only after the layout ran)
        def again(times: int) -> None:
            if w.presentation:
                return
            if not sized and w.geometry() != geometry:  # the least size has shrunk back
                w.setGeometry(geometry)
            shown = {d: d.isVisibleTo(w) for d in self._docks()}  # as the views left them
            w.restoreState(state)
            for d, on in shown.items():
                if d.isVisibleTo(w) != on:
                    d.setVisible(on)
            if times > 1:
                QTimer.singleShot(0, w, lambda: again(times - 1))

        QTimer.singleShot(0, w, lambda: again(3))
        w.toolbar.setVisible(bars["toolbar"])
        w.statusBar().setVisible(bars["status"])
        self.collapsed = []
        self.panels_shown = False


#: Kinds of canvas text that are names or numbers (a box's kind and activation, and the
#: activation symbol in a circle, are words drawn smaller).
MEASURED_TEXTS = frozenset({"name", "bias", "value", "note", "weight", "shape", "link", "caption"})


def projector_figures(window) -> tuple[float, float, bool]:
    """What the class sees of the network canvas now: (the canvas's share of the window,
    the smallest name or number in screen pixels, whether everything drawn is in view).

    For the presentation-mode tests and tests/benchmarks/bench_presentation.py.
    """
    view, scene = window.view, window.scene
    share = view.width() * view.height() / max(window.width() * window.height(), 1)
    texts = [t for t in scene.printed_texts() if t[0] in MEASURED_TEXTS]
    smallest = min((px for _, _, _, px, _ in texts), default=0.0) * view.zoom()
    seen = view.mapToScene(view.viewport().rect()).boundingRect()
    # everything drawn: the layers' frames and boxes, and every text
    parts = [item.mapRectToScene(item.frame_rect()) for item in scene.layer_items.values()]
    parts += [rect for _, _, rect, _, _ in scene.printed_texts()]
    return share, smallest, all(seen.contains(r) for r in parts)
