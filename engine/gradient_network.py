"""The recurrent network a gradient-flow run uses: the model's own trained one, or a fresh
network of the same shape with another cell, initialisation or spectral radius (seed 003).
"""

import numpy as np

from engine.initializers import SCHEMES
from engine.recurrent import Recurrent
from engine.spectral import GATE_NAMES, scale_to_radius
from engine.tasks.common import RecurrentTaskModel
from engine.validation import check_choice

INITS = ("trained", *SCHEMES)


def build_network(
    model: RecurrentTaskModel,
    cell: str | None = None,
    nonlinearity: str | None = None,
    init: str = "trained",
    init_seed: int = 0,
    radius: float | None = None,
) -> Recurrent:
    """The recurrent network the flow runs: the model's own, or a fresh one, as asked."""
    enc = model.encoder
    init = check_choice("init", init, INITS)
    cell = enc.cell if cell is None else check_choice("cell", cell, GATE_NAMES)
    if nonlinearity is None:
        nonlinearity = enc.nonlinearity if cell == enc.cell else "tanh"
    if init == "trained" and (cell != enc.cell or nonlinearity != enc.nonlinearity):
        raise ValueError(
            f"init: the trained weights belong to a {enc.cell.upper()} with {enc.nonlinearity}; "
            "for another cell or nonlinearity choose a fresh init "
            f"({', '.join(SCHEMES)})"
        )
    if isinstance(init_seed, bool) or not isinstance(init_seed, int | np.integer) or init_seed < 0:
        raise ValueError(f"init_seed: expected a whole number >= 0, got {init_seed!r}")
    net = Recurrent(
        cell, input_size=enc.embedding_dim, hidden_size=enc.hidden_size,
        num_layers=enc.num_layers, bidirectional=enc.bidirectional, nonlinearity=nonlinearity,
        seed=int(init_seed), init="pytorch" if init == "trained" else init,
        gru_reset_after=enc.gru_reset_after if cell == enc.cell else True,
    )  # fmt: skip
    if init == "trained":
        net.load_state_dict(model.rnn.state_dict())
    if radius is not None:
        scale_to_radius(net, radius)
    return net
