"""The training panel: every setting, the run controls, the numbers of the run, the time slider.

Each setting is edited through the undo stack (one ``UpdateSettingsCommand``); the
controller then applies it as the captions say: the data and the initial weights reset
the weights, the other training settings apply at once.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QDoubleValidator, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nnsim.data import DATASETS, FEATURES
from nnsim.engine.layers.base import INIT_SCHEMES
from nnsim.engine.training import RULES
from nnsim.gui.commands import UpdateSettingsCommand
from nnsim.gui.style import ButtonGrid, ElidedCombo, keep_width_whole
from nnsim.gui.training.csv_dialog import csv_item_text, open_csv_dialog, table_item_text
from nnsim.model.datasection import CSV_DATASET, CSV_PARAMS
from nnsim.model.settings_rules import (
    DATASET_PARAM_RULES,
    PLAYGROUND_PARAMS,
    SETTINGS_RULES,
    carry_params,
)
from nnsim.recipes.problem import active_features, is_plane_dataset

#: Learning rates offered (Playground's list); any positive number can be typed.
LEARNING_RATES = (
    "0.00001",
    "0.0001",
    "0.001",
    "0.003",
    "0.01",
    "0.03",
    "0.1",
    "0.3",
    "1",
    "3",
    "10",
)
#: Regularisation rates offered (Playground's list).
LAMBDAS = ("0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")
#: Speeds of the speed slider in epochs per second; 0 = as fast as possible.
SPEEDS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 0)
#: Feature names as the panel writes them.
FEATURE_TEXT = {
    "x1": "x₁",
    "x2": "x₂",
    "x1^2": "x₁²",
    "x2^2": "x₂²",
    "x1*x2": "x₁x₂",
    "sin(x1)": "sin(x₁)",
    "sin(x2)": "sin(x₂)",
}
OPTIMIZERS = ("sgd", "momentum", "adam")
REGULARIZATIONS = ("none", "l1", "l2")
LOSSES = ("squared_error", "sigmoid_binary_cross_entropy", "softmax_cross_entropy")


def _limits(name: str, scale: float = 1) -> tuple[int, int]:
    """A control's range: the bounds of the setting's rule (× ``scale`` for percentages)."""
    rule = PLAYGROUND_PARAMS.get(name) or SETTINGS_RULES[name]
    return int(round(rule.lo * scale)), int(round(rule.hi * scale))


def _fmt(v: float) -> str:
    return f"{v:.6g}"


class NumberCombo(QComboBox):
    """An editable combo of numbers: pick one from the list or type any (≥ ``minimum``)."""

    def __init__(self, values, minimum: float = 0.0, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.addItems(list(values))
        v = QDoubleValidator(self)
        v.setBottom(minimum)
        v.setNotation(QDoubleValidator.Notation.ScientificNotation)
        self.lineEdit().setValidator(v)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

    def value(self) -> float | None:
        """The number shown, or None when the text is not one."""
        try:
            v = float(self.currentText().replace(",", "."))
        except ValueError:
            return None
        return v if math.isfinite(v) else None

    def set_value(self, v: float) -> None:
        """Show ``v`` without emitting."""
        self.blockSignals(True)
        self.setEditText(_fmt(v))
        self.blockSignals(False)


class TrainingPanel(QScrollArea):
    """Data, training settings, initial weights, run controls and the run's numbers.

    Parameters
    ----------
    window : MainWindow
        For the document, the editor (undo stack) and the language.
    controller : TrainingController
    actions : dict of str to QAction
        "play", "epoch", "reset", "faster", "slower" shown as buttons.
    """

    def __init__(self, window, controller, actions, parent=None):
        super().__init__(parent)
        self.window = window
        self.controller = controller
        self.actions = actions
        self.setWidgetResizable(True)
        self.setObjectName("training_panel")
        body = QWidget(self)
        self.setWidget(body)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(6, 6, 6, 6)
        self._texts: list = []  # (setter, text function)
        self._updating = 0

        # -- run controls -------------------------------------------------------------------
        run = QGroupBox(body)
        self._text(run.setTitle, lambda: self.tr("Run"))
        rl = QVBoxLayout(run)
        # One row where it fits; in a narrow dock at presentation size "Reset weights"
        # goes under "Play", so the panel needs no horizontal scrolling.
        buttons = ButtonGrid((3, 2), run)
        self.buttons: dict[str, QToolButton] = {}
        for name in ("play", "epoch", "reset"):
            b = QToolButton(run)
            b.setDefaultAction(actions[name])
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            # filling their cells: two rows then read as a grid, not as ragged buttons
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            buttons.add(b)
            self.buttons[name] = b
        rl.addWidget(buttons)
        speed = QHBoxLayout()
        self.speed_label = QLabel(run)
        self.speed = QSlider(Qt.Orientation.Horizontal, run)
        self.speed.setRange(0, len(SPEEDS) - 1)
        self.speed.setValue(len(SPEEDS) - 1)
        self.speed.setPageStep(1)
        self.speed.valueChanged.connect(self._speed_changed)
        self.speed_value = QLabel(run)
        self.speed_value.setMinimumWidth(110)
        speed.addWidget(self.speed_label)
        speed.addWidget(self.speed, 1)
        speed.addWidget(self.speed_value)
        rl.addLayout(speed)
        self.numbers = QGridLayout()
        self.num_labels = {}
        for r, key in enumerate(("epoch", "train", "test", "acc")):
            cap = QLabel(run)
            val = QLabel("—", run)
            f = QFont(val.font())
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * 1.25)
            val.setFont(f)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self._fix_size(val, "0.000000 %")
            self.numbers.addWidget(cap, r, 0)
            self.numbers.addWidget(val, r, 1)
            self.num_labels[key] = (cap, val)
        self._text(self.num_labels["epoch"][0].setText, lambda: self.tr("Epoch"))
        self._text(self.num_labels["train"][0].setText, lambda: self.tr("Training error"))
        self._text(self.num_labels["test"][0].setText, lambda: self.tr("Test error"))
        self._text(self.num_labels["acc"][0].setText, lambda: self.tr("Test accuracy"))
        rl.addLayout(self.numbers)
        self.message = QLabel(run)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setVisible(False)
        rl.addWidget(self.message)
        slider_row = QHBoxLayout()
        self.time_label = QLabel(run)
        self.time = QSlider(Qt.Orientation.Horizontal, run)
        self.time.setRange(0, 0)
        self.time.valueChanged.connect(self._time_moved)
        slider_row.addWidget(self.time, 1)
        rl.addLayout(slider_row)
        self.time_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        # fixed height (no re-layout at every new text), room for two lines in a narrow dock
        self.time_label.setWordWrap(True)
        self.time_label.setFixedHeight(2 * self.time_label.fontMetrics().lineSpacing() + 4)
        rl.addWidget(self.time_label)
        self._restore_timer = QTimer(self)
        self._restore_timer.setSingleShot(True)
        self._restore_timer.setInterval(60)
        self._restore_timer.timeout.connect(self._restore_now)
        outer.addWidget(run)

        # -- data ------------------------------------------------------------------------------
        data = QGroupBox(body)
        self._text(data.setTitle, lambda: self.tr("Data"))
        dl = QVBoxLayout(data)
        self.data_note = self._note(dl, lambda: self.tr("Changing the data resets the weights."))
        self.data_form = QFormLayout()
        dl.addLayout(self.data_form)
        self.dataset = ElidedCombo(data)  # long names ("Sequence class: …") in a narrow dock
        self.dataset.activated.connect(self._dataset_chosen)
        self._row(self.data_form, lambda: self.tr("Data set"), self.dataset)
        self.n_points = QSpinBox(data)
        self.n_points.setRange(*_limits("n_points"))
        self.n_points.setSingleStep(50)
        self.n_points.editingFinished.connect(
            lambda: self._param("n_points", self.n_points.value())
        )
        #: name → the label of its row in the data form (rows hide where they do not apply)
        self.data_rows = {
            "n_points": self._row(self.data_form, lambda: self.tr("Points"), self.n_points)
        }
        #: the data set's noise is a standard deviation 0–1 (the sequence sets), shown as
        #: σ in hundredths on the slider, not Playground's percentage
        self._noise_sigma = False
        self.noise, self.noise_value = self._slider(*_limits("noise"), self._noise_moved)
        self.noise.valueChanged.connect(self._show_noise)
        self.data_rows["noise"] = self._row(
            self.data_form, self._noise_title, self._pair(self.noise, self.noise_value)
        )
        self.split, self.split_value = self._slider(
            *_limits("train_fraction", 100), lambda v: self._param("train_fraction", v / 100.0)
        )
        self.data_rows["train_fraction"] = self._row(
            self.data_form,
            lambda: self.tr("Training share (%)"),
            self._pair(self.split, self.split_value),
        )
        self.data_seed = QSpinBox(data)
        self.data_seed.setRange(*_limits("seed"))
        self.data_seed.editingFinished.connect(lambda: self._param("seed", self.data_seed.value()))
        self.data_rows["seed"] = self._row(
            self.data_form, lambda: self.tr("Data seed"), self.data_seed
        )
        feats = QWidget(data)
        fl = QGridLayout(feats)
        fl.setContentsMargins(0, 0, 0, 0)
        self.features: dict[str, QCheckBox] = {}
        for k, name in enumerate(FEATURES):
            box = QCheckBox(FEATURE_TEXT[name], feats)
            box.toggled.connect(self._features_toggled)
            fl.addWidget(box, k // 4, k % 4)
            self.features[name] = box
        self.features_widget = feats
        self._row(self.data_form, lambda: self.tr("Input features"), feats)
        outer.addWidget(data)

        # -- training ----------------------------------------------------------------------
        train = QGroupBox(body)
        self._text(train.setTitle, lambda: self.tr("Training"))
        tl = QVBoxLayout(train)
        self._note(
            tl,
            lambda: self.tr(
                "Changes apply at once and keep the weights. η and the batch size continue "
                "the history; the other settings start a new history."
            ),
        )
        form = QFormLayout()
        tl.addLayout(form)
        self.rule = QComboBox(train)
        self.rule.activated.connect(lambda i: self._set(rule=RULES[i]))
        self._row(form, lambda: self.tr("Learning rule"), self.rule)
        self.batch = QSpinBox(train)
        self.batch.setRange(*_limits("batch_size"))
        self.batch.editingFinished.connect(lambda: self._set(batch_size=self.batch.value()))
        self.batch_label = self._row(form, lambda: self.tr("Batch size"), self.batch)
        self.lr = NumberCombo(LEARNING_RATES, 0.0, train)
        self.lr.activated.connect(lambda _i: self._number("lr", self.lr))
        self.lr.lineEdit().editingFinished.connect(lambda: self._number("lr", self.lr))
        self._row(form, lambda: self.tr("Learning rate η"), self.lr)
        self.optimizer = QComboBox(train)
        self.optimizer.activated.connect(lambda i: self._set(optimizer=OPTIMIZERS[i]))
        self._row(form, lambda: self.tr("Optimiser"), self.optimizer)
        self.loss = QComboBox(train)
        self.loss.activated.connect(lambda i: self._set(loss=LOSSES[i]))
        self._row(form, lambda: self.tr("Loss"), self.loss)
        self.reg = QComboBox(train)
        self.reg.activated.connect(lambda i: self._set(regularization=REGULARIZATIONS[i]))
        self._row(form, lambda: self.tr("Regularisation"), self.reg)
        self.reg_lambda = NumberCombo(LAMBDAS, 0.0, train)
        self.reg_lambda.activated.connect(lambda _i: self._number("reg_lambda", self.reg_lambda))
        self.reg_lambda.lineEdit().editingFinished.connect(
            lambda: self._number("reg_lambda", self.reg_lambda)
        )
        self._row(form, lambda: self.tr("Regularisation rate λ"), self.reg_lambda)
        self.early = QCheckBox(train)
        self.early.toggled.connect(lambda on: self._set(early_stopping=bool(on)))
        self.patience = QSpinBox(train)
        self.patience.setRange(*_limits("patience"))
        self.patience.editingFinished.connect(lambda: self._set(patience=self.patience.value()))
        self._text(self.early.setText, lambda: self.tr("on, patience"))
        self._row(form, lambda: self.tr("Early stopping"), self._pair(self.early, self.patience))
        self.val_share = QSpinBox(train)
        self.val_share.setRange(*_limits("validation_fraction", 100))
        self.val_share.setSuffix(" %")
        self.val_share.editingFinished.connect(
            lambda: self._set(validation_fraction=self.val_share.value() / 100.0)
        )
        self._row(form, lambda: self.tr("Validation share (0: the test part)"), self.val_share)
        self.epochs = QSpinBox(train)
        self.epochs.setRange(*_limits("epochs"))
        self.epochs.editingFinished.connect(lambda: self._set(epochs=self.epochs.value()))
        self._row(form, lambda: self.tr("Epochs per run"), self.epochs)
        outer.addWidget(train)

        # -- initial weights -------------------------------------------------------------
        init = QGroupBox(body)
        self._text(init.setTitle, lambda: self.tr("Initial weights"))
        il = QVBoxLayout(init)
        self._note(il, lambda: self.tr("Changing these resets the weights."))
        iform = QFormLayout()
        il.addLayout(iform)
        self.init = QComboBox(init)
        self.init.activated.connect(lambda i: self._set(init=INIT_SCHEMES[i]))
        self._row(iform, lambda: self.tr("Initialisation"), self.init)
        self.seed = QSpinBox(init)
        self.seed.setRange(*_limits("seed"))
        self.seed.editingFinished.connect(lambda: self._set(seed=self.seed.value()))
        self._row(iform, lambda: self.tr("Seed"), self.seed)
        outer.addWidget(init)
        outer.addStretch(1)
        self._fit_narrow_dock(body)
        # ~330 px, wider only when the contents need it (large fonts, long labels).
        keep_width_whole(self, 330)

        controller.message.connect(self.show_message)
        controller.frame.connect(self.update_numbers)
        controller.history_changed.connect(self.set_history)
        controller.state_changed.connect(self._state_changed)
        controller.problem_changed.connect(self._problem_changed)
        window.document_replaced.connect(self._document_replaced)
        self._document = None
        self._document_replaced(window.document)
        self._speed_changed(self.speed.value())
        self.retranslate_ui()

    # -- small builders -----------------------------------------------------------------
    def _fit_narrow_dock(self, body: QWidget) -> None:
        """Let the panel fit a ~320 px dock: the canvas, not this panel, gets the width.

        Combo boxes elide their longest entries (the open list still shows them whole)
        and a form row whose field does not fit beside its label goes under it, so no
        horizontal scroll bar is needed.
        """
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for combo in body.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        for form in body.findChildren(QFormLayout):
            form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    @staticmethod
    def _fix_size(label: QLabel, widest: str) -> None:
        """Give a label that changes every frame a fixed size.

        A label whose size may change asks its parents to lay out again at every new
        text, and in a dock that repaints the whole window ~30 times a second.
        """
        fm = label.fontMetrics()
        label.setFixedSize(fm.horizontalAdvance(widest) + 8, fm.height() + 4)

    def _text(self, setter, fn) -> None:
        self._texts.append((setter, fn))
        setter(fn())

    def _note(self, layout, fn) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        label.setStyleSheet("color: #5b6470;")
        self._text(label.setText, fn)
        layout.addWidget(label)
        return label

    def _row(self, form: QFormLayout, fn, widget) -> QLabel:
        label = QLabel(self)
        label.setWordWrap(True)
        form.addRow(label, widget)
        self._text(label.setText, fn)
        return label

    def _pair(self, a, b) -> QWidget:
        w = QWidget(self)
        lay = QHBoxLayout(w)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(a, 1)
        lay.addWidget(b)
        return w

    def _slider(self, lo, hi, commit):
        s = QSlider(Qt.Orientation.Horizontal, self)
        s.setRange(lo, hi)
        value = QLabel(self)
        value.setMinimumWidth(36)
        s.valueChanged.connect(lambda v: value.setText(str(v)))
        # one undo step (and one new data set) per drag, not per pixel
        s.sliderReleased.connect(lambda: commit(s.value()))
        s.valueChanged.connect(lambda v: None if s.isSliderDown() or self._updating else commit(v))
        return s, value

    # -- document ----------------------------------------------------------------------------
    @property
    def document(self):
        """The document shown."""
        return self.window.document

    def _document_replaced(self, doc) -> None:
        if self._document is not None:
            for sig in (self._document.settings_changed, self._document.reset):
                try:
                    sig.disconnect(self.refresh)
                except (ValueError, RuntimeError, TypeError):
                    pass
        self._document = doc
        doc.settings_changed.connect(self.refresh)
        doc.reset.connect(self.refresh)  # undo/redo of a step that also changed settings
        self.message.setVisible(False)
        problem = getattr(self.controller, "problem", None)
        if problem is not None and problem.message and not problem.ok:
            # what keeps the new document from training (e.g. its CSV is missing), said now
            self.show_message("error", problem.message)
        self.refresh()

    def _set(self, **fields) -> bool:
        """Change settings through the undo stack (nothing if they are unchanged)."""
        if self._updating:
            return False
        s = self.document.settings
        new = {k: v for k, v in fields.items() if getattr(s, k) != v}
        if not new:
            return False
        name = ", ".join(sorted(new))
        cmd = UpdateSettingsCommand(self.document, self.tr("Change {0}").format(name), **new)
        return self.window.editor.push(cmd)

    def _number(self, field: str, combo: NumberCombo) -> None:
        v = combo.value()
        s = self.document.settings
        if v is None or (field == "lr" and v <= 0):
            combo.set_value(getattr(s, field))
            return
        if not self._set(**{field: v}):
            combo.set_value(getattr(s, field))

    def _param(self, name: str, value) -> None:
        if self._updating:
            return
        s = self.document.settings
        params = dict(s.dataset_params)
        if params.get(name) == value:
            return
        params[name] = value
        self._set(dataset_params=params)

    def _noise_title(self) -> str:
        return self.tr("Noise σ") if self._noise_sigma else self.tr("Noise (%)")

    def _noise_moved(self, v: int) -> None:
        self._param("noise", v / 100.0 if self._noise_sigma else float(v))

    def _show_noise(self, v: int) -> None:
        if self._noise_sigma:
            self.noise_value.setText(f"{v / 100:.2f}")

    def _set_noise_kind(self, dataset: str) -> None:
        """Percent (Playground's sets) or a standard deviation (the sequence sets)."""
        rule = DATASET_PARAM_RULES.get(dataset, {}).get("noise")
        sigma = rule is not None and rule.hi <= 1
        if sigma == self._noise_sigma:
            return
        self._noise_sigma = sigma
        self.noise.setRange(0, 100) if sigma else self.noise.setRange(*_limits("noise"))
        self.data_rows["noise"].setText(self._noise_title())

    def _dataset_chosen(self, index: int) -> None:
        name = self.dataset.itemData(index)
        s = self.document.settings
        if name == "__csv_file__":
            open_csv_dialog(self.window)
            self.refresh()  # the list shows the data in use, chosen or not
            return
        if name == "__targets__" or (name == s.dataset and s.targets is None):
            return
        if name == CSV_DATASET:  # back to the table kept with the network
            self._set(dataset=name, dataset_params=dict(CSV_PARAMS), targets=None)
            return
        # the parameters the new set takes too, where their values fit its rules
        params = carry_params(name, s.dataset_params)
        if is_plane_dataset(name) and active_features(self.document) is None:
            self.set_features(["x1", "x2"])
        self._set(dataset=name, dataset_params=params, targets=None)

    def _features_toggled(self, _on: bool) -> None:
        if self._updating:
            return
        chosen = [f for f in FEATURES if self.features[f].isChecked()]
        if not chosen:  # at least one input
            self.refresh()
            return
        self.set_features(chosen)
        self.controller.reset_weights()

    def set_features(self, names) -> bool:
        """Make the input layer take these Playground features (one undo step)."""
        doc = self.document
        inputs = doc.input_layers()
        if len(inputs) != 1:
            return False
        lid = inputs[0]
        names = list(names)

        def act(d):
            while d.layers[lid].size < len(names):
                d.add_neuron(lid)
            while d.layers[lid].size > len(names):
                d.remove_neuron(lid, d.layers[lid].size - 1)
            d.set_neuron_labels(lid, names)
            return True

        return bool(self.window.editor.structural(self.tr("Change input features"), act))

    # -- showing the settings -----------------------------------------------------------------
    def refresh(self) -> None:
        """Show the document's settings in the widgets (no commands while doing so)."""
        doc = self.document
        s = doc.settings
        self._updating += 1
        try:
            lang_zh = self._zh()
            self.dataset.clear()
            if s.targets is not None:
                self.dataset.addItem(self.tr("The lesson's samples"), "__targets__")
            for name, entry in DATASETS.items():
                if entry.kind == "sequence" and name != s.dataset:
                    continue  # sequence sets train RNNs: listed only as an RNN's own set
                self.dataset.addItem(entry.title_zh if lang_zh else entry.title_en, name)
            if doc.data is not None:
                self.dataset.addItem(table_item_text(doc.data.name), CSV_DATASET)
            self.dataset.addItem(csv_item_text(), "__csv_file__")
            key = "__targets__" if s.targets is not None else s.dataset
            self.dataset.setCurrentIndex(max(self.dataset.findData(key), 0))
            params = s.dataset_params
            entry = DATASETS.get(s.dataset) if s.targets is None else None
            known = entry.parameters() if entry is not None else {}
            table = s.targets is None and s.dataset == CSV_DATASET
            self._set_noise_kind(s.dataset if s.targets is None else "")
            if table:
                known = dict(CSV_PARAMS)
            self.split.setRange(10, 100 if table else 90)  # a table may train on all rows
            for name, widget in (
                ("n_points", self.n_points),
                ("noise", self.noise),
                ("train_fraction", self.split),
                ("seed", self.data_seed),
            ):
                on = name in known
                widget.setEnabled(on)
                # a setting the data set does not have is not shown (MNIST has no "Points");
                # the lesson's own samples show theirs (their number, no noise, no split)
                shown = on or (s.targets is not None and name != "seed")
                self.data_form.setRowVisible(self.data_rows[name], shown)
                if name == "n_points":
                    # the lesson's own samples can be fewer than a data set's minimum
                    self.n_points.setMinimum(_limits("n_points")[0] if on else 1)
                if not on:
                    if s.targets is not None:
                        # the lesson's samples: their number, no noise, no split (not the
                        # numbers of the data set shown before)
                        if name == "n_points":
                            self.n_points.setValue(max(len(s.targets), 1))
                        elif name == "noise":
                            self.noise.setValue(0)
                            self.noise_value.setText("0")
                        elif name == "train_fraction":
                            self.split_value.setText("—")
                    continue
                v = params.get(name, known[name])
                if name == "train_fraction":
                    self.split.setValue(int(round(float(v) * 100)))
                    self.split_value.setText(str(self.split.value()))
                elif name == "noise":
                    self.noise.setValue(int(round(float(v) * (100 if self._noise_sigma else 1))))
                    self._show_noise(self.noise.value())
                    if not self._noise_sigma:
                        self.noise_value.setText(str(self.noise.value()))
                elif isinstance(v, (int, float)):
                    widget.setValue(int(v))
            plane = s.targets is None and is_plane_dataset(s.dataset)
            self.features_widget.setEnabled(plane)
            self.data_form.setRowVisible(self.features_widget, plane)
            feats = active_features(doc) or []
            for name, box in self.features.items():
                box.setChecked(name in feats and plane)
            self.rule.clear()
            for r in RULES:
                self.rule.addItem(self._rule_name(r))
            self.rule.setCurrentIndex(RULES.index(s.rule) if s.rule in RULES else 0)
            self.batch.setValue(int(s.batch_size))
            self.batch.setEnabled(s.rule == "minibatch")
            self.lr.set_value(s.lr)
            self.optimizer.clear()
            self.optimizer.addItems(
                [self.tr("plain gradient descent"), self.tr("momentum"), self.tr("Adam")]
            )
            self.optimizer.setCurrentIndex(OPTIMIZERS.index(s.optimizer))
            self.loss.clear()
            self.loss.addItems(
                [
                    self.tr("squared error ½Σ(y−ŷ)²"),
                    self.tr("binary cross-entropy (sigmoid)"),
                    self.tr("cross-entropy (softmax)"),
                ]
            )
            self.loss.setCurrentIndex(LOSSES.index(s.loss) if s.loss in LOSSES else 0)
            self.reg.clear()
            self.reg.addItems([self.tr("none"), "L1", "L2"])
            self.reg.setCurrentIndex(REGULARIZATIONS.index(s.regularization))
            self.reg_lambda.set_value(s.reg_lambda)
            self.reg_lambda.setEnabled(s.regularization != "none")
            self.early.setChecked(bool(s.early_stopping))
            self.patience.setValue(int(s.patience))
            self.patience.setEnabled(bool(s.early_stopping))
            self.val_share.setValue(int(round(s.validation_fraction * 100)))
            self.epochs.setValue(int(s.epochs))
            self.init.clear()
            for scheme in INIT_SCHEMES:
                self.init.addItem(self._init_name(scheme))
            self.init.setCurrentIndex(INIT_SCHEMES.index(s.init) if s.init in INIT_SCHEMES else 0)
            self.seed.setValue(int(s.seed))
        finally:
            self._updating -= 1

    def _zh(self) -> bool:
        langs = getattr(self.window, "languages", None)
        return str(getattr(langs, "language", "en")).startswith("zh")

    def _rule_name(self, rule: str) -> str:
        return {
            "perceptron": self.tr("perceptron rule"),
            "standard": self.tr("standard BP (one sample per update)"),
            "accumulated": self.tr("accumulated BP (whole set per update)"),
            "minibatch": self.tr("mini-batch SGD"),
        }.get(rule, rule)

    def _init_name(self, scheme: str) -> str:
        return {
            "uniform01": self.tr("uniform in (0, 1), as the book"),
            "playground": self.tr("uniform in (−0.5, 0.5), as Playground"),
            "xavier": self.tr("Xavier (Glorot)"),
            "he": self.tr("He"),
            "zeros": self.tr("all zero"),
        }.get(scheme, scheme)

    # -- run state ----------------------------------------------------------------------------
    def _speed_changed(self, i: int) -> None:
        rate = SPEEDS[i]
        self.controller.set_speed(rate)
        self.speed_value.setText(
            self.tr("as fast as possible") if rate == 0 else self.tr("{0} epochs/s").format(rate)
        )

    def change_speed(self, step: int) -> None:
        """One notch faster (+1) or slower (−1)."""
        self.speed.setValue(self.speed.value() + step)

    def _state_changed(self, running: bool) -> None:
        self.time.setEnabled(not running)
        if running:
            self.message.setVisible(False)
            self.time_label.setText(self.tr("Time: recording (pause to go back in time)"))

    def show_message(self, kind: str, text: str) -> None:
        """Show a message of the controller (errors in red)."""
        doc = getattr(self.window, "document", None)
        if kind == "error" and doc is not None and not doc.layers:
            # an empty network (File ▸ New, or before a lesson arrives) is a start, not an error
            kind = "info"
            text = self.tr("Add an input layer and a layer of neurons to train the network.")
        color = {"error": "#b03a2e", "warning": "#9a6700"}.get(kind, "#1f6f43")
        self.message.setStyleSheet(f"color: {color}; font-weight: bold;")
        self.message.setText(text)
        self.message.setVisible(True)
        if kind == "error":
            self._status_error = text.split("\n")[0]
            self.window.statusBar().showMessage(self._status_error, 15000)

    def _problem_changed(self, problem) -> None:
        # a network that trains now: its error of a moment ago ("the network is empty",
        # from the empty start) leaves the status bar
        bar = self.window.statusBar()
        if problem.ok and bar.currentMessage() == getattr(self, "_status_error", None):
            bar.clearMessage()
        self.refresh()

    def update_numbers(self, frame) -> None:
        """Epoch, errors and accuracy of the newest row (10 times a second while training)."""
        self._frames = getattr(self, "_frames", 0) + 1
        if frame.running and self._frames % 3:
            return  # nobody reads numbers faster, and every label repaint costs
        d = frame.data
        if not len(d):
            for key in ("train", "test", "acc"):
                self.num_labels[key][1].setText("—")
            self.num_labels["epoch"][1].setText("0")
            return
        i = len(d) - 1

        def num(v, pct=False):
            if not math.isfinite(v):
                return "—"
            return f"{100 * v:.1f} %" if pct else f"{v:.4g}"

        self.num_labels["epoch"][1].setText(str(int(d.column("epoch")[i])))
        self.num_labels["train"][1].setText(num(d.column("train_loss")[i]))
        self.num_labels["test"][1].setText(num(d.column("val_loss")[i]))
        self.num_labels["acc"][1].setText(num(d.column("val_acc")[i], pct=True))

    def set_history(self, n: int, cursor: int) -> None:
        """Range and position of the time slider (set when training stops)."""
        if self.controller.running and not self.controller.stopping:
            return  # the slider is disabled while training
        self._updating += 1
        try:
            self.time.setRange(0, max(n - 1, 0))
            self.time.setValue(max(cursor, 0))
        finally:
            self._updating -= 1
        self._time_text(n, cursor)

    def _time_text(self, n, cursor) -> None:
        if n <= 0:
            self.time_label.setText(self.tr("Time: no snapshots yet (train to record some)"))
            return
        epoch = self.controller.epoch_at(cursor)
        self.time_label.setText(
            self.tr("Time: snapshot {0} of {1} (epoch {2})").format(cursor + 1, n, epoch)
        )

    def _time_moved(self, value: int) -> None:
        if self._updating:
            return
        self._restore_timer.start()

    def _restore_now(self) -> None:
        self.controller.restore(self.time.value())

    # -- language and size -----------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        """Re-set every text in the current language."""
        for setter, fn in self._texts:
            setter(fn())
        self.speed_label.setText(self.tr("Speed"))
        self._speed_changed(self.speed.value())
        self.refresh()
        n, cur = self.controller.history_info()
        self._time_text(n, cur)

    def changeEvent(self, event):
        if event.type() == event.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: the numbers grow with the application font (nothing else to do)."""
        for _cap, val in self.num_labels.values():
            f = QFont(self.font())
            f.setBold(True)
            f.setPointSizeF(f.pointSizeF() * (1.4 if on else 1.25))
            val.setFont(f)
            self._fix_size(val, "0.000000 %")
        self.time_label.setFixedHeight(2 * self.time_label.fontMetrics().lineSpacing() + 4)
