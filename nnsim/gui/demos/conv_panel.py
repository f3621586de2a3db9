"""The convolution demo: an input, a kernel editor, the output-size formula and the sliding window.

Every number comes from the engine: the panel builds an ``Input → Conv2D`` network with
the kernel, stride, padding and mode chosen, runs it forward and asks the layer for the
products under the window (``Conv2D.products``); the output size and its formula are
``nnsim.engine.convshape``'s, and a size that does not fit is the engine's error,
explained with a picture of where the windows land.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nnsim.engine.convshape import ConvShapeError, conv_output_formula, conv_output_size
from nnsim.engine.network import Network
from nnsim.engine.notation import factor, fmt
from nnsim.gui.demos.draw import DigitCanvas
from nnsim.gui.demos.matrix import MatrixView
from nnsim.gui.demos.widgets import (
    GREEN,
    HIGHLIGHT,
    RED,
    OutlineFrame,
    caption,
    heading,
    restyle_heading,
    tint,
)
from nnsim.gui.i18n import translator
from nnsim.gui.mathtext import labelled_html, math_html
from nnsim.recipes.conv import PRESETS, feature_map, lecture_seven, preset_kernel

_CONTEXT = "demos.conv"

_t = translator(_CONTEXT)


def fit_explanation(n: int, f: int, s: int, p: int) -> str:
    """Why a window does not fit along one axis, with the numbers, and how to make it fit."""
    tr = _t
    formula = conv_output_formula(n, f, s, p)
    width = n + 2 * p
    if f > width:
        return tr(
            "The {0}-wide window is larger than the input ({1} wide with padding): "
            "{2}. There is no position where it fits. Use a smaller kernel or more padding."
        ).format(f, width, formula)
    starts = list(range(0, width - f + 1, s))
    nxt = starts[-1] + s
    left = width - (starts[-1] + f)  # columns after the last full window
    fixes = [str(k) for k in range(1, 6) if (width - f) % k == 0]
    pads = [str(q) for q in range(0, 4) if q != p and (n + 2 * q - f) % s == 0 and f <= n + 2 * q]
    text = tr(
        "Output size {0} is not a whole number: the window does not fit. With stride {1} the "
        "{2}-wide window starts at columns {3}; the next start, column {4}, would need columns "
        "{4}–{5}, but the input ends at column {6}. The last {7} column(s) would never be covered "
        "completely: a framework would silently drop them. nnsim refuses the layer instead."
    ).format(
        formula,
        s,
        f,
        ", ".join(str(a + 1) for a in starts),
        nxt + 1,
        nxt + f,
        width,
        left,
    )
    hints = []
    if fixes:
        hints.append(tr("stride {0}").format(tr(" or ").join(fixes)))
    if pads:
        hints.append(tr("padding {0}").format(tr(" or ").join(pads)))
    if hints:
        text += " " + tr("It fits with {0}.").format(tr("; ").join(hints))
    return text


class FitStrip(QWidget):
    """One axis of the input as a row of cells, with every window position drawn below.

    Windows that fit are green; the first one that would hang over the edge is red and
    dashed, drawn past the end of the row, which is what "does not fit" means.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.n, self.f, self.s, self.p = 7, 3, 3, 0
        self.setMinimumHeight(90)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_axis(self, n: int, f: int, s: int, p: int) -> None:
        self.n, self.f, self.s, self.p = int(n), int(f), int(s), int(p)
        self.updateGeometry()
        self.update()

    def positions(self) -> tuple[list[int], int | None]:
        """Starts (0-based, padded coordinates) of the windows that fit, and of the one
        that would hang over the edge (None when the windows tile the input)."""
        width = self.n + 2 * self.p
        starts = list(range(0, max(width - self.f, -1) + 1, self.s))
        if not starts:
            return [], 0
        over = starts[-1] + self.s if (width - self.f) % self.s else None
        return starts, over

    def sizeHint(self) -> QSize:
        fm = self.fontMetrics()
        return QSize(400, int(fm.height() * 6))

    def paintEvent(self, event):
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.n + 2 * self.p
        starts, over = self.positions()
        extra = self.f if over is not None else 0
        fm = self.fontMetrics()
        cell = min((self.width() - 8) / max(width + extra, 1), fm.height() * 2.2)
        x0 = 4.0
        y0 = fm.height() * 1.2
        for k in range(width):
            rect = QRectF(x0 + k * cell, y0, cell, cell)
            is_pad = k < self.p or k >= self.p + self.n
            p.fillRect(rect, QColor("#e9ecf1") if is_pad else QColor("#ffffff"))
            p.setPen(QPen(QColor("#9aa5b4"), 1))
            p.drawRect(rect)
            p.setPen(QColor("#30363d"))
            p.drawText(QRectF(rect.x(), 0, cell, y0), Qt.AlignmentFlag.AlignCenter, str(k + 1))
        rows = starts + ([over] if over is not None else [])
        lane = max(fm.height() * 0.7, 6.0)
        for i, a in enumerate(rows):
            y = y0 + cell + 6 + (i % 3) * lane
            bad = a == over
            pen = QPen(QColor(RED if bad else GREEN), 3)
            if bad:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            xa, xb = x0 + a * cell + 3, x0 + (a + self.f) * cell - 3
            p.drawLine(QPointF(xa, y), QPointF(xb, y))
            p.drawLine(QPointF(xa, y - lane * 0.4), QPointF(xa, y + lane * 0.4))
            p.drawLine(QPointF(xb, y - lane * 0.4), QPointF(xb, y + lane * 0.4))
        if over is not None:
            # Ghost cells past the end: what the last window would need.
            p.setPen(QPen(QColor(RED), 1, Qt.PenStyle.DashLine))
            for k in range(width, over + self.f):
                rect = QRectF(x0 + k * cell, y0, cell, cell)
                p.drawRect(rect.adjusted(1, 1, -1, -1))
                p.drawText(QRectF(rect.x(), 0, cell, y0), Qt.AlignmentFlag.AlignCenter, str(k + 1))
            edge = x0 + width * cell
            p.setPen(QPen(QColor(RED), 2, Qt.PenStyle.DotLine))
            p.drawLine(QPointF(edge, y0 - 4), QPointF(edge, y0 + cell + 6 + 3 * lane))
        p.end()


class ConvPanel(QWidget):
    """Input, kernel editor, output size and the window sliding over the input.

    Signals
    -------
    output_changed(object)
        The feature map (2-D array) after any change, or None when the window does not fit.
    input_changed()
        The input image changed (another digit, an edit, a stroke).
    """

    output_changed = Signal(object)
    input_changed = Signal()

    def __init__(self, mnist_images=None, parent=None):
        super().__init__(parent)
        self._mnist = mnist_images  # callable returning (images (n, 28, 28), labels)
        self._image = lecture_seven()
        self._fits = True
        self._out: np.ndarray | None = None
        self._net: Network | None = None
        self._position = 0
        self._building = False

        # --- input -------------------------------------------------------------------
        self.input_box = QGroupBox(self)
        self.source = QComboBox(self)
        self.source.addItems(["", "", ""])
        self.source_pages: list[QWidget] = []
        grid_page = QWidget(self)
        gl = QVBoxLayout(grid_page)
        gl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.btn_seven = QPushButton(self)
        self.btn_clear_grid = QPushButton(self)
        self.btn_random_grid = QPushButton(self)
        for b in (self.btn_seven, self.btn_clear_grid, self.btn_random_grid):
            row.addWidget(b)
        gl.addLayout(row)
        self.grid_hint = caption(self)
        gl.addWidget(self.grid_hint)
        mnist_page = QWidget(self)
        ml = QHBoxLayout(mnist_page)
        ml.setContentsMargins(0, 0, 0, 0)
        self.mnist_index = QSpinBox(self)
        self.mnist_index.setRange(0, 9999)
        self.btn_random_digit = QPushButton(self)
        self.mnist_label = QLabel(self)
        ml.addWidget(self.mnist_index)
        ml.addWidget(self.btn_random_digit)
        ml.addWidget(self.mnist_label, 1)
        draw_page = QWidget(self)
        dl = QVBoxLayout(draw_page)
        dl.setContentsMargins(0, 0, 0, 0)
        self.canvas = DigitCanvas(self)
        self.canvas.setMinimumSize(168, 168)
        self.btn_clear_drawing = QPushButton(self)
        self.draw_hint = caption(self)
        dl.addWidget(self.canvas, 1)
        dr = QHBoxLayout()
        dr.addWidget(self.btn_clear_drawing)
        dr.addWidget(self.draw_hint, 1)
        dl.addLayout(dr)
        ib = QVBoxLayout(self.input_box)
        ib.addWidget(self.source)
        # One page per source; only the current one is shown (and takes room).
        for page in (grid_page, mnist_page, draw_page):
            self.source_pages.append(page)
            ib.addWidget(page)

        # --- kernel --------------------------------------------------------------------
        self.kernel_box = QGroupBox(self)
        self.kernel_view = MatrixView(3, 3, "signed", digits=3, editable=True, parent=self)
        self.kernel_view.setMinimumSize(120, 120)
        self.kernel_view.setMaximumSize(240, 240)
        self.kernel_size = QSpinBox(self)
        self.kernel_size.setRange(1, 7)
        self.kernel_size.setValue(3)
        self.preset = QComboBox(self)
        self.preset.addItems([""] * len(PRESETS))
        self.stride = QSpinBox(self)
        self.stride.setRange(1, 5)
        self.padding = QSpinBox(self)
        self.padding.setRange(0, 3)
        self.mode_xcorr = QRadioButton(self)
        self.mode_conv = QRadioButton(self)
        self.mode_xcorr.setChecked(True)
        self.mode_group = QButtonGroup(self)
        self.mode_group.addButton(self.mode_xcorr)
        self.mode_group.addButton(self.mode_conv)
        self.kernel_hint = caption(self)
        form = QFormLayout()
        self.lbl_size = QLabel(self)
        self.lbl_preset = QLabel(self)
        self.lbl_stride = QLabel(self)
        self.lbl_padding = QLabel(self)
        form.addRow(self.lbl_size, self.kernel_size)
        form.addRow(self.lbl_preset, self.preset)
        form.addRow(self.lbl_stride, self.stride)
        form.addRow(self.lbl_padding, self.padding)
        kb = QVBoxLayout(self.kernel_box)
        kb.addWidget(self.kernel_view, 1, Qt.AlignmentFlag.AlignHCenter)
        kb.addWidget(self.kernel_hint)
        kb.addLayout(form)
        kb.addWidget(self.mode_xcorr)
        kb.addWidget(self.mode_conv)

        # --- output size ---------------------------------------------------------------
        self.size_box = QFrame(self)
        self.size_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.size_title = heading(self, 1.0)
        self.size_label = QLabel(self)
        self.size_label.setWordWrap(True)
        self.size_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sb = QVBoxLayout(self.size_box)
        sb.addWidget(self.size_title)
        sb.addWidget(self.size_label)

        # --- does not fit ----------------------------------------------------------------
        self.fit_box = OutlineFrame(RED, "#fff5f5", self)
        self.fit_title = heading(self, 1.15)
        tint(self.fit_title, RED)
        self.fit_text = QLabel(self)
        self.fit_text.setWordWrap(True)
        self.fit_strip = FitStrip(self)
        fb = QVBoxLayout(self.fit_box)
        fb.addWidget(self.fit_title)
        fb.addWidget(self.fit_text)
        fb.addWidget(self.fit_strip)
        self.fit_box.hide()

        # --- the sliding window ------------------------------------------------------------
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
        controls = QHBoxLayout()
        for b in (self.btn_first, self.btn_back, self.btn_play, self.btn_next, self.btn_all):
            b.setMinimumWidth(48)
            controls.addWidget(b)
        controls.addWidget(self.position_slider, 1)
        controls.addWidget(self.position_label)
        controls.addWidget(self.lbl_speed)
        controls.addWidget(self.speed)
        # presentation mode hides the settings' column (the grids get its width and grow
        # to numbers the back row reads); this button brings it back
        self.btn_settings = QPushButton(self)
        self.btn_settings.setCheckable(True)
        self.btn_settings.toggled.connect(self._show_settings)
        self.btn_settings.hide()
        controls.addWidget(self.btn_settings)
        self.presentation = False

        right = QVBoxLayout()
        right.addWidget(self.fit_box)
        right.addLayout(anim, 1)
        right.addWidget(self.formula_label)
        right.addWidget(self.sum_label)
        right.addLayout(controls)

        left = QVBoxLayout()
        left.addWidget(self.input_box)
        left.addWidget(self.kernel_box)
        left.addWidget(self.size_box)
        left.addStretch(1)
        left_w = QWidget(self)
        left_w.setLayout(left)
        self.left_column = left_w
        self._column_width()
        outer = QHBoxLayout(self)
        outer.addWidget(left_w)
        outer.addLayout(right, 1)

        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)

        # --- wiring ----------------------------------------------------------------------
        self.source.currentIndexChanged.connect(self._source_changed)
        self.btn_seven.clicked.connect(lambda: self.set_image(lecture_seven()))
        self.btn_clear_grid.clicked.connect(lambda: self.set_image(np.zeros((7, 7))))
        self.btn_random_grid.clicked.connect(self._random_grid)
        self.mnist_index.valueChanged.connect(self._load_digit)
        self.btn_random_digit.clicked.connect(self._random_digit)
        self.canvas.changed.connect(self._drawing_changed)
        self.btn_clear_drawing.clicked.connect(self.canvas.clear)
        self.kernel_size.valueChanged.connect(self._kernel_size_changed)
        self.preset.currentIndexChanged.connect(self._apply_preset)
        self.kernel_view.edited.connect(lambda *_: self.rebuild())
        self.input_view.edited.connect(self._input_edited)
        for w in (self.stride, self.padding):
            w.valueChanged.connect(lambda *_: self.rebuild())
        self.mode_xcorr.toggled.connect(lambda *_: self.rebuild())
        self.btn_first.clicked.connect(lambda: self.set_position(0))
        self.btn_back.clicked.connect(lambda: self.set_position(self._position - 1))
        self.btn_next.clicked.connect(lambda: self.set_position(self._position + 1))
        self.btn_all.clicked.connect(lambda: self.set_position(self.n_positions - 1))
        self.btn_play.toggled.connect(self.play)
        self.position_slider.valueChanged.connect(self.set_position)
        self.speed.valueChanged.connect(self._speed_changed)

        self.kernel_view.set_matrix(preset_kernel("edge", 3))
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(PRESETS.index("edge"))
        self.preset.blockSignals(False)
        self._fit_pages()
        self.retranslate_ui()
        self.rebuild()

    # ------------------------------------------------------------------ texts
    def retranslate_ui(self) -> None:
        """Set every text in the current language."""
        tr = _t
        self.input_box.setTitle(tr("Input"))
        for i, text in enumerate((tr("7×7 grid"), tr("MNIST test digit"), tr("Draw a digit"))):
            self.source.setItemText(i, text)
        self.btn_seven.setText(tr("The lecture's 7"))
        self.btn_clear_grid.setText(tr("Clear"))
        self.btn_random_grid.setText(tr("Random"))
        self.grid_hint.setText(
            tr(
                "Click or drag on the input to paint 1, right button for 0; double-click to type a value."
            )
        )
        self.btn_random_digit.setText(tr("Random digit"))
        self.btn_settings.setText(tr("Settings"))
        self._digit_label()
        self.btn_clear_drawing.setText(tr("Clear"))
        self.draw_hint.setText(tr("Draw with the left button, erase with the right."))
        self.kernel_box.setTitle(tr("Kernel K"))
        self.kernel_hint.setText(tr("Double-click a weight to type a new value."))
        self.lbl_size.setText(math_html(tr("Kernel size F"), prose=True))
        self.lbl_preset.setText(tr("Preset"))
        self.lbl_stride.setText(math_html(tr("Stride S"), prose=True))
        self.lbl_padding.setText(math_html(tr("Padding P"), prose=True))
        names = {
            "identity": tr("identity"),
            "edge": tr("edge (Laplacian)"),
            "vertical": tr("vertical edge (Sobel)"),
            "horizontal": tr("horizontal edge (Sobel)"),
            "blur": tr("blur (average)"),
            "sharpen": tr("sharpen"),
        }
        for i, key in enumerate(PRESETS):
            self.preset.setItemText(i, names[key])
        self.mode_xcorr.setText(tr("Cross-correlation (what CNN layers compute)"))
        self.mode_conv.setText(tr("Convolution (the kernel is flipped)"))
        self.size_title.setText(math_html(tr("Output size (N − F + 2P)/S + 1"), prose=True))
        self.fit_title.setText(tr("The window does not fit"))
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
        self._update_texts()

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        elif event.type() == QEvent.Type.FontChange:
            for label in (self.size_title, self.fit_title):
                restyle_heading(label)
            self._sum_font()
            self._column_width()
        super().changeEvent(event)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: the settings' column folds away (a button brings it back),
        so that the input, kernel, products and feature map fill the width."""
        self.presentation = bool(on)
        self.btn_settings.setVisible(self.presentation)
        self.btn_settings.setChecked(False)
        self._show_settings(False)

    def _show_settings(self, on: bool) -> None:
        self.left_column.setVisible(bool(on) or not self.presentation)

    def _column_width(self) -> None:
        # The controls' column: about 24 lines of text wide, so it grows with the font.
        self.left_column.setMaximumWidth(int(self.fontMetrics().height() * 24))

    def _sum_font(self) -> None:
        f = QFont(self.font())
        f.setPointSizeF(max(f.pointSizeF(), 6) * 1.2)
        self.sum_label.setFont(f)
        self.formula_label.setFont(f)
        self.size_label.setFont(f)

    # ------------------------------------------------------------------ state
    @property
    def convolution(self) -> bool:
        """True for a true convolution (flipped kernel), False for cross-correlation."""
        return self.mode_conv.isChecked()

    def image(self) -> np.ndarray:
        """The input image."""
        return self._image.copy()

    def kernel(self) -> np.ndarray:
        """The stored kernel K (as typed; not flipped)."""
        return self.kernel_view.matrix()

    def output(self) -> np.ndarray | None:
        """The feature map, or None when the window does not fit."""
        return None if self._out is None else self._out.copy()

    @property
    def fits(self) -> bool:
        """False when (N − F + 2P)/S + 1 is not a whole number ≥ 1 along some axis."""
        return self._fits

    @property
    def n_positions(self) -> int:
        """Number of output positions (0 when the window does not fit)."""
        return 0 if self._out is None else int(self._out.size)

    def set_source(self, index: int) -> None:
        """0: the 7×7 grid, 1: an MNIST test digit, 2: a drawn digit."""
        self.source.setCurrentIndex(int(index))

    def set_image(self, image) -> None:
        """Show ``image`` (2-D) as the input and recompute."""
        self._image = np.array(image, float)
        self.rebuild()
        self.input_changed.emit()

    def set_kernel(self, kernel) -> None:
        """Put ``kernel`` (F×F) into the editor."""
        k = np.array(kernel, float)
        self.kernel_size.blockSignals(True)
        self.kernel_size.setValue(k.shape[0])
        self.kernel_size.blockSignals(False)
        self.kernel_view.set_matrix(k)
        self.rebuild()

    def configure(self, kernel_size=None, stride=None, padding=None, convolution=None) -> None:
        """Set several controls at once with one recomputation (lessons use this)."""
        self._building = True
        try:
            if kernel_size is not None and int(kernel_size) != self.kernel_size.value():
                self.kernel_size.setValue(int(kernel_size))
            if stride is not None:
                self.stride.setValue(int(stride))
            if padding is not None:
                self.padding.setValue(int(padding))
            if convolution is not None:
                (self.mode_conv if convolution else self.mode_xcorr).setChecked(True)
        finally:
            self._building = False
        self.rebuild()

    # ------------------------------------------------------------------ input sources
    def _fit_pages(self) -> None:
        index = self.source.currentIndex()
        for i, page in enumerate(self.source_pages):
            page.setVisible(i == index)

    def _source_changed(self, index: int) -> None:
        self._fit_pages()
        self.input_view.paintable = index == 0
        self.input_view.editable = index == 0
        if index == 0:
            self.set_image(lecture_seven())
        elif index == 1:
            self._load_digit(self.mnist_index.value())
        else:
            self.set_image(self.canvas.image())

    def _random_grid(self) -> None:
        rng = np.random.default_rng()
        self.set_image((rng.random((7, 7)) < 0.35).astype(float))

    def _digits(self):
        if self._mnist is None:
            return None
        try:
            return self._mnist()
        except Exception as exc:  # noqa: BLE001 - a missing data set must not break the view
            self.mnist_label.setText(str(exc))
            return None

    def _load_digit(self, index: int) -> None:
        data = self._digits()
        if data is None:
            return
        images, labels = data
        index = int(index) % len(images)
        self._digit_info = (index, int(labels[index]))
        self._digit_label()
        self.set_image(images[index])

    def _digit_label(self) -> None:
        info = getattr(self, "_digit_info", None)
        if info is not None:
            self.mnist_label.setText(_t("test image #{0}: digit {1}").format(*info))

    def _random_digit(self) -> None:
        self.mnist_index.setValue(int(np.random.default_rng().integers(0, 10000)))

    def _drawing_changed(self) -> None:
        if self.source.currentIndex() == 2:
            self.set_image(self.canvas.image())

    def _input_edited(self, r: int, c: int, v: float) -> None:
        self._image[r, c] = v
        self.rebuild(keep_position=True)
        self.input_changed.emit()

    # ------------------------------------------------------------------ kernel
    def _kernel_size_changed(self, f: int) -> None:
        idx = self.preset.currentIndex()
        self.kernel_view.set_matrix(preset_kernel(PRESETS[max(idx, 0)], f))
        if not self._building:
            self.rebuild()

    def _apply_preset(self, idx: int) -> None:
        if idx < 0:
            return
        self.kernel_view.set_matrix(preset_kernel(PRESETS[idx], self.kernel_size.value()))
        self.rebuild()

    # ------------------------------------------------------------------ computing
    def rebuild(self, keep_position: bool = False) -> None:
        """Recompute the feature map with the engine and refresh every view."""
        if self._building:
            return
        img = self._image
        k = self.kernel()
        s, p = self.stride.value(), self.padding.value()
        mode = "convolution" if self.convolution else "cross-correlation"
        self._net, self._out = feature_map(img, k, s, p, mode)
        self._fits = self._net is not None
        self.input_view.set_matrix(img, pad=p)
        self.input_view.show_values = img.size <= 100
        self.stored_view.set_matrix(k)
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
            b.setEnabled(self._fits)
        if not self._fits:
            self.play(False)
        self._show_position()
        self._update_texts()
        self.output_changed.emit(self.output())

    def products(self):
        """The engine's ConvProducts at the current position (None if it does not fit)."""
        if self._net is None or self._out is None:
            return None
        i, j = divmod(self._position, self._out.shape[1])
        return self._net.layers["conv"].products(0, 0, i, j)

    @property
    def position(self) -> int:
        """Index of the current output position (row-major)."""
        return self._position

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
        k = self.kernel()
        f = k.shape[0]
        pr = self.products()
        if pr is None:
            self.applied_view.set_matrix(k if not self.convolution else k[::-1, ::-1])
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
        f, s, p = self.kernel().shape[0], self.stride.value(), self.padding.value()
        w = self._image.shape[1] + 2 * p
        return [(-p, a - p, f, f, GREEN) for a in range(0, w - f + 1, s)][:6]

    def _update_sum(self, pr, i: int, j: int) -> None:
        terms = list(zip(pr.window[0].ravel(), pr.kernel[0].ravel()))
        if len(terms) <= 9:
            body = " + ".join(f"{factor(a, 3)}×{factor(b, 3)}" for a, b in terms)
        else:
            body = _t("the sum of the {0} products").format(len(terms))
        self.sum_label.setText(math_html(f"S({i + 1},{j + 1}) = {body} = {fmt(pr.total, 4)}"))

    def _update_texts(self) -> None:
        tr = _t
        img = self._image
        k = self.kernel()
        f, s, p = k.shape[0], self.stride.value(), self.padding.value()
        lines = []
        sizes = []
        for axis, n in ((tr("height"), img.shape[0]), (tr("width"), img.shape[1])):
            text = conv_output_formula(n, f, s, p)
            try:
                sizes.append(conv_output_size(n, f, s, p))
            except ConvShapeError:
                sizes.append(None)
            lines.append((axis, text))
        if img.shape[0] == img.shape[1]:
            body = lines[0][1]
        else:
            body = "<br>".join(f"{a}: {t}" for a, t in lines)
        if all(v is not None for v in sizes):
            body += " → " + tr("output {0}×{1}").format(*sizes)
            tint(self.size_label, None, bold=False)
        else:
            body += " → " + tr("does not fit")
            tint(self.size_label, RED, bold=True)
        self.size_label.setText(body)
        if self._fits:
            self.fit_box.hide()
        else:
            bad = 0 if sizes[0] is None else 1
            n = img.shape[bad]
            self.fit_text.setText(fit_explanation(n, f, s, p))
            self.fit_strip.set_axis(n, f, s, p)
            self.fit_box.show()
        if self.convolution:
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

    # ------------------------------------------------------------------ animation
    def _speed_changed(self, v: int) -> None:
        self.timer.setInterval(self._interval())

    def _interval(self) -> int:
        # speed 1 → 1.5 s per position (talking speed), 10 → 30 ms (sweep a 28×28 map)
        return int(1500 * (0.02 ** ((self.speed.value() - 1) / 9)))

    def play(self, on: bool) -> None:
        """Start or stop the window sliding on its own."""
        on = bool(on) and self._fits
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
