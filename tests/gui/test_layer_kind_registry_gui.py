"""The interface reads the layer-kind registry: a test-only kind (registered only by the
``test_layer_kind`` fixture) is drawn on the canvas and shown by the inspector under its
English and Chinese names; a panel registered for it by kind is the one shown."""

from nnsim.model.document import NetworkDocument


def _doc(kind):
    doc = NetworkDocument()
    x = doc.add_layer("input", 2, position=(-300, 0))
    d = doc.add_layer(kind, position=(0, 0))
    y = doc.add_layer("dense", 1, activation="sigmoid", position=(300, 0))
    doc.connect(x, d)
    doc.connect(d, y)
    return doc, d


def test_the_inspector_shows_a_registered_kind(window, test_layer_kind):
    from nnsim.gui.inspectors import ShapedLayerPanel, layer_panel_class

    doc, d = _doc(test_layer_kind.name)
    window.set_document(doc)
    window.scene.layer_items[d].setSelected(True)
    panel = window.inspector.current
    assert type(panel) is ShapedLayerPanel is layer_panel_class(test_layer_kind.name)
    assert panel.subtitle.text() == f"Doubler (test) · {d}"
    window.set_language("zh_CN")
    assert panel.subtitle.text() == f"加倍层（测试） · {d}"
    window.set_language("en")


def test_a_kind_registers_its_own_panel(window, test_layer_kind, monkeypatch):
    from nnsim.gui import inspectors
    from nnsim.gui.inspectors import LayerPanel, register_layer_panel

    class DoublerPanel(LayerPanel):
        pass

    monkeypatch.setattr(inspectors, "LAYER_PANELS", dict(inspectors.LAYER_PANELS))
    register_layer_panel(test_layer_kind.name, DoublerPanel)
    doc, d = _doc(test_layer_kind.name)
    window.set_document(doc)
    window.scene.layer_items[d].setSelected(True)
    assert type(window.inspector.current) is DoublerPanel
    assert window.inspector.current.title.text() == "Doubler (test)"
