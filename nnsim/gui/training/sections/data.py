"""The training panel's data section: the data set, its points, noise, split and seed, the features."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGridLayout, QSpinBox, QVBoxLayout, QWidget

from nnsim.data import DATASETS, FEATURES
from nnsim.gui.style import ElidedCombo
from nnsim.gui.training.csv_dialog import csv_item_text, table_item_text
from nnsim.gui.training.sections.common import PanelHost, SettingsSection, limits
from nnsim.model.datasection import CSV_DATASET, CSV_PARAMS
from nnsim.model.settings_rules import DATASET_PARAM_RULES, carry_params
from nnsim.recipes.problem import active_features, is_plane_dataset

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


class DataSection(SettingsSection):
    """Data set, number of points, noise, training share, data seed and input features.

    Changing any of them resets the weights (the controller does, on the new settings).
    A row the data set does not have is hidden (``data_rows``: name → its label).
    """

    def __init__(self, host: PanelHost, parent=None):
        super().__init__(host, parent)
        self._text(self.setTitle, lambda: QCoreApplication.translate("TrainingPanel", "Data"))
        dl = QVBoxLayout(self)
        self.data_note = self._note(
            dl,
            lambda: QCoreApplication.translate(
                "TrainingPanel", "Changing the data resets the weights."
            ),
        )
        self.data_form = QFormLayout()
        dl.addLayout(self.data_form)
        self.dataset = ElidedCombo(self)  # long names ("Sequence class: …") in a narrow dock
        self.dataset.activated.connect(self._dataset_chosen)
        self._row(
            self.data_form,
            lambda: QCoreApplication.translate("TrainingPanel", "Data set"),
            self.dataset,
        )
        self.n_points = QSpinBox(self)
        self.n_points.setRange(*limits("n_points"))
        self.n_points.setSingleStep(50)
        self.n_points.editingFinished.connect(
            lambda: self._param("n_points", self.n_points.value())
        )
        #: name → the label of its row in the data form (rows hide where they do not apply)
        self.data_rows = {
            "n_points": self._row(
                self.data_form,
                lambda: QCoreApplication.translate("TrainingPanel", "Points"),
                self.n_points,
            )
        }
        #: the data set's noise is a standard deviation 0–1 (the sequence sets), shown as
        #: σ in hundredths on the slider, not Playground's percentage
        self._noise_sigma = False
        self.noise, self.noise_value = self._slider(*limits("noise"), self._noise_moved)
        self.noise.valueChanged.connect(self._show_noise)
        self.data_rows["noise"] = self._row(
            self.data_form, self._noise_title, self._pair(self.noise, self.noise_value)
        )
        self.split, self.split_value = self._slider(
            *limits("train_fraction", 100), lambda v: self._param("train_fraction", v / 100.0)
        )
        self.data_rows["train_fraction"] = self._row(
            self.data_form,
            lambda: QCoreApplication.translate("TrainingPanel", "Training share (%)"),
            self._pair(self.split, self.split_value),
        )
        self.data_seed = QSpinBox(self)
        self.data_seed.setRange(*limits("seed"))
        self.data_seed.editingFinished.connect(lambda: self._param("seed", self.data_seed.value()))
        self.data_rows["seed"] = self._row(
            self.data_form,
            lambda: QCoreApplication.translate("TrainingPanel", "Data seed"),
            self.data_seed,
        )
        feats = QWidget(self)
        fl = QGridLayout(feats)
        fl.setContentsMargins(0, 0, 0, 0)
        self.features: dict[str, QCheckBox] = {}
        for k, name in enumerate(FEATURES):
            box = QCheckBox(FEATURE_TEXT[name], feats)
            box.toggled.connect(self._features_toggled)
            fl.addWidget(box, k // 4, k % 4)
            self.features[name] = box
        self.features_widget = feats
        self._row(
            self.data_form,
            lambda: QCoreApplication.translate("TrainingPanel", "Input features"),
            feats,
        )

    # -- edits ------------------------------------------------------------------------------------
    def _param(self, name: str, value) -> None:
        """Set one parameter of the data set (one undo step, nothing if unchanged)."""
        if self._updating:
            return
        s = self.host.document.settings
        params = dict(s.dataset_params)
        if params.get(name) == value:
            return
        params[name] = value
        self._set(dataset_params=params)

    def _noise_title(self) -> str:
        if self._noise_sigma:
            return QCoreApplication.translate("TrainingPanel", "Noise σ")
        return QCoreApplication.translate("TrainingPanel", "Noise (%)")

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
        self.noise.setRange(0, 100) if sigma else self.noise.setRange(*limits("noise"))
        self.data_rows["noise"].setText(self._noise_title())

    def _dataset_chosen(self, index: int) -> None:
        name = self.dataset.itemData(index)
        doc = self.host.document
        s = doc.settings
        if name == "__csv_file__":
            self.host.open_csv()
            self.refresh(self.host.document)  # the list shows the data in use, chosen or not
            return
        if name == "__targets__" or (name == s.dataset and s.targets is None):
            return
        if name == CSV_DATASET:  # back to the table kept with the network
            self._set(dataset=name, dataset_params=dict(CSV_PARAMS), targets=None)
            return
        # the parameters the new set takes too, where their values fit its rules
        params = carry_params(name, s.dataset_params)
        if is_plane_dataset(name) and active_features(doc) is None:
            self.set_features(["x1", "x2"])
        self._set(dataset=name, dataset_params=params, targets=None)

    def _features_toggled(self, _on: bool) -> None:
        if self._updating:
            return
        chosen = [f for f in FEATURES if self.features[f].isChecked()]
        if not chosen:  # at least one input
            self.refresh(self.host.document)
            return
        self.set_features(chosen)
        self.host.reset_weights()

    def set_features(self, names) -> bool:
        """Make the input layer take these Playground features (one undo step)."""
        inputs = self.host.document.input_layers()
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

        text = QCoreApplication.translate("TrainingPanel", "Change input features")
        return bool(self.host.edit_structure(text, act))

    # -- showing ----------------------------------------------------------------------------------
    def refresh(self, doc) -> None:
        """Show ``doc``'s data settings (no commands while doing so)."""
        s = doc.settings
        self._updating += 1
        try:
            self._show_datasets(doc)
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
                    self.n_points.setMinimum(limits("n_points")[0] if on else 1)
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
        finally:
            self._updating -= 1

    def _show_datasets(self, doc) -> None:
        """The data set list: the lesson's samples, the data sets, a CSV table, "CSV file…"."""
        s = doc.settings
        lang_zh = self.host.chinese()
        self.dataset.clear()
        if s.targets is not None:
            self.dataset.addItem(
                QCoreApplication.translate("TrainingPanel", "The lesson's samples"), "__targets__"
            )
        for name, entry in DATASETS.items():
            if entry.kind == "sequence" and name != s.dataset:
                continue  # sequence sets train RNNs: listed only as an RNN's own set
            self.dataset.addItem(entry.title_zh if lang_zh else entry.title_en, name)
        if doc.data is not None:
            self.dataset.addItem(table_item_text(doc.data.name), CSV_DATASET)
        self.dataset.addItem(csv_item_text(), "__csv_file__")
        key = "__targets__" if s.targets is not None else s.dataset
        self.dataset.setCurrentIndex(max(self.dataset.findData(key), 0))
