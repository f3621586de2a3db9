"""The training controller's document side: following the document's edits and settings,
and writing trained weights into it.

A change of the network, the data or a setting comes in as the document's signals; what it
means for the session (nothing, a redraw, new weights, a new session) is decided here, and
while a run trains, after the run has paused. The controller's own writes into the document
(snapshots while training, the weights after a run, its undo steps) go through ``write``, so
that it does not react to its own signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication

from nnsim.gui.compat import disconnect_quietly
from nnsim.model.compile import pull_weights
from nnsim.recipes.problem import DisplayNet, active_features, describe, make_session

#: Settings whose change means new data: the weights are reset.
DATA_FIELDS = frozenset({"dataset", "dataset_params", "targets"})
#: Settings whose change resets the weights (new initial weights from the seed).
RESET_FIELDS = frozenset({"seed", "init"})
#: Settings a running training takes over in place (the history goes on).
LIVE_FIELDS = frozenset({"lr", "batch_size"})
#: Settings that do not concern the trainer at all.
QUIET_FIELDS = frozenset({"epochs"})


class DocumentLink:
    """The document's changes in, trained weights out; mixed into ``TrainingController``."""

    # ------------------------------------------------------------------ documents
    def set_document(self, document) -> None:
        """Follow another document (New, Open, lesson): a new session, history and plots."""
        self.stop_and_wait()
        if self.document is not None:
            for sig, slot in self._signals():
                disconnect_quietly(sig, slot)
            self.document.settings_events.unsubscribe(self._setting_changed)
        self.document = document
        for sig, slot in self._signals():
            sig.connect(slot)
        document.settings_events.subscribe(self._setting_changed)
        self._pending = set()
        self.last_result = None
        self.rebuild_session()

    def _signals(self):
        d = self.document
        return ((d.changed, self._document_changed), (d.settings_changed, self._settings_changed))

    def rebuild_session(self) -> None:
        """Make a new session for the document as it is now (nothing training)."""
        doc = self.document
        self._features = active_features(doc)
        self.session, self.raw = make_session(doc)
        self.display = DisplayNet(doc)
        self.refresh_problem()

    def refresh_problem(self) -> None:
        """Re-describe the session for the plots (after settings changed)."""
        self.problem = describe(self.document, self.session, self.raw, self.display)
        self.cursor_epoch = None
        self.data.clear(self.problem.n_params)
        tr = self.trainer_or_none()
        if tr is not None and len(tr.history):
            self.data.load_history(tr.history)
        self.problem_changed.emit(self.problem)
        if not self.problem.ok and self.problem.message:
            self.message.emit("error", self.problem.message)
        self._emit_history()
        self._dirty = True

    def trainer_or_none(self):
        """The session's trainer, or None when the session cannot train (or is training)."""
        if self.session is None or not self.problem.ok:
            return None
        try:
            return self.session.trainer
        except ValueError:
            return None

    def _document_changed(self) -> None:
        if self._writing:
            return
        doc = self.document
        if self.running:
            if doc.structure_revision != self._run_structure:
                # the network the worker trains no longer matches the document
                self._after_stop.append(self.rebuild_session)
                self.pause()
            return
        if self._pending:
            # settings or data came back together with their weights (an undo or redo of a
            # snapshot: ``reset``, not ``settings_changed``): take them as they are
            self._pending = set()
            self.rebuild_session()
        elif (
            self.display is None
            or doc.structure_revision != self.display.structure
            or active_features(doc) != self._features
        ):
            self.rebuild_session()
        else:
            self._dirty = True

    def _setting_changed(self, change) -> None:
        """One setting (or the data) changed: noted, taken up when the operation is done."""
        if not self._writing:
            self._pending.add(change.field)

    def _settings_changed(self) -> None:
        if self._writing:
            return
        changed, self._pending = self._pending, set()
        if "data" in changed:  # a new table kept with the network: new data
            changed = (changed - {"data"}) | {"dataset"}
        if not changed or changed <= QUIET_FIELDS:
            return

        def apply():
            # the new weights belong to the settings' own undo step (UpdateSettingsCommand
            # keeps them), not to a step of their own
            if changed & DATA_FIELDS:
                self.rebuild_session()
                self.reset_weights(undo_step=False)
            elif changed & RESET_FIELDS:
                self.reset_weights(undo_step=False)
            else:
                # LIVE_FIELDS go into the trainer in place; the others rebuild it
                self.refresh_problem()

        if self.running:
            self._resume = self._resume or not self.stopping
            self._after_stop.append(apply)
            self.pause()
        else:
            apply()

    # ------------------------------------------------------------------ writing weights
    def write(self, fn, *args):
        """Run ``fn(*args)`` as a write of the controller's own (no reaction to its signals)."""
        self._writing += 1
        try:
            return fn(*args)
        finally:
            self._writing -= 1

    def sync_document(self) -> None:
        """Write the session network's weights into the document (nothing training)."""
        if self.session is not None and not self.running:
            try:
                self.write(self.session.sync_document)
            except ValueError as e:
                self.message.emit("error", str(e))
            self._dirty = True

    def _sync_tick(self) -> None:
        """Write the newest drawn weights into the document and paint the canvas's edges."""
        if not self.running or self._in_tick:
            return
        self._in_tick = True
        try:
            with self.mailbox.frame_lock:
                self._write_snapshot()
                app = QApplication.instance()
                for _ in range(2):
                    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            self._turn_over()

    def _write_snapshot(self) -> None:
        """Write the display network's weights (a snapshot's) into the document."""
        comp = self.display.comp if self.display is not None else None
        if comp is None:
            return
        self.write(pull_weights, self.document, comp)
