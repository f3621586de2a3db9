"""Max and average pooling: the course's 4×4 example, gradient routing, loops and finite differences."""

import numpy as np
import pytest

from nnsim.engine import NetworkError, ShapeError
from nnsim.engine.convshape import ConvShapeError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.pool import AvgPool, AvgPool2D, MaxPool, MaxPool2D
from nnsim.engine.network import Network

COURSE = np.array([[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]], dtype=float)


def pool_net(cls, shape, **kw):
    net = Network([Input("x", shape), cls("p", ["x"], **kw)])
    return net, net.layers["p"]


def ref_pool(x, size, stride, op):
    """Direct loops: out and ∂out/∂x routing for dout (max: first maximum in row-major order)."""
    b, c, h, w = x.shape
    ho, wo = (h - size[0]) // stride[0] + 1, (w - size[1]) // stride[1] + 1
    out = np.zeros((b, c, ho, wo))
    for n, ch, i, j in np.ndindex(b, c, ho, wo):
        win = x[
            n, ch, i * stride[0] : i * stride[0] + size[0], j * stride[1] : j * stride[1] + size[1]
        ]
        out[n, ch, i, j] = win.max() if op == "max" else win.mean()
    return out


def ref_pool_grad(x, size, stride, op, dout):
    dx = np.zeros_like(x)
    for n, ch, i, j in np.ndindex(dout.shape):
        r, c = i * stride[0], j * stride[1]
        win = x[n, ch, r : r + size[0], c : c + size[1]]
        if op == "max":
            m, k = np.unravel_index(np.argmax(win), win.shape)  # first maximum
            dx[n, ch, r + m, c + k] += dout[n, ch, i, j]
        else:
            dx[n, ch, r : r + size[0], c : c + size[1]] += dout[n, ch, i, j] / win.size
    return dx


def test_course_example_max_and_average():
    x = COURSE[None, None]
    net, _ = pool_net(MaxPool2D, (1, 4, 4), size=2, stride=2)
    np.testing.assert_array_equal(net.forward(x)[0, 0], [[6, 8], [3, 4]])
    net, _ = pool_net(AvgPool2D, (1, 4, 4), size=2, stride=2)
    np.testing.assert_array_equal(net.forward(x)[0, 0], [[3.25, 5.25], [2, 2]])
    assert MaxPool is MaxPool2D and AvgPool is AvgPool2D


def test_course_example_gradient_goes_to_the_max_or_is_spread_evenly():
    x = COURSE[None, None]
    dout = np.array([[[[10.0, 20.0], [30.0, 40.0]]]])
    net, _ = pool_net(MaxPool2D, (1, 4, 4), size=2)
    net.forward(x)
    dx = net.backward(dout)["x"][0, 0]
    # 6 at (1,1), 8 at (1,3), 3 at (2,0), 4 at (3,3)
    want = np.zeros((4, 4))
    want[1, 1], want[1, 3], want[2, 0], want[3, 3] = 10, 20, 30, 40
    np.testing.assert_array_equal(dx, want)
    net, _ = pool_net(AvgPool2D, (1, 4, 4), size=2)
    net.forward(x)
    dx = net.backward(dout)["x"][0, 0]
    np.testing.assert_array_equal(dx, np.kron([[10, 20], [30, 40]], np.ones((2, 2))) / 4)


def test_ties_send_the_gradient_to_the_first_maximum_only():
    x = np.array([[[[0.0, 0.0], [0.0, 0.0]], [[1.0, 2.0], [2.0, 2.0]]]])  # (1, 2, 2, 2)
    net, _ = pool_net(MaxPool2D, (2, 2, 2), size=2)
    net.forward(x)
    dx = net.backward(np.array([[[[5.0]], [[7.0]]]]))["x"][0]
    np.testing.assert_array_equal(dx[0], [[5, 0], [0, 0]])
    np.testing.assert_array_equal(dx[1], [[0, 7], [0, 0]])


CASES = [
    # (C, H, W, size, stride)
    (2, 4, 4, 2, None),  # tiles the input
    (3, 7, 7, 3, 2),  # overlapping windows
    (1, 8, 8, 2, 3),  # gaps between windows
    (2, 6, 9, (2, 3), (2, 3)),
    (2, 5, 7, (3, 1), (1, 2)),
]


@pytest.mark.parametrize("op", ["max", "avg"])
@pytest.mark.parametrize("case", CASES)
def test_forward_and_gradient_match_direct_loops(case, op):
    c, h, w, size, stride = case
    cls = MaxPool2D if op == "max" else AvgPool2D
    net, layer = pool_net(cls, (c, h, w), size=size, stride=stride)
    rng = np.random.default_rng(c * 100 + h)
    x = rng.standard_normal((3, c, h, w))
    x[0, 0, :2, :2] = 1.5  # a tie
    out = net.forward(x)
    want = ref_pool(x, layer.size, layer.stride, op)
    np.testing.assert_allclose(out, want, rtol=1e-13, atol=1e-15)
    dout = rng.standard_normal(out.shape)
    np.testing.assert_allclose(
        net.backward(dout)["x"],
        ref_pool_grad(x, layer.size, layer.stride, op, dout),
        rtol=1e-12,
        atol=1e-15,
    )


@pytest.mark.parametrize("op", ["max", "avg"])
@pytest.mark.parametrize("case", CASES)
def test_gradient_check(case, op):
    c, h, w, size, stride = case
    cls = MaxPool2D if op == "max" else AvgPool2D
    net, layer = pool_net(cls, (c, h, w), size=size, stride=stride)
    rng = np.random.default_rng(9)
    x = rng.permutation(2 * c * h * w).reshape(2, c, h, w) / 7.0  # distinct: no ties
    r = rng.standard_normal((2, *layer.out_shape))
    net.forward(x)
    dx = net.backward(r)["x"]
    eps = 1e-6
    num = np.zeros_like(x)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + eps
        fp = np.sum(net.forward(x) * r)
        x[idx] = old - eps
        fm = np.sum(net.forward(x) * r)
        x[idx] = old
        num[idx] = (fp - fm) / (2 * eps)
    err = np.max(np.abs(dx - num)) / (np.max(np.abs(dx)) + np.max(np.abs(num)))
    assert err < 1e-6


def test_records_window_and_receptive_field():
    net, layer = pool_net(MaxPool2D, (1, 4, 4), size=2)
    net.forward(COURSE[None, None])
    assert layer.receptive_field((1, 0)) == (range(2, 4), range(0, 2))
    win = layer.window(0, 0, 0, 1)
    np.testing.assert_array_equal(win.values, [[2, 4], [7, 8]])
    assert win.output == 8 and win.argmax == (1, 1)
    assert win.field == (range(0, 2), range(2, 4))
    np.testing.assert_array_equal(layer.feature_maps(0), [[[6, 8], [3, 4]]])
    net, layer = pool_net(AvgPool2D, (1, 4, 4), size=2)
    net.forward(COURSE[None, None])
    win = layer.window(0, 0, 0, 0)
    assert win.output == 3.25 and win.argmax is None
    with pytest.raises(ShapeError, match="outside"):
        layer.receptive_field((2, 0))


def test_bad_settings():
    with pytest.raises(NetworkError, match="exactly one input"):
        MaxPool2D("p", ["a", "b"])
    with pytest.raises(NetworkError, match="≥ 1"):
        MaxPool2D("p", ["x"], size=0)
    with pytest.raises(NetworkError, match=r"\(channels, height, width\)"):
        pool_net(MaxPool2D, (4, 4), size=2)
    with pytest.raises(ConvShapeError, match="does not fit"):
        pool_net(AvgPool2D, (1, 7, 7), size=2)


def test_float32():
    net, _ = pool_net(MaxPool2D, (1, 4, 4), size=2)
    net32 = Network([Input("x", (1, 4, 4)), MaxPool2D("p", ["x"], 2)], dtype=np.float32)
    out = net32.forward(COURSE[None, None])
    assert out.dtype == np.float32
    assert net32.backward(np.ones_like(out))["x"].dtype == np.float32


@pytest.mark.parametrize("cls", [MaxPool2D, AvgPool2D])
@pytest.mark.parametrize(
    "size,stride,shape", [(2, None, (2, 8, 6)), (3, 2, (2, 7, 9)), ((2, 3), (3, 1), (2, 8, 9))]
)
def test_the_engines_gradient_checker_agrees(cls, size, stride, shape):
    from nnsim.engine.gradcheck import check_layer

    report = check_layer(cls("p", ["x"], size=size, stride=stride), [shape], seed=2)
    assert report.max_rel_error < 1e-6, report.worst


@pytest.mark.parametrize("cls", [MaxPool2D, AvgPool2D])
def test_a_1x1_window_passes_everything_through(cls):
    net, _ = pool_net(cls, (2, 3, 3), size=1)
    x = np.random.default_rng(0).standard_normal((2, 2, 3, 3))
    np.testing.assert_array_equal(net.forward(x), x)
    np.testing.assert_array_equal(net.backward(2 * x)["x"], 2 * x)


def test_batches_of_different_sizes_keep_their_own_arrays():
    net, layer = pool_net(MaxPool2D, (1, 4, 4), size=2)
    rng = np.random.default_rng(1)
    a, b = rng.standard_normal((5, 1, 4, 4)), rng.standard_normal((2, 1, 4, 4))
    want_a, want_b = ref_pool(a, (2, 2), (2, 2), "max"), ref_pool(b, (2, 2), (2, 2), "max")
    da = rng.standard_normal(want_a.shape)
    for _ in range(2):
        np.testing.assert_array_equal(net.forward(a), want_a)
        np.testing.assert_array_equal(
            net.backward(da)["x"], ref_pool_grad(a, (2, 2), (2, 2), "max", da)
        )
        np.testing.assert_array_equal(net.forward(b), want_b)
