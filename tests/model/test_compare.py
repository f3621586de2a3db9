"""Comparisons: every variant's history is the one its own Session gives, bit for bit."""

import numpy as np
import pytest

from nnsim.api import lesson
from nnsim.model.compare import CompareError, Comparison, Variant, apply, grid, parse_values
from nnsim.model.session import Session


def test_values_parse_lists_ranges_and_name_what_is_wrong():
    assert parse_values("lr", "0.003, 0.03,0.3") == [0.003, 0.03, 0.3]
    assert parse_values("seed", "0-3") == [0, 1, 2, 3]
    assert parse_values("seed", "5,7-8") == [5, 7, 8]
    assert parse_values("early_stopping", "0,1") == [False, True]
    with pytest.raises(CompareError, match="cannot vary 'colour'; choose from lr"):
        parse_values("colour", "red")
    with pytest.raises(CompareError, match="--vary lr: 'fast' is not a valid value"):
        parse_values("lr", "0.1,fast")
    with pytest.raises(CompareError, match="--vary seed: '3-1' is not a valid value"):
        parse_values("seed", "3-1")


def test_grid_labels_and_order():
    vs = grid({"lr": [0.1, 1.0], "seed": [0, 1]})
    assert [v.label for v in vs] == [
        "lr=0.1, seed=0",
        "lr=0.1, seed=1",
        "lr=1, seed=0",
        "lr=1, seed=1",
    ]


def test_each_variant_equals_its_own_session_bit_for_bit():
    doc = lesson("playground-circle")
    variants = grid({"lr": [0.03, 0.3], "seed": [0, 1], "activation": ["tanh", "relu"]})
    cmp = Comparison(doc, variants)
    assert len(cmp.units) == 1  # one stack for all eight
    cmp.run(15)
    for i, v in enumerate(variants):
        s = Session(apply(doc, v))
        s.reset_weights()  # the variant sets a seed: weights drawn from it
        s.train_epochs(15)
        h, mine = s.history, cmp.history(i)
        np.testing.assert_array_equal(h.weights, mine.weights)
        np.testing.assert_array_equal(h.train_loss, mine.train_loss)
        np.testing.assert_array_equal(h.val_acc, mine.val_acc)
        np.testing.assert_array_equal(h.val_loss, cmp.column(i, "val_loss"))
        # the variant as a network: the same weights as the engine's replica
        d = cmp.document(i)
        np.testing.assert_array_equal(Session(d).network.theta, cmp.weights(i))
        np.testing.assert_array_equal(cmp.weights(i), s.network.theta)
        grid_pts = np.array([[0.5, -1.0], [2.0, 3.0]])
        np.testing.assert_array_equal(
            cmp.network(i).forward_grid(grid_pts)["L4"], s.network.forward_grid(grid_pts)["L4"]
        )


def test_without_a_seed_every_variant_starts_from_the_documents_weights():
    doc = lesson("bp-variants")
    cmp = Comparison(doc, grid({"rule": ["standard", "accumulated", "minibatch"]}))
    assert len(cmp.units) == 3  # one schedule each
    cmp.run(3)
    first = [cmp.history(i).weights[0] for i in range(3)]
    np.testing.assert_array_equal(first[0], first[1])
    np.testing.assert_array_equal(first[0], first[2])
    np.testing.assert_array_equal(first[0], Session(doc).network.theta)
    assert [cmp.session(i).trainer.step for i in range(3)] == [51, 3, 15]


def test_a_variant_that_cannot_be_stacked_trains_on_its_own():
    doc = lesson("perceptron-and-or-not")
    variants = [Variant("a", {"lr": 1.0}), Variant("b", {"lr": 0.5})]
    cmp = Comparison(doc, variants)
    assert all(rt is None for _, rt in cmp.units)  # the perceptron rule
    steps = list(cmp.iter_epochs(3))
    assert steps[0].variants == (0, 1)
    for i, v in enumerate(variants):
        s = Session(apply(doc, v))
        res = s.train_epochs(3)
        assert (res.status, res.message) == (cmp.results[i].status, cmp.results[i].message)
        np.testing.assert_array_equal(s.history.weights, cmp.history(i).weights)


def test_steps_report_recorded_and_ended_variants_and_the_table_marks_divergence():
    doc = lesson("learning-rate")
    cmp = Comparison(doc, grid({"lr": [0.03, 10.0]}), target_loss=0.05)
    steps = list(cmp.iter_epochs(30))
    assert steps[0].variants == (0, 1)
    assert (steps[0].kind, steps[1].kind, steps[1].epoch, steps[-1].epoch) == (
        "init",
        "epoch",
        1,
        30,
    )
    ended = [s.ended for s in steps if s.ended]
    assert ended[0] == (1,)  # η = 10 stopped, η = 0.03 went on
    assert steps[-1].variants == (0,)
    rows = cmp.rows()
    assert [r.diverged for r in rows] == [False, True]
    assert rows[0].epochs == 30 and rows[1].epochs < 30
    assert "DIVERGED" in cmp.table().splitlines()[-1]
    # the table's texts, one place for the text table and the view's (own label, status)
    r = rows[0]
    assert r.cells() == (
        "lr=0.03",
        "30",
        str(r.epochs_to_target),
        f"{r.train_loss:.4g}",
        "—",
        f"{r.test_loss:.4g}",
        "—",
        r.status,
    )
    assert rows[1].cells()[-1] == "DIVERGED"
    assert rows[1].cells("η = 10", "发散")[::7] == ("η = 10", "发散")
    assert cmp.csv().splitlines()[0].startswith("setting,epochs,epochs_to_target,")


def test_bad_variants_are_named():
    doc = lesson("playground-circle")
    with pytest.raises(CompareError, match="variant 'x'"):
        Comparison(doc, [Variant("x", {"rule": "sideways"})])
    with pytest.raises(CompareError, match="at least one variant"):
        Comparison(doc, [])


def test_hidden_sizes_run_as_one_stack_per_size():
    doc = lesson("playground-circle")
    variants = grid({"hidden": [3, 5], "lr": [0.03, 0.3]})
    cmp = Comparison(doc, variants)
    assert sorted(len(g) for g, _ in cmp.units) == [2, 2]
    cmp.run(4)
    for i, v in enumerate(variants):
        d = apply(doc, v)
        assert [d.layers[lid].size for lid in ("L2", "L3")] == [v.changes["hidden"]] * 2
        s = Session(d)
        s.reset_weights()
        s.train_epochs(4)
        np.testing.assert_array_equal(s.history.weights, cmp.history(i).weights)


def test_the_model_api_example_runs():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "MODEL_API.md").read_text("utf-8")
    section = text.split("## Variants side by side", 1)[1].split("\n## ", 1)[0]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    ns: dict = {}
    exec(compile(code.replace("epochs=100", "epochs=5"), "MODEL_API.md", "exec"), ns)
    assert len(ns["h"]) == 6 and ns["lr_lesson"].rows()[-1].diverged


def test_outputs_of_every_variant_come_from_one_pass_per_stack_and_match_each_network():
    doc = lesson("playground-circle")
    # activations interleaved: each stack holds scattered rows of each activation
    variants = grid({"hidden": [3, 4], "seed": [0, 1], "activation": ["tanh", "relu", "sigmoid"]})
    cmp = Comparison(doc, variants)
    assert sorted(len(g) for g, _ in cmp.units) == [6, 6]
    cmp.run(3)
    pts = np.random.default_rng(0).uniform(-6, 6, (200, 2)).astype(np.float32)
    outs = cmp.outputs(pts)
    assert len(outs) == 12 and len(cmp.outputs(pts, 5)) == 5
    for i, out in enumerate(outs):
        net = cmp.network(i)
        alone = net.forward_grid(pts, dtype=np.float32)[net.output_names[0]]
        assert out.shape == (200, 1) and out.dtype == np.float32
        np.testing.assert_allclose(out, alone, rtol=1e-5, atol=1e-6)
    # the variants differ: not one network's picture twelve times
    assert len({round(float(o.sum()), 3) for o in outs}) == 12


def test_outputs_of_a_variant_on_its_own_are_its_networks():
    doc = lesson("perceptron-and-or-not")
    cmp = Comparison(doc, [Variant("a", {"lr": 1.0}), Variant("b", {"lr": 0.5})])
    cmp.run(2)
    pts = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32)
    for i, out in enumerate(cmp.outputs(pts)):
        net = cmp.network(i)
        np.testing.assert_array_equal(out, net.forward_grid(pts)[net.output_names[0]])
