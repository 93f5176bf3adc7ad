"""Engine speed against PyTorch, one table, measured in one run.

For each cell (rnn tanh, lstm, gru; one layer, one direction, batch 1, float64) and size
(T, H, I) it times
- forward:  `Recurrent.run(x)` against `torch.nn.RNN/LSTM/GRU` forward under
  `torch.no_grad()`;
- backward: `Recurrent.backward(trace, R)` (parameter gradients, dx, dh0 and every dL/dh_t)
  against `torch.autograd.grad(output, parameters, grad_outputs=R)` on a graph built by an
  untimed forward: the plain backward of the module output for loss = (output * R).sum().
torch runs on one thread (`torch.set_num_threads(1)`); the engine manages BLAS threads
itself (engine/blas.py). Each figure is the median of interleaved repeats: engine and
torch alternate, and which goes first alternates too. Ratios are engine / torch (below 1
means the engine is faster).

Usage: `.venv/bin/python bench/engine.py` (or `make bench`); about 1 to 2 minutes.
"""

from __future__ import annotations

import gc
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import threadpoolctl
import torch

# Run as a script, this file (bench/engine.py) puts bench/ first on sys.path, where the name
# "engine" would find this file instead of the package: look in the repository root instead.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

from engine import Recurrent  # noqa: E402
from engine.blas import _MIN_WORK  # noqa: E402

CELLS = ("rnn", "lstm", "gru")
SIZES = ((3, 8, 8), (20, 64, 32), (200, 128, 64), (1000, 256, 128))  # (T, H, I)
BUDGET_S = 3.2  # per measurement (forward or backward of one cell and size)
MIN_REPS, MAX_REPS = 9, 2001


def torch_module(cell: str, input_size: int, hidden: int) -> torch.nn.Module:
    module_class = {"rnn": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell]
    return module_class(input_size, hidden, dtype=torch.float64)


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter_ns()
    fn()
    return (time.perf_counter_ns() - start) / 1e9


def interleaved(
    engine: Callable[[], object], reference: Callable[[], float | None], budget: float
) -> tuple[float, float, int]:
    """Median seconds of `engine` and `reference`, alternating which runs first.

    `reference` may time itself (return seconds) when it needs untimed set-up.
    """

    def run_reference() -> float:
        start = time.perf_counter_ns()
        own = reference()
        return own if own is not None else (time.perf_counter_ns() - start) / 1e9

    for _ in range(3):  # warm-up: caches, allocator, lazy initialisation
        engine()
        run_reference()
    pair = timed(engine) + run_reference()
    reps = int(np.clip(budget / max(pair, 1e-9), MIN_REPS, MAX_REPS))
    mine, theirs = np.empty(reps), np.empty(reps)
    gc.collect()
    gc.disable()
    try:
        for r in range(reps):
            if r % 2:
                theirs[r] = run_reference()
                mine[r] = timed(engine)
            else:
                mine[r] = timed(engine)
                theirs[r] = run_reference()
    finally:
        gc.enable()
    return float(np.median(mine)), float(np.median(theirs)), reps


def measure(cell: str, steps: int, hidden: int, inputs: int) -> dict[str, float]:
    rng = np.random.default_rng(0)
    net = Recurrent(cell, inputs, hidden, seed=0)
    module = torch_module(cell, inputs, hidden)
    module.load_state_dict({k: torch.from_numpy(v) for k, v in net.state_dict().items()})
    x = rng.uniform(-1, 1, size=(steps, inputs))
    r = rng.normal(size=(steps, hidden))
    tx, tr = torch.from_numpy(x), torch.from_numpy(r)
    params = list(module.parameters())

    def torch_forward() -> None:
        with torch.no_grad():
            module(tx)

    fwd_engine, fwd_torch, fwd_reps = interleaved(lambda: net.run(x), torch_forward, BUDGET_S)

    trace = net.run(x)

    def torch_backward() -> float:
        output = module(tx)[0]  # untimed: builds the graph
        start = time.perf_counter_ns()
        torch.autograd.grad(output, params, grad_outputs=tr)
        return (time.perf_counter_ns() - start) / 1e9

    bwd_engine, bwd_torch, bwd_reps = interleaved(
        lambda: net.backward(trace, r), torch_backward, BUDGET_S
    )
    # The two sides must agree, or the timings compare different computations.
    output = module(tx)[0]
    expected = torch.autograd.grad(output, params, grad_outputs=tr)
    got = net.backward(trace, r).params
    for (name, _), value in zip(module.named_parameters(), expected, strict=True):
        np.testing.assert_allclose(got[name], value.numpy(), rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(trace.output, output.detach().numpy(), rtol=1e-9, atol=1e-9)
    return {"fwd_engine": fwd_engine, "fwd_torch": fwd_torch, "fwd_reps": fwd_reps,
            "bwd_engine": bwd_engine, "bwd_torch": bwd_torch, "bwd_reps": bwd_reps}  # fmt: skip


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:7.1f} µs"
    return f"{seconds * 1e3:7.2f} ms"


def blas_setting() -> str:
    infos = threadpoolctl.threadpool_info()
    parts = [f"{i['internal_api']} {i.get('version') or ''} ({i['prefix']}): "
             f"{i['num_threads']} threads" for i in infos]  # fmt: skip
    env = {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                      "MKL_NUM_THREADS") if k in os.environ}  # fmt: skip
    return "; ".join(parts) + f"; env {env or 'unset'}"


def main() -> None:
    torch.set_num_threads(1)
    started = time.perf_counter()
    print(f"Python {platform.python_version()}, numpy {np.__version__}, torch {torch.__version__}, "
          f"{os.cpu_count()} CPUs ({platform.machine()})")  # fmt: skip
    print(f"BLAS at start: {blas_setting()}")
    print("load average at start: {:.2f} {:.2f} {:.2f} (other processes skew absolute times; "
          "interleaving keeps the ratios fairer)".format(*os.getloadavg()))
    print(f"torch threads: {torch.get_num_threads()} (torch.set_num_threads(1)); the engine pins "
          f"BLAS to 1 thread inside run/backward when G*H*H >= {_MIN_WORK}, else leaves the "
          "default")
    print("float64, batch 1, one layer, one direction; medians of interleaved repeats; "
          "ratio = engine / torch")
    print("forward reference: torch.nn.RNN(tanh)/LSTM/GRU forward under torch.no_grad()")
    print("backward reference: torch.autograd.grad(output, parameters, grad_outputs=R), i.e. "
          "plain backward of the module output for loss = (output*R).sum(), graph built untimed;")
    print("  the engine's backward also returns dx, dh0 and every step's dL/dh_t")
    print()
    header = (f"{'cell':<5} {'T':>5} {'H':>4} {'I':>4} | {'fwd engine':>11} {'fwd torch':>11} "
              f"{'ratio':>6} {'reps':>5} | {'bwd engine':>11} {'bwd torch':>11} {'ratio':>6} "
              f"{'reps':>5}")  # fmt: skip
    print(header)
    print("-" * len(header))
    for cell in CELLS:
        for steps, hidden, inputs in SIZES:
            m = measure(cell, steps, hidden, inputs)
            print(f"{cell:<5} {steps:>5} {hidden:>4} {inputs:>4} | "
                  f"{fmt_time(m['fwd_engine']):>11} {fmt_time(m['fwd_torch']):>11} "
                  f"{m['fwd_engine'] / m['fwd_torch']:>6.2f} {m['fwd_reps']:>5} | "
                  f"{fmt_time(m['bwd_engine']):>11} {fmt_time(m['bwd_torch']):>11} "
                  f"{m['bwd_engine'] / m['bwd_torch']:>6.2f} {m['bwd_reps']:>5}",
                  flush=True)  # fmt: skip
    print(f"\nBLAS at end: {blas_setting()}")
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
