"""The hyper-parameters every task model's embedded recurrent encoder shares, and how they
round-trip through a model's JSON config.

Notation: V vocabulary size, E embedding width, H hidden width, L layers.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from engine.initializers import SCHEMES
from engine.tasks.config_checks import config_value
from engine.tasks.text_input import TOKENIZERS
from engine.text import Vocabulary
from engine.validation import check_bool, check_choice, check_positive_int, check_seed

# Keys every task model's config carries, besides its task-specific ones.
ENCODER_KEYS = (
    "cell",
    "embedding_dim",
    "hidden_size",
    "num_layers",
    "bidirectional",
    "nonlinearity",
    "tokenizer",
    "lowercase",
    "vocab",
    "seed",
    "init",
)
# Keys a config carries only when they differ from the default, so older cards stay valid.
ENCODER_OPTIONAL_KEYS = ("gru_reset_after",)


@dataclass(frozen=True)
class EncoderConfig:
    """Hyper-parameters of the embedded recurrent encoder and how text becomes its tokens."""

    cell: str  # "rnn" | "lstm" | "gru"
    vocab: Vocabulary
    embedding_dim: int  # E
    hidden_size: int  # H
    num_layers: int = 1  # L
    bidirectional: bool = False
    nonlinearity: str = "tanh"  # "tanh" | "relu" (plain RNN only)
    tokenizer: str = "whitespace"  # TOKENIZERS: "whitespace" | "char" | "zh" | "en"
    lowercase: bool = False
    seed: int = 0
    init: str = "pytorch"  # engine.initializers.SCHEMES (recurrent weights only)
    gru_reset_after: bool = True  # GRU: PyTorch's formula; False: reset before W_hn (Keras/ONNX)

    def __post_init__(self) -> None:
        if not isinstance(self.vocab, Vocabulary):
            raise ValueError(f"vocab: expected a Vocabulary, got {type(self.vocab).__name__}")
        check_positive_int("embedding_dim", self.embedding_dim)
        check_choice("tokenizer", self.tokenizer, TOKENIZERS)
        check_bool("lowercase", self.lowercase)
        check_seed("seed", self.seed)
        check_choice("init", self.init, SCHEMES)
        # cell, hidden_size, num_layers, bidirectional, nonlinearity, gru_reset_after:
        # checked by Recurrent

    @classmethod
    def build(cls, vocab: Vocabulary | Sequence[str], **settings: Any) -> "EncoderConfig":
        """From a Vocabulary or its token list (as in a config) and keyword settings."""
        if not isinstance(vocab, Vocabulary):
            vocab = Vocabulary.from_list(vocab)
        return cls(vocab=vocab, **settings)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "EncoderConfig":
        """Read the shared keys of a task model's config (ENCODER_KEYS are required)."""
        settings = {key: config_value(config, key) for key in ENCODER_KEYS}
        settings.update({key: config[key] for key in ENCODER_OPTIONAL_KEYS if key in config})
        return cls.build(**settings)

    def to_config(self) -> dict[str, Any]:
        """The shared keys, JSON-able; optional ones only when not their default."""
        optional = {} if self.gru_reset_after else {"gru_reset_after": False}
        return {
            "cell": self.cell,
            "embedding_dim": int(self.embedding_dim),
            "hidden_size": int(self.hidden_size),
            "num_layers": int(self.num_layers),
            "bidirectional": self.bidirectional,
            "nonlinearity": self.nonlinearity,
            "tokenizer": self.tokenizer,
            "lowercase": self.lowercase,
            "vocab": self.vocab.to_list(),
            "seed": int(self.seed),
            "init": self.init,
            **optional,
        }
