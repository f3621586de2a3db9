"""One registration reaches everywhere: a test-only layer kind (registered only by the
``test_layer_kind`` fixture in tests/conftest.py) walks through shape rule → build →
gradient check → train → save → load (schema-valid) → PyTorch export; and the built-in kinds' records
agree with the document's lists."""

import importlib.util
import json
import types

import numpy as np
import pytest
from model_schema_check import errors

from nnsim.engine.gradcheck import check_network
from nnsim.engine.losses import get_loss
from nnsim.model import compile_document
from nnsim.model.document import (
    DERIVED_KINDS,
    LAYER_KINDS,
    NEURON_KINDS,
    SINGLE_INPUT_KINDS,
    DocumentError,
    NetworkDocument,
)
from nnsim.model.export_pytorch import to_pytorch_source
from nnsim.model.fileformat import dumps, loads
from nnsim.model.layer_kinds import layer_kind
from nnsim.model.schema import document_schema
from nnsim.model.session import Session
from nnsim.paths import resource

FILE_SCHEMA = json.loads(resource("schema", "nnsim.schema.json").read_text(encoding="utf-8"))
X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def test_the_built_in_kinds_in_their_lists():
    assert tuple(LAYER_KINDS) == (
        "input", "dense", "maxout", "conv1d", "conv2d", "maxpool", "avgpool", "flatten", "rnn",
    )  # fmt: skip
    assert tuple(DERIVED_KINDS) == ("conv1d", "conv2d", "maxpool", "avgpool", "flatten", "rnn")
    assert tuple(NEURON_KINDS) == ("input", "dense", "maxout")
    assert "maxout" in SINGLE_INPUT_KINDS and "dense" not in SINGLE_INPUT_KINDS
    assert layer_kind("conv2d").label("zh_CN") == "卷积层"
    assert layer_kind("nope") is None


def _doubled_doc(kind):
    doc = NetworkDocument()
    x = doc.add_layer("input", 2)
    d = doc.add_layer(kind)
    h = doc.add_layer("dense", 3, activation="tanh")
    y = doc.add_layer("dense", 1, activation="sigmoid")
    doc.connect(x, d)
    doc.connect(d, h)
    doc.connect(h, y)
    doc.update_settings(dataset="xor", lr=0.5, init="xavier", seed=2)
    return doc, x, d, h, y


def test_a_test_only_layer_kind_is_everywhere(test_layer_kind):
    name = test_layer_kind.name
    assert name in LAYER_KINDS and name in DERIVED_KINDS and name in SINGLE_INPUT_KINDS
    assert name not in NEURON_KINDS
    doc, x, d, h, y = _doubled_doc(name)
    # the shape rule: the layer takes its input's shape
    assert doc.layers[d].shape == (2,) and doc.layers[d].size == 2
    assert doc.layers[d].activations == ["identity"] * 2
    assert not doc.layers[d].use_bias  # a kind without biases
    with pytest.raises(DocumentError, match="has no biases"):
        doc.set_use_bias(d, True)
    with pytest.raises(DocumentError, match="no parameter"):
        doc.add_layer(name, params={"gain": 3})
    # build: the engine network doubles the input before the dense layer
    Session(doc).reset_weights()  # xavier, seed 2 (the settings)
    comp = compile_document(doc, cache=False)
    net = comp.network
    assert type(net.layers[d]).kind == name
    net.forward(X)
    np.testing.assert_array_equal(net.values[d], 2 * X)
    rep = check_network(net, get_loss("squared_error"), X, Y)
    assert rep.max_rel_error < 1e-6, str(rep)
    # train a few epochs through it
    session = Session(doc)
    first = session.evaluate()["loss"]
    session.train_epochs(5)
    assert session.evaluate()["loss"] < first
    # save → load: valid against the registry's schema, not the published file's
    saved = dumps(doc)
    obj = json.loads(saved)
    assert list(errors(obj, document_schema())) == []
    assert list(errors(obj, FILE_SCHEMA)) != []
    back = loads(saved)
    assert back.layers[d].kind == name and back.layers[d].shape == (2,)
    np.testing.assert_array_equal(
        compile_document(back, cache=False).network.forward(X),
        compile_document(doc, cache=False).network.forward(X),
    )
    # export to PyTorch: the kind's own line, and the module runs the same numbers
    src = to_pytorch_source(doc)
    assert f"{d} = 2 * {x}  # doubled" in src
    _same_in_torch(src, doc)


def _same_in_torch(src, doc):
    compile(src, "exported", "exec")
    if importlib.util.find_spec("torch") is None:
        return  # the text is checked above; the numbers need PyTorch
    import torch

    mod = types.ModuleType("exported")
    exec(compile(src, "exported", "exec"), mod.__dict__)
    with torch.no_grad():
        got = mod.Net()(torch.tensor(X)).numpy()
    want = compile_document(doc, cache=False).network.forward(X)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-12)


def test_an_unregistered_kind_is_refused_again(test_layer_kind):
    from nnsim.model.layer_kinds import unregister_layer_kind

    doc, *_ = _doubled_doc(test_layer_kind.name)
    saved = dumps(doc)
    unregister_layer_kind(test_layer_kind.name)
    with pytest.raises(DocumentError, match="unknown layer kind"):
        NetworkDocument().add_layer(test_layer_kind.name)
    with pytest.raises(ValueError, match="unknown layer kind"):
        loads(saved)
