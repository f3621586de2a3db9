"""Build the lesson files in resources/lessons/ from code, so they stay consistent.

Run ``python -m nnsim.lessons.build`` after changing a lesson here and commit the files it
writes. Each lesson is a normal .nnsim document whose meta holds its bilingual title, goal
and notes; initial weights are drawn from the lesson's seed and rounded to 4 decimals so
the files stay readable (the rounded numbers are the lesson's weights).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from nnsim.lessons import watermelon_csv
from nnsim.model.compile import compile_document, pull_weights
from nnsim.model.document import NetworkDocument
from nnsim.model.fileformat import dumps

#: Horizontal distance between layers on the canvas (scene units).
DX = 220.0
#: Names of the MNIST networks' outputs: output k scores the digit k.
DIGITS = [str(k) for k in range(10)]


def _doc(name: str, **meta) -> NetworkDocument:
    doc = NetworkDocument()
    doc.update_meta(lesson=name, **meta)
    return doc


def _draw_weights(doc: NetworkDocument, scheme: str, seed: int, digits: int = 4) -> None:
    """Initial weights drawn by ``scheme`` from ``seed``, rounded for a readable file."""
    comp = compile_document(doc, cache=False)
    comp.network.init_weights(scheme, seed=seed)
    pull_weights(doc, comp)
    doc.set_all_weights(
        {k: np.round(v.weights, digits) for k, v in doc.links.items()},
        {k: np.round(v.biases, digits) for k, v in doc.layers.items() if v.biases.size},
        {(k, n): np.round(a, digits) for k, v in doc.layers.items() for n, a in v.arrays.items()},
    )


def _pos(k: int, y: float = 0.0) -> tuple[float, float]:
    return (k * DX, y)


# --------------------------------------------------------------------------- lessons
def mp_neuron() -> NetworkDocument:
    """COURSE §1: one M-P neuron with weights 1, 1 and threshold θ = 1.5 computes AND."""
    doc = _doc(
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
    x = doc.add_layer("input", 2, position=_pos(0), label="输入 inputs")
    y = doc.add_layer("dense", 1, activation="step", position=_pos(1), label="M-P")
    doc.connect(x, y, weights=[[1.0], [1.0]])
    doc.set_biases(y, [-1.5])
    doc.update_settings(dataset="and", rule="perceptron", lr=1.0, epochs=10)
    return doc


def _perceptron(name, gate, title_zh, title_en, goal_zh, goal_en, notes_zh, notes_en):
    doc = _doc(
        name,
        title_zh=title_zh,
        title_en=title_en,
        goal_zh=goal_zh,
        goal_en=goal_en,
        notes_zh=notes_zh,
        notes_en=notes_en,
    )
    x = doc.add_layer("input", 2, position=_pos(0), label="输入 inputs")
    y = doc.add_layer("dense", 1, activation="step", position=_pos(1), label="感知机 perceptron")
    doc.connect(x, y)
    doc.update_settings(dataset=gate, rule="perceptron", lr=0.1, epochs=100, seed=1)
    _draw_weights(doc, "uniform01", seed=1)
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
    doc = _doc(
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
    x = doc.add_layer("input", 2, position=_pos(0), label="x")
    h = doc.add_layer("dense", 2, activation="relu", position=_pos(1), label="h")
    y = doc.add_layer("dense", 1, activation="identity", position=_pos(2), label="y")
    doc.connect(x, h, weights=[[1.0, 1.0], [1.0, 1.0]])
    doc.connect(h, y, weights=[[1.0], [-2.0]])
    doc.set_biases(h, [0.0, -1.0])
    doc.set_biases(y, [-0.5])
    doc.update_settings(dataset="xor", rule="standard", lr=0.1, epochs=100)
    return doc


def bp_worked_example() -> NetworkDocument:
    """COURSE §6: the worked BP example, exact weights, η = 1, target 0.5, no thresholds."""
    doc = _doc(
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
    x = doc.add_layer("input", 2, position=_pos(0), label="输入 inputs", neuron_labels=["A", "B"])
    h = doc.add_layer("dense", 2, use_bias=False, position=_pos(1), label="隐层 hidden")
    y = doc.add_layer("dense", 1, use_bias=False, position=_pos(2), label="输出 output")
    doc.connect(x, h, weights=[[0.1, 0.4], [0.8, 0.6]])
    doc.connect(h, y, weights=[[0.3], [0.9]])
    doc.update_settings(
        targets=[{"x": [0.35, 0.9], "y": [0.5]}],
        rule="standard",
        lr=1.0,
        epochs=1,
        dataset="custom",
    )
    return doc


def bp_variants() -> NetworkDocument:
    """COURSE §7: standard vs accumulated vs mini-batch BP on watermelon 3.0α."""
    doc = _doc(
        "bp-variants",
        view="compare",  # the lesson is its comparison (nnsim.lessons.comparisons)
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
    x = doc.add_layer("input", 2, position=_pos(0), label="密度, 含糖率 density, sugar")
    h = doc.add_layer("dense", 5, position=_pos(1), label="隐层 hidden")
    y = doc.add_layer("dense", 1, position=_pos(2), label="好瓜 good melon")
    doc.connect(x, h)
    doc.connect(h, y)
    doc.update_settings(
        dataset="watermelon",
        rule="standard",
        lr=1.0,
        batch_size=4,
        epochs=200,
        seed=7,
        init="uniform01",
    )
    _draw_weights(doc, "uniform01", seed=7)
    return doc


def learning_rate() -> NetworkDocument:
    """COURSE §7: one network trained with η from 0.001 to 10 side by side."""
    doc = _doc(
        "learning-rate",
        view="compare",  # the lesson is its comparison (nnsim.lessons.comparisons)
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
    x = doc.add_layer("input", 2, position=_pos(0), label="x1, x2")
    h = doc.add_layer("dense", 4, activation="tanh", position=_pos(1), label="隐层 hidden")
    y = doc.add_layer("dense", 1, activation="identity", position=_pos(2), label="y")
    doc.connect(x, h)
    doc.connect(h, y)
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
    _draw_weights(doc, "xavier", seed=1)
    return doc


def overfitting() -> NetworkDocument:
    """COURSE §8: training error falls while test error rises; early stopping and L2."""
    doc = _doc(
        "overfitting",
        view="compare",  # the lesson is its comparison (nnsim.lessons.comparisons)
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
    x = doc.add_layer("input", 2, position=_pos(0), label="x")
    h1 = doc.add_layer("dense", 16, activation="tanh", position=_pos(1), label="隐层 1 hidden 1")
    h2 = doc.add_layer("dense", 16, activation="tanh", position=_pos(2), label="隐层 2 hidden 2")
    y = doc.add_layer("dense", 1, activation="sigmoid", position=_pos(3), label="y")
    doc.connect(x, h1)
    doc.connect(h1, h2)
    doc.connect(h2, y)
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
    _draw_weights(doc, "xavier", seed=4)
    return doc


#: The activation gallery's hidden neurons, one activation each.
GALLERY = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "identity", "step")


def activation_gallery() -> NetworkDocument:
    """COURSE §9: one neuron per activation function, plus a maxout unit."""
    doc = _doc(
        "activation-gallery",
        view="compare",  # the lesson is its comparison (nnsim.lessons.comparisons)
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
    x = doc.add_layer("input", 1, position=_pos(0), label="x", neuron_labels=["x"])
    g = doc.add_layer(
        "dense", len(GALLERY), use_bias=False, position=_pos(1, -60), label="激活函数 activations"
    )
    for j, act in enumerate(GALLERY):
        doc.set_activation(g, act, j)
    doc.set_neuron_labels(g, list(GALLERY))
    m = doc.add_layer("maxout", 1, params={"pieces": 2}, position=_pos(1, 200), label="Maxout")
    y = doc.add_layer(
        "dense", 1, activation="identity", use_bias=False, position=_pos(2), label="y"
    )
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


def softmax_overflow() -> NetworkDocument:
    """COURSE §13a/b: softmax and log-sum-exp overflow, and their stable forms."""
    doc = _doc(
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
    x = doc.add_layer("input", 3, position=_pos(0), label="x")
    y = doc.add_layer(
        "dense", 3, activation="identity", use_bias=False, position=_pos(1), label="logits"
    )
    doc.connect(x, y, weights=np.eye(3))
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


def playground_circle() -> NetworkDocument:
    """TensorFlow Playground's default: circle, 2-4-2-1 tanh, lr 0.03, batch 10."""
    doc = _doc(
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
    x = doc.add_layer("input", 2, position=_pos(0), label="x1, x2")
    h1 = doc.add_layer("dense", 4, activation="tanh", position=_pos(1), label="隐层 1 hidden 1")
    h2 = doc.add_layer("dense", 2, activation="tanh", position=_pos(2), label="隐层 2 hidden 2")
    y = doc.add_layer("dense", 1, activation="sigmoid", position=_pos(3), label="y")
    doc.connect(x, h1)
    doc.connect(h1, h2)
    doc.connect(h2, y)
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
    _draw_weights(doc, "playground", seed=0)
    return doc


def relu_homework() -> NetworkDocument:
    """COURSE §13c: one BP update by hand with ReLU units, squared loss, η = 1, x = (0.2, 0.3)."""
    doc = _doc(
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
    x = doc.add_layer("input", 2, position=_pos(0), label="x")
    h = doc.add_layer("dense", 2, activation="relu", position=_pos(1), label="隐层 hidden")
    y = doc.add_layer("dense", 1, activation="relu", position=_pos(2), label="ŷ")
    doc.connect(x, h, weights=[[0.5, -0.2], [0.4, 0.6]])
    doc.connect(h, y, weights=[[0.7], [0.3]])
    doc.set_biases(h, [0.1, 0.1])
    doc.set_biases(y, [0.1])
    doc.update_settings(
        targets=[{"x": [0.2, 0.3], "y": [0.5]}], rule="standard", lr=1.0, epochs=1, dataset="custom"
    )
    return doc


def convolution_pooling() -> NetworkDocument:
    """COURSE §11: output size (N − F)/S + 1 of a 3×3 kernel on a 7×7 input; pooling."""
    doc = _doc(
        "convolution-pooling",
        title_zh="卷积与池化",
        title_en="Convolution and pooling",
        goal_zh="7×7 输入、3×3 卷积核：步长 1 得 5×5，步长 2 得 3×3，步长 3 时 (7 − 3)/3 + 1 = 2.33 放不下。",
        goal_en="A 3×3 kernel on a 7×7 input: stride 1 gives 5×5, stride 2 gives 3×3, and at "
        "stride 3 (7 − 3)/3 + 1 = 2.33: it does not fit.",
        notes_zh=(
            "输出尺寸 (N − F)/S + 1。卷积层实际计算的是互相关 S(i,j) = Σ_m Σ_n I(i + m, j + n) K(m, n)；"
            "真正的卷积要把卷积核翻转。池化：2×2 窗口、步长 2，作用在 [[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]] 上，"
            "最大池化得 [[6,8],[3,4]]，平均池化得 [[3.25,5.25],[2,2]]。改一改步长，看形状如何变化。"
        ),
        notes_en=(
            "Output size (N − F)/S + 1. CNN layers compute the cross-correlation "
            "S(i,j) = Σ_m Σ_n I(i + m, j + n) K(m, n); a true convolution flips the kernel. Pooling with "
            "a 2×2 window and stride 2 on [[1,1,2,4],[5,6,7,8],[3,2,1,0],[1,2,3,4]]: max gives "
            "[[6,8],[3,4]], average [[3.25,5.25],[2,2]]. Change the stride and watch the shapes."
        ),
        view="cnn",
        notation="generic",
    )
    x = doc.add_layer("input", shape=(1, 7, 7), position=_pos(0), label="7×7")
    c = doc.add_layer(
        "conv2d",
        params={"filters": 1, "kernel": 3, "stride": 2, "padding": 0, "activation": "relu"},
        position=_pos(1),
        label="卷积 conv 3×3",
    )
    f = doc.add_layer("flatten", position=_pos(2), label="展平 flatten")
    y = doc.add_layer("dense", 1, activation="sigmoid", position=_pos(3), label="y")
    doc.connect(x, c)
    doc.connect(c, f)
    doc.connect(f, y)
    # A "7" drawn in a 7×7 image; the network learns to answer 1 for it.
    seven = np.zeros((7, 7))
    seven[1, 1:6] = 1.0
    seven[np.arange(2, 6), 5 - np.arange(4) // 2] = 1.0
    doc.update_settings(
        targets=[{"x": seven.ravel().tolist(), "y": [1.0]}],
        dataset="custom",
        rule="standard",
        lr=0.5,
        epochs=20,
        seed=0,
        init="he",
    )
    _draw_weights(doc, "he", seed=0)
    return doc


def _train_on_mnist_subset(doc: NetworkDocument, *, lr: float, epochs: int) -> None:
    """Settings both MNIST lessons share: a 6000/1000 subset (live in class), softmax
    cross-entropy, mini-batches of 32, He initialisation drawn from seed 0."""
    doc.update_settings(
        dataset="mnist",
        dataset_params={"subset": [6000, 1000], "seed": 0},
        loss="softmax_cross_entropy",
        rule="minibatch",
        batch_size=32,
        lr=lr,
        epochs=epochs,
        seed=0,
        init="he",
    )
    _draw_weights(doc, "he", seed=0)


def mnist_mlp() -> NetworkDocument:
    """COURSE §11: a multi-layer perceptron on MNIST."""
    doc = _doc(
        "mnist-mlp",
        title_zh="MNIST：多层感知机",
        title_en="MNIST with a multi-layer perceptron",
        goal_zh="784-32-10 的全连接网络识别手写数字；看看被分错的样本。",
        goal_en="A 784-32-10 fully connected network reads handwritten digits; look at the "
        "misclassified ones.",
        notes_zh=(
            "MNIST：60,000 张训练图、10,000 张测试图，每张 28×28。为了课堂上跑得快，这里用 6000 张"
            "训练图、1000 张测试图的子集，训练 3 轮。输出层是 10 个 logits，接 softmax 交叉熵。"
        ),
        notes_en=(
            "MNIST: 60,000 training and 10,000 test images of 28×28. To run quickly in class this "
            "lesson trains 3 epochs on a subset of 6000 training and 1000 test images. The output is 10 logits "
            "with the softmax cross-entropy."
        ),
        notation="generic",
    )
    x = doc.add_layer("input", 784, position=_pos(0), label="28×28")
    h = doc.add_layer("dense", 32, activation="relu", position=_pos(1), label="隐层 hidden")
    y = doc.add_layer(
        "dense", 10, activation="identity", position=_pos(2), label="0–9", neuron_labels=DIGITS
    )
    doc.connect(x, h)
    doc.connect(h, y)
    _train_on_mnist_subset(doc, lr=0.1, epochs=3)
    return doc


def mnist_cnn() -> NetworkDocument:
    """COURSE §11: a small convolutional network on MNIST."""
    doc = _doc(
        "mnist-cnn",
        title_zh="MNIST：卷积神经网络",
        title_en="MNIST with a convolutional network",
        goal_zh="卷积（8 个 3×3 卷积核）→ 2×2 最大池化 → 全连接，识别手写数字。",
        goal_en="Convolution (eight 3×3 kernels) → 2×2 max pooling → a dense layer reads "
        "handwritten digits.",
        notes_zh=(
            "形状：1×28×28 → 8×26×26 → 8×13×13 → 1352 → 10。卷积核共享权重，参数比全连接少得多。"
            "这里用 6000 张训练图、1000 张测试图的子集。"
        ),
        notes_en=(
            "Shapes: 1×28×28 → 8×26×26 → 8×13×13 → 1352 → 10. The kernels share their weights: far "
            "fewer parameters than a dense layer. The lesson uses a subset of 6000 training and 1000 "
            "test images."
        ),
        view="cnn",
        notation="generic",
    )
    x = doc.add_layer("input", shape=(1, 28, 28), position=_pos(0), label="28×28")
    c = doc.add_layer(
        "conv2d",
        params={"filters": 8, "kernel": 3, "stride": 1, "padding": 0, "activation": "relu"},
        position=_pos(1),
        label="卷积 conv",
    )
    p = doc.add_layer(
        "maxpool", params={"window": 2, "stride": 2}, position=_pos(2), label="池化 pool"
    )
    f = doc.add_layer("flatten", position=_pos(3), label="展平 flatten")
    y = doc.add_layer(
        "dense", 10, activation="identity", position=_pos(4), label="0–9", neuron_labels=DIGITS
    )
    doc.connect(x, c)
    doc.connect(c, p)
    doc.connect(p, f)
    doc.connect(f, y)
    _train_on_mnist_subset(doc, lr=0.05, epochs=2)
    return doc


def rnn_shapes() -> NetworkDocument:
    """COURSE §12: an Elman RNN, many-to-one, classifying rising and falling sequences."""
    doc = _doc(
        "rnn-shapes",
        title_zh="循环神经网络的输入输出形状",
        title_en="RNN shapes",
        goal_zh="h_t = f_W(h_{t−1}, x_t)：同一组权重用于每个时间步。多对一：判断一段序列是上升还是下降。",
        goal_en="h_t = f_W(h_{t−1}, x_t), the same weights at every step. Many-to-one: tell a "
        "rising sequence from a falling one.",
        notes_zh=(
            "把 RNN 的模式改成 many-to-many（多对多，如视频逐帧标注）或 one-to-many（一对多，如看图说话），"
            "观察输出形状：多对一 (T, d) → (H,)，多对多 (T, d) → (T, H)，一对多 (d,) → (T, H)。"
        ),
        notes_en=(
            "Switch the RNN's mode to many-to-many (sentence → sentence, video frames → labels) or "
            "one-to-many (image → caption) and watch the output shape: many-to-one (T, d) → (H,), "
            "many-to-many (T, d) → (T, H), one-to-many (d,) → (T, H)."
        ),
        view="rnn",
        notation="generic",
    )
    x = doc.add_layer("input", shape=(10, 1), position=_pos(0), label="x_1 … x_10")
    r = doc.add_layer(
        "rnn",
        params={"hidden": 8, "mode": "many-to-one", "activation": "tanh"},
        position=_pos(1),
        label="RNN",
    )
    y = doc.add_layer("dense", 1, activation="sigmoid", position=_pos(2), label="上升? rising?")
    doc.connect(x, r)
    doc.connect(r, y)
    doc.update_settings(
        dataset="rise_fall",
        dataset_params={"n_sequences": 200, "seq_len": 10, "noise": 0.1, "seed": 0},
        rule="minibatch",
        batch_size=10,
        lr=0.3,
        epochs=10,
        seed=0,
        init="xavier",
    )
    _draw_weights(doc, "xavier", seed=0)
    return doc


#: name → builder, in lecture order (the registry lists lessons in this order).
BUILDERS = {
    "mp-neuron": mp_neuron,
    "perceptron-and-or-not": perceptron_and_or_not,
    "perceptron-xor": perceptron_xor,
    "xor-two-layer": xor_two_layer,
    "bp-worked-example": bp_worked_example,
    "bp-variants": bp_variants,
    "learning-rate": learning_rate,
    "watermelon-3.0": watermelon_csv.watermelon_3_0,
    "watermelon-alpha-csv": watermelon_csv.watermelon_alpha_csv,
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


def build(name: str) -> NetworkDocument:
    """The document of lesson ``name``, built from code."""
    return BUILDERS[name]()


def main(argv=None) -> int:
    """Write every lesson file (or the named ones) into ``--out`` (resources/lessons)."""
    here = Path(__file__).resolve().parents[2] / "resources" / "lessons"
    p = argparse.ArgumentParser(description="Write the lesson files")
    p.add_argument("names", nargs="*", help="lessons to build (default: all)")
    p.add_argument("--out", default=str(here), help="folder to write into")
    p.add_argument("--check", action="store_true", help="only report files that differ")
    args = p.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    differ = []
    for name in args.names or list(BUILDERS):
        if name not in BUILDERS:
            print(f"unknown lesson {name!r}", file=sys.stderr)
            return 2
        text = dumps(build(name))
        path = out / f"{name}.nnsim"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(name)
            continue
        path.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {path}")
    if args.check and differ:
        print("out of date: " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
