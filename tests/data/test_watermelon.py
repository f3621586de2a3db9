"""Tests of watermelon data set 3.0α against the course's table."""

import numpy as np

from nnsim.data import load_watermelon

# number, density, sugar content, good melon — typed in again from COURSE.md
EXPECTED = """
1 0.697 0.460 yes 2 0.774 0.376 yes 3 0.634 0.264 yes 4 0.608 0.318 yes
5 0.556 0.215 yes 6 0.403 0.237 yes 7 0.481 0.149 yes 8 0.437 0.211 yes
9 0.666 0.091 no 10 0.243 0.267 no 11 0.245 0.057 no 12 0.343 0.099 no
13 0.639 0.161 no 14 0.657 0.198 no 15 0.360 0.370 no 16 0.593 0.042 no
17 0.719 0.103 no
""".split()


def test_all_17_rows_match_the_book():
    d = load_watermelon()
    assert d.x.shape == (17, 2) and d.y.shape == (17, 1)
    for k in range(17):
        number, density, sugar, good = EXPECTED[4 * k : 4 * k + 4]
        assert int(number) == k + 1
        assert d.x[k].tolist() == [float(density), float(sugar)]
        assert d.y[k, 0] == (1.0 if good == "yes" else 0.0)


def test_class_counts_and_sums():
    d = load_watermelon()
    assert int(d.y.sum()) == 8  # 8 good melons, 9 not
    np.testing.assert_allclose(d.x.sum(axis=0), [9.055, 3.618], atol=1e-12)


def test_bilingual_names():
    d = load_watermelon()
    assert d.feature_names == ["density", "sugar content"]
    assert d.feature_names_zh == ["密度", "含糖率"]
    assert d.class_names == ["no", "yes"] and d.class_names_zh == ["否", "是"]
    assert (d.target_name, d.target_name_zh) == ("good melon", "好瓜")
    assert d.title_zh == "西瓜数据集 3.0α" and d.kind == "binary"
