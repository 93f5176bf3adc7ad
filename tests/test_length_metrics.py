"""engine.models.length_metrics: translation figures grouped by source length, checked on a
stand-in model whose answers are known, so every percentage is a hand computation."""

from types import SimpleNamespace

import pytest

from engine.models.length_metrics import LENGTH_BUCKETS, bucket_label, by_source_length


class EchoModel:
    """Translates a sentence into itself; teacher-forced, gets the first target word right."""

    def translate(self, source):
        return SimpleNamespace(prediction={"translation": list(source)})

    def loss_and_grads(self, pair):
        return SimpleNamespace(correct=1, total=len(pair.target) + 1)  # + <EOS>


def _pair(source: str, target: str):
    return SimpleNamespace(source=tuple(source.split()), target=tuple(target.split()))


PAIRS = [
    _pair("a b c", "a b c"),  # 3 tokens: echoed exactly
    _pair("a b c d", "x y"),  # 4 tokens: wrong
    _pair("a b c d e", "a b c d e"),  # 5 tokens: exact
    _pair("a b c d e f g h", "a b c d e f g h"),  # 8 tokens: exact
    _pair("a b c d e f g h i j k l", "z"),  # 12 tokens: wrong
]


def test_bucket_labels():
    assert [bucket_label(f, last) for f, last in LENGTH_BUCKETS] == ["1-4", "5", "6", "7", "8+"]


def test_sentences_are_grouped_by_source_length_and_empty_buckets_left_out():
    table = by_source_length(EchoModel(), PAIRS)
    assert list(table) == ["1-4", "5", "8+"]
    assert [table[k]["sentences"] for k in table] == [2, 1, 2]


def test_exact_match_and_token_accuracy_per_bucket():
    table = by_source_length(EchoModel(), PAIRS)
    assert table["1-4"]["exact_match"] == pytest.approx(50.0)
    assert table["5"]["exact_match"] == pytest.approx(100.0)
    assert table["8+"]["exact_match"] == pytest.approx(50.0)
    # one right word of (3 + 1) and of (2 + 1) target steps
    assert table["1-4"]["token_accuracy"] == pytest.approx(100.0 * 2 / 7)
    assert table["8+"]["token_accuracy"] == pytest.approx(100.0 * 2 / 11)


def test_bleu_per_bucket_when_asked():
    pytest.importorskip("sacrebleu")
    table = by_source_length(EchoModel(), PAIRS[2:4], bleu=True)
    assert table["5"]["bleu"] == pytest.approx(100.0)
    assert "bleu" not in by_source_length(EchoModel(), PAIRS[2:4])["5"]
