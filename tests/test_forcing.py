"""Teacher forcing against free running (engine/tasks/forcing.py): a hand-checked Markov
chain, the translation decoder's own trace and loss, and the language model's scores."""

import math
from types import SimpleNamespace

import numpy as np
import pytest

from engine.models import ModelRegistry
from engine.tasks import forcing as tf
from engine.tasks.lm_views import generate
from engine.text import BOS_ID, EOS_ID

REGISTRY = ModelRegistry()
NAMES = ["<PAD>", "<UNK>", "<BOS>", "<EOS>", "a", "b"]
# p(next | read): rows <BOS>, a, b; columns as NAMES. Written so each row's best is clear.
CHAIN = {
    BOS_ID: [0, 0, 0, 0.1, 0.7, 0.2],
    4: [0, 0, 0, 0.1, 0.3, 0.6],  # after a: b (0.6), a (0.3)
    5: [0, 0, 0, 0.8, 0.1, 0.1],  # after b: <EOS> (0.8)
}


def chain_step(token, state):
    """A bigram chain: logits log p(· | token); the "state" is the one-hot of the input."""
    with np.errstate(divide="ignore"):
        logits = np.log(np.array(CHAIN[token]))
    onehot = np.eye(len(NAMES))[token]
    return logits, onehot, state


def test_chain_by_hand():
    # reference "a a b": inputs <BOS> a a b, targets a a b <EOS>
    inputs, targets = np.array([BOS_ID, 4, 4, 5]), np.array([4, 4, 5, EOS_ID])
    teacher, free, first, distance, stopped = tf.compare(chain_step, (None, None), inputs,
                                                         targets, NAMES)
    assert teacher.fed == ["<BOS>", "a", "a", "b"]
    assert teacher.predicted == ["a", "b", "b", "<EOS>"]
    np.testing.assert_allclose(teacher.p_reference, [0.7, 0.3, 0.6, 0.8])
    assert math.isclose(teacher.log_p_reference, math.log(0.7 * 0.3 * 0.6 * 0.8))
    # free running: <BOS> -> a, a -> b (the mistake: the reference says a), b -> <EOS>, stop
    assert free.fed == ["<BOS>", "a", "b"]
    assert free.predicted == ["a", "b", "<EOS>"]
    np.testing.assert_allclose(free.p_reference, [0.7, 0.3, 0.1])  # p(b | b) at step 2
    assert first == 1 and stopped == "eos"
    np.testing.assert_allclose(distance, [0, 0, math.sqrt(2)])  # one-hot a vs one-hot b


def test_chain_given_tokens_are_fed_to_both_runs():
    inputs, targets = np.array([BOS_ID, 4, 4, 5]), np.array([4, 4, 5, EOS_ID])
    _, free, first, distance, _ = tf.compare(chain_step, (None, None), inputs, targets, NAMES,
                                             given=2)  # fmt: skip
    assert free.fed == ["<BOS>", "a", "a", "b"]  # a a given, then its own b (= the reference)
    assert first is None
    np.testing.assert_allclose(distance, [0, 0, 0, 0])


def test_chain_free_run_stops_after_extra_steps():
    loop = {**CHAIN, 5: [0, 0, 0, 0.1, 0.1, 0.8]}  # after b: b again, forever
    def step(token, state):
        return np.log(np.maximum(loop[token], 1e-300)), np.zeros(2), state
    _, free, _, _, stopped = tf.compare(step, (None, None), np.array([BOS_ID, 4]),
                                        np.array([4, EOS_ID]), NAMES, extra=3)  # fmt: skip
    assert stopped == "max_len" and len(free.fed) == 2 + 3
    assert free.p_reference[2:] == [None, None, None]


@pytest.fixture(scope="module")
def translator():
    return REGISTRY.load("translation-lstm")


def test_translation_teacher_run_equals_the_trace_decoder(translator):
    source = "你 喜欢 喝 茶 吗 ？"
    analysis = translator.analyze(source)
    own = " ".join(analysis.prediction["translation"])
    f = tf.translation_forcing(translator, source, own)
    np.testing.assert_allclose(f.teacher.states, analysis.decoder.output, atol=1e-12)
    assert f.teacher.predicted == analysis.output_tokens
    np.testing.assert_allclose(f.teacher.p_predicted,
                               analysis.extra["probabilities"].max(axis=1), atol=1e-12)
    assert f.first_divergence is None and f.free.fed == f.teacher.fed
    assert max(f.distance) < 1e-12


def test_translation_teacher_run_scores_the_training_loss(translator):
    source, reference = "你 喜欢 喝 茶 吗 ？", "do you like to drink tea ?"
    f = tf.translation_forcing(translator, source, reference)

    pair = SimpleNamespace(source=tuple(source.split()), target=tuple(reference.split()))
    loss = translator.loss_and_grads(pair).loss  # mean teacher-forced cross-entropy
    assert math.isclose(-f.teacher.log_p_reference / len(f.reference), loss, rel_tol=1e-9)
    assert f.free.predicted == translator.analyze(source).output_tokens  # greedy decoding
    t = f.first_divergence
    assert t is not None and f.free.predicted[t] != f.reference[t]
    assert f.free.fed[: t + 1] == f.teacher.fed[: t + 1] and f.distance[t] < 1e-12
    assert f.distance[t + 1] > 0.1  # from the step after the mistake the states differ


@pytest.fixture(scope="module")
def lm():
    return REGISTRY.load("lm-word-lstm")


def test_lm_teacher_run_gives_the_score_conditionals(lm):
    text = "我 喜欢 学习 中文 。"
    f = tf.lm_forcing(lm, text)
    conditionals, log_p = lm.log_probability(text.split())
    np.testing.assert_allclose(f.teacher.p_reference, conditionals, rtol=1e-10)
    assert math.isclose(f.teacher.log_p_reference, log_p, rel_tol=1e-10)
    assert f.reference == [*text.split(), "<EOS>"] and f.start == "<BOS>"


def test_lm_free_run_is_greedy_generation_after_the_given_words(lm):
    f = tf.lm_forcing(lm, "我 喜欢 学习 中文 。", given=2, extra=20)
    g = generate(lm, "我 喜欢", greedy=True, max_len=len(f.free.fed) + 5)
    own = f.free.fed[3:] + ([] if f.stopped == "eos" else [f.free.predicted[-1]])
    assert f.free.fed[:3] == ["<BOS>", "我", "喜欢"]
    assert own == g.tokens[: len(own)]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"given": 6}, "given"), ({"given": -1}, "given"), ({"given": True}, "given"),
     ({"extra": 51}, "extra"), ({"extra": 1.5}, "extra")],
)  # fmt: skip
def test_lm_bad_arguments_name_the_parameter(lm, kwargs, message):
    with pytest.raises(ValueError, match=message):
        tf.lm_forcing(lm, "我 喜欢 学习 中文 。", **kwargs)


def test_wrong_models_and_empty_reference_are_refused(lm, translator):
    with pytest.raises(ValueError, match="language model"):
        tf.lm_forcing(translator, "我 吃 瓜")
    with pytest.raises(ValueError, match="translation model"):
        tf.translation_forcing(lm, "我 吃 瓜", "i eat melon")
    with pytest.raises(ValueError, match="reference"):
        tf.translation_forcing(translator, "我 吃 瓜", "   ")
    with pytest.raises(ValueError, match="reference"):
        tf.translation_forcing(translator, "我 吃 瓜", "qqqq zzzz")
