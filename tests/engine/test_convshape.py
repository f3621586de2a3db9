"""Output size (N − F + 2P)/S + 1: the course's 7×7 / 3×3 numbers and the "does not fit" error."""

import re

import numpy as np
import pytest

from nnsim.engine import NetworkError
from nnsim.engine.convshape import (
    ConvShapeError,
    conv_output_formula,
    conv_output_shape,
    conv_output_size,
)
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.conv import Conv1D, Conv2D
from nnsim.engine.layers.pool import AvgPool2D, MaxPool2D
from nnsim.engine.network import Network


def test_course_numbers_7x7_input_3x3_kernel():
    assert conv_output_size(7, 3, stride=1) == 5
    assert conv_output_size(7, 3, stride=2) == 3
    assert conv_output_formula(7, 3, 1) == "(7 − 3 + 2·0)/1 + 1 = 5"
    assert conv_output_formula(7, 3, 2) == "(7 − 3 + 2·0)/2 + 1 = 3"


def test_stride_3_does_not_fit_and_the_message_shows_the_numbers():
    assert conv_output_formula(7, 3, 3) == "(7 − 3 + 2·0)/3 + 1 = 2.33"
    with pytest.raises(ConvShapeError) as info:
        conv_output_size(7, 3, stride=3)
    msg = str(info.value)
    assert "(7 − 3 + 2·0)/3 + 1 = 2.33" in msg
    assert "does not fit" in msg
    # one error family for the whole engine, and a ValueError for callers
    assert isinstance(info.value, NetworkError)
    assert isinstance(info.value, ValueError)


def test_padding_enters_the_formula():
    # "same" padding for a 3×3 kernel keeps the size; MNIST 28 → 26 → pool 13
    assert conv_output_size(5, 3, 1, 1) == 5
    assert conv_output_size(7, 3, 3, 1) == 3  # (7 − 3 + 2)/3 + 1 = 3: padding makes it fit
    assert conv_output_size(28, 3) == 26
    assert conv_output_size(26, 2, 2) == 13
    assert conv_output_formula(5, 3, 2, 1) == "(5 − 3 + 2·1)/2 + 1 = 3"
    assert conv_output_shape((7, 9), (3, 3), (2, 1), (0, 1)) == (3, 9)


def test_window_larger_than_input():
    with pytest.raises(ConvShapeError, match="larger than the input"):
        conv_output_size(2, 3)
    assert conv_output_size(2, 3, 1, 1) == 2  # padding makes room


@pytest.mark.parametrize(
    "args",
    [(0, 3, 1, 0), (7, 0, 1, 0), (7, 3, 0, 0), (7, 3, 1, -1), (7, 2.5, 1, 0), (7, 3, True, 0)],
)
def test_bad_arguments_raise_a_clear_error(args):
    with pytest.raises(ConvShapeError, match="must be"):
        conv_output_size(*args)


def test_layers_refuse_a_size_that_does_not_fit_at_build_time():
    with pytest.raises(ConvShapeError) as info:
        Network([Input("x", (1, 7, 7)), Conv2D("c", 2, 3, ["x"], stride=3)])
    msg = str(info.value)
    assert "'c'" in msg and "height" in msg and "2.33" in msg
    with pytest.raises(ConvShapeError, match="width.*" + re.escape("(8 − 3 + 2·0)/2 + 1 = 3.50")):
        Network([Input("x", (1, 7, 8)), Conv2D("c", 2, 3, ["x"], stride=2)])
    with pytest.raises(ConvShapeError, match="length.*= 2.33"):
        Network([Input("x", (1, 7)), Conv1D("c", 2, 3, ["x"], stride=3)])
    for pool in (MaxPool2D, AvgPool2D):
        with pytest.raises(ConvShapeError, match=re.escape("(5 − 2 + 2·0)/2 + 1 = 2.50")):
            Network([Input("x", (1, 5, 5)), pool("p", ["x"], 2)])


def test_layer_sizes_agree_with_the_shared_function():
    rng = np.random.default_rng(0)
    for _ in range(30):
        n, f = int(rng.integers(3, 12)), int(rng.integers(1, 4))
        s, p = int(rng.integers(1, 4)), int(rng.integers(0, 2))
        layer = Conv2D("c", 1, f, ["x"], stride=s, padding=p)
        try:
            want = conv_output_size(n, f, s, p)
        except ConvShapeError:
            with pytest.raises(ConvShapeError):
                layer.build([(1, n, n)])
            continue
        assert layer.build([(1, n, n)]) == (1, want, want)
        assert layer.size_formulas() == [conv_output_formula(n, f, s, p)] * 2
