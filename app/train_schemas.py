"""Request and response bodies of the live training API (/api/train)."""

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROBE_MAX_CHARS = 200


# Body of POST /api/train/runs: bounds are checked by the engine (400 naming the field)
class StartRun(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    preset: Literal["tagging", "intent", "agreement", "lm"] = "tagging"
    cell: Literal["rnn", "lstm", "gru"] = "lstm"
    hidden_size: int | None = Field(None, description="4..64; null: the preset's")
    lr: float | None = Field(None, description="Adam's learning rate, (0, 0.1]; null: the preset's")
    clip_norm: float | None = Field(
        5.0, description="clip the gradient's global norm to this, (0, 100]; null: no clipping"
    )
    seed: int = Field(0, description="initial weights and example order, 0..2^31-1")
    probe: str | None = Field(
        None, min_length=1, max_length=PROBE_MAX_CHARS,
        description="the sentence re-traced as it trains; null: the preset's (我 吃 瓜 for "
        "tagging)",
    )  # fmt: skip


# Body of PUT /api/train/runs/{id}/probe
class ProbeText(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(min_length=1, max_length=PROBE_MAX_CHARS, examples=["我 吃 瓜"])


# A run's settings with the preset's defaults filled in
class RunSettingsOut(BaseModel):
    preset: str
    cell: str
    hidden_size: int
    lr: float
    clip_norm: float | None
    seed: int


# A run as GET /api/train/runs/{id} answers it (also the stream's "state" event)
class RunStatus(BaseModel):
    id: str = Field(description="the run's token: only its page knows it")
    state: Literal["preparing", "paused", "playing", "stopped", "failed"]
    reason: str = Field(description="why it stopped or failed ('' otherwise)")
    settings: RunSettingsOut
    probe: str
    steps: int
    epoch: int
    seconds_left: float = Field(description="until the run's time limit")


# One task the page offers
class PresetOut(BaseModel):
    name: str
    task: str
    language: Literal["zh", "en"]
    probe: str
    real: bool = Field(description="trained and measured on real HSK sentences")
    hidden_size: int
    lr: float
    batch_size: int
    train_examples: int | None = Field(None, description="known once its data is built")


# GET /api/train/presets: the tasks and the bounds every run is held to
class PresetsOut(BaseModel):
    presets: list[PresetOut]
    cells: list[str]
    hidden_size: tuple[int, int]
    lr_max: float
    clip_max: float
    seed_max: int
    limits: dict[str, Any] = Field(description="runs per server, per client, seconds, steps")


# Answer of POST /api/train/runs/{id}/save
class SavedRun(BaseModel):
    model: str = Field(description="the saved model's id: /explorer?model=<id> opens it")
    card: dict[str, Any]
