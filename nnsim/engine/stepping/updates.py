"""The update of one BP step as training applies it: the optimiser (SGD, momentum, Adam) and
the penalty (L2, L1), shown parameter by parameter in the chosen notation.

The whole update is computed once by the engine's own objects, exactly as ``Trainer`` does
it (the penalty's gradient added to ∇E, then ``optimizer.step``) on copies of the weights,
the gradient and the optimiser's state; the records then read their numbers from it. So
stepping every update record ends bit for bit in the weights a training step gives, and the
optimiser's state after the pass (``UpdatePlan.optimizer_after``) is the one training
would go on with.

The formulas, for a parameter p (a weight, or the book's threshold θ = −b):

* SGD:      Δp = −η ∂E/∂p
* momentum: v ← μv − η ∂E/∂p,  p ← p + v
* Adam:     m ← β₁m + (1 − β₁)∂E/∂p,  v ← β₂v + (1 − β₂)(∂E/∂p)²,
            m̂ = m/(1 − β₁ᵗ),  v̂ = v/(1 − β₂ᵗ),  Δp = −η m̂/(√v̂ + ε)

with ∂E/∂p including the penalty's 2λp (L2) or λ sgn(p) (L1) when one is set: the book
adds the penalty to the error (COURSE §8).
"""

from __future__ import annotations

import copy
import math

import numpy as np

from nnsim.engine.notation import factor, fmt, word
from nnsim.engine.optim import SGD, get_regularizer
from nnsim.engine.stepping.records import (
    StepperError,
    StepRecord,
    bias_head,
    comma,
    products,
    sum_text,
    update_record,
    weight_head,
)

_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def superscript(n: int) -> str:
    """A whole number as superscript digits: 12 → ¹²."""
    return str(int(n)).translate(_SUPERSCRIPT)


class UpdatePlan:
    """The whole update of one pass, by the engine's optimiser and regulariser.

    Parameters
    ----------
    network : Network
        After ``loss_and_grad``: ``theta`` holds the old weights, ``grad`` ∂E/∂θ.
    lr : float
        Learning rate for the default optimiser (plain SGD).
    optimizer : Optimizer, optional
        Its state (velocity, moments, step count) is the one the update starts from; it
        is copied, never changed. None means plain SGD with ``lr``.
    regularizer : Regularizer, optional
        None means no penalty.
    """

    def __init__(self, network, lr, optimizer=None, regularizer=None):
        opt = SGD(lr) if optimizer is None else copy.deepcopy(optimizer)
        self.optimizer_before = copy.deepcopy(opt)
        self.regularizer = get_regularizer(regularizer)
        self.name = opt.name
        self.lr = float(opt.lr)
        self.slots = {(n, p): (sl.start, shape) for n, p, sl, shape in network.slots}
        self.old = network.theta.copy()
        self.data_grad = network.grad.copy()
        grad = network.grad.copy()
        with np.errstate(all="ignore"):
            # the operations Trainer._bp_update makes, in its order
            self.regularizer.add_grad(self.old, grad)
            self.grad = grad
            new = self.old.copy()
            opt.step(new, grad.copy())
        self.new = new
        self.optimizer_after = opt

    @property
    def plain(self) -> bool:
        """True for the slides' update: plain gradient descent without a penalty."""
        return self.name == "sgd" and not self.regularizer.lam

    def flat(self, layer: str, pname: str, index: tuple) -> int:
        """Where entry ``index`` of parameter ``layer.pname`` sits in the flat buffers."""
        try:
            start, shape = self.slots[(layer, pname)]
        except KeyError:
            raise StepperError(f"cannot find the parameter {layer}.{pname}") from None
        return start + int(np.ravel_multi_index(index, shape))

    def entry(self, f: int, flip: float = 1.0) -> dict:
        """The numbers of one parameter's update, as the notation shows the parameter
        (``flip`` −1 for the book's threshold θ = −b, whose gradient, velocity and first
        moment change sign with it).

        Keys: old, new (the engine's, as shown), grad (∂E/∂p of the data), total (with the
        penalty), change (Δp as its formula gives it) and the optimiser's numbers
        (v_old, v_new for momentum; t, m_old, m, v_old, v, m_hat, v_hat for Adam).
        """
        old, new = float(self.old[f]), float(self.new[f])
        e = {
            "old": flip * old,
            "new": flip * new,
            "param_old": old,
            "param_new": new,
            "grad": flip * float(self.data_grad[f]),
            "total": flip * float(self.grad[f]),
        }
        before, after = self.optimizer_before, self.optimizer_after
        g = float(self.grad[f])
        if self.name == "momentum":
            v0 = 0.0 if before.v is None else float(before.v[f])
            e.update(
                v_old=flip * v0, v_new=flip * float(after.v[f]), change=flip * float(after.v[f])
            )
        elif self.name == "adam":
            t = after.t
            m0 = 0.0 if before.m is None else float(before.m[f])
            v0 = 0.0 if before.v is None else float(before.v[f])
            m, v = float(after.m[f]), float(after.v[f])
            m_hat = m / (1 - after.beta1**t)
            v_hat = v / (1 - after.beta2**t)
            step = -self.lr * m_hat / (math.sqrt(v_hat) + after.eps)
            e.update(
                t=t,
                m_old=flip * m0,
                m=flip * m,
                v_old=v0,
                v=v,
                m_hat=flip * m_hat,
                v_hat=v_hat,
                change=flip * step,
            )
        else:
            e["change"] = flip * float(-(self.lr * np.asarray(g, self.old.dtype)))
        return e

    def formula(self, psym: str, gsym: str, gnum, e: dict, dg: int, tagged=False) -> str:
        """The update of parameter ``psym`` as training applies it, one part per line.

        Parameters
        ----------
        psym : str
            The parameter's symbol (``w_11``, ``θ_1``).
        gsym : str
            ∂E/∂p of the data in symbols (``−g_1 b_1``, ``δ_1^(2)``).
        gnum : callable
            ``gnum(digits)``: the same with its numbers substituted.
        e : dict
            ``entry()``'s numbers.
        tagged : bool
            Name the optimiser's state after the parameter, ``v(v_11)``, ``m(w_11)``:
            the book's notation already calls its input→hidden weights v_ih.
        """

        def st(letter):
            return f"{letter}({psym})" if tagged else letter

        reg, lam = self.regularizer.name, self.regularizer.lam
        dpsym = f"∂E/∂{psym}"
        grad = f"{dpsym} = {gsym}"
        num = gnum(dg)
        if reg == "l2" and lam:
            grad += f" + 2λ{psym}"
            num += f" + 2×{factor(lam, dg)}×{factor(e['old'], dg)}"
        elif reg == "l1" and lam:
            grad += f" + λ sgn({psym})"
            num += f" + {factor(lam, dg)}×{factor(np.sign(e['old']), dg)}"
        lines = [f"{grad} = {num} = {fmt(e['total'], dg)}"]
        lr, g = factor(self.lr, dg), factor(e["total"], dg)
        opt = self.optimizer_after
        if self.name == "momentum":
            mu = factor(opt.momentum, dg)
            v = st("v")
            lines.append(
                f"{v} ← μ{v} − η {dpsym} = {mu}×{factor(e['v_old'], dg)} − {lr}×{g} = "
                f"{fmt(e['v_new'], dg)}"
            )
            lines.append(
                f"{psym} ← {psym} + {v} = {fmt(e['old'], dg)} + {factor(e['v_new'], dg)} = "
                f"{fmt(e['new'], dg)}"
            )
            return "\n".join(lines)
        if self.name == "adam":
            b1, b2 = factor(opt.beta1, dg), factor(opt.beta2, dg)
            t = superscript(e["t"])
            m, v, mh, vh = st("m"), st("v"), st("m̂"), st("v̂")
            lines += [
                f"{m} ← β₁{m} + (1−β₁){dpsym} = {b1}×{factor(e['m_old'], dg)} + "
                f"(1−{b1})×{g} = {fmt(e['m'], dg)}",
                f"{v} ← β₂{v} + (1−β₂)({dpsym})² = {b2}×{factor(e['v_old'], dg)} + "
                f"(1−{b2})×{g}² = {fmt(e['v'], dg)}",
                f"{mh} = {m}/(1−β₁ᵗ) = {fmt(e['m'], dg)}/(1−{b1}{t}) = {fmt(e['m_hat'], dg)},  "
                f"{vh} = {v}/(1−β₂ᵗ) = {fmt(e['v'], dg)}/(1−{b2}{t}) = {fmt(e['v_hat'], dg)}",
                f"Δ{psym} = −η {mh}/(√{vh} + ε) = −{lr}×{factor(e['m_hat'], dg)}/"
                f"(√{fmt(e['v_hat'], dg)} + {fmt(opt.eps, dg)}) = {fmt(e['change'], dg)}",
            ]
        else:
            lines.append(f"Δ{psym} = −η {dpsym} = −{lr}×{g} = {fmt(e['change'], dg)}")
        # Δp and p ← p + Δp on one line, as the slides write the plain step
        lines[-1] += (
            f",  {psym} ← {fmt(e['old'], dg)} + {factor(e['change'], dg)} = {fmt(e['new'], dg)}"
        )
        return "\n".join(lines)


class UpdateRecords:
    """The update records of a BP pass (``Stepper``): one per weight and threshold/bias,
    their numbers read from the pass's ``UpdatePlan`` (``self.plan``).

    The plain step keeps the slides' one-line formula (Δw_hj = η g_j b_h, w_hj ← …);
    an optimiser or a penalty writes ∂E/∂p first, then the optimiser's lines.
    """

    @property
    def optimizer_before(self):
        """The optimiser (a copy, with its state) the update of this pass starts from."""
        return self.plan.optimizer_before

    @property
    def optimizer_after(self):
        """The optimiser's state after this pass's update: what training goes on with."""
        return self.plan.optimizer_after

    def _update_words(self, g) -> str:
        # the optimiser's settings (μ, β₁, β₂, ε, t) show in its formula's numbers: the
        # words stay short so the formula starts on the first lines of the panel
        return f"{comma(g)}{word('learning rate', g)} η = {fmt(self.lr)}"

    def _update_weight(self, name, kk, src, i, j) -> StepRecord:
        nt, sign, m, plan = self.notation, self.notation.sign, self.m, self.plan
        xs, ds = self._out[src][:, i], self._delta[name][:, j]
        e = plan.entry(plan.flat(name, f"W{kk}", (i, j)))
        old_f, new_f, chg = e["old"], e["new"], e["change"]
        terms = tuple(zip((sign * ds).tolist(), xs.tolist()))
        wsym, gsym, vsym = nt.weight(name, kk, i, j), nt.grad(name, j), nt.value(src, i)
        lr = self.lr

        def grad_num(dg):
            # ∂E/∂w = δ x = −g x (the book's g = −δ)
            neg = "−" if sign < 0 else ""
            if m == 1:
                return f"{neg}{factor(terms[0][0], dg)}×{factor(terms[0][1], dg)}"
            return f"{neg}({products(terms, dg)})"

        neg = "−" if sign < 0 else ""
        grad_sym = f"{neg}{gsym} {vsym}" if m == 1 else f"{neg}Σ_k {gsym} {vsym}"

        def formula(dg):
            if not plan.plain:
                return plan.formula(wsym, grad_sym, grad_num, e, dg, nt.kind == "book")
            eta = "η" if sign < 0 else "−η"
            pre = factor(lr, dg) if sign < 0 else f"−{factor(lr, dg)}"
            if m == 1:
                s = f"{eta} {gsym} {vsym}"
                num = f"{pre}×{factor(terms[0][0], dg)}×{factor(terms[0][1], dg)}"
            else:
                s = f"{eta} Σ_k {gsym} {vsym}"
                num = f"{pre}×({products(terms, dg)})"
            return (
                f"Δ{wsym} = {s} = {num} = {fmt(chg, dg)},  "
                f"{wsym} ← {fmt(old_f, dg)} + {factor(chg, dg)} = {fmt(new_f, dg)}"
            )

        return update_record(
            name,
            j,
            (i, j),
            wsym,
            old=old_f,
            change=chg,
            new=new_f,
            param=f"W{kk}",
            source=src,
            param_old=e["param_old"],
            param_new=e["param_new"],
            terms=terms,
            sources=tuple(range(m)),
            details=e,
            head_fn=weight_head(nt, src, i, name, j, self._update_words),
            formula_fn=formula,
        )

    def _update_bias(self, name, j) -> StepRecord:
        nt, sign, m, plan = self.notation, self.notation.sign, self.m, self.plan
        ds = self._delta[name][:, j]
        # the book shows the threshold θ = −b: Δθ = −Δb
        flip = -1.0 if nt.threshold else 1.0
        e = plan.entry(plan.flat(name, "b", (j,)), flip)
        old_f, new_f, chg = e["old"], e["new"], e["change"]
        terms = tuple((sign * float(b),) for b in ds)
        bsym, gsym, lr = nt.bias(name, j), nt.grad(name, j), self.lr
        # ∂E/∂b = δ; the book's ∂E/∂θ = −δ = g: either way the gradient term itself
        grad_sym = gsym if m == 1 else f"Σ_k {gsym}"

        def grad_num(dg):
            if m == 1:
                return factor(terms[0][0], dg)
            return f"({sum_text([t[0] for t in terms], dg)})"

        def formula(dg):
            if not plan.plain:
                return plan.formula(bsym, grad_sym, grad_num, e, dg, nt.kind == "book")
            # generic Δb = −η δ; the book's Δθ = −η g (g = −δ): both read −η × term
            pre = f"−{factor(lr, dg)}"
            if m == 1:
                s, num = f"−η {gsym}", f"{pre}×{factor(terms[0][0], dg)}"
            else:
                s, num = f"−η Σ_k {gsym}", f"{pre}×({sum_text([t[0] for t in terms], dg)})"
            return (
                f"Δ{bsym} = {s} = {num} = {fmt(chg, dg)},  "
                f"{bsym} ← {fmt(old_f, dg)} + {factor(chg, dg)} = {fmt(new_f, dg)}"
            )

        return update_record(
            name,
            j,
            (j,),
            bsym,
            old=old_f,
            change=chg,
            new=new_f,
            param="b",
            source=None,
            param_old=e["param_old"],
            param_new=e["param_new"],
            terms=terms,
            sources=tuple(range(m)),
            details=e,
            head_fn=bias_head(nt, name, j, self._update_words),
            formula_fn=formula,
        )
