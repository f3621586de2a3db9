"""`nnsim step`: the perceptron rule stepped as the lesson trains, the optimiser's update,
and one clear message (exit 1) for a step whose numbers overflow."""

import numpy as np
import pytest

from nnsim.api import load
from nnsim.cli import main
from nnsim.lessons import load_lesson
from nnsim.model.fileformat import save


def test_step_the_perceptron_lesson_with_the_perceptron_rule(capsys):
    """Sample 1 of AND is (0, 0) → 0; the lesson's weights w = (0.5118, 0.9505), θ = −0.1442
    give Σ = 0, ŷ = ε(0 − (−0.1442)) = 1: wrong, so θ grows by η = 0.1 and w stays."""
    assert main(["step", "perceptron-and-or-not", "--lang", "en"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == [
        "-- forward",
        "output unit: Σ_i w_i x_i = 0×0.5118 + 0×0.9505 = 0,  "
        "ŷ = ε(Σ_i w_i x_i − θ) = ε(0 − (−0.1442)) = 1",
        "-- compare with the target",
        "output unit against its target: wrong, the weights change: y − ŷ = 0 − 1 = −1",
        "-- update",
        "weight x_1 → ŷ, learning rate η = 0.1: Δw_1 = η(y − ŷ)x_1 = 0.1×(−1)×0 = 0,  "
        "w_1 ← 0.5118 + 0 = 0.5118",
        "weight x_2 → ŷ, learning rate η = 0.1: Δw_2 = η(y − ŷ)x_2 = 0.1×(−1)×0 = 0,  "
        "w_2 ← 0.9505 + 0 = 0.9505",
        "threshold of ŷ, learning rate η = 0.1: Δθ = −η(y − ŷ) = −0.1×(−1) = 0.1,  "
        "θ ← −0.1442 + 0.1 = −0.0442",
    ]
    assert "ε′" not in "\n".join(out) and "δ" not in "\n".join(out)


def test_step_a_correctly_classified_xor_sample_in_chinese(capsys):
    # sample 3 of XOR is (1, 0) → 1: Σ = 0.5118, ŷ = ε(0.5118 + 0.1442) = 1: right
    assert main(["step", "perceptron-xor", "--sample", "2", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "-- 与目标比较\n输出神经元与目标比较：正确，不更新：y − ŷ = 1 − 1 = 0" in out
    assert "-- 更新" not in out


def test_step_saves_the_perceptron_update(tmp_path, capsys):
    out_path = tmp_path / "after.nnsim"
    assert main(["step", "perceptron-and-or-not", "--save", str(out_path)]) == 0
    after = load(out_path)
    layer = next(lid for lid, lay in after.layers.items() if lay.kind == "dense")
    assert after.layers[layer].biases[0] == pytest.approx(0.1442 - 0.1, abs=1e-12)  # b = −θ


def test_step_shows_the_optimisers_update(tmp_path, capsys):
    doc = load_lesson("bp-worked-example")
    doc.update_settings(optimizer="momentum", momentum=0.9)
    path = tmp_path / "momentum.nnsim"
    save(doc, path)
    assert main(["step", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    # each update takes three lines, the later ones indented
    assert (
        "weight b_1 → ŷ_1, learning rate η = 1, momentum μ = 0.9: "
        "∂E/∂w_11 = −g_1 b_1 = −(−0.0406811)×0.680267 = 0.027674\n"
        "    v(w_11) ← μv(w_11) − η ∂E/∂w_11 = 0.9×0 − 1×0.027674 = −0.027674\n"
        "    w_11 ← w_11 + v(w_11) = 0.3 + (−0.027674) = 0.272326\n"
    ) in out


def test_step_on_overflowing_numbers_says_so_and_fails(tmp_path, capsys):
    doc = load_lesson("xor-two-layer")
    lid = next(iter(doc.links))
    doc.set_weights(lid, np.full(doc.links[lid].weights.shape, 3.9e152))
    doc.set_weights(
        list(doc.links)[-1], np.full(doc.links[list(doc.links)[-1]].weights.shape, 3.9e300)
    )
    path = tmp_path / "diverged.nnsim"
    save(doc, path)
    assert main(["step", str(path), "--sample", "3"]) == 1
    captured = capsys.readouterr()
    assert "NaN" not in captured.out and "∞" not in captured.out
    err = captured.err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("nnsim: error: this step cannot be shown: ")
    assert "too large" in err[0]
