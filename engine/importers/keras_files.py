"""Open a Keras model file without Keras: its config (JSON) and each layer's weight arrays.

Two containers hold the same things:

- Keras 3 `.keras`: a zip with `config.json` and `model.weights.h5`, where a layer's
  variables are datasets `layers/<key>/vars/0, 1, ...` (a recurrent layer's under
  `cell/vars`, a Bidirectional's under `forward_layer/cell/vars` then
  `backward_layer/cell/vars`, a TimeDistributed's under `layer/vars`). The key is not the
  layer's name but its class in snake case, numbered per class in layer order ("lstm",
  "lstm_1", ...), as Keras's saving_lib writes it;
- legacy HDF5 `.h5` (`model.save("m.h5")`, Keras 2 or 3): the config is the root attribute
  `model_config`, and group `model_weights/<name>` lists its datasets in order in its
  attribute `weight_names`.

Either way the result is the model config and layer name -> its arrays in Keras's own
order (kernel, recurrent kernel, bias; a Bidirectional's forward ones then backward ones).
Read with zipfile, json and h5py only; nothing is imported from Keras or executed.
"""

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

RECURRENT_CLASSES = ("SimpleRNN", "LSTM", "GRU")
# Where a .keras file keeps a layer's variables, by layer class, relative to layers/<name>.
VARIABLE_GROUPS = {
    **{name: ("cell/vars",) for name in RECURRENT_CLASSES},
    "Bidirectional": ("forward_layer/cell/vars", "backward_layer/cell/vars"),
    "TimeDistributed": ("layer/vars",),
}


def _decoded(value: Any) -> str:
    """An HDF5 string attribute (bytes or str) as str."""
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def _parse_config(text: str, where: str) -> dict[str, Any]:
    """The model config JSON; errors name the file part it came from."""
    try:
        config = json.loads(text)
    except ValueError as err:
        raise ValueError(f"weights: {where} is not valid JSON ({err})") from err
    if not isinstance(config, dict) or not isinstance(config.get("config"), dict):
        raise ValueError(f"weights: {where} does not describe a Keras model")
    return config


def config_layers(config: dict[str, Any]) -> list[dict[str, Any]]:
    """The model's layer entries in order: {"class_name", "config", ...} each."""
    layers = config["config"].get("layers")
    if not isinstance(layers, list) or not all(isinstance(item, dict) for item in layers):
        raise ValueError(f"weights: the Keras config of a {config.get('class_name')!r} lists no "
                         "layers; save a Sequential or functional model")  # fmt: skip
    return layers


def layer_name(layer: dict[str, Any]) -> str:
    """A config entry's layer name."""
    return str(layer.get("config", {}).get("name") or layer.get("name"))


def snake_case(name: str) -> str:
    """Keras's `naming.to_snake_case`: "SimpleRNN" -> "simple_rnn"."""
    name = re.sub(r"\W+", "", name)
    name = re.sub("(.)([A-Z][a-z]+)", r"\1_\2", name)
    return re.sub("([a-z])([A-Z])", r"\1_\2", name).lower()


def _group_arrays(group: Any) -> list[np.ndarray]:
    """Datasets "0", "1", ... of an h5py group, in numeric order, as float64."""
    keys = sorted(group.keys(), key=int)
    return [np.asarray(group[key][()], dtype=np.float64) for key in keys]


def _keras_v3_arrays(weights: Any, layers: list[dict[str, Any]]) -> dict[str, list[np.ndarray]]:
    """Layer name -> arrays from a .keras zip's model.weights.h5 (opened h5py File)."""
    arrays: dict[str, list[np.ndarray]] = {}
    used: dict[str, int] = {}  # snake-case class -> how many layers of it came before
    for layer in layers:
        cls = str(layer.get("class_name"))
        key = snake_case(cls)
        used[key] = used.get(key, -1) + 1
        key = f"{key}_{used[key]}" if used[key] else key
        found: list[np.ndarray] = []
        for sub in VARIABLE_GROUPS.get(cls, ("vars",)):
            path = f"layers/{key}/{sub}"
            if path in weights:
                found.extend(_group_arrays(weights[path]))
        arrays[layer_name(layer)] = found
    return arrays


def _legacy_arrays(weights: Any) -> dict[str, list[np.ndarray]]:
    """Layer name -> arrays from a legacy .h5 file's `model_weights` group."""
    arrays: dict[str, list[np.ndarray]] = {}
    for name in weights:
        group = weights[name]
        names = [_decoded(n) for n in group.attrs.get("weight_names", [])]
        arrays[name] = [np.asarray(group[n][()], dtype=np.float64) for n in names]
    return arrays


def read_keras_file(path: Path, fmt: str) -> tuple[dict[str, Any], dict[str, list[np.ndarray]]]:
    """(model config, layer name -> weight arrays) of a `.keras` ("keras") or `.h5`
    ("keras-h5") file already sniffed by engine.importers.files."""
    import h5py

    try:
        if fmt == "keras":
            with zipfile.ZipFile(path) as archive:
                config = _parse_config(archive.read("config.json").decode("utf-8"),
                                       "config.json")  # fmt: skip
                blob = archive.read("model.weights.h5")
            with h5py.File(io.BytesIO(blob), "r") as weights:
                return config, _keras_v3_arrays(weights, config_layers(config))
        if fmt == "keras-h5":
            with h5py.File(path, "r") as file:
                if "model_config" not in file.attrs or "model_weights" not in file:
                    raise ValueError(
                        f"weights: {path.name} holds weights without the model's config "
                        "(save_weights); save the whole model: model.save('model.keras')"
                    )
                config = _parse_config(_decoded(file.attrs["model_config"]), "model_config")
                return config, _legacy_arrays(file["model_weights"])
    except (OSError, KeyError, zipfile.BadZipFile) as err:
        raise ValueError(f"weights: {path.name} is not a readable Keras file ({err})") from err
    raise ValueError(f"weights: {path.name} is {fmt}, not a Keras model")
