"""The "CSV file…" dialog: preview a table, map its columns, see the encoding, fit the network.

What the user chooses becomes one undo step (``editor.structural``): the table kept with
the network (``document.set_data``), the data setting ``dataset="csv"`` with the split and
seed, the input layer sized and labelled for the encoded inputs and, when asked, the
output layer set for the task (one sigmoid output for two classes, k softmax outputs for
k classes, one linear output for regression).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nnsim.data import DataError, read_table
from nnsim.data.table import column_info, default_features, propose_task
from nnsim.gui.context import AppContext
from nnsim.model.datasection import CSV_DATASET, CSV_PARAMS, INLINE_LIMIT, make_section
from nnsim.model.mlp import draw_weights, fit_to_data, output_plan

# Rows shown in the preview.
PREVIEW_ROWS = 8
TASKS = ("binary", "multiclass", "regression")


# The undo step's text (translated by the undo stack in the "Command" context).
USE_CSV = QT_TRANSLATE_NOOP("Command", "Use CSV data")


def _sentence_gap() -> str:
    """What goes between two sentences: a space in English, nothing after a Chinese 。."""
    from nnsim.gui.i18n import current_language

    return "" if current_language().startswith("zh") else " "


def csv_item_text() -> str:
    """The data-set list's entry that opens this dialog."""
    return QCoreApplication.translate("CsvDialog", "CSV file…")


def table_item_text(name: str) -> str:
    """The data-set list's entry of the table kept with the network."""
    return QCoreApplication.translate("CsvDialog", "Table {0}").format(name)


class CsvDialog(QDialog):
    """Choose a CSV file and how its columns feed the network (see the module docstring).

    Parameters
    ----------
    context : AppContext
        The window's application context: the document and the editor (undo stack); the
        dialog opens over its ``host``.
    """

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent or context.host)
        self.context = context
        window = context.host
        self.table = None
        self.encoded = None
        self.plan = None  # what the output layer needs, when it does not fit
        self.setWindowTitle(self.tr("Data from a CSV file"))
        self.setObjectName("csv_dialog")
        outer = QVBoxLayout(self)

        row = QHBoxLayout()
        self.path_label = QLabel(self.tr("No file chosen"), self)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        choose = QPushButton(self.tr("Choose file…"), self)
        choose.clicked.connect(self.choose_file)
        row.addWidget(self.path_label, 1)
        row.addWidget(choose)
        outer.addLayout(row)
        self.read_info = QLabel(self)
        self.read_info.setStyleSheet("color: #5b6470;")
        outer.addWidget(self.read_info)
        self.preview = QTableWidget(self)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        outer.addWidget(self.preview, 3)

        middle = QHBoxLayout()
        cols = QGroupBox(self.tr("Columns"), self)
        cl = QFormLayout(cols)
        self.target = QComboBox(cols)
        self.target.activated.connect(self._target_changed)
        cl.addRow(self.tr("Target (what to predict)"), self.target)
        self.features = QListWidget(cols)
        self.features.itemChanged.connect(lambda _i: self.update_encoding())
        cl.addRow(self.tr("Input columns"), self.features)
        self.task = QComboBox(cols)
        self.task.activated.connect(lambda _i: self.update_encoding())
        cl.addRow(self.tr("Task"), self.task)
        self.standardize = QCheckBox(
            self.tr("Standardise numeric inputs (mean 0, deviation 1)"), cols
        )
        self.standardize.toggled.connect(lambda _on: self.update_encoding())
        cl.addRow(self.standardize)
        note = QLabel(self.tr("Off by default: the numbers go in as they are in the file."), cols)
        note.setWordWrap(True)
        note.setStyleSheet("color: #5b6470;")
        cl.addRow(note)
        split = QWidget(cols)
        sl = QGridLayout(split)
        sl.setContentsMargins(0, 0, 0, 0)
        self.share = QSpinBox(split)
        self.share.setRange(10, 100)
        self.share.setSuffix(" %")
        self.share.setValue(int(round(100 * CSV_PARAMS["train_fraction"])))
        self.share.valueChanged.connect(lambda _v: self.update_encoding())
        self.seed = QSpinBox(split)
        self.seed.setRange(0, 1_000_000)
        self.seed.valueChanged.connect(lambda _v: self.update_encoding())
        sl.addWidget(QLabel(self.tr("Training share"), split), 0, 0)
        sl.addWidget(self.share, 0, 1)
        sl.addWidget(QLabel(self.tr("Data seed"), split), 0, 2)
        sl.addWidget(self.seed, 0, 3)
        cl.addRow(split)
        middle.addWidget(cols, 1)

        enc = QGroupBox(self.tr("Encoding"), self)
        el = QVBoxLayout(enc)
        self.encoding = QPlainTextEdit(enc)
        self.encoding.setReadOnly(True)
        el.addWidget(self.encoding)
        middle.addWidget(enc, 1)
        outer.addLayout(middle, 3)

        self.fit_text = QLabel(self)
        self.fit_text.setWordWrap(True)
        outer.addWidget(self.fit_text)
        self.fit_output = QCheckBox(self)
        outer.addWidget(self.fit_output)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b03a2e; font-weight: bold;")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setVisible(False)
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        # its own button: a standard OK would take back Qt's text at a language change
        self.use_button = self.buttons.addButton(
            self.tr("Use this data"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.use_button.setDefault(True)
        self.buttons.accepted.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self._ok(False)
        # most of the window: at projector sizes (1280 × 800, presentation fonts) the
        # preview, the columns and the encoding all need the room
        self.resize(max(int(window.width() * 0.92), 900), max(int(window.height() * 0.92), 620))

    # ------------------------------------------------------------------ reading
    def choose_file(self) -> None:
        """Ask for a CSV file and read it."""
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open a CSV file"),
            str(Path.home()),
            self.tr("CSV files (*.csv *.txt *.tsv)"),
        )
        if path:
            self.open_file(path)

    def open_file(self, path) -> bool:
        """Read ``path``: preview, default columns and task; a bad file shows its message."""
        try:
            table = read_table(path)
        except DataError as e:
            self._show_error(str(e))
            return False
        self.table = table
        self.path_label.setText(str(path))
        sep = {
            ",": self.tr("comma"),
            ";": self.tr("semicolon"),
            "\t": self.tr("tab"),
        }[table.delimiter]
        bits = [
            table.encoding.upper()
            .replace("-SIG", self.tr(" with BOM"))
            .replace("GB18030", "GBK/GB 18030"),
            self.tr("separated by {0}").format(sep),
            self.tr("header row") if table.has_header else self.tr("no header row"),
            self.tr("{0} rows × {1} columns").format(table.n_rows, len(table.columns)),
        ]
        if table.decimal_comma:
            bits.insert(2, self.tr("decimal comma"))
        text = " · ".join(bits)
        if table.text_size() > INLINE_LIMIT:
            text += "\n" + self.tr(
                "Larger than {0} KB: the network file keeps the CSV's path and checksum, "
                "not the table. Keep the CSV with the .nnsim file."
            ).format(INLINE_LIMIT // 1024)
        self.read_info.setText(text)
        self._fill_preview()
        self._fill_columns(len(table.columns) - 1)
        return True

    def _kind_text(self, j: int) -> str:
        try:
            info = column_info(self.table, j)
        except DataError:
            return self.tr("bad cell")
        if info.kind == "number":
            return self.tr("number")
        return self.tr("category ({0})").format(len(info.values))

    def _fill_preview(self) -> None:
        t = self.table
        rows = t.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(t.columns))
        self.preview.setRowCount(len(rows))
        self.preview.setHorizontalHeaderLabels(
            [f"{c}\n{self._kind_text(j)}" for j, c in enumerate(t.columns[:200])]
            + list(t.columns[200:])
        )
        for i, row in enumerate(rows):
            for j, cell in enumerate(row[:200]):
                self.preview.setItem(i, j, QTableWidgetItem(cell))
        # never squeezed to its header: three rows stay in sight
        view = self.preview
        view.setMinimumHeight(
            view.horizontalHeader().sizeHint().height()
            + 3 * view.verticalHeader().defaultSectionSize()
            + view.horizontalScrollBar().sizeHint().height()
            + 2 * view.frameWidth()
        )

    def _fill_columns(self, target: int) -> None:
        t = self.table
        self._filling = True
        try:
            self.target.clear()
            self.target.addItems(list(t.columns))
            self.target.setCurrentIndex(target)
            try:
                chosen, _ = default_features(t, target)
            except DataError:
                chosen = [j for j in range(len(t.columns)) if j != target]
            self.features.clear()
            for j, name in enumerate(t.columns):
                item = QListWidgetItem(name, self.features)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                if j == target:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                on = j in chosen
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self._fill_tasks(target)
        finally:
            self._filling = False
        self.update_encoding()

    def _fill_tasks(self, target: int) -> None:
        try:
            proposed = propose_task(self.table, target)
        except DataError:
            proposed = "regression"
        self.task.clear()
        names = {
            "binary": self.tr("two classes"),
            "multiclass": self.tr("k classes"),
            "regression": self.tr("regression (a number)"),
        }
        for task in TASKS:
            text = names[task] + (self.tr(" (proposed)") if task == proposed else "")
            self.task.addItem(text, task)
        self.task.setCurrentIndex(TASKS.index(proposed))

    def _target_changed(self, index: int) -> None:
        if self.table is not None:
            self._fill_columns(index)

    # ------------------------------------------------------------------ choices
    def chosen_features(self) -> list[str]:
        """The checked input columns, in the table's order."""
        out = []
        for k in range(self.features.count()):
            item = self.features.item(k)
            if item.checkState() == Qt.CheckState.Checked and k != self.target.currentIndex():
                out.append(item.text())
        return out

    def set_features(self, names) -> None:
        """Check exactly these input columns."""
        names = set(names)
        for k in range(self.features.count()):
            item = self.features.item(k)
            on = item.text() in names
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.update_encoding()

    def set_target(self, name: str) -> None:
        """Make ``name`` the target column (its default inputs and task follow)."""
        self.target.setCurrentIndex(self.table.columns.index(name))
        self._target_changed(self.target.currentIndex())

    def update_encoding(self) -> None:
        """Encode with the current choices; show the encoding, the fit, or the problem."""
        if self.table is None or getattr(self, "_filling", False):
            return
        try:
            self.encoded = make_section(
                self.table,
                target=self.target.currentIndex(),
                features=self.chosen_features() or None,
                task=self.task.currentData(),
                standardize=self.standardize.isChecked(),
            ).encode(self.share.value() / 100.0, self.seed.value())
        except DataError as e:
            self.encoded = None
            self._show_error(str(e))
            return
        self.error.setVisible(False)
        self._ok(True)
        self.encoding.setPlainText(self._encoding_text())
        self._show_fit()

    def _encoding_text(self) -> str:
        e = self.encoded
        ds = e.dataset
        lines = [self.tr("Target {0}: {1}").format(e.target, self.task.currentText())]
        if ds.class_names is not None:
            lines.append(self.tr("Classes: {0}").format(", ".join(ds.class_names)))
        for enc in e.inputs:
            if enc.kind == "category":
                lines.append(
                    self.tr("{0}: category → {1} (one-hot)").format(
                        enc.column, ", ".join(enc.inputs)
                    )
                )
            elif enc.mean is not None:
                lines.append(
                    self.tr("{0}: number, standardised (x − {1:.4g}) / {2:.4g}").format(
                        enc.column, enc.mean, enc.std
                    )
                )
            else:
                lines.append(self.tr("{0}: number, as it is").format(enc.column))
        lines.append(
            self.tr("{0} inputs; {1} training rows, {2} test rows").format(
                ds.n_features, len(ds), 0 if ds.x_test is None else len(ds.x_test)
            )
        )
        return "\n".join(lines)

    def _show_fit(self) -> None:
        doc = self.context.document
        ds = self.encoded.dataset
        inputs = doc.input_layers()
        n_in = doc.layers[inputs[0]].size if len(inputs) == 1 else 0
        plan = output_plan(doc, self.encoded.task, ds.n_classes)
        self.plan = plan
        text = self.tr("The input layer is set to the table's {0} inputs.").format(ds.n_features)
        if n_in == ds.n_features:
            text = self.tr("The input layer takes {0} inputs: it fits.").format(n_in)
        if plan is None:
            text += _sentence_gap() + self.tr("The output layer fits the task.")
            self.fit_output.setVisible(False)
        else:
            outs = doc.output_layers()
            have = doc.layers[outs[0]].size if outs else 0
            text += _sentence_gap() + self.tr(
                "The output layer has {0} neuron(s) and does not fit the task."
            ).format(have)
            if plan["activation"] == "sigmoid":
                offer = self.tr("Set the output layer to one sigmoid output (two classes)")
            elif plan["loss"] == "softmax_cross_entropy":
                offer = self.tr("Set the output layer to {0} softmax outputs (k classes)").format(
                    plan["size"]
                )
            else:
                offer = self.tr("Set the output layer to one linear output (regression)")
            self.fit_output.setText(offer + self.tr(" — one undo step with the rest"))
            self.fit_output.setChecked(True)
            self.fit_output.setVisible(True)
        self.fit_text.setText(text)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)
        self._ok(False)

    def _ok(self, on: bool) -> None:
        self.use_button.setEnabled(on)

    # ------------------------------------------------------------------ applying
    def apply(self) -> None:
        """Keep the table with the network and fit the layers: one undo step."""
        if self.encoded is None:
            return
        section = make_section(
            self.table,
            target=self.target.currentIndex(),
            features=self.chosen_features() or None,
            task=self.task.currentData(),
            standardize=self.standardize.isChecked(),
        )
        params = {"train_fraction": self.share.value() / 100.0, "seed": self.seed.value()}
        ds, task = self.encoded.dataset, self.encoded.task
        fix = self.plan is not None and self.fit_output.isChecked()

        def act(doc):
            # Built on a copy and taken over at once: the window never sees the half-done
            # network (an input layer of 18 neurons on the way to 19, and its error). New
            # data, new initial weights (as for the built-in sets), in this same step.
            trial = doc.copy()
            trial.set_data(section)
            trial.update_settings(dataset=CSV_DATASET, dataset_params=params, targets=None)
            fit_to_data(trial, ds, task, fix_output=fix)
            draw_weights(trial)
            doc.restore(trial.snapshot())
            return True

        try:
            done = self.context.editor.structural(USE_CSV, act)
        except (ValueError, RuntimeError) as e:
            self._show_error(str(e))
            return
        if done:
            self.accept()


def open_csv_dialog(context: AppContext) -> bool:
    """Show the dialog over the window of ``context``; True when data was chosen."""
    dialog = CsvDialog(context)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def render_screenshots(out_dir) -> list:
    """docs/screenshots/csv-dialog-{en,zh_CN}.png: watermelon 3.0 over a 3-3-2 tanh network.

    ``QT_QPA_PLATFORM=offscreen .venv/bin/python -c "from nnsim.gui.training.csv_dialog
    import render_screenshots as r; r('docs/screenshots')"``
    """
    import os
    import tempfile

    os.environ.setdefault("NNSIM_DATA_DIR", tempfile.mkdtemp(prefix="nnsim-shots-"))
    from PySide6.QtWidgets import QApplication

    from nnsim.gui.app import build_window
    from nnsim.model.mlp import mlp_document
    from nnsim.paths import resource

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in ("en", "zh_CN"):
        win = build_window(None, restore=False)
        win.resize(1280, 800)
        win.set_language(lang)
        win.set_document(mlp_document("3,3,2", "tanh"))
        win.show()
        dialog = CsvDialog(win.context)
        dialog.open_file(resource("datasets", "watermelon", "watermelon3.0.csv"))
        dialog.path_label.setText("watermelon3.0.csv")
        dialog.show()
        for _ in range(10):
            QApplication.processEvents()
        path = out / f"csv-dialog-{lang}.png"
        dialog.grab().save(str(path))
        written.append(path)
        dialog.reject()
        win.undo_stack.setClean()
        win.close()
    return written
