"""SGD, Adam and AdamW against torch.optim, step by step in float64, and their input checks."""

import numpy as np
import pytest

from engine.training import SGD, Adam

SHAPES = {"rnn.weight_ih_l0": (12, 5), "rnn.bias_hh_l0": (12,), "head.weight": (3, 4)}
STEPS = 5


def _params(seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {name: rng.normal(size=shape) for name, shape in SHAPES.items()}


def _grads(seed: int) -> list[dict[str, np.ndarray]]:
    """STEPS gradient dicts, with a zero entry so eps and the zero-grad path are exercised."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(STEPS):
        g = {name: rng.normal(scale=2.0, size=shape) for name, shape in SHAPES.items()}
        g["head.weight"][0, 0] = 0.0
        out.append(g)
    return out


def _against_torch(ours_factory, torch_factory, seed: int = 1) -> None:
    torch = pytest.importorskip("torch")
    params = _params()
    theirs = {k: torch.tensor(v.copy(), dtype=torch.float64, requires_grad=True)
              for k, v in params.items()}  # fmt: skip
    ours = ours_factory(params)
    reference = torch_factory(list(theirs.values()))
    for step, grads in enumerate(_grads(seed), start=1):
        ours.step(grads)
        for name, t in theirs.items():
            t.grad = torch.tensor(grads[name], dtype=torch.float64)
        reference.step()
        for name, t in theirs.items():
            np.testing.assert_allclose(params[name], t.detach().numpy(), rtol=0, atol=1e-12,
                                       err_msg=f"{name} after step {step}")  # fmt: skip
    assert ours.steps == STEPS


def test_sgd_plain_matches_torch():
    torch = pytest.importorskip("torch")
    _against_torch(lambda p: SGD(p, lr=0.1), lambda t: torch.optim.SGD(t, lr=0.1))


def test_sgd_momentum_weight_decay_matches_torch():
    torch = pytest.importorskip("torch")
    _against_torch(
        lambda p: SGD(p, lr=0.05, momentum=0.9, weight_decay=0.01),
        lambda t: torch.optim.SGD(t, lr=0.05, momentum=0.9, weight_decay=0.01),
    )


def test_adam_matches_torch():
    torch = pytest.importorskip("torch")
    _against_torch(
        lambda p: Adam(p, lr=0.01, betas=(0.8, 0.99), eps=1e-6),
        lambda t: torch.optim.Adam(t, lr=0.01, betas=(0.8, 0.99), eps=1e-6, foreach=False),
    )


def test_adam_coupled_weight_decay_matches_torch():
    torch = pytest.importorskip("torch")
    _against_torch(
        lambda p: Adam(p, lr=0.02, weight_decay=0.1),
        lambda t: torch.optim.Adam(t, lr=0.02, weight_decay=0.1, foreach=False),
    )


def test_adamw_matches_torch():
    torch = pytest.importorskip("torch")
    _against_torch(
        lambda p: Adam(p, lr=0.02, weight_decay=0.1, decoupled=True),
        lambda t: torch.optim.AdamW(t, lr=0.02, weight_decay=0.1, foreach=False),
    )


def test_adam_matches_torch_default_implementation():
    """torch's default (foreach) kernels too, to rounding error."""
    torch = pytest.importorskip("torch")
    _against_torch(lambda p: Adam(p, lr=0.01), lambda t: torch.optim.Adam(t, lr=0.01), seed=7)


@pytest.mark.parametrize("make", [lambda p: SGD(p, lr=0.1, momentum=0.5),
                                  lambda p: Adam(p, lr=0.1, weight_decay=0.1, decoupled=True)])
def test_step_updates_the_same_arrays_in_place(make):
    params = _params()
    objects = {k: id(v) for k, v in params.items()}
    before = {k: v.copy() for k, v in params.items()}
    grads = _grads(3)[0]
    frozen = {k: g.copy() for k, g in grads.items()}
    opt = make(params)
    opt.step(grads)
    assert {k: id(v) for k, v in params.items()} == objects
    assert all(opt.params[k] is params[k] for k in params)
    assert all(not np.array_equal(params[k], before[k]) for k in params)
    assert all(np.array_equal(grads[k], frozen[k]) for k in grads)  # grads left alone


def test_missing_and_extra_keys_are_named():
    opt = SGD(_params(), lr=0.1)
    grads = _grads(0)[0]
    grads["typo.weight"] = grads.pop("head.weight")
    with pytest.raises(ValueError, match=r"missing keys \['head.weight'\].*\['typo.weight'\]"):
        opt.step(grads)


def test_shape_mismatch_is_named():
    opt = Adam(_params(), lr=0.1)
    grads = _grads(0)[0]
    grads["rnn.bias_hh_l0"] = np.zeros(11)
    with pytest.raises(ValueError, match=r"grads\['rnn.bias_hh_l0'\]: expected shape \(12,\)"):
        opt.step(grads)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_grad_is_named_and_nothing_changes(bad):
    params = _params()
    before = {k: v.copy() for k, v in params.items()}
    opt = Adam(params, lr=0.1)
    grads = _grads(0)[0]
    grads["head.weight"][1, 2] = bad
    with pytest.raises(ValueError, match=r"grads\['head.weight'\]: contains NaN or infinity"):
        opt.step(grads)
    assert all(np.array_equal(params[k], before[k]) for k in params)
    assert opt.steps == 0


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (lambda p: SGD(p, lr=0.0), "lr"),
        (lambda p: SGD(p, lr=float("nan")), "lr"),
        (lambda p: SGD(p, lr=-1.0), "lr"),
        (lambda p: SGD(p, lr=0.1, momentum=1.0), "momentum"),
        (lambda p: SGD(p, lr=0.1, momentum=-0.1), "momentum"),
        (lambda p: SGD(p, lr=0.1, weight_decay=-1e-4), "weight_decay"),
        (lambda p: Adam(p, lr=float("inf")), "lr"),
        (lambda p: Adam(p, betas=(1.0, 0.999)), r"betas\[0\]"),
        (lambda p: Adam(p, betas=(0.9, -0.1)), r"betas\[1\]"),
        (lambda p: Adam(p, betas=(0.9,)), "betas"),
        (lambda p: Adam(p, eps=0.0), "eps"),
        (lambda p: Adam(p, weight_decay=float("nan")), "weight_decay"),
        (lambda p: Adam(p, decoupled="yes"), "decoupled"),
        (lambda p: Adam({}), "params"),
        (lambda p: Adam({"w": np.arange(3)}), r"params\['w'\]"),
    ],
)
def test_bad_hyper_parameters_are_named(make, name):
    with pytest.raises(ValueError, match=rf"^{name}: "):
        make(_params())


def test_read_only_parameter_is_refused():
    params = _params()
    params["head.weight"].flags.writeable = False
    with pytest.raises(ValueError, match=r"params\['head.weight'\]: is read-only"):
        SGD(params, lr=0.1)


@pytest.mark.parametrize("make", [lambda p: SGD(p, lr=0.1, momentum=0.9),
                                  lambda p: Adam(p, lr=0.05)])
def test_state_dict_round_trip_resumes_identically(make):
    grads = _grads(5)
    straight = _params()
    opt = make(straight)
    for g in grads:
        opt.step(g)

    resumed = _params()
    first = make(resumed)
    for g in grads[:2]:
        first.step(g)
    state = first.state_dict()
    second = make(resumed)
    second.load_state_dict(state)
    for g in grads[2:]:
        second.step(g)
    assert second.steps == STEPS
    assert all(np.array_equal(straight[k], resumed[k]) for k in straight)


def test_load_state_dict_checks_shapes():
    opt = Adam(_params(), lr=0.1)
    opt.step(_grads(0)[0])
    state = opt.state_dict()
    state["exp_avg"]["head.weight"] = np.zeros((2, 2))
    with pytest.raises(ValueError, match=r"state\['exp_avg'\]\['head.weight'\]: expected shape"):
        Adam(_params(), lr=0.1).load_state_dict(state)
