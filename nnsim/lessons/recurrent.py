"""The lesson on recurrent networks (COURSE §12): an Elman RNN and its input and output shapes."""

from __future__ import annotations

from nnsim.lessons.building import chain, draw_rounded, layer, new_doc
from nnsim.lessons.result import LessonResult, new_result
from nnsim.model.document import NetworkDocument
from nnsim.model.session import Session


# --------------------------------------------------------------------------- documents
def rnn_shapes() -> NetworkDocument:
    """COURSE §12: an Elman RNN, many-to-one, classifying rising and falling sequences."""
    doc = new_doc(
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
        notation="generic",
    )
    chain(
        doc,
        layer("input", shape=(10, 1), label="x₁ … x₁₀"),
        layer(
            "rnn", params={"hidden": 8, "mode": "many-to-one", "activation": "tanh"}, label="RNN"
        ),
        layer("dense", 1, activation="sigmoid", label="上升? rising?"),
    )
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
    draw_rounded(doc, "xavier", seed=0)
    return doc


# --------------------------------------------------------------------------- outcomes


# --------------------------------------------------------------------------- §12
def rnn_shapes_outcome(doc: NetworkDocument, epochs: int | None = None) -> LessonResult:
    r = new_result(doc, "rnn-shapes")
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
