"""The numbers of the encoder-decoder: forward and exact backward over a flat parameter dict.

Notation: S source length, U decoder steps, E embedding width, H encoder hidden width,
D encoder directions (1 or 2), L layers, P = D*H (the width of every encoder output h_j
and of the decoder's hidden state), F head input width (P, or 2P with attention),
V_s / V_t source / target vocabulary sizes.

Bridge (the simplest exact design, no parameters): the decoder is a unidirectional network
of the same cell and L layers whose hidden width is P = D*H, so its initial state is the
encoder's final state, forward and reverse concatenated per layer. In arrays this is a
reshape of h_n (L*D, H) into s_0 (L, P), and its gradient the reshape back.

Equations::

    encoder      x_j = E_src[w_j]                                  (S, E)
                 h_1..h_S, h_n, c_n = Encoder(x_1..x_S)            h_j (P,), h_n (L*D, H)
    bridge       s_0[l] = [h_n[l, fwd]; h_n[l, rev]]               (L, P); c_0 the same (LSTM)
    decoder      u_t = E_tgt[y_{t-1}]                              "init", "attention"
                 u_t = [E_tgt[y_{t-1}]; z],  z = s_0[L-1]          "every_step"
                 s_1..s_U = Decoder(u_1..u_U; s_0, c_0)            s_t (P,)
    output       o_t = s_t                                         "init", "every_step"
                 e_tj = score(s_t, h_j)                            "attention" (Luong, global)
                 alpha_t = softmax(e_t),  c_t = sum_j alpha_tj h_j
                 o_t = [s_t; c_t]
                 logits_t = W_head o_t + b_head                    (V_t,)

The decoder state does not depend on earlier contexts (no input feeding), so a whole
teacher-forced target runs as one decoder pass and one batched attention read.
"""

from dataclasses import dataclass

import numpy as np

from engine.attention import AttentionResult, attend, attend_backward
from engine.heads import Embedding, Linear
from engine.recurrent import Recurrent
from engine.trace import Trace

CONTEXTS = ("init", "every_step", "attention")


@dataclass(frozen=True)
class EncoderPass:
    """The encoder's run over one source and the decoder's initial state made from it."""

    src_ids: np.ndarray  # (S,) int
    trace: Trace  # output (S, P): h_j, the keys and values of attention
    s0: np.ndarray  # (L, P): decoder h0
    c0: np.ndarray | None  # (L, P): decoder c0 (LSTM)


@dataclass(frozen=True)
class DecoderPass:
    """The decoder's run over its inputs, the attention read and the output logits."""

    dec_ids: np.ndarray  # (U,) int: <BOS>, y_1, ..., y_{U-1}
    trace: Trace  # output (U, P): s_t
    attention: AttentionResult | None  # scores, weights (U, S), context (U, P)
    head_in: np.ndarray  # (U, F): o_t
    logits: np.ndarray  # (U, V_t)


@dataclass
class Seq2SeqCore:
    """Encoder, decoder, attention and head over `params`, the model's live parameter dict.

    `params` holds "src_embedding.weight" (V_s, E), "tgt_embedding.weight" (V_t, E),
    "attention.*" (see engine.attention.init_attention_params), "head.weight" (V_t, F),
    "head.bias" (V_t,); the recurrent weights live in `encoder` and `decoder`.
    """

    encoder: Recurrent
    decoder: Recurrent
    params: dict[str, np.ndarray]
    context: str
    attention_kind: str

    @property
    def attention_params(self) -> dict[str, np.ndarray]:
        """Score parameters without the "attention." prefix ({} for dot kinds)."""
        return {k[len("attention.") :]: v for k, v in self.params.items()
                if k.startswith("attention.")}  # fmt: skip

    # -- forward ----------------------------------------------------------------------

    def encode(self, src_ids: np.ndarray) -> EncoderPass:
        """Embed and encode the source ids (S,); bridge the final state to the decoder."""
        enc = self.encoder
        x = Embedding(self.params["src_embedding.weight"]).forward(src_ids)  # (S, E)
        trace = enc.run(x)
        p = enc.num_directions * enc.hidden_size
        s0 = trace.h_n.reshape(enc.num_layers, p)  # (L*D, H) -> (L, P)
        c0 = None if trace.c_n is None else trace.c_n.reshape(enc.num_layers, p)  # (L, P)
        return EncoderPass(src_ids, trace, s0, c0)

    def decoder_input(self, enc: EncoderPass, dec_ids: np.ndarray) -> np.ndarray:
        """u_t for every decoder input id: (U, E), or (U, E + P) for "every_step"."""
        emb = Embedding(self.params["tgt_embedding.weight"]).forward(dec_ids)  # (U, E)
        if self.context != "every_step":
            return emb
        z = enc.s0[-1]  # (P,): the top layer's last encoder state
        return np.hstack([emb, np.broadcast_to(z, (len(dec_ids), z.shape[0]))])  # (U, E+P)

    def decode(
        self,
        enc: EncoderPass,
        dec_ids: np.ndarray,
        h0: np.ndarray | None = None,
        c0: np.ndarray | None = None,
    ) -> DecoderPass:
        """Run the decoder over dec_ids (U,) from (h0, c0) (L, P), default the bridged state."""
        h0 = enc.s0 if h0 is None else h0
        c0 = enc.c0 if c0 is None else c0
        trace = self.decoder.run(self.decoder_input(enc, dec_ids), h0, c0)
        states = trace.output  # (U, P): s_t
        result = None
        head_in = states  # (U, F)
        if self.context == "attention":
            keys = enc.trace.output  # (S, P): h_j, also the values
            result = attend(self.attention_kind, states, keys, None, None, self.attention_params)
            head_in = np.hstack([states, result.context])  # (U, 2P): [s_t; c_t]
        logits = self._head().forward(head_in)  # (U, V_t)
        return DecoderPass(dec_ids, trace, result, head_in, logits)

    def _head(self) -> Linear:
        return Linear(self.params["head.weight"], self.params["head.bias"])

    # -- backward ---------------------------------------------------------------------

    def backward(
        self, enc: EncoderPass, dec: DecoderPass, d_logits: np.ndarray
    ) -> dict[str, np.ndarray]:
        """Exact dL/d(every parameter) from dL/dlogits (U, V_t); keys as in the model's params.

        Chain: head -> [s_t; c_t] -> attend_backward (d_query into s_t, d_keys into h_j) ->
        decoder BPTT (dx into u_t, dh0/dc0 into s_0/c_0) -> bridge (reshape; plus
        sum_t dL/dz for "every_step") -> encoder BPTT from d_output and d_h_n, d_c_n ->
        embeddings.
        """
        enc_net, dec_net = self.encoder, self.decoder
        layers, p = enc_net.num_layers, enc_net.num_directions * enc_net.hidden_size
        grads: dict[str, np.ndarray] = {}
        # logits_t = W_head o_t + b_head
        d_w, d_b, d_head_in = self._head().backward(dec.head_in, d_logits)  # (U, F)
        grads["head.weight"], grads["head.bias"] = d_w, d_b
        d_keys = np.zeros_like(enc.trace.output)  # (S, P): dL/dh_j
        d_states = d_head_in[:, :p]  # (U, P): dL/ds_t through o_t
        if dec.attention is not None:
            # c_t = sum_j alpha_tj h_j,  alpha_t = softmax(score(s_t, h_j))
            ag = attend_backward(self.attention_kind, dec.attention, d_head_in[:, p:],
                                 dec.trace.output, enc.trace.output, None,
                                 self.attention_params)  # fmt: skip
            d_states = d_states + ag.d_query  # (U, P)
            d_keys = ag.d_keys  # (S, P), the value path included
            grads.update({f"attention.{k}": v for k, v in ag.d_params.items()})
        # s_1..s_U = Decoder(u; s_0, c_0)
        dg = dec_net.backward(dec.trace, d_states)
        grads.update({f"decoder.{k}": v for k, v in dg.params.items()})
        e = self.params["tgt_embedding.weight"].shape[1]
        d_u = dg.dx  # (U, E) or (U, E+P)
        grads["tgt_embedding.weight"] = Embedding(
            self.params["tgt_embedding.weight"]).backward(dec.dec_ids, d_u[:, :e])  # fmt: skip
        d_s0 = dg.dh0.copy()  # (L, P)
        if self.context == "every_step":
            d_s0[-1] += d_u[:, e:].sum(axis=0)  # z = s_0[L-1] was fed at every step
        # s_0 = reshape(h_n), c_0 = reshape(c_n)
        d_h_n = d_s0.reshape(layers * enc_net.num_directions, enc_net.hidden_size)  # (L*D, H)
        d_c_n = None if dg.dc0 is None else dg.dc0.reshape(d_h_n.shape)  # (L*D, H)
        eg = enc_net.backward(enc.trace, d_keys, d_h_n, d_c_n)
        grads.update({f"encoder.{k}": v for k, v in eg.params.items()})
        grads["src_embedding.weight"] = Embedding(
            self.params["src_embedding.weight"]).backward(enc.src_ids, eg.dx)  # fmt: skip
        return grads
