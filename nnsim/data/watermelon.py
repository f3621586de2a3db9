"""Watermelon data set 3.0α of Zhou Zhihua's *Machine Learning* (density, sugar → good melon)."""

from __future__ import annotations

import numpy as np

from nnsim.data.dataset import Dataset

# (number, density 密度, sugar content 含糖率, good melon 好瓜: 1 = 是/yes, 0 = 否/no),
# exactly as printed in the book (table 4.5) and the course slides.
WATERMELON_3_0_ALPHA = (
    (1, 0.697, 0.460, 1),
    (2, 0.774, 0.376, 1),
    (3, 0.634, 0.264, 1),
    (4, 0.608, 0.318, 1),
    (5, 0.556, 0.215, 1),
    (6, 0.403, 0.237, 1),
    (7, 0.481, 0.149, 1),
    (8, 0.437, 0.211, 1),
    (9, 0.666, 0.091, 0),
    (10, 0.243, 0.267, 0),
    (11, 0.245, 0.057, 0),
    (12, 0.343, 0.099, 0),
    (13, 0.639, 0.161, 0),
    (14, 0.657, 0.198, 0),
    (15, 0.360, 0.370, 0),
    (16, 0.593, 0.042, 0),
    (17, 0.719, 0.103, 0),
)


def load_watermelon() -> Dataset:
    """The 17 samples of watermelon 3.0α as a binary data set.

    Returns
    -------
    Dataset
        ``x`` (17, 2): density 密度 and sugar content 含糖率; ``y`` (17, 1): 1.0 for a
        good melon (好瓜 是), 0.0 otherwise (否). Rows are in the book's order 1–17.
    """
    rows = np.array(WATERMELON_3_0_ALPHA, dtype=np.float64)
    return Dataset(
        x=rows[:, 1:3].copy(),
        y=rows[:, 3:4].copy(),
        kind="binary",
        feature_names=["density", "sugar content"],
        feature_names_zh=["密度", "含糖率"],
        class_names=["no", "yes"],
        class_names_zh=["否", "是"],
        target_name="good melon",
        target_name_zh="好瓜",
        name="watermelon",
        title_zh="西瓜数据集 3.0α",
        title_en="Watermelon data set 3.0α",
        notes="Zhou Zhihua, Machine Learning (2016), table 4.5.",
    )
