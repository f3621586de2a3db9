"""Recurrent layers: the Elman RNN with (truncated) back-propagation through time, and TimeDense.

Sequences are per-sample arrays of shape (T, d): the batch of a network holding an RNN
has shape (B, T, d). Inside the layer the time axis comes first, (T, B, ·), so that the
state of one step is one contiguous (B, H) block and each step costs a few NumPy calls.

The tools that go with the layers (``clip_grad_norm``, ``sample_onehot``, ``generate``)
are in nnsim.engine.sequence_tools, the per-step losses (``sequence_loss``,
``PerStepLoss``) in nnsim.engine.sequence_losses; both are re-exported here.
"""

from __future__ import annotations

import numpy as np

from nnsim.engine.activations import _sigmoid, get_activation
from nnsim.engine.errors import NetworkError, ShapeError
from nnsim.engine.layers.base import Layer, init_array

# The sequence tools and losses live in their own modules; they stay importable from here
# because callers (the RNN recipes among them) import them with the layers.
from nnsim.engine.sequence_losses import PerStepLoss, sequence_loss
from nnsim.engine.sequence_tools import clip_grad_norm, generate, sample_onehot

__all__ = [
    "RNN",
    "RNN_ACTIVATIONS",
    "PerStepLoss",
    "TimeDense",
    "clip_grad_norm",
    "generate",
    "sample_onehot",
    "sequence_loss",
]

#: Activations the recurrent layer offers (the lecture's three).
RNN_ACTIVATIONS = ("tanh", "relu", "sigmoid")


def _tanh(a, out):
    return np.tanh(a, out=out)


def _relu(a, out):
    return np.maximum(a, 0, out=out)


# f(a) written into a preallocated slot, so the time loop allocates nothing.
_F_INTO = {"tanh": _tanh, "relu": _relu, "sigmoid": _sigmoid}


def _derivative_from_output(name: str, h: np.ndarray) -> np.ndarray:
    """f′(a) written through the output h = f(a), for all steps in one call.

    relu(a) > 0 exactly when a > 0, so ReLU needs no pre-activation either.
    """
    if name == "tanh":
        return 1.0 - h * h
    if name == "sigmoid":
        return h * (1.0 - h)
    return (h > 0).astype(h.dtype)


class RNN(Layer):
    """Elman (vanilla) recurrent layer: h_t = f(x_t W_x + h_{t−1} W_h + b) (COURSE.md §12).

    The same weights are used at every step. The per-sample input is a sequence of
    shape (T, d); the output is the whole state sequence (T, H) (many-to-many,
    ``return_sequences=True``) or only the last state h_T of shape (H,) (many-to-one).
    T is fixed by the network's ``Input`` but the layer itself runs any length
    (``generate`` feeds it one step at a time).

    Back-propagation through time (BPTT) is exact by default. With ``truncate=k`` the
    error that enters at step t flows back through at most k steps, t, t−1, ..., t−k+1
    (Williams & Peng's BPTT(k)): k = 1 uses the current step only, k ≥ T equals full
    BPTT. h_{t−1}, x_t and h0 count as inputs of step t, so step t still contributes
    h_{t−1}ᵀ δ_t to ∂E/∂W_h. The truncated sums are done one lag at a time for all
    steps at once (k NumPy rounds, not T·k).

    After ``forward`` the layer keeps, for the stepper and the views (time-major arrays,
    axis 0 = step):

    ``x`` (T, B, d)
        the inputs x_t;
    ``h`` (T + 1, B, H)
        the states, ``h[0]`` = h0 and ``h[t + 1]`` = h_t after step t;
    ``a`` (T, B, H)
        the pre-activations x_t W_x + h_{t−1} W_h + b;
    ``y``
        what the layer returned (B, T, H) or (B, H).

    After ``backward`` it keeps ``dh`` (T, B, H), the total ∂E/∂h_t reaching each step
    (through the output at t and from the future), ``delta`` (T, B, H) = ∂E/∂a_t, and
    ``grad_norms`` (T,), the norm ‖∂E/∂h_t‖ over batch and units, which shows the
    vanishing (or exploding) gradient along time, and ``dh_init`` (B, H) = ∂E/∂h0.

    Parameters
    ----------
    name : str
    size : int
        H, the number of hidden units.
    inputs : sequence of str
        Exactly one source layer with per-sample shape (T, d).
    activation : {"tanh", "relu", "sigmoid"}
    return_sequences : bool
        True: output every h_t (many-to-many); False: only the last (many-to-one).
    learn_h0 : bool
        True: the initial state h0 is a parameter (started at zero, trained);
        False: h0 = 0 always.
    truncate : int or None
        k for truncated BPTT; None for full BPTT.
    """

    kind = "rnn"

    def __init__(
        self,
        name,
        size,
        inputs,
        activation="tanh",
        return_sequences=True,
        learn_h0=False,
        truncate=None,
    ):
        super().__init__(name, inputs)
        self.size = int(size)
        if self.size <= 0:
            raise NetworkError(f"RNN layer {name!r}: needs at least one hidden unit")
        if len(self.inputs) != 1:
            raise NetworkError(f"RNN layer {name!r} takes exactly one input (a sequence)")
        act = get_activation(activation)
        if act.name not in RNN_ACTIVATIONS:
            raise NetworkError(
                f"RNN layer {name!r}: activation {act.name!r} is not offered; "
                f"choose one of {', '.join(RNN_ACTIVATIONS)}"
            )
        self.activation = act.name
        self.return_sequences = bool(return_sequences)
        self.learn_h0 = bool(learn_h0)
        self.truncate = None if truncate is None else int(truncate)
        if self.truncate is not None and self.truncate < 1:
            raise NetworkError(
                f"RNN layer {name!r}: truncation must be at least 1 step, got {truncate}"
            )
        self.x = self.h = self.a = self.y = None
        self.dh = self.delta = self.grad_norms = self.dh_init = None
        self._h0_given = False

    # --- structure -------------------------------------------------------------
    def build(self, in_shapes):
        self.in_shapes = [tuple(s) for s in in_shapes]
        s = self.in_shapes[0]
        if len(s) != 2:
            raise NetworkError(
                f"RNN layer {self.name!r}: input {self.inputs[0]!r} has shape {s}; an RNN "
                "takes a sequence of shape (steps, features), e.g. Input('x', (20, 1))"
            )
        self.steps, self.n_in = int(s[0]), int(s[1])
        self.out_shape = (self.steps, self.size) if self.return_sequences else (self.size,)
        return self.out_shape

    def param_specs(self):
        specs = {"Wx": (self.n_in, self.size), "Wh": (self.size, self.size), "b": (self.size,)}
        if self.learn_h0:
            specs["h0"] = (self.size,)
        return specs

    def fan(self, pname):
        # Both matrices feed the same pre-activation, so a unit's fan-in is d + H.
        if pname in ("Wx", "Wh"):
            return self.n_in + self.size, self.size
        return 1, self.size

    def init_params(self, rng, scheme):
        """Weights by ``scheme`` (fan-in d + H); b by the scheme's bias rule; h0 = 0."""
        for pname, view in self.params.items():
            if pname == "h0":
                view[...] = 0
                continue
            sch = "zeros" if pname == "b" and scheme in ("xavier", "he") else scheme
            fi, fo = self.fan(pname)
            view[...] = init_array(rng, sch, view.shape, fi, fo, view.dtype)

    # --- forward ----------------------------------------------------------------
    def forward(self, xs, h0=None):
        """Run the sequence; ``h0`` (B, H) overrides the initial state (for ``generate``;
        the learnt h0 then gets no gradient, ∂E/∂h0 is still in ``dh_init``)."""
        (x,) = xs
        x = np.asarray(x)
        if x.ndim != 3 or x.shape[2] != self.n_in:
            raise ShapeError(
                f"RNN layer {self.name!r}: expected a batch of sequences (batch, steps, "
                f"{self.n_in}), got shape {x.shape}"
            )
        Wx, Wh, b = self.params["Wx"], self.params["Wh"], self.params["b"]
        B, T = x.shape[0], x.shape[1]
        dtype = Wx.dtype
        xt = np.ascontiguousarray(x.transpose(1, 0, 2), dtype=dtype)  # (T, B, d)
        # All input projections in one matmul; the loop only adds h_{t-1} W_h.
        a = (xt.reshape(T * B, self.n_in) @ Wx).reshape(T, B, self.size)
        a += b
        h = np.empty((T + 1, B, self.size), dtype)
        if h0 is not None:
            h0 = np.asarray(h0, dtype)
            if h0.shape != (B, self.size):
                raise ShapeError(
                    f"RNN layer {self.name!r}: initial state must have shape "
                    f"{(B, self.size)}, got {h0.shape}"
                )
            h[0] = h0
        elif self.learn_h0:
            h[0] = self.params["h0"]
        else:
            h[0] = 0
        f = _F_INTO[self.activation]
        tmp = np.empty((B, self.size), dtype)
        for t in range(T):
            np.matmul(h[t], Wh, out=tmp)
            a[t] += tmp
            f(a[t], h[t + 1])
        self.x, self.h, self.a = xt, h, a
        self._h0_given = h0 is not None
        self.y = h[1:].transpose(1, 0, 2) if self.return_sequences else h[T]
        return self.y

    @property
    def last_state(self) -> np.ndarray:
        """h_T of the last forward pass, shape (B, H)."""
        return self.h[-1]

    def record(self, t: int, sample: int = 0) -> dict:
        """What the stepper shows for step ``t`` of one sample: x_t, h_{t−1}, a_t, h_t,
        and after backward ∂E/∂h_t and ∂E/∂a_t (None before)."""
        rec = {
            "x": self.x[t, sample],
            "h_prev": self.h[t, sample],
            "a": self.a[t, sample],
            "h": self.h[t + 1, sample],
        }
        rec["dh"] = None if self.dh is None else self.dh[t, sample]
        rec["delta"] = None if self.delta is None else self.delta[t, sample]
        return rec

    # --- backward (BPTT) -----------------------------------------------------------
    def backward(self, dout):
        T, B, H = self.a.shape
        dtype = self.a.dtype
        dout = np.asarray(dout, dtype)
        # The error entering directly at each step, as a time-major view (no copy);
        # many-to-one has it at the last step only.
        g = dout.transpose(1, 0, 2) if self.return_sequences else None
        hs = self.h[1:]
        D = self._scratch("D", (T, B, H), dtype)
        if self.activation == "tanh":  # f′ = 1 − h², in place: no temporaries
            np.multiply(hs, hs, out=D)
            np.subtract(1.0, D, out=D)
        else:
            D[...] = _derivative_from_output(self.activation, hs)
        WhT = np.ascontiguousarray(self.params["Wh"].T)
        dh = np.empty((T, B, H), dtype)
        delta = np.empty((T, B, H), dtype)
        if self.truncate is None or self.truncate >= T:
            # Full BPTT, two or three NumPy calls per step: δ_t = ∂E/∂h_t ⊙ f′(a_t),
            # ∂E/∂h_{t−1} = δ_t W_hᵀ (+ the error entering at t − 1).
            dh[T - 1] = g[T - 1] if g is not None else dout
            for t in range(T - 1, 0, -1):
                np.multiply(dh[t], D[t], out=delta[t])
                np.matmul(delta[t], WhT, out=dh[t - 1])
                if g is not None:
                    dh[t - 1] += g[t - 1]
            np.multiply(dh[0], D[0], out=delta[0])
            dh_init = delta[0] @ WhT  # ∂E/∂h0
        else:
            if g is None:
                g = np.zeros((T, B, H), dtype)
                g[T - 1] = dout
            dh_init = self._truncated(g, D, WhT, dh, delta)
        # Weight gradients: one matmul each over all steps and samples.
        d2 = delta.reshape(T * B, H)
        self.grads["Wx"] += self.x.reshape(T * B, -1).T @ d2
        self.grads["Wh"] += self.h[:T].reshape(T * B, H).T @ d2
        self.grads["b"] += d2.sum(axis=0)
        if self.learn_h0 and not self._h0_given:  # a given h0 is not the parameter
            self.grads["h0"] += dh_init.sum(axis=0)
        self.dh, self.delta, self.dh_init = dh, delta, dh_init
        self.grad_norms = np.sqrt(np.einsum("tbh,tbh->t", dh, dh))
        dx = (d2 @ self.params["Wx"].T).reshape(T, B, self.n_in)
        return [dx.transpose(1, 0, 2)]

    def _scratch(self, key: str, shape, dtype) -> np.ndarray:
        """A work array kept between calls (never handed out), so big temporaries are
        not allocated and page-faulted again on every batch."""
        cache = self.__dict__.setdefault("_work", {})
        buf = cache.get(key)
        if buf is None or buf.shape != shape or buf.dtype != dtype:
            buf = cache[key] = np.empty(shape, dtype)
        return buf

    def _truncated(self, g, D, WhT, dh, delta):
        """BPTT(k): the error entering at step t reaches steps t−k+1..t only.

        ``front[t]`` is the error that entered at step t, after it has travelled j steps
        back (it now sits on h_{t−j}). All fronts move one step per round.
        """
        k = self.truncate
        T, B, H = g.shape
        dh[...] = 0
        delta[...] = 0
        dh_init = np.zeros((B, H), g.dtype)
        front = g.copy()
        for j in range(k):
            # Fronts that entered at t = j..T-1 now sit on h_{t-j}, i.e. steps 0..T-1-j.
            n = T - j
            if n <= 0:
                break
            f = front[j:]
            dh[:n] += f
            d = f * D[:n]
            delta[:n] += d
            # Move one step back; the front from t = j passes into h0.
            dh_init += d[0] @ WhT
            if n > 1:
                front[j + 1 :] = d[1:] @ WhT
        return dh_init


class TimeDense(Layer):
    """The same dense layer applied to every step: (T, H) → (T, out).

    y_t = f(h_t W + b) with one W for all t (a "time-distributed" Dense). It reshapes
    (B, T, H) to (B·T, H), so all steps are one matmul. Parameters are named like
    Dense's (``W0``, ``b``) so the views treat it as a dense layer.

    Parameters
    ----------
    name : str
    size : int
        Outputs per step.
    inputs : sequence of str
        One source with per-sample shape (T, H), e.g. an RNN with return_sequences.
    activation : str
        Any engine activation; "identity" (default) gives logits for the
        cross-entropy losses.
    """

    kind = "time_dense"

    def __init__(self, name, size, inputs, activation="identity"):
        super().__init__(name, inputs)
        self.size = int(size)
        if self.size <= 0:
            raise NetworkError(f"layer {name!r}: a layer needs at least one neuron")
        if len(self.inputs) != 1:
            raise NetworkError(f"TimeDense layer {name!r} takes exactly one input")
        self.act = get_activation(activation)
        self.activation = self.act.name
        self.net = self.out = self.delta = None

    def build(self, in_shapes):
        self.in_shapes = [tuple(s) for s in in_shapes]
        s = self.in_shapes[0]
        if len(s) != 2:
            raise NetworkError(
                f"TimeDense layer {self.name!r}: input {self.inputs[0]!r} has shape {s}; "
                "it takes a sequence (steps, features), e.g. an RNN with return_sequences=True"
            )
        self.n_in = int(s[1])
        self.out_shape = (int(s[0]), self.size)
        return self.out_shape

    def param_specs(self):
        return {"W0": (self.n_in, self.size), "b": (self.size,)}

    def forward(self, xs):
        (x,) = xs
        if x.ndim != 3 or x.shape[2] != self.n_in:
            raise ShapeError(
                f"TimeDense layer {self.name!r}: expected (batch, steps, {self.n_in}), "
                f"got shape {x.shape}"
            )
        # An RNN hands over a time-major buffer seen as (B, T, H); working in that
        # order makes the reshape a view instead of a copy, and the results go back as
        # (B, T, ·) views of time-major arrays, which the RNN's backward reads as is.
        xt = x.transpose(1, 0, 2)
        self._time_major = xt.flags.c_contiguous and not x.flags.c_contiguous
        xw = xt if self._time_major else x
        self._x2 = xw.reshape(-1, self.n_in)
        net = (self._x2 @ self.params["W0"]).reshape(xw.shape[0], xw.shape[1], self.size)
        net += self.params["b"]
        self.net = net.transpose(1, 0, 2) if self._time_major else net
        self.out = self.net if self.activation == "identity" else self.act.f(self.net)
        return self.out

    def backward(self, dout):
        dout = np.asarray(dout)
        if self.activation == "identity":
            delta = dout
        else:
            delta = dout * self.act.df(self.net, self.out)
        self.delta = delta
        dw = delta.transpose(1, 0, 2) if self._time_major else delta
        d2 = dw.reshape(-1, self.size)
        self.grads["W0"] += self._x2.T @ d2
        self.grads["b"] += d2.sum(axis=0)
        dx = (d2 @ self.params["W0"].T).reshape(dw.shape[0], dw.shape[1], self.n_in)
        return [dx.transpose(1, 0, 2) if self._time_major else dx]
