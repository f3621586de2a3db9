"""The convolution demo's sliding window: input, kernel, products, feature map, their sum and the player."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nnsim.engine.network import Network
from nnsim.engine.notation import factor, fmt
from nnsim.gui.demos.matrix import MatrixView
from nnsim.gui.demos.widgets import GREEN, HIGHLIGHT, tint
from nnsim.gui.i18n import translator
from nnsim.gui.mathtext import labelled_html, math_html

# the strings keep the convolution demo's context: demos_zh_CN.ts translates them there
_CONTEXT = "demos.conv"

_t = translator(_CONTEXT)


class SlidingWindow(QWidget):
    """I ⊙ K = products, Σ → one cell of S, for one window position at a time.

    The panel hands it the engine's network and feature map (``show_result``); the window
    then moves by itself (play), by the buttons or the slider, and asks the layer for the
    products under it (``Conv2D.products``). ``controls`` is the player's row, where the
    panel may add buttons of its own.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._net: Network | None = None
        self._out: np.ndarray | None = None
        self._image = np.zeros((7, 7))
        self._kernel = np.zeros((3, 3))
        self._stride, self._padding = 1, 0
        self._convolution = False
        self._position = 0

        self.input_view = MatrixView(
            7, 7, "ink", digits=2, paintable=True, editable=True, parent=self
        )
        self.input_view.value_range = (0.0, 1.0)
        self.applied_view = MatrixView(3, 3, "signed", digits=3, parent=self)
        self.products_view = MatrixView(3, 3, "signed", digits=3, parent=self)
        self.output_view = MatrixView(5, 5, "signed", digits=3, parent=self)
        self.flip_label = QLabel(self)
        self.flip_label.setWordWrap(True)
        tint(self.flip_label, HIGHLIGHT)
        self.stored_view = MatrixView(3, 3, "signed", digits=3, parent=self)
        self.stored_view.setMaximumSize(160, 160)
        self.applied_view.setMaximumHeight(220)
        self.formula_label = QLabel(self)
        self.formula_label.setWordWrap(True)
        self.sum_label = QLabel(self)
        self.sum_label.setWordWrap(True)
        # formulas set like the slides (nnsim.gui.mathtext)
        for w in (self.formula_label, self.flip_label, self.sum_label):
            w.setTextFormat(Qt.TextFormat.RichText)
        self.sum_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._sum_font()

        anim = QGridLayout()
        anim.addWidget(self.input_view, 1, 0)
        self.times_label = QLabel("⊙", self)
        self.eq_label = QLabel("=", self)
        self.sum_arrow = QLabel("Σ →", self)
        for w in (self.times_label, self.eq_label, self.sum_arrow):
            f = w.font()
            f.setPointSizeF(f.pointSizeF() * 1.8)
            w.setFont(f)
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
        anim.addWidget(self.times_label, 1, 1)
        kcol = QVBoxLayout()
        kcol.addStretch(1)
        kcol.addWidget(self.applied_view, 3)
        kcol.addWidget(self.flip_label)
        kcol.addWidget(self.stored_view, 2)
        kcol.addStretch(1)
        anim.addLayout(kcol, 1, 2)
        anim.addWidget(self.eq_label, 1, 3)
        anim.addWidget(self.products_view, 1, 4)
        anim.addWidget(self.sum_arrow, 1, 5)
        anim.addWidget(self.output_view, 1, 6)
        anim.setColumnStretch(0, 5)
        anim.setColumnStretch(2, 2)
        anim.setColumnStretch(4, 2)
        anim.setColumnStretch(6, 4)
        anim.setRowStretch(1, 1)

        SP = QStyle.StandardPixmap
        self.btn_first = QPushButton(self)
        self.btn_back = QPushButton(self)
        self.btn_play = QPushButton(self)
        self.btn_play.setCheckable(True)
        self.btn_next = QPushButton(self)
        self.btn_all = QPushButton(self)
        for b, icon in (
            (self.btn_first, SP.SP_MediaSkipBackward),
            (self.btn_back, SP.SP_MediaSeekBackward),
            (self.btn_play, SP.SP_MediaPlay),
            (self.btn_next, SP.SP_MediaSeekForward),
            (self.btn_all, SP.SP_MediaSkipForward),
        ):
            b.setIcon(self.style().standardIcon(icon))
        self.position_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.speed = QSlider(Qt.Orientation.Horizontal, self)
        self.speed.setRange(1, 10)
        self.speed.setValue(4)
        self.speed.setMaximumWidth(140)
        self.lbl_speed = QLabel(self)
        self.position_label = QLabel(self)
        self.controls = QHBoxLayout()
        for b in (self.btn_first, self.btn_back, self.btn_play, self.btn_next, self.btn_all):
            b.setMinimumWidth(48)
            self.controls.addWidget(b)
        self.controls.addWidget(self.position_slider, 1)
        self.controls.addWidget(self.position_label)
        self.controls.addWidget(self.lbl_speed)
        self.controls.addWidget(self.speed)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(anim, 1)
        lay.addWidget(self.formula_label)
        lay.addWidget(self.sum_label)
        lay.addLayout(self.controls)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.btn_first.clicked.connect(lambda: self.set_position(0))
        self.btn_back.clicked.connect(lambda: self.set_position(self._position - 1))
        self.btn_next.clicked.connect(lambda: self.set_position(self._position + 1))
        self.btn_all.clicked.connect(lambda: self.set_position(self.n_positions - 1))
        self.btn_play.toggled.connect(self.play)
        self.position_slider.valueChanged.connect(self.set_position)
        self.speed.valueChanged.connect(self._speed_changed)
        self.retranslate_ui()

    # ------------------------------------------------------------------ state
    def show_result(
        self,
        image: np.ndarray,
        kernel: np.ndarray,
        stride: int,
        padding: int,
        convolution: bool,
        net: Network | None,
        out: np.ndarray | None,
        keep_position: bool = False,
    ) -> None:
        """Show a computed feature map (``net`` and ``out`` None: the window does not fit).

        The window goes back to the first position unless ``keep_position``.
        """
        self._image, self._kernel = image, kernel
        self._stride, self._padding = int(stride), int(padding)
        self._convolution = bool(convolution)
        self._net, self._out = net, out
        fits = net is not None
        self.input_view.set_matrix(image, pad=padding)
        self.input_view.show_values = image.size <= 100
        self.stored_view.set_matrix(kernel)
        if not keep_position:
            self._position = 0
        n = self.n_positions
        self._position = min(self._position, max(n - 1, 0))
        self.position_slider.blockSignals(True)
        self.position_slider.setRange(0, max(n - 1, 0))
        self.position_slider.setValue(self._position)
        self.position_slider.blockSignals(False)
        for b in (
            self.btn_first,
            self.btn_back,
            self.btn_play,
            self.btn_next,
            self.btn_all,
            self.position_slider,
        ):
            b.setEnabled(fits)
        if not fits:
            self.play(False)
        self._show_position()
        self._mode_texts()

    def set_input_editable(self, on: bool) -> None:
        """Let the mouse paint and type into the input (the 7×7 grid) or not (digits)."""
        self.input_view.paintable = bool(on)
        self.input_view.editable = bool(on)

    @property
    def n_positions(self) -> int:
        """Number of output positions (0 when the window does not fit)."""
        return 0 if self._out is None else int(self._out.size)

    @property
    def position(self) -> int:
        """Index of the current output position (row-major)."""
        return self._position

    def products(self):
        """The engine's ConvProducts at the current position (None if it does not fit)."""
        if self._net is None or self._out is None:
            return None
        i, j = divmod(self._position, self._out.shape[1])
        return self._net.layers["conv"].products(0, 0, i, j)

    def set_position(self, k: int) -> None:
        """Move the window to output position ``k`` (row-major); the map shows 0..k."""
        n = self.n_positions
        if n == 0:
            return
        self._position = int(min(max(k, 0), n - 1))
        self.position_slider.blockSignals(True)
        self.position_slider.setValue(self._position)
        self.position_slider.blockSignals(False)
        self._show_position()

    def _show_position(self) -> None:
        k = self._kernel
        f = k.shape[0]
        pr = self.products()
        if pr is None:
            self.applied_view.set_matrix(k if not self._convolution else k[::-1, ::-1])
            self.products_view.set_matrix(np.zeros_like(k), blank=np.ones(k.shape, bool))
            self.output_view.set_matrix(np.zeros((1, 1)), blank=np.ones((1, 1), bool))
            self.output_view.set_highlights([])
            self.input_view.set_highlights(self._fit_highlights())
            self.sum_label.setText("")
            self.position_label.setText("")
            return
        rows, cols = pr.field
        self.input_view.set_highlights([(rows.start, cols.start, f, f, HIGHLIGHT)])
        self.applied_view.set_matrix(pr.kernel[0])
        self.products_view.set_matrix(pr.products[0])
        out = self._out
        blank = np.arange(out.size).reshape(out.shape) > self._position
        self.output_view.set_matrix(out, blank=blank)
        self.output_view.show_values = out.size <= 100
        i, j = divmod(self._position, out.shape[1])
        self.output_view.set_highlights([(i, j, 1, 1, HIGHLIGHT)])
        self.position_label.setText(f"{self._position + 1}/{out.size}")
        self._update_sum(pr, i, j)

    def _fit_highlights(self) -> list:
        """Window positions along the first row when the window does not fit."""
        f, s, p = self._kernel.shape[0], self._stride, self._padding
        w = self._image.shape[1] + 2 * p
        return [(-p, a - p, f, f, GREEN) for a in range(0, w - f + 1, s)][:6]

    def _update_sum(self, pr, i: int, j: int) -> None:
        terms = list(zip(pr.window[0].ravel(), pr.kernel[0].ravel()))
        if len(terms) <= 9:
            body = " + ".join(f"{factor(a, 3)}×{factor(b, 3)}" for a, b in terms)
        else:
            body = _t("the sum of the {0} products").format(len(terms))
        self.sum_label.setText(math_html(f"S({i + 1},{j + 1}) = {body} = {fmt(pr.total, 4)}"))

    # ------------------------------------------------------------------ texts
    def _mode_texts(self) -> None:
        tr = _t
        if self._convolution:
            self.applied_view.set_title(tr("K flipped"))
            self.flip_label.setText(
                labelled_html(
                    tr("Convolution flips K by 180° before sliding it: K(m, n) → K(−m, −n).")
                )
            )
            self.formula_label.setText(
                labelled_html(tr("Convolution: S(i,j) = Σ_m Σ_n I(i − m, j − n) K(m, n)"))
            )
            self.stored_view.show()
        else:
            self.applied_view.set_title(tr("Kernel K"))
            self.flip_label.setText(tr("Cross-correlation uses K as it is (no flip)."))
            self.formula_label.setText(
                labelled_html(tr("Cross-correlation: S(i,j) = Σ_m Σ_n I(i + m, j + n) K(m, n)"))
            )
            self.stored_view.hide()

    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        tr = _t
        self.input_view.set_title(tr("Input I"))
        self.products_view.set_title(tr("Products"))
        self.output_view.set_title(tr("Feature map S"))
        self.stored_view.set_title(tr("K as stored"))
        self.lbl_speed.setText(tr("Speed"))
        self.btn_first.setToolTip(tr("First position"))
        self.btn_back.setToolTip(tr("One position back"))
        self.btn_play.setToolTip(tr("Play / pause the sliding window"))
        self.btn_next.setToolTip(tr("Next position"))
        self.btn_all.setToolTip(tr("Compute every position"))
        self._mode_texts()
        pr = self.products()
        if pr is not None:
            self._update_sum(pr, *divmod(self._position, self._out.shape[1]))

    def _sum_font(self) -> None:
        f = QFont(self.font())
        f.setPointSizeF(max(f.pointSizeF(), 6) * 1.2)
        self.sum_label.setFont(f)
        self.formula_label.setFont(f)

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            self._sum_font()
        super().changeEvent(event)

    # ------------------------------------------------------------------ playing
    def _speed_changed(self, v: int) -> None:
        self.timer.setInterval(self._interval())

    def _interval(self) -> int:
        # speed 1 → 1.5 s per position (talking speed), 10 → 30 ms (sweep a 28×28 map)
        return int(1500 * (0.02 ** ((self.speed.value() - 1) / 9)))

    def play(self, on: bool) -> None:
        """Start or stop the window sliding on its own."""
        on = bool(on) and self._net is not None
        if self.btn_play.isChecked() != on:
            self.btn_play.blockSignals(True)
            self.btn_play.setChecked(on)
            self.btn_play.blockSignals(False)
        icon = QStyle.StandardPixmap.SP_MediaPause if on else QStyle.StandardPixmap.SP_MediaPlay
        self.btn_play.setIcon(self.style().standardIcon(icon))
        if on:
            if self._position >= self.n_positions - 1:
                self.set_position(0)
            self.timer.start(self._interval())
        else:
            self.timer.stop()

    def _tick(self) -> None:
        if self._position >= self.n_positions - 1:
            self.play(False)
            return
        self.set_position(self._position + 1)
