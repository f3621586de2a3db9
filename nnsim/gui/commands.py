"""Undo commands: each changes only the document; the canvas follows the document's signals.

Commands are applied once by ``push`` before they enter the stack (so an edit the document
refuses raises ``DocumentError`` and leaves nothing on the stack); the stack's first call
of ``redo`` is then skipped. Fine-grained edits undo with the inverse operation (old weight,
old position); structural edits (adding, removing, connecting) restore a snapshot.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QUndoCommand, QUndoStack

# Ids for QUndoCommand.mergeWith: consecutive edits of one value during a slider drag
# (same merge key) become one undo step.
ID_WEIGHT = 1
ID_BIAS = 2


class DocCommand(QUndoCommand):
    """Base: ``do`` applies the edit to the document, ``undo_doc`` reverts it."""

    #: An edit of this kind pauses a running training before it is applied (the run's
    #: undo step then comes first): what changes the network does, what only moves or
    #: names it does not.
    pauses_training = True

    def __init__(self, document, text: str):
        # ``text`` is the English source (marked with QT_TRANSLATE_NOOP by the caller);
        # keeping it lets ``retranslate`` follow a language switch.
        super().__init__()
        self.source_text = text
        self.document = document
        self._skip_redo = False
        self.retranslate()

    def retranslate(self) -> None:
        """Set the undo/redo menu text in the current language."""
        text = self.source_text
        for context in ("Command", "Editor"):
            t = QCoreApplication.translate(context, text)
            if t != text:
                break
        self.setText(t)

    def do(self) -> None:
        """Apply the edit (may raise DocumentError, then nothing changed)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Read again what undo restores: the document changed since the command was made
        (a running training wrote its last weights while pausing for this edit)."""

    def undo_doc(self) -> None:
        """Revert the edit."""
        raise NotImplementedError

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.do()

    def undo(self) -> None:
        self.undo_doc()


def push(stack: QUndoStack, command: DocCommand) -> None:
    """Apply ``command`` and put it on ``stack``; a refused edit raises and pushes nothing."""
    command.do()
    command._skip_redo = True
    stack.push(command)


class SnapshotCommand(DocCommand):
    """A structural edit: run ``action(document)``; undo restores the whole document.

    The first application runs the action (so the document emits its specific signals);
    redo after an undo restores the snapshot taken after it, which gives back exactly the
    same ids and values.
    """

    def __init__(self, document, text: str, action: Callable):
        super().__init__(document, text)
        self._action = action
        self._before: dict | None = None
        self._after: dict | None = None
        self.result = None

    def do(self) -> None:
        if self._after is not None:
            self.document.restore(self._after)
            return
        before = self.document.snapshot()
        rev = self.document.revision
        try:
            self.result = self._action(self.document)
        except Exception:
            # A multi-part action may fail half-way: put the document back as it was.
            if self.document.revision != rev:
                self.document.restore(before)
            raise
        self._before = before
        self._after = self.document.snapshot()

    def undo_doc(self) -> None:
        self.document.restore(self._before)


class SetWeightCommand(DocCommand):
    """Set one weight W[i, j] (or one maxout piece) of a link."""

    def __init__(self, document, link_id, i, j, value, piece=None, merge_key=None):
        super().__init__(document, QT_TRANSLATE_NOOP("Command", "Change weight"))
        self.link_id, self.i, self.j, self.piece = link_id, int(i), int(j), piece
        self.new = float(value)
        self.merge_key = merge_key
        self.refresh()

    def refresh(self) -> None:
        W = self.document.links[self.link_id].weights
        idx = (self.i, self.j) if self.piece is None else (self.i, self.j, int(self.piece))
        self.old = float(W[idx])

    def _set(self, v):
        self.document.set_weight(self.link_id, self.i, self.j, v, piece=self.piece)

    def do(self):
        self._set(self.new)

    def undo_doc(self):
        self._set(self.old)

    def id(self) -> int:
        return ID_WEIGHT

    def mergeWith(self, other) -> bool:
        if (
            self.merge_key is None
            or getattr(other, "merge_key", None) != self.merge_key
            or (other.link_id, other.i, other.j, other.piece)
            != (self.link_id, self.i, self.j, self.piece)
        ):
            return False
        self.new = other.new
        return True


class SetBiasCommand(DocCommand):
    """Set one bias b_j (the threshold θ_j = −b_j)."""

    def __init__(self, document, layer_id, j, value, merge_key=None, text=None):
        super().__init__(document, text or QT_TRANSLATE_NOOP("Command", "Change bias"))
        self.layer_id, self.j = layer_id, j
        self.new = float(value)
        self.merge_key = merge_key
        self.refresh()

    def refresh(self) -> None:
        j = self.j
        self.old = float(
            self.document.layers[self.layer_id].biases[j if isinstance(j, tuple) else (j,)]
        )

    def do(self):
        self.document.set_bias(self.layer_id, self.j, self.new)

    def undo_doc(self):
        self.document.set_bias(self.layer_id, self.j, self.old)

    def id(self) -> int:
        return ID_BIAS

    def mergeWith(self, other) -> bool:
        if (
            self.merge_key is None
            or getattr(other, "merge_key", None) != self.merge_key
            or (other.layer_id, other.j) != (self.layer_id, self.j)
        ):
            return False
        self.new = other.new
        return True


class SetWeightsCommand(DocCommand):
    """Replace the weights of several links and biases of several layers (randomise)."""

    def __init__(self, document, weights: dict, biases: dict, text=None):
        super().__init__(document, text or QT_TRANSLATE_NOOP("Command", "Randomise weights"))
        self.new_w = {k: np.array(v, dtype=float) for k, v in weights.items()}
        self.new_b = {k: np.array(v, dtype=float) for k, v in biases.items()}
        self.refresh()

    def refresh(self) -> None:
        self.old_w = {k: self.document.links[k].weights.copy() for k in self.new_w}
        self.old_b = {k: self.document.layers[k].biases.copy() for k in self.new_b}

    def do(self):
        self.document.set_all_weights(self.new_w, self.new_b)

    def undo_doc(self):
        self.document.set_all_weights(self.old_w, self.old_b)


class SetActivationCommand(DocCommand):
    """Set the activation of one neuron or of a whole layer."""

    def __init__(self, document, layer_id, name, index=None):
        super().__init__(document, QT_TRANSLATE_NOOP("Command", "Change activation"))
        self.layer_id, self.name, self.index = layer_id, name, index
        self.old = list(document.layers[layer_id].activations)

    def do(self):
        self.document.set_activation(self.layer_id, self.name, self.index)

    def undo_doc(self):
        if self.index is not None:
            self.document.set_activation(self.layer_id, self.old[self.index], self.index)
        elif len(set(self.old)) == 1:
            self.document.set_activation(self.layer_id, self.old[0])
        else:
            for k, name in enumerate(self.old):
                self.document.set_activation(self.layer_id, name, k)


class MoveLayersCommand(DocCommand):
    """Move one or more layers: a whole drag is one command, made on mouse release."""

    pauses_training = False

    def __init__(self, document, moves: dict):
        n = len(moves)
        super().__init__(
            document,
            QT_TRANSLATE_NOOP("Command", "Move layer")
            if n == 1
            else QT_TRANSLATE_NOOP("Command", "Move layers"),
        )
        self.new = {k: tuple(map(float, p)) for k, p in moves.items()}
        self.old = {k: tuple(document.layers[k].position) for k in moves}

    def do(self):
        for k, p in self.new.items():
            self.document.move_layer(k, p)

    def undo_doc(self):
        for k, p in self.old.items():
            self.document.move_layer(k, p)


class SetLabelCommand(DocCommand):
    """Rename a layer."""

    pauses_training = False

    def __init__(self, document, layer_id, label):
        super().__init__(document, QT_TRANSLATE_NOOP("Command", "Rename layer"))
        self.layer_id, self.new = layer_id, label
        self.old = document.layers[layer_id].label

    def do(self):
        self.document.set_label(self.layer_id, self.new)

    def undo_doc(self):
        self.document.set_label(self.layer_id, self.old)


class UpdateSettingsCommand(DocCommand):
    """Change training settings (e.g. the initialisation scheme)."""

    #: The training controller applies settings to a run itself (live, or pause-apply-go on).
    pauses_training = False

    def __init__(self, document, text=None, **fields):
        super().__init__(document, text or QT_TRANSLATE_NOOP("Command", "Change settings"))
        self.new = dict(fields)
        # A new data set may drop parameters it does not take: undo brings them back.
        keep = ("dataset_params",) if "dataset" in fields else ()
        self.old = {k: getattr(document.settings, k) for k in (*fields, *keep)}

    def do(self):
        self.document.update_settings(**self.new)

    def undo_doc(self):
        self.document.update_settings(**self.old)


#: mergeWith id of consecutive time-travel steps (a time-slider drag is one step).
ID_TIME_TRAVEL = 3
#: mergeWith ids of the step-through's updates: this plus the pass's number.
ID_STEP_PASS = 1000


class WeightsStepCommand(DocCommand):
    """All the weights at once, from the training tools: a run, a reset, time travel, a step.

    ``before`` and ``after`` are ``NetworkDocument.all_weights()`` tuples; the tools apply
    the change themselves and say so with ``applied`` (or push a run with ``after`` None).
    ``text`` is a callable giving the menu text in the current language.

    A *run* is pushed when it starts, with ``after`` still None: the document is marked
    modified (and autosaved) while the network trains, and ``finish`` fills ``after``
    when the run is over. Undoing a run still in progress calls ``stop_run`` first, which
    ends the run and calls ``finish``, so Ctrl+Z goes back to the weights before the run
    and Ctrl+Shift+Z forward to where the run got.
    """

    def __init__(
        self,
        document,
        text: Callable[[], str],
        before,
        after=None,
        *,
        stop_run=None,
        merge_id: int = -1,
        applied: bool = False,
    ):
        self._text_fn = text
        super().__init__(document, "")
        self.before = before
        self.after = after
        self._applied = applied
        self._stop_run = stop_run
        self._merge_id = merge_id

    @property
    def live(self) -> bool:
        """True while the run this command stands for is still training."""
        return self.after is None

    def retranslate(self) -> None:
        self.setText(self._text_fn())

    def finish(self, after, text: Callable[[], str] | None = None) -> None:
        """The run is over: its weights are ``after`` (and its menu text ``text``)."""
        self.after = after
        self._stop_run = None
        if text is not None:
            self._text_fn = text
        try:
            self.retranslate()
        except RuntimeError:  # the stack was cleared (another document): nothing to show
            pass

    def do(self) -> None:
        if self._applied:  # the tool wrote these weights itself (``push`` applies once)
            self._applied = False
            return
        if self.after is not None:
            self.document.set_all_weights(*self.after)

    def undo_doc(self) -> None:
        if self.after is None and self._stop_run is not None:
            self._stop_run()  # ends the run; it calls finish()
        self.document.set_all_weights(*self.before)

    def id(self) -> int:
        return self._merge_id

    def mergeWith(self, other) -> bool:
        if self._merge_id < 0 or getattr(other, "_merge_id", -2) != self._merge_id:
            return False
        self.after = other.after
        self._text_fn = other._text_fn
        self.retranslate()
        return True
