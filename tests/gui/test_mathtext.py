"""Formulas set like the slides: the engine's plain notation as Qt rich text and Unicode.

Checked on the real step records of the worked example (COURSE §6) and of deeper
networks: the rich text, read back by Qt, has real sub-/superscripts, italic variables,
upright numbers, and loses not one character of the plain formula.
"""

import re

import pytest
from PySide6.QtGui import QTextCharFormat, QTextDocument

from nnsim.api import session
from nnsim.gui.mathtext import math_html, math_unicode, record_html

SUB = QTextCharFormat.VerticalAlignment.AlignSubScript
SUP = QTextCharFormat.VerticalAlignment.AlignSuperScript
NORMAL = QTextCharFormat.VerticalAlignment.AlignNormal


def runs(html: str) -> list[tuple[str, bool, object]]:
    """(text, italic, vertical alignment) of each run of ``html`` as Qt lays it out
    (Qt merges neighbouring runs of one format)."""
    doc = QTextDocument()
    doc.setHtml(html)
    out = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            out.append((frag.text(), fmt.fontItalic(), fmt.verticalAlignment()))
            it += 1
        block = block.next()
    return out


def chars(html: str) -> list[tuple[str, bool, object]]:
    """(character, italic, vertical alignment) of every character of ``html``."""
    return [(c, i, v) for text, i, v in runs(html) for c in text]


# Unicode sub-/superscript characters (β₁, 0.9¹) become <sub>/<sup> runs: compare them as
# the characters they raise or lower.
_FLAT = str.maketrans(
    "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿᵗᵀ",
    "0123456789+−=()aehijklmnoprstuvx0123456789+−=()intT",
)


def plain_of(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText().replace("\xa0", " ").replace("\u200b", "").translate(_FLAT)


def unmarked(plain: str) -> str:
    """The plain notation without its script marks: what the reader sees, letter for letter."""
    return re.sub(r"[_^{}]", "", plain).translate(_FLAT)


@pytest.fixture(scope="module")
def worked():
    return session("bp-worked-example").stepper().records


def test_worked_example_forward_record(qapp, worked):
    rec = worked[0]
    assert rec.formula() == "β_1 = 0.35×0.1 + 0.9×0.8 = 0.755,  b_1 = σ(0.755) = 0.680267"
    html = math_html(rec.formula())
    assert html.startswith("<i>β</i><sub>1</sub> = 0.35×0.1 + 0.9×0.8 = 0.755,")
    r = runs(html)
    assert r[0] == ("β", True, NORMAL)
    assert r[1] == ("1", False, SUB)
    # numbers upright and on the line; σ a variable-like italic letter
    assert (" = 0.35×0.1 + 0.9×0.8 = 0.755,  ", False, NORMAL) in [
        (t.replace("\xa0", " "), i, v) for t, i, v in r
    ]
    assert ("σ", True, NORMAL) in chars(html)


def test_worked_example_error_and_hat(qapp, worked):
    loss = next(r for r in worked if r.phase == "loss")
    html = math_html(loss.formula())
    assert "½(<i>ŷ</i><sub>1</sub> − <i>y</i><sub>1</sub>)²" in html
    assert plain_of(html) == unmarked(loss.formula())
    assert ("ŷ", True, NORMAL) in chars(html)


def test_hidden_gradient_sum_has_its_index(qapp, worked):
    e1 = next(r for r in worked if r.phase == "backward" and r.symbol == "e_1")
    html = math_html(e1.formula())
    # Σ upright with its index j (italic) as a subscript; w_1j's index: upright 1, italic j
    assert "Σ<sub><i>j</i></sub> <i>w</i><sub>1<i>j</i></sub> <i>g</i><sub><i>j</i></sub>" in html
    c = chars(html)
    assert ("Σ", False, NORMAL) in c and ("j", True, SUB) in c


def test_update_record_words_and_formula(qapp, worked):
    rec = next(r for r in worked if r.symbol == "v_21")
    html = record_html(rec, "en")
    # the words stay upright ("weight", the label "B"), the symbols are set
    assert html.startswith("weight B → <i>b</i><sub>1</sub>, learning rate <i>η</i> = 1: ")
    assert "Δ<i>v</i><sub>21</sub> = <i>η</i> <i>e</i><sub>1</sub> <i>x</i><sub>2</sub>" in html
    assert plain_of(html) == unmarked(rec.text("en"))
    zh = record_html(rec, "zh")
    assert zh.startswith("权重 B → <i>b</i><sub>1</sub>，学习率 <i>η</i> = 1：")


@pytest.mark.parametrize(
    "lesson, settings",
    [
        ("bp-worked-example", {}),
        ("bp-worked-example", {"optimizer": "momentum"}),
        ("bp-worked-example", {"optimizer": "adam"}),
        ("xor-two-layer", {}),
        ("playground-circle", {}),
        ("perceptron-and-or-not", {}),
    ],
)
def test_every_record_keeps_every_character(qapp, lesson, settings):
    """Nothing is lost or added: Qt's plain text of the rich text is the notation without
    its marks, for every record (forward, error, backward, update; the perceptron's and
    the optimisers' too), both languages."""
    s = session(lesson)
    if settings:
        s.document.update_settings(**settings)
    records = s.stepper().records
    for rec in records[:60]:
        for lang in ("en", "zh"):
            assert plain_of(record_html(rec, lang)) == unmarked(rec.text(lang)), rec.text(lang)


def test_generic_layer_superscripts(qapp):
    recs = session("playground-circle").stepper().records
    back = next(r for r in recs if r.phase == "backward" and r.symbol == "δ_1^(2)")
    html = math_html(back.formula())
    assert html.startswith(
        "<i>δ</i><sub>1</sub><sup>(2)</sup> = (1−<i>o</i><sub>1</sub><sup>(2)</sup>²)"
    )
    assert [ch for ch in chars(html) if ch[2] == SUP][:3] == [
        ("(", False, SUP),
        ("2", False, SUP),
        (")", False, SUP),
    ]


@pytest.mark.parametrize(
    "plain, html, uni",
    [
        ("h_{t−1}", "<i>h</i><sub><i>t</i>−1</sub>", "hₜ₋₁"),
        (
            "S(i,j) = Σ_m Σ_n I(i + m, j + n) K(m, n)",
            "<i>S</i>(<i>i</i>,<i>j</i>) = Σ<sub><i>m</i></sub> Σ<sub><i>n</i></sub> "
            "<i>I</i>(<i>i</i> + <i>m</i>, <i>j</i> + <i>n</i>) <i>K</i>(<i>m</i>, <i>n</i>)",
            "S(i,j) = Σₘ Σₙ I(i + m, j + n) K(m, n)",
        ),
        ("w_10,j^(3)", "<i>w</i><sub>10,<i>j</i></sub><sup>(3)</sup>", "w₁₀,ⱼ⁽³⁾"),
        (
            "σ(x) = 1/(1+e^−x)",
            "<i>σ</i>(<i>x</i>) = 1/(1+e<sup>−<i>x</i></sup>)",
            "σ(x) = 1/(1+e⁻ˣ)",
        ),
        ("net_2^(1) = 1.5e−7", "net<sub>2</sub><sup>(1)</sup> = 1.5e−7", "net₂⁽¹⁾ = 1.5e−7"),
        (
            "f_W(h_{t−1}, x_t)",
            "<i>f</i><sub><i>W</i></sub>(<i>h</i><sub><i>t</i>−1</sub>, "
            "<i>x</i><sub><i>t</i></sub>)",
            "f_W(hₜ₋₁, xₜ)",
        ),
        ("a < b & c", "<i>a</i> &lt; <i>b</i> &amp; <i>c</i>", "a < b & c"),
        ("neuron_labels", "neuron_labels", "neuron_labels"),
    ],
)
def test_notation_pieces(plain, html, uni):
    assert math_html(plain) == html
    assert math_unicode(plain) == uni


def test_optimiser_records_set_every_factor():
    """μv is μ times v; β₁ and β₁ᵗ are set with <sub>/<sup> like every other index."""
    assert math_html("μv(v_12)") == "<i>μ</i><i>v</i>(<i>v</i><sub>12</sub>)"
    assert math_html("(1−β₁ᵗ)") == "(1−<i>β</i><sub>1</sub><sup><i>t</i></sup>)"
    assert (
        math_html("Σ wᵢxᵢ − θ")
        == "Σ <i>w</i><sub><i>i</i></sub><i>x</i><sub><i>i</i></sub> − <i>θ</i>"
    )


def test_prose_keeps_words_upright():
    s = "Input x = (0.2, 0.3), a step of η = 1 for h_1 in 隐层"
    html = math_html(s, prose=True)
    assert html == (
        "Input <i>x</i> = (0.2, 0.3), a step of <i>η</i> = 1 for <i>h</i><sub>1</sub> in 隐层"
    )


@pytest.mark.parametrize(
    "caption, html",
    [
        ("Bias b", "Bias <i>b</i>"),
        ("Threshold θ", "Threshold <i>θ</i>"),
        ("Stride S", "Stride <i>S</i>"),
        ("阈值 θ", "阈值 <i>θ</i>"),
        ("Plan A or B?", "Plan A or B?"),
    ],
)
def test_captions_naming_a_symbol(caption, html):
    assert math_html(caption, prose=True) == html


def test_formula_panel_shows_rich_text(training_window):
    """The step-through panel sets the current record and the list like the slides."""
    from PySide6.QtCore import Qt

    win = training_window
    panel = win.training_ui.formula
    win.training_ui.actions["next"].trigger()
    win.training_ui.actions["next"].trigger()
    assert panel.formula.textFormat() == Qt.TextFormat.RichText
    assert "<i>β</i><sub>2</sub> = 0.35×" in panel.formula.text()
    assert panel.formula_plain.startswith("hidden unit 2: β_2 = 0.35×0.4")
    first = panel.log.item(0).text()
    assert "<i>b</i><sub>1</sub> = <i>σ</i>(0.755)" in first
    # the list draws the rich text: a row is as tall as its wrapped formula, not one
    # line of raw tags
    delegate = panel.log.itemDelegate()
    assert type(delegate).__name__ == "RichTextDelegate"
    panel.log.grab()


@pytest.mark.parametrize(
    "text, html",
    [
        (
            "Output size (N − F + 2P)/S + 1",
            "Output size (<i>N</i> − <i>F</i> + 2<i>P</i>)/<i>S</i> + 1",
        ),
        (
            "卷积：S(i,j) = Σ_m Σ_n I(i − m, j − n) K(m, n)",
            "卷积：<i>S</i>(<i>i</i>,<i>j</i>) = Σ<sub><i>m</i></sub> Σ<sub><i>n</i></sub> "
            "<i>I</i>(<i>i</i> − <i>m</i>, <i>j</i> − <i>n</i>) <i>K</i>(<i>m</i>, <i>n</i>)",
        ),
        ("weight A → B: Δw = 1", "weight A → B: Δ<i>w</i> = 1"),
    ],
)
def test_labelled_formulas(text, html):
    from nnsim.gui.mathtext import labelled_html

    assert labelled_html(text) == html
