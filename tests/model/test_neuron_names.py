"""Default neuron names are unique on a screen: h1, h2 with one hidden layer (the book's,
the worked example's), a superscript layer index once there are several (h¹1 … h²1)."""

from nnsim.lessons import load_lesson
from nnsim.model import NetworkDocument


def names(doc):
    return [
        doc.neuron_label(lid, j)
        for lid in doc.topological_order()
        for j in range(doc.layers[lid].size)
    ]


def chain(*sizes):
    doc = NetworkDocument()
    ids = [doc.add_layer("input", sizes[0])]
    for n in sizes[1:]:
        ids.append(doc.add_layer("dense", n))
        doc.connect(ids[-2], ids[-1])
    return doc, ids


def test_worked_example_keeps_the_course_names():
    doc = load_lesson("bp-worked-example")
    assert names(doc) == ["A", "B", "h1", "h2", "y1"]


def test_one_hidden_layer_is_h1_h2():
    doc, _ = chain(2, 3, 1)
    assert names(doc) == ["x1", "x2", "h1", "h2", "h3", "y1"]


def test_several_hidden_layers_carry_their_index():
    doc, ids = chain(2, 4, 2, 1)
    assert names(doc) == ["x1", "x2", "h¹1", "h¹2", "h¹3", "h¹4", "h²1", "h²2", "y1"]
    assert len(set(names(doc))) == len(names(doc))
    # a new neuron in a labelled deep layer gets the same kind of name
    doc.set_neuron_labels(ids[2], ["p", "q"])
    doc.add_neuron(ids[2])
    assert doc.neuron_label(ids[2], 2) == "h²3"


def test_every_lesson_names_its_neurons_once():
    from nnsim.lessons import lesson_names

    for name in lesson_names():
        doc = load_lesson(name)
        shown = [
            doc.neuron_label(lid, j)
            for lid, layer in doc.layers.items()
            if layer.kind in ("input", "dense", "maxout")
            for j in range(layer.size)
        ]
        assert len(set(shown)) == len(shown), name


def test_mnist_outputs_are_the_digits():
    for name in ("mnist-mlp", "mnist-cnn"):
        doc = load_lesson(name)
        (out,) = doc.output_layers()
        assert [doc.neuron_label(out, k) for k in range(10)] == [str(k) for k in range(10)]
