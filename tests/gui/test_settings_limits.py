"""The training panel's controls take their ranges from the settings rules the loader
uses, so a file at the rules' limits opens and shows its values, and undoing a change of
data set brings its parameters back."""

import pytest

from nnsim.model.fileformat import loads
from nnsim.model.settings_rules import MAX_SEED, PLAYGROUND_PARAMS, SETTINGS_RULES
from nnsim.paths import resource


@pytest.fixture
def window(training_window):
    """The main window with training installed (``training_window`` in conftest.py)."""
    return training_window


def test_controls_read_the_rules(window):
    panel = window.training_ui.panel
    p, s = PLAYGROUND_PARAMS, SETTINGS_RULES
    window.open_lesson("playground-circle")
    assert (panel.data.n_points.minimum(), panel.data.n_points.maximum()) == (
        p["n_points"].lo,
        p["n_points"].hi,
    )
    assert (panel.data.noise.minimum(), panel.data.noise.maximum()) == (0, 50)
    assert (panel.data.split.minimum(), panel.data.split.maximum()) == (10, 90)
    assert panel.data.data_seed.maximum() == panel.weights.seed.maximum() == MAX_SEED
    assert panel.rules.batch.maximum() == s["batch_size"].hi
    assert panel.rules.patience.maximum() == s["patience"].hi
    assert panel.rules.epochs.maximum() == s["epochs"].hi
    assert panel.rules.val_share.maximum() == round(s["validation_fraction"].hi * 100)


def test_a_file_at_the_limits_opens_and_shows_them(window):
    text = resource("lessons", "overfitting.nnsim").read_text(encoding="utf-8")
    for old, new in [
        ('"n_points": 60', '"n_points": 10'),  # the lower limit: 100000 takes seconds to draw
        ('"seed": 2', f'"seed": {MAX_SEED}'),
        ('"seed": 4', f'"seed": {MAX_SEED}'),
        ('"epochs": 600', '"epochs": 10000000'),
        ('"batch_size": 10', '"batch_size": 100000'),
        ('"patience": 40', '"patience": 100000'),
        ('"validation_fraction": 0.0', '"validation_fraction": 0.9'),
    ]:
        text = text.replace(old, new)
    window.set_document(loads(text))
    panel = window.training_ui.panel
    assert panel.data.n_points.value() == 10
    assert panel.data.data_seed.value() == panel.weights.seed.value() == MAX_SEED
    assert panel.rules.epochs.value() == 10_000_000 and panel.rules.batch.value() == 100000
    assert panel.rules.patience.value() == 100000 and panel.rules.val_share.value() == 90
    assert panel.data.noise.value() == 50 and panel.data.split.value() == 50


def test_undoing_a_new_data_set_brings_back_its_parameters(window):
    window.open_lesson("overfitting")
    panel = window.training_ui.panel
    before = dict(window.document.settings.dataset_params)
    panel.data._dataset_chosen(panel.data.dataset.findData("xor"))
    assert window.document.settings.dataset == "xor"
    assert window.document.settings.dataset_params == {}
    window.undo_stack.undo()
    assert window.document.settings.dataset == "gauss"
    assert window.document.settings.dataset_params == before


BAD = [
    ('"n_points": 60', '"n_points": 1e309', "settings.dataset_params.n_points"),
    ('"n_points": 60', '"n_points": -1e309', "settings.dataset_params.n_points"),
    ('"n_points": 60', f'"n_points": {2**40}', "settings.dataset_params.n_points"),
    ('"noise": 50', '"noise": "abc"', "settings.dataset_params.noise"),
    ('"train_fraction": 0.5', '"train_fraction": null', "settings.dataset_params.train_fraction"),
    ('"seed": 2', '"seed": 1e300', "settings.dataset_params.seed"),
]


def test_bad_settings_are_refused_and_the_network_stays(window, monkeypatch, tmp_path):
    """The issue's values, which raised inside the panel, now stop at the loader's message."""
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    text = resource("lessons", "overfitting.nnsim").read_text(encoding="utf-8")
    window.open_lesson("playground-circle")
    before = window.document.copy()
    for k, (old, new, field) in enumerate(BAD):
        bad = tmp_path / f"bad{k}.nnsim"
        bad.write_text(text.replace(old, new), encoding="utf-8")
        assert not window.open_file(bad, ask=False)
        assert len(shown) == k + 1 and f"bad{k}.nnsim: {field}: " in shown[-1]
        assert window.document == before
