"""One registration reaches everywhere: a test-only activation (registered only by the
``test_activation`` fixture in tests/conftest.py) walks through build → train (gradient
against finite differences, fused path against the general one) → step-through text →
save → load (schema-valid) → PyTorch export; and the built-in registry matches the
published schema file."""

import json
import types

import numpy as np
import pytest
from model_schema_check import errors

from nnsim.engine import activation_names, get_activation
from nnsim.engine.gradcheck import check_activation, check_network
from nnsim.engine.losses import get_loss
from nnsim.engine.metrics import output_threshold
from nnsim.model import compile_document
from nnsim.model.export_pytorch import to_pytorch_source
from nnsim.model.fileformat import dumps, loads
from nnsim.model.mlp import mlp_document
from nnsim.model.schema import activation_pattern, document_schema
from nnsim.model.session import Session
from nnsim.paths import resource

FILE_SCHEMA = json.loads(resource("schema", "nnsim.schema.json").read_text(encoding="utf-8"))
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.3, -0.7]])
Y = np.array([[0.0], [1.0], [1.0], [0.0], [0.5]])


def _softsign_doc(name):
    doc = mlp_document([2, 3, 1], name, "sigmoid", init="xavier", seed=3)
    doc.update_settings(dataset="xor", lr=0.5, epochs=5)
    return doc


def test_the_schema_file_lists_the_registered_activations_and_kinds():
    assert document_schema() == FILE_SCHEMA
    assert FILE_SCHEMA["$defs"]["activation"]["pattern"] == activation_pattern()


def test_a_test_only_activation_is_everywhere(test_activation):
    name = test_activation.name
    # the engine: listed, looked up, its derivative right
    assert name in activation_names()
    act = get_activation(name)
    assert act.symbol == "swish"
    np.testing.assert_allclose(
        act(np.array([-1.0, 0.0, 2.0])), [-1 / (1 + np.e), 0, 2 / (1 + np.exp(-2))]
    )
    report = check_activation(name)
    assert report.n_checked > 300 and report.max_rel_error < 1e-6, str(report)
    assert output_threshold(name) == 0.0  # not bounded in (0, 1): read by its sign

    # build: the document takes it, the compiled network is a fused chain that uses it
    doc = _softsign_doc(name)
    assert doc.layers[doc.topological_order()[1]].activations == [name] * 3
    net = compile_document(doc, cache=False).network
    assert net.chain is not None, "a Dense chain takes the fused path"
    hidden = net.layers[net.order[1]]
    assert hidden.activation_names == [name] * 3

    # the gradient of the whole network against central differences
    rep = check_network(net, get_loss("squared_error"), X, Y)
    assert rep.max_rel_error < 1e-6, str(rep)

    # the fused path (generic kernels from f and df) gives the general path's numbers
    assert net.fused
    general = compile_document(doc, cache=False).network
    general.use_fused = False
    np.testing.assert_allclose(net.infer(X), general.forward(X), rtol=0, atol=1e-15)
    loss = get_loss("squared_error")
    for n in (net, general):
        n.train_epoch_sgd(X, Y, loss, 0.5, 2, np.random.default_rng(1))
    np.testing.assert_allclose(net.theta, general.theta, rtol=0, atol=1e-14)

    # train a few epochs: the loss falls and the weights move
    session = Session(doc)
    link = doc.incoming(net.order[1])[0]
    w0 = doc.links[link].weights.copy()
    first = session.evaluate()["loss"]
    result = session.train_epochs(5)
    assert result.epoch == 5
    assert session.evaluate()["loss"] < first
    assert not np.array_equal(doc.links[link].weights, w0)

    # the step-through writes f′ with the registered symbol
    text = "\n".join(r.text("en") for r in session.stepper().run_to_end())
    assert "swish′(" in text

    # save → load: valid against the registry's schema (not the file's, which cannot
    # know a test-only name), and the same network back
    saved = dumps(doc)
    obj = json.loads(saved)
    assert list(errors(obj, document_schema())) == []
    assert list(errors(obj, FILE_SCHEMA)) != []
    back = loads(saved)
    assert back.layers[net.order[1]].activations == [name] * 3
    np.testing.assert_array_equal(
        compile_document(back, cache=False).network.forward(X),
        compile_document(doc, cache=False).network.forward(X),
    )

    # export to PyTorch: the registered expression is in the module
    src = to_pytorch_source(doc)
    assert "F.silu(" in src
    compile(src, "exported", "exec")


def test_the_exported_module_agrees_numerically(test_activation):
    torch = pytest.importorskip("torch", reason="PyTorch is not installed")
    doc = _softsign_doc(test_activation.name)
    mod = types.ModuleType("exported")
    exec(compile(to_pytorch_source(doc), "exported", "exec"), mod.__dict__)
    want = compile_document(doc, cache=False).network.forward(X)
    with torch.no_grad():
        got = mod.Net()(torch.tensor(X)).numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_unregistering_removes_it_again(test_activation):
    from nnsim.engine.activations import unregister_activation
    from nnsim.engine.errors import EngineError

    unregister_activation(test_activation.name)
    assert test_activation.name not in activation_names()
    with pytest.raises(EngineError, match="unknown activation"):
        get_activation(test_activation.name)
    assert document_schema() == FILE_SCHEMA
