"""The canvas's live preview agrees with the engine's forward pass (independent reference)."""

import numpy as np
import pytest

from nnsim.gui.live import forward_values, sample_input
from nnsim.lessons import load_lesson
from nnsim.model.compile import compile_document


@pytest.mark.parametrize(
    "lesson", ["bp-worked-example", "xor-two-layer", "activation-gallery", "overfitting"]
)
def test_preview_matches_the_compiled_network(lesson):
    doc = load_lesson(lesson)
    comp = compile_document(doc, cache=False)
    rng = np.random.default_rng(1)
    n_in = doc.layers[doc.input_layers()[0]].size
    x = sample_input(doc)
    if x is None:
        x = rng.uniform(-1, 1, n_in)
    ours = forward_values(doc, x)
    comp.network.forward(x[None, :])
    for lid, (_, y) in ours.items():
        engine = comp.network.values[comp.layer_names[lid]][0]
        np.testing.assert_allclose(y, engine, rtol=1e-12, atol=1e-12)
    assert set(ours) == set(doc.layers)


def test_worked_example_values_are_the_course_numbers():
    doc = load_lesson("bp-worked-example")
    v = forward_values(doc, sample_input(doc))
    out = list(doc.layers)
    np.testing.assert_allclose(v[out[1]][1], [0.680267, 0.663739], atol=1e-6)
    np.testing.assert_allclose(v[out[1]][0], [0.755, 0.68], atol=1e-12)
    assert v[out[2]][1][0] == pytest.approx(0.690283, abs=1e-6)
