"""The interface reads the activation registry: a test-only activation (registered only by
the ``test_activation`` fixture) shows in the inspector's combos with its English and
Chinese names, sets a layer's activation, and the activation explorer plots it."""

import numpy as np
import pytest

from nnsim.engine import get_activation

HIDDEN = "L2"


def _item_text(combo, name):
    idx = combo.findData(name)
    assert idx >= 0, f"{name!r} is not in the combo"
    return combo.itemText(idx)


def test_inspector_combos_list_it_in_both_languages(window, test_activation):
    name = test_activation.name
    window.scene.layer_items[HIDDEN].setSelected(True)
    panel = window.inspector.current
    assert type(panel).__name__ == "NeuronLayerPanel"
    assert _item_text(panel.activation, name) == "Swish (test)"
    panel.activation.setCurrentIndex(panel.activation.findData(name))
    doc = window.document
    assert doc.layers[HIDDEN].activations == [name] * doc.layers[HIDDEN].size
    # the live preview computes with it: the hidden outputs are x·σ(x) of the net inputs
    window.live_preview.update_now()
    net, out = window.scene.neuron_values(HIDDEN, 0)
    assert out == pytest.approx(net / (1 + np.exp(-net)))
    window.set_language("zh_CN")
    assert _item_text(panel.activation, name) == "Swish 函数（测试）"
    window.scene.clearSelection()
    window.scene.neuron_item(HIDDEN, 0).setSelected(True)
    neuron = window.inspector.current
    assert neuron is window.inspector.neuron_panel
    assert neuron.activation.currentData() == name
    assert neuron.activation.currentText() == "Swish 函数（测试）"
    window.set_language("en")
    assert neuron.activation.currentText() == "Swish (test)"


def test_the_activation_explorer_plots_it(qtbot, test_activation):
    from nnsim.gui.plots.activation_explorer import ActivationExplorer

    name = test_activation.name
    ex = ActivationExplorer()
    qtbot.addWidget(ex)
    ex.combo.setCurrentIndex(ex.combo.findData(name))
    assert ex.combo.currentText() == "Swish (test)"
    assert not ex.param.isVisibleTo(ex)  # no parameter to set
    x, y = ex.f_curve.getData()
    _, dy = ex.df_curve.getData()
    np.testing.assert_array_equal(x, np.linspace(-8.0, 8.0, x.size))  # its own plot range
    np.testing.assert_allclose(y, x / (1 + np.exp(-x)), rtol=1e-14)
    np.testing.assert_allclose(dy, get_activation(name).derivative(x), rtol=1e-14)
    assert ex.activation() == name
