"""Time travel and hand-over of a ``Trainer``'s state: back to a snapshot, or on in another trainer."""

from __future__ import annotations

import copy

import numpy as np

from nnsim.engine.history import Snapshot
from nnsim.engine.training_rules import TrainingError


class TrainerState:
    """``restore``, ``get_state`` and ``set_state``; mixed into ``Trainer``, which owns the state."""

    def restore(self, i: int) -> Snapshot:
        """Put the network back to snapshot ``i`` of the history (time travel).

        Training continues from there with a fresh pass over the data; the snapshots
        after ``i`` are dropped when it does. Momentum and Adam restart from zero.
        """
        snap = self.history[i]
        self.network.set_weights(snap.weights)
        self.cursor = snap.index
        self.epoch = snap.epoch if snap.kind != "step" else snap.epoch - 1
        self.step = snap.step
        self.optimizer.reset()
        self._pending = None
        return snap

    #: Plain attributes that training changes (besides weights, history, optimiser, rng).
    _STATE_ATTRS = (
        "epoch",
        "step",
        "cursor",
        "result",
        "best_epoch",
        "_best_index",
        "lr",
        "batch_size",
    )

    def get_state(self) -> dict:
        """A copy of everything training changes, to go on with it in another trainer.

        Another trainer built for the same network, data and settings that takes this
        state with ``set_state`` trains on to the same numbers, bit for bit: the weights,
        the history, the optimiser's moments, the shuffling generator and the counters
        travel (a training process hands runs back and forth this way). Perceptron
        training keeps state of its own and is not covered.

        Returns
        -------
        dict
            Arrays and plain values only (picklable).
        """
        if self._perceptron is not None:
            raise TrainingError("the perceptron rule's state cannot be handed over")
        state = {k: copy.copy(getattr(self, k, None)) for k in self._STATE_ATTRS}
        state.update(
            theta=self.network.theta.copy(),
            history=copy.deepcopy(self.history),
            optimizer=copy.deepcopy(self.optimizer),
            rng=copy.deepcopy(self._rng.bit_generator.state),
            pending=copy.copy(getattr(self, "_pending", None)),
        )
        return state

    def set_state(self, state: dict) -> None:
        """Take over a state from ``get_state`` (of a trainer of the same set-up).

        Raises
        ------
        TrainingError
            When the state is for a network with another number of parameters.
        """
        theta = np.asarray(state["theta"])
        if theta.shape != self.network.theta.shape:
            raise TrainingError(
                f"the state has {theta.size} parameters but the network has "
                f"{self.network.theta.size}"
            )
        self.network.set_weights(theta)
        self.history = state["history"]
        self.optimizer = state["optimizer"]
        self._rng.bit_generator.state = state["rng"]
        for k in self._STATE_ATTRS:
            setattr(self, k, state[k])
        self._pending = state.get("pending")  # the rest of a stopped epoch (``resume``)
