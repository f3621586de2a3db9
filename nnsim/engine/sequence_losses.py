"""Losses of many-to-many sequence outputs, averaged over batch and time: ``sequence_loss`` and ``PerStepLoss``."""

from __future__ import annotations

import numpy as np

from nnsim.engine.errors import ShapeError
from nnsim.engine.losses import Loss, get_loss


def sequence_loss(loss, out, target):
    """A per-step loss averaged over batch and time: returns (E, ∂E/∂out).

    E = (1 / (B·T)) Σ_k Σ_t E_kt, so the number does not grow with the sequence length
    and reads as "loss per step".

    Parameters
    ----------
    loss : Loss
        An engine loss (SquaredError, SoftmaxCrossEntropy, ...).
    out : ndarray (B, T, n)
    target : ndarray (B, T, n), or (B, T) class indices for SoftmaxCrossEntropy
    """
    out = np.asarray(out)
    if out.ndim != 3:
        raise ShapeError(f"sequence_loss expects outputs (batch, steps, n), got {out.shape}")
    B, T, n = out.shape
    target = np.asarray(target)
    if target.shape[:2] != (B, T):
        raise ShapeError(
            f"sequence_loss: targets have shape {target.shape} but outputs {out.shape}"
        )
    flat_t = target.reshape(B * T, *target.shape[2:])
    flat_o = out.reshape(B * T, n)
    return loss.value(flat_o, flat_t), loss.grad(flat_o, flat_t).reshape(B, T, n)


class PerStepLoss(Loss):
    """A loss taken at every step of a many-to-many output, averaged over batch and time.

    The ``Loss`` form of ``sequence_loss``, for the ``Trainer``: outputs (B, T, n) and
    targets (B, T, n), or (B, T) class indices for softmax cross-entropy, are read as
    B·T samples of the wrapped loss, so the value is the loss per step.

    Parameters
    ----------
    base : str or Loss
        The loss at one step ("squared_error", "softmax_cross_entropy", ...).
    """

    def __init__(self, base):
        self.base = get_loss(base)
        self.name = f"{self.base.name} per step"
        self.wants_logits = self.base.wants_logits

    def _flat(self, out, target):
        out, target = np.asarray(out), np.asarray(target)
        if out.ndim != 3 or target.shape[:2] != out.shape[:2]:
            raise ShapeError(
                f"{self.name}: expected outputs (batch, steps, n) and targets with the same "
                f"batch and steps, got {out.shape} and {target.shape}"
            )
        b, t, n = out.shape
        return out.reshape(b * t, n), target.reshape(b * t, *target.shape[2:])

    def value(self, out, target) -> float:
        return self.base.value(*self._flat(out, target))

    def per_sample(self, out, target) -> np.ndarray:
        b, t = np.shape(out)[:2]
        return self.base.per_sample(*self._flat(out, target)).reshape(b, t).mean(axis=1)

    def grad(self, out, target) -> np.ndarray:
        # the base loss divides by its B·T samples: the mean over batch and time
        return self.base.grad(*self._flat(out, target)).reshape(np.shape(out))

    def predict(self, out):
        out = np.asarray(out)
        return np.asarray(self.base.predict(out.reshape(-1, out.shape[-1]))).reshape(out.shape)

    def check_targets(self, target, n_outputs: int) -> None:
        target = np.asarray(target)
        self.base.check_targets(target.reshape(-1, *target.shape[2:]), n_outputs)
