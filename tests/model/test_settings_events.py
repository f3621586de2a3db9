"""Per-field settings events: each changed field once, with old and new, after the change."""

import pytest

from nnsim.data import read_table
from nnsim.model.datasection import make_section
from nnsim.model.document import DocumentError, NetworkDocument
from nnsim.model.events import FieldChange, FieldEvents
from nnsim.paths import resource


def listen(doc, field=None):
    """Record (field, old, new, what the document held then) and the coarse signals."""
    heard = []

    def on_change(c):
        heard.append((c.field, c.old, c.new, getattr(doc.settings, c.field, doc.data)))

    doc.settings_events.subscribe(on_change, field)
    doc.settings_changed.connect(lambda: heard.append("settings_changed"))
    doc.reset.connect(lambda: heard.append("reset"))
    return heard


def small_doc():
    doc = NetworkDocument()
    x = doc.add_layer("input", 2)
    y = doc.add_layer("dense", 1)
    doc.connect(x, y)
    return doc


def test_one_operation_emits_each_changed_field_once_after_the_whole_change():
    doc = small_doc()
    seen_rule = []
    doc.settings_events.subscribe(lambda c: seen_rule.append(doc.settings.rule), "lr")
    heard = listen(doc)
    doc.update_settings(lr=0.5, rule="minibatch", batch_size=10)  # batch_size was 10 already
    assert heard == [  # in the order of the Settings fields
        ("rule", "standard", "minibatch", "minibatch"),
        ("lr", 0.1, 0.5, 0.5),
        "settings_changed",
    ]
    assert seen_rule == ["minibatch"]  # the lr event came after rule was written too


def test_a_field_subscription_hears_only_its_field():
    doc = small_doc()
    heard = listen(doc, "seed")
    doc.update_settings(lr=0.3)
    doc.update_settings(seed=5, lr=0.2)
    assert [h for h in heard if h != "settings_changed"] == [("seed", 0, 5, 5)]
    with pytest.raises(ValueError, match="there is no field 'colour'"):
        doc.settings_events.subscribe(print, "colour")


def test_a_new_data_set_also_reports_the_parameters_it_carries():
    doc = small_doc()
    doc.update_settings(dataset="circle", dataset_params={"n_points": 100, "noise": 0.1})
    heard = listen(doc)
    doc.update_settings(dataset="gauss")  # takes the same parameters: they stay, unsaid
    assert heard == [("dataset", "circle", "gauss", "gauss"), "settings_changed"]
    heard.clear()
    doc.update_settings(dataset="xor")  # takes none: they go
    assert heard == [
        ("dataset", "gauss", "xor", "xor"),
        ("dataset_params", {"n_points": 100, "noise": 0.1}, {}, {}),
        "settings_changed",
    ]


def test_a_refused_change_emits_nothing():
    doc = small_doc()
    heard = listen(doc)
    with pytest.raises(DocumentError):
        doc.update_settings(lr=0.5, batch_size=0)
    assert heard == [] and doc.settings.lr == 0.1


def test_keeping_a_table_is_a_data_event():
    doc = small_doc()
    section = make_section(
        read_table(resource("datasets", "watermelon", "watermelon3.0alpha.csv")), target="好瓜"
    )
    heard = listen(doc)
    doc.set_data(section)
    assert heard == [("data", None, section, section), "settings_changed"]
    heard.clear()
    doc.set_data(section)  # the same table again: nothing changed
    assert heard == ["settings_changed"]


def test_undo_and_redo_of_a_snapshot_that_changed_settings_emit_them():
    doc = small_doc()
    before = doc.snapshot()
    doc.add_layer("dense", 3)
    doc.update_settings(lr=0.7, init="xavier")
    after = doc.snapshot()
    heard = listen(doc)
    doc.restore(before)  # undo
    assert heard == [
        ("lr", 0.7, 0.1, 0.1),
        ("init", "xavier", "uniform01", "uniform01"),
        "reset",
    ]
    heard.clear()
    doc.restore(after)  # redo
    assert heard == [("lr", 0.1, 0.7, 0.7), ("init", "uniform01", "xavier", "xavier"), "reset"]
    heard.clear()
    doc.restore(after)  # the same settings: a reset, no settings event
    assert heard == ["reset"]


def test_subscribers_survive_a_restore_and_can_leave():
    doc = small_doc()
    snap = doc.snapshot()
    heard = []
    cb = doc.settings_events.subscribe(heard.append, "lr")
    doc.update_settings(lr=0.4)
    doc.restore(snap)  # the settings object is replaced; the events stay the document's
    doc.update_settings(lr=0.6)
    assert [(c.old, c.new) for c in heard] == [(0.1, 0.4), (0.4, 0.1), (0.1, 0.6)]
    doc.settings_events.unsubscribe(cb, "lr")
    doc.update_settings(lr=0.9)
    assert len(heard) == 3


def test_field_events_on_their_own():
    ev = FieldEvents(["a", "b"])
    got = []
    ev.subscribe(got.append)
    ev.emit([FieldChange("b", 1, 2), FieldChange("a", None, "x")])
    assert got == [FieldChange("b", 1, 2), FieldChange("a", None, "x")]
    assert ev.names == ("a", "b")
