"""Write tests/fixtures/golden.npz: PyTorch's answers for small recurrent networks.

Every number in the file is computed by PyTorch (float64), never by the engine:

- output, h_n, c_n and the parameter / x / h0 / c0 gradients come from `torch.nn.RNN`,
  `torch.nn.LSTM` or `torch.nn.GRU` and autograd;
- the per-step total gradients dL/dh_t (and dL/dc_t) come from the same network unrolled
  with `torch.nn.RNNCell` / `LSTMCell` / `GRUCell` sharing the module's parameters, with
  autograd asked for the gradient of every intermediate h_t;
- the gates are recomputed with torch ops from torch's weights and the unrolled cells'
  h_{t-1}, c_{t-1}, following the equations in PyTorch's documentation.

The loss is L = Σ output ⊙ d_output + Σ h_n ⊙ d_h_n (+ Σ c_n ⊙ d_c_n for LSTM).
The script cross-checks the module against the unrolled cells and the recomputed gates
before writing. Notation: T steps, I input width, H hidden width, L layers, D directions.

Usage: `.venv/bin/python scripts/make_golden.py` (or `make golden`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "golden.npz"
STEPS, INPUT, HIDDEN = 5, 3, 4  # T, I, H of every fixture case

# name in the fixture -> (cell, nonlinearity)
CELL_VARIANTS = {
    "rnn_tanh": ("rnn", "tanh"),
    "rnn_relu": ("rnn", "relu"),
    "lstm": ("lstm", "tanh"),
    "gru": ("gru", "tanh"),
}
RECORDS = {
    "rnn": ("a", "h"),
    "lstm": ("a_i", "a_f", "a_g", "a_o", "i", "f", "g", "o", "c", "h"),
    "gru": ("a_r", "a_z", "a_n", "r", "z", "n", "hn", "h"),
}
PARTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")

# (layers, bidirectional, h0/c0 given): two complementary sets, each covering every pair of
# options (all four layers x direction combinations, and each of them with and without an
# initial state across the two sets). The full 32-case product would be ~520 KB; the live
# PyTorch tests in tests/test_recurrent_parity.py run the full product at random sizes.
_SET_A = ((1, False, False), (1, True, True), (2, False, True), (2, True, False))
_SET_B = ((1, False, True), (1, True, False), (2, False, False), (2, True, True))
CASES = tuple(
    (variant, *options)
    for variant, option_set in (("rnn_tanh", _SET_B), ("rnn_relu", _SET_A), ("lstm", _SET_B),
                                ("gru", _SET_A))  # fmt: skip
    for options in option_set
)


def case_name(variant: str, layers: int, bidirectional: bool, initial: bool) -> str:
    """E.g. "lstm_L2_bi_h0" or "gru_L1_uni_zero" (zero: no h0/c0 given)."""
    return f"{variant}_L{layers}_{'bi' if bidirectional else 'uni'}_{'h0' if initial else 'zero'}"


def torch_module(
    cell: str, nonlinearity: str, input_size: int, hidden_size: int, layers: int,
    bidirectional: bool,
) -> torch.nn.RNNBase:
    """A float64 torch.nn.RNN / LSTM / GRU with the given shape (parameters as torch drew them)."""
    kwargs = {"num_layers": layers, "bidirectional": bidirectional, "dtype": torch.float64}
    if cell == "rnn":
        return torch.nn.RNN(input_size, hidden_size, nonlinearity=nonlinearity, **kwargs)
    module_class = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
    return module_class(input_size, hidden_size, **kwargs)


def torch_cell(cell: str, nonlinearity: str, input_size: int, hidden_size: int) -> torch.nn.Module:
    """The one-step torch cell matching `cell` (its own parameters are replaced at call time)."""
    if cell == "rnn":
        return torch.nn.RNNCell(input_size, hidden_size, nonlinearity=nonlinearity,
                                dtype=torch.float64)  # fmt: skip
    cell_class = {"lstm": torch.nn.LSTMCell, "gru": torch.nn.GRUCell}[cell]
    return cell_class(input_size, hidden_size, dtype=torch.float64)


def recompute_gates(
    cell: str, nonlinearity: str, w: dict[str, torch.Tensor], x: torch.Tensor,
    h_prev: torch.Tensor, c_prev: torch.Tensor | None,
) -> dict[str, torch.Tensor]:
    """One step's records, written from PyTorch's documented equations with torch ops.

    w holds one layer-direction's weight_ih (G*H, I), weight_hh (G*H, H), bias_ih, bias_hh.
    """
    gi = w["weight_ih"] @ x + w["bias_ih"]  # (G*H,) input part, with b_ih
    gh = w["weight_hh"] @ h_prev + w["bias_hh"]  # (G*H,) recurrent part, with b_hh
    if cell == "rnn":
        a = gi + gh
        h = torch.relu(a) if nonlinearity == "relu" else torch.tanh(a)
        return {"a": a, "h": h}
    if cell == "lstm":
        assert c_prev is not None
        a_i, a_f, a_g, a_o = (gi + gh).chunk(4)
        i, f, g, o = torch.sigmoid(a_i), torch.sigmoid(a_f), torch.tanh(a_g), torch.sigmoid(a_o)
        c = f * c_prev + i * g
        h = o * torch.tanh(c)
        return {"a_i": a_i, "a_f": a_f, "a_g": a_g, "a_o": a_o,
                "i": i, "f": f, "g": g, "o": o, "c": c, "h": h}  # fmt: skip
    i_r, i_z, i_n = gi.chunk(3)
    h_r, h_z, h_n = gh.chunk(3)  # h_n = W_hn h_{t-1} + b_hn, recorded as "hn"
    a_r, a_z = i_r + h_r, i_z + h_z
    r, z = torch.sigmoid(a_r), torch.sigmoid(a_z)
    a_n = i_n + r * h_n
    n = torch.tanh(a_n)
    h = (1 - z) * n + z * h_prev
    return {"a_r": a_r, "a_z": a_z, "a_n": a_n, "r": r, "z": z, "n": n, "hn": h_n, "h": h}


def reference(
    cell: str,
    nonlinearity: str,
    layers: int,
    bidirectional: bool,
    params: dict[str, np.ndarray],
    x: np.ndarray,
    h0: np.ndarray | None,
    c0: np.ndarray | None,
    d_output: np.ndarray,
    d_h_n: np.ndarray | None = None,
    d_c_n: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Everything torch computes for one network, as flat NumPy arrays.

    params: state-dict arrays in PyTorch's layout; x (T, I); h0, c0 (L*D, H) or None
    (the module is then called without them); d_output (T, D*H); d_h_n, d_c_n (L*D, H).
    Keys: output, h_n, c_n, grad/<param>, grad/x, grad/h0, grad/c0 (dL/dh0 also when h0 is
    not given: the gradient at the zero state), dh/l{layer}_d{dir}, dc/..., and
    gates/l{layer}_d{dir}/<record>, every (T, H) array in sequence order.
    """
    steps, input_size = x.shape
    hidden = params["weight_hh_l0"].shape[1]
    dirs = 2 if bidirectional else 1
    lstm = cell == "lstm"
    module = torch_module(cell, nonlinearity, input_size, hidden, layers, bidirectional)
    module.load_state_dict({k: torch.from_numpy(np.array(v)) for k, v in params.items()},
                           strict=True)  # fmt: skip
    names = [name for name, _ in module.named_parameters()]
    weights = dict(module.named_parameters())
    tx = torch.tensor(x, requires_grad=True)
    zeros = np.zeros((layers * dirs, hidden))
    th0 = torch.tensor(zeros if h0 is None else h0, requires_grad=True)
    tc0 = torch.tensor(zeros if c0 is None else c0, requires_grad=True)

    def loss_of(output: torch.Tensor, h_n: torch.Tensor, c_n: torch.Tensor | None) -> torch.Tensor:
        loss = (output * torch.from_numpy(d_output)).sum()
        if d_h_n is not None:
            loss = loss + (h_n * torch.from_numpy(d_h_n)).sum()
        if d_c_n is not None:
            assert c_n is not None
            loss = loss + (c_n * torch.from_numpy(d_c_n)).sum()
        return loss

    # 1. The torch module: forward values and gradients.
    if lstm:
        state = None if h0 is None and c0 is None else (th0, tc0)
        output, (h_n, c_n) = module(tx, state)
    else:
        output, h_n = module(tx, None if h0 is None else th0)
        c_n = None
    inputs = [weights[n] for n in names] + [tx]
    if h0 is not None:
        inputs.append(th0)
    if lstm and (h0 is not None or c0 is not None):
        inputs.append(tc0)
    grads = torch.autograd.grad(loss_of(output, h_n, c_n), inputs)
    out: dict[str, np.ndarray] = {"output": output.detach().numpy(), "h_n": h_n.detach().numpy()}
    if c_n is not None:
        out["c_n"] = c_n.detach().numpy()
    for name, grad in zip(names, grads, strict=False):
        out[f"grad/{name}"] = grad.numpy()
    out["grad/x"] = grads[len(names)].numpy()

    # 2. The same network unrolled with torch cells, for every intermediate dL/dh_t, dL/dc_t.
    layer_input = tx  # (T, I_layer)
    hs: dict[tuple[int, int], list[torch.Tensor]] = {}
    cs: dict[tuple[int, int], list[torch.Tensor]] = {}
    gates: dict[tuple[int, int], list[dict[str, torch.Tensor]]] = {}
    for layer in range(layers):
        outputs = []
        for d in range(dirs):
            k = layer * dirs + d
            suffix = f"_l{layer}" + ("_reverse" if d else "")
            w = {part: weights[part + suffix] for part in PARTS}
            step_cell = torch_cell(cell, nonlinearity, layer_input.shape[1], hidden)
            h, c = th0[k], tc0[k]
            h_seq: list[torch.Tensor] = [h] * steps
            c_seq: list[torch.Tensor] = [c] * steps
            g_seq: list[dict[str, torch.Tensor]] = [{}] * steps
            for t in range(steps) if d == 0 else range(steps - 1, -1, -1):
                with torch.no_grad():
                    g_seq[t] = recompute_gates(cell, nonlinearity, w, layer_input[t], h, c)
                if lstm:
                    # LSTMCell computes h_t from its internal c_t, so autograd would miss the
                    # path c_t -> h_t. Rebuild h_t = o ⊙ tanh(c_t) from the cell's c_t (and o
                    # from torch ops) so that the gradient at c_t is the total dL/dc_t.
                    h_cell, c = torch.func.functional_call(step_cell, w, (layer_input[t], (h, c)))
                    a_o = (w["weight_ih"] @ layer_input[t] + w["bias_ih"]
                           + w["weight_hh"] @ h + w["bias_hh"]).chunk(4)[3]  # fmt: skip
                    h = torch.sigmoid(a_o) * torch.tanh(c)
                    np.testing.assert_allclose(h.detach().numpy(), h_cell.detach().numpy(),
                                               rtol=1e-12, atol=1e-13)  # fmt: skip
                else:
                    h = torch.func.functional_call(step_cell, w, (layer_input[t], h))
                h_seq[t], c_seq[t] = h, c
            hs[layer, d], cs[layer, d], gates[layer, d] = h_seq, c_seq, g_seq
            outputs.append(torch.stack(h_seq))
        layer_input = torch.cat(outputs, dim=1)  # (T, D*H)
    # Final states: the forward direction's last step, the reverse direction's first row.
    keys = sorted(hs)  # (layer, direction) in PyTorch's order
    finals = [(key, steps - 1 if key[1] == 0 else 0) for key in keys]
    cell_h_n = torch.stack([hs[key][t] for key, t in finals])
    cell_c_n = torch.stack([cs[key][t] for key, t in finals]) if lstm else None
    step_h = [h for key in keys for h in hs[key]]
    step_c = [c for key in keys for c in cs[key]] if lstm else []
    wrt = [weights[n] for n in names] + [tx, th0] + ([tc0] if lstm else []) + step_h + step_c
    cell_grads = torch.autograd.grad(loss_of(layer_input, cell_h_n, cell_c_n), wrt)
    out["grad/h0"] = cell_grads[len(names) + 1].numpy()
    if lstm:
        out["grad/c0"] = cell_grads[len(names) + 2].numpy()
    per_step = list(cell_grads[len(names) + 2 + int(lstm) :])
    for j, (layer, d) in enumerate(keys):
        out[f"dh/l{layer}_d{d}"] = torch.stack(per_step[j * steps : (j + 1) * steps]).numpy()
        if lstm:
            start = (len(keys) + j) * steps
            out[f"dc/l{layer}_d{d}"] = torch.stack(per_step[start : start + steps]).numpy()
        for record in RECORDS[cell]:
            out[f"gates/l{layer}_d{d}/{record}"] = torch.stack(
                [g[record] for g in gates[layer, d]]
            ).numpy()

    # 3. Cross-checks: module == unrolled cells == recomputed gates, in values and gradients.
    close = {"rtol": 1e-12, "atol": 1e-13}
    np.testing.assert_allclose(layer_input.detach().numpy(), out["output"], **close)
    np.testing.assert_allclose(cell_h_n.detach().numpy(), out["h_n"], **close)
    for name, grad in zip(names, cell_grads, strict=False):
        np.testing.assert_allclose(grad.numpy(), out[f"grad/{name}"], **close)
    np.testing.assert_allclose(cell_grads[len(names)].numpy(), out["grad/x"], **close)
    if h0 is not None:
        np.testing.assert_allclose(grads[len(names) + 1].numpy(), out["grad/h0"], **close)
    if lstm and (h0 is not None or c0 is not None):
        np.testing.assert_allclose(grads[-1].numpy(), out["grad/c0"], **close)
    for layer, d in keys:
        np.testing.assert_allclose(
            out[f"gates/l{layer}_d{d}/h"], torch.stack(hs[layer, d]).detach().numpy(), **close
        )
        if lstm:
            np.testing.assert_allclose(
                out[f"gates/l{layer}_d{d}/c"], torch.stack(cs[layer, d]).detach().numpy(), **close
            )
    return {k: np.ascontiguousarray(v, dtype=np.float64) for k, v in out.items()}


def draw_case(
    variant: str, layers: int, bidirectional: bool, initial: bool, seed: int,
    steps: int = STEPS, input_size: int = INPUT, hidden: int = HIDDEN,
) -> dict[str, np.ndarray]:
    """Inputs of one case, all drawn by torch under `seed`: parameters uniform(-0.5, 0.5)
    (so bias_ih and bias_hh are non-zero and distinct), x, h0, c0, d_output, d_h_n, d_c_n."""
    cell, nonlinearity = CELL_VARIANTS[variant]
    torch.manual_seed(seed)
    module = torch_module(cell, nonlinearity, input_size, hidden, layers, bidirectional)
    arrays: dict[str, np.ndarray] = {}
    with torch.no_grad():
        for name, param in module.named_parameters():
            param.uniform_(-0.5, 0.5)
            arrays[name] = param.detach().numpy().copy()
    dirs = 2 if bidirectional else 1

    def uniform(*shape: int) -> np.ndarray:
        return (torch.rand(*shape, dtype=torch.float64) * 2 - 1).numpy()

    arrays["x"] = uniform(steps, input_size)
    if initial:
        arrays["h0"] = uniform(layers * dirs, hidden)
        if cell == "lstm":
            arrays["c0"] = uniform(layers * dirs, hidden)
    arrays["d_output"] = uniform(steps, dirs * hidden)
    arrays["d_h_n"] = uniform(layers * dirs, hidden)
    if cell == "lstm":
        arrays["d_c_n"] = uniform(layers * dirs, hidden)
    return arrays


def build() -> dict[str, np.ndarray]:
    """Every fixture case, under flat keys "<case>/<name>"."""
    arrays: dict[str, np.ndarray] = {
        "meta/torch_version": np.array(torch.__version__),
        "meta/shape_TIH": np.array([STEPS, INPUT, HIDDEN]),
    }
    for seed, (variant, layers, bidirectional, initial) in enumerate(CASES, start=1000):
        cell, nonlinearity = CELL_VARIANTS[variant]
        inputs = draw_case(variant, layers, bidirectional, initial, seed)
        params = {k: v for k, v in inputs.items() if k.split("_l")[0] in PARTS}
        ref = reference(
            cell, nonlinearity, layers, bidirectional, params, inputs["x"],
            inputs.get("h0"), inputs.get("c0"), inputs["d_output"], inputs["d_h_n"],
            inputs.get("d_c_n"),
        )  # fmt: skip
        name = case_name(variant, layers, bidirectional, initial)
        for key, value in {**inputs, **ref}.items():
            arrays[f"{name}/{key}"] = value
    return arrays


def main() -> None:
    torch.set_num_threads(1)
    arrays = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, **arrays)
    cases = {k.split("/")[0] for k in arrays if not k.startswith("meta/")}
    print(f"wrote {OUT} ({OUT.stat().st_size / 1024:.0f} KB, {len(cases)} cases, "
          f"{len(arrays)} arrays)")  # fmt: skip


if __name__ == "__main__":
    main()
