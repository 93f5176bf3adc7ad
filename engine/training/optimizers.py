"""SGD (with momentum) and Adam / AdamW over a dict of live NumPy arrays, as torch.optim does them.

An optimiser holds the model's own parameter arrays (`model.parameters()`) and `step(grads)`
changes them in place, so the model sees the new values after its `refresh()`. The update
rules follow torch.optim.SGD, Adam and AdamW line for line (dampening 0, no Nesterov, no
AMSGrad), so a run can be checked against PyTorch to rounding error.

Notation: p a parameter, g its gradient, λ the weight decay, η the learning rate, t the
number of steps taken so far (1 on the first step).
"""

import math
from collections.abc import Mapping
from typing import Any

import numpy as np


def check_grads(params: Mapping[str, np.ndarray], grads: Mapping[str, np.ndarray]) -> None:
    """Raise ValueError unless `grads` has exactly the keys and shapes of `params`, all finite."""
    missing = [name for name in params if name not in grads]
    extra = [name for name in grads if name not in params]
    if missing or extra:
        raise ValueError(f"grads: missing keys {missing}, unexpected keys {extra}")
    for name, p in params.items():
        g = grads[name]
        if not isinstance(g, np.ndarray) or g.shape != p.shape:
            shape = g.shape if isinstance(g, np.ndarray) else type(g).__name__
            raise ValueError(f"grads[{name!r}]: expected shape {p.shape}, got {shape}")
        if not np.all(np.isfinite(g)):
            raise ValueError(f"grads[{name!r}]: contains NaN or infinity")


def check_number(name: str, value: Any, low: float, high: float = math.inf,
                  low_open: bool = False) -> float:  # fmt: skip
    """`value` as a float in [low, high) (or (low, high) when low_open), else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.integer | np.floating):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    value = float(value)
    ok = math.isfinite(value) and (value > low if low_open else value >= low) and value < high
    if not ok:
        bound = "(" if low_open else "["
        top = "∞" if high == math.inf else f"{high:g}"
        raise ValueError(f"{name}: expected a finite number in {bound}{low:g}, {top}), "
                         f"got {value!r}")  # fmt: skip
    return value


class Optimizer:
    """Shared bookkeeping: the live parameter arrays, the step count, gradient checks."""

    def __init__(self, params: Mapping[str, np.ndarray], lr: float) -> None:
        if not isinstance(params, Mapping) or not params:
            raise ValueError("params: expected a non-empty dict of name -> array")
        for name, p in params.items():
            if not isinstance(p, np.ndarray) or not np.issubdtype(p.dtype, np.floating):
                raise ValueError(f"params[{name!r}]: expected a float NumPy array, got "
                                 f"{getattr(p, 'dtype', type(p).__name__)}")  # fmt: skip
            if not p.flags.writeable:
                raise ValueError(f"params[{name!r}]: is read-only; the optimiser updates it "
                                 "in place")  # fmt: skip
        self.params = dict(params)  # same array objects as the model's
        self.lr = check_number("lr", lr, 0.0, low_open=True)
        self.steps = 0  # t: steps taken so far

    def step(self, grads: Mapping[str, np.ndarray]) -> None:
        """Update every parameter in place from `grads` (same keys and shapes, finite)."""
        check_grads(self.params, grads)  # all checks before any array changes
        self.steps += 1
        for name, p in self.params.items():
            self._update(name, p, np.asarray(grads[name], dtype=p.dtype))

    def _update(self, name: str, p: np.ndarray, g: np.ndarray) -> None:
        raise NotImplementedError

    def _buffers(self) -> dict[str, dict[str, np.ndarray]]:
        """Per-parameter state arrays by buffer name (overridden by each optimiser)."""
        return {}

    def state_dict(self) -> dict[str, Any]:
        """Copies of the step count and every per-parameter buffer."""
        return {"steps": self.steps,
                **{buf: {k: v.copy() for k, v in arrays.items()}
                   for buf, arrays in self._buffers().items()}}  # fmt: skip

    def load_state_dict(self, state: Mapping[str, Any]) -> None:
        """Restore what `state_dict` returned (buffers must match the parameters' shapes)."""
        steps = state.get("steps")
        if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 0:
            raise ValueError(f"state['steps']: expected a whole number >= 0, got {steps!r}")
        buffers = self._buffers()
        for buf in buffers:
            saved = state.get(buf, {})
            unknown = [k for k in saved if k not in self.params]
            if unknown:
                raise ValueError(f"state[{buf!r}]: unexpected keys {unknown}")
            for k, v in saved.items():
                v = np.asarray(v, dtype=self.params[k].dtype)
                if v.shape != self.params[k].shape:
                    raise ValueError(f"state[{buf!r}][{k!r}]: expected shape "
                                     f"{self.params[k].shape}, got {v.shape}")  # fmt: skip
        self.steps = int(steps)
        for buf, arrays in buffers.items():
            arrays.clear()
            arrays.update({k: np.array(v, dtype=self.params[k].dtype)
                           for k, v in state.get(buf, {}).items()})  # fmt: skip


class SGD(Optimizer):
    """torch.optim.SGD: coupled weight decay, then heavy-ball momentum.

    Equations::

        g ← g + λ p
        b ← g                 (first step)
        b ← μ b + g           (later steps)
        p ← p − η b           (p ← p − η g when μ = 0)
    """

    def __init__(self, params: Mapping[str, np.ndarray], lr: float, momentum: float = 0.0,
                 weight_decay: float = 0.0) -> None:  # fmt: skip
        super().__init__(params, lr)
        self.momentum = check_number("momentum", momentum, 0.0, 1.0)
        self.weight_decay = check_number("weight_decay", weight_decay, 0.0)
        self.momentum_buffer: dict[str, np.ndarray] = {}

    def _update(self, name: str, p: np.ndarray, g: np.ndarray) -> None:
        if self.weight_decay != 0.0:
            g = g + self.weight_decay * p
        if self.momentum != 0.0:
            buf = self.momentum_buffer.get(name)
            if buf is None:
                buf = self.momentum_buffer[name] = g.copy()
            else:
                buf *= self.momentum
                buf += g
            g = buf
        p -= self.lr * g

    def _buffers(self) -> dict[str, dict[str, np.ndarray]]:
        return {"momentum_buffer": self.momentum_buffer}


class Adam(Optimizer):
    """torch.optim.Adam, or AdamW when `decoupled=True`.

    Equations::

        p ← p (1 − η λ)                      (decoupled: AdamW)
        g ← g + λ p                          (coupled: Adam's L2 penalty)
        m ← β₁ m + (1 − β₁) g
        v ← β₂ v + (1 − β₂) g²
        p ← p − η / (1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
    """

    def __init__(self, params: Mapping[str, np.ndarray], lr: float = 1e-3,
                 betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8,
                 weight_decay: float = 0.0, decoupled: bool = False) -> None:  # fmt: skip
        super().__init__(params, lr)
        if not isinstance(betas, tuple | list) or len(betas) != 2:
            raise ValueError(f"betas: expected a pair (beta1, beta2), got {betas!r}")
        self.betas = (check_number("betas[0]", betas[0], 0.0, 1.0),
                      check_number("betas[1]", betas[1], 0.0, 1.0))  # fmt: skip
        self.eps = check_number("eps", eps, 0.0, low_open=True)
        self.weight_decay = check_number("weight_decay", weight_decay, 0.0)
        if not isinstance(decoupled, bool):
            raise ValueError(f"decoupled: expected True or False, got {decoupled!r}")
        self.decoupled = decoupled
        self.exp_avg: dict[str, np.ndarray] = {}  # m
        self.exp_avg_sq: dict[str, np.ndarray] = {}  # v

    def _update(self, name: str, p: np.ndarray, g: np.ndarray) -> None:
        beta1, beta2 = self.betas
        if self.weight_decay != 0.0:
            if self.decoupled:
                p *= 1.0 - self.lr * self.weight_decay
            else:
                g = g + self.weight_decay * p
        m = self.exp_avg.setdefault(name, np.zeros_like(p))
        v = self.exp_avg_sq.setdefault(name, np.zeros_like(p))
        m += (1.0 - beta1) * (g - m)  # torch's lerp: m + (1 − β₁)(g − m)
        v *= beta2
        v += (1.0 - beta2) * g * g
        bias_correction1 = 1.0 - beta1**self.steps
        bias_correction2_sqrt = math.sqrt(1.0 - beta2**self.steps)
        step_size = self.lr / bias_correction1
        denom = np.sqrt(v) / bias_correction2_sqrt + self.eps
        p -= step_size * (m / denom)

    def _buffers(self) -> dict[str, dict[str, np.ndarray]]:
        return {"exp_avg": self.exp_avg, "exp_avg_sq": self.exp_avg_sq}
