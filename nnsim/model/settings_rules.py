"""The rules of every training setting (type, bounds, choices): one table for the loader, the API and the app.

The file loader, ``NetworkDocument.update_settings`` and the training panel's controls
all read these tables, so a value the panel cannot show is one the loader refuses, and
the JSON schema's settings part is generated from them (a test keeps the schema file in
step). The bounds of the data sets' parameters are the data functions' own bounds
(``nnsim.data``); a test checks that each limit is accepted there and one step beyond
it refused.

Every check raises :class:`SettingsError` whose ``field`` is the path inside the settings
(``"dataset_params.n_points"``) and whose message says what is allowed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from nnsim.data.sequences import CORPORA
from nnsim.data.toy2d import MAX_POINTS
from nnsim.engine.layers.base import INIT_SCHEMES
from nnsim.engine.losses import LOSSES
from nnsim.engine.training import RULES

OPTIMIZERS = ("sgd", "momentum", "adam")
REGULARIZATIONS = ("none", "l1", "l2")
DTYPES = ("float64", "float32")
#: The largest seed: what a spin box (a 32-bit int) can show.
MAX_SEED = 2**31 - 1
#: Data-set names that mean "the samples listed in ``targets``" rather than a data set.
SAMPLE_DATASETS = ("custom", "explicit")
#: The data-set name of a document's own CSV table (``nnsim.model.datasection.CSV_DATASET``).
CSV_DATASET = "csv"
#: The most samples ``targets`` may list, and the most numbers per sample.
MAX_TARGETS = MAX_POINTS
MAX_TARGET_WIDTH = 10_000


class SettingsError(ValueError):
    """A settings value outside its rule.

    Attributes
    ----------
    field : str
        Where inside the settings, e.g. ``"dataset_params.n_points"``.
    reason : str
        The message without the field (``str(error)`` is ``"field: reason"``).
    """

    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def join_field(path: str, key) -> str:
    """``path.key`` — or ``path['odd key']`` when the key is no plain name (a line break,
    a dot, a quote), so a message stays one readable line."""
    key = str(key)
    plain = key.isprintable() and key and not any(c in key for c in ".[]'\" ")
    if plain:
        return f"{path}.{key}" if path else key
    return f"{path}[{key[:40]!r}]"


def describe(v) -> str:
    """A value as a message shows it ("the text 'abc'", "null", "the number 1e+300")."""
    if v is None:
        return "null"
    if isinstance(v, (bool, np.bool_)):
        return "true/false"
    if isinstance(v, (int, np.integer)):
        s = str(int(v))
        return f"the number {s}" if len(s) <= 20 else f"a number of {len(s)} digits"
    if isinstance(v, (float, np.floating)):
        return f"the number {float(v):g}"
    if isinstance(v, str):
        return f"the text {v[:30]!r}"
    if isinstance(v, (list, tuple)):
        return "a list"
    if isinstance(v, dict):
        return "an object"
    return type(v).__name__


def _num_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _is_int(v) -> bool:
    return isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_))


def _is_number(v) -> bool:
    return _is_int(v) or isinstance(v, (float, np.floating))


@dataclass(frozen=True)
class Rule:
    """What one setting may hold.

    Parameters
    ----------
    kind : str
        "int", "number", "bool", "choice", "text" or "subset" (a whole number, a pair of
        them, or null: MNIST's training and test counts).
    lo, hi : float or None
        Bounds (inclusive unless ``lo_open`` / ``hi_open``); None: unbounded.
    choices : tuple of str
        The allowed values of a "choice".
    nullable : bool
        null is allowed too.
    cast : bool
        Return numbers as float (the top-level settings); otherwise a whole number in a
        "number" field stays one, so a file saves back as it was.
    """

    kind: str
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    hi_open: bool = False
    choices: tuple = ()
    nullable: bool = False
    cast: bool = False

    def bounds_text(self) -> str:
        """The allowed range in words, e.g. "from 10 to 100000"."""
        lo = None if self.lo is None else _num_text(self.lo)
        hi = None if self.hi is None else _num_text(self.hi)
        if lo is not None and hi is not None:
            if self.lo_open or self.hi_open:
                left = "(" if self.lo_open else "["
                right = ")" if self.hi_open else "]"
                return f"in {left}{lo}, {hi}{right}"
            return f"from {lo} to {hi}"
        if lo is not None:
            if self.lo == 0 and self.lo_open:
                return "positive"
            return f"{'>' if self.lo_open else '≥'} {lo}"
        if hi is not None:
            return f"{'<' if self.hi_open else '≤'} {hi}"
        return "any finite number"

    def _in_range(self, v) -> bool:
        if self.lo is not None and (v <= self.lo if self.lo_open else v < self.lo):
            return False
        return not (self.hi is not None and (v >= self.hi if self.hi_open else v > self.hi))

    def check(self, value, field: str):
        """Return the cleaned value or raise :class:`SettingsError` naming ``field``."""
        if value is None and self.nullable:
            return None
        k = self.kind
        if k == "choice":
            if not isinstance(value, str) or value not in self.choices:
                raise SettingsError(
                    field,
                    f"{describe(value)} is not allowed; choose one of {', '.join(self.choices)}",
                )
            return value
        if k == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise SettingsError(field, f"expected true or false, got {describe(value)}")
            return bool(value)
        if k == "text":
            if not isinstance(value, str) or not value:
                raise SettingsError(field, f"expected a name, got {describe(value)}")
            return value
        if k == "subset":
            if isinstance(value, (list, tuple)):
                if len(value) != 2:
                    raise SettingsError(field, "a subset is [training images, test images]")
                return [self._whole(v, f"{field}[{i}]") for i, v in enumerate(value)]
            return self._whole(value, field)
        if k == "int":
            return self._whole(value, field)
        v = _finite(value, field)
        if not self._in_range(v):
            raise SettingsError(field, f"must be {self.bounds_text()}, got {describe(value)}")
        return v if self.cast or not _is_int(value) else int(value)

    def _whole(self, value, field: str) -> int:
        if not _is_int(value):
            raise SettingsError(field, f"expected a whole number, got {describe(value)}")
        if not self._in_range(value):
            raise SettingsError(field, f"must be a whole number {self.bounds_text()}, got {value}")
        return int(value)

    def schema(self) -> dict:
        """This rule as a JSON-schema fragment."""
        if self.kind == "choice":
            out: dict = {"enum": list(self.choices)}
        elif self.kind == "bool":
            out = {"type": "boolean"}
        elif self.kind == "text":
            out = {"type": "string", "minLength": 1}
        else:
            out = {"type": "integer" if self.kind in ("int", "subset") else "number"}
            for key, value, is_open in (
                ("Minimum", self.lo, self.lo_open),
                ("Maximum", self.hi, self.hi_open),
            ):
                if value is not None:
                    name = ("exclusive" + key) if is_open else key.lower()
                    out[name] = int(value) if float(value).is_integer() else value
            if self.kind == "subset":
                out = {
                    "oneOf": [out, {"type": "array", "minItems": 2, "maxItems": 2, "items": out}]
                }
        if self.nullable:
            out = {"oneOf": [{"type": "null"}, out]}
        return out


def _choice(values) -> Rule:
    return Rule("choice", choices=tuple(values))


SEED = Rule("int", 0, MAX_SEED)

#: The rules of the scalar settings (``dataset_params`` and ``targets`` have their own checks).
SETTINGS_RULES: dict[str, Rule] = {
    "dataset": Rule("text"),
    "rule": _choice(RULES),
    "lr": Rule("number", 0, None, lo_open=True, cast=True),
    "batch_size": Rule("int", 1, 100_000),
    "optimizer": _choice(OPTIMIZERS),
    "momentum": Rule("number", 0, 1, hi_open=True, cast=True),
    "regularization": _choice(REGULARIZATIONS),
    "reg_lambda": Rule("number", 0, None, cast=True),
    "early_stopping": Rule("bool"),
    "patience": Rule("int", 1, 100_000),
    "validation_fraction": Rule("number", 0, 0.9, cast=True),
    "seed": SEED,
    "init": _choice(INIT_SCHEMES),
    "loss": _choice(LOSSES),
    "epochs": Rule("int", 1, 10_000_000),
    "dtype": _choice(DTYPES),
}

#: The parameters of the Playground sets (circle, xor2d, gauss, spiral, reg_plane, reg_gauss).
PLAYGROUND_PARAMS = {
    "n_points": Rule("int", 10, MAX_POINTS),
    "noise": Rule("number", 0, 50),  # a percentage, as Playground's slider
    "train_fraction": Rule("number", 0.1, 0.9),
    "seed": SEED,
}
_SEQ_NOISE = Rule("number", 0, 1)  # a standard deviation
_N_SEQ = Rule("int", 1, 100_000)

#: Each data set's parameters and their rules (the data functions' own bounds).
DATASET_PARAM_RULES: dict[str, dict[str, Rule]] = {
    **{name: {} for name in ("and", "or", "not", "xor", "watermelon", *SAMPLE_DATASETS)},
    **{
        name: PLAYGROUND_PARAMS
        for name in ("circle", "xor2d", "gauss", "spiral", "reg_plane", "reg_gauss")
    },
    "sine": {
        "n_sequences": _N_SEQ,
        "seq_len": Rule("int", 2, 1000),
        "period": Rule("number", 2, 1000),
        "noise": _SEQ_NOISE,
        "seed": SEED,
    },
    "rise_fall": {
        "n_sequences": Rule("int", 2, 100_000),
        "seq_len": Rule("int", 2, 1000),
        "noise": _SEQ_NOISE,
        "seed": SEED,
    },
    "parity": {
        "n_sequences": Rule("int", 1, 100_000, nullable=True),
        "seq_len": Rule("int", 1, 1000),
        "seed": SEED,
    },
    "chars": {
        "corpus": _choice(CORPORA),
        "seq_len": Rule("int", 1, 1000),
        "n_sequences": _N_SEQ,
        "lowercase": Rule("bool"),
        "seed": SEED,
    },
    # the document's own table (nnsim.model.datasection): its split, as for the built-in sets
    CSV_DATASET: {"train_fraction": Rule("number", 0.1, 1.0), "seed": SEED},
    "mnist": {
        "normalize": Rule("bool"),
        "subset": Rule("subset", 1, 60_000, nullable=True),
        "seed": SEED,
        "dtype": _choice(DTYPES),
    },
}


def check_setting(name: str, value, field: str | None = None):
    """Validate one scalar setting (not ``dataset_params``/``targets``); return it cleaned."""
    rule = SETTINGS_RULES.get(name)
    if rule is None:
        raise SettingsError(field or name, "unknown setting")
    return rule.check(value, field or name)


def check_dataset(name, field: str = "dataset") -> str:
    """A data-set name the rules know (a registered set or one meaning the listed samples)."""
    name = SETTINGS_RULES["dataset"].check(name, field)
    if name not in DATASET_PARAM_RULES:
        known = [n for n in DATASET_PARAM_RULES if n not in SAMPLE_DATASETS]
        raise SettingsError(
            field, f"unknown data set {name!r}; the data sets are {', '.join(known)}"
        )
    return name


def check_dataset_params(dataset: str, params, field: str = "dataset_params") -> dict:
    """The parameters of ``dataset``, each checked against its rule; return a new dict."""
    if not isinstance(params, dict):
        raise SettingsError(field, f"expected an object {{name: value}}, got {describe(params)}")
    rules = DATASET_PARAM_RULES.get(dataset, {})
    out = {}
    for key, value in params.items():
        rule = rules.get(key)
        where = join_field(field, key)
        if rule is None:
            have = ", ".join(rules) if rules else "none"
            raise SettingsError(
                where, f"the data set {dataset!r} has no parameter {key!r} (its parameters: {have})"
            )
        out[key] = rule.check(value, where)
    return out


def carry_params(dataset: str, params: dict) -> dict:
    """The parameters of another data set that ``dataset`` takes too, with valid values.

    Used when the data set changes: the points, noise and seed stay where they fit.
    """
    rules = DATASET_PARAM_RULES.get(dataset, {})
    out = {}
    for key, value in params.items():
        if key in rules:
            try:
                out[key] = rules[key].check(value, key)
            except SettingsError:
                continue
    return out


def check_targets(value, field: str = "targets"):
    """The listed samples: null, or ``[{"x": [...], "y": [...]}, ...]`` of equal widths."""
    if value is None:
        return None
    if not isinstance(value, (list, tuple)) or not value:
        raise SettingsError(field, 'expected null or a non-empty list of {"x": [...], "y": [...]}')
    if len(value) > MAX_TARGETS:
        raise SettingsError(field, f"{len(value)} samples; at most {MAX_TARGETS} can be listed")
    out, widths = [], {}
    for k, s in enumerate(value):
        where = f"{field}[{k}]"
        if not isinstance(s, dict) or set(s) != {"x", "y"}:
            raise SettingsError(where, 'a sample is {"x": [...], "y": [...]}')
        sample = {}
        for part in ("x", "y"):
            nums = s[part]
            if isinstance(nums, np.ndarray):
                nums = nums.tolist()
            w = f"{where}.{part}"
            if not isinstance(nums, (list, tuple)) or not nums:
                raise SettingsError(
                    w, f"expected a non-empty list of numbers, got {describe(nums)}"
                )
            if len(nums) > MAX_TARGET_WIDTH:
                raise SettingsError(w, f"{len(nums)} numbers; at most {MAX_TARGET_WIDTH}")
            if widths.setdefault(part, len(nums)) != len(nums):
                raise SettingsError(
                    w, f"{len(nums)} numbers, but the first sample has {widths[part]}"
                )
            sample[part] = [_finite(v, f"{w}[{i}]") for i, v in enumerate(nums)]
        out.append(sample)
    return out


def _finite(v, field: str) -> float:
    """``v`` as a float, or a SettingsError when it is not a finite number."""
    if not _is_number(v):
        raise SettingsError(field, f"expected a number, got {describe(v)}")
    f = float(v)
    if not math.isfinite(f):
        raise SettingsError(field, f"{describe(v)} is not a finite number")
    return f


def check_settings(d, field: str = "settings", default_dataset: str = "xor") -> dict:
    """The whole settings section of a file, every field checked; return the cleaned fields.

    Unknown fields are refused; missing ones keep their defaults (the caller's dataclass).
    The data set's parameters are checked against the data set the section names
    (``default_dataset`` when it names none).
    """
    if not isinstance(d, dict):
        raise SettingsError(field, f"expected an object {{...}}, got {describe(d)}")
    out = {}
    for key, value in d.items():
        where = join_field(field, key)
        if key == "dataset":
            out[key] = check_dataset(value, where)
        elif key == "targets":
            out[key] = check_targets(value, where)
        elif key == "dataset_params":
            continue  # below, once the data set is known
        elif key in SETTINGS_RULES:
            out[key] = SETTINGS_RULES[key].check(value, where)
        else:
            raise SettingsError(where, "unknown setting")
    if "dataset_params" in d:
        dataset = out.get("dataset", default_dataset)
        out["dataset_params"] = check_dataset_params(
            dataset, d["dataset_params"], f"{field}.dataset_params"
        )
    return out


def settings_schema() -> dict:
    """The JSON-schema fragment of the scalar settings (what the schema file must hold)."""
    return {name: rule.schema() for name, rule in SETTINGS_RULES.items()}
