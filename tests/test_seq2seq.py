"""Tests for engine.tasks.seq2seq: a hand-computed step, central differences on every
parameter, a PyTorch reference, greedy decoding, the config round trip, errors, and a tiny
reversal task learned with attention."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import pytest

from engine.recurrent import Recurrent
from engine.tasks.seq2seq import Seq2SeqModel
from engine.text import Vocabulary

SPECIALS = ("<PAD>", "<UNK>", "<BOS>", "<EOS>")
SYMBOLS = ("a", "b", "c", "d", "e", "f")
VOCAB = Vocabulary((*SPECIALS, *SYMBOLS))  # V = 10


@dataclass(frozen=True)
class Pair:
    source: tuple[str, ...]
    target: tuple[str, ...]


PAIR = Pair(source=("a", "b", "a", "c"), target=("c", "a", "b"))  # repeats hit embedding sums


def model(context: str = "attention", **kwargs: object) -> Seq2SeqModel:
    options: dict[str, object] = {"embedding_dim": 2, "hidden_size": 2, "seed": 3}
    options.update(kwargs)
    return Seq2SeqModel(VOCAB, VOCAB, context=context, **options)  # type: ignore[arg-type]


def set_params(m: Seq2SeqModel, values: dict[str, list]) -> None:
    """Overwrite parameters in place (every key must exist with the same shape)."""
    live = m.parameters()
    for key, value in values.items():
        array = np.asarray(value, dtype=float)
        assert live[key].shape == array.shape, key
        live[key][...] = array
    m.refresh()


# ---------------------------------------------------------------- (1) hand-computed step


def test_one_attention_step_matches_the_equations_computed_by_hand() -> None:
    src = Vocabulary((*SPECIALS, "a", "b"))  # a = 4, b = 5
    tgt = Vocabulary((*SPECIALS, "x"))  # V_t = 5
    m = Seq2SeqModel(src, tgt, cell="rnn", embedding_dim=2, hidden_size=2,
                     context="attention", attention="general")  # fmt: skip
    emb_a, emb_b, emb_bos = [1.0, -0.5], [0.5, 1.0], [0.2, 0.7]
    W_ih, W_hh = [[0.5, -0.2], [0.1, 0.4]], [[0.3, 0.0], [-0.2, 0.6]]
    b_ih, b_hh = [0.1, -0.1], [0.0, 0.2]
    U_ih, U_hh = [[0.4, 0.3], [-0.6, 0.2]], [[0.5, -0.1], [0.2, 0.3]]
    c_ih, c_hh = [0.05, 0.0], [0.0, -0.05]
    W_a = [[1.0, 0.5], [-0.5, 2.0]]
    W_o = [[0.1, 0.2, -0.3, 0.4], [0.0, -0.5, 0.2, 0.1], [0.3, 0.3, 0.3, -0.3],
           [1.0, -1.0, 0.5, 0.5], [-0.7, 0.4, 0.9, 0.2]]  # fmt: skip
    b_o = [0.0, 0.1, -0.1, 0.2, 0.3]
    set_params(m, {
        "src_embedding.weight": [[0, 0]] * 4 + [emb_a, emb_b],
        "tgt_embedding.weight": [[0, 0], [0, 0], emb_bos, [0, 0], [0, 0]],
        "encoder.weight_ih_l0": W_ih, "encoder.weight_hh_l0": W_hh,
        "encoder.bias_ih_l0": b_ih, "encoder.bias_hh_l0": b_hh,
        "decoder.weight_ih_l0": U_ih, "decoder.weight_hh_l0": U_hh,
        "decoder.bias_ih_l0": c_ih, "decoder.bias_hh_l0": c_hh,
        "attention.W": W_a, "head.weight": W_o, "head.bias": b_o,
    })  # fmt: skip

    A = np.array  # the equations, written out with plain arrays
    h1 = np.tanh(A(W_ih) @ A(emb_a) + A(b_ih) + A(W_hh) @ np.zeros(2) + A(b_hh))  # (2,)
    h2 = np.tanh(A(W_ih) @ A(emb_b) + A(b_ih) + A(W_hh) @ h1 + A(b_hh))  # (2,)
    s1 = np.tanh(A(U_ih) @ A(emb_bos) + A(c_ih) + A(U_hh) @ h2 + A(c_hh))  # s_0 = h_2
    e = A([h1 @ A(W_a) @ s1, h2 @ A(W_a) @ s1])  # e_j = h_j^T W s_1, (S,) = (2,)
    alpha = np.exp(e) / np.exp(e).sum()  # (2,)
    ctx = alpha[0] * h1 + alpha[1] * h2  # (2,)
    logits = A(W_o) @ np.concatenate([s1, ctx]) + A(b_o)  # (5,)
    probs = np.exp(logits) / np.exp(logits).sum()  # (5,)

    a = m.translate(["a", "b"], max_len=1)
    assert a.attention is not None and a.decoder is not None
    np.testing.assert_allclose(a.trace.output, [h1, h2], rtol=0, atol=1e-14)
    np.testing.assert_allclose(a.decoder.output[0], s1, rtol=0, atol=1e-14)
    np.testing.assert_allclose(a.attention.scores[0], e, rtol=0, atol=1e-14)
    np.testing.assert_allclose(a.attention.weights[0], alpha, rtol=0, atol=1e-14)
    np.testing.assert_allclose(a.attention.context[0], ctx, rtol=0, atol=1e-14)
    np.testing.assert_allclose(a.extra["probabilities"][0], probs, rtol=0, atol=1e-14)
    assert a.output_tokens == [tgt.id_to_token(int(np.argmax(probs)))]


# ---------------------------------------------------------------- (2) central differences

FD_CASES = [
    ("init", dict(cell="lstm", bidirectional=True)),
    ("every_step", dict(cell="gru", num_layers=2)),
    ("every_step", dict(cell="lstm", bidirectional=True)),
    ("attention", dict(cell="rnn", bidirectional=True, attention="general")),
    ("attention", dict(cell="gru", attention="additive", attn_size=3)),
    ("attention", dict(cell="lstm", bidirectional=True, num_layers=2, attention="scaled_dot")),
]


@pytest.mark.parametrize(("context", "options"), FD_CASES)
def test_gradients_of_every_parameter_match_central_differences(
    context: str, options: dict
) -> None:
    m = model(context, **options)
    analytic = m.loss_and_grads(PAIR).grads
    live = m.parameters()
    assert analytic.keys() == live.keys()
    eps = 1e-6
    for key, array in live.items():
        assert analytic[key].shape == array.shape, key
        numeric = np.zeros_like(array)
        flat, out = array.reshape(-1), numeric.reshape(-1)
        for i in range(flat.size):
            keep = flat[i]
            flat[i] = keep + eps
            m.refresh()
            up = m.loss_and_grads(PAIR).loss
            flat[i] = keep - eps
            m.refresh()
            down = m.loss_and_grads(PAIR).loss
            flat[i] = keep
            out[i] = (up - down) / (2 * eps)
        m.refresh()
        np.testing.assert_allclose(analytic[key], numeric, rtol=1e-5, atol=1e-8, err_msg=key)


# ---------------------------------------------------------------- (3) PyTorch reference

TORCH_CASES = [
    dict(cell="lstm", bidirectional=True, attention="general"),
    dict(cell="gru", num_layers=2, attention="additive", attn_size=3),
]


@pytest.mark.parametrize("options", TORCH_CASES)
def test_loss_and_gradients_equal_a_torch_reimplementation(options: dict) -> None:
    torch = pytest.importorskip("torch")
    nn, F = torch.nn, torch.nn.functional
    m = model("attention", embedding_dim=3, hidden_size=2, **options)
    params = m.parameters()
    # give every bias a distinct non-zero value so a bias mix-up cannot cancel out
    rng = np.random.default_rng(7)
    for key in params:
        if "bias" in key:
            params[key][...] = rng.uniform(-0.5, 0.5, params[key].shape)
    m.refresh()
    d, h, layers = (2 if options.get("bidirectional") else 1), 2, options.get("num_layers", 1)
    p = d * h
    rnn_class = {"lstm": nn.LSTM, "gru": nn.GRU}[options["cell"]]
    encoder = rnn_class(3, h, num_layers=layers, bidirectional=d == 2, dtype=torch.float64)
    decoder = rnn_class(3, p, num_layers=layers, dtype=torch.float64)
    t = {k: torch.tensor(v, dtype=torch.float64, requires_grad=True) for k, v in params.items()
         if not k.startswith(("encoder.", "decoder."))}  # fmt: skip
    with torch.no_grad():
        for net, prefix in ((encoder, "encoder."), (decoder, "decoder.")):
            for name, weight in net.named_parameters():
                weight.copy_(torch.from_numpy(params[prefix + name]))
                t[prefix + name] = weight
    assert t.keys() == params.keys()

    src = torch.tensor(VOCAB.encode(PAIR.source).ids)
    tgt = VOCAB.encode(PAIR.target).ids
    dec_in = torch.tensor(np.concatenate([[2], tgt]))  # <BOS> + target
    labels = torch.tensor(np.concatenate([tgt, [3]]))  # target + <EOS>
    keys, h_n = encoder(F.embedding(src, t["src_embedding.weight"]))[0:2]
    if isinstance(h_n, tuple):  # LSTM: (h_n, c_n), each (L*D, H)
        state = tuple(s.reshape(layers, p) for s in h_n)
    else:
        state = h_n.reshape(layers, p)
    states, _ = decoder(F.embedding(dec_in, t["tgt_embedding.weight"]), state)  # (U, P)
    if options["attention"] == "general":
        scores = states @ t["attention.W"].T @ keys.T  # (U, S)
    else:
        hidden = torch.tanh(  # (U, S, A)
            (keys @ t["attention.W1"].T)[None] + (states @ t["attention.W2"].T)[:, None]
        )
        scores = hidden @ t["attention.v"]  # (U, S)
    context = torch.softmax(scores, dim=1) @ keys  # (U, P)
    logits = torch.cat([states, context], dim=1) @ t["head.weight"].T + t["head.bias"]
    loss = F.cross_entropy(logits, labels)
    loss.backward()

    result = m.loss_and_grads(PAIR)
    assert result.loss == pytest.approx(loss.item(), rel=1e-12)
    for key, grad in result.grads.items():
        reference = t[key].grad
        assert reference is not None, key
        np.testing.assert_allclose(grad, reference.numpy(), rtol=1e-9, atol=1e-12, err_msg=key)


# ---------------------------------------------------------------- (4) greedy decoding


def scripted_model(emb_x: list[float]) -> Seq2SeqModel:
    """A decoder whose next token depends only on its input: <BOS> -> x, and x -> <EOS>
    when emb_x = [0, 1] or x -> x when emb_x = [1, 0] (s_t = tanh(E[y_{t-1}]))."""
    tgt = Vocabulary((*SPECIALS, "x"))  # <EOS> = 3, x = 4
    m = Seq2SeqModel(VOCAB, tgt, cell="rnn", embedding_dim=2, hidden_size=2, context="init")
    set_params(m, {
        "tgt_embedding.weight": [[0, 0], [0, 0], [1, 0], [0, 0], emb_x],
        "decoder.weight_ih_l0": np.eye(2), "decoder.weight_hh_l0": np.zeros((2, 2)),
        "decoder.bias_ih_l0": [0, 0], "decoder.bias_hh_l0": [0, 0],
        "head.weight": [[0, 0], [0, 0], [0, 0], [0, 5], [5, 0]], "head.bias": np.zeros(5),
    })  # fmt: skip
    return m


def test_greedy_decoding_stops_after_eos() -> None:
    a = scripted_model([0.0, 1.0]).translate(["a", "b"], max_len=10)
    assert a.output_tokens == ["x", "<EOS>"]
    assert a.prediction == {"translation": ["x"]}
    assert a.extra["stopped"] == "eos"
    assert a.extra["decoder_inputs"] == ["<BOS>", "x"]
    assert a.decoder is not None and a.decoder.output.shape == (2, 2)
    assert a.attention is None


def test_greedy_decoding_stops_at_the_length_limit() -> None:
    a = scripted_model([1.0, 0.0]).translate(["a"], max_len=4)
    assert a.output_tokens == ["x"] * 4
    assert a.prediction == {"translation": ["x"] * 4}
    assert a.extra["stopped"] == "max_len"
    assert a.extra["probabilities"].shape == (4, 5)


@pytest.mark.parametrize("context", ["every_step", "attention"])
def test_decoder_trace_equals_stepping_one_token_at_a_time(context: str) -> None:
    m = model(context, cell="lstm", bidirectional=True, embedding_dim=3, hidden_size=3, seed=5)
    a = m.translate(["a", "c", "b"], max_len=6)
    assert a.decoder is not None
    params = m.parameters()
    step_net = Recurrent("lstm", a.decoder.layers[0].x.shape[1], 6, seed=0)
    step_net.load_state_dict(
        {k.removeprefix("decoder."): v for k, v in params.items() if k.startswith("decoder.")}
    )
    h, c = a.trace.h_n.reshape(1, 6), a.trace.c_n.reshape(1, 6)  # [forward; reverse] finals
    keys = a.trace.output  # (S, 6)
    for t, token in enumerate(a.extra["decoder_inputs"]):
        u = params["tgt_embedding.weight"][VOCAB.token_to_id(token)]  # (E,)
        if context == "every_step":
            u = np.concatenate([u, a.trace.h_n.reshape(6)])
        step = step_net.run(u[None, :], h, c)
        h, c = step.h_n, step.c_n
        s = step.output[0]  # (6,)
        np.testing.assert_allclose(a.decoder.output[t], s, rtol=0, atol=1e-13)
        np.testing.assert_allclose(a.decoder.layers[0].records["c"][t], c[0], rtol=0, atol=1e-13)
        o = s
        if context == "attention":
            e = keys @ params["attention.W"] @ s  # (S,)
            alpha = np.exp(e - e.max()) / np.exp(e - e.max()).sum()
            o = np.concatenate([s, alpha @ keys])
            assert a.attention is not None
            np.testing.assert_allclose(a.attention.weights[t], alpha, rtol=0, atol=1e-13)
        logits = params["head.weight"] @ o + params["head.bias"]
        assert a.output_tokens[t] == VOCAB.id_to_token(int(np.argmax(logits)))
        if t + 1 < len(a.output_tokens):
            assert a.extra["decoder_inputs"][t + 1] == a.output_tokens[t]


def test_attention_weights_rows_sum_to_one_with_shapes_u_by_s() -> None:
    m = model("attention", cell="gru", bidirectional=True, hidden_size=3, seed=1)
    a = m.translate(["a", "b", "c", "d", "e"], max_len=7)
    assert a.attention is not None and a.output_tokens is not None
    u = len(a.output_tokens)
    assert a.attention.weights.shape == (u, 5) and a.attention.scores.shape == (u, 5)
    assert a.attention.context.shape == (u, 6)
    np.testing.assert_allclose(a.attention.weights.sum(axis=1), np.ones(u), rtol=0, atol=1e-12)
    np.testing.assert_allclose(a.extra["probabilities"].sum(axis=1), np.ones(u), atol=1e-12)


# ---------------------------------------------------------------- (5) config and errors


@pytest.mark.parametrize(
    "options",
    [dict(context="attention", attention="additive", cell="lstm", bidirectional=True),
     dict(context="every_step", cell="rnn", nonlinearity="relu", num_layers=2)],
)  # fmt: skip
def test_config_round_trip_gives_identical_translations(options: dict) -> None:
    m = Seq2SeqModel(VOCAB, VOCAB, embedding_dim=4, hidden_size=3, seed=11, **options)
    config = json.loads(json.dumps(m.config()))
    arrays = {k: v.copy() for k, v in m.parameters().items()}
    rebuilt = Seq2SeqModel.from_config(config, arrays)
    assert rebuilt.config() == m.config()
    for source in (["a", "b"], ["f", "e", "d", "c"], ["b", "zzz"]):
        x, y = m.translate(source, max_len=6), rebuilt.translate(source, max_len=6)
        assert x.output_tokens == y.output_tokens
        np.testing.assert_array_equal(x.extra["probabilities"], y.extra["probabilities"])


def test_from_config_names_a_missing_array() -> None:
    m = model()
    arrays = m.parameters()
    del arrays["attention.W"]
    with pytest.raises(ValueError, match=r"arrays: missing keys \['attention.W'\]"):
        Seq2SeqModel.from_config(m.config(), arrays)


def test_from_config_names_a_mis_shaped_array() -> None:
    m = model()
    arrays = m.parameters()
    arrays["head.bias"] = np.zeros(3)
    with pytest.raises(ValueError, match=r"arrays\['head.bias'\]: expected shape \(10,\)"):
        Seq2SeqModel.from_config(m.config(), arrays)


def test_unknown_context_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="context: expected one of 'init', 'every_step'"):
        model("last_state")


def test_bad_sizes_are_refused_naming_the_parameter() -> None:
    with pytest.raises(ValueError, match="hidden_size: expected a whole number >= 1"):
        model(hidden_size=0)
    with pytest.raises(ValueError, match="embedding_dim"):
        model(embedding_dim=2.5)
    with pytest.raises(ValueError, match="max_len"):
        model().translate(["a"], max_len=0)


def test_empty_source_is_refused() -> None:
    with pytest.raises(ValueError, match="source: expected a non-empty list"):
        model().loss_and_grads(Pair(source=(), target=("a",)))


def test_analyze_tokenizes_on_whitespace_and_flags_unknown_source_words() -> None:
    a = model().analyze("a  zzz\tb")
    assert a.tokens == ["a", "zzz", "b"]
    assert a.unknown == [False, True, False]
    assert a.trace.output.shape == (3, 2)


def test_loss_and_grads_counts_one_prediction_per_target_word_plus_eos() -> None:
    result = model().loss_and_grads(PAIR)
    assert result.total == len(PAIR.target) + 1
    assert 0 <= result.correct <= result.total
    assert result.loss > 0


# ---------------------------------------------------------------- (6) learning to reverse


def test_attention_learns_to_reverse_with_an_anti_diagonal_alignment() -> None:
    rng = np.random.default_rng(0)
    seen: set[tuple[str, ...]] = set()
    while len(seen) < 700:
        seen.add(tuple(str(s) for s in rng.choice(SYMBOLS, int(rng.integers(2, 5)))))
    ordered = sorted(seen)
    rng.shuffle(ordered)  # type: ignore[arg-type]
    train, held_out = ordered[:600], ordered[600:]
    m = Seq2SeqModel(VOCAB, VOCAB, cell="gru", embedding_dim=8, hidden_size=16,
                     bidirectional=True, context="attention", seed=0)  # fmt: skip
    params = m.parameters()
    first = {k: np.zeros_like(v) for k, v in params.items()}
    second = {k: np.zeros_like(v) for k, v in params.items()}
    lr, b1, b2 = 0.01, 0.9, 0.999
    for step in range(1, 2501):  # plain Adam, one pair per step
        s = train[int(rng.integers(len(train)))]
        grads = m.loss_and_grads(Pair(s, s[::-1])).grads
        for k, g in grads.items():
            first[k] = b1 * first[k] + (1 - b1) * g
            second[k] = b2 * second[k] + (1 - b2) * g * g
            m_hat, v_hat = first[k] / (1 - b1**step), second[k] / (1 - b2**step)
            params[k] -= lr * m_hat / (np.sqrt(v_hat) + 1e-8)
        m.refresh()

    exact, peaks, words = 0, 0, 0
    for s in held_out:
        a = m.translate(list(s), max_len=8)
        exact += a.prediction["translation"] == list(s[::-1])
        assert a.attention is not None
        for u in range(min(len(s), a.attention.weights.shape[0])):
            words += 1
            peaks += int(np.argmax(a.attention.weights[u])) == len(s) - 1 - u
    assert exact / len(held_out) >= 0.9
    assert peaks / words >= 0.8  # target word u looks at source word S-1-u
