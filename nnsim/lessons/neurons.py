"""Lessons on single neurons (COURSE §1–3): the M-P neuron, the perceptron rule, XOR in two layers."""

from __future__ import annotations

import numpy as np

from nnsim.lessons.building import chain, draw_rounded, layer, new_doc
from nnsim.lessons.result import LessonResult, fmt, forward, new_result
from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument
from nnsim.model.session import Session


# --------------------------------------------------------------------------- documents
def mp_neuron() -> NetworkDocument:
    """COURSE §1: one M-P neuron with weights 1, 1 and threshold θ = 1.5 computes AND."""
    doc = new_doc(
        "mp-neuron",
        title_zh="M-P 神经元模型",
        title_en="The M-P neuron",
        goal_zh="看懂 y = f(Σ wᵢxᵢ − θ)：权重 1、1，阈值 θ = 1.5 的阶跃神经元实现逻辑与。",
        goal_en="Read y = f(Σ wᵢxᵢ − θ): a step neuron with weights 1, 1 and threshold θ = 1.5 computes AND.",
        notes_zh=(
            "McCulloch 与 Pitts（1943）的神经元：输入 x₁、x₂ 经权重 w 加权求和，减去阈值 θ，"
            "再经激活函数 f 输出。理想的激活函数是阶跃函数（0 抑制，1 兴奋）；实际常用 Sigmoid "
            "σ(x) = 1/(1+e⁻ˣ)。nnsim 存储偏置 b = −θ。试试把激活函数换成 sigmoid，或改变阈值。"
        ),
        notes_en=(
            "McCulloch and Pitts (1943): the inputs x₁, x₂ are weighted, summed, the threshold θ "
            "is subtracted and the activation f gives the output. The ideal activation is the step "
            "(0 inhibited, 1 excited); in practice the sigmoid σ(x) = 1/(1+e⁻ˣ). nnsim stores the "
            "bias b = −θ. Try the sigmoid instead, or another threshold."
        ),
    )
    _, y = chain(
        doc,
        layer("input", 2, label="输入 inputs"),
        layer("dense", 1, activation="step", label="M-P"),
        weights=[[[1.0], [1.0]]],
    )
    doc.set_biases(y, [-1.5])
    doc.update_settings(dataset="and", rule="perceptron", lr=1.0, epochs=10)
    return doc


def _perceptron(name, gate, title_zh, title_en, goal_zh, goal_en, notes_zh, notes_en):
    doc = new_doc(
        name,
        title_zh=title_zh,
        title_en=title_en,
        goal_zh=goal_zh,
        goal_en=goal_en,
        notes_zh=notes_zh,
        notes_en=notes_en,
    )
    chain(
        doc,
        layer("input", 2, label="输入 inputs"),
        layer("dense", 1, activation="step", label="感知机 perceptron"),
    )
    doc.update_settings(dataset=gate, rule="perceptron", lr=0.1, epochs=100, seed=1)
    draw_rounded(doc, "uniform01", seed=1)
    return doc


def perceptron_and_or_not() -> NetworkDocument:
    """COURSE §2: the perceptron rule learns AND, OR and NOT."""
    return _perceptron(
        "perceptron-and-or-not",
        "and",
        "感知机：与、或、非",
        "Perceptron: AND, OR, NOT",
        "用感知机学习规则 wᵢ ← wᵢ + η(y − ŷ)xᵢ 学会与、或、非：它们线性可分，规则收敛。",
        "Train with the perceptron rule wᵢ ← wᵢ + η(y − ŷ)xᵢ: AND, OR and NOT are linearly "
        "separable and the rule converges.",
        "权重与阈值初始化为 (0, 1) 内的随机数，η = 0.1。阈值 θ 当作固定输入 −1 的权重来学习。"
        "换数据集为 or 或 not（not 只有一个输入）再训练一次。",
        "Weights and threshold start at random in (0, 1), η = 0.1. The threshold θ is learned as "
        "the weight of a fixed input −1. Switch the data set to or, or not (one input), and train again.",
    )


def perceptron_xor() -> NetworkDocument:
    """COURSE §2: the perceptron rule cycles for ever on XOR."""
    return _perceptron(
        "perceptron-xor",
        "xor",
        "感知机学不会异或",
        "The perceptron cannot learn XOR",
        "异或不是线性可分的：感知机规则永远振荡（Minsky 与 Papert，1969）。",
        "XOR is not linearly separable: the perceptron rule oscillates for ever (Minsky & Papert, 1969).",
        "按同样的顺序呈现样本，权重在若干轮后回到以前的状态，从此循环。nnsim 检测到循环并报告"
        "“not linearly separable（线性不可分）”。下一课用一个隐层解决它。",
        "With the samples in the same order, the weights come back to an earlier state after some "
        "epochs and cycle from there. nnsim detects the cycle and reports “not linearly "
        "separable”. The next lesson solves it with a hidden layer.",
    )


def xor_two_layer() -> NetworkDocument:
    """COURSE §3: the slide's ReLU solution of XOR."""
    doc = new_doc(
        "xor-two-layer",
        title_zh="两层网络解决异或",
        title_en="Two layers solve XOR",
        goal_zh="验证幻灯片的 ReLU 解：h = max(0, [[1,1],[1,1]]x + [0,−1])，y = [1,−2]h − 0.5。",
        goal_en="Check the slide's ReLU solution: h = max(0, [[1,1],[1,1]]x + [0,−1]), y = [1,−2]h − 0.5.",
        notes_zh=(
            "在 (0,0)、(0,1)、(1,0)、(1,1) 上输出 −0.5、0.5、0.5、−0.5，类别取 y 的符号。"
            "也可以把隐层换成 tanh，画出 l1 = tanh(W1x + b1)、l2 = tanh(W2l1 + b2) 的两隐层网络。"
        ),
        notes_en=(
            "On (0,0), (0,1), (1,0), (1,1) the output is −0.5, 0.5, 0.5, −0.5; the class is the "
            "sign of y. Try a tanh picture too: l1 = tanh(W1x + b1), l2 = tanh(W2l1 + b2)."
        ),
    )
    _, h, y = chain(
        doc,
        layer("input", 2, label="x"),
        layer("dense", 2, activation="relu", label="h"),
        layer("dense", 1, activation="identity", label="y"),
        weights=[[[1.0, 1.0], [1.0, 1.0]], [[1.0], [-2.0]]],
    )
    doc.set_biases(h, [0.0, -1.0])
    doc.set_biases(y, [-0.5])
    doc.update_settings(dataset="xor", rule="standard", lr=0.1, epochs=100)
    return doc


# --------------------------------------------------------------------------- outcomes
TRUTH = {
    "and": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1]),
    "or": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 1]),
    "not": ([[0], [1]], [1, 0]),
    "xor": ([[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]),
}


def mp_neuron_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "mp-neuron")
    x, want = TRUTH["and"]
    w = doc.links["L1-L2"].weights[:, 0]
    theta = -float(doc.layers["L2"].biases[0])
    y = forward(doc, x)[:, 0]
    r.values.update(outputs=y.tolist(), theta=theta)
    r.ok = y.tolist() == want
    for xi, yi in zip(x, y):
        net = float(np.dot(w, xi)) - theta
        r.add(
            f"x = {xi}: y = ε({fmt(w[0])}×{xi[0]} + {fmt(w[1])}×{xi[1]} − {fmt(theta)}) = ε({fmt(net)}) = {int(yi)}",
            f"x = {xi}：y = ε({fmt(w[0])}×{xi[0]} + {fmt(w[1])}×{xi[1]} − {fmt(theta)}) = ε({fmt(net)}) = {int(yi)}",
        )
    sig = doc.copy()
    sig.set_activation("L2", "sigmoid")
    ys = forward(sig, x)[:, 0]
    r.values["sigmoid_outputs"] = ys.tolist()
    r.add(
        f"the outputs are the AND truth table {want}; with the sigmoid instead: {fmt(ys, 4)}",
        f"输出正是逻辑与的真值表 {want}；换成 Sigmoid：{fmt(ys, 4)}",
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


def perceptron_and_or_not_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "perceptron-and-or-not")
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
            f"{gate.upper()}: {result.message}; after {p.epochs} epochs w = {fmt(w, 4)}, θ = {fmt(theta, 4)}, "
            f"outputs {[int(v) for v in y]}",
            f"{gate.upper()}：{p.epochs} 轮后收敛（无错误），w = {fmt(w, 4)}，θ = {fmt(theta, 4)}，"
            f"输出 {[int(v) for v in y]}",
        )
    return r


def perceptron_xor_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "perceptron-xor")
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
def xor_two_layer_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "xor-two-layer")
    x, want = TRUTH["xor"]
    comp = compile_document(doc, cache=False)
    y = comp.network.forward(np.asarray(x, float))[:, 0]
    h = comp.network.values["L2"]
    r.values["outputs"] = y.tolist()
    r.ok = np.allclose(y, [-0.5, 0.5, 0.5, -0.5]) and [int(v > 0) for v in y] == want
    for xi, hi, yi in zip(x, h, y):
        r.add(
            f"x = {xi}: h = {fmt(hi)}, y = {fmt(yi)} → class {int(yi > 0)}",
            f"x = {xi}：h = {fmt(hi)}，y = {fmt(yi)} → 类别 {int(yi > 0)}",
        )
    r.add("the sign of y is XOR", "y 的符号正是异或")
    return r
