"""Sequence tagger (N vs N): one tag per token, e.g. part of speech for `我 吃 瓜`.

    x_t = E[token_t]                      embedding, (E,)
    out = Recurrent(x_1..x_T)             (T, D*H), both directions when bidirectional
    logits_t = W out_t + b                (K,) at every step
    loss = mean_t CE(logits_t, tag_t)

Notation: T tokens, K tags, E embedding width, H hidden width, D directions.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from engine.heads import cross_entropy, softmax
from engine.tasks.base import Analysis, StepResult
from engine.tasks.common import RecurrentTaskModel
from engine.tasks.config_checks import (
    check_config_keys,
    check_names,
    check_task,
    config_value,
    example_field,
    token_list,
)
from engine.tasks.encoder_config import ENCODER_KEYS, ENCODER_OPTIONAL_KEYS, EncoderConfig
from engine.text import Vocabulary

TASK = "tagging"


class TaggerModel(RecurrentTaskModel):
    """Embedding -> Recurrent (optionally bidirectional) -> Linear head at every step.

    Parameters: "embedding.weight" (V, E), "rnn.*" (PyTorch keys), "head.weight" (K, D*H),
    "head.bias" (K,). Config: the encoder keys plus "task" ("tagging") and "tagset".
    """

    def __init__(
        self, encoder: EncoderConfig, tagset: Sequence[str], arrays: Mapping[str, Any] | None = None
    ) -> None:
        self.tagset = check_names("tagset", tagset, minimum=1)
        self._tag_index = {tag: k for k, tag in enumerate(self.tagset)}
        super().__init__(TASK, encoder, len(self.tagset), arrays)

    @classmethod
    def create(
        cls,
        cell: str,
        vocab: Vocabulary | Sequence[str],
        tagset: Sequence[str],
        embedding_dim: int = 16,
        hidden_size: int = 32,
        num_layers: int = 1,
        bidirectional: bool = False,
        nonlinearity: str = "tanh",
        tokenizer: str = "whitespace",
        lowercase: bool = False,
        seed: int = 0,
        init: str = "pytorch",
    ) -> "TaggerModel":
        """A freshly initialised tagger (seeded)."""
        encoder = EncoderConfig.build(
            vocab, cell=cell, embedding_dim=embedding_dim, hidden_size=hidden_size,
            num_layers=num_layers, bidirectional=bidirectional, nonlinearity=nonlinearity,
            tokenizer=tokenizer, lowercase=lowercase, seed=seed, init=init,
        )  # fmt: skip
        return cls(encoder, tagset)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], arrays: Mapping[str, Any]) -> "TaggerModel":
        """Rebuild from `config()` and the saved parameters (every key and shape checked)."""
        check_task(config, (TASK,))
        check_config_keys(config, ("task", "tagset", *ENCODER_KEYS, *ENCODER_OPTIONAL_KEYS))
        encoder = EncoderConfig.from_config(config)
        return cls(encoder, config_value(config, "tagset"), arrays)

    def config(self) -> dict[str, Any]:
        """JSON-able: "task", the encoder keys and "tagset"."""
        return {**self.config_base(), "tagset": list(self.tagset)}

    # -- forward / backward -----------------------------------------------------------

    def tag_ids(self, tags: Sequence[str]) -> np.ndarray:
        """Tag names -> ids (T,); a tag outside the tagset is an error."""
        ids = []
        for t, tag in enumerate(tags):
            if tag not in self._tag_index:
                raise ValueError(
                    f"example.tags: {tag!r} at position {t} is not in the tagset "
                    f"{list(self.tagset)}"
                )
            ids.append(self._tag_index[tag])
        return np.asarray(ids, dtype=np.int64)  # (T,)

    def loss_and_grads(self, example: Any) -> StepResult:
        """Mean cross-entropy over the T tags of one example (`.tokens`, `.tags`) and grads."""
        tokens = token_list("example.tokens", example_field(example, "tokens"))
        tags = token_list("example.tags", example_field(example, "tags"))
        if len(tags) != len(tokens):
            raise ValueError(
                f"example.tags: expected one tag per token ({len(tokens)}), got {len(tags)}"
            )
        targets = self.tag_ids(tags)  # (T,)
        ids = self.encode(tokens).ids  # (T,)
        trace = self.run_encoder(ids)
        out = trace.output  # (T, D*H)
        logits = self.head.forward(out)  # (T, K)
        loss, d_logits = cross_entropy(logits, targets)  # d_logits (T, K)
        d_weight, d_bias, d_out = self.head.backward(out, d_logits)  # (K, D*H), (K,), (T, D*H)
        grads = self.encoder_grads(ids, trace, d_out)
        grads["head.weight"] = d_weight
        grads["head.bias"] = d_bias
        correct = int(np.sum(logits.argmax(axis=1) == targets))
        return StepResult(loss, {k: grads[k] for k in self._params}, correct, len(tokens))

    def analyze(self, text: str | Sequence[str]) -> Analysis:
        """Tag `text`: prediction {"tags", "probabilities" (T x K), "tagset"}.

        `extra["logits"]` holds the (T, K) logits.
        """
        tokens, encoded = self.encode_text(text)
        trace = self.run_encoder(encoded.ids)
        logits = self.head.forward(trace.output)  # (T, K)
        probabilities = softmax(logits)  # (T, K)
        prediction = {
            "tags": [self.tagset[k] for k in probabilities.argmax(axis=1)],
            "probabilities": probabilities.tolist(),
            "tagset": list(self.tagset),
        }
        return Analysis(
            tokens=tokens,
            unknown=encoded.unknown.tolist(),
            prediction=prediction,
            trace=trace,
            extra={"logits": logits},
        )
