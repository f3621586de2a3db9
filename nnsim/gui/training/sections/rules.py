"""The training panel's rule section: learning rule, batch, η, optimiser, loss, regularisation, stopping."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QSpinBox, QVBoxLayout

from nnsim.engine.training import RULES
from nnsim.gui.training.sections.common import NumberCombo, PanelHost, SettingsSection, limits

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
OPTIMIZERS = ("sgd", "momentum", "adam")
REGULARIZATIONS = ("none", "l1", "l2")
LOSSES = ("squared_error", "sigmoid_binary_cross_entropy", "softmax_cross_entropy")


def rule_name(rule: str) -> str:
    """A learning rule's name in the UI language."""
    return {
        "perceptron": QCoreApplication.translate("TrainingPanel", "perceptron rule"),
        "standard": QCoreApplication.translate(
            "TrainingPanel", "standard BP (one sample per update)"
        ),
        "accumulated": QCoreApplication.translate(
            "TrainingPanel", "accumulated BP (whole set per update)"
        ),
        "minibatch": QCoreApplication.translate("TrainingPanel", "mini-batch SGD"),
    }.get(rule, rule)


class RuleSection(SettingsSection):
    """How the network learns: rule, batch size, η, optimiser, loss, regularisation, early
    stopping, validation share and epochs per run. Changes apply at once, weights kept."""

    def __init__(self, host: PanelHost, parent=None):
        super().__init__(host, parent)
        self._text(self.setTitle, lambda: QCoreApplication.translate("TrainingPanel", "Training"))
        tl = QVBoxLayout(self)
        self._note(
            tl,
            lambda: QCoreApplication.translate(
                "TrainingPanel",
                "Changes apply at once and keep the weights. η and the batch size continue "
                "the history; the other settings start a new history.",
            ),
        )
        form = QFormLayout()
        tl.addLayout(form)
        self.rule = QComboBox(self)
        self.rule.activated.connect(lambda i: self._set(rule=RULES[i]))
        self._row(
            form, lambda: QCoreApplication.translate("TrainingPanel", "Learning rule"), self.rule
        )
        self.batch = QSpinBox(self)
        self.batch.setRange(*limits("batch_size"))
        self.batch.editingFinished.connect(lambda: self._set(batch_size=self.batch.value()))
        self.batch_label = self._row(
            form, lambda: QCoreApplication.translate("TrainingPanel", "Batch size"), self.batch
        )
        self.lr = NumberCombo(LEARNING_RATES, 0.0, self)
        self.lr.activated.connect(lambda _i: self._number("lr", self.lr))
        self.lr.lineEdit().editingFinished.connect(lambda: self._number("lr", self.lr))
        self._row(
            form, lambda: QCoreApplication.translate("TrainingPanel", "Learning rate η"), self.lr
        )
        self.optimizer = QComboBox(self)
        self.optimizer.activated.connect(lambda i: self._set(optimizer=OPTIMIZERS[i]))
        self._row(
            form, lambda: QCoreApplication.translate("TrainingPanel", "Optimiser"), self.optimizer
        )
        self.loss = QComboBox(self)
        self.loss.activated.connect(lambda i: self._set(loss=LOSSES[i]))
        self._row(form, lambda: QCoreApplication.translate("TrainingPanel", "Loss"), self.loss)
        self.reg = QComboBox(self)
        self.reg.activated.connect(lambda i: self._set(regularization=REGULARIZATIONS[i]))
        self._row(
            form, lambda: QCoreApplication.translate("TrainingPanel", "Regularisation"), self.reg
        )
        self.reg_lambda = NumberCombo(LAMBDAS, 0.0, self)
        self.reg_lambda.activated.connect(lambda _i: self._number("reg_lambda", self.reg_lambda))
        self.reg_lambda.lineEdit().editingFinished.connect(
            lambda: self._number("reg_lambda", self.reg_lambda)
        )
        self._row(
            form,
            lambda: QCoreApplication.translate("TrainingPanel", "Regularisation rate λ"),
            self.reg_lambda,
        )
        self.early = QCheckBox(self)
        self.early.toggled.connect(lambda on: self._set(early_stopping=bool(on)))
        self.patience = QSpinBox(self)
        self.patience.setRange(*limits("patience"))
        self.patience.editingFinished.connect(lambda: self._set(patience=self.patience.value()))
        self._text(
            self.early.setText, lambda: QCoreApplication.translate("TrainingPanel", "on, patience")
        )
        self._row(
            form,
            lambda: QCoreApplication.translate("TrainingPanel", "Early stopping"),
            self._pair(self.early, self.patience),
        )
        self.val_share = QSpinBox(self)
        self.val_share.setRange(*limits("validation_fraction", 100))
        self.val_share.setSuffix(" %")
        self.val_share.editingFinished.connect(
            lambda: self._set(validation_fraction=self.val_share.value() / 100.0)
        )
        self._row(
            form,
            lambda: QCoreApplication.translate(
                "TrainingPanel", "Validation share (0: the test part)"
            ),
            self.val_share,
        )
        self.epochs = QSpinBox(self)
        self.epochs.setRange(*limits("epochs"))
        self.epochs.editingFinished.connect(lambda: self._set(epochs=self.epochs.value()))
        self._row(
            form, lambda: QCoreApplication.translate("TrainingPanel", "Epochs per run"), self.epochs
        )

    def _number(self, field: str, combo: NumberCombo) -> None:
        """A typed or picked η or λ: set it, or show the setting again if it is not one."""
        v = combo.value()
        s = self.host.document.settings
        if v is None or (field == "lr" and v <= 0):
            combo.set_value(getattr(s, field))
            return
        if not self._set(**{field: v}):
            combo.set_value(getattr(s, field))

    def refresh(self, doc) -> None:
        """Show ``doc``'s training settings (no commands while doing so)."""
        s = doc.settings
        self._updating += 1
        try:
            self.rule.clear()
            for r in RULES:
                self.rule.addItem(rule_name(r))
            self.rule.setCurrentIndex(RULES.index(s.rule) if s.rule in RULES else 0)
            self.batch.setValue(int(s.batch_size))
            self.batch.setEnabled(s.rule == "minibatch")
            self.lr.set_value(s.lr)
            self.optimizer.clear()
            self.optimizer.addItems(
                [
                    QCoreApplication.translate("TrainingPanel", "plain gradient descent"),
                    QCoreApplication.translate("TrainingPanel", "momentum"),
                    QCoreApplication.translate("TrainingPanel", "Adam"),
                ]
            )
            self.optimizer.setCurrentIndex(OPTIMIZERS.index(s.optimizer))
            self.loss.clear()
            self.loss.addItems(
                [
                    QCoreApplication.translate("TrainingPanel", "squared error ½Σ(y−ŷ)²"),
                    QCoreApplication.translate("TrainingPanel", "binary cross-entropy (sigmoid)"),
                    QCoreApplication.translate("TrainingPanel", "cross-entropy (softmax)"),
                ]
            )
            self.loss.setCurrentIndex(LOSSES.index(s.loss) if s.loss in LOSSES else 0)
            self.reg.clear()
            self.reg.addItems([QCoreApplication.translate("TrainingPanel", "none"), "L1", "L2"])
            self.reg.setCurrentIndex(REGULARIZATIONS.index(s.regularization))
            self.reg_lambda.set_value(s.reg_lambda)
            self.reg_lambda.setEnabled(s.regularization != "none")
            self.early.setChecked(bool(s.early_stopping))
            self.patience.setValue(int(s.patience))
            self.patience.setEnabled(bool(s.early_stopping))
            self.val_share.setValue(int(round(s.validation_fraction * 100)))
            self.epochs.setValue(int(s.epochs))
        finally:
            self._updating -= 1
