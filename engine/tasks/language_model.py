"""Language model: predict the next token, word- or character-level per the config's tokenizer.

    inputs  = <BOS> w_1 ... w_T           (T+1 ids)
    targets = w_1 ... w_T <EOS>           (T+1 ids)
    x_t = E[inputs_t];  out = Recurrent(x)   (T+1, H), forward only
    logits_t = W out_t + b                (V,): p(targets_t | inputs_0..t)
    loss = mean_t CE(logits_t, targets_t)

A language model reads left to right, so it is never bidirectional. `sample` never draws
<PAD>, <BOS> or <UNK> (their logits are masked).

With `conditions` (1 vs N, engine/tasks/lm_conditions.py) the first input is a condition's
marker instead of <BOS> ("<food>"): every token list that starts a run then begins with it,
the markers are never drawn or predicted, and training examples carry the label (`.topic`).

Notation: T tokens, V vocabulary size, E embedding width, H hidden width, L layers.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from engine.heads import cross_entropy, log_softmax, softmax
from engine.tasks.base import Analysis, StepResult
from engine.tasks.common import RecurrentTaskModel, top_k
from engine.tasks.config_checks import check_config_keys, check_task, token_list
from engine.tasks.encoder_config import ENCODER_KEYS, ENCODER_OPTIONAL_KEYS, EncoderConfig
from engine.tasks.lm_conditions import Conditions, marker
from engine.tasks.text_input import check_known
from engine.text import BOS_ID, EOS_ID, PAD_ID, SPECIALS, UNK_ID, EncodedTokens, Vocabulary
from engine.trace import Trace
from engine.validation import check_bool, check_positive_int, check_seed

TASK = "lm"
NEVER_SAMPLED = (PAD_ID, BOS_ID, UNK_ID)
NEVER_PREDICTED = (PAD_ID, BOS_ID)  # never a target, so left out of top-k lists


class LanguageModel(RecurrentTaskModel):
    """Embedding -> forward Recurrent -> Linear head over the vocabulary at every step.

    Parameters: "embedding.weight" (V, E), "rnn.*" (PyTorch keys), "head.weight" (V, H),
    "head.bias" (V,). Config: the encoder keys (bidirectional False) plus "task" ("lm"),
    and "conditions" (the labels it starts from) for a conditioned model.
    """

    def __init__(
        self,
        encoder: EncoderConfig,
        arrays: Mapping[str, Any] | None = None,
        conditions: Sequence[str] = (),
    ) -> None:
        if encoder.bidirectional:
            raise ValueError(
                "bidirectional: a language model must be False (the reverse direction "
                "would read the very token it has to predict)"
            )
        self.conditions = Conditions(tuple(conditions)) if len(conditions) else None
        markers = self.conditions.check_vocabulary(encoder.vocab) if self.conditions else []
        self.never_sampled = (*NEVER_SAMPLED, *markers)  # ids whose logits are masked
        self.never_predicted = (*NEVER_PREDICTED, *markers)  # ids left out of top-k lists
        super().__init__(TASK, encoder, len(encoder.vocab), arrays)

    @classmethod
    def create(
        cls,
        cell: str,
        vocab: Vocabulary | Sequence[str],
        embedding_dim: int = 16,
        hidden_size: int = 32,
        num_layers: int = 1,
        nonlinearity: str = "tanh",
        tokenizer: str = "whitespace",
        lowercase: bool = False,
        seed: int = 0,
        init: str = "pytorch",
        conditions: Sequence[str] = (),
    ) -> "LanguageModel":
        """A freshly initialised language model (seeded); `conditions`: the labels of a 1-vs-N
        model, whose markers join the vocabulary right after the specials."""
        if len(conditions):
            if not isinstance(vocab, Vocabulary):
                vocab = Vocabulary.from_list(vocab)
            vocab = Conditions(tuple(conditions)).vocabulary(vocab)
        encoder = EncoderConfig.build(
            vocab, cell=cell, embedding_dim=embedding_dim, hidden_size=hidden_size,
            num_layers=num_layers, bidirectional=False, nonlinearity=nonlinearity,
            tokenizer=tokenizer, lowercase=lowercase, seed=seed, init=init,
        )  # fmt: skip
        return cls(encoder, conditions=conditions)

    @classmethod
    def from_config(cls, config: Mapping[str, Any], arrays: Mapping[str, Any]) -> "LanguageModel":
        """Rebuild from `config()` and the saved parameters (every key and shape checked)."""
        check_task(config, (TASK,))
        check_config_keys(config, ("task", *ENCODER_KEYS, *ENCODER_OPTIONAL_KEYS, "conditions"))
        return cls(EncoderConfig.from_config(config), arrays, config.get("conditions", ()))

    def config(self) -> dict[str, Any]:
        """JSON-able: "task" ("lm"), the encoder keys and, if any, "conditions"."""
        extra = {"conditions": list(self.conditions.labels)} if self.conditions else {}
        return {**self.config_base(), **extra}

    # -- the start of a run: <BOS>, or a condition's marker -----------------------------

    def split_start(self, tokens: Sequence[str]) -> tuple[str, list[str]]:
        """(the first input, the words after it): ("<BOS>", tokens), or for a conditioned
        model (tokens[0], tokens[1:]) with tokens[0] a condition's marker."""
        if self.conditions is None:
            return SPECIALS[BOS_ID], list(tokens)
        return self.conditions.split_tokens(tokens)

    def input_tokens(self, tokens: Sequence[str]) -> list[str]:
        """The tokens a run over `tokens` reads, one per trace row: the start, then words."""
        start, words = self.split_start(tokens)
        return [start, *words]

    def tokenize(self, text: str) -> list[str]:
        """Tokens of `text`; a conditioned model's text starts with its marker ("<food> ...")."""
        if self.conditions is None:
            return super().tokenize(text)
        start, rest = self.conditions.split_text(text)
        return [start, *(super().tokenize(rest) if rest.strip() else [])]

    def encode(
        self, tokens: Sequence[str], *, add_bos: bool = False, add_eos: bool = False
    ) -> EncodedTokens:
        """As every task model encodes; for a conditioned model a leading marker is the start:
        add_bos keeps it in place of <BOS> (inputs), add_eos alone drops it (targets)."""
        if self.conditions is None or not (add_bos or add_eos):
            return super().encode(tokens, add_bos=add_bos, add_eos=add_eos)
        start, words = self.conditions.split_tokens(token_list("tokens", tokens))
        encoded = super().encode(words, add_eos=add_eos)
        if not add_bos:
            return encoded
        return EncodedTokens(np.concatenate([[self.vocab.token_to_id(start)], encoded.ids]),
                             np.concatenate([[False], encoded.unknown]))  # fmt: skip

    def encode_text(
        self, text: str | Sequence[str], *, add_bos: bool = False
    ) -> tuple[list[str], EncodedTokens]:
        """As every task model; a conditioned model's marker alone is a valid text."""
        if self.conditions is None or not isinstance(text, str):
            return super().encode_text(text, add_bos=add_bos)
        tokens = self.tokenize(text)
        encoded = self.encode(tokens, add_bos=add_bos)
        check_known(tokens[1:], encoded.unknown[1:])
        return tokens, encoded

    # -- forward / backward -----------------------------------------------------------

    def tokens_of(self, example: Any) -> list[str]:
        """A training example's tokens: a list/tuple of str, or an object with `.tokens`; a
        conditioned model reads `.topic`'s marker first."""
        tokens = example.tokens if hasattr(example, "tokens") else example
        tokens = token_list("example", tokens, allow_empty=True)
        if self.conditions is None:
            return tokens
        if not hasattr(example, "topic"):
            raise ValueError("example: a conditioned language model trains on examples with "
                             f"a .topic, one of {list(self.conditions.labels)}")  # fmt: skip
        return [self.conditions.check_marker(marker(example.topic)), *tokens]

    def _logits(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray, Trace]:
        """Run <BOS> + tokens: input ids (T+1,), logits (T+1, V) and the trace."""
        ids = self.encode(tokens, add_bos=True).ids  # (T+1,)
        trace = self.run_encoder(ids)
        return ids, self.head.forward(trace.output), trace  # logits (T+1, V)

    def loss_and_grads(self, example: Any) -> StepResult:
        """Mean cross-entropy over the T+1 next-token predictions (<EOS> included), grads."""
        tokens = self.tokens_of(example)
        targets = self.encode(tokens, add_eos=True).ids  # (T+1,)
        ids, logits, trace = self._logits(tokens)  # (T+1,), (T+1, V)
        loss, d_logits = cross_entropy(logits, targets)  # d_logits (T+1, V)
        out = trace.output  # (T+1, H)
        d_weight, d_bias, d_out = self.head.backward(out, d_logits)  # (V, H), (V,), (T+1, H)
        grads = self.encoder_grads(ids, trace, d_out)
        grads["head.weight"] = d_weight
        grads["head.bias"] = d_bias
        correct = int(np.sum(logits.argmax(axis=1) == targets))
        return StepResult(loss, {k: grads[k] for k in self._params}, correct, len(targets))

    # -- probabilities ----------------------------------------------------------------

    def next_token_distribution(self, tokens: Sequence[str]) -> tuple[np.ndarray, Trace]:
        """p(next token | <BOS> + tokens) as probabilities (V,), and the trace of the run.

        `tokens` may be empty: then it is the distribution of the first token.
        """
        tokens = token_list("tokens", tokens, allow_empty=True)
        _, logits, trace = self._logits(tokens)
        return softmax(logits[-1]), trace  # (V,)

    def log_probability(self, tokens: Sequence[str]) -> tuple[list[float], float]:
        """Per-token conditionals p(w_t | w_<t) for w_1..w_T and <EOS>, and log p(sentence).

        The sentence's log-probability is Σ_t log p(w_t | w_<t) over the T+1 targets,
        computed from log-softmax (no round trip through the probabilities).
        """
        tokens = token_list("tokens", tokens, allow_empty=True)
        targets = self.encode(tokens, add_eos=True).ids  # (T+1,)
        _, logits, _ = self._logits(tokens)
        logp = log_softmax(logits)[np.arange(len(targets)), targets]  # (T+1,)
        return np.exp(logp).tolist(), float(logp.sum())

    def perplexity(self, sequences: Iterable[Sequence[str]]) -> float:
        """exp(-Σ log p / number of predicted tokens) over sequences, <EOS> counted."""
        total_logp, count = 0.0, 0
        for n, tokens in enumerate(sequences):
            items = token_list(f"sequences[{n}]", tokens, allow_empty=True)
            conditionals, logp = self.log_probability(items)
            total_logp += logp
            count += len(conditionals)
        if count == 0:
            raise ValueError("sequences: is empty; expected at least one sequence")
        return math.exp(-total_logp / count)

    # -- generation -------------------------------------------------------------------

    def sample(
        self,
        prefix_tokens: Sequence[str],
        rng_seed: int | np.random.Generator,
        temperature: float = 1.0,
        greedy: bool = False,
        max_len: int = 20,
    ) -> list[str]:
        """Continue `prefix_tokens` token by token; return the new tokens (without <EOS>).

        Stops when <EOS> is drawn or after `max_len` new tokens. <PAD>, <BOS> and <UNK> are
        never drawn. Logits are divided by `temperature` before the softmax; `greedy` takes
        the most probable token instead of drawing. The same seed gives the same tokens.
        """
        prefix = token_list("prefix_tokens", prefix_tokens, allow_empty=True)
        if (
            isinstance(temperature, bool)
            or not isinstance(temperature, int | float)
            or not math.isfinite(temperature)
            or temperature <= 0
        ):
            raise ValueError(f"temperature: expected a finite number > 0, got {temperature!r}")
        check_bool("greedy", greedy)
        check_positive_int("max_len", max_len)
        if isinstance(rng_seed, np.random.Generator):
            rng = rng_seed
        else:
            rng = np.random.default_rng(check_seed("rng_seed", rng_seed))
        mask = np.zeros(len(self.vocab), dtype=bool)  # (V,)
        mask[list(self.never_sampled)] = True
        trace = self.run_encoder(self.encode(prefix, add_bos=True).ids)
        generated: list[str] = []
        for _ in range(max_len):
            logits = self.head.forward(trace.output[-1:])[0] / temperature  # (V,)
            logits[mask] = -np.inf
            if greedy:
                next_id = int(np.argmax(logits))
            else:
                p = softmax(logits)  # (V,), exactly zero where masked
                next_id = int(rng.choice(len(p), p=p))
            if next_id == EOS_ID:
                break
            generated.append(self.vocab.id_to_token(next_id))
            # continue from the final state: one step of the same forward network
            x = self.embedding.forward(np.array([next_id]))  # (1, E)
            trace = self.rnn.run(x, h0=trace.h_n, c0=trace.c_n)
        return generated

    # -- analysis ---------------------------------------------------------------------

    def analyze(self, text: str | Sequence[str], k: int = 5) -> Analysis:
        """The next token after `text`: prediction {"next_token": {"tokens", "probabilities"}}.

        The run starts at <BOS> (a conditioned model: at the text's marker), so
        `Analysis.tokens` is ["<BOS>", *tokens] and lines up with the trace's rows. Top-k
        lists leave out <PAD>, <BOS> and any markers (never targets).
        `extra` holds "logits" (T+1, V) and "per_step": after each input token, its top k.
        """
        check_positive_int("k", k)
        tokens, encoded = self.encode_text(text, add_bos=True)
        trace = self.run_encoder(encoded.ids)
        logits = self.head.forward(trace.output)  # (T+1, V)
        probabilities = softmax(logits)  # (T+1, V)
        names = self.vocab.to_list()
        per_step = [top_k(p, names, k, self.never_predicted) for p in probabilities]
        return Analysis(
            tokens=self.input_tokens(tokens),
            unknown=encoded.unknown.tolist(),
            prediction={"next_token": per_step[-1]},
            trace=trace,
            extra={"logits": logits, "per_step": per_step},
        )
