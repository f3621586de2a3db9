"""compile_document: the engine network matches the document; clear errors; cache; pull_weights."""

import numpy as np
import pytest

from nnsim.engine import get_loss
from nnsim.model import NetworkDocument
from nnsim.model.compile import CompileError, compile_document, follow, pull_weights


def worked_example() -> NetworkDocument:
    doc = NetworkDocument()
    a = doc.add_layer("input", 2, neuron_labels=["A", "B"])
    h = doc.add_layer("dense", 2, use_bias=False)
    o = doc.add_layer("dense", 1, use_bias=False)
    doc.connect(a, h, weights=[[0.1, 0.4], [0.8, 0.6]])
    doc.connect(h, o, weights=[[0.3], [0.9]])
    return doc


def test_worked_example_forward_and_one_update_give_course_numbers():
    doc = worked_example()
    comp = compile_document(doc)
    net = comp.network
    x = np.array([[0.35, 0.9]])
    out = net.forward(x)
    np.testing.assert_allclose(net.values["L2"], [[0.680267, 0.663739]], atol=1e-6)
    np.testing.assert_allclose(out, [[0.690283]], atol=1e-6)
    net.loss_and_grad(x, np.array([[0.5]]), get_loss("squared_error"))
    net.sgd_step(1.0)
    events = []
    doc.weights_changed.connect(events.append)
    pull_weights(doc, comp)
    assert events == [""]  # one signal for all links
    np.testing.assert_allclose(doc.links["L2-L3"].weights.ravel(), [0.272326, 0.872998], atol=1e-6)
    np.testing.assert_allclose(
        doc.links["L1-L2"].weights, [[0.0990709, 0.397140], [0.797611, 0.592646]], atol=1e-6
    )
    np.testing.assert_allclose(net.forward(x), [[0.682019]], atol=1e-6)


def test_mapping_of_links_biases_and_skip_links():
    doc = NetworkDocument()
    a = doc.add_layer("input", 2)
    h = doc.add_layer("dense", 3, activation="relu")
    o = doc.add_layer("dense", 1, activation="identity")
    doc.connect(a, h, weights=np.arange(6.0).reshape(2, 3))
    doc.connect(h, o, weights=[[1.0], [2.0], [3.0]])
    skip = doc.connect(a, o, weights=[[-1.0], [0.5]])
    doc.set_biases(h, [0.1, -5.0, 0.0])
    doc.set_biases(o, [0.25])
    comp = compile_document(doc)
    assert comp.param_of_link == {"L1-L2": ("L2", "W0"), "L2-L3": ("L3", "W0"), skip: ("L3", "W1")}
    x = np.array([[1.0, 2.0]])
    h_ref = np.maximum(x @ np.arange(6.0).reshape(2, 3) + [0.1, -5.0, 0.0], 0)
    y_ref = h_ref @ [[1.0], [2.0], [3.0]] + x @ [[-1.0], [0.5]] + 0.25
    np.testing.assert_allclose(comp.network.forward(x), y_ref)


def test_masked_link_and_per_neuron_activations():
    doc = NetworkDocument()
    a = doc.add_layer("input", 2)
    h = doc.add_layer("dense", 2, use_bias=False)
    doc.connect(a, h, 0, 0, weights=2.0)
    doc.connect(a, h, 1, 1, weights=-3.0)
    doc.set_activation(h, "relu", 1)
    doc.set_activation(h, "identity", 0)
    net = compile_document(doc).network
    np.testing.assert_allclose(net.forward(np.array([[1.0, 1.0], [1.0, -1.0]])), [[2, 0], [2, 3]])


def test_maxout_layer_compiles_with_its_pieces():
    doc = NetworkDocument()
    a = doc.add_layer("input", 1)
    m = doc.add_layer("maxout", 1, params={"pieces": 2})
    k = doc.connect(a, m, weights=[[[1.0, -1.0]]])
    doc.set_biases(m, [[0.0, 0.0]])
    net = compile_document(doc).network
    np.testing.assert_allclose(net.forward(np.array([[-2.0], [3.0]])), [[2.0], [3.0]])  # |x|
    assert compile_document(doc).param_of_link[k] == ("L2", "W0")


def test_every_compile_is_a_network_of_its_own_and_follow_keeps_one_in_step():
    doc = worked_example()
    c1 = compile_document(doc)
    assert compile_document(doc) is not c1  # nothing cached on the document
    assert not hasattr(doc, "_compiled_cache")
    assert follow(doc, c1) is c1
    c1.network.param("L3", "W0")[0, 0] = 9.0  # the owner's network, changed by its owner
    assert follow(doc, c1) is c1 and c1.network.param("L3", "W0")[0, 0] == 9.0
    doc.set_weight("L2-L3", 0, 0, 1.5)  # weights only: same network, new weights pushed
    c2 = follow(doc, c1)
    assert c2 is c1 and c2.network.param("L3", "W0")[0, 0] == 1.5
    doc.set_activation("L3", "tanh")  # structure: a new network
    c3 = follow(doc, c1)
    assert c3 is not c1
    assert c3.network.layers["L3"].activation_names == ["tanh"]
    assert c1.network.layers["L3"].activation_names == ["sigmoid"]  # the old one untouched


def test_float32_setting():
    doc = worked_example()
    doc.update_settings(dtype="float32")
    net = compile_document(doc).network
    assert net.theta.dtype == np.float32
    np.testing.assert_allclose(net.forward(np.array([[0.35, 0.9]])), [[0.690283]], atol=1e-6)


@pytest.mark.parametrize(
    "build, message, layer",
    [
        (lambda d: None, "empty", None),
        (lambda d: d.add_layer("dense", 2), "no input layer", None),
        (lambda d: d.add_layer("input", 2), "no output layer", None),
        (
            lambda d: [d.add_layer("input", 2), d.add_layer("dense", 1)],
            "layer L2 has no input",
            "L2",
        ),
        (
            lambda d: [
                d.add_layer("input", 2),
                d.add_layer("dense", 1),
                d.add_layer("dense", 1),
                d.connect("L1", "L2"),
                d.connect("L1", "L3"),
            ],
            "these layers feed nothing: L2, L3",
            "L3",
        ),
        (
            lambda d: [
                d.add_layer("input", shape=(1, 7, 7)),
                d.add_layer("conv2d", params={"kernel": 3, "stride": 3}),
                d.connect("L1", "L2"),
            ],
            "(7 − 3 + 2·0)/3 + 1 = 2.33 is not a whole number",
            "L2",
        ),
        (
            lambda d: [
                d.add_layer("input", shape=(1, 4, 4)),
                d.add_layer("dense", 2),
                d.connect("L1", "L2"),
            ],
            "put a flatten layer between them",
            "L2",
        ),
    ],
)
def test_compile_errors_name_the_layer(build, message, layer):
    doc = NetworkDocument()
    build(doc)
    with pytest.raises(CompileError) as info:
        compile_document(doc)
    assert message in str(info.value), str(info.value)
    assert info.value.layer == layer


def test_dead_layer_is_reported():
    doc = worked_example()
    doc.add_layer("input", 1, layer_id="extra")
    doc.add_layer("dense", 1, layer_id="side")
    doc.connect("extra", "side")
    doc.connect("side", "L3")
    compile_document(doc)  # side feeds the output: fine
    doc.add_layer("input", 1, layer_id="lonely")
    with pytest.raises(CompileError, match="lonely does not lead to the output"):
        compile_document(doc)


def test_cnn_layers_compile_with_the_course_pooling_example():
    pytest.importorskip("nnsim.engine.layers.pool", reason="the CNN layers have not landed")
    image = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], float)[None, None]
    for kind, want in (("maxpool", [6, 8, 3, 4]), ("avgpool", [3.25, 5.25, 2, 2])):
        doc = NetworkDocument()
        i = doc.add_layer("input", shape=(1, 4, 4))
        p = doc.add_layer(kind, params={"window": 2, "stride": 2})
        f = doc.add_layer("flatten")
        doc.connect(i, p)
        doc.connect(p, f)
        assert doc.layers[p].shape == (1, 2, 2)
        np.testing.assert_allclose(compile_document(doc).network.forward(image), [want])


def test_conv_kernel_lives_on_the_link():
    pytest.importorskip("nnsim.engine.layers.conv", reason="the CNN layers have not landed")
    doc = NetworkDocument()
    i = doc.add_layer("input", shape=(1, 7, 7))
    c = doc.add_layer(
        "conv2d", params={"filters": 1, "kernel": 3, "stride": 2, "activation": "identity"}
    )
    k = doc.connect(i, c)
    kernel = np.zeros((1, 1, 3, 3))
    kernel[0, 0, 1, 1] = 2.0  # picks the centre pixel, doubled
    doc.set_weights(k, kernel)
    doc.set_biases(c, [0.5])
    comp = compile_document(doc)
    assert comp.param_of_link[k] == (c, "W")
    image = np.arange(49.0).reshape(1, 1, 7, 7)
    out = comp.network.forward(image)
    np.testing.assert_allclose(out[0, 0], 2 * image[0, 0, 1:6:2, 1:6:2] + 0.5)


def test_dense_after_a_many_to_many_rnn_says_what_to_do():
    doc = NetworkDocument()
    i = doc.add_layer("input", shape=(10, 1))
    r = doc.add_layer("rnn", params={"hidden": 4, "mode": "many-to-many"})
    o = doc.add_layer("dense", 1)
    doc.connect(i, r)
    doc.connect(r, o)
    assert doc.layers[r].shape == (10, 4)
    with pytest.raises(CompileError, match="set its mode to many-to-one"):
        compile_document(doc)
    doc.set_layer_params(r, mode="many-to-one")
    net = compile_document(doc).network
    assert net.forward(np.zeros((2, 10, 1))).shape == (2, 1)


def test_conv1d_true_convolution_is_numpy_convolve():
    pytest.importorskip("nnsim.engine.layers.conv", reason="the CNN layers have not landed")
    doc = NetworkDocument()
    i = doc.add_layer("input", shape=(1, 8))
    c = doc.add_layer(
        "conv1d",
        params={"filters": 1, "kernel": 3, "activation": "identity", "convolution": True},
        use_bias=False,
    )
    k = doc.connect(i, c)
    w = np.array([1.0, -2.0, 0.5])
    doc.set_weights(k, w.reshape(1, 1, 3))
    x = np.random.default_rng(0).normal(size=8)
    out = compile_document(doc).network.forward(x.reshape(1, 1, 8))
    # s(t) = Σ_a x(a) w(t − a), COURSE.md §11; "valid" keeps the fully overlapping part
    np.testing.assert_allclose(out[0, 0], np.convolve(x, w, mode="valid"))
    doc.set_layer_params(c, convolution=False)  # cross-correlation: the kernel is not flipped
    out = compile_document(doc).network.forward(x.reshape(1, 1, 8))
    np.testing.assert_allclose(out[0, 0], np.correlate(x, w, mode="valid"))
