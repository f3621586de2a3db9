"""Which trainers can train together as replicas of one stack, and into which stacks.

A ``ReplicaTrainer`` (``replicas.py``) needs trainers on the fused path (a chain of Dense
layers, a loss with a stacked kernel, one update rule of the plain ones) that share a
``stack_key``: the chain's shape, the loss, the batch schedule and the data sizes.
``stack_groups`` sorts any list of trainers into such groups, bounded in size.
"""

from __future__ import annotations

from nnsim.engine.dense_chain import SHUFFLE_COPY_LIMIT
from nnsim.engine.loss_kernels import target_matrix
from nnsim.engine.replica_stack import ROW_KERNELS, ChainShape


def stack_reason(trainer) -> str | None:
    """Why ``trainer`` cannot join a stack of replicas, or None when it can."""
    net = trainer.network
    if trainer.rule not in ("standard", "accumulated", "minibatch"):
        return f"the {trainer.rule} rule trains on its own"
    if getattr(trainer, "clip_norm", None) is not None:
        return "gradient clipping trains on its own"
    if getattr(trainer, "on_batch", None) is not None:
        return "a per-batch callback needs the trainer's own loop"
    if getattr(net, "chain", None) is None or not net.fused:
        return "only a chain of Dense layers with one activation per layer is stacked"
    if type(trainer.loss) not in ROW_KERNELS or isinstance(trainer.x_train, dict):
        return "the loss or the data do not fit the fused path"
    if (
        target_matrix(trainer.loss, trainer.y_train, trainer.n_train, net.chain.n_out, net.dtype)
        is None
    ):
        return "the targets do not fit the fused path"
    return None


def batch_size_of(trainer) -> int:
    """The samples of one update under the trainer's rule."""
    return {"standard": 1, "accumulated": trainer.n_train}.get(trainer.rule, trainer.batch_size)


def stack_key(trainer) -> tuple:
    """Trainers with equal keys (and no ``stack_reason``) can be replicas of one stack."""
    n_val = None if trainer.x_val is None else len(trainer.y_val)
    return (
        ChainShape(trainer.network).key(),
        type(trainer.loss),
        batch_size_of(trainer),
        trainer.n_train,
        n_val,
        trainer.eval_batch,
        trainer.task,
    )


def stack_groups(trainers, max_numbers: int = SHUFFLE_COPY_LIMIT * 8) -> list[list[int]]:
    """Indices of ``trainers`` grouped into stacks (first appearance order); a trainer
    that cannot be stacked is a group of its own."""
    groups: dict = {}
    out = []
    for i, tr in enumerate(trainers):
        if stack_reason(tr) is not None:
            out.append([i])
            continue
        key = stack_key(tr)
        g = groups.get(key)
        per = tr.n_train * (tr.network.chain.n_in + 2)
        if g is None or (len(g) + 1) * per > max_numbers:
            g = groups[key] = []
            out.append(g)
        g.append(i)
    return out


__all__ = ["batch_size_of", "stack_groups", "stack_key", "stack_reason"]
