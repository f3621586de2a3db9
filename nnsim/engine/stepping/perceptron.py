"""The perceptron rule, one sample stepped record by record (COURSE §2).

For one sample the records are: each output unit's weighted sum, threshold and output
(ŷ = f(Σ_i w_i x_i − θ)); each unit's comparison with its target (y − ŷ); and, when the
sample is misclassified, the update of each weight (Δw_i = η(y − ŷ)x_i) and of each
threshold (Δθ = −η(y − ŷ)). The numbers come from the engine's own rule
(``PerceptronRule.changes``), so stepping every record of every sample of an epoch ends
in exactly the weights the perceptron training gives.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.notation import (
    GenericNotation,
    Notation,
    NotationError,
    PerceptronNotation,
    factor,
    fmt,
    is_perceptron_shape,
    layer_size,
    word,
)
from nnsim.engine.perceptron import PerceptronRule
from nnsim.engine.stepping.records import (
    RecordSequence,
    StepperError,
    StepRecord,
    bias_head,
    comma,
    minus,
    products,
    update_record,
    weight_head,
)


def perceptron_notation(network, notation="auto", labels=None) -> Notation:
    """The lecture's perceptron symbols (x_i, w_i, θ, ŷ, y) or the generic layer-indexed ones.

    Parameters
    ----------
    notation : {"auto", "book", "generic"} or Notation
        "auto" and "book" give the lecture's symbols (``PerceptronNotation``).
    """
    if isinstance(notation, Notation):
        return notation
    if notation in ("auto", "book"):
        if notation == "auto" and not is_perceptron_shape(network)[0]:
            return GenericNotation(network, labels)
        return PerceptronNotation(network, labels)
    if notation == "generic":
        return GenericNotation(network, labels)
    raise NotationError(f"unknown notation {notation!r}; choose auto, book or generic")


def _one_row(a, what: str) -> np.ndarray:
    arr = np.asarray(a, dtype=float)
    if arr.ndim == 2 and arr.shape[0] != 1:
        raise StepperError(
            f"the perceptron rule learns from one sample at a time; got {arr.shape[0]} {what}"
        )
    return arr.reshape(1, -1)


class PerceptronStepper(RecordSequence):
    """Step the perceptron rule on one sample record by record.

    Parameters
    ----------
    network : Network
        A single-layer perceptron of step or sign units (see ``perceptron_layer``). Its
        weights at construction are the old weights; stepping update records writes
        into it.
    x : array or dict
        One sample, shape ``(d,)`` (a dict by input layer for several input layers).
    y : number or array
        Its target(s): 0/1 for step units, ±1 (or 0/1) for sign units.
    lr : float
        Learning rate η > 0.
    notation : {"auto", "book", "generic"} or Notation
        "auto" uses the lecture's symbols x_i, w_i, θ, ŷ, y (``PerceptronNotation``).
    labels : dict of str to sequence of str, optional
        Neuron labels per layer for the words of the text.

    Notes
    -----
    Records: forward (phase "forward") for each output unit; the comparison y − ŷ
    (phase "loss") for each unit; then, only when the sample is misclassified, the
    updates (phase "update") unit by unit: its incoming weights, then its threshold.
    A unit that is right gets no update records (its change is 0).
    """

    def __init__(self, network, x, y, lr, notation="auto", labels=None):
        self.network = network
        if isinstance(x, Mapping):
            feeds = {k: _one_row(v, "input rows") for k, v in x.items()}
        else:
            feeds = _one_row(x, "input rows")
        with np.errstate(all="ignore"):
            self.rule = PerceptronRule(network, feeds, _one_row(y, "target rows"), lr)
            out, err, changes = self.rule.changes(0)
        self.lr = self.rule.lr
        self.m = 1
        layer = self.rule.layer
        self.layer = layer
        self.output = network.output_names[0]
        self.notation = perceptron_notation(network, notation, labels)
        self._x = [np.array(xs[0], dtype=float) for xs in self.rule.xs]
        self._net = np.array(layer.net[0], dtype=float)
        self._out = np.array(out, dtype=float)
        self._y = np.array(self.rule.t[0], dtype=float)
        self._err = np.array(err, dtype=float)
        self._acts = [get_activation(a) for a in layer.activation_names]
        self._old = {p: np.array(v, copy=True) for p, v in layer.params.items()}
        self._change = {p: np.array(v, copy=True) for p, v in changes.items()}
        with np.errstate(all="ignore"):
            # the same in-place addition PerceptronRule.step makes
            self._new = {p: self._old[p] + c for p, c in self._change.items()}
        self._check_finite()
        self._start()

    def _check_finite(self) -> None:
        bad = [
            f"the net input of {self.notation.unit(self.output, j)}"
            for j in np.flatnonzero(~np.isfinite(self._net))
        ]
        bad += [f"the new {p}" for p, v in self._new.items() if not np.all(np.isfinite(v))]
        if bad:
            big = max(float(np.max(np.abs(v), initial=0)) for v in self._old.values())
            raise StepperError(
                f"the numbers of this step are not finite ({bad[0]}); the weights "
                f"(largest |w| = {big:.3g}) or the inputs are too large to step"
            )

    # --- the pass -------------------------------------------------------------------
    def _generate(self):
        n = self.layer.size
        for j in range(n):
            yield self._forward(j)
        for j in range(n):
            yield self._compare(j)
        if not self._change:
            return
        layer = self.layer
        for j in range(n):
            if self._err[j] == 0:
                continue
            for kk, src in enumerate(layer.inputs):
                mask = layer.masks[kk]
                for i in range(layer_size(self.network.layers[src])):
                    if mask is None or mask[i, j]:
                        yield self._update_weight(kk, src, i, j)
            if layer.use_bias:
                yield self._update_threshold(j)

    def _forward(self, j) -> StepRecord:
        nt, layer, name = self.notation, self.layer, self.output
        terms, sources = [], []
        for kk, src in enumerate(layer.inputs):
            mask = layer.masks[kk]
            w = self._old[f"W{kk}"]
            for i, xi in enumerate(self._x[kk]):
                if mask is None or mask[i, j]:
                    terms.append((float(xi), float(w[i, j])))
                    sources.append((src, i))
        bias = float(self._old["b"][j]) if layer.use_bias else None
        net, out = float(self._net[j]), float(self._out[j])
        s = net - bias if bias is not None else net
        f = self._acts[j].symbol
        out_sym, net_sym = nt.value(name, j), nt.net(name, j)

        def formula(dg):
            if nt.threshold:
                # the lecture: ŷ = f(Σ_i w_i x_i − θ)
                left = f"{net_sym} = {products(terms, dg)} = {fmt(s, dg)}"
                if bias is None:
                    return f"{left},  {out_sym} = {f}({fmt(s, dg)}) = {fmt(out, dg)}"
                th = nt.bias(name, j)
                return (
                    f"{left},  {out_sym} = {f}({net_sym} − {th}) = "
                    f"{f}({fmt(s, dg)}{minus(-bias, dg)}) = {fmt(out, dg)}"
                )
            plus = f" + {factor(bias, dg)}" if bias is not None else ""
            return (
                f"{net_sym} = {products(terms, dg)}{plus} = {fmt(net, dg)},  "
                f"{out_sym} = {f}({fmt(net, dg)}) = {fmt(out, dg)}"
            )

        return StepRecord(
            phase="forward",
            layer=name,
            neuron=j,
            sample=0,
            symbol=out_sym,
            value=out,
            terms=tuple(terms),
            sources=tuple(sources),
            details={
                "sum": s,
                "bias": bias,
                "net": net,
                "out": out,
                "activation": self._acts[j].name,
            },
            head_fn=lambda g: nt.unit(name, j, g),
            formula_fn=formula,
        )

    def _compare(self, j) -> StepRecord:
        nt, name = self.notation, self.output
        y, out, err = float(self._y[j]), float(self._out[j]), float(self._err[j])
        sym = self._error(j)[1:-1]  # y − ŷ

        def formula(dg):
            return f"{sym} = {fmt(y, dg)}{minus(out, dg)} = {fmt(err, dg)}"

        key = "perceptron right" if err == 0 else "perceptron wrong"
        return StepRecord(
            phase="loss",
            layer=name,
            neuron=j,
            sample=0,
            symbol=sym,
            value=err,
            terms=((out, y),),
            sources=((name, j),),
            details={"target": y, "out": out, "error": err},
            head_fn=lambda g: word(key, g, unit=nt.unit(name, j, g)),
            formula_fn=formula,
        )

    def _error(self, j) -> str:
        """(y − ŷ) of unit j in the chosen notation."""
        nt = self.notation
        return f"({nt.target(j)} − {nt.value(self.output, j)})"

    def _learning_rate(self, g) -> str:
        return f"{comma(g)}{word('learning rate', g)} η = {fmt(self.lr)}"

    def _update_weight(self, kk, src, i, j) -> StepRecord:
        nt, name, lr = self.notation, self.output, self.lr
        p = f"W{kk}"
        old, new = float(self._old[p][i, j]), float(self._new[p][i, j])
        chg = float(self._change[p][i, j])
        err, xi = float(self._err[j]), float(self._x[kk][i])
        wsym, xsym, e = nt.weight(name, kk, i, j), nt.value(src, i), self._error(j)

        def formula(dg):
            num = f"{factor(lr, dg)}×{factor(err, dg)}×{factor(xi, dg)}"
            return (
                f"Δ{wsym} = η{e}{xsym} = {num} = {fmt(chg, dg)},  "
                f"{wsym} ← {fmt(old, dg)} + {factor(chg, dg)} = {fmt(new, dg)}"
            )

        return update_record(
            name,
            j,
            (i, j),
            wsym,
            old=old,
            change=chg,
            new=new,
            param=p,
            source=src,
            param_old=old,
            param_new=new,
            terms=((err, xi),),
            sources=(0,),
            details={"error": err},
            head_fn=weight_head(nt, src, i, name, j, self._learning_rate),
            formula_fn=formula,
        )

    def _update_threshold(self, j) -> StepRecord:
        nt, name, lr = self.notation, self.output, self.lr
        b_old, b_new = float(self._old["b"][j]), float(self._new["b"][j])
        b_chg, err = float(self._change["b"][j]), float(self._err[j])
        # the lecture's threshold θ = −b: Δθ = −η(y − ŷ); the generic bias: Δb = η(y − o)
        flip = -1.0 if nt.threshold else 1.0
        old, new, chg = flip * b_old, flip * b_new, flip * b_chg
        bsym, e = nt.bias(name, j), self._error(j)
        minus_sign = "−" if nt.threshold else ""

        def formula(dg):
            num = f"{minus_sign}{factor(lr, dg)}×{factor(err, dg)}"
            return (
                f"Δ{bsym} = {minus_sign}η{e} = {num} = {fmt(chg, dg)},  "
                f"{bsym} ← {fmt(old, dg)} + {factor(chg, dg)} = {fmt(new, dg)}"
            )

        return update_record(
            name,
            j,
            (j,),
            bsym,
            old=old,
            change=chg,
            new=new,
            param="b",
            source=None,
            param_old=b_old,
            param_new=b_new,
            terms=((err,),),
            sources=(0,),
            details={"error": err},
            head_fn=bias_head(nt, name, j, self._learning_rate),
            formula_fn=formula,
        )

    def __repr__(self) -> str:
        return f"PerceptronStepper({self.notation.kind} notation, position {self._position})"


__all__ = ["PerceptronStepper", "perceptron_notation"]
