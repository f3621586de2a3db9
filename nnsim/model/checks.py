"""Validation of the values an edit gives (numbers, sizes, activations, kind parameters)."""

from __future__ import annotations

import math

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.errors import EngineError
from nnsim.model.layer_kinds import layer_kind
from nnsim.model.specs import MAX_LAYER_SIZE, DocumentError


def _check_finite(value, what: str) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise DocumentError(f"{what} must be a number, not {value!r}") from None
    if not math.isfinite(v):
        raise DocumentError(f"{what} must be a finite number, not {value!r}")
    return v


def _check_activation(name) -> str:
    try:
        return get_activation(name).name
    except EngineError as e:
        raise DocumentError(str(e)) from None


def _check_size(size, what="a layer's size") -> int:
    if isinstance(size, bool) or not isinstance(size, (int, np.integer)):
        raise DocumentError(f"{what} must be a whole number, not {size!r}")
    size = int(size)
    if size < 1:
        raise DocumentError(f"{what} must be at least 1, got {size}")
    if size > MAX_LAYER_SIZE:
        raise DocumentError(f"{what} of {size} is absurdly large (limit {MAX_LAYER_SIZE})")
    return size


def _check_params(kind: str, params: dict) -> dict:
    """Validate and complete kind-specific params (returns a new dict)."""
    params = dict(params or {})

    def pos_int(name, default, minimum=1):
        v = params.get(name, default)
        if isinstance(v, (list, tuple)):
            vals = [pos_int_value(name, x, minimum) for x in v]
            params[name] = list(vals)
            return
        params[name] = pos_int_value(name, v, minimum)

    def pos_int_value(name, v, minimum):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)):
            raise DocumentError(f"{kind} parameter {name!r} must be a whole number, not {v!r}")
        if v < minimum:
            raise DocumentError(f"{kind} parameter {name!r} must be at least {minimum}, got {v}")
        if v > 100_000:
            raise DocumentError(f"{kind} parameter {name!r} = {v} is absurdly large")
        return int(v)

    rec = layer_kind(kind)
    allowed = tuple(rec.params(params, pos_int)) if rec is not None and rec.params else ()
    extra = set(params) - set(allowed)
    if extra:
        raise DocumentError(
            f"{kind} layers have no parameter {sorted(extra)[0]!r}"
            + (f" (they have {', '.join(allowed)})" if allowed else "")
        )
    return params


class DocumentChecks:
    """Checks the document's operations share (mixed into ``NetworkDocument``)."""

    @staticmethod
    def _check_index(i, n: int, what: str) -> int:
        if isinstance(i, bool) or not isinstance(i, (int, np.integer)):
            raise DocumentError(f"{what} must be a whole number, not {i!r}")
        if not 0 <= i < n:
            raise DocumentError(
                f"{what} {i} is out of range (0..{n - 1})" if n else f"{what}: nothing to index"
            )
        return int(i)

    @staticmethod
    def _check_position(position) -> tuple:
        try:
            x, y = position
        except (TypeError, ValueError):
            raise DocumentError(f"a position is (x, y), not {position!r}") from None
        return (_check_finite(x, "x position"), _check_finite(y, "y position"))

    @staticmethod
    def _check_text(text, what) -> str:
        if not isinstance(text, str):
            raise DocumentError(f"the {what} must be text, not {text!r}")
        if len(text) > 10_000:
            raise DocumentError(f"the {what} is too long")
        return text

    @staticmethod
    def _check_shape(shape) -> tuple:
        if isinstance(shape, (int, np.integer)) and not isinstance(shape, bool):
            shape = (shape,)
        if not isinstance(shape, (list, tuple)) or not 1 <= len(shape) <= 3:
            raise DocumentError(f"an input shape is 1 to 3 whole numbers, not {shape!r}")
        out = tuple(_check_size(s, "each size of the shape") for s in shape)
        _check_size(int(np.prod(out)), "the input size")
        return out

    def _check_neuron_labels(self, labels, size) -> list:
        labels = list(labels)
        if len(labels) != size:
            raise DocumentError(f"{len(labels)} neuron labels given for {size} neurons")
        for s in labels:
            self._check_text(s, "neuron label")
        return labels

    @staticmethod
    def _check_array(array, shape, what) -> np.ndarray:
        try:
            a = np.array(array, dtype=np.float64)
        except (TypeError, ValueError):
            raise DocumentError(f"{what} must be numbers") from None
        if a.shape != tuple(shape):
            raise DocumentError(f"{what} must have shape {tuple(shape)}, got {a.shape}")
        if not np.all(np.isfinite(a)):
            raise DocumentError(f"{what} contain NaN or infinity")
        return a
