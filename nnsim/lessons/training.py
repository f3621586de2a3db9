"""Lessons on training (COURSE §4, §7–9): BP variants, learning rate, overfitting, activations, Playground."""

from __future__ import annotations

import math

import numpy as np

from nnsim.engine.activations import get_activation
from nnsim.lessons.building import chain, draw_rounded, layer, new_doc, pos
from nnsim.lessons.result import LessonResult, fmt, new_result
from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument
from nnsim.model.session import Session


# --------------------------------------------------------------------------- documents
def bp_variants() -> NetworkDocument:
    """COURSE §7: standard vs accumulated vs mini-batch BP on watermelon 3.0α."""
    doc = new_doc(
        "bp-variants",
        title_zh="标准 BP、累积 BP 与小批量",
        title_en="Standard vs accumulated BP vs mini-batch",
        goal_zh="从同一组初始权重出发，比较三种更新方式在西瓜数据集 3.0α 上的误差下降。",
        goal_en="From the same initial weights, compare how the three update rules lower the "
        "error on watermelon 3.0α.",
        notes_zh=(
            "标准 BP 每个样本更新一次（随机梯度下降），更新频繁，不同样本的更新可能相互抵消；"
            "累积 BP 最小化 E = (1/m) Σ E_k，每遍历一次数据才更新一次；小批量每 n ≪ m 个样本更新一次。"
            "把规则换成 standard、accumulated 或 minibatch 再训练，观察误差曲线与决策边界（对照西瓜书图 5.9）。"
        ),
        notes_en=(
            "Standard BP updates after every sample (stochastic gradient descent): frequent updates "
            "that can cancel out. Accumulated BP minimises E = (1/m) Σ E_k with one update per pass. "
            "Mini-batch updates every n ≪ m samples. Switch the rule and train again; watch the error "
            "curve and the decision boundary (the book's Fig. 5.9)."
        ),
    )
    chain(
        doc,
        layer("input", 2, label="密度, 含糖率 density, sugar"),
        layer("dense", 5, label="隐层 hidden"),
        layer("dense", 1, label="好瓜 good melon"),
    )
    doc.update_settings(
        dataset="watermelon",
        rule="standard",
        lr=1.0,
        batch_size=4,
        epochs=200,
        seed=7,
        init="uniform01",
    )
    draw_rounded(doc, "uniform01", seed=7)
    return doc


def learning_rate() -> NetworkDocument:
    """COURSE §7: one network trained with η from 0.001 to 10 side by side."""
    doc = new_doc(
        "learning-rate",
        title_zh="学习率：太小、合适、太大",
        title_en="Learning rate: too small, right, too large",
        goal_zh="同一个网络、同一组初始权重，学习率从 0.001 到 10（对数刻度）并排训练："
        "太小几乎不动，合适的很快收敛，太大的发散。",
        goal_en="One network, the same initial weights, η from 0.001 to 10 on a log scale "
        "trained side by side: too small barely moves, a good one converges fast, too large "
        "diverges.",
        notes_zh=(
            "梯度下降 w ← w − η ∂E/∂w。η 太小，每步几乎不动；η 合适，误差很快下降；η 太大，"
            "每一步都越过谷底，误差和权重越来越大，直到变成 inf 或 NaN——nnsim 会停下这次训练，"
            "恢复最后一组有限的权重，并标记为“发散”。用“比较”视图同时看所有学习率的误差曲线。"
        ),
        notes_en=(
            "Gradient descent w ← w − η ∂E/∂w. With η too small each step barely moves; with a "
            "good η the error falls fast; with η too large every step overshoots the valley and "
            "the error and the weights grow until they become inf or NaN — nnsim stops that run, "
            "restores its last finite weights and marks it diverged. The Compare view shows the "
            "error curves of all rates at once."
        ),
    )
    chain(
        doc,
        layer("input", 2, label="x1, x2"),
        layer("dense", 4, activation="tanh", label="隐层 hidden"),
        layer("dense", 1, activation="identity", label="y"),
    )
    doc.update_settings(
        dataset="reg_plane",
        dataset_params={"n_points": 200, "noise": 0, "train_fraction": 0.5, "seed": 0},
        rule="minibatch",
        batch_size=10,
        lr=0.03,
        epochs=100,
        seed=1,
        init="xavier",
    )
    draw_rounded(doc, "xavier", seed=1)
    return doc


def overfitting() -> NetworkDocument:
    """COURSE §8: training error falls while test error rises; early stopping and L2."""
    doc = new_doc(
        "overfitting",
        title_zh="过拟合：早停与正则化",
        title_en="Overfitting: early stopping and regularisation",
        goal_zh="训练误差一直下降而测试误差回升；用早停或 L2 正则化缓解。",
        goal_en="Training error keeps falling while test error rises; early stopping or L2 "
        "regularisation cure it.",
        notes_zh=(
            "数据很少且噪声很大，网络却很大。看训练误差与验证（测试）误差两条曲线。"
            "打开早停：验证误差若干轮不再下降就停止，并回到最好的一轮。"
            "或者打开 L2 正则化：在误差上加 λ·Σ w²（权重与阈值）。隐层大小靠试错确定。"
        ),
        notes_en=(
            "Few, noisy samples and a big network. Watch the training and validation (test) error "
            "curves. Turn on early stopping: training stops when the validation error has not "
            "improved for a while and goes back to the best epoch. Or turn on L2: add λ·Σ w² of the "
            "weights and thresholds to the error. The hidden-layer size is found by trial and error."
        ),
    )
    chain(
        doc,
        layer("input", 2, label="x"),
        layer("dense", 16, activation="tanh", label="隐层 1 hidden 1"),
        layer("dense", 16, activation="tanh", label="隐层 2 hidden 2"),
        layer("dense", 1, activation="sigmoid", label="y"),
    )
    doc.update_settings(
        dataset="gauss",
        dataset_params={"n_points": 60, "noise": 50, "train_fraction": 0.5, "seed": 2},
        rule="minibatch",
        batch_size=10,
        lr=0.3,
        optimizer="sgd",
        epochs=600,
        patience=40,
        seed=4,
        init="xavier",
        reg_lambda=0.003,
    )
    draw_rounded(doc, "xavier", seed=4)
    return doc


#: The activation gallery's hidden neurons, one activation each.
GALLERY = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "identity", "step")


def activation_gallery() -> NetworkDocument:
    """COURSE §9: one neuron per activation function, plus a maxout unit."""
    doc = new_doc(
        "activation-gallery",
        title_zh="激活函数一览",
        title_en="Activation function gallery",
        goal_zh="每个隐层神经元用一种激活函数：比较函数图像与导数，以及 Maxout。",
        goal_en="One hidden neuron per activation function: compare their graphs and derivatives, "
        "and Maxout.",
        notes_zh=(
            "Sigmoid、tanh、ReLU max(0,x)、Leaky ReLU max(0.1x, x)、ELU（x ≥ 0 时为 x，否则 α(eˣ − 1)）、"
            "Softplus log(1 + eˣ)（ReLU 的光滑版本；ReLU 的激活是稀疏的）、恒等、阶跃。"
            "Maxout 取 max(w₁ᵀx + b₁, w₂ᵀx + b₂)，这里的两段为 x 与 −x，即 |x|。"
            "每个神经元的输入权重为 1、偏置为 0，所以它的输出就是 f(x)。"
        ),
        notes_en=(
            "Sigmoid, tanh, ReLU max(0,x), Leaky ReLU max(0.1x, x), ELU (x if x ≥ 0 else α(eˣ − 1)), "
            "Softplus log(1 + eˣ) (ReLU's smooth twin; ReLU gives sparse activations), identity, "
            "step. Maxout takes max(w₁ᵀx + b₁, w₂ᵀx + b₂); its two pieces here are x and −x, i.e. |x|. "
            "Each neuron's input weight is 1 and its bias 0, so it outputs f(x)."
        ),
    )
    x = doc.add_layer("input", 1, position=pos(0), label="x", neuron_labels=["x"])
    g = doc.add_layer(
        "dense", len(GALLERY), use_bias=False, position=pos(1, -60), label="激活函数 activations"
    )
    for j, act in enumerate(GALLERY):
        doc.set_activation(g, act, j)
    doc.set_neuron_labels(g, list(GALLERY))
    m = doc.add_layer("maxout", 1, params={"pieces": 2}, position=pos(1, 200), label="Maxout")
    y = doc.add_layer("dense", 1, activation="identity", use_bias=False, position=pos(2), label="y")
    doc.connect(x, g, weights=np.ones((1, len(GALLERY))))
    doc.connect(x, m, weights=[[[1.0, -1.0]]])
    doc.connect(g, y, weights=np.full((len(GALLERY), 1), 1.0 / (len(GALLERY) + 1)))
    doc.connect(m, y, weights=[[1.0 / (len(GALLERY) + 1)]])
    # A 1-D regression to train on: y = |x| (the maxout unit alone can fit it exactly).
    xs = np.linspace(-2.0, 2.0, 9)
    doc.update_settings(
        targets=[{"x": [float(v)], "y": [float(abs(v))]} for v in xs],
        dataset="custom",
        rule="accumulated",
        lr=0.1,
        epochs=100,
    )
    return doc


def playground_circle() -> NetworkDocument:
    """TensorFlow Playground's default: circle, 2-4-2-1 tanh, lr 0.03, batch 10."""
    doc = new_doc(
        "playground-circle",
        title_zh="TensorFlow Playground：圆形数据",
        title_en="TensorFlow Playground: circle",
        goal_zh="复现 Playground 的默认设置：圆形数据，2-4-2-1 的 tanh 网络，学习率 0.03，批大小 10。",
        goal_en="Playground's default set-up: the circle data, a 2-4-2-1 tanh network, learning "
        "rate 0.03, batch size 10.",
        notes_zh=(
            "权重按 Playground 的方式初始化为 (−0.5, 0.5) 内的随机数。Playground 的标签是 ±1、"
            "输出单元用 tanh；nnsim 的标签是 0/1，所以输出单元用 Sigmoid。观察决策边界如何形成。"
        ),
        notes_en=(
            "Weights start uniform in (−0.5, 0.5) as in Playground. Playground labels are ±1 with a "
            "tanh output; nnsim's are 0/1, so the output unit is a sigmoid. Watch the decision "
            "boundary form."
        ),
    )
    chain(
        doc,
        layer("input", 2, label="x1, x2"),
        layer("dense", 4, activation="tanh", label="隐层 1 hidden 1"),
        layer("dense", 2, activation="tanh", label="隐层 2 hidden 2"),
        layer("dense", 1, activation="sigmoid", label="y"),
    )
    doc.update_settings(
        dataset="circle",
        dataset_params={"n_points": 500, "noise": 0, "train_fraction": 0.5, "seed": 0},
        rule="minibatch",
        batch_size=10,
        lr=0.03,
        epochs=200,
        seed=0,
        init="playground",
    )
    draw_rounded(doc, "playground", seed=0)
    return doc


# --------------------------------------------------------------------------- outcomes
def bp_variants_outcome(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = new_result(doc, "bp-variants")
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
            f"{rule:11s}: {v['updates']:5d} updates in {epochs} epochs, error {fmt(v['loss_start'], 4)} → "
            f"{fmt(v['loss'], 4)}, accuracy {v['accuracy']:.0%}",
            f"{names_zh[rule]}：{epochs} 轮共更新 {v['updates']} 次，误差 {fmt(v['loss_start'], 4)} → "
            f"{fmt(v['loss'], 4)}，正确率 {v['accuracy']:.0%}",
        )
    r.add(
        "standard BP updates after every sample (17 per epoch) and gets further per epoch; "
        "accumulated BP makes one update per pass",
        "标准 BP 每个样本更新一次（每轮 17 次），每轮进展更多；累积 BP 每遍历一次数据才更新一次",
    )
    return r


def learning_rate_outcome(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    """η from 0.001 to 10 side by side: the lesson's comparison (``comparisons.py``)."""
    from nnsim.lessons.comparisons import run_comparison  # it imports this module

    return run_comparison("learning-rate", epochs=epochs)


# --------------------------------------------------------------------------- §8
def overfitting_outcome(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = new_result(doc, "overfitting")
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
        f"no cure: training error {fmt(p['train_start'], 3)} → {fmt(p['train_end'], 3)}, but the "
        f"validation error is lowest at epoch {p['best_epoch']} ({fmt(p['val_best'], 3)}) and ends at "
        f"{fmt(p['val_end'], 3)}; validation accuracy {p['val_accuracy']:.0%}",
        f"不处理：训练误差 {fmt(p['train_start'], 3)} → {fmt(p['train_end'], 3)}，验证误差却在第 "
        f"{p['best_epoch']} 轮最低（{fmt(p['val_best'], 3)}），最后升到 {fmt(p['val_end'], 3)}；"
        f"验证正确率 {p['val_accuracy']:.0%}",
    )
    r.add(
        f"early stopping: stopped at epoch {e['epochs']}, back to epoch {e['best_epoch']}: validation "
        f"error {fmt(e['val_final'], 3)}, accuracy {e['val_accuracy']:.0%}",
        f"早停：在第 {e['epochs']} 轮停止，回到第 {e['best_epoch']} 轮：验证误差 {fmt(e['val_final'], 3)}，"
        f"正确率 {e['val_accuracy']:.0%}",
    )
    lam = doc.settings.reg_lambda
    r.add(
        f"L2 (λ = {lam:g}): validation error at the end {fmt(l2['val_final'], 3)}, accuracy "
        f"{l2['val_accuracy']:.0%}",
        f"L2 正则化（λ = {lam:g}）：最后的验证误差 {fmt(l2['val_final'], 3)}，正确率 {l2['val_accuracy']:.0%}",
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


def activation_gallery_outcome(doc: NetworkDocument) -> LessonResult:
    r = new_result(doc, "activation-gallery")
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
            f"{name:10s} f = {fmt(vals, 4)}   f′ = {fmt(d, 4)}",
            f"{name:10s} f = {fmt(vals, 4)}   f′ = {fmt(d, 4)}",
        )
    ok &= bool(np.allclose(maxout, np.abs(xs)))
    table["maxout"] = {"f": maxout.tolist()}
    r.add(
        f"{'maxout':10s} f = {fmt(maxout, 4)}   (max(x, −x) = |x|)",
        f"{'maxout':10s} f = {fmt(maxout, 4)}   （max(x, −x) = |x|）",
    )
    r.lines_en.insert(0, f"x = {fmt(xs)}")
    r.lines_zh.insert(0, f"x = {fmt(xs)}")
    r.values = table
    r.ok = ok
    return r


def playground_circle_outcome(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = new_result(doc, "playground-circle")
    epochs = doc.settings.epochs if epochs is None else int(epochs)
    s = Session(doc)
    start = s.evaluate()
    s.train_epochs(epochs)
    ev = s.evaluate()
    r.values = {"start": start, "end": ev, "epochs": epochs}
    r.ok = ev["val_accuracy"] >= 0.95 and ev["loss"] < start["loss"] / 4
    r.add(
        f"{epochs} epochs of mini-batch SGD (batch 10, η = 0.03): training error "
        f"{fmt(start['loss'], 3)} → {fmt(ev['loss'], 3)}, test accuracy {start['val_accuracy']:.0%} → "
        f"{ev['val_accuracy']:.0%}",
        f"小批量 SGD（批大小 10，η = 0.03）训练 {epochs} 轮：训练误差 {fmt(start['loss'], 3)} → "
        f"{fmt(ev['loss'], 3)}，测试正确率 {start['val_accuracy']:.0%} → {ev['val_accuracy']:.0%}",
    )
    return r
