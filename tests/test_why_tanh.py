"""Why tanh (seed 001): the RNN's activation table (sigmoid and identity against a hand
computation, backward against PyTorch autograd), and POST /api/why-tanh's numbers for one
trained RNN under tanh, sigmoid, relu and identity against PyTorch and hand computations."""

import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from engine.activations import ACTIVATIONS, activation
from engine.models import ModelRegistry
from engine.recurrent import Recurrent

torch = pytest.importorskip("torch")

REGISTRY = ModelRegistry()
TEXT = "他们 常常 在 家 吃 瓜"
TORCH_F = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu,
           "identity": lambda a: a}  # fmt: skip


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://127.0.0.1")


@pytest.mark.parametrize(("name", "f"), [("sigmoid", lambda a: 1 / (1 + np.exp(-a))),
                                         ("identity", lambda a: a)])  # fmt: skip
def test_sigmoid_and_identity_rnns_step_as_written_by_hand(name, f):
    net = Recurrent("rnn", 3, 4, nonlinearity=name, seed=1)
    p = net.state_dict()
    x = np.random.default_rng(0).normal(size=(5, 3))
    h = np.zeros(4)
    for t in range(5):
        h = f(p["weight_ih_l0"] @ x[t] + p["bias_ih_l0"] + p["weight_hh_l0"] @ h + p["bias_hh_l0"])
        np.testing.assert_allclose(net.run(x).gates(0, "forward")["h"][t], h, atol=1e-12)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_bptt_with_every_activation_equals_pytorch_autograd(name):
    net = Recurrent("rnn", 3, 4, num_layers=2, bidirectional=True, nonlinearity=name, seed=3)
    p = {k: torch.tensor(v, requires_grad=True) for k, v in net.state_dict().items()}
    x = np.random.default_rng(1).normal(size=(6, 3))
    weights = np.random.default_rng(2).normal(size=(6, 8))
    grads = net.backward(net.run(x), weights)
    f = TORCH_F[name]
    layer_in = torch.tensor(x)
    for layer in range(2):
        outs = []
        for suffix in ("", "_reverse"):
            w = {
                k: p[f"{k}_l{layer}{suffix}"]
                for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
            }
            order = range(6) if not suffix else range(5, -1, -1)
            h, hs = torch.zeros(4, dtype=torch.float64), {}
            for t in order:
                h = f(
                    w["weight_ih"] @ layer_in[t] + w["bias_ih"] + w["weight_hh"] @ h + w["bias_hh"]
                )
                hs[t] = h
            outs.append(torch.stack([hs[t] for t in range(6)]))
        layer_in = torch.cat(outs, dim=1)  # (T, 2H)
    (layer_in * torch.tensor(weights)).sum().backward()
    for key, value in p.items():
        np.testing.assert_allclose(grads.params[key], value.grad.numpy(), atol=1e-10, err_msg=key)


def test_gradient_flow_takes_a_network_or_controls_not_both():
    from engine.gradient_flow import gradient_flow
    from engine.why_tanh import swapped

    model = REGISTRY.load("tagging-rnn")
    with pytest.raises(ValueError, match="network: give either"):
        gradient_flow(model, TEXT, network=swapped(model, "relu"), nonlinearity="relu")


def test_an_unknown_activation_is_a_value_error_naming_the_parameter():
    with pytest.raises(ValueError, match=r"nonlinearity: .*'sigmoid', 'identity', got 'softsign'"):
        activation("softsign")
    with pytest.raises(ValueError, match="nonlinearity"):
        Recurrent("lstm", 3, 4, nonlinearity="sigmoid")


def _why(client: TestClient, model: str = "tagging-rnn", text: str = TEXT) -> dict:
    response = client.post("/api/why-tanh", json={"model": model, "text": text})
    assert response.status_code == 200, response.text
    return response.json()


def _torch_run(model_id: str, name: str, text: str, target: str):
    """h (T, H) and ‖∂L/∂h_k‖ (T,) of a one-layer RNN tagger unrolled in PyTorch under `name`,
    L the cross-entropy of the last step's tag against `target`."""
    model = REGISTRY.load(model_id)
    p = {k: torch.tensor(v, requires_grad=True) for k, v in model.parameters().items()}
    ids = model.encode(model.tokenize(text)).ids
    x = p["embedding.weight"][torch.tensor(ids)]
    h = torch.zeros(p["rnn.weight_hh_l0"].shape[1], dtype=torch.float64)
    hs = []
    for t in range(len(ids)):
        h = TORCH_F[name](p["rnn.weight_ih_l0"] @ x[t] + p["rnn.bias_ih_l0"]
                          + p["rnn.weight_hh_l0"] @ h + p["rnn.bias_hh_l0"])  # fmt: skip
        h.retain_grad()
        hs.append(h)
    logits = p["head.weight"] @ hs[-1] + p["head.bias"]
    loss = torch.nn.functional.cross_entropy(
        logits[None], torch.tensor([model.tagset.index(target)])
    )
    loss.backward()
    return torch.stack(hs).detach().numpy(), np.array([float(h.grad.norm()) for h in hs])


@pytest.mark.parametrize("name", ["tanh", "sigmoid", "relu", "identity"])
def test_each_activation_has_pytorchs_states_and_gradient_flow(client, name):
    body = _why(client)
    run = next(r for r in body["runs"] if r["nonlinearity"] == name)
    h, norms = _torch_run("tagging-rnn", name, TEXT, run["target"])
    np.testing.assert_allclose(run["h_min"], h.min(axis=1), rtol=1e-6)
    np.testing.assert_allclose(run["h_max"], h.max(axis=1), rtol=1e-6)
    np.testing.assert_allclose(run["h_mean"], h.mean(axis=1), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(run["grad_norms"], norms, rtol=1e-5)
    assert run["negative_share"] == pytest.approx(float((h < 0).mean()))


def test_the_four_reasons_show_in_the_numbers(client):
    runs = {r["nonlinearity"]: r for r in _why(client)["runs"]}
    assert runs["tanh"]["trained"] and not runs["sigmoid"]["trained"]
    # bounded range: tanh in (-1, 1), sigmoid in (0, 1) (float32 may round to the ends);
    # relu and identity leave it
    assert -1 <= min(runs["tanh"]["h_min"]) and max(runs["tanh"]["h_max"]) <= 1
    assert 0 <= min(runs["sigmoid"]["h_min"]) and max(runs["sigmoid"]["h_max"]) <= 1
    assert max(runs["identity"]["h_max"]) > 1 and max(runs["relu"]["h_max"]) > 1
    # centred: tanh's values fall on both sides of zero, sigmoid's and relu's never below
    assert 0.2 < runs["tanh"]["negative_share"] < 0.8
    assert runs["sigmoid"]["negative_share"] == 0 and runs["relu"]["negative_share"] == 0
    # saturation: sigmoid's f' is at most 1/4, identity's is 1 everywhere
    assert max(runs["sigmoid"]["fprime_mean"]) <= 0.25
    assert (
        runs["identity"]["fprime_mean"] == [1.0] * 6 and runs["identity"]["saturated"] == [0.0] * 6
    )
    # non-linearity: only identity adds up each word's separate effect
    assert runs["identity"]["superposition_gap"] < 1e-9
    assert min(runs[n]["superposition_gap"] for n in ("tanh", "sigmoid", "relu")) > 0.05


def test_superposition_gap_by_hand_for_tanh(client):
    body = _why(client, text="我 吃 瓜")
    run = next(r for r in body["runs"] if r["nonlinearity"] == "tanh")
    model = REGISTRY.load("tagging-rnn")
    x = model.embedding.forward(model.encode(["我", "吃", "瓜"]).ids)
    y = lambda inputs: model.rnn.run(inputs).output  # noqa: E731
    base = y(np.zeros_like(x))
    parts = sum(y(np.where(np.arange(3)[:, None] == k, x, 0.0)) - base for k in range(3))
    expected = np.linalg.norm(y(x) - base - parts) / np.linalg.norm(y(x) - base)
    assert run["superposition_gap"] == pytest.approx(expected, rel=1e-6)


def test_a_long_text_overflows_to_null_not_an_error(client):
    long = " ".join(["the", "cat", ",", "which", "sat", "near", "the", "dogs", ","] * 4 + ["was"])
    body = _why(client, "agreement-rnn", long)
    runs = {r["nonlinearity"]: r for r in body["runs"]}
    assert len(body["tokens"]) == 37
    tanh = runs["tanh"]["grad_norms"]
    assert tanh[0] is not None and tanh[0] < 1e-3 * tanh[-1]  # vanishes back through time


def test_an_lstm_is_refused_with_what_to_choose(client):
    response = client.post("/api/why-tanh", json={"model": "tagging-lstm", "text": TEXT})
    assert response.status_code == 400
    assert "plain RNN" in response.json()["detail"]
    bad = client.post("/api/why-tanh", json={"model": "tagging-rnn", "text": TEXT, "extra": 1})
    assert bad.status_code == 422
