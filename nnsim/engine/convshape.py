"""Output size of a convolution or pooling window, (N − F + 2P)/S + 1, in one place.

The layers, their errors and the GUI's size labels all call :func:`conv_output_size`
and :func:`conv_output_formula`, so the number a student reads on screen is the number
the engine computes, and a size that does not fit is refused with the same formula.
"""

from __future__ import annotations

from fractions import Fraction

from nnsim.engine.errors import NetworkError


class ConvShapeError(NetworkError):
    """A window (kernel or pooling) does not fit its input: (N − F + 2P)/S + 1 is not a
    whole number ≥ 1, or a size, stride or padding is out of range."""


def _check_int(name: str, value, minimum: int) -> int:
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise ConvShapeError(f"the {name} must be a whole number, not {value!r}")
    value = int(value)
    if value < minimum:
        raise ConvShapeError(f"the {name} must be ≥ {minimum}, not {value}")
    return value


def _fmt(q: Fraction) -> str:
    if q.denominator == 1:
        return str(q.numerator)
    return f"{float(q):.2f}"


def conv_output_formula(n, f, stride=1, padding=0) -> str:
    """The output-size formula with the numbers filled in, for labels and messages.

    Parameters
    ----------
    n, f, stride, padding : int
        Input size N, window size F, stride S and zero padding P along one axis.

    Returns
    -------
    str
        E.g. ``"(7 − 3 + 2·0)/2 + 1 = 3"`` or ``"(7 − 3 + 2·0)/3 + 1 = 2.33"``.

    Examples
    --------
    >>> conv_output_formula(7, 3, 3)
    '(7 − 3 + 2·0)/3 + 1 = 2.33'
    """
    n = _check_int("input size N", n, 1)
    f = _check_int("window size F", f, 1)
    s = _check_int("stride S", stride, 1)
    p = _check_int("padding P", padding, 0)
    value = Fraction(n - f + 2 * p, s) + 1
    return f"({n} − {f} + 2·{p})/{s} + 1 = {_fmt(value)}"


def conv_output_size(n, f, stride=1, padding=0) -> int:
    """Output size (N − F + 2P)/S + 1 of a window sliding along one axis.

    Parameters
    ----------
    n : int
        Input size N (≥ 1).
    f : int
        Window (kernel or pool) size F (≥ 1).
    stride : int
        Stride S (≥ 1).
    padding : int
        Zero padding P added at each end (≥ 0).

    Returns
    -------
    int
        The output size.

    Raises
    ------
    ConvShapeError
        When the window is larger than the padded input or the windows do not tile
        the input exactly; the message shows the formula with the numbers (a window
        that does not fit is never silently cropped).

    Examples
    --------
    >>> conv_output_size(7, 3, 1), conv_output_size(7, 3, 2)
    (5, 3)
    """
    text = conv_output_formula(n, f, stride, padding)
    n, f, s, p = int(n), int(f), int(stride), int(padding)
    if f > n + 2 * p:
        raise ConvShapeError(
            f"a window of size {f} is larger than the input of size {n}"
            + (f" padded by {p} on each side ({n + 2 * p})" if p else "")
            + f": {text}"
        )
    if (n - f + 2 * p) % s:
        raise ConvShapeError(
            f"the window does not fit: output size {text} is not a whole number "
            f"(input {n}, window {f}, stride {s}, padding {p}); "
            "change the stride or the padding"
        )
    return (n - f + 2 * p) // s + 1


def conv_output_shape(in_size, kernel, stride, padding) -> tuple[int, ...]:
    """:func:`conv_output_size` along each spatial axis.

    Parameters
    ----------
    in_size, kernel, stride, padding : sequence of int
        One entry per spatial axis (length 1 for 1-D, 2 for 2-D).

    Returns
    -------
    tuple of int
    """
    return tuple(
        conv_output_size(n, f, s, p) for n, f, s, p in zip(in_size, kernel, stride, padding)
    )
