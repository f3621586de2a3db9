"""Conv1D / Conv2D against a direct loop implementation, finite differences and the slides' formulas."""

import itertools
import zlib

import numpy as np
import pytest

from nnsim.engine import NetworkError, ShapeError
from nnsim.engine.layers.base import Input
from nnsim.engine.layers.conv import CONV_MODES, Conv1D, Conv2D
from nnsim.engine.network import Network

# --- an independent reference: loops over every image, channel and output position ----


def ref_conv(x, w, b, stride, pad, mode="cross-correlation"):
    """Direct loops over d spatial axes (d = 1 or 2); returns net (B, C_out, *out)."""
    d = x.ndim - 2
    if mode == "convolution":
        w = w[(Ellipsis,) + (slice(None, None, -1),) * d]
    xp = np.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in pad])
    ksz = w.shape[2:]
    out_sz = [(xp.shape[2 + a] - ksz[a]) // stride[a] + 1 for a in range(d)]
    out = np.zeros((x.shape[0], w.shape[0], *out_sz))
    for n in range(x.shape[0]):
        for o in range(w.shape[0]):
            for pos in itertools.product(*[range(s) for s in out_sz]):
                acc = b[o]
                for c in range(x.shape[1]):
                    for off in itertools.product(*[range(k) for k in ksz]):
                        src = tuple(pos[a] * stride[a] + off[a] for a in range(d))
                        acc += xp[(n, c, *src)] * w[(o, c, *off)]
                out[(n, o, *pos)] = acc
    return out


def ref_conv_grads(x, w, dnet, stride, pad, mode="cross-correlation"):
    """∂E/∂x, ∂E/∂W, ∂E/∂b by the same loops, given ∂E/∂net."""
    d = x.ndim - 2
    flip = (Ellipsis,) + (slice(None, None, -1),) * d
    wk = w[flip] if mode == "convolution" else w
    xp = np.pad(x, [(0, 0), (0, 0)] + [(p, p) for p in pad])
    dxp, dwk = np.zeros_like(xp), np.zeros_like(w)
    ksz = w.shape[2:]
    for n in range(x.shape[0]):
        for o in range(w.shape[0]):
            for pos in itertools.product(*[range(s) for s in dnet.shape[2:]]):
                g = dnet[(n, o, *pos)]
                for c in range(x.shape[1]):
                    for off in itertools.product(*[range(k) for k in ksz]):
                        src = tuple(pos[a] * stride[a] + off[a] for a in range(d))
                        dwk[(o, c, *off)] += g * xp[(n, c, *src)]
                        dxp[(n, c, *src)] += g * wk[(o, c, *off)]
    inner = (slice(None), slice(None)) + tuple(slice(p, p + s) for p, s in zip(pad, x.shape[2:]))
    dw = dwk[flip] if mode == "convolution" else dwk
    return dxp[inner], dw, dnet.sum(axis=tuple(i for i in range(dnet.ndim) if i != 1))


def central_diff(f, arr, eps=1e-6):
    """Central differences of the scalar f() with respect to every entry of ``arr`` (in place)."""
    g = np.zeros_like(arr)
    for idx in np.ndindex(arr.shape):
        old = arr[idx]
        arr[idx] = old + eps
        fp = f()
        arr[idx] = old - eps
        fm = f()
        arr[idx] = old
        g[idx] = (fp - fm) / (2 * eps)
    return g


def rel_error(a, b):
    return np.max(np.abs(a - b)) / max(np.max(np.abs(a)) + np.max(np.abs(b)), 1e-12)


def conv_net(cls, in_shape, seed=0, **kw):
    net = Network([Input("x", in_shape), cls("c", kw.pop("channels", 2), inputs=["x"], **kw)])
    net.init_weights("playground", seed=seed)
    return net, net.layers["c"]


# --- forward and gradients equal the loop reference on random shapes ---------------

CASES_2D = [
    # (B, C_in, H, W, C_out, kernel, stride, padding)
    (2, 1, 7, 7, 1, 3, 1, 0),
    (2, 1, 7, 7, 2, 3, 2, 0),
    (3, 2, 6, 5, 3, (3, 2), (1, 3), (1, 0)),
    (2, 3, 5, 5, 2, 3, 2, 1),
    (1, 2, 8, 8, 4, 4, 2, 1),
    (2, 2, 4, 6, 3, (1, 3), (1, 3), (0, 0)),
    (2, 1, 3, 3, 2, 3, 1, 2),  # more padding than data at the corners
]


@pytest.mark.parametrize("mode", CONV_MODES)
@pytest.mark.parametrize("case", CASES_2D)
def test_conv2d_forward_and_gradients_match_direct_loops(case, mode):
    bsz, cin, h, w_, cout, k, s, p = case
    rng = np.random.default_rng(zlib.crc32(repr((case, mode)).encode()))
    net, layer = conv_net(
        Conv2D, (cin, h, w_), channels=cout, kernel_size=k, stride=s, padding=p, mode=mode
    )
    x = rng.standard_normal((bsz, cin, h, w_))
    out = net.forward(x)
    want = ref_conv(x, layer.params["W"], layer.params["b"], layer.stride, layer.padding, mode)
    assert out.shape == want.shape == (bsz, *layer.out_shape)
    np.testing.assert_allclose(out, want, rtol=1e-12, atol=1e-12)
    dnet = rng.standard_normal(out.shape)
    douts = net.backward(dnet)
    dx, dw, db = ref_conv_grads(x, layer.params["W"], dnet, layer.stride, layer.padding, mode)
    np.testing.assert_allclose(douts["x"], dx, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], dw, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], db, rtol=1e-12, atol=1e-12)


CASES_1D = [
    # (B, C_in, L, C_out, kernel, stride, padding)
    (2, 1, 7, 1, 3, 1, 0),
    (2, 2, 9, 3, 3, 2, 1),
    (3, 3, 10, 2, 4, 3, 0),
    (1, 1, 5, 2, 5, 1, 2),
]


@pytest.mark.parametrize("mode", CONV_MODES)
@pytest.mark.parametrize("case", CASES_1D)
def test_conv1d_forward_and_gradients_match_direct_loops(case, mode):
    bsz, cin, n, cout, k, s, p = case
    rng = np.random.default_rng(zlib.crc32(repr((case, mode)).encode()))
    net, layer = conv_net(
        Conv1D, (cin, n), channels=cout, kernel_size=k, stride=s, padding=p, mode=mode
    )
    x = rng.standard_normal((bsz, cin, n))
    out = net.forward(x)
    want = ref_conv(x, layer.params["W"], layer.params["b"], layer.stride, layer.padding, mode)
    np.testing.assert_allclose(out, want, rtol=1e-12, atol=1e-12)
    dnet = rng.standard_normal(out.shape)
    douts = net.backward(dnet)
    dx, dw, db = ref_conv_grads(x, layer.params["W"], dnet, layer.stride, layer.padding, mode)
    np.testing.assert_allclose(douts["x"], dx, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["W"], dw, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(layer.grads["b"], db, rtol=1e-12, atol=1e-12)


def test_random_shapes_against_the_reference():
    rng = np.random.default_rng(42)
    done = 0
    while done < 12:
        cin, cout = rng.integers(1, 4, 2)
        k, s, p = int(rng.integers(1, 4)), int(rng.integers(1, 4)), int(rng.integers(0, 3))
        h = int(rng.integers(k, 9))
        if (h - k + 2 * p) % s:
            continue
        mode = CONV_MODES[done % 2]
        net, layer = conv_net(
            Conv2D,
            (cin, h, h),
            channels=cout,
            kernel_size=k,
            stride=s,
            padding=p,
            mode=mode,
            seed=done,
        )
        x = rng.standard_normal((2, cin, h, h))
        out = net.forward(x)
        np.testing.assert_allclose(
            out, ref_conv(x, layer.params["W"], layer.params["b"], (s, s), (p, p), mode), atol=1e-12
        )
        dnet = rng.standard_normal(out.shape)
        dx, dw, db = ref_conv_grads(x, layer.params["W"], dnet, (s, s), (p, p), mode)
        np.testing.assert_allclose(net.backward(dnet)["x"], dx, atol=1e-12)
        np.testing.assert_allclose(layer.grads["W"], dw, atol=1e-12)
        done += 1


# --- finite differences --------------------------------------------------------------

GRADCHECK = [
    (Conv2D, (2, 7, 7), dict(channels=3, kernel_size=3, stride=2, padding=1)),
    (Conv2D, (1, 6, 7), dict(channels=2, kernel_size=(2, 3), stride=(3, 2), padding=(1, 0))),
    (Conv2D, (2, 5, 5), dict(channels=2, kernel_size=3, stride=1, padding=1, mode="convolution")),
    (Conv1D, (2, 9), dict(channels=3, kernel_size=3, stride=2, padding=1)),
    (Conv1D, (1, 8), dict(channels=2, kernel_size=4, stride=2, padding=1, mode="convolution")),
]


@pytest.mark.parametrize("activation", ["identity", "tanh"])
@pytest.mark.parametrize("cls,shape,kw", GRADCHECK)
def test_gradient_check_with_stride_and_padding(cls, shape, kw, activation):
    rng = np.random.default_rng(7)
    net, layer = conv_net(cls, shape, activation=activation, **dict(kw))
    x = rng.standard_normal((3, *shape))
    r = rng.standard_normal((3, *layer.out_shape))

    def loss():  # E = Σ r ⊙ out, so ∂E/∂out = r
        return float(np.sum(net.forward(x) * r))

    loss()
    douts = net.backward(r)
    num_theta = central_diff(loss, net.theta)
    assert rel_error(net.grad, num_theta) < 1e-6
    num_x = central_diff(loss, x)
    assert rel_error(douts["x"], num_x) < 1e-6


# --- convolution vs cross-correlation -------------------------------------------------


def test_convolution_and_cross_correlation_differ_exactly_by_a_kernel_flip():
    rng = np.random.default_rng(3)
    x = rng.standard_normal((2, 2, 7, 7))
    conv, lc = conv_net(
        Conv2D, (2, 7, 7), channels=3, kernel_size=3, stride=2, padding=1, mode="convolution"
    )
    corr, lx = conv_net(Conv2D, (2, 7, 7), channels=3, kernel_size=3, stride=2, padding=1)
    corr.set_weights(conv.get_weights())
    assert not np.allclose(conv.forward(x), corr.forward(x))
    lx.params["W"][...] = lc.params["W"][:, :, ::-1, ::-1]
    assert np.array_equal(conv.forward(x), corr.forward(x))
    np.testing.assert_array_equal(lc.effective_kernel(), lx.params["W"])
    # and the gradients flip with it
    d = rng.standard_normal(conv.forward(x).shape)
    conv.backward(d)
    corr.forward(x)
    corr.backward(d)
    np.testing.assert_allclose(lc.grads["W"], lx.grads["W"][:, :, ::-1, ::-1], rtol=1e-14)


def test_1d_convolution_is_the_slides_sum_and_numpy_convolve():
    # s(t) = Σ_a x(a) w(t − a): at stride 1 without padding the layer gives the "valid" part
    x = np.array([1.0, 2.0, 0.0, -1.0, 3.0, 4.0, 0.5])
    w = np.array([0.5, -1.0, 2.0])
    net, layer = conv_net(Conv1D, (1, 7), channels=1, kernel_size=3, mode="convolution")
    layer.params["W"][0, 0] = w
    layer.params["b"][...] = 0
    out = net.forward(x[None, None])[0, 0]
    s = [sum(x[a] * w[t - a] for a in range(7) if 0 <= t - a < 3) for t in range(9)]
    np.testing.assert_allclose(out, s[2:7], rtol=1e-15)
    np.testing.assert_allclose(out, np.convolve(x, w, "valid"), rtol=1e-15)
    corr, lx = conv_net(Conv1D, (1, 7), channels=1, kernel_size=3)
    lx.params["W"][0, 0] = w
    lx.params["b"][...] = 0
    np.testing.assert_allclose(corr.forward(x[None, None])[0, 0], np.correlate(x, w, "valid"))


def test_2d_convolution_is_the_slides_double_sum():
    # S(i, j) = Σ_m Σ_n I(i − m, j − n) K(m, n), on the positions where K lies inside I
    rng = np.random.default_rng(5)
    img, k = rng.standard_normal((6, 5)), rng.standard_normal((3, 2))
    net, layer = conv_net(Conv2D, (1, 6, 5), channels=1, kernel_size=(3, 2), mode="convolution")
    layer.params["W"][0, 0] = k
    layer.params["b"][...] = 0
    out = net.forward(img[None, None])[0, 0]
    full = np.zeros((8, 6))
    for i, j in np.ndindex(full.shape):
        full[i, j] = sum(
            img[i - m, j - n] * k[m, n]
            for m in range(3)
            for n in range(2)
            if 0 <= i - m < 6 and 0 <= j - n < 5
        )
    np.testing.assert_allclose(out, full[2:6, 1:5], rtol=1e-13)


# --- the course's 7×7 / 3×3 sizes ----------------------------------------------------


@pytest.mark.parametrize("stride,size", [(1, 5), (2, 3)])
def test_7x7_input_3x3_kernel(stride, size):
    net, layer = conv_net(Conv2D, (1, 7, 7), channels=1, kernel_size=3, stride=stride)
    assert layer.out_shape == (1, size, size)
    assert net.forward(np.ones((1, 1, 7, 7))).shape == (1, 1, size, size)
    assert layer.size_formulas() == [f"(7 − 3 + 2·0)/{stride} + 1 = {size}"] * 2


# --- records for the stepper and the GUI --------------------------------------------


def test_receptive_field_and_products():
    rng = np.random.default_rng(11)
    net, layer = conv_net(
        Conv2D, (2, 7, 7), channels=3, kernel_size=3, stride=2, padding=1, activation="relu"
    )
    x = rng.standard_normal((4, 2, 7, 7))
    out = net.forward(x)
    assert layer.receptive_field((0, 0)) == (range(-1, 2), range(-1, 2))
    assert layer.receptive_field((1, 2)) == (range(1, 4), range(3, 6))
    assert layer.receptive_field((3, 3)) == (range(5, 8), range(5, 8))
    with pytest.raises(ShapeError, match="outside"):
        layer.receptive_field((4, 0))
    # every output value is the sum of its products plus the bias
    for sample, o, i, j in [(0, 0, 0, 0), (3, 2, 1, 2), (1, 1, 3, 3), (2, 0, 2, 1)]:
        rec = layer.products(sample, o, i, j)
        assert rec.total == pytest.approx(layer.net[sample, o, i, j], rel=1e-13, abs=1e-14)
        assert rec.output == pytest.approx(out[sample, o, i, j], rel=1e-13, abs=1e-14)
        assert rec.total == pytest.approx(rec.products.sum() + rec.bias, rel=1e-15)
        np.testing.assert_array_equal(rec.products, rec.window * rec.kernel)
        assert rec.bias == layer.params["b"][o]
        assert rec.field == layer.receptive_field((i, j))
    rec = layer.products(0, 1, 0, 0)  # top-left window hangs over the padding
    assert rec.window.shape == (2, 3, 3)
    np.testing.assert_array_equal(rec.window[:, 0, :], 0)
    np.testing.assert_array_equal(rec.window[:, :, 0], 0)
    np.testing.assert_array_equal(rec.window[:, 1:, 1:], x[0, :, 0:2, 0:2])
    np.testing.assert_array_equal(layer.feature_maps(2), out[2])
    assert layer.out is net.values["c"]


def test_products_show_the_flipped_kernel_in_convolution_mode():
    net, layer = conv_net(Conv1D, (1, 5), channels=1, kernel_size=3, mode="convolution")
    layer.params["W"][0, 0] = [1.0, 2.0, 3.0]
    layer.params["b"][...] = 0.5
    net.forward(np.array([[[1.0, 10.0, 100.0, 1000.0, 0.0]]]))
    rec = layer.products(0, 0, 1)
    np.testing.assert_array_equal(rec.kernel, [[3.0, 2.0, 1.0]])
    np.testing.assert_array_equal(rec.window, [[10.0, 100.0, 1000.0]])
    np.testing.assert_array_equal(rec.products, [[30.0, 200.0, 1000.0]])
    assert rec.total == 1230.5
    assert rec.field == (range(1, 4),)


def test_no_input_gradient_when_the_network_skips_it_and_no_bias():
    net = Network([Input("x", (1, 5, 5)), Conv2D("c", 2, 3, ["x"], use_bias=False)])
    net.init_weights("uniform01", seed=1)
    np.testing.assert_array_equal(net.param("c", "b"), 0)
    x = np.random.default_rng(0).standard_normal((2, 1, 5, 5))
    out = net.forward(x)
    douts = net.backward(out, input_grad=False)
    assert "x" not in douts
    g = net.grad.copy()
    assert np.any(g != 0)
    net.forward(x)
    assert "x" in net.backward(out)  # the hint lasts one backward pass
    np.testing.assert_array_equal(net.grad, g)


def test_float32_runs_and_stays_float32():
    net = Network([Input("x", (2, 6, 6)), Conv2D("c", 3, 3, ["x"], padding=1)], dtype=np.float32)
    net.init_weights("he")
    out = net.forward(np.ones((2, 2, 6, 6)))
    assert out.dtype == np.float32
    assert net.backward(np.ones_like(out))["x"].dtype == np.float32


def test_a_second_batch_size_and_repeated_passes_are_independent():
    rng = np.random.default_rng(2)
    net, layer = conv_net(Conv2D, (1, 5, 5), channels=2, kernel_size=3, padding=1)
    x8, x3 = rng.standard_normal((8, 1, 5, 5)), rng.standard_normal((3, 1, 5, 5))
    a = net.forward(x8).copy()
    b = net.forward(x3).copy()
    np.testing.assert_array_equal(net.forward(x8), a)
    np.testing.assert_array_equal(net.forward(x3), b)
    np.testing.assert_array_equal(net.forward(x8[:3]), a[:3])


@pytest.mark.parametrize(
    "make,match",
    [
        (lambda: Conv2D("c", 0, 3, ["x"]), "output channels"),
        (lambda: Conv2D("c", 2, 3, ["x"], mode="fft"), "unknown mode"),
        (lambda: Conv2D("c", 2, (3, 3, 3), ["x"]), "needs 2 value"),
        (lambda: Conv2D("c", 2, 3, ["x"], stride=0), "≥ 1"),
        (lambda: Conv2D("c", 2, 3, ["x"], padding=-1), "padding ≥ 0"),
        (lambda: Conv2D("c", 2, 3, ["x", "y"]), "exactly one input"),
        (lambda: Conv2D("c", 2, 2.5, ["x"]), "whole numbers"),
    ],
)
def test_bad_settings_raise_network_errors(make, match):
    with pytest.raises(NetworkError, match=match):
        make()


def test_wrong_input_rank_is_explained():
    with pytest.raises(NetworkError, match=r"\(channels, height, width\)"):
        Network([Input("x", (7, 7)), Conv2D("c", 2, 3, ["x"])])
    with pytest.raises(NetworkError, match=r"\(channels, length\)"):
        Network([Input("x", (1, 7, 7)), Conv1D("c", 2, 3, ["x"])])


def test_fan_counts_the_kernel_area():
    layer = Conv2D("c", 8, 3, ["x"])
    layer.build([(4, 10, 10)])
    assert layer.param_specs() == {"W": (8, 4, 3, 3), "b": (8,)}
    assert layer.fan("W") == (36, 72)


@pytest.mark.parametrize(
    "layer,shape",
    [
        (Conv2D("c", 3, 3, ["x"], stride=2, padding=1, activation="tanh"), (2, 7, 7)),
        (
            Conv2D("c", 2, (2, 3), ["x"], stride=(2, 1), padding=(0, 2), mode="convolution"),
            (3, 6, 5),
        ),
        (Conv1D("c", 2, 3, ["x"], stride=3, padding=1, activation="sigmoid"), (2, 10)),
    ],
)
def test_the_engines_gradient_checker_agrees(layer, shape):
    from nnsim.engine.gradcheck import check_layer

    report = check_layer(layer, [shape], seed=1)
    assert report.max_rel_error < 1e-6, report.worst
    assert report.n_checked == net_size(layer) + 3 * int(np.prod(shape))


def net_size(layer):
    return sum(int(np.prod(s)) for s in layer.param_specs().values())
