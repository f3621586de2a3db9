"""Lessons on images (COURSE §11): convolution and pooling shapes, MNIST with an MLP and a CNN."""

from __future__ import annotations

import numpy as np

from nnsim.lessons.building import DIGITS, chain, draw_rounded, layer, new_doc
from nnsim.lessons.result import LessonResult, fmt, new_result
from nnsim.model.compile import compile_document
from nnsim.model.document import NetworkDocument
from nnsim.model.session import Session


# --------------------------------------------------------------------------- documents
def convolution_pooling() -> NetworkDocument:
    """COURSE §11: output size (N − F)/S + 1 of a 3×3 kernel on a 7×7 input; pooling."""
    doc = new_doc(
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
        notation="generic",
    )
    chain(
        doc,
        layer("input", shape=(1, 7, 7), label="7×7"),
        layer(
            "conv2d",
            params={"filters": 1, "kernel": 3, "stride": 2, "padding": 0, "activation": "relu"},
            label="卷积 conv 3×3",
        ),
        layer("flatten", label="展平 flatten"),
        layer("dense", 1, activation="sigmoid", label="y"),
    )
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
    draw_rounded(doc, "he", seed=0)
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
    draw_rounded(doc, "he", seed=0)


def mnist_mlp() -> NetworkDocument:
    """COURSE §11: a multi-layer perceptron on MNIST."""
    doc = new_doc(
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
    chain(
        doc,
        layer("input", 784, label="28×28"),
        layer("dense", 32, activation="relu", label="隐层 hidden"),
        layer("dense", 10, activation="identity", label="0–9", neuron_labels=DIGITS),
    )
    _train_on_mnist_subset(doc, lr=0.1, epochs=3)
    return doc


def mnist_cnn() -> NetworkDocument:
    """COURSE §11: a small convolutional network on MNIST."""
    doc = new_doc(
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
        notation="generic",
    )
    chain(
        doc,
        layer("input", shape=(1, 28, 28), label="28×28"),
        layer(
            "conv2d",
            params={"filters": 8, "kernel": 3, "stride": 1, "padding": 0, "activation": "relu"},
            label="卷积 conv",
        ),
        layer("maxpool", params={"window": 2, "stride": 2}, label="池化 pool"),
        layer("flatten", label="展平 flatten"),
        layer("dense", 10, activation="identity", label="0–9", neuron_labels=DIGITS),
    )
    _train_on_mnist_subset(doc, lr=0.05, epochs=2)
    return doc


# --------------------------------------------------------------------------- outcomes
def convolution_pooling_outcome(doc: NetworkDocument) -> LessonResult:
    from nnsim.model.compile import CompileError

    r = new_result(doc, "convolution-pooling")
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
        f"training the conv net on its one image: error {fmt(before, 4)} → {fmt(after, 4)}",
        f"在这一张图上训练卷积网络：误差 {fmt(before, 4)} → {fmt(after, 4)}",
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
    r = new_result(doc, name)
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


def mnist_mlp_outcome(doc: NetworkDocument, epochs=None, subset=None) -> LessonResult:
    return _mnist(doc, "mnist-mlp", 0.85, epochs, subset)


def mnist_cnn_outcome(doc: NetworkDocument, epochs=None, subset=None) -> LessonResult:
    return _mnist(doc, "mnist-cnn", 0.85, epochs, subset)
