"""A dependency-free progress bar on stderr for the trainer.

On a terminal the bar redraws in place:

    epoch 3/20 [#########---------------]  120/320  850 ex/s  loss 0.4123  acc 87.5%

Elsewhere (a log file, CI, a pipe) it prints one summary line per logged epoch instead,
and with `enabled=False` it prints nothing.
"""

import sys
import time
from typing import TextIO

_WIDTH = 24  # characters in the bar
_REDRAW_SECONDS = 0.1  # at most ten redraws a second


def _percent(accuracy: float) -> str:
    return f"{100.0 * accuracy:.1f}%"


class Progress:
    """Report training progress: `start_epoch`, `update` per step, `end_epoch`, `close`."""

    def __init__(self, epochs: int, enabled: bool = True, stream: TextIO | None = None,
                 log_every: int = 1) -> None:  # fmt: skip
        self.epochs = epochs
        self.stream = sys.stderr if stream is None else stream
        self.enabled = enabled
        self.live = enabled and _is_tty(self.stream)  # redraw in place
        self.log_every = max(1, log_every)
        self._epoch = 0
        self._examples = 0
        self._started = 0.0
        self._last_draw = -float("inf")
        self._open_line = False  # the cursor sits after an unterminated line

    def start_epoch(self, epoch: int, examples: int) -> None:
        """A new epoch of `examples` training examples begins."""
        self._epoch, self._examples = epoch, examples
        self._started = time.perf_counter()
        self._last_draw = -float("inf")

    def update(self, done: int, loss: float, accuracy: float) -> None:
        """`done` examples seen this epoch; `loss`, `accuracy` are their running means."""
        if not self.live:
            return
        now = time.perf_counter()
        if done < self._examples and now - self._last_draw < _REDRAW_SECONDS:
            return
        self._last_draw = now
        filled = _WIDTH * done // max(1, self._examples)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        rate = done / max(now - self._started, 1e-9)
        n = len(str(self._examples))
        self._write(f"\r\x1b[K{self._prefix()} [{bar}] {done:>{n}}/{self._examples}  "
                    f"{rate:.0f} ex/s  loss {loss:.4f}  acc {_percent(accuracy)}")  # fmt: skip
        self._open_line = True

    def end_epoch(self, loss: float, accuracy: float, heldout: tuple[float, float] | None,
                  seconds: float, force: bool = False) -> None:  # fmt: skip
        """Summarise the epoch; kept on screen every `log_every` epochs, the last, or `force`."""
        if not self.enabled:
            return
        line = f"{self._prefix()}  train loss {loss:.4f} acc {_percent(accuracy)}"
        if heldout is not None:
            line += f"  held-out loss {heldout[0]:.4f} acc {_percent(heldout[1])}"
        line += f"  {seconds:.1f}s"
        keep = force or self._epoch % self.log_every == 0 or self._epoch == self.epochs
        if self.live:
            self._write(f"\r\x1b[K{line}" + ("\n" if keep else ""))
            self._open_line = not keep
        elif keep:
            self._write(line + "\n")

    def close(self) -> None:
        """End an unterminated line so later output starts on its own."""
        if self._open_line:
            self._write("\n")
            self._open_line = False

    def _prefix(self) -> str:
        return f"epoch {self._epoch:>{len(str(self.epochs))}}/{self.epochs}"

    def _write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


def _is_tty(stream: TextIO) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):  # closed or file-like without isatty
        return False
