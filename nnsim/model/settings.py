"""Training settings and document meta (dataclasses) and the validation of their fields."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from nnsim.model import settings_rules
from nnsim.model.specs import DocumentError

NOTATIONS = ("book", "generic")
VIEWS = ("network", "cnn", "rnn")


@dataclass
class Settings:
    """How the network is trained and on what data.

    ``targets`` holds explicit samples for single-sample lessons (the worked example):
    a list of ``{"x": [...], "y": [...]}``; when set it replaces the data set.
    """

    dataset: str = "xor"
    dataset_params: dict = field(default_factory=dict)
    rule: str = "standard"
    lr: float = 0.1
    batch_size: int = 10
    optimizer: str = "sgd"
    momentum: float = 0.9
    regularization: str = "none"
    reg_lambda: float = 0.0
    early_stopping: bool = False
    patience: int = 10
    validation_fraction: float = 0.0
    seed: int = 0
    init: str = "uniform01"
    loss: str = "squared_error"
    epochs: int = 100
    dtype: str = "float64"
    targets: list | None = None


#: The names of the settings, in their order.
SETTINGS_FIELDS = tuple(f.name for f in fields(Settings))


@dataclass
class Meta:
    """Titles and notes (Chinese and English), the lesson name and how to show it."""

    title_zh: str = ""
    title_en: str = ""
    goal_zh: str = ""
    goal_en: str = ""
    notes_zh: str = ""
    notes_en: str = ""
    lesson: str | None = None
    notation: str = "book"
    view: str = "network"


def _settings_value(name: str, value, dataset: str = "xor"):
    """Validate one settings field by its rule (nnsim.model.settings_rules); return it cleaned.

    ``dataset`` is the data set whose parameters ``dataset_params`` must be.
    """
    try:
        if name == "dataset":
            return settings_rules.check_dataset(value)
        if name == "targets":
            return settings_rules.check_targets(value)
        if name == "dataset_params":
            return settings_rules.check_dataset_params(dataset, value)
        return settings_rules.check_setting(name, value)
    except settings_rules.SettingsError as e:
        if e.reason == "unknown setting":
            raise DocumentError(f"there is no setting {name!r}") from None
        raise DocumentError(str(e)) from None


def _meta_value(name: str, value):
    if name in ("title_zh", "title_en", "goal_zh", "goal_en", "notes_zh", "notes_en"):
        if not isinstance(value, str):
            raise DocumentError(f"{name} must be text")
        return value
    if name == "lesson":
        if value is not None and not isinstance(value, str):
            raise DocumentError("lesson must be a name or null")
        return value
    if name == "notation":
        if value not in NOTATIONS:
            raise DocumentError(f"notation must be one of {', '.join(NOTATIONS)}")
        return value
    if name == "view":
        if value not in VIEWS:
            raise DocumentError(f"view must be one of {', '.join(VIEWS)}")
        return value
    raise DocumentError(f"there is no meta field {name!r}")
