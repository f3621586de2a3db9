"""The worked example calls one quantity "the error": E = ½(ŷ − y)², the number its step
prints (0.0181039), in the goal and in the outcome, in English and Chinese; the course's
0.190283 → 0.182019 is named as the distance to the target |ŷ − y|."""

from nnsim.engine.notation import fmt
from nnsim.lessons import load_lesson, run


def test_goal_and_outcome_name_error_and_distance_apart():
    r = run("bp-worked-example")
    d0, d1 = r.values["error"], r.values["error_after"]
    e0, e1 = fmt(0.5 * d0**2), fmt(0.5 * d1**2)
    assert (e0, e1) == ("0.0181039", "0.0165654")
    # the step's own error line prints the same E
    assert any(line.endswith(f"= {e0}") and "E = ½(ŷ_1 − y_1)²" in line for line in r.lines_en)
    meta = load_lesson("bp-worked-example").meta
    en = f"the error E = ½(ŷ − y)² falls from {e0} to {e1}"
    zh = f"误差 E = ½(ŷ − y)² 从 {e0} 降到 {e1}"
    assert en in meta.goal_en and f"|ŷ − y| from {fmt(d0)} to {fmt(d1)}" in meta.goal_en
    assert zh in meta.goal_zh and f"|ŷ − y| 从 {fmt(d0)} 降到 {fmt(d1)}" in meta.goal_zh
    assert en in r.summary("en") and zh in r.summary("zh")
    # never "the error" for |ŷ − y|
    assert "error falls from 0.190283" not in meta.goal_en + r.summary("en")
    assert "误差从 0.190283" not in meta.goal_zh + r.summary("zh")
