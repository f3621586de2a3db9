"""`nnsim export --to pytorch`: the generated module computes what the engine computes."""

import types

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from model_strategies import networks

from nnsim.lessons import lesson_names, load_lesson
from nnsim.model import compile_document
from nnsim.model.export_pytorch import to_pytorch_source


def _module(source: str):
    mod = types.ModuleType("exported")
    exec(compile(source, "exported", "exec"), mod.__dict__)
    return mod


def test_source_holds_the_weights_and_compiles_without_torch():
    doc = load_lesson("activation-gallery")
    src = to_pytorch_source(doc, "lesson activation-gallery")
    compile(src, "x", "exec")
    assert "one activation per neuron" in src
    assert "F.leaky_relu(net[:, [3]], 0.1)" in src
    assert "(net[:, [7]] >= 0).to(net[:, [7]].dtype)" in src  # the step unit
    assert "z.max(dim=2).values" in src  # maxout


@pytest.mark.slow
@pytest.mark.parametrize("name", lesson_names())
def test_exported_lessons_match_the_engine(name):
    """Every lesson's exported module gives the engine's outputs to 1e-12 (torch import ≈ 5-10 s)."""
    torch = pytest.importorskip("torch", reason="PyTorch is not installed")
    doc = load_lesson(name)
    net = _module(to_pytorch_source(doc, name)).Net()
    comp = compile_document(doc, cache=False)
    shape = tuple(doc.layers[comp.network.input_names[0]].shape)
    x = np.random.default_rng(1).normal(size=(6, *shape))
    want = comp.network.forward(x)
    with torch.no_grad():
        got = net(torch.tensor(x)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=networks())
def test_exported_random_documents_match_the_engine(doc):
    """Random sparse / skip / maxout / per-neuron-activation networks export exactly."""
    torch = pytest.importorskip("torch", reason="PyTorch is not installed")
    comp = compile_document(doc, cache=False)
    net = _module(to_pytorch_source(doc)).Net()
    x = np.random.default_rng(0).uniform(
        -2, 2, size=(5, *doc.layers[comp.network.input_names[0]].shape)
    )
    want = comp.network.forward(x)
    with torch.no_grad():
        got = net(torch.tensor(x)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)
