"""The training controller's undo steps: a run, a reset, time travel, each one step on the stack."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QTimer

from nnsim.gui import commands as C


class RunSteps:
    """Trained work as undo steps; mixed into ``TrainingController``, which owns the state.

    Its texts are translated in the controller's context ("TrainingController").
    """

    def _stack(self):
        return self.context.undo_stack

    def _push_run_step(self) -> None:
        """Put the run on the undo stack now: the document is modified while it trains."""
        stack = self._stack()
        if stack is None:
            return
        cmd = C.WeightsStepCommand(
            self.document,
            lambda: QCoreApplication.translate("TrainingController", "Train"),
            self.document.all_weights(),
            stop_run=self._stop_for_undo,
        )
        self.write(C.push, stack, cmd)
        self._run_command = cmd

    def _finish_run_step(self, fits: bool = True) -> None:
        """The run is over: its step holds the weights it reached (or leaves the stack).

        ``fits`` is False when the document's structure changed meanwhile: the weights
        before the run no longer fit it, and the step goes.
        """
        cmd, self._run_command = self._run_command, None
        if cmd is None:
            return
        after = self.document.all_weights()
        same = fits and all(
            all(np.array_equal(a[k], b[k]) for k in a) for a, b in zip(after, cmd.before)
        )
        res = self.last_result
        n = max(0, (res.epoch if res is not None else 0) - self._run_epoch0)
        if n == 1:
            cmd.finish(
                after, lambda: QCoreApplication.translate("TrainingController", "Train 1 epoch")
            )
        else:
            cmd.finish(
                after,
                lambda: QCoreApplication.translate("TrainingController", "Train {0} epochs").format(
                    n
                ),
            )
        stack = self._stack()
        try:
            if fits and not same:
                # the menu shows the text the step has now (Qt reads it on index changes)
                stack.undoTextChanged.emit(stack.undoText())
                return
            # nothing changed (stopped at once, an error): no empty step in the history
            cmd.setObsolete(True)
            if stack.index() > 0 and stack.command(stack.index() - 1) is cmd:
                self.write(stack.undo)
        except (RuntimeError, AttributeError):  # no stack, or it was cleared (new document)
            pass

    def _stop_for_undo(self) -> None:
        """Ctrl+Z on a run in progress: end the run first (its step gets its weights)."""
        self._stop_without_resume()

    def _stop_without_resume(self) -> None:
        """End the run now, for an edit or an undo that comes next: no new run and no undo
        step may start before it (what waited for the run to stop runs afterwards)."""
        pending, self._after_stop = self._after_stop, []
        self._resume = False
        self.stop_and_wait()
        if pending:
            QTimer.singleShot(0, self, lambda: [fn() for fn in pending])

    def commit_weights(self, text, fn, *args, merge_id: int = -1):
        """Run ``fn(*args)`` (which writes weights into the document) as one undo step.

        ``text`` is a callable giving the step's menu text. Returns what ``fn`` returns.
        """
        doc = self.document
        before, rev = doc.all_weights(), doc.revision
        result = self.write(fn, *args)
        stack = self._stack()
        if stack is not None and doc.revision != rev:
            cmd = C.WeightsStepCommand(
                doc, text, before, doc.all_weights(), merge_id=merge_id, applied=True
            )
            self.write(C.push, stack, cmd)
        return result

    # ------------------------------------------------------------------ weights and time
    def reset_weights(self, undo_step: bool = True) -> None:
        """New initial weights from the settings' scheme and seed; the history starts again.

        ``undo_step`` makes it a step of its own ("Reset weights"); False when a settings
        change resets the weights as part of its step.
        """
        if self.running:
            self._after_stop.append(lambda: self.reset_weights(undo_step))
            self.pause()
            return
        if self.session is None:
            return
        try:
            if undo_step:
                self.commit_weights(
                    lambda: QCoreApplication.translate("TrainingController", "Reset weights"),
                    self.session.reset_weights,
                )
            else:
                self.write(self.session.reset_weights)
        except ValueError as e:
            self.message.emit("error", str(e))
            return
        self.last_result = None
        self.refresh_problem()

    def history_info(self) -> tuple[int, int]:
        """(number of snapshots, the one the network is at); (0, −1) without a history."""
        tr = self.trainer_or_none() if not self.running else None
        if tr is None:
            return (len(self.data), len(self.data) - 1)
        return (len(tr.history), tr.cursor)

    def epoch_at(self, index: int) -> int:
        """The epoch of history snapshot ``index`` (of the plot data's row while training)."""
        tr = self.trainer_or_none() if not self.running else None
        if tr is not None and 0 <= index < len(tr.history):
            return int(tr.history.epoch[index])
        d = self.data
        row = d.row_of_index(index)
        return int(d.column("epoch")[row]) if row is not None else 0

    def _emit_history(self) -> None:
        n, cur = self.history_info()
        self.history_changed.emit(n, cur)

    def restore(self, index: int) -> None:
        """Time travel: put the network back to snapshot ``index`` of the history."""
        self.stop_and_wait()
        tr = self.trainer_or_none()
        if tr is None or not len(tr.history):
            return
        index = max(0, min(int(index), len(tr.history) - 1))
        epoch = int(tr.history.epoch[index])
        snap = self.commit_weights(
            lambda: QCoreApplication.translate("TrainingController", "Go back to epoch {0}").format(
                epoch
            ),
            self.session.restore_snapshot,
            index,
            merge_id=C.ID_TIME_TRAVEL,
        )
        self.cursor_epoch = None if index == len(tr.history) - 1 else float(snap.epoch)
        self._dirty = True
        self._emit_history()
