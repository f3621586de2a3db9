"""Short labels of the Compare view (pictures and legend in presentation mode): every field
that can vary has one, unambiguous, about ten characters, in English and in Chinese."""

import pytest
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication

from nnsim.gui.compare.labels import LABEL_WORDS, SHORT_MAX, short_label, variant_label
from nnsim.gui.compare.multiples import LABEL_PX
from nnsim.lessons.comparisons import comparison_spec
from nnsim.model.compare import VARY, Variant

#: (field, value): (English, Chinese) short label.
EXPECTED = {
    ("lr", 0.03): ("η 0.03", "η 0.03"),
    ("seed", 2): ("#2", "#2"),
    ("momentum", 0.9): ("μ 0.9", "μ 0.9"),
    ("reg_lambda", 0.001): ("λ 0.001", "λ 0.001"),
    ("rule", "standard"): ("standard BP", "标准 BP"),
    ("rule", "accumulated"): ("accum. BP", "累积 BP"),
    ("rule", "minibatch"): ("mini-batch", "小批量 BP"),
    ("rule", "perceptron"): ("perceptron", "感知机"),
    ("batch_size", 10): ("batch 10", "批量 10"),
    ("batch_size", 1000): ("batch 1000", "批量 1000"),
    ("optimizer", "sgd"): ("SGD", "SGD"),
    ("optimizer", "momentum"): ("momentum", "动量"),
    ("optimizer", "adam"): ("Adam", "Adam"),
    ("reg", "none"): ("no reg.", "无正则化"),
    ("reg", "l1"): ("L1", "L1"),
    ("regularization", "l2"): ("L2", "L2"),
    ("activation", "sigmoid"): ("sigmoid σ", "Sigmoid σ"),
    ("activation", "identity"): ("identity", "恒等"),
    ("activation", "leaky_relu"): ("Leaky ReLU", "Leaky ReLU"),
    ("activation", "leaky_relu:0.2"): ("LReLU 0.2", "LReLU 0.2"),
    ("activation", "relu"): ("ReLU", "ReLU"),
    ("hidden", 8): ("8 hidden", "隐层 8 个"),
    ("hidden", 16): ("16 hidden", "隐层 16 个"),
    ("early_stopping", True): ("early stop", "早停"),
    ("early_stopping", False): ("all epochs", "不早停"),
    ("patience", 20): ("patience 20", "耐心 20"),
    ("validation_fraction", 0.2): ("val. 0.2", "验证 0.2"),
    ("init", "xavier"): ("xavier init", "初值 xavier"),
    ("init", "uniform01"): ("U(0,1) init", "初值 U(0,1)"),
    ("init", "playground"): ("U±0.5 init", "初值 U±0.5"),
}


@pytest.fixture(params=["en", "zh_CN"])
def language(request, qapp):
    from nnsim.gui.i18n import language_manager

    languages = language_manager(QApplication.instance())
    languages.set_language(request.param, remember=False)
    yield request.param
    languages.set_language("en", remember=False)


def _width(text: str) -> float:
    font = QFont()
    font.setPixelSize(LABEL_PX[True])
    return QFontMetricsF(font).horizontalAdvance(text)


def test_every_field_that_can_vary_has_an_expected_short_label(language):
    k = 0 if language == "en" else 1
    fields = {name for name, _v in EXPECTED}
    assert fields == set(VARY)  # every field the model can vary is listed above
    # the widest label a lecture of 16 pictures shows (4 to a row at 1280 px) fits
    room = _width("η 0.001 · #1")
    got = {}
    for (name, value), texts in EXPECTED.items():
        v = Variant(f"{name}={value}", {name: value})
        got[name, value] = short_label(v)
        assert got[name, value] == texts[k], (name, value, got[name, value])
        # short: about ten characters and no wider than the widest that fits
        assert len(got[name, value]) <= SHORT_MAX + 2, got[name, value]
        assert _width(got[name, value]) <= room, (got[name, value], room)
    # unambiguous: no two values of a field read alike, nor alike across fields
    assert len(set(got.values())) == len(got)


def test_the_lessons_variants_have_short_labels(language):
    """The lessons' own variants (words, not changes) read short as well."""
    want = {
        "bp-variants": (
            ["standard BP", "accum. BP", "mini-batch"],
            ["标准 BP", "累积 BP", "小批量 BP"],
        ),
        "overfitting": (["no reg.", "L2", "early stop"], ["无正则化", "L2", "早停"]),
    }
    k = 0 if language == "en" else 1
    for name, texts in want.items():
        variants = comparison_spec(name).variants
        assert all(v.label in LABEL_WORDS for v in variants)
        assert [short_label(v) for v in variants] == texts[k], name
    # the long labels stay long (the table shows them)
    acc = comparison_spec("bp-variants").variants[1]
    assert variant_label(acc) == ("accumulated BP", "累积 BP")[k]


def test_two_changes_join_with_a_dot(language):
    v = Variant("x", {"rule": "minibatch", "batch_size": 10})
    assert short_label(v) == ("mini-batch · batch 10", "小批量 BP · 批量 10")[language != "en"]
