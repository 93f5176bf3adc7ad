"""Recurrent against PyTorch: the stored golden fixtures, then live torch at random sizes.

The golden file (tests/fixtures/golden.npz, written by scripts/make_golden.py) holds
torch's outputs, gates, parameter gradients and per-step dL/dh_t for 16 small networks;
the live tests rebuild the same references with torch over the full product of cell x
layers x direction x initial state, at sizes drawn under a seed.
"""

from __future__ import annotations

import importlib.util
import re
import zlib
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from engine import Recurrent

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "fixtures" / "golden.npz"
VARIANTS = {"rnn_tanh": ("rnn", "tanh"), "rnn_relu": ("rnn", "relu"),
            "lstm": ("lstm", "tanh"), "gru": ("gru", "tanh")}  # fmt: skip
CASE_NAME = re.compile(r"^(rnn_tanh|rnn_relu|lstm|gru)_L(\d)_(uni|bi)_(h0|zero)$")
PARTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")

FORWARD_ATOL = 1e-10
GRAD_ATOL = 1e-9


def _load_golden() -> dict[str, dict[str, np.ndarray]]:
    """case name -> {key: array}, read without pickle."""
    cases: dict[str, dict[str, np.ndarray]] = {}
    with np.load(GOLDEN, allow_pickle=False) as data:
        for key in data.files:
            case, _, name = key.partition("/")
            cases.setdefault(case, {})[name] = data[key]
    return cases


GOLDEN_DATA = _load_golden()
CASES = sorted(name for name in GOLDEN_DATA if name != "meta")


def _network(case: str) -> tuple[Recurrent, dict[str, np.ndarray]]:
    """A Recurrent holding the case's torch parameters, and the case's arrays."""
    match = CASE_NAME.match(case)
    assert match, case
    cell, nonlinearity = VARIANTS[match[1]]
    arrays = GOLDEN_DATA[case]
    steps, input_size = arrays["x"].shape
    net = Recurrent(cell, input_size, arrays["weight_hh_l0"].shape[1], num_layers=int(match[2]),
                    bidirectional=match[3] == "bi", nonlinearity=nonlinearity)  # fmt: skip
    net.load_state_dict({k: v for k, v in arrays.items() if k.startswith(PARTS)})
    return net, arrays


def _layer_dirs(net: Recurrent) -> list[tuple[int, int]]:
    return [(layer, d) for layer in range(net.num_layers) for d in range(net.num_directions)]


# -- the golden file ------------------------------------------------------------------------


def test_golden_file_is_small_and_covers_every_variant() -> None:
    assert GOLDEN.stat().st_size < 300_000
    matches = [CASE_NAME.match(case) for case in CASES]
    assert all(matches) and len(CASES) == 16
    for variant in VARIANTS:
        combos = {(m[2], m[3]) for m in matches if m and m[1] == variant}
        assert combos == {("1", "uni"), ("1", "bi"), ("2", "uni"), ("2", "bi")}, variant
    assert {m[4] for m in matches if m} == {"h0", "zero"}
    for case in CASES:  # the biases must be able to catch a b_ih / b_hh mix-up
        arrays = GOLDEN_DATA[case]
        for key in (k for k in arrays if k.startswith("bias_ih")):
            other = arrays[key.replace("bias_ih", "bias_hh")]
            assert np.all(arrays[key] != 0) and np.all(np.abs(arrays[key] - other) > 1e-6)


@pytest.mark.parametrize("case", CASES)
def test_golden_forward(case: str) -> None:
    net, arrays = _network(case)
    trace = net.run(arrays["x"], arrays.get("h0"), arrays.get("c0"))
    np.testing.assert_allclose(trace.output, arrays["output"], rtol=0, atol=FORWARD_ATOL)
    np.testing.assert_allclose(trace.h_n, arrays["h_n"], rtol=0, atol=FORWARD_ATOL)
    if net.cell == "lstm":
        assert trace.c_n is not None
        np.testing.assert_allclose(trace.c_n, arrays["c_n"], rtol=0, atol=FORWARD_ATOL)
    else:
        assert trace.c_n is None and "c_n" not in arrays


@pytest.mark.parametrize("case", CASES)
def test_golden_gates(case: str) -> None:
    net, arrays = _network(case)
    trace = net.run(arrays["x"], arrays.get("h0"), arrays.get("c0"))
    for layer, d in _layer_dirs(net):
        prefix = f"gates/l{layer}_d{d}/"
        expected = {k[len(prefix) :]: v for k, v in arrays.items() if k.startswith(prefix)}
        recorded = trace.gates(layer, d)
        assert sorted(recorded) == sorted(expected), (layer, d)
        for name, value in expected.items():
            np.testing.assert_allclose(recorded[name], value, rtol=0, atol=FORWARD_ATOL,
                                       err_msg=f"{prefix}{name}")  # fmt: skip


@pytest.mark.parametrize("case", CASES)
def test_golden_backward(case: str) -> None:
    net, arrays = _network(case)
    trace = net.run(arrays["x"], arrays.get("h0"), arrays.get("c0"))
    grads = net.backward(trace, arrays["d_output"], arrays["d_h_n"], arrays.get("d_c_n"))
    assert sorted(grads.params) == sorted(net.state_dict())
    for name, value in grads.params.items():
        np.testing.assert_allclose(value, arrays[f"grad/{name}"], rtol=0, atol=GRAD_ATOL,
                                   err_msg=name)  # fmt: skip
    np.testing.assert_allclose(grads.dx, arrays["grad/x"], rtol=0, atol=GRAD_ATOL)
    np.testing.assert_allclose(grads.dh0, arrays["grad/h0"], rtol=0, atol=GRAD_ATOL)
    if net.cell == "lstm":
        np.testing.assert_allclose(grads.dc0, arrays["grad/c0"], rtol=0, atol=GRAD_ATOL)
    for layer, d in _layer_dirs(net):
        np.testing.assert_allclose(grads.dh(layer, d), arrays[f"dh/l{layer}_d{d}"], rtol=0,
                                   atol=GRAD_ATOL, err_msg=f"dh {layer} {d}")  # fmt: skip
        if net.cell == "lstm":
            np.testing.assert_allclose(grads.dc(layer, d), arrays[f"dc/l{layer}_d{d}"], rtol=0,
                                       atol=GRAD_ATOL, err_msg=f"dc {layer} {d}")  # fmt: skip


# -- live PyTorch -------------------------------------------------------------------------

LIVE_ATOL = 1e-12  # float64 on both sides: observed differences are ~1e-15


@pytest.fixture(scope="module")
def reference() -> ModuleType:
    """scripts/make_golden.py as a module: torch's reference for any network and inputs."""
    torch = pytest.importorskip("torch")
    torch.set_num_threads(1)
    path = ROOT / "scripts" / "make_golden.py"
    spec = importlib.util.spec_from_file_location("make_golden", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("initial", [False, True], ids=["zero", "h0"])
@pytest.mark.parametrize("bidirectional", [False, True], ids=["uni", "bi"])
@pytest.mark.parametrize("layers", [1, 2], ids=["L1", "L2"])
@pytest.mark.parametrize("variant", list(VARIANTS))
def test_live_torch(
    reference: ModuleType, variant: str, layers: int, bidirectional: bool, initial: bool
) -> None:
    """Forward values, every gate, every gradient and every dL/dh_t against torch.

    With an initial state the loss also has h_n (and c_n) terms; without, it is the plain
    Σ output ⊙ R, so both backward entry points are exercised.
    """
    seed = zlib.crc32(f"{variant}-{layers}-{bidirectional}-{initial}".encode())
    rng = np.random.default_rng(seed)
    steps, input_size, hidden = (int(v) for v in rng.integers((1, 1, 1), (9, 7, 7)))
    cell, nonlinearity = VARIANTS[variant]
    arrays = reference.draw_case(variant, layers, bidirectional, initial, seed % 2**31,
                                 steps=steps, input_size=input_size, hidden=hidden)  # fmt: skip
    params = {k: v for k, v in arrays.items() if k.startswith(PARTS)}
    d_h_n = arrays["d_h_n"] if initial else None
    d_c_n = arrays.get("d_c_n") if initial else None
    h0, c0 = arrays.get("h0"), arrays.get("c0")
    ref = reference.reference(cell, nonlinearity, layers, bidirectional, params, arrays["x"],
                              h0, c0, arrays["d_output"], d_h_n, d_c_n)  # fmt: skip

    net = Recurrent(cell, input_size, hidden, layers, bidirectional, nonlinearity)
    net.load_state_dict(params)
    trace = net.run(arrays["x"], h0, c0)
    close = {"rtol": 1e-12, "atol": LIVE_ATOL}
    np.testing.assert_allclose(trace.output, ref["output"], **close)
    np.testing.assert_allclose(trace.h_n, ref["h_n"], **close)
    if cell == "lstm":
        np.testing.assert_allclose(trace.c_n, ref["c_n"], **close)
    for layer, d in _layer_dirs(net):
        recorded = trace.gates(layer, d)
        for name, value in recorded.items():
            np.testing.assert_allclose(value, ref[f"gates/l{layer}_d{d}/{name}"], **close,
                                       err_msg=f"{name} l{layer} d{d}")  # fmt: skip

    grads = net.backward(trace, arrays["d_output"], d_h_n, d_c_n)
    close = {"rtol": 1e-11, "atol": 1e-11}
    for name, value in grads.params.items():
        np.testing.assert_allclose(value, ref[f"grad/{name}"], **close, err_msg=name)
    np.testing.assert_allclose(grads.dx, ref["grad/x"], **close)
    np.testing.assert_allclose(grads.dh0, ref["grad/h0"], **close)
    if cell == "lstm":
        np.testing.assert_allclose(grads.dc0, ref["grad/c0"], **close)
    for layer, d in _layer_dirs(net):
        np.testing.assert_allclose(grads.dh(layer, d), ref[f"dh/l{layer}_d{d}"], **close)
        if cell == "lstm":
            np.testing.assert_allclose(grads.dc(layer, d), ref[f"dc/l{layer}_d{d}"], **close)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_torch_state_dict_loads_into_recurrent(reference: ModuleType, variant: str) -> None:
    import torch

    cell, nonlinearity = VARIANTS[variant]
    torch.manual_seed(7)
    module = reference.torch_module(cell, nonlinearity, 5, 6, 2, True)
    net = Recurrent(cell, 5, 6, num_layers=2, bidirectional=True, nonlinearity=nonlinearity)
    net.load_state_dict({k: v.detach().numpy() for k, v in module.state_dict().items()})
    x = np.random.default_rng(7).uniform(-1, 1, size=(4, 5))
    with torch.no_grad():
        expected = module(torch.from_numpy(x))[0].numpy()
    np.testing.assert_allclose(net.run(x).output, expected, rtol=1e-12, atol=1e-13)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_recurrent_state_dict_loads_into_torch(reference: ModuleType, variant: str) -> None:
    import torch

    cell, nonlinearity = VARIANTS[variant]
    net = Recurrent(cell, 5, 6, num_layers=2, bidirectional=True, nonlinearity=nonlinearity,
                    seed=11)  # fmt: skip
    module = reference.torch_module(cell, nonlinearity, 5, 6, 2, True)
    module.load_state_dict({k: torch.from_numpy(v) for k, v in net.state_dict().items()},
                           strict=True)  # fmt: skip
    x = np.random.default_rng(11).uniform(-1, 1, size=(4, 5))
    with torch.no_grad():
        output, state = module(torch.from_numpy(x))
    trace = net.run(x)
    np.testing.assert_allclose(trace.output, output.numpy(), rtol=1e-12, atol=1e-13)
    h_n = state[0] if cell == "lstm" else state
    np.testing.assert_allclose(trace.h_n, h_n.numpy(), rtol=1e-12, atol=1e-13)


# -- what a trace keeps -------------------------------------------------------------------


def test_trace_does_not_alias_the_callers_arrays() -> None:
    net = Recurrent("lstm", 3, 4, seed=0)
    rng = np.random.default_rng(0)
    x, h0 = rng.normal(size=(5, 3)), rng.normal(size=(1, 4))
    trace = net.run(x, h0)
    before = net.backward(trace, np.ones((5, 4))).params
    x[:] = 0.0  # the caller reuses its buffers
    h0[:] = 0.0
    after = net.backward(trace, np.ones((5, 4))).params
    for name in before:
        np.testing.assert_array_equal(after[name], before[name], err_msg=name)
