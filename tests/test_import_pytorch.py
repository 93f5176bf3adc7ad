"""PyTorch models imported with `engine.importers.load_model` give PyTorch's own numbers.

Each case builds embedding -> nn.RNN/LSTM/GRU -> nn.Linear with random weights (distinct
bias_ih and bias_hh, as PyTorch initialises them), saves its state_dict as safetensors or
npz, imports it, and compares every hidden (and cell) state of every layer, direction and
step, the final states and the head's output with PyTorch's forward, to 1e-5 (float32).
"""

import json

import numpy as np
import pytest

torch = pytest.importorskip("torch")
safetensors_torch = pytest.importorskip("safetensors.torch")

from engine.importers import import_model, load_model  # noqa: E402
from engine.importers.torch_parity import layer_states  # noqa: E402

V, E, H, C = 11, 5, 6, 4
TOLERANCE = 1e-5
VOCAB = [f"w{i}" for i in range(V)]
TOKENS = ["w3", "w1", "w4", "w1", "w5", "w9", "w2"]


class Net(torch.nn.Module):
    """What a user trains: an embedding, a recurrent module and a linear head."""

    def __init__(
        self,
        cell="lstm",
        layers=1,
        bidirectional=False,
        nonlinearity="tanh",
        outputs=C,
        bias=True,
        names=("emb", "rnn", "fc"),
    ):
        super().__init__()
        torch.manual_seed(7)
        kinds = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}
        extra = {"nonlinearity": nonlinearity} if cell == "rnn" else {}
        self.names = names
        setattr(self, names[0], torch.nn.Embedding(V, E))
        setattr(
            self,
            names[1],
            kinds[cell](E, H, num_layers=layers, bias=bias, bidirectional=bidirectional, **extra),
        )
        setattr(self, names[2], torch.nn.Linear(H * (2 if bidirectional else 1), outputs))

    def parts(self):
        return (getattr(self, n) for n in self.names)


def save(net, path):
    """The state_dict as the user would save it: safetensors or npz."""
    state = {k: v.detach().contiguous() for k, v in net.state_dict().items()}
    if path.suffix == ".npz":
        np.savez(path, **{k: v.numpy() for k, v in state.items()})
    else:
        safetensors_torch.save_file(state, str(path))
    return path


def their_numbers(net, ids, task):
    """PyTorch's output, h_n, c_n, per-layer states and head output for ids (T,)."""
    emb, rnn, fc = net.parts()
    with torch.no_grad():
        x = emb(torch.tensor(ids))  # (T, E)
        out, state = rnn(x)  # (T, D·H)
        h_n, c_n = state if isinstance(state, tuple) else (state, None)
        if task == "classify":
            d = 2 if rnn.bidirectional else 1
            head = fc(torch.cat(list(h_n[-d:])))  # (C,)
        else:
            head = fc(out)  # (T, C)
    arrays = {k: v.numpy() for k, v in rnn.state_dict().items()}
    cell = {"LSTM": "lstm", "GRU": "gru"}.get(rnn.mode, "rnn")  # RNN_TANH, RNN_RELU
    per_layer = layer_states(
        cell,
        arrays,
        rnn.num_layers,
        rnn.bidirectional,
        getattr(rnn, "nonlinearity", "tanh"),
        x.numpy(),
    )
    return {
        "output": out.numpy(),
        "h_n": h_n.numpy(),
        "c_n": None if c_n is None else c_n.numpy(),
        "head": head.numpy(),
        **per_layer,
    }


def largest_difference(model, tokens, net, ids, task, lm_columns=None):
    """max |engine - PyTorch| over every state and the head's output."""
    analysis = model.analyze(tokens)
    trace = analysis.trace
    theirs = their_numbers(net, ids, task)
    pairs = [(trace.output, theirs["output"]), (trace.h_n, theirs["h_n"])]
    if theirs["c_n"] is not None:
        pairs.append((trace.c_n, theirs["c_n"]))
    for lt in trace.layers:
        name = f"l{lt.layer} {('forward', 'reverse')[lt.direction]}"
        pairs.append((lt.records["h"], theirs[f"h {name}"]))
        if "c" in lt.records:
            pairs.append((lt.records["c"], theirs[f"c {name}"]))
    logits = np.asarray(analysis.extra["logits"])
    pairs.append((logits if lm_columns is None else logits[:, lm_columns], theirs["head"]))
    assert all(ours.shape == ref.shape for ours, ref in pairs)
    return max(float(np.max(np.abs(ours - ref))) for ours, ref in pairs)


CASES = [  # cell, nonlinearity, layers, bidirectional, file suffix
    ("rnn", "tanh", 1, False, ".safetensors"),
    ("rnn", "relu", 2, True, ".npz"),
    ("lstm", "tanh", 1, False, ".npz"),
    ("lstm", "tanh", 2, True, ".safetensors"),
    ("gru", "tanh", 1, True, ".safetensors"),
    ("gru", "tanh", 2, False, ".npz"),
]


@pytest.mark.parametrize("task", ["tagging", "classify"])
@pytest.mark.parametrize(("cell", "nonlinearity", "layers", "bidirectional", "suffix"), CASES)
def test_every_state_and_the_head_match_pytorch(
    tmp_path, cell, nonlinearity, layers, bidirectional, suffix, task
):
    net = Net(cell, layers, bidirectional, nonlinearity)
    path = save(net, tmp_path / f"model{suffix}")
    model = load_model(path, VOCAB, task=task, nonlinearity=nonlinearity)
    ids = [VOCAB.index(t) for t in TOKENS]
    assert largest_difference(model, TOKENS, net, ids, task) < TOLERANCE


@pytest.mark.parametrize("cell", ["rnn", "lstm", "gru"])
def test_a_language_model_matches_pytorch_from_its_begin_token(tmp_path, cell):
    net = Net(cell, layers=2, outputs=V)
    vocab = ["<s>", "</s>", *VOCAB[2:]]
    imported = import_model(save(net, tmp_path / "lm.safetensors"), vocab)
    assert imported.task == "lm"
    assert imported.vocabulary.engine_ids[:2].tolist() == [2, 3]  # <s> is <BOS>, </s> <EOS>
    tokens = ["w3", "w4", "w9", "w2", "w3"]
    ids = [0, *(vocab.index(t) for t in tokens)]  # PyTorch reads <s> first, as the engine
    columns = imported.vocabulary.engine_ids  # the engine's column of each user id
    assert largest_difference(imported.model, tokens, net, ids, "lm", columns) < TOLERANCE


def test_an_unknown_word_reads_the_users_unk_row(tmp_path):
    net = Net("gru")
    vocab = ["<unk>", *VOCAB[1:]]
    model = load_model(save(net, tmp_path / "m.safetensors"), vocab, task="tagging")
    tokens = ["w3", "never-seen", "w2"]
    assert model.analyze(tokens).unknown == [False, True, False]
    assert largest_difference(model, tokens, net, [3, 0, 2], "tagging") < TOLERANCE


def test_a_vocabulary_object_token_to_id_keeps_the_ids(tmp_path):
    net = Net("lstm")
    vocab = {token: i for i, token in reversed(list(enumerate(VOCAB)))}
    model = load_model(save(net, tmp_path / "m.safetensors"), vocab, task="classify")
    assert (
        largest_difference(model, TOKENS, net, [VOCAB.index(t) for t in TOKENS], "classify")
        < TOLERANCE
    )


def test_without_a_vocabulary_the_tokens_are_ids(tmp_path):
    net = Net("rnn")
    model = load_model(save(net, tmp_path / "m.npz"), task="tagging")
    assert largest_difference(model, ["3", "10", "0"], net, [3, 10, 0], "tagging") < TOLERANCE


def test_a_one_output_sigmoid_head_gives_sigmoid_probabilities(tmp_path):
    net = Net("lstm", outputs=1)
    model = load_model(save(net, tmp_path / "m.safetensors"), VOCAB, ["no", "yes"], "classify")
    with torch.no_grad():
        _, (h_n, _) = net.rnn(net.emb(torch.tensor([3, 1, 4])))
        expected = torch.sigmoid(net.fc(h_n[-1]))[0].item()
    assert model.analyze(["w3", "w1", "w4"]).prediction["probabilities"]["yes"] == pytest.approx(
        expected, abs=TOLERANCE
    )


def test_biasless_layers_and_any_attribute_names_are_recognised(tmp_path):
    net = Net("gru", layers=2, bias=False, names=("embedding", "encoder", "classifier"))
    imported = import_model(save(net, tmp_path / "m.safetensors"), VOCAB, task="tagging")
    assert any("bias=False" in note for note in imported.card["imported"]["mapping"])
    assert (
        largest_difference(imported.model, TOKENS, net, [VOCAB.index(t) for t in TOKENS], "tagging")
        < TOLERANCE
    )


def test_the_card_records_the_source_and_the_parity_measured(tmp_path):
    path = save(Net("lstm", 2, True), tmp_path / "m.safetensors")
    card = import_model(path, VOCAB, task="tagging").card["imported"]
    assert card["source"]["format"] == "safetensors"
    assert len(card["source"]["sha256"]) == 64
    assert card["check"]["finite"] is True
    assert card["check"]["parity"]["measured"] is True
    assert card["check"]["parity"]["max_abs_difference"] < TOLERANCE
    json.dumps(card)  # the card is JSON as it is


# -- refusals -----------------------------------------------------------------------------


def test_a_pickle_is_refused_without_being_opened(tmp_path):
    path = tmp_path / "model.pt"
    path.write_bytes(b"not even a pickle")  # opening it would fail differently
    with pytest.raises(ValueError, match=r"(?s)is a pickle.*safetensors.torch.save_file"):
        load_model(path, VOCAB)


def test_torch_save_renamed_npz_is_refused_as_a_pickle(tmp_path):
    path = tmp_path / "model.npz"
    torch.save(Net().state_dict(), path)
    with pytest.raises(ValueError, match="is a pickle"):
        load_model(path, VOCAB)


def test_proj_size_is_refused_naming_it(tmp_path):
    net = Net("lstm")
    net.rnn = torch.nn.LSTM(E, H, proj_size=3)
    net.fc = torch.nn.Linear(3, C)
    with pytest.raises(ValueError, match=r"rnn.weight_hr_l0 .*proj_size=3"):
        load_model(save(net, tmp_path / "m.safetensors"), VOCAB, task="tagging")


def test_two_possible_heads_are_listed_with_the_choice(tmp_path):
    net = Net("gru")
    net.out = torch.nn.Linear(H, 2)
    path = save(net, tmp_path / "m.safetensors")
    with pytest.raises(ValueError, match=r"head: 2 .*fc.weight \(4, 6\).*out.weight.*--prefix"):
        load_model(path, VOCAB, task="tagging")
    model = load_model(path, VOCAB, task="tagging", head="fc", embedding="emb")
    assert model.head.weight.shape == (C, H)


def test_two_recurrent_modules_ask_which(tmp_path):
    net = Net("gru")
    net.decoder_rnn = torch.nn.GRU(E, H)
    with pytest.raises(ValueError, match=r"rnn: 2 recurrent modules \('decoder_rnn', 'rnn'\)"):
        load_model(save(net, tmp_path / "m.safetensors"), VOCAB, task="tagging")


def test_an_oversized_file_is_refused_before_parsing(tmp_path):
    path = save(Net("lstm", 2, True), tmp_path / "m.safetensors")
    with pytest.raises(ValueError, match=r"over the limit of 0.0 MB"):
        load_model(path, VOCAB, task="tagging", max_bytes=1024)


def test_a_vocabulary_of_the_wrong_size_is_refused(tmp_path):
    path = save(Net("rnn"), tmp_path / "m.safetensors")
    with pytest.raises(ValueError, match="vocab: 10 tokens, but the embedding has 11 rows"):
        load_model(path, VOCAB[:10], task="tagging")


def test_a_language_model_without_a_begin_token_asks_for_one(tmp_path):
    path = save(Net("lstm", outputs=V), tmp_path / "m.safetensors")
    with pytest.raises(ValueError, match="--bos TOKEN"):
        load_model(path, VOCAB)
    assert import_model(path, VOCAB, bos="w0").vocabulary.engine_ids[0] == 2  # w0 is <BOS>


def test_the_task_is_asked_when_the_head_cannot_tell(tmp_path):
    with pytest.raises(ValueError, match="pass --task tagging, classify or lm"):
        load_model(save(Net("gru"), tmp_path / "m.safetensors"), VOCAB)


def test_a_cell_choice_that_contradicts_the_shapes_is_refused(tmp_path):
    with pytest.raises(ValueError, match="4 gate block.*is a LSTM, not a GRU"):
        load_model(save(Net("lstm"), tmp_path / "m.npz"), VOCAB, task="tagging", cell="gru")
