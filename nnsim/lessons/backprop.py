"""Lessons worked by hand (COURSE §6, §13): the BP example, ReLU homework, softmax overflow."""

from __future__ import annotations

import math

import numpy as np

from nnsim.engine.losses import logsumexp, logsumexp_naive, softmax, softmax_naive
from nnsim.lessons.building import chain, layer, new_doc
from nnsim.lessons.result import LessonResult, fmt, new_result
from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument
from nnsim.model.session import Session


# --------------------------------------------------------------------------- documents
def bp_worked_example() -> NetworkDocument:
    """COURSE §6: the worked BP example, exact weights, η = 1, target 0.5, no thresholds."""
    doc = new_doc(
        "bp-worked-example",
        title_zh="误差逆传播算例",
        title_en="Back-propagation, worked example",
        # "error" is E = ½(ŷ − y)², the number the step prints; |ŷ − y| is named apart
        goal_zh="逐个数字走一遍前向、反向与更新：误差 E = ½(ŷ − y)² 从 0.0181039 降到 "
        "0.0165654（输出与目标之差 |ŷ − y| 从 0.190283 降到 0.182019）。",
        goal_en="Step through forward, backward and update number by number: the error "
        "E = ½(ŷ − y)² falls from 0.0181039 to 0.0165654 (the output's distance to the target "
        "|ŷ − y| from 0.190283 to 0.182019).",
        notes_zh=(
            "全部使用 Sigmoid，没有阈值，学习率 η = 1，目标输出 0.5。输入 A = 0.35，B = 0.9。"
            "隐层单元 1 的权重 0.1（来自 A）、0.8（来自 B）；单元 2 的权重 0.4、0.6；"
            "输出权重 0.3、0.9。注意：隐层梯度项 e_h 用更新前的输出权重计算。"
            "幻灯片只保留 3–4 位有效数字。"
        ),
        notes_en=(
            "Sigmoid everywhere, no thresholds, learning rate η = 1, target 0.5. Inputs A = 0.35, "
            "B = 0.9. Hidden unit 1 weights 0.1 (from A), 0.8 (from B); unit 2: 0.4, 0.6; output "
            "weights 0.3, 0.9. The hidden gradient terms e_h use the OLD output weights. The "
            "slide rounds to 3–4 digits."
        ),
    )
    chain(
        doc,
        layer("input", 2, label="输入 inputs", neuron_labels=["A", "B"]),
        layer("dense", 2, use_bias=False, label="隐层 hidden"),
        layer("dense", 1, use_bias=False, label="输出 output"),
        weights=[[[0.1, 0.4], [0.8, 0.6]], [[0.3], [0.9]]],
    )
    doc.update_settings(
        targets=[{"x": [0.35, 0.9], "y": [0.5]}],
        rule="standard",
        lr=1.0,
        epochs=1,
        dataset="custom",
    )
    return doc


def softmax_overflow() -> NetworkDocument:
    """COURSE §13a/b: softmax and log-sum-exp overflow, and their stable forms."""
    doc = new_doc(
        "softmax-overflow",
        title_zh="Softmax 的数值溢出",
        title_en="Softmax overflow",
        goal_zh="输出 1000、1001、1002 时，exp 直接溢出；减去最大值后的稳定写法给出正确结果。",
        goal_en="With outputs 1000, 1001, 1002 the plain exp overflows; subtracting the maximum "
        "first gives the right answer.",
        notes_zh=(
            "作业：softmax exp(xᵢ)/Σ exp(xⱼ) 与 log Σ exp(xⱼ) 的数值溢出，以及稳定形式"
            "（先减去 max x）。交叉熵对 softmax 输入的梯度为 softmax(x) − d。"
            "输出层是恒等激活，权重为单位矩阵，所以网络输出就是输入的 logits。"
        ),
        notes_en=(
            "Homework: overflow of the softmax exp(xᵢ)/Σ exp(xⱼ) and of log Σ exp(xⱼ), and the "
            "stable forms (subtract max x first). The gradient of the cross-entropy with respect "
            "to the softmax input is softmax(x) − d. The output layer is the identity with an "
            "identity weight matrix, so the network outputs its input logits."
        ),
    )
    chain(
        doc,
        layer("input", 3, label="x"),
        layer("dense", 3, activation="identity", use_bias=False, label="logits"),
        weights=[np.eye(3)],
    )
    doc.update_settings(
        targets=[{"x": [1000.0, 1001.0, 1002.0], "y": [0.0, 0.0, 1.0]}],
        loss="softmax_cross_entropy",
        rule="standard",
        lr=0.1,
        epochs=1,
        dataset="custom",
    )
    doc.update_meta(notation="generic")
    return doc


def relu_homework() -> NetworkDocument:
    """COURSE §13c: one BP update by hand with ReLU units, squared loss, η = 1, x = (0.2, 0.3)."""
    doc = new_doc(
        "relu-homework",
        title_zh="作业：ReLU 网络的一次 BP 更新",
        title_en="Homework: one BP update with ReLU units",
        goal_zh="输入 x = (0.2, 0.3)，平方误差 ½(y − ŷ)²，学习率 1：手算一次更新，并检查误差下降。",
        goal_en="Input x = (0.2, 0.3), squared loss ½(y − ŷ)², learning rate 1: do one update by "
        "hand and check that the loss fell.",
        notes_zh=(
            "隐层与输出层都是 ReLU，目标 y = 0.5。nnsim 选的初始权重见画布（课件上的数字可能不同，"
            "可直接在画布上改成课件的数字）。ReLU 的导数：净输入 > 0 时为 1，否则为 0。"
        ),
        notes_en=(
            "ReLU in the hidden and the output layer, target y = 0.5. The starting weights are "
            "nnsim's choice (the slide's may differ: type them in on the canvas). ReLU's derivative "
            "is 1 where the net input is > 0 and 0 elsewhere."
        ),
    )
    _, h, y = chain(
        doc,
        layer("input", 2, label="x"),
        layer("dense", 2, activation="relu", label="隐层 hidden"),
        layer("dense", 1, activation="relu", label="ŷ"),
        weights=[[[0.5, -0.2], [0.4, 0.6]], [[0.7], [0.3]]],
    )
    doc.set_biases(h, [0.1, 0.1])
    doc.set_biases(y, [0.1])
    doc.update_settings(
        targets=[{"x": [0.2, 0.3], "y": [0.5]}], rule="standard", lr=1.0, epochs=1, dataset="custom"
    )
    return doc


# --------------------------------------------------------------------------- outcomes

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


def bp_worked_example_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "bp-worked-example")
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
        f"forward again: h1 = {fmt(v['h1_after'])}, h2 = {fmt(v['h2_after'])}, output = {fmt(out1)}; "
        f"the error E = ½(ŷ − y)² falls from {fmt(e0)} to {fmt(e1)} (the distance to the target "
        f"|ŷ − y| from {fmt(v['error'])} to {fmt(v['error_after'])})",
        f"再前向一次：h1 = {fmt(v['h1_after'])}，h2 = {fmt(v['h2_after'])}，输出 = {fmt(out1)}；"
        f"误差 E = ½(ŷ − y)² 从 {fmt(e0)} 降到 {fmt(e1)}（输出与目标之差 |ŷ − y| 从 "
        f"{fmt(v['error'])} 降到 {fmt(v['error_after'])}）",
    )
    return r


def softmax_overflow_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "softmax-overflow")
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
        f"x = {fmt(x)}: exp(x) overflows, so softmax written as exp(xᵢ)/Σ exp(xⱼ) gives {fmt(naive)}",
        f"x = {fmt(x)}：exp(x) 溢出，直接按 exp(xᵢ)/Σ exp(xⱼ) 计算得到 {fmt(naive)}",
    )
    r.add(
        f"subtract max x = {fmt(x.max())} first: softmax = {fmt(stable)}",
        f"先减去 max x = {fmt(x.max())}：softmax = {fmt(stable)}",
    )
    r.add(
        f"log Σ exp(xⱼ): written as is {fmt(lse_naive)}; stable m + log Σ exp(xⱼ − m) = {fmt(lse)}",
        f"log Σ exp(xⱼ)：直接计算得 {fmt(lse_naive)}；稳定形式 m + log Σ exp(xⱼ − m) = {fmt(lse)}",
    )
    r.add(
        f"cross-entropy for the target {fmt(d)}: E = {fmt(loss)} (finite); gradient softmax(x) − d = "
        f"{fmt(stable - d)}",
        f"目标为 {fmt(d)} 时的交叉熵：E = {fmt(loss)}（有限）；梯度 softmax(x) − d = {fmt(stable - d)}",
    )
    return r


def relu_homework_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "relu-homework")
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
        f"output {fmt(before)} → {fmt(after)}; loss ½(y − ŷ)² {fmt(loss_before)} → {fmt(loss_after)}: it fell",
        f"输出 {fmt(before)} → {fmt(after)}；误差 ½(y − ŷ)² {fmt(loss_before)} → {fmt(loss_after)}：下降了",
    )
    return r
