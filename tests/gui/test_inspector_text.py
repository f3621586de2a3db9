"""The inspector, the canvas tooltips and notes set their symbols like the slides (italic b, θ, w; a lesson goal's
subscripts) in the bundled Latin face, in English and Chinese."""

from PySide6.QtGui import QTextDocument


def plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def test_neuron_captions_name_their_symbol_in_italics(window):
    doc = window.document
    hidden = [lid for lid in doc.layers if doc.role(lid) == "hidden"][0]
    window.scene.neuron_item(hidden, 0).setSelected(True)
    panel = window.inspector.current
    assert panel is window.inspector.neuron_panel
    assert panel.value_label.text() == "Bias <i>b</i>"
    panel.as_threshold.setChecked(True)
    assert panel.value_label.text() == "Threshold <i>θ</i>"
    window.set_language("zh_CN")
    assert panel.value_label.text().endswith(" <i>θ</i>")
    assert panel.net_label.text() == "净输入"


def test_edge_caption(window):
    doc = window.document
    lid = next(iter(doc.links))
    window.scene.edge_item(lid, 0, 0).setSelected(True)
    panel = window.inspector.current
    assert panel is window.inspector.edge_panel
    caption = panel.form.labelForField(panel.value)
    assert caption.text() == "Weight <i>w</i>"


def test_lesson_goal_formula_has_real_subscripts(window):
    assert window.open_lesson("rnn-shapes")
    window.scene.clearSelection()
    window.inspector.show_selection()
    goal = window.inspector.network_panel.goal
    html = goal.text()
    assert html.startswith(
        "<i>h</i><sub><i>t</i></sub> = <i>f</i><sub><i>W</i></sub>"
        "(<i>h</i><sub><i>t</i>−1</sub>, <i>x</i><sub><i>t</i></sub>)"
    )
    assert plain(html).startswith("ht = fW(ht−1, xt), the same weights at every step.")


def test_tooltips_are_rich_text(window):
    doc = window.document
    hidden = [lid for lid in doc.layers if doc.role(lid) == "hidden"][0]
    item = window.scene.neuron_item(hidden, 0)
    item.update_tooltip()
    tip = item.toolTip()
    assert tip.startswith("<qt>h1 — ") and "<br>" in tip
    edge = window.scene.edge_item(next(iter(doc.links)), 0, 0)
    edge.hoverEnterEvent(None)
    assert edge.toolTip().startswith("<qt><i>w</i>(A → h1) = ")


def test_neuron_tooltip_sets_bias_and_threshold(window):
    assert window.open_lesson("xor-two-layer")
    doc = window.document
    hidden = [lid for lid in doc.layers if doc.role(lid) == "hidden"][0]
    item = window.scene.neuron_item(hidden, 1)
    item.update_tooltip()
    # COURSE §3: the second hidden unit's bias is −1, its threshold 1
    assert "<i>b</i> = −1" in item.toolTip() and "<i>θ</i> = 1" in item.toolTip()


def test_canvas_note_has_real_subscripts(window):
    """The gradient term printed under a neuron reads g₁ = −0.0407, not g_1."""
    doc = window.document
    out = doc.output_layers()[0]
    window.scene.set_neuron_notes(out, ["g_1 = −0.0407"])
    item = window.scene.neuron_item(out, 0)
    assert item.layer_item.note_of(0) == "g₁ = −0.0407"
    assert window.scene.neuron_note(out, 0) == "g_1 = −0.0407"  # the plain notation kept


def test_why_not_a_standard_network_in_chinese(window):
    """The inspector's reason (the model's English "layer L2 is a rnn layer, …") is
    translated, the layer's kind by its palette name."""
    assert window.open_lesson("rnn-shapes")
    window.scene.clearSelection()
    window.inspector.show_selection()
    panel = window.inspector.network_panel
    assert panel.mlp.text() == (
        "not a standard multi-layer feedforward network: layer L2 is a Recurrent (RNN) "
        "layer, not a layer of neurons"
    )
    window.set_language("zh_CN")
    try:
        panel.refresh()
        assert panel.mlp.text().endswith("层 L2 是“循环层（RNN）”，不是神经元层"), panel.mlp.text()
        assert "rnn" not in panel.mlp.text()
    finally:
        window.set_language("en")


def test_every_structure_reason_has_its_translation():
    from nnsim.gui.inspectors.network import _REASONS, translated_reason

    samples = {
        "the network is empty": "the network is empty",
        "a standard network has one input layer, this one has 2": "{0}",
        "layer L4 is a conv2d layer, not a layer of neurons": "Convolution",
        "layer L1 feeds several layers (L2, L3): a link skips a layer": "(L2, L3)",
        "link K1 is not a full connection": "link K1",
        "layer L3 has several incoming links: a link skips a layer": "layer L3",
        "layer L9 is not on the path from input to output": "layer L9",
        "the network has no output layer": "no output layer",
    }
    assert len(samples) == len(_REASONS)
    for reason, part in samples.items():
        text = translated_reason(reason)
        assert part in text or part == "{0}" and text.endswith("has 2"), (reason, text)
    assert translated_reason("something new") == "something new"
