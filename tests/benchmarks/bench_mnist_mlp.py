"""Benchmark: a 784-128-10 ReLU/softmax MLP trained headless on the full MNIST.

Run ``.venv/bin/python tests/benchmarks/bench_mnist_mlp.py`` (not collected by pytest).
It trains with the engine's ``Trainer`` (mini-batch BP, He initialisation from a seed) and
prints, per epoch, the wall time (training plus the evaluation of all 60,000 training and
10,000 test images), the training loss and the training and test accuracy; at the end the
test confusion matrix and the number of misclassified test digits. The target is ≥ 97 %
test accuracy within 5 epochs (tests/engine/test_mnist_mlp.py asserts it as a slow test);
accuracy does not depend on the machine's load, so that verdict stands on a busy machine,
while the times are printed beside the load average. One side only: nothing to agree with.

``--threads N`` sets the BLAS threads before NumPy loads (on a busy 2-core machine one
thread was several times faster than the default of one per core).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--optimizer", default="adam", choices=["sgd", "momentum", "adam"])
    p.add_argument("--lr", type=float, default=None, help="default: 0.001 for Adam, 0.02 else")
    p.add_argument("--momentum", type=float, default=0.9)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--dtype", default="float64", choices=["float64", "float32"])
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=None, help="BLAS threads (default: NumPy's)")
    p.add_argument("--subset", type=int, nargs=2, default=None, metavar=("TRAIN", "TEST"))
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.threads is not None:
        # Must happen before NumPy (and so OpenBLAS) is first imported.
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(args.threads)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    import numpy as np
    from _common import Load

    load = Load()

    from nnsim.data import load_mnist
    from nnsim.engine import Dense, Input, Network, Trainer
    from nnsim.engine.metrics import confusion_matrix, misclassified

    lr = args.lr if args.lr is not None else (0.001 if args.optimizer == "adam" else 0.02)
    threads = os.environ.get("OPENBLAS_NUM_THREADS", f"default ({os.cpu_count()} cores)")
    print(
        f"MNIST 784-128-10 ReLU/softmax, {args.optimizer} η={lr:g}, batch {args.batch}, "
        f"{args.dtype}, seed {args.seed}, BLAS threads {threads}"
    )
    t0 = time.perf_counter()
    train, test = load_mnist(subset=tuple(args.subset) if args.subset else None, dtype=args.dtype)
    print(f"loaded {len(train.y)} + {len(test.y)} images in {time.perf_counter() - t0:.2f} s")

    net = Network(
        [
            Input("x", 784),
            Dense("hidden", 128, ["x"], "relu"),
            Dense("out", 10, ["hidden"], "identity"),
        ],
        dtype=args.dtype,
    )
    trainer = Trainer(
        net,
        "softmax_cross_entropy",
        (train.x, train.y),
        (test.x, test.y),
        rule="minibatch",
        batch_size=args.batch,
        optimizer=args.optimizer,
        momentum=args.momentum,
        lr=lr,
        init="he",
        seed=args.seed,
    )
    print(f"{'epoch':>5} {'time s':>8} {'epoch s':>8} {'loss':>8} {'train %':>8} {'test %':>8}")
    start = last = time.perf_counter()
    for snap in trainer.iter_epochs(args.epochs):
        now = time.perf_counter()
        print(
            f"{snap.epoch:>5} {now - start:>8.1f} {now - last:>8.1f} {snap.train_loss:>8.4f} "
            f"{100 * snap.train_acc:>8.2f} {100 * snap.val_acc:>8.2f}",
            flush=True,
        )
        last = now
    print(trainer.stop_reason)
    pred = trainer.predict_classes(test.x)
    wrong = misclassified(test.y, pred)
    print(
        f"misclassified test digits: {wrong.size} of {len(test.y)}; first ten: {wrong[:10].tolist()}"
    )
    print("confusion matrix (rows: true digit, columns: predicted):")
    print(confusion_matrix(test.y, pred, 10))
    best = float(np.max(trainer.history.val_acc))
    final = float(trainer.history.val_acc[-1])
    print(
        f"test accuracy after epoch {trainer.epoch}: {100 * final:.2f} % (best {100 * best:.2f} %); "
        f"target ≥ 97 % in 5 epochs: {'met' if final >= 0.97 and trainer.epoch <= 5 else 'NOT met'}"
    )
    load.see()
    print(f"{load.span()} over the run (the times above depend on it, the accuracy does not)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
