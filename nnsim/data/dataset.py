"""The Dataset container every data source returns, and the package's one error type."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

KINDS = ("binary", "multiclass", "regression", "sequence")


class DataError(ValueError):
    """Bad input to a data set (a parameter out of range, a corrupt file); the message says why."""


def as_rng(seed: int | np.random.Generator | None = 0) -> np.random.Generator:
    """Turn a seed into a NumPy random generator.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        An integer seed, an existing generator (returned as is) or None, which means seed 0:
        every data set in nnsim is reproducible unless the caller asks otherwise.

    Returns
    -------
    numpy.random.Generator
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        seed = 0
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise DataError(f"the random seed must be a whole number ≥ 0, not {seed!r}")
    return np.random.default_rng(int(seed))


@dataclass
class Dataset:
    """A data set: inputs, targets and the names a lecture shows for them.

    Attributes
    ----------
    x : numpy.ndarray
        Inputs, float64, shape (n, d), or (n, T, d) for a sequence set (float32 and uint8
        inputs are kept as given: MNIST can be loaded in either).
    y : numpy.ndarray
        Targets. ``binary`` and ``regression``: float64 column (n, 1) (binary holds 0.0/1.0).
        ``multiclass``: int64 class indices (n,). ``sequence``: either float64 (n, T, 1)
        (a value per time step) or int64 class indices (n,) (one class per sequence) or
        (n, T) (one class per time step).
    kind : str
        "binary", "multiclass", "regression" or "sequence".
    feature_names : list of str
        One English name per input feature (the last axis of ``x``).
    class_names : list of str or None
        English class names, indexed by the class number; None for regression targets.
    name : str
        Short registry name, e.g. "watermelon".
    title_zh, title_en : str
        Titles shown in the UI.
    feature_names_zh, class_names_zh : list of str or None
        Chinese names; None means "same as the English ones".
    target_name, target_name_zh : str
        What the target is called ("good melon", "好瓜").
    x_test, y_test : numpy.ndarray or None
        A held-out test part with the same layout as ``x`` and ``y``.
    image_shape : tuple of int or None
        (rows, cols) when each row of ``x`` is a flattened image (MNIST).
    """

    x: np.ndarray
    y: np.ndarray
    kind: str
    feature_names: list[str]
    class_names: list[str] | None = None
    name: str = ""
    title_zh: str = ""
    title_en: str = ""
    x_test: np.ndarray | None = None
    y_test: np.ndarray | None = None
    feature_names_zh: list[str] | None = None
    class_names_zh: list[str] | None = None
    target_name: str = "y"
    target_name_zh: str = "y"
    image_shape: tuple[int, int] | None = None
    notes: str = field(default="", repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise DataError(f"data set kind must be one of {', '.join(KINDS)}, not {self.kind!r}")
        self.x, self.y = self._checked(self.x, self.y, "x", "y")
        if (self.x_test is None) != (self.y_test is None):
            raise DataError("x_test and y_test must be given together")
        if self.x_test is not None:
            self.x_test, self.y_test = self._checked(self.x_test, self.y_test, "x_test", "y_test")
            if self.x_test.shape[-1] != self.x.shape[-1]:
                raise DataError(
                    f"x_test has {self.x_test.shape[-1]} input features, x has {self.x.shape[-1]}"
                )
        d = self.x.shape[-1]
        self.feature_names = list(self.feature_names)
        if len(self.feature_names) != d:
            raise DataError(f"{len(self.feature_names)} feature names for {d} input features")
        if self.feature_names_zh is not None and len(self.feature_names_zh) != d:
            raise DataError(f"{len(self.feature_names_zh)} Chinese feature names for {d} features")
        if self.class_names is not None:
            self.class_names = list(self.class_names)
            if self.kind == "binary" and len(self.class_names) != 2:
                raise DataError("a binary data set needs exactly two class names")
            if self.class_names_zh is not None and len(self.class_names_zh) != len(
                self.class_names
            ):
                raise DataError("class_names_zh must have as many entries as class_names")
            for yy in (self.y, self.y_test):
                if yy is not None and yy.dtype.kind == "i" and yy.size:
                    if yy.min() < 0 or yy.max() >= len(self.class_names):
                        raise DataError(
                            f"class indices must lie in 0..{len(self.class_names) - 1}, "
                            f"found {yy.min()}..{yy.max()}"
                        )
        elif self.kind in ("binary", "multiclass") or self.y.dtype.kind == "i":
            raise DataError(f"a {self.kind} data set with class targets needs class names")

    def _checked(self, x, y, xname: str, yname: str) -> tuple[np.ndarray, np.ndarray]:
        # Targets are stored in exactly one layout per kind, so the engine never has to guess.
        x = np.asarray(x)
        # float64 by default; float32 and raw uint8 grey levels (MNIST) are kept as asked.
        if x.dtype not in (np.float64, np.float32, np.uint8):
            x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y)
        want_ndim = 3 if self.kind == "sequence" else 2
        if x.ndim != want_ndim:
            raise DataError(
                f"{xname} of a {self.kind} data set must have {want_ndim} axes, not shape {x.shape}"
            )
        n = x.shape[0]
        if n == 0:
            raise DataError(f"{xname} holds no samples")
        if y.shape[:1] != (n,):
            raise DataError(f"{xname} has {n} samples but {yname} has shape {y.shape}")
        if self.kind in ("binary", "regression"):
            y = np.asarray(y, dtype=np.float64).reshape(n, -1)
            if y.shape != (n, 1):
                raise DataError(f"{yname} of a {self.kind} data set must be a column (n, 1)")
            if self.kind == "binary" and not np.isin(y, (0.0, 1.0)).all():
                raise DataError(f"{yname} of a binary data set must hold only 0 and 1")
        elif self.kind == "multiclass":
            y = _as_int_labels(y, yname)
            if y.ndim != 1:
                raise DataError(f"{yname} of a multi-class data set must be class indices (n,)")
        else:  # sequence
            if y.ndim == 3:
                y = np.asarray(y, dtype=np.float64)
            elif y.ndim in (1, 2):
                y = _as_int_labels(y, yname)
            else:
                raise DataError(
                    f"{yname} of a sequence data set must be (n, T, k) values or integer classes"
                )
        if x.dtype != np.uint8 and not np.isfinite(x).all():
            raise DataError(f"{xname} contains NaN or infinite values")
        if y.dtype.kind == "f" and not np.isfinite(y).all():
            raise DataError(f"{yname} contains NaN or infinite values")
        return x, y

    # -- facts -------------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.x.shape[0])

    @property
    def n_samples(self) -> int:
        """Number of training samples (rows of ``x``)."""
        return int(self.x.shape[0])

    @property
    def n_features(self) -> int:
        """Number of input features per sample (per time step for sequences)."""
        return int(self.x.shape[-1])

    @property
    def n_classes(self) -> int | None:
        """Number of classes, or None for regression targets."""
        return None if self.class_names is None else len(self.class_names)

    @property
    def target_kind(self) -> str:
        """What the targets are: "binary", "multiclass" or "regression".

        Equal to ``kind`` except for sequence sets, where integer targets are classes
        (parity, rise/fall, next character) and float targets are values (the sine wave).
        """
        if self.kind != "sequence":
            return self.kind
        return "regression" if self.y.dtype.kind == "f" else "multiclass"

    @property
    def has_test(self) -> bool:
        """Whether a held-out test part is attached."""
        return self.x_test is not None

    def labels(self) -> np.ndarray | None:
        """Integer class of every training sample (n,), or None for value targets."""
        if self.target_kind == "regression":
            return None
        if self.kind == "binary":
            return self.y[:, 0].astype(np.int64)
        if self.y.ndim != 1:
            return None  # one class per time step: no single label per sample
        return self.y

    def names(self, lang: str = "en") -> tuple[list[str], list[str] | None]:
        """Feature and class names in "en" or "zh" (falling back to English)."""
        if lang == "zh":
            return (
                list(self.feature_names_zh or self.feature_names),
                list(self.class_names_zh or self.class_names or []) or None,
            )
        return list(self.feature_names), self.class_names

    def title(self, lang: str = "en") -> str:
        """The title in "en" or "zh"."""
        return (self.title_zh or self.title_en) if lang == "zh" else (self.title_en or self.name)

    # -- derived sets --------------------------------------------------------------------------
    def _with(self, x, y, x_test=None, y_test=None) -> Dataset:
        return dataclasses.replace(self, x=x, y=y, x_test=x_test, y_test=y_test)

    def take(self, indices) -> Dataset:
        """A data set made of the given training rows (the test part is dropped)."""
        idx = np.asarray(indices, dtype=np.int64)
        return self._with(self.x[idx], self.y[idx])

    def test_set(self) -> Dataset:
        """The attached test part as a data set of its own."""
        if self.x_test is None:
            raise DataError(f"the data set {self.name!r} has no test part")
        return self._with(self.x_test, self.y_test)

    def split(
        self,
        train_fraction: float = 0.5,
        rng: int | np.random.Generator | None = 0,
        stratified: bool = False,
    ) -> tuple[Dataset, Dataset]:
        """Shuffle the training rows and cut them into a training and a test part.

        Parameters
        ----------
        train_fraction : float
            Share of the rows that go to the training part, strictly between 0 and 1.
            The training part gets ``floor(n * train_fraction)`` rows, as TensorFlow
            Playground does; both parts must end up non-empty.
        rng : int, numpy.random.Generator or None
            Seed or generator for the shuffle.
        stratified : bool
            Keep each class's share equal in both parts (classification sets only).

        Returns
        -------
        (Dataset, Dataset)
            The training part and the test part (neither carries a further test part).
        """
        train_fraction = float(train_fraction)
        if not 0.0 < train_fraction < 1.0:
            raise DataError(f"train_fraction must lie between 0 and 1, not {train_fraction}")
        n = len(self)
        n_train = int(np.floor(n * train_fraction + 1e-9))
        if n_train < 1 or n_train > n - 1:
            raise DataError(
                f"splitting {n} samples with train_fraction {train_fraction} leaves an empty part"
            )
        gen = as_rng(rng)
        labels = self.labels() if stratified else None
        if labels is None:
            perm = gen.permutation(n)
            train_idx, test_idx = perm[:n_train], perm[n_train:]
        else:
            train_idx = _stratified_pick(labels, n_train, gen)
            mask = np.ones(n, dtype=bool)
            mask[train_idx] = False
            test_idx = gen.permutation(np.flatnonzero(mask))
            train_idx = gen.permutation(train_idx)
        return self.take(train_idx), self.take(test_idx)

    def subset(
        self,
        n: int,
        rng: int | np.random.Generator | None = 0,
        stratified: bool = True,
    ) -> Dataset:
        """A random subset of ``n`` training rows, in their original order.

        Parameters
        ----------
        n : int
            Number of rows to keep, 1 ≤ n ≤ len(self).
        rng : int, numpy.random.Generator or None
            Seed or generator.
        stratified : bool
            Keep each class's share (largest-remainder rounding); ignored for value targets.

        Returns
        -------
        Dataset
            The subset; the test part, if any, is kept unchanged.
        """
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
            raise DataError(f"the subset size must be a whole number, not {n!r}")
        if not 1 <= n <= len(self):
            raise DataError(f"the subset size must lie in 1..{len(self)}, not {n}")
        gen = as_rng(rng)
        labels = self.labels() if stratified else None
        if labels is None:
            idx = np.sort(gen.choice(len(self), size=int(n), replace=False))
        else:
            idx = np.sort(_stratified_pick(labels, int(n), gen))
        return self._with(self.x[idx], self.y[idx], self.x_test, self.y_test)


def _as_int_labels(y: np.ndarray, yname: str) -> np.ndarray:
    y = np.asarray(y)
    if y.dtype.kind == "f":
        if not np.all(np.isfinite(y)) or not np.all(y == np.round(y)):
            raise DataError(f"{yname} must hold whole class numbers")
    elif y.dtype.kind not in "iub":
        raise DataError(f"{yname} must hold class numbers, not {y.dtype}")
    return y.astype(np.int64)


def _stratified_pick(labels: np.ndarray, n: int, gen: np.random.Generator) -> np.ndarray:
    """Indices of ``n`` rows with each class's share kept (largest-remainder rounding)."""
    classes, counts = np.unique(labels, return_counts=True)
    exact = n * counts / counts.sum()
    take = np.floor(exact).astype(np.int64)
    # Hand the rows lost to rounding to the classes with the largest remainders;
    # a stable sort makes ties go to the lower class number, so the result is reproducible.
    order = np.argsort(-(exact - take), kind="stable")
    for k in order[: n - int(take.sum())]:
        take[k] += 1
    parts = [
        gen.choice(np.flatnonzero(labels == c), size=int(t), replace=False)
        for c, t in zip(classes, take)
    ]
    return np.concatenate(parts).astype(np.int64)
