"""The bundled two-layer LSTM tagger and relu RNN tagger against PyTorch with their own
weights: the tag probabilities (torch.nn.LSTM with num_layers=2, torch.nn.RNN with relu),
and the gradient page's ∂L/∂h_t per layer (a step-by-step torch unroll whose every h_t keeps
its gradient, so each is the total derivative through the layer above and the next step)."""

import numpy as np
import pytest

from engine import gradient_flow as gf
from engine.models import ModelRegistry

torch = pytest.importorskip("torch")

REGISTRY = ModelRegistry()
TEXT = "他们 常常 在 家 吃 瓜"
MODELS = ["tagging-lstm-2layer", "tagging-rnn-relu"]


def _weights(model_id: str) -> dict:
    params = REGISTRY.load(model_id).parameters()
    return {k: torch.tensor(v, dtype=torch.float64) for k, v in params.items()}


def _torch_module(model_id: str):
    config = REGISTRY.card(model_id)["config"]
    p = _weights(model_id)
    sizes = (config["embedding_dim"], config["hidden_size"])
    if config["cell"] == "lstm":
        net = torch.nn.LSTM(*sizes, num_layers=config["num_layers"], batch_first=True)
    else:
        net = torch.nn.RNN(*sizes, num_layers=config["num_layers"],
                           nonlinearity=config["nonlinearity"], batch_first=True)  # fmt: skip
    net = net.double()
    net.load_state_dict({k[len("rnn."):]: v for k, v in p.items() if k.startswith("rnn.")})
    return net, p


def _ids(model_id: str) -> list[int]:
    model = REGISTRY.load(model_id)
    return model.encode(model.tokenize(TEXT)).ids.tolist()


def test_the_bundled_variants_are_what_their_names_say():
    deep = REGISTRY.card("tagging-lstm-2layer")["config"]
    relu = REGISTRY.card("tagging-rnn-relu")["config"]
    assert (deep["cell"], deep["num_layers"], deep["nonlinearity"]) == ("lstm", 2, "tanh")
    assert (relu["cell"], relu["num_layers"], relu["nonlinearity"]) == ("rnn", 1, "relu")


@pytest.mark.parametrize("model_id", MODELS)
def test_tag_probabilities_equal_pytorchs(model_id):
    net, p = _torch_module(model_id)
    with torch.no_grad():
        out, _ = net(p["embedding.weight"][torch.tensor(_ids(model_id))][None])  # (1, T, H)
        probs = torch.softmax(out[0] @ p["head.weight"].T + p["head.bias"], dim=1)  # (T, K)
    analysis = REGISTRY.load(model_id).analyze(TEXT)
    np.testing.assert_allclose(analysis.prediction["probabilities"], probs.numpy(), atol=1e-10)


def _torch_dh_per_layer(model_id: str, targets: np.ndarray) -> list[np.ndarray]:
    """∂L/∂h_t (T, H) per layer for the mean cross-entropy of every step against `targets`."""
    config = REGISTRY.card(model_id)["config"]
    p = _weights(model_id)
    lstm = config["cell"] == "lstm"
    x = p["embedding.weight"][torch.tensor(_ids(model_id))]  # (T, E)
    hs: list[list] = []
    for layer in range(config["num_layers"]):
        names = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")
        w = {name: p[f"rnn.{name}_l{layer}"] for name in names}
        if lstm:
            cell = torch.nn.LSTMCell(w["weight_ih"].shape[1], config["hidden_size"]).double()
        else:
            cell = torch.nn.RNNCell(w["weight_ih"].shape[1], config["hidden_size"],
                                    nonlinearity=config["nonlinearity"]).double()  # fmt: skip
        cell.load_state_dict(w)
        h = torch.zeros(1, config["hidden_size"], dtype=torch.float64)
        c = torch.zeros_like(h)
        row = []
        for t in range(x.shape[0]):
            if lstm:
                h, c = cell(x[t : t + 1], (h, c))
            else:
                h = cell(x[t : t + 1], h)
            h.retain_grad()
            row.append(h)
        hs.append(row)
        x = torch.cat(row)  # (T, H): the next layer's input
    logits = x @ p["head.weight"].T + p["head.bias"]  # (T, K)
    torch.nn.functional.cross_entropy(logits, torch.tensor(targets)).backward()
    return [torch.cat([h.grad for h in row]).numpy() for row in hs]


@pytest.mark.parametrize("model_id", MODELS)
def test_gradient_page_values_per_layer_equal_pytorchs(model_id):
    model = REGISTRY.load(model_id)
    flow = gf.gradient_flow(model, TEXT, loss="every")  # targets: the predicted tags
    targets = np.array([list(model.tagset).index(tag) for tag in flow.targets])
    expected = _torch_dh_per_layer(model_id, targets)
    assert [lt.layer for lt in flow.trace.layers] == list(range(len(expected)))
    for got, want in zip(flow.dh, expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-7, atol=1e-12)
