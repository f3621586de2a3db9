"""Two lessons on the book's watermelon tables read from CSV files (your own data, end to end).

``watermelon-3.0``: the full table 4.3 (six categorical attributes one-hot encoded,
density, sugar) trains a 19-5-1 network. ``watermelon-alpha-csv``: table 4.5's two
attributes from its CSV, drawn with the network's decision boundary. Both documents keep
their table inline, as any network trained on a CSV file does.
"""

from __future__ import annotations

import numpy as np

from nnsim.data import load_watermelon, read_table
from nnsim.lessons.building import chain, layer
from nnsim.model.datasection import CSV_DATASET, make_section
from nnsim.model.document import NetworkDocument
from nnsim.model.mlp import draw_weights
from nnsim.paths import resource

MELON3_CSV = ("datasets", "watermelon", "watermelon3.0.csv")
ALPHA_CSV = ("datasets", "watermelon", "watermelon3.0alpha.csv")
FEATURES_3_0 = ("色泽", "根蒂", "敲声", "纹理", "脐部", "触感", "密度", "含糖率")


def _network(name: str, csv: tuple, features, hidden: int, seed: int, **meta) -> NetworkDocument:
    doc = NetworkDocument()
    doc.update_meta(lesson=name, **meta)
    section = make_section(read_table(resource(*csv)), target="好瓜", features=list(features))
    names = section.encode().dataset.feature_names
    chain(
        doc,
        layer("input", len(names), label="x", neuron_labels=names),
        layer("dense", hidden, label="隐层 hidden"),
        layer("dense", 1, label="好瓜 good melon"),
    )
    doc.set_data(section)
    doc.update_settings(
        dataset=CSV_DATASET,
        dataset_params={"train_fraction": 1.0, "seed": 0},
        rule="standard",
        lr=1.0,
        init="uniform01",
        seed=seed,
    )
    draw_weights(doc)
    doc.set_all_weights(  # rounded: a readable file, as the other lessons
        {k: np.round(v.weights, 4) for k, v in doc.links.items()},
        {k: np.round(v.biases, 4) for k, v in doc.layers.items() if v.biases.size},
    )
    return doc


def watermelon_3_0() -> NetworkDocument:
    """The book's watermelon 3.0 table from its CSV: categorical attributes one-hot encoded."""
    doc = _network(
        "watermelon-3.0",
        MELON3_CSV,
        FEATURES_3_0,
        hidden=5,
        seed=7,
        title_zh="西瓜数据集 3.0：从 CSV 文件训练",
        title_en="Watermelon 3.0 from a CSV file",
        goal_zh="把西瓜书表 4.3 的 CSV 文件读进来：色泽、根蒂等六个离散属性各变成一组 one-hot 输入，"
        "加上密度和含糖率共 19 个输入，训练 19-5-1 网络把 17 个瓜全部分对。",
        goal_en="Read the book's table 4.3 from its CSV file: each of the six categorical "
        "attributes becomes a group of one-hot inputs, with density and sugar 19 inputs; train "
        "a 19-5-1 network until all 17 melons are classified right.",
        notes_zh=(
            "西瓜书 5.1 节：属性值之间没有序关系时，k 个取值转换为 k 维向量（如色泽 青绿、乌黑、浅白 → "
            "(1,0,0)、(0,1,0)、(0,0,1)）。编号一列只是行号，不作为输入。表格保存在本文件里，打开文件"
            "就带回了数据。自己的表格：训练面板的数据集列表里选 “CSV 文件…”。"
        ),
        notes_en=(
            "An attribute whose values have no order becomes a k-dimensional vector (色泽 青绿, 乌黑, "
            "浅白 → (1,0,0), (0,1,0), (0,0,1)). The 编号 column only numbers the rows and is left "
            "out. The table is kept in this file, so opening it brings the data back. Your own "
            "table: choose “CSV file…” in the training panel's data-set list."
        ),
    )
    doc.update_settings(epochs=200)
    return doc


def watermelon_alpha_csv() -> NetworkDocument:
    """Table 4.5 (watermelon 3.0α) from its CSV, with the network's decision boundary."""
    doc = _network(
        "watermelon-alpha-csv",
        ALPHA_CSV,
        ("密度", "含糖率"),
        hidden=5,
        seed=7,
        title_zh="西瓜数据集 3.0α：CSV 与决策边界",
        title_en="Watermelon 3.0α: a CSV file and the decision boundary",
        goal_zh="从 CSV 文件读入密度、含糖率两个属性，训练 2-5-1 网络，在平面上看决策边界如何把好瓜"
        "与坏瓜分开（所有 17 个瓜都分对）。",
        goal_en="Read density and sugar content from a CSV file, train a 2-5-1 network and watch "
        "in the plane how its decision boundary separates good from bad melons (all 17 right).",
        notes_zh=(
            "两个数值属性的数据就是平面上的点：横轴密度、纵轴含糖率，颜色是网络的输出。与西瓜书中二维"
            "西瓜数据的图对照；训练时决策边界从一条近似直线弯成能绕开 9、13、14、17 号坏瓜的曲线。"
        ),
        notes_en=(
            "Data with two numeric attributes is points in the plane: density across, sugar up, the "
            "colour is the network's output. Compare with the book's figures of the two-attribute "
            "watermelon data: while training, the boundary bends from a near straight line around "
            "the bad melons 9, 13, 14 and 17."
        ),
    )
    doc.update_settings(epochs=2000)
    return doc


# --------------------------------------------------------------------------- outcomes
def outcome_3_0(doc: NetworkDocument, epochs: int | None = None):
    """19 one-hot + numeric inputs from the CSV; training classifies all 17 melons."""
    from nnsim.lessons.result import LessonResult
    from nnsim.model.session import Session

    r = LessonResult("watermelon-3.0", True, title_en=doc.meta.title_en, title_zh=doc.meta.title_zh)
    s = Session(doc)
    ds = s.dataset
    alpha = load_watermelon()
    same_numbers = bool(np.array_equal(ds.x[:, -2:], alpha.x) and np.array_equal(ds.y, alpha.y))
    one_hot = bool((ds.x[:, :17].sum(axis=1) == 6).all())  # one value of each of six attributes
    s.train_epochs(doc.settings.epochs if epochs is None else int(epochs))
    ev = s.evaluate()
    r.values = {"inputs": ds.n_features, "loss": ev["loss"], "accuracy": ev["accuracy"]}
    r.ok = ds.n_features == 19 and same_numbers and one_hot and ev["accuracy"] == 1.0
    r.add(
        f"{len(ds)} melons, {ds.n_features} inputs: 17 one-hot (色泽 3, 根蒂 3, 敲声 3, 纹理 3, "
        f"脐部 3, 触感 2) + 密度 + 含糖率; density and sugar equal table 4.5's",
        f"{len(ds)} 个瓜，{ds.n_features} 个输入：17 个 one-hot（色泽 3、根蒂 3、敲声 3、纹理 3、"
        f"脐部 3、触感 2）+ 密度 + 含糖率；密度与含糖率与表 4.5 相同",
    )
    r.add(
        f"after {s.trainer.epoch} epochs: error {ev['loss']:.4g}, accuracy {ev['accuracy']:.0%}",
        f"训练 {s.trainer.epoch} 轮后：误差 {ev['loss']:.4g}，正确率 {ev['accuracy']:.0%}",
    )
    return r


def outcome_alpha(doc: NetworkDocument, epochs: int | None = None):
    """The CSV gives exactly table 4.5; the trained boundary classifies all 17 melons."""
    from nnsim.lessons.result import LessonResult
    from nnsim.model.session import Session

    r = LessonResult(
        "watermelon-alpha-csv", True, title_en=doc.meta.title_en, title_zh=doc.meta.title_zh
    )
    s = Session(doc)
    ds, alpha = s.dataset, load_watermelon()
    same = bool(np.array_equal(ds.x, alpha.x) and np.array_equal(ds.y, alpha.y))
    s.train_epochs(doc.settings.epochs if epochs is None else int(epochs))
    ev = s.evaluate()
    # the boundary on a grid over the data: some of the plane is each class
    g = np.linspace(0.0, 1.0, 41)
    grid = np.array([[a, b] for a in g for b in g])
    good_share = float((s.predict(grid)[:, 0] >= 0.5).mean())
    r.values = {"loss": ev["loss"], "accuracy": ev["accuracy"], "good_share": good_share}
    r.ok = same and ev["accuracy"] == 1.0 and 0.05 < good_share < 0.95
    r.add(
        "the CSV's 17 rows equal table 4.5 (density, sugar → good melon), number for number",
        "CSV 的 17 行与表 4.5（密度、含糖率 → 好瓜）逐个数字相同",
    )
    r.add(
        f"after {s.trainer.epoch} epochs: error {ev['loss']:.4g}, accuracy {ev['accuracy']:.0%}; "
        f"the boundary gives {good_share:.0%} of the square [0, 1]² to good melons",
        f"训练 {s.trainer.epoch} 轮后：误差 {ev['loss']:.4g}，正确率 {ev['accuracy']:.0%}；"
        f"决策边界把 [0, 1]² 中 {good_share:.0%} 的区域划为好瓜",
    )
    return r
