"""Sequence classifier (N vs 1): one label per sentence, e.g. an intent or a verb's agreement.

    x_t = E[token_t]                      embedding, (E,)
    trace = Recurrent(x_1..x_T)
    f = top layer's h_n rows              (D*H,): forward's h at t = T-1, reverse's h at t = 0
    logits = W f + b                      (K,)
    loss = CE(logits, label)

Tasks "intent" (label attribute `.intent`) and "agreement" (label attribute `.verb`); the
attribute a training example carries its label in is the config's "label_field".

Notation: T tokens, K labels, E embedding width, H hidden width, L layers, D directions.
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
from engine.validation import check_choice

TASKS = ("intent", "agreement", "topic")
DEFAULT_LABEL_FIELD = {"intent": "intent", "agreement": "verb", "topic": "topic"}


class ClassifierModel(RecurrentTaskModel):
    """Embedding -> Recurrent -> Linear head on the final state -> one label.

    Parameters: "embedding.weight" (V, E), "rnn.*" (PyTorch keys), "head.weight" (K, D*H),
    "head.bias" (K,). Config: the encoder keys plus "task", "labels" and "label_field".
    """

    def __init__(
        self,
        task: str,
        encoder: EncoderConfig,
        labels: Sequence[str],
        label_field: str,
        arrays: Mapping[str, Any] | None = None,
    ) -> None:
        check_choice("task", task, TASKS)
        if not isinstance(label_field, str) or not label_field.isidentifier():
            raise ValueError(f"label_field: expected an attribute name, got {label_field!r}")
        self.labels = check_names("labels", labels, minimum=2)
        self.label_field = label_field
        self._label_index = {label: k for k, label in enumerate(self.labels)}
        super().__init__(task, encoder, len(self.labels), arrays)

    @classmethod
    def create(
        cls,
        task: str,
        cell: str,
        vocab: Vocabulary | Sequence[str],
        labels: Sequence[str],
        label_field: str | None = None,
        embedding_dim: int = 16,
        hidden_size: int = 32,
        num_layers: int = 1,
        bidirectional: bool = False,
        nonlinearity: str = "tanh",
        tokenizer: str = "whitespace",
        lowercase: bool = False,
        seed: int = 0,
        init: str = "pytorch",
    ) -> "ClassifierModel":
        """A freshly initialised classifier (seeded); label_field defaults per task."""
        check_choice("task", task, TASKS)
        encoder = EncoderConfig.build(
            vocab, cell=cell, embedding_dim=embedding_dim, hidden_size=hidden_size,
            num_layers=num_layers, bidirectional=bidirectional, nonlinearity=nonlinearity,
            tokenizer=tokenizer, lowercase=lowercase, seed=seed, init=init,
        )  # fmt: skip
        field = DEFAULT_LABEL_FIELD[task] if label_field is None else label_field
        return cls(task, encoder, labels, field)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], arrays: Mapping[str, Any]) -> "ClassifierModel":
        """Rebuild from `config()` and the saved parameters (every key and shape checked)."""
        task = check_task(config, TASKS)
        check_config_keys(
            config, ("task", "labels", "label_field", *ENCODER_KEYS, *ENCODER_OPTIONAL_KEYS)
        )
        encoder = EncoderConfig.from_config(config)
        return cls(
            task, encoder, config_value(config, "labels"), config_value(config, "label_field"),
            arrays,
        )  # fmt: skip

    def config(self) -> dict[str, Any]:
        """JSON-able: "task", the encoder keys, "labels" and "label_field"."""
        return {**self.config_base(), "labels": list(self.labels), "label_field": self.label_field}

    # -- forward / backward -----------------------------------------------------------

    def label_id(self, label: Any) -> int:
        """A label name -> its id; a label outside `labels` is an error."""
        if not isinstance(label, str) or label not in self._label_index:
            raise ValueError(
                f"example.{self.label_field}: {label!r} is not one of the labels "
                f"{list(self.labels)}"
            )
        return self._label_index[label]

    def loss_and_grads(self, example: Any) -> StepResult:
        """Cross-entropy of one example (`.tokens` and the label attribute) and every gradient.

        The head reads only the final state, so the gradient enters BPTT through dL/dh_n
        (top layer's rows) and dL/d(output) is zero.
        """
        tokens = token_list("example.tokens", example_field(example, "tokens"))
        target = self.label_id(example_field(example, self.label_field))
        ids = self.encode(tokens).ids  # (T,)
        trace = self.run_encoder(ids)
        features = self.final_features(trace)  # (D*H,)
        logits = self.head.forward(features[None, :])  # (1, K)
        loss, d_logits = cross_entropy(logits, np.array([target]))  # d_logits (1, K)
        d_weight, d_bias, d_features = self.head.backward(features[None, :], d_logits)
        d_output = np.zeros_like(trace.output)  # (T, D*H)
        grads = self.encoder_grads(
            ids, trace, d_output, d_h_n=self.d_h_n_from_features(d_features[0])
        )
        grads["head.weight"] = d_weight  # (K, D*H)
        grads["head.bias"] = d_bias  # (K,)
        correct = int(int(logits[0].argmax()) == target)
        return StepResult(loss, {k: grads[k] for k in self._params}, correct, 1)

    def analyze(self, text: str | Sequence[str]) -> Analysis:
        """Classify `text`: prediction {"label", "probabilities": {label: p}}.

        `extra` holds "logits" (K,) and "features" (D*H,), the final state the head read.
        """
        tokens, encoded = self.encode_text(text)
        trace = self.run_encoder(encoded.ids)
        features = self.final_features(trace)  # (D*H,)
        logits = self.head.forward(features[None, :])[0]  # (K,)
        probabilities = softmax(logits)  # (K,)
        prediction = {
            "label": self.labels[int(probabilities.argmax())],
            "probabilities": {
                label: float(p) for label, p in zip(self.labels, probabilities, strict=True)
            },
        }
        return Analysis(
            tokens=tokens,
            unknown=encoded.unknown.tolist(),
            prediction=prediction,
            trace=trace,
            extra={"logits": logits, "features": features},
        )
