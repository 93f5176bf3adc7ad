"""Encoder-decoder translation model (N vs M) with the seed-000 context variants.

Notation: S source length, U decoder steps, E embedding width, H encoder hidden width,
D encoder directions, L layers, P = D*H, V_s / V_t source / target vocabulary sizes.

Context variants (`context`), after seed 000:
- "init": the encoder's last state is the decoder's initial state, and nothing else.
- "every_step": the same initial state, and the top layer's last encoder state is also
  concatenated to the decoder's input at every step.
- "attention": the same initial state, and each decoder state s_t attends over all encoder
  outputs h_j (Luong-style global attention, score kind `attention`); the head reads
  [s_t; c_t] directly: logits_t = W_head [s_t; c_t] + b_head (no extra tanh layer).

The decoder has hidden width P = D*H and takes the encoder's final states unchanged (no
bridge parameters); see engine/tasks/seq2seq_core.py for the equations.

Training is teacher-forced: decoder inputs are <BOS> + target, labels are target + <EOS>,
the loss is the mean cross-entropy over the U = len(target) + 1 predictions.

Decoding is greedy: feed <BOS>, take the argmax, feed it back, stop after <EOS> or
`max_len` steps. The Analysis then re-runs the decoder teacher-forced on the tokens it
fed itself (<BOS>, y_1, ..., y_{U-1}). Because the decoder state never depends on the
attention context (no input feeding), this re-run computes the same equations as the
steps: its states, weights and probabilities equal those of stepping up to floating-point
rounding (the re-run projects all inputs in one matrix product; measured differences are
below 1e-15), and the tests check this.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from engine.attention import SCORE_KINDS, init_attention_params
from engine.heads import Embedding, Linear, cross_entropy, softmax
from engine.recurrent import Recurrent
from engine.tasks.base import Analysis, StepResult
from engine.tasks.seq2seq_core import CONTEXTS, Seq2SeqCore
from engine.tasks.text_input import TOKENIZERS, check_known, tokenize
from engine.text import BOS_ID, EOS_ID, Vocabulary
from engine.validation import as_float_array, check_choice, check_positive_int

MAX_LEN = 30  # default limit on greedy decoding steps

_REQUIRED = ("source_vocab", "target_vocab", "cell", "embedding_dim", "hidden_size", "context")
_OPTIONAL = ("task", "num_layers", "bidirectional", "nonlinearity", "attention", "attn_size",
             "tokenizer", "lowercase", "seed", "init")  # fmt: skip


def _vocabulary(name: str, value: Any) -> Vocabulary:
    """A Vocabulary from a Vocabulary or its to_list() form."""
    if isinstance(value, Vocabulary):
        return value
    if isinstance(value, list | tuple):
        return Vocabulary.from_list(list(value))
    raise ValueError(
        f"{name}: expected a Vocabulary or a list of tokens, got {type(value).__name__}"
    )


class Seq2SeqModel:
    """Encoder-decoder for the "translation" task; implements engine.tasks.base.TaskModel.

    Parameters (flat names; P = D*H, F = P or 2P with attention)::

        src_embedding.weight   (V_s, E)
        tgt_embedding.weight   (V_t, E)
        encoder.weight_ih_l0   (G*H, E) ... PyTorch layout, "_reverse" when bidirectional
        decoder.weight_ih_l0   (G*P, E), or (G*P, E + P) for "every_step"; weight_hh (G*P, P)
        attention.W            (P, P)                        kind "general"
        attention.W1, .W2, .v  (A, P), (A, P), (A,)          kind "additive"
        head.weight            (V_t, F)
        head.bias              (V_t,)

    >>> src = Vocabulary.build([["a", "b"]]); tgt = Vocabulary.build([["x", "y"]])
    >>> m = Seq2SeqModel(src, tgt, embedding_dim=4, hidden_size=3)
    >>> m.translate(["a", "b"], max_len=2).attention.weights.shape
    (2, 2)
    """

    task = "translation"

    def __init__(
        self,
        source_vocab: Vocabulary | Sequence[str],
        target_vocab: Vocabulary | Sequence[str],
        *,
        cell: str = "gru",
        embedding_dim: int = 16,
        hidden_size: int = 16,
        num_layers: int = 1,
        bidirectional: bool = False,
        context: str = "attention",
        attention: str = "general",
        attn_size: int | None = None,
        nonlinearity: str = "tanh",
        tokenizer: str = "whitespace",
        lowercase: bool = False,
        seed: int = 0,
        init: str = "pytorch",
    ) -> None:
        self.tokenizer = check_choice("tokenizer", tokenizer, TOKENIZERS)
        self.source_vocab = _vocabulary("source_vocab", source_vocab)
        self.target_vocab = _vocabulary("target_vocab", target_vocab)
        self.embedding_dim = check_positive_int("embedding_dim", embedding_dim)
        self.context = check_choice("context", context, CONTEXTS)
        self.attention = check_choice("attention", attention, SCORE_KINDS)
        self.attn_size = None if attn_size is None else check_positive_int("attn_size", attn_size)
        for name, flag in (("bidirectional", bidirectional), ("lowercase", lowercase)):
            if not isinstance(flag, bool):
                raise ValueError(f"{name}: expected True or False, got {flag!r}")
        if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
            raise ValueError(f"seed: expected a whole number >= 0, got {seed!r}")
        self.lowercase, self.seed, self.init = lowercase, int(seed), init
        rng = np.random.default_rng(self.seed)
        e = self.embedding_dim
        encoder = Recurrent(cell, e, hidden_size, num_layers, bidirectional, nonlinearity,
                            seed=int(rng.integers(2**31)), init=init)  # fmt: skip
        p = encoder.num_directions * encoder.hidden_size  # P = D*H
        dec_in = e + p if self.context == "every_step" else e
        decoder = Recurrent(cell, dec_in, p, num_layers, False, nonlinearity,
                            seed=int(rng.integers(2**31)), init=init)  # fmt: skip
        v_s, v_t = len(self.source_vocab), len(self.target_vocab)
        params = {
            "src_embedding.weight": Embedding.init(v_s, e, rng).weight,  # (V_s, E)
            "tgt_embedding.weight": Embedding.init(v_t, e, rng).weight,  # (V_t, E)
        }
        params.update({f"encoder.{k}": v for k, v in encoder.state_dict().items()})
        params.update({f"decoder.{k}": v for k, v in decoder.state_dict().items()})
        if self.context == "attention":
            scores = init_attention_params(self.attention, p, p, rng, self.attn_size)
            params.update({f"attention.{k}": v for k, v in scores.items()})
        head = Linear.init(2 * p if self.context == "attention" else p, v_t, rng)
        params["head.weight"], params["head.bias"] = head.weight, head.bias  # (V_t, F), (V_t,)
        self._params = params
        self._core = Seq2SeqCore(encoder, decoder, params, self.context, self.attention)

    @property
    def core(self) -> Seq2SeqCore:
        """The encoder, decoder, attention and head that every run goes through."""
        return self._core

    # -- TaskModel protocol -----------------------------------------------------------

    def parameters(self) -> dict[str, np.ndarray]:
        """The live parameter arrays (see the class docstring); change them in place."""
        return dict(self._params)

    def refresh(self) -> None:
        """Push in-place parameter changes into the encoder and decoder networks."""
        for prefix, net in (("encoder.", self._core.encoder), ("decoder.", self._core.decoder)):
            net.load_state_dict({k[len(prefix) :]: v for k, v in self._params.items()
                                 if k.startswith(prefix)})  # fmt: skip

    def loss_and_grads(self, example: Any) -> StepResult:
        """Teacher-forced mean cross-entropy of one pair (.source, .target) and its gradients.

        Equations::

            decoder inputs  <BOS> y_1 ... y_n        labels  y_1 ... y_n <EOS>      (U = n + 1)
            L = -1/U sum_t log softmax(logits_t)[label_t]
        """
        source, target = self._pair(example)
        src_ids = self._source_ids(source)  # (S,)
        tgt_ids = self.target_vocab.encode(target).ids  # (n,)
        dec_ids = np.concatenate([[BOS_ID], tgt_ids])  # (U,)
        labels = np.concatenate([tgt_ids, [EOS_ID]])  # (U,)
        enc = self._core.encode(src_ids)
        dec = self._core.decode(enc, dec_ids)
        loss, d_logits = cross_entropy(dec.logits, labels)  # d_logits (U, V_t)
        grads = self._core.backward(enc, dec, d_logits)
        correct = int(np.sum(dec.logits.argmax(axis=1) == labels))
        return StepResult(loss=loss, grads=grads, correct=correct, total=int(labels.shape[0]))

    def config(self) -> dict[str, Any]:
        """JSON-able description; with parameters() it rebuilds the model (from_config)."""
        enc = self._core.encoder
        return {
            "task": self.task,
            "cell": enc.cell,
            "embedding_dim": self.embedding_dim,
            "hidden_size": enc.hidden_size,
            "num_layers": enc.num_layers,
            "bidirectional": enc.bidirectional,
            "nonlinearity": enc.nonlinearity,
            "context": self.context,
            "attention": self.attention,
            "attn_size": self.attn_size,
            "tokenizer": self.tokenizer,
            "lowercase": self.lowercase,
            "seed": self.seed,
            "init": self.init,
            "source_vocab": self.source_vocab.to_list(),
            "target_vocab": self.target_vocab.to_list(),
        }

    @classmethod
    def from_config(cls, config: Mapping[str, Any], arrays: Mapping[str, Any]) -> "Seq2SeqModel":
        """Rebuild from config() and arrays holding exactly the parameters() keys and shapes."""
        if not isinstance(config, Mapping):
            raise ValueError(f"config: expected a dict, got {type(config).__name__}")
        missing = [k for k in _REQUIRED if k not in config]
        unknown = [k for k in config if k not in _REQUIRED + _OPTIONAL]
        if missing or unknown:
            raise ValueError(f"config: missing keys {missing}, unknown keys {unknown}")
        if config.get("task", cls.task) != cls.task:
            raise ValueError(f"config['task']: expected 'translation', got {config['task']!r}")
        kwargs = {k: v for k, v in config.items() if k not in ("task", "source_vocab",
                                                                "target_vocab")}  # fmt: skip
        model = cls(config["source_vocab"], config["target_vocab"], **kwargs)
        expected = model._params
        absent = [k for k in expected if k not in arrays]
        extra = [k for k in arrays if k not in expected]
        if absent or extra:
            raise ValueError(f"arrays: missing keys {absent}, unexpected keys {extra}")
        for key, live in expected.items():
            live[...] = as_float_array(f"arrays[{key!r}]", arrays[key], live.shape)
        model.refresh()
        return model

    def tokenize(self, text: str) -> list[str]:
        """Source tokens of `text` per the config's tokenizer (TOKENIZERS) and lowercase flag."""
        return tokenize(text, self.tokenizer, self.lowercase, self.source_vocab)

    def analyze(self, text: str) -> Analysis:
        """Tokenize `text` and translate it greedily (see translate); a text of only unknown
        words is refused."""
        tokens = self.tokenize(text)
        check_known(tokens, self.source_vocab.encode(tokens).unknown)
        return self.translate(tokens)

    # -- decoding ---------------------------------------------------------------------

    def translate(self, source_tokens: Sequence[str], max_len: int = MAX_LEN) -> Analysis:
        """Greedy decoding: stop after producing <EOS> or after `max_len` steps.

        Returns an Analysis with: tokens / unknown (the source; unknown words became <UNK>),
        trace (encoder, S steps), decoder (teacher-forced re-run over the U decoder inputs),
        attention (scores, weights (U, S), context (U, P); None without attention),
        output_tokens (the U produced tokens, "<EOS>" included when produced),
        prediction {"translation": output tokens without "<EOS>"}, and extra
        {"probabilities": (U, V_t) softmax per step, "decoder_inputs": U tokens,
        "target_vocab": V_t tokens, "stopped": "eos" or "max_len"}.
        """
        max_len = check_positive_int("max_len", max_len)
        tokens = list(source_tokens) if not isinstance(source_tokens, str) else source_tokens
        src_ids = self._source_ids(tokens)  # (S,) validates
        encoded = self.source_vocab.encode(tokens)
        core = self._core
        enc = core.encode(src_ids)
        h, c = enc.s0, enc.c0  # (L, P) each
        produced: list[int] = []
        prev = BOS_ID
        while len(produced) < max_len:
            step = core.decode(enc, np.array([prev]), h, c)  # one decoder step
            prev = int(step.logits[0].argmax())
            produced.append(prev)
            h, c = step.trace.h_n, step.trace.c_n  # (L, P)
            if prev == EOS_ID:
                break
        dec_ids = np.array([BOS_ID, *produced[:-1]])  # (U,)
        dec = core.decode(enc, dec_ids)  # teacher-forced re-run: same numbers as the steps
        out = self.target_vocab.decode(produced)
        return Analysis(
            tokens=list(tokens),
            unknown=encoded.unknown.tolist(),
            prediction={"translation": out[:-1] if produced[-1] == EOS_ID else out},
            trace=enc.trace,
            decoder=dec.trace,
            attention=dec.attention,
            output_tokens=out,
            extra={
                "probabilities": softmax(dec.logits),  # (U, V_t)
                "decoder_inputs": self.target_vocab.decode(dec_ids),
                "target_vocab": self.target_vocab.to_list(),
                "stopped": "eos" if produced[-1] == EOS_ID else "max_len",
            },
        )

    # -- helpers ----------------------------------------------------------------------

    @staticmethod
    def _pair(example: Any) -> tuple[Sequence[str], Sequence[str]]:
        if not (hasattr(example, "source") and hasattr(example, "target")):
            raise ValueError(
                f"example: expected a pair with .source and .target token tuples, "
                f"got {type(example).__name__}"
            )
        return example.source, example.target

    def _source_ids(self, tokens: Sequence[str]) -> np.ndarray:
        """Source ids (S,), refusing an empty source (the encoder needs one step)."""
        if isinstance(tokens, str) or len(tokens) == 0:
            raise ValueError(f"source: expected a non-empty list of tokens, got {tokens!r}")
        return self.source_vocab.encode(tokens).ids
