"""A child process that trains a copy of a session, so training gets a processor core of its own.

On small networks training is bound by the Python interpreter, not by arithmetic, and an
interpreter runs one thread at a time: a training thread and the window that draws it
share one core however many the machine has. ``TrainingProcess`` moves the epochs into
a second interpreter. A run hands over what a session needs to go on — the document (as
its file-format dictionary), the data set and the trainer's state (``Trainer.get_state``:
weights, history, optimiser, shuffling generator, counters) — and receives the
snapshots of every epoch while they are made and, at the end, the trainer's state, which
it puts back into the caller's session. The numbers are those the session would have
computed itself, bit for bit.

Nothing grows with the length of a run: the history in the state is bounded
(``nnsim.engine.history``: older epochs thinned geometrically), snapshots leave in bundles
of at most ``BUNDLE_SECONDS``, and the pipe holds back a child that runs ahead of the window.

The module knows no Qt: the GUI's training worker drives it from its thread, and a script
can use it as well.
"""

from __future__ import annotations

import multiprocessing
import threading
import time
import traceback

#: Data sets up to this many bytes train in the process; bigger ones (MNIST) stay in the
#: caller's process: their epochs are long NumPy calls that leave the interpreter free
#: anyway, and a copy of them would double the memory.
MAX_DATA_BYTES = 8 << 20

#: Snapshots travel in bundles at most this many seconds old (one message per bundle
#: instead of one per epoch). About a frame of the UI (30 a second while the process
#: trains): more messages would not draw sooner, and each one takes the window's
#: interpreter lock, which on a loaded machine can stall the UI thread.
BUNDLE_SECONDS = 0.03


class TrainingProcessError(RuntimeError):
    """The process could not start, or ended in the middle of a run."""


class TrainingRunError(TrainingProcessError):
    """The run raised inside the process (the message is the error's type and text)."""


def suitable(session) -> bool:
    """True when ``session``'s training is worth moving into a process.

    Back-propagation on a data set of at most ``MAX_DATA_BYTES`` (the perceptron rule keeps
    state of its own and runs where it is).
    """
    try:
        tr = session.trainer
    except ValueError:
        return False
    if getattr(tr, "_perceptron", None) is not None:
        return False
    size = 0
    for arr in (tr.x_train, tr.y_train, tr.x_val, tr.y_val):
        size += getattr(arr, "nbytes", MAX_DATA_BYTES + 1) if arr is not None else 0
    return size <= MAX_DATA_BYTES


# --------------------------------------------------------------------------- the child
def _serve(conn) -> None:
    """The child's loop: one run after another until "quit" or the parent goes away."""
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg[0] == "quit":
            return
        if msg[0] == "run":
            try:
                _run(conn, *msg[1:])
            except (ConnectionError, EOFError, OSError):
                return  # the parent went away in the middle of a run: nobody to tell


class _Orders:
    """What the parent asked for during a run: stop, and the speed."""

    def __init__(self, rate: float):
        self.stop = False
        self.rate = float(rate)
        self.t0, self.k = time.perf_counter(), 0

    def read(self, conn) -> None:
        """Take every order waiting in the pipe."""
        while conn.poll():
            order = conn.recv()
            if order[0] == "stop":
                self.stop = True
            elif order[0] == "rate":
                self.rate, self.t0, self.k = float(order[1]), time.perf_counter(), 0

    def pace(self, conn) -> None:
        """Wait until the next epoch is due at the asked speed (an order ends the wait)."""
        if self.rate <= 0:
            return
        self.k += 1
        if time.perf_counter() - self.t0 - self.k / self.rate > 0.5:
            self.t0, self.k = time.perf_counter(), 1  # far behind (a slow epoch): restart
        while not self.stop and self.rate > 0:
            wait = self.t0 + self.k / self.rate - time.perf_counter()
            if wait <= 0 or not conn.poll(wait):
                return
            self.read(conn)


def _run(conn, doc_dict, dataset, state, epochs, max_rate) -> None:
    """Train one run and send ("snaps", [...]) bundles, then ("done", state, result, error)."""
    session = error = None
    try:
        from nnsim.model.serialize import document_from_dict
        from nnsim.model.session import Session

        session = Session(document_from_dict(doc_dict), dataset=dataset)
        session.trainer.set_state(state)
        orders = _Orders(max_rate)
        bundle, sent = [], time.perf_counter()
        for snap in session.iter_train(epochs):
            bundle.append(snap)
            orders.read(conn)
            now = time.perf_counter()
            if orders.rate > 0 or orders.stop or now - sent >= BUNDLE_SECONDS:
                conn.send(("snaps", bundle))
                bundle, sent = [], now
            orders.pace(conn)
            if orders.stop:
                session.stop()  # the generator ends after this epoch
        if bundle:
            conn.send(("snaps", bundle))
    except (ConnectionError, EOFError):
        raise  # the parent is gone (``_serve`` ends quietly)
    except Exception as exc:  # noqa: BLE001 - sent to the parent, which shows it
        traceback.print_exc()
        error = f"{type(exc).__name__}: {exc}"
    out_state = result = None
    if session is not None and session._trainer is not None:
        try:
            out_state = session._trainer.get_state()
            result = session.result
        except Exception:  # noqa: BLE001 - the error above says what went wrong
            out_state = None
    conn.send(("done", out_state, result, error))


# --------------------------------------------------------------------------- the parent
class TrainingProcess:
    """One child process, started on first use and reused run after run.

    Parameters
    ----------
    start_method : str
        The ``multiprocessing`` start method; "spawn" (the default) starts a fresh
        interpreter, which is safe beside Qt's threads and works the same on every system.
    """

    def __init__(self, start_method: str = "spawn"):
        self._ctx = multiprocessing.get_context(start_method)
        self._proc = None
        self._conn = None
        self._lock = threading.Lock()

    @property
    def alive(self) -> bool:
        """True while the child process runs."""
        return self._proc is not None and self._proc.is_alive()

    def start(self) -> None:
        """Start the child now (it imports NumPy and the engine while the caller goes on).

        Raises
        ------
        TrainingProcessError
            When no process can be started here.
        """
        with self._lock:
            if self.alive:
                return
            try:
                parent, child = self._ctx.Pipe()
                proc = self._ctx.Process(
                    target=_serve, args=(child,), name="nnsim-training", daemon=True
                )
                proc.start()
            except (OSError, RuntimeError, ValueError) as e:
                raise TrainingProcessError(f"cannot start a training process: {e}") from e
            child.close()
            self._proc, self._conn = proc, parent

    def close(self, timeout: float = 2.0) -> None:
        """Ask the child to end and wait for it (killed after ``timeout`` seconds)."""
        with self._lock:
            proc, conn = self._proc, self._conn
            self._proc = self._conn = None
        if proc is None:
            return
        try:
            conn.send(("quit",))
        except (OSError, ValueError):
            pass
        proc.join(timeout)
        if proc.is_alive():
            proc.kill()
            proc.join(1.0)
        conn.close()

    def train(self, session, epochs: int, stop=None, rate=None, poll: float = 0.005):
        """Train ``session`` for ``epochs`` in the child; yield lists of snapshots.

        When the generator is exhausted the session's trainer holds the child's final
        state and ``session.result`` its result, as after ``session.iter_train``.

        Parameters
        ----------
        session : Session
            Its trainer must be built (``session.trainer``); the caller must leave the
            session alone until the generator is exhausted.
        epochs : int
            Epochs to train.
        stop : threading.Event, optional
            Set it to stop after the current epoch.
        rate : callable, optional
            Returns the epochs per second allowed (0: as fast as possible); read while
            waiting, so a new speed takes effect at once.
        poll : float
            Seconds between looks at ``stop`` and ``rate`` while waiting.

        Raises
        ------
        TrainingProcessError
            When the child cannot start or dies; the session keeps its state from before
            the run.
        TrainingRunError
            When the run raised inside the child, after the state so far has been taken
            over.
        """
        from nnsim.model.serialize import document_to_dict

        tr = session.trainer
        data = session.data
        rate_now = float(rate()) if rate is not None else 0.0
        job = (
            "run",
            document_to_dict(session.document),
            data.dataset if session.document.settings.targets is None else None,
            tr.get_state(),
            int(epochs),
            rate_now,
        )
        self.start()
        conn = self._conn
        try:
            conn.send(job)
        except (OSError, ValueError) as e:
            self.close(0.5)
            raise TrainingProcessError(f"the training process is gone: {e}") from e
        stop_sent = False
        while True:
            if stop is not None and stop.is_set() and not stop_sent:
                conn.send(("stop",))
                stop_sent = True
            if rate is not None:
                r = float(rate())
                if r != rate_now:
                    conn.send(("rate", r))
                    rate_now = r
            try:
                ready = conn.poll(poll)
                msg = conn.recv() if ready else None
            except (EOFError, OSError) as e:
                self.close(0.5)
                raise TrainingProcessError("the training process ended unexpectedly") from e
            if msg is None:
                if not self.alive:
                    self.close(0.5)
                    raise TrainingProcessError("the training process ended unexpectedly")
                continue
            if msg[0] == "snaps":
                yield msg[1]
            elif msg[0] == "done":
                _, state, result, error = msg
                if state is not None:
                    tr.set_state(state)
                session.result = result
                if error is not None:
                    raise TrainingRunError(error)
                return


_shared: TrainingProcess | None = None
_shared_lock = threading.Lock()


def shared_process() -> TrainingProcess:
    """The process every window of this application trains in (made on first call)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            import atexit

            _shared = TrainingProcess()
            atexit.register(_shared.close)
        return _shared
