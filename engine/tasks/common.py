"""What the tagger, the classifier and the language model share: an embedded recurrent encoder.

Every one of them is embedding -> `Recurrent` -> a linear head, with its parameters in one
flat dict (docs/architecture.md): "embedding.weight" (V, E), "rnn.<PyTorch key>" for every
recurrent parameter, "head.weight" (K, D*H) and "head.bias" (K,). This module builds that
dict, validates it, pushes it into the `Recurrent`, runs the encoder forward and backward,
and turns text into token ids (its configuration: engine/tasks/encoder_config.py).

Notation: T tokens, V vocabulary size, E embedding width, H hidden width, L layers,
D directions (2 when bidirectional), K outputs of the head.
"""

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from engine.heads import Embedding, Linear
from engine.recurrent import Recurrent
from engine.tasks.config_checks import token_list
from engine.tasks.encoder_config import EncoderConfig
from engine.tasks.text_input import check_known, tokenize
from engine.text import EncodedTokens
from engine.trace import Trace
from engine.validation import check_arrays, check_positive_int

RNN_PREFIX = "rnn."


class RecurrentTaskModel:
    """Embedding -> Recurrent -> Linear head, with every parameter in one flat dict.

    Subclasses decide where the head reads (every step or the final state), what it predicts
    and the loss. `parameters()` returns the live dict: change its arrays in place (or assign
    new arrays of the same shape) and call `refresh()`.
    """

    task: str

    def __init__(
        self,
        task: str,
        encoder: EncoderConfig,
        head_size: int,
        arrays: Mapping[str, Any] | None = None,
    ) -> None:
        self.task = task
        self.encoder = encoder
        self.vocab = encoder.vocab
        self.rnn = Recurrent(
            encoder.cell,
            input_size=encoder.embedding_dim,
            hidden_size=encoder.hidden_size,
            num_layers=encoder.num_layers,
            bidirectional=encoder.bidirectional,
            nonlinearity=encoder.nonlinearity,
            seed=encoder.seed,
            init=encoder.init,
            gru_reset_after=encoder.gru_reset_after,
        )
        self.head_size = check_positive_int("head_size", head_size)
        if arrays is None:
            self._params = self._fresh_parameters()
        else:
            self._params = check_arrays("arrays", arrays, self.expected_shapes())
        self.refresh()

    # -- parameters -------------------------------------------------------------------

    @property
    def features(self) -> int:
        """D*H, the width the head reads."""
        return self.rnn.num_directions * self.rnn.hidden_size

    def expected_shapes(self) -> dict[str, tuple[int, ...]]:
        """Every parameter name with its shape, in parameters() order."""
        shapes: dict[str, tuple[int, ...]] = {
            "embedding.weight": (len(self.vocab), self.encoder.embedding_dim)
        }
        shapes.update({RNN_PREFIX + k: s for k, s in self.rnn.expected_shapes().items()})
        shapes["head.weight"] = (self.head_size, self.features)
        shapes["head.bias"] = (self.head_size,)
        return shapes

    def _fresh_parameters(self) -> dict[str, np.ndarray]:
        """Seeded initial values: the Recurrent's own init, PyTorch defaults for the rest.

        The embedding and head draw from the stream [seed, 1], independent of the stream the
        Recurrent draws from with `seed`.
        """
        rng = np.random.default_rng([self.encoder.seed, 1])
        embedding = Embedding.init(len(self.vocab), self.encoder.embedding_dim, rng)
        head = Linear.init(self.features, self.head_size, rng)
        params = {"embedding.weight": embedding.weight}  # (V, E)
        params.update({RNN_PREFIX + k: v for k, v in self.rnn.state_dict().items()})
        params["head.weight"] = head.weight  # (K, D*H)
        params["head.bias"] = head.bias  # (K,)
        return params

    def parameters(self) -> dict[str, np.ndarray]:
        """The live parameter arrays under flat names (see the module docstring)."""
        return self._params

    def refresh(self) -> None:
        """Check the parameter dict and push the "rnn.*" arrays into the Recurrent."""
        expected = self.expected_shapes()
        missing = [k for k in expected if k not in self._params]
        extra = [k for k in self._params if k not in expected]
        if missing or extra:
            raise ValueError(f"parameters: missing keys {missing}, unexpected keys {extra}")
        for key, shape in expected.items():
            if np.shape(self._params[key]) != shape:
                raise ValueError(
                    f"parameters[{key!r}]: expected shape {shape}, "
                    f"got {np.shape(self._params[key])}"
                )
        self.rnn.load_state_dict(
            {k[len(RNN_PREFIX) :]: v for k, v in self._params.items() if k.startswith(RNN_PREFIX)}
        )

    @property
    def embedding(self) -> Embedding:
        """The embedding table as a view of the live "embedding.weight" (V, E)."""
        return Embedding(self._params["embedding.weight"])

    @property
    def head(self) -> Linear:
        """The output head as a view of the live "head.weight" (K, D*H) and "head.bias" (K,)."""
        return Linear(self._params["head.weight"], self._params["head.bias"])

    # -- text -------------------------------------------------------------------------

    def config_base(self) -> dict[str, Any]:
        """The "task" key and the encoder keys; subclasses add theirs."""
        return {"task": self.task, **self.encoder.to_config()}

    def tokenize(self, text: str) -> list[str]:
        """Tokens of `text` per the config's tokenizer and lowercase flag."""
        return tokenize(text, self.encoder.tokenizer, self.encoder.lowercase, self.vocab)

    def encode(
        self, tokens: Sequence[str], *, add_bos: bool = False, add_eos: bool = False
    ) -> EncodedTokens:
        """Ids (T,) and unknown flags (T,); tokens are lower-cased first if the config says so."""
        if self.encoder.lowercase:
            tokens = [token.lower() for token in tokens]
        return self.vocab.encode(tokens, add_bos=add_bos, add_eos=add_eos)

    def encode_text(
        self, text: str | Sequence[str], *, add_bos: bool = False
    ) -> tuple[list[str], EncodedTokens]:
        """Encode a typed text (tokenized here; one of only unknown tokens is refused) or a
        token list taken as given (held-out measurements score every sentence)."""
        if not isinstance(text, str):
            tokens = token_list("text", text)
            return tokens, self.encode(tokens, add_bos=add_bos)
        tokens = self.tokenize(text)
        encoded = self.encode(tokens, add_bos=add_bos)
        check_known(tokens, encoded.unknown[1:] if add_bos else encoded.unknown)
        return tokens, encoded

    # -- encoder forward and backward -------------------------------------------------

    def run_encoder(self, ids: np.ndarray) -> Trace:
        """Embed ids (T,) into x (T, E) and run the Recurrent over them."""
        x = self.embedding.forward(ids)  # (T, E)
        return self.rnn.run(x)

    def final_features(self, trace: Trace) -> np.ndarray:
        """(D*H,): the top layer's h_n rows, forward then reverse.

        Forward's h_n is its h at t = T-1; reverse's h_n is its h at t = 0 (it read the
        sequence backwards, so t = 0 is where it finished). Same as PyTorch's h_n[-D:].
        """
        d = self.rnn.num_directions
        return trace.h_n[-d:].reshape(-1)  # (D*H,)

    def d_h_n_from_features(self, d_features: np.ndarray) -> np.ndarray:
        """dL/dh_n (L*D, H) that is zero except on the top layer's rows, given dL/dfeatures."""
        d, h = self.rnn.num_directions, self.rnn.hidden_size
        d_h_n = np.zeros((self.rnn.num_layers * d, h))  # (L*D, H)
        d_h_n[-d:] = d_features.reshape(d, h)
        return d_h_n

    def encoder_grads(
        self, ids: np.ndarray, trace: Trace, d_output: np.ndarray, d_h_n: np.ndarray | None = None
    ) -> dict[str, np.ndarray]:
        """Exact BPTT: "embedding.weight" and every "rnn.*" gradient.

        d_output (T, D*H) is dL/d(top layer's output); d_h_n (L*D, H) is dL/dh_n, if any.
        """
        grads = self.rnn.backward(trace, d_output, d_h_n=d_h_n)
        result = {"embedding.weight": self.embedding.backward(ids, grads.dx)}  # (V, E)
        result.update({RNN_PREFIX + k: v for k, v in grads.params.items()})
        return result


def top_k(
    probabilities: np.ndarray, vocab_or_labels: Sequence[str], k: int, skip: Sequence[int] = ()
) -> dict[str, list[Any]]:
    """The k most probable entries of probabilities (N,), skipping ids in `skip`, best first."""
    order = [int(i) for i in np.argsort(-probabilities, kind="stable") if int(i) not in skip]
    chosen = order[:k]
    return {
        "tokens": [vocab_or_labels[i] for i in chosen],
        "probabilities": [float(probabilities[i]) for i in chosen],
    }
