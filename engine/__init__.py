"""Unrolled's engine: recurrent cells in NumPy that record every gate, and what builds on them."""

from engine.cells import CELLS, StepRecord, step
from engine.clipping import clip_by_norm, clip_by_value, global_norm
from engine.recurrent import Recurrent
from engine.trace import Gradients, LayerTrace, Trace

__all__ = [
    "CELLS",
    "Gradients",
    "LayerTrace",
    "Recurrent",
    "StepRecord",
    "Trace",
    "clip_by_norm",
    "clip_by_value",
    "global_norm",
    "step",
]
