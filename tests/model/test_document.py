"""NetworkDocument: validated operations, signals, snapshot/restore, dicts and equality."""

import numpy as np
import pytest

from nnsim.model import DocumentError, NetworkDocument


def worked_example() -> tuple[NetworkDocument, str, str]:
    doc = NetworkDocument()
    a = doc.add_layer("input", 2, neuron_labels=["A", "B"])
    h = doc.add_layer("dense", 2, use_bias=False)
    o = doc.add_layer("dense", 1, use_bias=False)
    k1 = doc.connect(a, h, weights=[[0.1, 0.4], [0.8, 0.6]])
    k2 = doc.connect(h, o, weights=[[0.3], [0.9]])
    return doc, k1, k2


def record(doc):
    events = []
    for name in (
        "layer_added",
        "layer_removed",
        "layer_changed",
        "layer_moved",
        "link_added",
        "link_removed",
        "weights_changed",
        "settings_changed",
        "meta_changed",
        "reset",
        "changed",
    ):
        getattr(doc, name).connect(lambda *a, _n=name: events.append((_n, *a)))
    return events


def test_build_worked_example_and_ids():
    doc, k1, k2 = worked_example()
    assert list(doc.layers) == ["L1", "L2", "L3"]
    assert (k1, k2) == ("L1-L2", "L2-L3")
    assert doc.links[k1].weights[1, 0] == 0.8  # v_{B,h1}
    assert doc.neuron_label("L1", 1) == "B"
    assert doc.neuron_label("L2", 0) == "h1"
    assert doc.neuron_label("L3", 0) == "y1"
    assert doc.is_standard_mlp() == (True, "")
    assert doc.incoming("L2") == [k1] and doc.outgoing("L2") == [k2]


def test_signals_are_specific_and_followed_by_changed():
    doc, k1, _ = worked_example()
    ev = record(doc)
    doc.set_weight(k1, 0, 1, 0.5)
    assert ev == [("weights_changed", k1), ("changed",)]
    ev.clear()
    doc.move_layer("L2", (10, 20))
    assert ev == [("layer_moved", "L2"), ("changed",)]
    assert doc.layers["L2"].position == (10.0, 20.0)
    ev.clear()
    doc.remove_layer("L2")
    assert ("link_removed", "L1-L2") in ev and ("layer_removed", "L2") in ev
    assert ev[-1] == ("changed",)
    assert doc.links == {}


@pytest.mark.parametrize(
    "op, msg",
    [
        (lambda d: d.connect("L3", "L1"), "input layer takes no incoming"),
        (lambda d: d.connect("L3", "L2"), "loop"),
        (lambda d: d.connect("L2", "L2"), "itself"),
        (lambda d: d.add_layer("nonsense"), "unknown layer kind"),
        (lambda d: d.add_layer("dense", 0), "at least 1"),
        (lambda d: d.add_layer("dense", 10**9), "absurdly large"),
        (lambda d: d.add_layer("dense", 2, layer_id="L1"), "already a layer"),
        (lambda d: d.set_weight("L1-L2", 2, 0, 1.0), "out of range"),
        (lambda d: d.set_weight("L1-L2", 0, 0, float("nan")), "finite"),
        (lambda d: d.set_weight("nope", 0, 0, 1.0), "no link"),
        (lambda d: d.set_weights("L1-L2", np.ones((3, 2))), "shape"),
        (lambda d: d.set_bias("L2", 0, 1.0), "no biases"),
        (lambda d: d.set_activation("L2", "swish"), "unknown activation"),
        (lambda d: d.remove_neuron("L3", 0), "at least one neuron"),
        (lambda d: d.update_settings(lr=-1), "positive"),
        (lambda d: d.update_settings(lr=0.5, rule="magic"), "rule"),
        (lambda d: d.update_settings(colour="red"), "no setting"),
        (lambda d: d.update_meta(view="3d"), "view"),
        (lambda d: d.move_layer("L1", (float("inf"), 0)), "finite"),
        (lambda d: d.disconnect("L1", "L3"), "not connected"),
        (lambda d: d.connect("L1", "L2", 0), "both neuron indices"),
    ],
)
def test_invalid_operations_raise_and_leave_document_unchanged(op, msg):
    doc, _, _ = worked_example()
    before, rev = doc.copy(), doc.revision
    ev = record(doc)
    with pytest.raises(DocumentError, match=msg):
        op(doc)
    assert doc == before
    assert doc.revision == rev
    assert ev == []


def test_update_settings_is_all_or_nothing():
    doc, _, _ = worked_example()
    with pytest.raises(DocumentError):
        doc.update_settings(lr=0.5, batch_size=0)
    assert doc.settings.lr == 0.1


def test_add_and_remove_neuron_resize_links():
    doc, k1, k2 = worked_example()
    idx = doc.add_neuron("L2", 1, activation="tanh")
    assert idx == 1
    np.testing.assert_array_equal(doc.links[k1].weights, [[0.1, 0, 0.4], [0.8, 0, 0.6]])
    np.testing.assert_array_equal(doc.links[k2].weights, [[0.3], [0], [0.9]])
    assert doc.layers["L2"].activations == ["sigmoid", "tanh", "sigmoid"]
    assert doc.links[k1].mask is None  # a full link stays full
    doc.remove_neuron("L2", 1)
    np.testing.assert_array_equal(doc.links[k1].weights, [[0.1, 0.4], [0.8, 0.6]])
    np.testing.assert_array_equal(doc.links[k2].weights, [[0.3], [0.9]])


def test_neuron_edges_build_a_masked_link():
    doc = NetworkDocument()
    a = doc.add_layer("input", 2)
    h = doc.add_layer("dense", 2)
    lid = doc.connect(a, h, 0, 1, weights=0.7)
    assert doc.edge_list(lid) == [(0, 1)]
    assert doc.connect(a, h, 1, 0) == lid
    assert doc.edge_list(lid) == [(0, 1), (1, 0)]
    assert doc.links[lid].weights[0, 1] == 0.7
    with pytest.raises(DocumentError, match="no edge"):
        doc.set_weight(lid, 0, 0, 1.0)
    ok, reason = doc.is_standard_mlp()
    assert not ok and "not a full connection" in reason
    doc.disconnect(a, h, 0, 1)
    assert doc.edge_list(lid) == [(1, 0)]
    assert doc.links[lid].weights[0, 1] == 0
    doc.disconnect(a, h, 1, 0)  # the last edge removes the link
    assert doc.links == {}
    # Connecting the whole layers turns a masked link into a full one.
    lid = doc.connect(a, h, 0, 0)
    doc.connect(a, h)
    assert doc.links[lid].mask is None


def test_standard_mlp_reasons():
    doc, _, _ = worked_example()
    doc.connect("L1", "L3")
    ok, reason = doc.is_standard_mlp()
    assert not ok and "skips" in reason


def test_activation_per_neuron_and_whole_layer():
    doc, _, _ = worked_example()
    doc.set_activation("L2", "relu", 1)
    assert doc.layers["L2"].activations == ["sigmoid", "relu"]
    doc.set_activation("L2", "leaky_relu:0.2")
    assert doc.layers["L2"].activations == ["leaky_relu:0.2"] * 2


def test_structure_revision_only_moves_for_structural_edits():
    doc, k1, _ = worked_example()
    rev, srev = doc.revision, doc.structure_revision
    doc.set_weight(k1, 0, 0, 2.0)
    doc.move_layer("L1", (1, 1))
    assert doc.revision == rev + 2 and doc.structure_revision == srev
    doc.set_activation("L2", "tanh")
    assert doc.structure_revision == srev + 1


def test_snapshot_restore_roundtrip_and_reset_signal():
    doc, k1, _ = worked_example()
    snap = doc.snapshot()
    before = doc.copy()
    doc.remove_layer("L2")
    doc.set_weight(doc.connect("L1", "L3"), 0, 0, 5.0)
    ev = record(doc)
    doc.restore(snap)
    assert ev == [("reset",), ("changed",)]
    assert doc == before
    # The snapshot is a deep copy: editing the document later does not alter it.
    doc.set_weight(k1, 0, 0, 9.0)
    assert snap["links"][k1].weights[0, 0] == 0.1


def test_dict_roundtrip_and_equality():
    doc, _, _ = worked_example()
    doc.update_meta(title_zh="误差逆传播", title_en="Back-propagation")
    doc.update_settings(targets=[{"x": [0.35, 0.9], "y": [0.5]}], lr=1.0)
    back = NetworkDocument.from_dict(doc.to_dict())
    assert back == doc
    back.set_weight("L1-L2", 0, 0, 0.11)
    assert back != doc


def test_maxout_weights_have_a_pieces_axis():
    doc = NetworkDocument()
    a = doc.add_layer("input", 3)
    m = doc.add_layer("maxout", 2, params={"pieces": 3})
    lid = doc.connect(a, m)
    assert doc.links[lid].weights.shape == (3, 2, 3)
    assert doc.layers[m].biases.shape == (2, 3)
    doc.set_weight(lid, 2, 1, 0.5, piece=2)
    doc.set_layer_params(m, pieces=2)
    assert doc.links[lid].weights.shape == (3, 2, 2)
    with pytest.raises(DocumentError, match="exactly one incoming"):
        doc.connect(doc.add_layer("input", 1), m)


def test_conv_shape_follows_input_and_reports_misfit():
    doc = NetworkDocument()
    i = doc.add_layer("input", shape=(1, 7, 7))
    c = doc.add_layer("conv2d", params={"filters": 2, "kernel": 3, "stride": 1})
    lid = doc.connect(i, c)
    assert doc.layers[c].shape == (2, 5, 5)
    assert doc.links[lid].weights.shape == (2, 1, 3, 3)
    doc.set_layer_params(c, stride=2)
    assert doc.layers[c].shape == (2, 3, 3)
    doc.set_layer_params(c, stride=3)  # (7 − 3)/3 + 1 = 2.33: kept, but shape unknown
    assert doc.layers[c].shape is None and doc.layers[c].size == 0
    p = doc.add_layer("maxpool", params={"window": 2})
    doc.set_layer_params(c, stride=1)
    doc.connect(c, p)
    assert doc.layers[p].shape is None  # 5 does not split into windows of 2
    f = doc.add_layer("flatten")
    doc.set_layer_params(p, window=5)
    doc.connect(p, f)
    assert doc.layers[f].shape == (2,)
