"""Stacked, optionally bidirectional recurrent network in PyTorch's parameter layout.

Batch size is 1: `run` takes one sequence x of shape (T, I). Notation: T steps, I input
width, H hidden width, L layers, D directions (2 when bidirectional), G gate blocks
(RNN 1, GRU 3, LSTM 4). A GRU is PyTorch's unless `gru_reset_after=False` asks for the
variant with the reset gate before W_hn (engine/cells/gru_reset_before.py).
"""

from collections.abc import Mapping
from typing import Any

import numpy as np

from engine.blas import single_threaded
from engine.cells import GATE_COUNT, cell_module, nonlinearities
from engine.cells.common import GateHook, LayerGrads, LayerWeights
from engine.initializers import SCHEMES, init_layer
from engine.trace import Gradients, LayerTrace, Trace
from engine.validation import as_float_array, check_arrays, check_choice, check_positive_int

_PARTS = ("weight_ih", "weight_hh", "bias_ih", "bias_hh")


class Recurrent:
    """`torch.nn.RNN/LSTM/GRU` in NumPy, batch 1, recording every gate of every step.

    `nonlinearity`: a plain RNN's "tanh" or "relu" (PyTorch's), or the teaching variants
    "sigmoid" and "identity" (engine/activations.py); LSTM and GRU take "tanh".

    >>> net = Recurrent("lstm", input_size=8, hidden_size=16, seed=0)
    >>> trace = net.run(np.zeros((3, 8)))
    >>> trace.gates(0, "forward")["f"].shape
    (3, 16)
    """

    def __init__(
        self,
        cell: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bidirectional: bool = False,
        nonlinearity: str = "tanh",
        seed: int = 0,
        init: str = "pytorch",
        gru_reset_after: bool = True,
    ) -> None:
        self.cell = check_choice("cell", cell, GATE_COUNT)
        self.input_size = check_positive_int("input_size", input_size)
        self.hidden_size = check_positive_int("hidden_size", hidden_size)
        self.num_layers = check_positive_int("num_layers", num_layers)
        if not isinstance(bidirectional, bool):
            raise ValueError(f"bidirectional: expected True or False, got {bidirectional!r}")
        self.bidirectional = bidirectional
        self.num_directions = 2 if bidirectional else 1
        self.nonlinearity = check_choice("nonlinearity", nonlinearity, nonlinearities(cell))
        self._module = cell_module(cell, gru_reset_after)
        self.gru_reset_after = gru_reset_after
        rng = np.random.default_rng(seed)
        check_choice("init", init, SCHEMES)
        params: dict[str, np.ndarray] = {}
        for layer, suffix in self._layer_keys():
            fresh = init_layer(init, GATE_COUNT[cell], self._layer_input(layer), hidden_size, rng)
            for part, short in zip(_PARTS, ("w_ih", "w_hh", "b_ih", "b_hh"), strict=True):
                params[f"{part}_l{layer}{suffix}"] = fresh[short]
        self._set(params)

    # -- parameters -------------------------------------------------------------------

    def _layer_keys(self) -> list[tuple[int, str]]:
        """(layer, key suffix) in PyTorch's order: l0, l0_reverse, l1, ..."""
        suffixes = ("", "_reverse")[: self.num_directions]
        return [(layer, s) for layer in range(self.num_layers) for s in suffixes]

    def _layer_input(self, layer: int) -> int:
        """Input width of `layer`: I for the first, D*H above it."""
        return self.input_size if layer == 0 else self.num_directions * self.hidden_size

    def expected_shapes(self) -> dict[str, tuple[int, ...]]:
        """Every state-dict key with the shape it must have."""
        gh = GATE_COUNT[self.cell] * self.hidden_size
        shapes: dict[str, tuple[int, ...]] = {}
        for layer, suffix in self._layer_keys():
            shapes[f"weight_ih_l{layer}{suffix}"] = (gh, self._layer_input(layer))
            shapes[f"weight_hh_l{layer}{suffix}"] = (gh, self.hidden_size)
            shapes[f"bias_ih_l{layer}{suffix}"] = (gh,)
            shapes[f"bias_hh_l{layer}{suffix}"] = (gh,)
        return shapes

    def state_dict(self) -> dict[str, np.ndarray]:
        """Copies of every parameter under PyTorch's key names and shapes."""
        return {name: value.copy() for name, value in self._params.items()}

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        """Replace every parameter; a missing, extra, mis-shaped or non-finite key is an error."""
        self._set(check_arrays("state_dict", state, self.expected_shapes()))

    def _set(self, params: dict[str, np.ndarray]) -> None:
        """Store parameters and prepare each layer-direction's weights for the step loop."""
        self._params = params
        self._weights_token = object()  # identifies traces made with exactly these weights
        self._prepared = []
        for layer, suffix in self._layer_keys():
            weights = LayerWeights(*(params[f"{part}_l{layer}{suffix}"] for part in _PARTS))
            self._prepared.append(self._module.prepare(weights, self.nonlinearity))

    # -- forward ----------------------------------------------------------------------

    def _initial(self, name: str, value: Any) -> np.ndarray:
        """h0 or c0 as (L*D, H), zeros when not given."""
        shape = (self.num_layers * self.num_directions, self.hidden_size)
        return np.zeros(shape) if value is None else as_float_array(name, value, shape)

    def run(
        self, x: Any, h0: Any = None, c0: Any = None,
        hooks: Mapping[int, GateHook] | None = None,
    ) -> Trace:
        """Read x (T, I) from h0, c0 (L*D, H; zeros if omitted) and record every step.

        `hooks` (optional, see engine/interventions.py): layer * D + direction -> a
        `GateHook` whose rows are in sequence order; gates are clamped or biased as it says.
        """
        x = as_float_array("x", x, (None, self.input_size)).copy()  # the trace owns its input
        h0 = self._initial("h0", h0).copy()
        if c0 is not None and not self._module.HAS_CELL_STATE:
            raise ValueError(f"c0: only an LSTM has a cell state; this network is {self.cell}")
        c0_all = self._initial("c0", c0).copy() if self._module.HAS_CELL_STATE else None
        d, h = self.num_directions, self.hidden_size
        layers: list[LayerTrace] = []
        layer_input = x  # (T, I_layer)
        with single_threaded(GATE_COUNT[self.cell] * h * h):
            for layer in range(self.num_layers):
                outputs = []
                for direction in range(d):
                    k = layer * d + direction
                    c_init = None if c0_all is None else c0_all[k]
                    hook = None if hooks is None else hooks.get(k)
                    records = self._run_direction(layer_input, h0[k], c_init, k, direction, hook)
                    layers.append(LayerTrace(self.cell, layer, direction, layer_input,
                                             h0[k], c_init, records))  # fmt: skip
                    outputs.append(records["h"])
                layer_input = np.hstack(outputs) if d == 2 else outputs[0]  # (T, D*H)
        h_n = np.stack([lt.records["h"][-1 if lt.direction == 0 else 0] for lt in layers])
        c_n = None
        if self._module.HAS_CELL_STATE:
            c_n = np.stack([lt.records["c"][-1 if lt.direction == 0 else 0] for lt in layers])
        return Trace(self.cell, self.num_layers, d, layer_input, h_n, c_n, tuple(layers),
                     weights=self._weights_token,
                     gru_reset_after=self.gru_reset_after,
                     nonlinearity=self.nonlinearity)  # fmt: skip

    def _run_direction(
        self, x: np.ndarray, h0: np.ndarray, c0: np.ndarray | None, k: int, direction: int,
        hook: GateHook | None = None,
    ) -> dict[str, np.ndarray]:
        """Records of one layer-direction in sequence order (reverse reads x backwards)."""
        if direction == 0:
            records = self._module.forward(x, h0, c0, self._prepared[k], hook)
        else:
            back = None if hook is None else hook.flipped()
            flipped = self._module.forward(x[::-1], h0, c0, self._prepared[k], back)
            records = {name: np.ascontiguousarray(v[::-1]) for name, v in flipped.items()}
        for values in records.values():
            values.flags.writeable = False
        return records

    # -- backward ---------------------------------------------------------------------

    def backward(
        self, trace: Trace, d_output: Any, d_h_n: Any = None, d_c_n: Any = None
    ) -> Gradients:
        """Backprop through time from dL/d(output) (T, D*H) and optionally dL/dh_n, dL/dc_n.

        Returns gradients for every parameter (state-dict keys), for x, h0, c0, and the total
        dL/dh_t (and dL/dc_t) at every step of every layer and direction. No clipping.
        """
        if not isinstance(trace, Trace) or trace.weights is not self._weights_token:
            raise ValueError(
                "trace: expected a Trace returned by this network's run() with its current "
                "weights (run again after load_state_dict)"
            )
        d, h = self.num_directions, self.hidden_size
        d_above = as_float_array("d_output", d_output, (trace.steps, d * h))  # (T, D*H)
        shape = (self.num_layers * d, h)
        dh_n = np.zeros(shape) if d_h_n is None else as_float_array("d_h_n", d_h_n, shape)
        dc_n = None
        if self._module.HAS_CELL_STATE:
            dc_n = np.zeros(shape) if d_c_n is None else as_float_array("d_c_n", d_c_n, shape)
        elif d_c_n is not None:
            raise ValueError(f"d_c_n: only an LSTM has a cell state; this network is {self.cell}")
        per_layer: dict[int, LayerGrads] = {}
        with single_threaded(GATE_COUNT[self.cell] * h * h):
            for layer in range(self.num_layers - 1, -1, -1):
                d_below = None
                for direction in range(d):
                    k = layer * d + direction
                    grads = self._backward_direction(
                        trace.layers[k], d_above[:, direction * h : (direction + 1) * h],
                        dh_n[k], None if dc_n is None else dc_n[k], k,
                    )  # fmt: skip
                    per_layer[k] = grads
                    d_below = grads.dx if d_below is None else d_below + grads.dx
                assert d_below is not None
                d_above = d_below  # (T, I_layer): dL/d(this layer's input)
        return self._collect(per_layer, d_above)

    def _backward_direction(
        self, lt: LayerTrace, dh_out: np.ndarray, dh_n: np.ndarray, dc_n: np.ndarray | None,
        k: int,
    ) -> LayerGrads:
        """BPTT for one layer-direction; a reverse layer runs on time-flipped arrays."""
        module, prepared = self._module, self._prepared[k]
        if lt.direction == 0:
            return module.backward(lt.x, lt.h0, lt.c0, lt.records, dh_out, dh_n, dc_n, prepared)
        flipped = {name: v[::-1] for name, v in lt.records.items()}
        g = module.backward(lt.x[::-1], lt.h0, lt.c0, flipped, dh_out[::-1], dh_n, dc_n, prepared)
        return LayerGrads(
            g.w_ih, g.w_hh, g.b_ih, g.b_hh, dx=g.dx[::-1], dh0=g.dh0, dc0=g.dc0,
            dh=g.dh[::-1], dc=None if g.dc is None else g.dc[::-1],
        )  # fmt: skip

    def _collect(self, per_layer: dict[int, LayerGrads], dx: np.ndarray) -> Gradients:
        """Assemble per-layer gradients under state-dict keys."""
        params: dict[str, np.ndarray] = {}
        ordered = [per_layer[k] for k in range(len(self._prepared))]
        for (layer, suffix), g in zip(self._layer_keys(), ordered, strict=True):
            for part, value in zip(_PARTS, (g.w_ih, g.w_hh, g.b_ih, g.b_hh), strict=True):
                params[f"{part}_l{layer}{suffix}"] = value
        lstm = self._module.HAS_CELL_STATE
        return Gradients(
            params=params,
            dx=dx,
            dh0=np.stack([g.dh0 for g in ordered]),
            dc0=np.stack([g.dc0 for g in ordered]) if lstm else None,  # type: ignore[misc]
            hidden=tuple(g.dh for g in ordered),
            cell_state=tuple(g.dc for g in ordered) if lstm else None,  # type: ignore[misc]
            num_directions=self.num_directions,
        )
