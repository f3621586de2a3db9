"""Per-field change events: subscribe to one field or to all; each event says field, old, new."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from psygnal import SignalInstance


@dataclass(frozen=True)
class FieldChange:
    """One field of a model took a new value.

    Attributes
    ----------
    field : str
        The field's name, e.g. ``"lr"``.
    old, new
        Its value before and after the operation.
    """

    field: str
    old: Any
    new: Any


class FieldEvents:
    """Change events of a model's named fields (the document's training settings).

    A subscriber gives a callable taking one ``FieldChange`` and, optionally, the field it
    wants; without a field it hears every field. The model's operations call ``emit`` once
    per operation, after every field is written: a callback sees the whole change done
    (``settings.lr`` is already the new value) and hears each field once. Callbacks are
    held the way psygnal holds them (bound methods weakly), so a subscriber that goes away
    need not unsubscribe.

    Parameters
    ----------
    names : iterable of str
        The fields there are.
    """

    def __init__(self, names: Iterable[str]):
        self._names = tuple(names)
        self._all = SignalInstance((object,), name="all")
        self._by_field = {n: SignalInstance((object,), name=n) for n in self._names}

    @property
    def names(self) -> tuple:
        """The fields there are."""
        return self._names

    def _signal(self, field: str | None) -> SignalInstance:
        if field is None:
            return self._all
        try:
            return self._by_field[field]
        except KeyError:
            raise ValueError(
                f"there is no field {field!r}; the fields are {', '.join(self._names)}"
            ) from None

    def subscribe(self, callback: Callable[[FieldChange], Any], field: str | None = None):
        """Call ``callback(change)`` when ``field`` (None: any field) changes; returns it."""
        return self._signal(field).connect(callback)

    def unsubscribe(self, callback: Callable, field: str | None = None) -> None:
        """Stop calling ``callback`` for ``field`` (None: the all-fields subscription)."""
        self._signal(field).disconnect(callback)

    def emit(self, changes: Iterable[FieldChange]) -> None:
        """Tell the subscribers about ``changes`` (one per field; the model is up to date)."""
        for change in changes:
            self._by_field[change.field].emit(change)
            self._all.emit(change)


def field_changes(old: dict, new: dict) -> list[FieldChange]:
    """The ``FieldChange`` of every key whose value differs between ``old`` and ``new``."""
    return [
        FieldChange(k, old.get(k), new.get(k))
        for k in dict.fromkeys((*old, *new))
        if not _same(old.get(k), new.get(k))
    ]


def _same(a, b) -> bool:
    # numpy arrays or nested lists compare element-wise; a failed comparison means "changed"
    try:
        return bool(a == b)
    except (ValueError, TypeError):
        return False
