"""The trainer: perceptron rule, standard / accumulated / mini-batch BP, history and time travel.

One ``Trainer`` drives one network on one data set:

* rules: ``"perceptron"`` (COURSE.md §2), ``"standard"`` BP (one update per sample),
  ``"accumulated"`` BP (one update per pass, E = (1/m) Σ E_k) and ``"minibatch"``
  (one update per batch of n samples) — COURSE.md §7;
* optimisers SGD / momentum / Adam and L1 / L2 penalties (``nnsim.engine.optim``);
* early stopping on a validation set with a patience, rolling back to the best epoch;
* divergence (``nnsim.engine.divergence``): a loss, weight or gradient that becomes
  NaN/inf, a weight beyond |w| ≤ 10⁶ or a loss grown 10⁴-fold stops training with a
  sentence naming the likely cause (learning rate, inputs, a loaded weight), and the
  last sound weights come back. Training never raises.

``iter_epochs`` and ``iter_steps`` are generators yielding a ``Snapshot`` after every
epoch / update, so a caller can draw while it trains; ``run`` just consumes them. The
``History`` (``nnsim.engine.history``) keeps the loss curves and the weight trajectory,
bounded for long runs; ``restore(i)`` puts the network back to snapshot ``i``; ``history_rows`` turns a byte budget
into the History's row limit.

One seed fixes the initial weights (when ``init`` names a scheme), the validation split
and the shuffling: the same seed gives bit-identical histories.
"""

from nnsim.engine.history import SNAPSHOT_KINDS, History, Snapshot
from nnsim.engine.trainer import Trainer, history_rows
from nnsim.engine.training_rules import RULES, STATUSES, TrainingError, TrainResult

__all__ = [
    "RULES",
    "SNAPSHOT_KINDS",
    "STATUSES",
    "History",
    "Snapshot",
    "TrainResult",
    "Trainer",
    "TrainingError",
    "history_rows",
]
