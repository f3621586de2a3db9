"""What each lesson shows, run headless: the numbers behind its stated outcome, checked.

Every function takes the lesson's document (a fresh copy) and returns a ``LessonResult``
whose ``ok`` says whether the outcome the lesson states came out, and whose lines (English
and Chinese) say it with the numbers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.engine.losses import logsumexp, logsumexp_naive, softmax, softmax_naive
from nnsim.lessons import watermelon_csv
from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument
from nnsim.model.session import Session


@dataclass
class LessonResult:
    """The outcome of running a lesson headless.

    Attributes
    ----------
    name : str
        The lesson.
    ok : bool
        True when the outcome the lesson states came out.
    lines_en, lines_zh : list of str
        What happened, with the numbers.
    values : dict
        The key numbers by name (for tests and scripts).
    title_en, title_zh : str
    """

    name: str
    ok: bool
    lines_en: list = field(default_factory=list)
    lines_zh: list = field(default_factory=list)
    values: dict = field(default_factory=dict)
    title_en: str = ""
    title_zh: str = ""

    def summary(self, lang: str = "en") -> str:
        """A printable summary: title, the lines, and whether the outcome came out."""
        zh = lang == "zh"
        title = self.title_zh if zh else self.title_en
        lines = self.lines_zh if zh else self.lines_en
        if zh:
            verdict = "结果与课程一致。" if self.ok else "结果与课程说的不一致！"
        else:
            verdict = "Outcome as stated." if self.ok else "Outcome NOT as stated!"
        return "\n".join([f"{title} ({self.name})", *(f"  {s}" for s in lines), verdict])

    def add(self, en: str, zh: str) -> None:
        """Add one line in both languages."""
        self.lines_en.append(en)
        self.lines_zh.append(zh)


def _f(v, digits: int = 6) -> str:
    """A number as the step-through prints it (6 significant digits, a real minus)."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return "[" + ", ".join(_f(x, digits) for x in np.ravel(v)) + "]"
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "−inf"
    s = f"{v:.{digits}g}"
    return s.replace("-", "−")


def _new(doc: NetworkDocument, name: str) -> LessonResult:
    return LessonResult(name, True, title_en=doc.meta.title_en, title_zh=doc.meta.title_zh)


def _forward(doc: NetworkDocument, x) -> np.ndarray:
    return compile_document(doc, cache=False).network.forward(np.asarray(x, dtype=float))


TRUTH = {
    "and": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]),
    "or": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 1]),
    "not": ([[0], [1]], [1, 0]),
    "xor": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]),
}


# --------------------------------------------------------------------------- §1
def mp_neuron(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "mp-neuron")
    x, want = TRUTH["and"]
    w = doc.links["L1-L2"].weights[:, 0]
    theta = -float(doc.layers["L2"].biases[0])
    y = _forward(doc, x)[:, 0]
    r.values.update(outputs=y.tolist(), theta=theta)
    r.ok = y.tolist() == want
    for xi, yi in zip(x, y):
        net = float(np.dot(w, xi)) - theta
        r.add(
            f"x = {xi}: y = ε({_f(w[0])}×{xi[0]} + {_f(w[1])}×{xi[1]} − {_f(theta)}) = ε({_f(net)}) = {int(yi)}",
            f"x = {xi}：y = ε({_f(w[0])}×{xi[0]} + {_f(w[1])}×{xi[1]} − {_f(theta)}) = ε({_f(net)}) = {int(yi)}",
        )
    sig = doc.copy()
    sig.set_activation("L2", "sigmoid")
    ys = _forward(sig, x)[:, 0]
    r.values["sigmoid_outputs"] = ys.tolist()
    r.add(
        f"the outputs are the AND truth table {want}; with the sigmoid instead: {_f(ys, 4)}",
        f"输出正是逻辑与的真值表 {want}；换成 Sigmoid：{_f(ys, 4)}",
    )
    return r


# --------------------------------------------------------------------------- §2
def _train_gate(doc: NetworkDocument, gate: str):
    d = doc.copy()
    if gate == "not" and d.layers["L1"].size == 2:
        d.remove_neuron("L1", 1)
    d.update_settings(dataset=gate)
    s = Session(d)
    result = s.train_epochs(d.settings.epochs)
    x, want = TRUTH[gate]
    y = compile_document(d).network.forward(np.asarray(x, float))[:, 0]
    return d, result, y, want


def perceptron_and_or_not(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "perceptron-and-or-not")
    r.ok = True
    for gate in ("and", "or", "not"):
        d, result, y, want = _train_gate(doc, gate)
        p = result.perceptron
        w = d.links["L1-L2"].weights[:, 0]
        theta = -float(d.layers["L2"].biases[0])
        good = result.status == "converged" and y.tolist() == want
        r.ok &= good
        r.values[gate] = {
            "status": result.status,
            "epochs": p.epochs if p else None,
            "outputs": y.tolist(),
        }
        r.add(
            f"{gate.upper()}: {result.message}; after {p.epochs} epochs w = {_f(w, 4)}, θ = {_f(theta, 4)}, "
            f"outputs {[int(v) for v in y]}",
            f"{gate.upper()}：{p.epochs} 轮后收敛（无错误），w = {_f(w, 4)}，θ = {_f(theta, 4)}，"
            f"输出 {[int(v) for v in y]}",
        )
    return r


def perceptron_xor(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "perceptron-xor")
    d, result, y, want = _train_gate(doc, "xor")
    p = result.perceptron
    r.ok = result.status == "cycle" and "not linearly separable" in result.message
    r.values.update(status=result.status, message=result.message, epochs=p.epochs if p else None)
    r.values.update(cycle_start=p.cycle_start, cycle_period=p.cycle_period, errors=list(p.errors))
    r.add(
        f"XOR: {result.message}",
        f"异或：线性不可分——权重循环（第 {p.epochs} 轮后的权重重复了第 {p.cycle_start} 轮后的权重，"
        f"此后每 {p.cycle_period} 轮循环一次，永不收敛）",
    )
    r.add(
        f"misclassified samples per epoch: {p.errors[:12]}{' …' if len(p.errors) > 12 else ''}",
        f"每轮分错的样本数：{p.errors[:12]}{' …' if len(p.errors) > 12 else ''}",
    )
    return r


# --------------------------------------------------------------------------- §3
def xor_two_layer(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "xor-two-layer")
    x, want = TRUTH["xor"]
    comp = compile_document(doc, cache=False)
    y = comp.network.forward(np.asarray(x, float))[:, 0]
    h = comp.network.values["L2"]
    r.values["outputs"] = y.tolist()
    r.ok = np.allclose(y, [-0.5, 0.5, 0.5, -0.5]) and [int(v > 0) for v in y] == want
    for xi, hi, yi in zip(x, h, y):
        r.add(
            f"x = {xi}: h = {_f(hi)}, y = {_f(yi)} → class {int(yi > 0)}",
            f"x = {xi}：h = {_f(hi)}，y = {_f(yi)} → 类别 {int(yi > 0)}",
        )
    r.add("the sign of y is XOR", "y 的符号正是异或")
    return r


# --------------------------------------------------------------------------- §6
#: COURSE.md §6, the exact values.
WORKED = {
    "h1": 0.680267,
    "h2": 0.663739,
    "out": 0.690283,
    "error": 0.190283,
    "g": -0.0406811,
    "e1": -0.00265449,
    "e2": -0.00817165,
    "w_out": [0.272326, 0.872998],
    "v_h1": [0.0990709, 0.797611],
    "v_h2": [0.397140, 0.592646],
    "h1_after": 0.679729,
    "h2_after": 0.662036,
    "out_after": 0.682019,
    "error_after": 0.182019,
}


def bp_worked_example(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "bp-worked-example")
    s = Session(doc)
    st = s.stepper()
    records = st.run_to_end()
    for rec in records:
        r.lines_en.append(rec.text("en"))
        r.lines_zh.append(rec.text("zh"))
    by = {(rec.phase, rec.layer, rec.neuron): rec for rec in records if rec.phase != "update"}
    target = doc.settings.targets[0]["y"][0]
    out0 = by[("forward", "L3", 0)].value
    v = {
        "h1": by[("forward", "L2", 0)].value,
        "h2": by[("forward", "L2", 1)].value,
        "out": out0,
        "error": abs(target - out0),
        "g": by[("backward", "L3", 0)].value,
        "e1": by[("backward", "L2", 0)].value,
        "e2": by[("backward", "L2", 1)].value,
    }
    s.sync_document()
    v["w_out"] = doc.links["L2-L3"].weights[:, 0].tolist()
    v["v_h1"] = doc.links["L1-L2"].weights[:, 0].tolist()
    v["v_h2"] = doc.links["L1-L2"].weights[:, 1].tolist()
    net = compile_document(doc).network
    out1 = float(net.forward(np.array([doc.settings.targets[0]["x"]]))[0, 0])
    h_after = net.values["L2"][0]
    v.update(h1_after=float(h_after[0]), h2_after=float(h_after[1]), out_after=out1)
    v["error_after"] = abs(target - out1)
    r.values = v
    r.ok = all(np.allclose(v[k], WORKED[k], atol=2e-6, rtol=0) for k in WORKED)
    # "Error" is E = ½(ŷ − y)², as the step's own line prints it; the course's 0.190283 →
    # 0.182019 is the output's distance from the target |ŷ − y|, named as such.
    e0, e1 = 0.5 * v["error"] ** 2, 0.5 * v["error_after"] ** 2
    r.add(
        f"forward again: h1 = {_f(v['h1_after'])}, h2 = {_f(v['h2_after'])}, output = {_f(out1)}; "
        f"the error E = ½(ŷ − y)² falls from {_f(e0)} to {_f(e1)} (the distance to the target "
        f"|ŷ − y| from {_f(v['error'])} to {_f(v['error_after'])})",
        f"再前向一次：h1 = {_f(v['h1_after'])}，h2 = {_f(v['h2_after'])}，输出 = {_f(out1)}；"
        f"误差 E = ½(ŷ − y)² 从 {_f(e0)} 降到 {_f(e1)}（输出与目标之差 |ŷ − y| 从 "
        f"{_f(v['error'])} 降到 {_f(v['error_after'])}）",
    )
    return r


# --------------------------------------------------------------------------- §7
def bp_variants(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = _new(doc, "bp-variants")
    epochs = doc.settings.epochs if epochs is None else int(epochs)
    results = {}
    for rule in ("standard", "accumulated", "minibatch"):
        d = doc.copy()
        d.update_settings(rule=rule)
        s = Session(d)
        s.train_epochs(epochs)
        h = s.history
        results[rule] = {
            "loss_start": float(h.train_loss[0]),
            "loss": float(h.train_loss[-1]),
            "accuracy": float(h.train_acc[-1]),
            "updates": int(s.trainer.step),
        }
    r.values = results
    st, acc = results["standard"], results["accumulated"]
    r.ok = (
        all(v["loss"] < v["loss_start"] for v in results.values())
        and st["updates"] == 17 * epochs
        and acc["updates"] == epochs
        and st["loss"] < acc["loss"]
    )
    names_zh = {"standard": "标准 BP", "accumulated": "累积 BP", "minibatch": "小批量"}
    for rule, v in results.items():
        r.add(
            f"{rule:11s}: {v['updates']:5d} updates in {epochs} epochs, error {_f(v['loss_start'], 4)} → "
            f"{_f(v['loss'], 4)}, accuracy {v['accuracy']:.0%}",
            f"{names_zh[rule]}：{epochs} 轮共更新 {v['updates']} 次，误差 {_f(v['loss_start'], 4)} → "
            f"{_f(v['loss'], 4)}，正确率 {v['accuracy']:.0%}",
        )
    r.add(
        "standard BP updates after every sample (17 per epoch) and gets further per epoch; "
        "accumulated BP makes one update per pass",
        "标准 BP 每个样本更新一次（每轮 17 次），每轮进展更多；累积 BP 每遍历一次数据才更新一次",
    )
    return r


def learning_rate(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    """η from 0.001 to 10 side by side: the lesson's comparison (``comparisons.py``)."""
    from nnsim.lessons.comparisons import run_comparison  # it imports this module

    return run_comparison("learning-rate", epochs=epochs)


# --------------------------------------------------------------------------- §8
def overfitting(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = _new(doc, "overfitting")
    epochs = doc.settings.epochs if epochs is None else int(epochs)
    runs = {}
    for mode in ("plain", "early_stopping", "l2"):
        d = doc.copy()
        if mode == "early_stopping":
            d.update_settings(early_stopping=True)
        if mode == "l2":
            d.update_settings(regularization="l2")
        s = Session(d)
        result = s.train_epochs(epochs)
        h = s.history
        rows = h.epoch_rows()
        vl, tl = h.val_loss[rows], h.train_loss[rows]
        best = int(np.argmin(vl))
        ev = s.evaluate()
        runs[mode] = {
            "status": result.status,
            "epochs": int(h.epoch[rows][-1]),
            "best_epoch": int(h.epoch[rows][best]),
            "train_start": float(tl[0]),
            "train_end": float(tl[-1]),
            "val_best": float(vl[best]),
            "val_end": float(vl[-1]),
            "val_final": float(ev["val_loss"]),
            "val_accuracy": float(ev["val_accuracy"]),
        }
    r.values = runs
    p, e, l2 = runs["plain"], runs["early_stopping"], runs["l2"]
    r.ok = (
        p["train_end"] < p["train_start"] / 2  # training error keeps falling
        and p["val_end"] > 1.5 * p["val_best"]  # while the test error rises
        and e["status"] == "early_stopping"
        and e["val_final"] < p["val_final"]
        and l2["val_final"] < p["val_final"]
    )
    r.add(
        f"no cure: training error {_f(p['train_start'], 3)} → {_f(p['train_end'], 3)}, but the "
        f"validation error is lowest at epoch {p['best_epoch']} ({_f(p['val_best'], 3)}) and ends at "
        f"{_f(p['val_end'], 3)}; validation accuracy {p['val_accuracy']:.0%}",
        f"不处理：训练误差 {_f(p['train_start'], 3)} → {_f(p['train_end'], 3)}，验证误差却在第 "
        f"{p['best_epoch']} 轮最低（{_f(p['val_best'], 3)}），最后升到 {_f(p['val_end'], 3)}；"
        f"验证正确率 {p['val_accuracy']:.0%}",
    )
    r.add(
        f"early stopping: stopped at epoch {e['epochs']}, back to epoch {e['best_epoch']}: validation "
        f"error {_f(e['val_final'], 3)}, accuracy {e['val_accuracy']:.0%}",
        f"早停：在第 {e['epochs']} 轮停止，回到第 {e['best_epoch']} 轮：验证误差 {_f(e['val_final'], 3)}，"
        f"正确率 {e['val_accuracy']:.0%}",
    )
    lam = doc.settings.reg_lambda
    r.add(
        f"L2 (λ = {lam:g}): validation error at the end {_f(l2['val_final'], 3)}, accuracy "
        f"{l2['val_accuracy']:.0%}",
        f"L2 正则化（λ = {lam:g}）：最后的验证误差 {_f(l2['val_final'], 3)}，正确率 {l2['val_accuracy']:.0%}",
    )
    return r


# --------------------------------------------------------------------------- §9
#: Independent closed forms from COURSE.md §9 (not the engine's code).
_REFERENCE = {
    "sigmoid": lambda x: 1 / (1 + math.exp(-x)),
    "tanh": math.tanh,
    "relu": lambda x: max(0.0, x),
    "leaky_relu": lambda x: max(0.1 * x, x),
    "elu": lambda x: x if x >= 0 else math.exp(x) - 1,
    "softplus": lambda x: math.log(1 + math.exp(x)),
    "identity": lambda x: x,
    "step": lambda x: 1.0 if x >= 0 else 0.0,
}


def activation_gallery(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "activation-gallery")
    xs = [-2.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0]
    comp = compile_document(doc, cache=False)
    comp.network.forward(np.array(xs)[:, None])
    hidden = comp.network.values["L2"]
    maxout = comp.network.values["L3"][:, 0]
    names = doc.layers["L2"].activations
    ok = True
    table = {}
    for j, name in enumerate(names):
        act = get_activation(name)
        vals = hidden[:, j]
        ref = np.array([_REFERENCE[name](x) for x in xs])
        ok &= bool(np.allclose(vals, ref, atol=1e-12))
        # derivative checked against a central difference away from the kinks
        d = act.derivative(np.array(xs))
        for x, dv in zip(xs, d):
            if x == 0.0 and (act.kinks or not act.differentiable):
                continue
            fd = (_REFERENCE[name](x + 1e-6) - _REFERENCE[name](x - 1e-6)) / 2e-6
            ok &= abs(dv - fd) < 1e-5
        table[name] = {"f": vals.tolist(), "df": np.asarray(d, float).tolist()}
        r.add(
            f"{name:10s} f = {_f(vals, 4)}   f′ = {_f(d, 4)}",
            f"{name:10s} f = {_f(vals, 4)}   f′ = {_f(d, 4)}",
        )
    ok &= bool(np.allclose(maxout, np.abs(xs)))
    table["maxout"] = {"f": maxout.tolist()}
    r.add(
        f"{'maxout':10s} f = {_f(maxout, 4)}   (max(x, −x) = |x|)",
        f"{'maxout':10s} f = {_f(maxout, 4)}   （max(x, −x) = |x|）",
    )
    r.lines_en.insert(0, f"x = {_f(xs)}")
    r.lines_zh.insert(0, f"x = {_f(xs)}")
    r.values = table
    r.ok = ok
    return r


# --------------------------------------------------------------------------- §13a/b
def softmax_overflow(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "softmax-overflow")
    x = np.array(doc.settings.targets[0]["x"])
    d = np.array(doc.settings.targets[0]["y"])
    with np.errstate(all="ignore"):
        naive = softmax_naive(x)
        lse_naive = float(logsumexp_naive(x))
    stable = softmax(x)
    lse = float(logsumexp(x))
    s = Session(doc)
    loss = s.evaluate()["loss"]
    st = s.stepper()
    grad = st.network.douts["L2"][0] if hasattr(st.network, "douts") else None
    r.values = {
        "naive": naive.tolist(),
        "stable": stable.tolist(),
        "logsumexp_naive": lse_naive,
        "logsumexp": lse,
        "loss": loss,
        "grad": None if grad is None else grad.tolist(),
    }
    ref = np.exp(x - x.max()) / np.exp(x - x.max()).sum()
    r.ok = (
        not np.all(np.isfinite(naive))
        and not math.isfinite(lse_naive)
        and np.allclose(stable, ref)
        and math.isclose(lse, 1002 + math.log(1 + math.exp(-1) + math.exp(-2)))
        and math.isclose(loss, lse - float(np.dot(d, x)))
        and (grad is None or np.allclose(grad, stable - d))
    )
    r.add(
        f"x = {_f(x)}: exp(x) overflows, so softmax written as exp(xᵢ)/Σ exp(xⱼ) gives {_f(naive)}",
        f"x = {_f(x)}：exp(x) 溢出，直接按 exp(xᵢ)/Σ exp(xⱼ) 计算得到 {_f(naive)}",
    )
    r.add(
        f"subtract max x = {_f(x.max())} first: softmax = {_f(stable)}",
        f"先减去 max x = {_f(x.max())}：softmax = {_f(stable)}",
    )
    r.add(
        f"log Σ exp(xⱼ): written as is {_f(lse_naive)}; stable m + log Σ exp(xⱼ − m) = {_f(lse)}",
        f"log Σ exp(xⱼ)：直接计算得 {_f(lse_naive)}；稳定形式 m + log Σ exp(xⱼ − m) = {_f(lse)}",
    )
    r.add(
        f"cross-entropy for the target {_f(d)}: E = {_f(loss)} (finite); gradient softmax(x) − d = "
        f"{_f(stable - d)}",
        f"目标为 {_f(d)} 时的交叉熵：E = {_f(loss)}（有限）；梯度 softmax(x) − d = {_f(stable - d)}",
    )
    return r


# --------------------------------------------------------------------------- Playground
def playground_circle(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = _new(doc, "playground-circle")
    epochs = doc.settings.epochs if epochs is None else int(epochs)
    s = Session(doc)
    start = s.evaluate()
    s.train_epochs(epochs)
    ev = s.evaluate()
    r.values = {"start": start, "end": ev, "epochs": epochs}
    r.ok = ev["val_accuracy"] >= 0.95 and ev["loss"] < start["loss"] / 4
    r.add(
        f"{epochs} epochs of mini-batch SGD (batch 10, η = 0.03): training error "
        f"{_f(start['loss'], 3)} → {_f(ev['loss'], 3)}, test accuracy {start['val_accuracy']:.0%} → "
        f"{ev['val_accuracy']:.0%}",
        f"小批量 SGD（批大小 10，η = 0.03）训练 {epochs} 轮：训练误差 {_f(start['loss'], 3)} → "
        f"{_f(ev['loss'], 3)}，测试正确率 {start['val_accuracy']:.0%} → {ev['val_accuracy']:.0%}",
    )
    return r


# --------------------------------------------------------------------------- §11
def convolution_pooling(doc: NetworkDocument) -> LessonResult:
    from nnsim.model.compile import CompileError

    r = _new(doc, "convolution-pooling")
    shapes = {}
    for stride in (1, 2, 3):
        d = doc.copy()
        d.set_layer_params("L2", stride=stride)
        try:
            compile_document(d, cache=False)
            shapes[stride] = list(d.layers["L2"].shape[1:])
            r.add(
                f"7×7 input, 3×3 kernel, stride {stride}: (7 − 3)/{stride} + 1 = {shapes[stride][0]} → "
                f"{shapes[stride][0]}×{shapes[stride][1]}",
                f"7×7 输入，3×3 卷积核，步长 {stride}：(7 − 3)/{stride} + 1 = {shapes[stride][0]} → "
                f"{shapes[stride][0]}×{shapes[stride][1]}",
            )
        except CompileError as e:
            shapes[stride] = str(e)
            r.add(f"stride {stride}: {e}", f"步长 {stride}：(7 − 3)/3 + 1 = 2.33，不是整数——放不下")
    image = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], float)
    pooled = {}
    for kind in ("maxpool", "avgpool"):
        d = NetworkDocument()
        i = d.add_layer("input", shape=(1, 4, 4))
        p = d.add_layer(kind, params={"window": 2, "stride": 2})
        d.connect(i, p)
        f = d.add_layer("flatten")
        d.connect(p, f)
        out = compile_document(d, cache=False).network.forward(image[None, None])
        pooled[kind] = out.reshape(2, 2).tolist()
    r.add(
        f"pooling 2×2, stride 2 on {image.astype(int).tolist()}: max → {pooled['maxpool']}, "
        f"average → {pooled['avgpool']}",
        f"2×2 池化、步长 2，作用在 {image.astype(int).tolist()} 上：最大 → {pooled['maxpool']}，"
        f"平均 → {pooled['avgpool']}",
    )
    s = Session(doc)
    before = s.evaluate()["loss"]
    s.train_epochs(doc.settings.epochs)
    after = s.evaluate()["loss"]
    r.add(
        f"training the conv net on its one image: error {_f(before, 4)} → {_f(after, 4)}",
        f"在这一张图上训练卷积网络：误差 {_f(before, 4)} → {_f(after, 4)}",
    )
    r.values = {"shapes": shapes, "pooled": pooled, "loss_before": before, "loss_after": after}
    r.ok = (
        shapes[1] == [5, 5]
        and shapes[2] == [3, 3]
        and isinstance(shapes[3], str)
        and "2.33" in shapes[3]
        and pooled["maxpool"] == [[6, 8], [3, 4]]
        and pooled["avgpool"] == [[3.25, 5.25], [2, 2]]
        and after < before
    )
    return r


def _mnist(
    doc: NetworkDocument, name: str, min_accuracy: float, epochs=None, subset=None
) -> LessonResult:
    r = _new(doc, name)
    d = doc.copy()
    if subset is not None:
        d.update_settings(dataset_params={**d.settings.dataset_params, "subset": list(subset)})
    s = Session(d)
    start = s.evaluate()
    n = d.settings.epochs if epochs is None else epochs
    s.train_epochs(n)
    ev = s.evaluate()
    tr = s.trainer
    pred = tr.predict_classes(tr.x_val)
    truth = np.asarray(tr.y_val)
    wrong = np.nonzero(pred != truth)[0]
    r.values = {"start": start, "end": ev, "epochs": n, "misclassified": wrong[:10].tolist()}
    r.ok = ev["val_accuracy"] >= min_accuracy
    n_train, n_test = len(tr.y_train), len(truth)
    r.add(
        f"{n} epoch(s) on {n_train} training images: test accuracy {start['val_accuracy']:.1%} → "
        f"{ev['val_accuracy']:.1%} on {n_test} test images",
        f"在 {n_train} 张训练图上训练 {n} 轮：{n_test} 张测试图的正确率 {start['val_accuracy']:.1%} → "
        f"{ev['val_accuracy']:.1%}",
    )
    if wrong.size:
        pairs = ", ".join(f"#{k}: {truth[k]}→{pred[k]}" for k in wrong[:5])
        r.add(
            f"{wrong.size} misclassified, e.g. (image: true→predicted) {pairs}",
            f"分错 {wrong.size} 张，例如（图：真实→预测）{pairs}",
        )
    return r


def mnist_mlp(doc: NetworkDocument, epochs=None, subset=None) -> LessonResult:
    return _mnist(doc, "mnist-mlp", 0.85, epochs, subset)


def mnist_cnn(doc: NetworkDocument, epochs=None, subset=None) -> LessonResult:
    return _mnist(doc, "mnist-cnn", 0.85, epochs, subset)


# --------------------------------------------------------------------------- §12
def rnn_shapes(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = _new(doc, "rnn-shapes")
    epochs = doc.settings.epochs if epochs is None else int(epochs)
    shapes = {}
    ins = tuple(doc.layers["L1"].shape)
    for mode in ("many-to-one", "many-to-many"):
        d = doc.copy()
        d.set_layer_params("L2", mode=mode)
        shapes[mode] = (ins, tuple(d.layers["L2"].shape))
    d = doc.copy()
    d.set_shape("L1", (1,))
    d.set_layer_params("L2", mode="one-to-many")
    shapes["one-to-many"] = ((1,), tuple(d.layers["L2"].shape))
    for mode, (a, b) in shapes.items():
        r.add(f"{mode}: {a} → {b}", f"{mode}：{a} → {b}")
    s = Session(doc)
    start = s.evaluate()
    s.train_epochs(epochs)
    ev = s.evaluate()
    r.add(
        f"many-to-one on rising/falling sequences: {epochs} epochs, accuracy {start['accuracy']:.0%} → "
        f"{ev['accuracy']:.0%}",
        f"多对一，判断序列上升或下降：训练 {epochs} 轮，正确率 {start['accuracy']:.0%} → {ev['accuracy']:.0%}",
    )
    H = doc.layers["L2"].params["hidden"]
    r.values = {
        "shapes": {k: [list(a), list(b)] for k, (a, b) in shapes.items()},
        "start": start,
        "end": ev,
    }
    r.ok = (
        shapes["many-to-one"][1] == (H,)
        and shapes["many-to-many"][1] == (ins[0], H)
        and ev["accuracy"] >= 0.95
    )
    return r


# --------------------------------------------------------------------------- §13c
def relu_homework(doc: NetworkDocument) -> LessonResult:
    r = _new(doc, "relu-homework")
    s = Session(doc)
    x = np.array([doc.settings.targets[0]["x"]])
    y = doc.settings.targets[0]["y"][0]
    net = s.network
    before = float(net.forward(x)[0, 0])
    loss_before = 0.5 * (y - before) ** 2
    for rec in s.stepper().run_to_end():
        r.lines_en.append(rec.text("en"))
        r.lines_zh.append(rec.text("zh"))
    s.sync_document()
    after = float(compile_document(doc).network.forward(x)[0, 0])
    loss_after = 0.5 * (y - after) ** 2
    r.values = {
        "before": before,
        "after": after,
        "loss_before": loss_before,
        "loss_after": loss_after,
    }
    r.ok = loss_after < loss_before
    r.add(
        f"output {_f(before)} → {_f(after)}; loss ½(y − ŷ)² {_f(loss_before)} → {_f(loss_after)}: it fell",
        f"输出 {_f(before)} → {_f(after)}；误差 ½(y − ŷ)² {_f(loss_before)} → {_f(loss_after)}：下降了",
    )
    return r


#: name → outcome function
OUTCOMES = {
    "mp-neuron": mp_neuron,
    "perceptron-and-or-not": perceptron_and_or_not,
    "perceptron-xor": perceptron_xor,
    "xor-two-layer": xor_two_layer,
    "bp-worked-example": bp_worked_example,
    "bp-variants": bp_variants,
    "learning-rate": learning_rate,
    "watermelon-3.0": watermelon_csv.outcome_3_0,
    "watermelon-alpha-csv": watermelon_csv.outcome_alpha,
    "overfitting": overfitting,
    "activation-gallery": activation_gallery,
    "softmax-overflow": softmax_overflow,
    "playground-circle": playground_circle,
    "convolution-pooling": convolution_pooling,
    "mnist-mlp": mnist_mlp,
    "mnist-cnn": mnist_cnn,
    "rnn-shapes": rnn_shapes,
    "relu-homework": relu_homework,
}
