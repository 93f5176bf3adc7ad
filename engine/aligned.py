"""Allocation of C-contiguous float64 arrays on 64-byte boundaries.

NumPy places large arrays 16 bytes off a 64-byte boundary; a recurrent matrix-vector
product over such a matrix measured 1.2x to 1.9x slower (shared/PERF_NOTES.md).
"""

import numpy as np

_ALIGN = 64


def aligned_empty(shape: tuple[int, ...]) -> np.ndarray:
    """An uninitialised float64 array of `shape` whose data starts on a 64-byte boundary."""
    count = int(np.prod(shape))
    raw = np.empty(count * 8 + _ALIGN, dtype=np.uint8)
    offset = (-raw.ctypes.data) % _ALIGN
    return raw[offset : offset + count * 8].view(np.float64).reshape(shape)


def aligned_copy(array: np.ndarray) -> np.ndarray:
    """A 64-byte aligned, C-contiguous float64 copy of `array`."""
    out = aligned_empty(array.shape)
    out[...] = array
    return out
