"""The lessons' comparisons: which variants a lesson trains side by side, and the outcome
each comparison states, checked headless.

A ``CompareSpec`` names the variants (``nnsim.model.compare.Variant``), the epochs, the
target loss of the table's "epochs to target", the document they vary (the lesson's own,
or another lesson's network and data) and a check of the stated outcome. ``nnsim compare
LESSON`` without ``--vary`` runs it; ``run_comparison`` returns a ``LessonResult``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from nnsim.lessons.result import LessonResult, fmt
from nnsim.model.compare import Comparison, Variant
from nnsim.model.document import NetworkDocument


@dataclass(frozen=True)
class CompareSpec:
    """One lesson's comparison.

    Attributes
    ----------
    lesson : str
        The lesson it belongs to.
    variants : tuple of Variant
    epochs : int or None
        None: the document's.
    target_loss : float or None
    base : str or None
        The lesson whose document the variants change (None: the lesson's own).
    base_changes : dict
        Settings changed on that document first (e.g. a learning rate).
    check : callable
        ``check(comparison, result)`` fills the LessonResult's lines and sets ``ok``.
    """

    lesson: str
    variants: tuple
    epochs: int | None = None
    target_loss: float | None = None
    base: str | None = None
    base_changes: dict = field(default_factory=dict)
    check: Callable | None = None

    def document(self) -> NetworkDocument:
        """The document the variants change."""
        from nnsim.lessons import load_lesson

        doc = load_lesson(self.base or self.lesson)
        if self.base_changes:
            doc.update_settings(**self.base_changes)
        return doc


def _check_bp_variants(cmp: Comparison, r: LessonResult) -> None:
    rows = {row.label: row for row in cmp.rows()}
    st, acc, mb = rows["standard"], rows["accumulated"], rows["minibatch"]
    ups = {lab: cmp.session(i).trainer.step for i, lab in enumerate(rows)}
    r.values = {
        lab: {"epochs_to_target": row.epochs_to_target, "loss": row.train_loss, "updates": ups[lab]}
        for lab, row in rows.items()
    }

    def when(row):
        return float("inf") if row.epochs_to_target is None else row.epochs_to_target

    r.ok = (
        mb.epochs_to_target is not None
        and when(mb) < when(acc)
        and when(st) <= when(mb)
        and not any(row.diverged for row in rows.values())
    )
    zh = {"standard": "标准 BP", "accumulated": "累积 BP", "minibatch": "小批量"}
    for lab, row in rows.items():
        reach = "never" if row.epochs_to_target is None else f"at epoch {row.epochs_to_target}"
        reach_zh = "未达到" if row.epochs_to_target is None else f"第 {row.epochs_to_target} 轮达到"
        r.add(
            f"{lab:11s}: {ups[lab]:5d} updates, error {cmp.target_loss:g} reached {reach}, "
            f"final error {fmt(row.train_loss, 4)}",
            f"{zh[lab]}：更新 {ups[lab]} 次，误差 {cmp.target_loss:g} {reach_zh}，"
            f"最终误差 {fmt(row.train_loss, 4)}",
        )
    r.add(
        "from the same initial weights, mini-batch BP reaches the target error in fewer epochs "
        "than accumulated BP (more updates per pass), standard BP in fewer still",
        "从同一组初始权重出发，小批量 BP 比累积 BP 用更少的轮数达到目标误差（每轮更新更多次），"
        "标准 BP 更快",
    )


def _check_overfitting(cmp: Comparison, r: LessonResult) -> None:
    rows = {row.label: row for row in cmp.rows()}
    none, l2, es = rows["none"], rows["L2"], rows["early stopping"]
    r.values = {
        lab: {"test_loss": row.test_loss, "status": row.status} for lab, row in rows.items()
    }
    r.ok = (
        es.status == "early_stopping"
        and l2.test_loss < none.test_loss
        and es.test_loss < none.test_loss
        and none.train_loss < min(l2.train_loss, es.train_loss)
    )
    zh = {"none": "不处理", "L2": "L2 正则化", "early stopping": "早停"}
    for lab, row in rows.items():
        r.add(
            f"{lab:14s}: training error {fmt(row.train_loss, 3)}, test error {fmt(row.test_loss, 3)}, "
            f"test accuracy {row.test_acc:.0%} ({row.status}, weights of epoch {row.epochs})",
            f"{zh[lab]}：训练误差 {fmt(row.train_loss, 3)}，测试误差 {fmt(row.test_loss, 3)}，"
            f"测试正确率 {row.test_acc:.0%}（第 {row.epochs} 轮的权重）",
        )
    r.add(
        "without a cure the training error is lowest but the test error highest; L2 and early "
        "stopping both end with a lower test error",
        "不处理时训练误差最低、测试误差却最高；L2 正则化与早停的测试误差都更低",
    )


def _check_activations(cmp: Comparison, r: LessonResult) -> None:
    rows = {row.label: row for row in cmp.rows()}
    r.values = {
        lab: {"test_acc": row.test_acc, "epochs_to_target": row.epochs_to_target}
        for lab, row in rows.items()
    }
    lin = rows["identity"]
    r.ok = (
        lin.test_acc <= 0.7
        and rows["tanh"].test_acc >= 0.95
        and rows["relu"].test_acc >= 0.95
        and rows["tanh"].epochs_to_target is not None
        and (
            rows["sigmoid"].epochs_to_target is None
            or rows["sigmoid"].epochs_to_target > rows["tanh"].epochs_to_target
        )
    )
    for lab, row in rows.items():
        reach = "—" if row.epochs_to_target is None else str(row.epochs_to_target)
        r.add(
            f"{lab:10s}: test accuracy {row.test_acc:.0%}, epochs to error {cmp.target_loss:g}: {reach}",
            f"{lab:10s}：测试正确率 {row.test_acc:.0%}，误差降到 {cmp.target_loss:g} 的轮数：{reach}",
        )
    r.add(
        "with the identity the network is linear and cannot separate the circle; tanh and ReLU "
        "can, and the sigmoid (outputs around 0.5, slopes ≤ 1/4) learns slower than tanh",
        "恒等激活时整个网络是线性的，分不开圆形数据；tanh 与 ReLU 可以；Sigmoid（输出在 0.5 附近，"
        "斜率不超过 1/4）比 tanh 学得慢",
    )


LR_VALUES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)


def _check_learning_rate(cmp: Comparison, r: LessonResult) -> None:
    rows = cmp.rows()
    lrs = [v.changes["lr"] for v in cmp.variants]
    div = [lr for lr, row in zip(lrs, rows) if row.diverged]
    fine = [(row.train_loss, lr) for lr, row in zip(lrs, rows) if not row.diverged]
    best_loss, best = min(fine)
    smallest = rows[0]
    r.values = {
        "diverged": div,
        "best_lr": best,
        "loss": {lr: row.train_loss for lr, row in zip(lrs, rows)},
    }
    r.ok = (
        len(div) >= 1
        and max(lrs) in div
        and min(lrs) not in div
        and min(lrs) < best < min(div)
        and smallest.train_loss > 10 * best_loss
    )
    for lr, row in zip(lrs, rows):
        if row.diverged:
            en = f"η = {lr:<6g}: DIVERGED ({cmp.results[lrs.index(lr)].message})"
            zh = f"η = {lr:<6g}：发散（恢复到第 {row.epochs} 轮的有限权重）"
        else:
            en = f"η = {lr:<6g}: final error {fmt(row.train_loss, 4)}"
            zh = f"η = {lr:<6g}：最终误差 {fmt(row.train_loss, 4)}"
        r.add(en, zh)
    r.add(
        f"η = {min(lrs):g} barely moves, η = {best:g} ends lowest, η ≥ {min(div):g} diverge",
        f"η = {min(lrs):g} 几乎不动，η = {best:g} 的误差最低，η ≥ {min(div):g} 发散",
    )


BP_VARIANTS = CompareSpec(
    "bp-variants",
    tuple(Variant(rule, {"rule": rule}) for rule in ("standard", "accumulated", "minibatch")),
    epochs=200,
    target_loss=0.13,
    check=_check_bp_variants,
)

LEARNING_RATE = CompareSpec(
    "learning-rate",
    tuple(Variant(f"η={lr:g}", {"lr": lr}) for lr in LR_VALUES),
    epochs=100,
    target_loss=0.01,
    check=_check_learning_rate,
)

OVERFITTING = CompareSpec(
    "overfitting",
    (
        Variant("none", {}),
        Variant("L2", {"reg": "l2"}),
        Variant("early stopping", {"early_stopping": True}),
    ),
    check=_check_overfitting,
)

ACTIVATIONS = CompareSpec(
    "activation-gallery",
    tuple(
        Variant(a, {"activation": a})
        for a in ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "identity")
    ),
    epochs=200,
    target_loss=0.05,
    base="playground-circle",
    base_changes={"lr": 0.3},
    check=_check_activations,
)


def comparison_spec(name) -> CompareSpec | None:
    """The comparison of lesson ``name`` (None when it has none or is no lesson)."""
    from nnsim.lessons import LessonError, get_lesson

    try:
        return get_lesson(name).comparison
    except LessonError:
        return None


def run_comparison(name: str, epochs: int | None = None) -> LessonResult:
    """Train lesson ``name``'s comparison and check the outcome it states."""
    from nnsim.lessons import load_lesson

    spec = comparison_spec(name)
    if spec is None:
        raise ValueError(f"lesson {name!r} has no comparison")
    meta = load_lesson(name).meta
    r = LessonResult(name, True, title_en=meta.title_en, title_zh=meta.title_zh)
    cmp = Comparison(spec.document(), spec.variants, target_loss=spec.target_loss)
    cmp.run(spec.epochs if epochs is None else epochs)
    r.values = {}
    spec.check(cmp, r)
    r.values["table"] = cmp.table()
    return r
