"""Turn `RecurrentWeights` + a vocabulary + labels + a task into an engine task model.

Tasks, in the user's words: "tagging" (a label per token: TaggerModel), "classify" (one
label from the last state: ClassifierModel under the engine task "intent", the generic
sentence classifier every page serves) and "lm" (the next token: LanguageModel). The task
is a choice or inferred: a head with as many outputs as the vocabulary, unidirectional,
without labels, is a language model; otherwise tagging and classify cannot be told apart
by the weights, so the error asks for the choice.

A bidirectional classifier reads what PyTorch users feed their head: the forward
direction's last state (t = T-1) then the reverse direction's (t = 0, where it finished
reading), i.e. `torch.cat([h_n[-2], h_n[-1]])`: the engine's `final_features`.
A one-output head (a sigmoid classifier trained with BCEWithLogitsLoss) becomes two
classes with logits [0, z], so the softmax gives p(class 1) = sigmoid(z) exactly.

Notation: V vocabulary, E embedding width, H hidden width, D directions, C head outputs.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np

from engine.importers.vocabulary import ABSENT_LOGIT, ImportedVocabulary
from engine.importers.weights import RecurrentWeights
from engine.tasks.classifier import ClassifierModel
from engine.tasks.encoder_config import EncoderConfig
from engine.tasks.language_model import LanguageModel
from engine.tasks.tagger import TaggerModel

TASKS = ("tagging", "classify", "lm")
# What an import builds: each of these reads a typed text or a token list in `analyze`.
ImportedModel = TaggerModel | ClassifierModel | LanguageModel
ENGINE_TASK = {"tagging": "tagging", "classify": "intent", "lm": "lm"}


def infer_task(
    weights: RecurrentWeights, vocab_size: int, labels: Sequence[str] | None, task: str | None
) -> tuple[str, str]:
    """The task and how it was decided (a sentence for the report)."""
    if task is not None:
        if task not in TASKS:
            raise ValueError(f"task: expected one of {', '.join(TASKS)}, got {task!r}")
        return task, "given"
    outputs = _head_weight(weights).shape[0]
    if weights.head_reads == "last state":
        return "classify", "inferred: the head reads the last state"
    if outputs == vocab_size and labels is None and not weights.bidirectional:
        return "lm", f"inferred: the head has {outputs} outputs, one per vocabulary token"
    if weights.head_reads == "every step":
        return "tagging", f"inferred: the head reads every step and has {outputs} outputs"
    raise ValueError(
        f"task: the head has {outputs} outputs (vocabulary {vocab_size}); the "
        "weights cannot tell tagging (a label per token) from classify (one label "
        "per sentence); pass --task tagging, classify or lm"
    )


def _head_weight(weights: RecurrentWeights) -> np.ndarray:
    """The head (C, D·H); a model without one cannot predict anything."""
    if weights.head_weight is None:
        raise ValueError(
            "head: the model has no linear head; Unrolled needs embedding -> RNN -> linear layer"
        )
    return np.asarray(weights.head_weight, dtype=np.float64)


def _head(
    weights: RecurrentWeights, task: str, vocab: ImportedVocabulary, labels: Sequence[str] | None
) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """Head weight (K, D·H), bias (K,) in the engine's row order, the label names, notes."""
    weight = _head_weight(weights)  # (C, D·H)
    outputs = weight.shape[0]
    bias = np.zeros(outputs) if weights.head_bias is None else np.asarray(weights.head_bias)
    if task == "lm":
        if outputs != len(vocab.tokens):
            raise ValueError(
                f"task: a language model's head predicts every token, but it has "
                f"{outputs} outputs for {len(vocab.tokens)} tokens"
            )
        if weights.bidirectional:
            raise ValueError(
                "task: a bidirectional model cannot be a language model (its "
                "reverse direction reads the token it predicts)"
            )
        notes = ["head: one row per token, moved to the engine's ids"]
        return vocab.move_rows(weight), vocab.move_rows(bias, ABSENT_LOGIT), [], notes
    notes = []
    if outputs == 1:
        weight = np.vstack([np.zeros_like(weight), weight])  # (2, D·H): logits [0, z]
        bias = np.concatenate([[0.0], bias])
        notes.append(
            "head: one output (sigmoid) shown as two classes with logits [0, z], "
            "so p(class 1) = sigmoid(z)"
        )
    names = [str(k) for k in range(weight.shape[0])] if labels is None else list(labels)
    if len(names) != weight.shape[0]:
        raise ValueError(
            f"labels: {len(names)} labels for a head with {outputs} output(s)"
            f"{' (a sigmoid head takes 2)' if outputs == 1 else ''}"
        )
    notes.append(
        f"labels: {', '.join(names[:10])}{' ...' if len(names) > 10 else ''}"
        + (" (numbered: no labels file)" if labels is None else "")
    )
    return weight, bias, names, notes


def _embedding(weights: RecurrentWeights, vocab: ImportedVocabulary) -> np.ndarray:
    """The embedding (V', E) in engine id order; one-hot ids are the identity matrix."""
    if weights.embedding is None:
        table = np.eye(weights.input_size)  # (E, E): id i reads the unit vector e_i
    else:
        table = np.asarray(weights.embedding, dtype=np.float64)  # (V, E)
    if table.shape[0] != len(vocab.tokens):
        raise ValueError(
            f"vocab: {len(vocab.tokens)} tokens, but the embedding has {table.shape[0]} rows"
        )
    return vocab.move_rows(table)


def _encoder(
    weights: RecurrentWeights, vocab: ImportedVocabulary, tokenizer: str, lowercase: bool
) -> EncoderConfig:
    """The engine's encoder settings, with the GRU variant the weights need."""
    extra: dict[str, Any] = {} if weights.gru_reset_after else {"gru_reset_after": False}
    return EncoderConfig.build(
        vocab.engine,
        cell=weights.cell,
        embedding_dim=weights.input_size,
        hidden_size=weights.hidden_size,
        num_layers=weights.num_layers,
        bidirectional=weights.bidirectional,
        nonlinearity=weights.nonlinearity,
        tokenizer=tokenizer,
        lowercase=lowercase,
        seed=0,
        init="pytorch",
        **extra,
    )


def build_model(
    weights: RecurrentWeights,
    vocab: ImportedVocabulary,
    task: str,
    labels: Sequence[str] | None = None,
    tokenizer: str = "whitespace",
    lowercase: bool = False,
) -> tuple[ImportedModel, list[str]]:
    """The engine model for `task` and one note per mapping decision."""
    if task not in TASKS:
        raise ValueError(f"task: expected one of {', '.join(TASKS)}, got {task!r}")
    if task == "lm" and vocab.specials["<BOS>"] is None:
        raise ValueError(
            "bos: a language model in Unrolled reads a begin token first, and "
            "your vocabulary has none it recognises (<s>, <bos>, ...); name the "
            "token your model starts sentences with: --bos TOKEN (Python: "
            "bos='TOKEN')"
        )
    encoder = _encoder(weights, vocab, tokenizer, lowercase)
    head_weight, head_bias, names, notes = _head(weights, task, vocab, labels)
    arrays = {"embedding.weight": _embedding(weights, vocab)}  # (V', E)
    arrays.update({f"rnn.{name}": np.asarray(v, np.float64) for name, v in weights.layers.items()})
    arrays["head.weight"] = head_weight  # (K, D·H)
    arrays["head.bias"] = head_bias  # (K,)
    model: ImportedModel
    if task == "tagging":
        model = TaggerModel(encoder, names, arrays)
    elif task == "classify":
        model = ClassifierModel(ENGINE_TASK[task], encoder, names, "intent", arrays)
    else:
        model = LanguageModel(encoder, arrays)
    return model, notes
