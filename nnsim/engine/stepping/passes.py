"""The step-through's pass records: one neuron's forward value, the loss, one δ (backward)."""

from __future__ import annotations

from nnsim.engine.losses import (
    SigmoidBinaryCrossEntropy,
    SoftmaxCrossEntropy,
    SquaredError,
)
from nnsim.engine.notation import (
    factor,
    fmt,
    subscript,
    word,
)
from nnsim.engine.stepping.records import (
    StepRecord,
)
from nnsim.engine.stepping.records import comma as _comma
from nnsim.engine.stepping.records import join_product as _join_product
from nnsim.engine.stepping.records import minus as _minus
from nnsim.engine.stepping.records import plus as _plus
from nnsim.engine.stepping.records import products as _products
from nnsim.engine.stepping.records import sum_text as _sum


def _fprime_text(act, arg_sym: str, out_sym: str):
    """f′ as the slides write it: symbolic text and a numbers builder, None for identity.

    An activation whose registry entry has ``fprime_text`` (sigmoid, tanh) shows the
    derivative through the output (ŷ(1−ŷ), 1−ŷ²) as the book does; the others show
    f′(net) and its value.
    """
    if act.name == "identity":
        return None
    text = act.entry.fprime_text
    if text is not None:
        sym, num = text
        return sym.format(y=out_sym), lambda out, d, dg: num.format(
            y=fmt(out, dg), fy=factor(out, dg)
        )
    name = act.symbol or "f"
    return f"{name}′({arg_sym})", lambda out, d, dg: factor(d, dg)


class PassRecords:
    """Forward, loss and backward records of a ``Stepper`` (mixed into it).

    The numbers come from the pass the stepper ran once (``self._values``, ``self._delta``
    ...); each method explains one of them with its formula.
    """

    def _with_sample(self, head, k):
        """The words ``head(lang)``, naming sample k when there are several."""
        if self.m == 1 or k is None:
            return head
        return lambda g: f"{head(g)}{_comma(g)}{word('sample', g, k=k + 1)}"

    def _forward(self, name, j, k) -> StepRecord:
        nt, layer = self.notation, self.network.layers[name]
        terms, sources = [], []
        for kk, src in enumerate(layer.inputs):
            rows = self._rows(name, kk, j)
            x, w = self._out[src][k, rows], self._W[(name, kk)][rows, j]
            terms += list(zip(x.tolist(), w.tolist()))
            sources += [(src, i) for i in rows]
        act = self._acts[name][j]
        bias = float(self._b[name][j]) if layer.use_bias else None
        net_f, out_f = float(self._net[name][k, j]), float(self._out[name][k, j])
        # Σ w x without the bias: the book's β_h / α_j (they exclude the threshold)
        s = net_f - bias if bias is not None else net_f
        net_sym, out_sym = nt.net(name, j), nt.value(name, j)
        f = act.symbol

        def formula(dg):
            left = f"{net_sym} = {_products(terms, dg)}"
            if nt.threshold or bias is None:
                # the book: β_h = Σ v_ih x_i, then b_h = f(β_h − γ_h)
                left += f" = {fmt(s, dg)}"
                if bias is None:
                    arg_sym, arg_num = net_sym, fmt(s, dg)
                else:
                    th = nt.bias(name, j)
                    arg_sym, arg_num = f"{net_sym} − {th}", f"{fmt(s, dg)}{_minus(-bias, dg)}"
            else:
                left += f"{_plus(bias, dg)} = {fmt(net_f, dg)}"
                arg_sym, arg_num = net_sym, fmt(net_f, dg)
            if not f:  # identity: the output is the net input
                mid = "" if arg_sym == net_sym else f" = {arg_sym} = {arg_num}"
                return f"{left},  {out_sym}{mid} = {fmt(out_f, dg)}"
            sym = "" if arg_sym == net_sym else f" = {f}({arg_sym})"
            return f"{left},  {out_sym}{sym} = {f}({arg_num}) = {fmt(out_f, dg)}"

        return StepRecord(
            phase="forward",
            layer=name,
            neuron=j,
            sample=k,
            symbol=out_sym,
            value=out_f,
            terms=tuple(terms),
            sources=tuple(sources),
            details={"sum": s, "bias": bias, "net": net_f, "out": out_f, "activation": act.name},
            head_fn=self._with_sample(lambda g: nt.unit(name, j, g), k),
            formula_fn=formula,
        )

    # --- loss -----------------------------------------------------------------
    def _sample_loss(self, k) -> StepRecord:
        nt, out_name, loss = self.notation, self.output, self.loss
        o, t = self._out[out_name][k], self._Y[k]
        value = float(self._per_sample[k])
        n = o.shape[0]
        pairs = list(zip(o.tolist(), t.tolist()))
        probs = [float(p) for p in self._prob[k]]
        sym = "E" if self.m == 1 else subscript("E", k + 1)
        osym = [nt.value(out_name, j) for j in range(n)]
        ysym = [nt.target(j) for j in range(n)]

        def formula(dg):
            if isinstance(loss, SquaredError):
                if n == 1:
                    s = f"½({osym[0]} − {ysym[0]})²"
                    num = f"½({fmt(pairs[0][0], dg)}{_minus(pairs[0][1], dg)})²"
                else:
                    o_j, y_j = nt.value(out_name, "j"), nt.target("j")
                    s = f"½ Σ_j ({o_j} − {y_j})²"
                    num = (
                        "½[" + " + ".join(f"({fmt(a, dg)}{_minus(b, dg)})²" for a, b in pairs) + "]"
                    )
                return f"{sym} = {s} = {num} = {fmt(value, dg)}"
            if isinstance(loss, SoftmaxCrossEntropy):
                ps = "(" + ", ".join(fmt(p, dg) for p in probs) + ")"
                ls = "(" + ", ".join(fmt(a, dg) for a, _ in pairs) + ")"
                logs = [(b, p) for (_, b), p in zip(pairs, probs) if b != 0]
                if len(logs) == 1 and logs[0][0] == 1:
                    num = f"−log {fmt(logs[0][1], dg)}"
                else:
                    num = (
                        "−("
                        + " + ".join(f"{factor(b, dg)}×log {fmt(p, dg)}" for b, p in logs)
                        + ")"
                    )
                return (
                    f"p = softmax{ls} = {ps},  {sym} = −Σ_j {nt.target('j')} log {nt.prob('j')}"
                    f" = {num} = {fmt(value, dg)}"
                )
            if isinstance(loss, SigmoidBinaryCrossEntropy):
                parts, syms = [], []
                for j, ((a, b), p) in enumerate(zip(pairs, probs)):
                    parts.append(
                        f"−{factor(b, dg)}×log {fmt(p, dg)} − {factor(1 - b, dg)}×log(1−{fmt(p, dg)})"
                    )
                    syms.append(f"{nt.prob(j)} = σ({fmt(a, dg)}) = {fmt(p, dg)}")
                y_j, p_j = nt.target("j"), nt.prob("j")
                return (
                    f"{', '.join(syms)},  {sym} = Σ_j[−{y_j} log {p_j} − (1−{y_j}) log(1−{p_j})]"
                    f" = {' '.join(parts)} = {fmt(value, dg)}"
                )
            return f"{sym} = {fmt(value, dg)}"

        return StepRecord(
            phase="loss",
            layer=out_name,
            neuron=None,
            sample=k,
            symbol=sym,
            value=value,
            terms=tuple(pairs),
            sources=tuple((out_name, j) for j in range(n)),
            details={"probabilities": tuple(probs)} if loss.wants_logits else {},
            head_fn=self._with_sample(lambda g: word("error", g), k),
            formula_fn=formula,
        )

    def _batch_loss(self) -> StepRecord:
        per = [float(e) for e in self._per_sample]
        value = self.loss_value
        m = self.m

        def formula(dg):
            return f"E = (1/m) Σ_k E_k = ({_sum(per, dg)})/{m} = {fmt(value, dg)}"

        return StepRecord(
            phase="loss",
            layer=self.output,
            neuron=None,
            sample=None,
            symbol="E",
            value=value,
            terms=tuple((e,) for e in per),
            sources=tuple(range(m)),
            head_fn=lambda g: word("batch error", g, m=m),
            formula_fn=formula,
        )

    # --- backward ---------------------------------------------------------------
    def _backward(self, name, i, k) -> StepRecord:
        nt, loss, sign = self.notation, self.loss, self.notation.sign
        act = self._acts[name][i]
        out, d = self._out[name][k, i], self._fprime[name][k, i]
        book_thr = nt.threshold and self.network.layers[name].use_bias
        arg_sym = f"{nt.net(name, i)} − {nt.bias(name, i)}" if book_thr else nt.net(name, i)
        fp = _fprime_text(act, arg_sym, nt.value(name, i))
        out_f, d_f = float(out), float(d)
        gsym = nt.grad(name, i)
        m = self.m
        if name == self.output:
            terms = ((out_f, float(self._Y[k, i])),)
            sources = ()
            p = float(self._prob[k, i])
            o_sym, y_sym = nt.value(name, i), nt.target(i)
            if isinstance(loss, SquaredError):
                a_sym, a_val = o_sym, out_f
            elif isinstance(loss, SoftmaxCrossEntropy | SigmoidBinaryCrossEntropy):
                a_sym, a_val = nt.prob(i), p
            else:
                a_sym, a_val = None, None
            y_val = terms[0][1]

            def err(dg):
                if a_sym is None:  # a loss without a formula here: show ∂E/∂out itself
                    s = f"∂E/∂{o_sym}" if sign > 0 else f"(−∂E/∂{o_sym})"
                    return s, factor(sign * dout_f * m, dg)
                if sign > 0:
                    return f"({a_sym}−{y_sym})", f"({fmt(a_val, dg)}−{factor(y_val, dg)})"
                return f"({y_sym}−{a_sym})", f"({fmt(y_val, dg)}−{factor(a_val, dg)})"

        else:
            pairs, srcs = [], []
            for cname, kk in self._consumers[name]:
                if cname not in self.live:
                    continue
                cols = self._cols(cname, kk, i)
                w, dc = self._W[(cname, kk)][i, cols], self._delta[cname][k, cols]
                pairs += list(zip(w.tolist(), (sign * dc).tolist()))
                srcs += [(cname, j) for j in cols]
            terms, sources = tuple(pairs), tuple(srcs)
            links = [(c, kk) for c, kk in self._consumers[name] if c in self.live]

            def err(dg):
                s = " + ".join(
                    f"Σ_j {nt.weight(c, kk, i, 'j')} {nt.grad(c, 'j')}" for c, kk in links
                )
                return s, f"({_products(pairs, dg)})"

        delta, dout_f = float(self._delta[name][k, i]), float(self._dout[name][k, i])
        value = sign * delta

        def formula(dg):
            e_sym, e_num = err(dg)
            per_m_sym = "/m" if (name == self.output and m > 1) else ""
            per_m_num = f"/{m}" if per_m_sym else ""
            if fp is None:
                s = f"{e_sym}{per_m_sym}"
                num = f"{e_num}{per_m_num}"
            else:
                sep = " " if e_sym.startswith("Σ") else ""
                s = f"{fp[0]}{sep}{e_sym}{per_m_sym}"
                num = _join_product(fp[1](out_f, d_f, dg), e_num) + per_m_num
            return f"{gsym} = {s} = {num} = {fmt(value, dg)}"

        key = "gradient term" if sign < 0 else "error term"
        head = self._with_sample(lambda g: f"{nt.unit(name, i, g)}{_comma(g)}{word(key, g)}", k)
        return StepRecord(
            phase="backward",
            layer=name,
            neuron=i,
            sample=k,
            symbol=gsym,
            value=value,
            terms=terms,
            sources=sources,
            details={"delta": delta, "fprime": d_f, "dout": dout_f},
            head_fn=head,
            formula_fn=formula,
        )
