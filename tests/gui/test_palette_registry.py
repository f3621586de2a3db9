"""The palette is filled from the layer-kind registry: a kind registered with a palette entry
(the test-only ``double_test``) gets a button titled with its label and a tooltip from its
entry, in English and Chinese; dropping it makes a layer of that kind; unregistered, it is gone."""

import dataclasses

from PySide6.QtCore import QPointF

from nnsim.model.layer_kinds import (
    LAYER_KINDS,
    PALETTE_KINDS,
    PaletteEntry,
    register_layer_kind,
    unregister_layer_kind,
)

ENTRY = PaletteEntry("Doubles every input (test)", "把每个输入加倍（测试）", icon="box")


def test_the_builtin_layer_buttons_are_the_registry_s(qtbot):
    from nnsim.gui.palette import Palette

    palette = Palette(available_kinds=LAYER_KINDS)
    qtbot.addWidget(palette)
    layers = [
        n for n in palette.buttons if n not in ("input_neuron", "neuron", "output_neuron", "bias")
    ]
    assert layers == ["dense", "maxout", "conv2d", "maxpool", "flatten", "rnn"]
    assert layers == list(PALETTE_KINDS)
    assert palette.buttons["maxpool"].text() == "Max pooling"
    assert palette.buttons["maxpool"].toolTip() == "A 2×2 max-pooling layer"
    assert palette.buttons["rnn"].text() == "Recurrent (RNN)"


def test_a_registered_kind_is_in_the_palette(window, qtbot, test_layer_kind):
    from nnsim.gui.palette import Palette

    name = test_layer_kind.name
    register_layer_kind(dataclasses.replace(test_layer_kind, palette=ENTRY), replace=True)
    try:
        palette = Palette(available_kinds=LAYER_KINDS)
        qtbot.addWidget(palette)
        button = palette.buttons[name]
        assert list(palette.buttons)[-1] == name  # after the built-in kinds
        assert button.isEnabled()
        assert button.text() == "Doubler (test)"
        assert button.toolTip() == "Doubles every input (test)"
        window.set_language("zh_CN")
        try:
            assert button.text() == "加倍层（测试）"
            assert button.toolTip() == "把每个输入加倍（测试）"
            assert palette.buttons["neuron"].text() == "神经元"  # the .ts-translated items too
            assert palette.buttons["dense"].toolTip() == "含三个神经元的全连接层"
        finally:
            window.set_language("en")
        assert button.toolTip() == "Doubles every input (test)"

        # A click asks for the item by the kind's name; the editor makes such a layer.
        with qtbot.waitSignal(palette.activated) as clicked:
            button.click()
        assert clicked.args == [name]
        before = set(window.document.layers)
        lid = window.editor.drop_palette_item(name, QPointF(0, 400))
        assert set(window.document.layers) - before == {lid}
        assert window.document.layers[lid].kind == name
    finally:
        unregister_layer_kind(name)
    again = Palette(available_kinds=LAYER_KINDS)
    qtbot.addWidget(again)
    assert name not in again.buttons
    assert "rnn" in again.buttons


def test_a_kind_without_a_palette_entry_is_not_offered(qtbot, test_layer_kind):
    from nnsim.gui.palette import Palette

    palette = Palette(available_kinds=LAYER_KINDS)
    qtbot.addWidget(palette)
    assert test_layer_kind.name in LAYER_KINDS
    assert test_layer_kind.name not in palette.buttons
    assert "avgpool" not in palette.buttons and "conv1d" not in palette.buttons
