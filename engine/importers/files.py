"""What every imported file goes through before a reader parses it: the size cap, what the
file really is (its first bytes, not only its name), the refusal of pickles, its digest.

Nothing here unpickles or executes anything: a `.pt`/`.pth`/`.bin` file is refused by its
name without being opened, and a zip that holds a pickle (what `torch.save` writes) is
refused by its member names. Formats: "safetensors", "npz" (PyTorch state dicts),
"keras" (a Keras 3 `.keras` zip), "keras-h5" (legacy HDF5), "onnx".
"""

import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

DEFAULT_MAX_BYTES = 50_000_000  # the CLI's setting UNROLLED_MAX_IMPORT_BYTES
UNPACKED_FACTOR = 4  # an npz/zip may unpack to at most this many times the cap
PICKLE_SUFFIXES = (".pt", ".pth", ".bin", ".pkl", ".pickle", ".ckpt")
SUFFIX_FORMATS = {
    ".safetensors": "safetensors",
    ".npz": "npz",
    ".keras": "keras",
    ".h5": "keras-h5",
    ".hdf5": "keras-h5",
    ".onnx": "onnx",
}
HDF5_MAGIC = b"\x89HDF\r\n\x1a\n"
ZIP_MAGIC = b"PK\x03\x04"
CONVERT_PICKLE = (
    "import torch, safetensors.torch\n"
    'state = torch.load("model.pt", map_location="cpu", weights_only=True)  '
    "# or model.state_dict()\n"
    "safetensors.torch.save_file({k: v.float().contiguous().clone() for k, v in "
    'state.items()}, "model.safetensors")'
)


def pickle_refusal(path: Path) -> ValueError:
    """The error for a pickled PyTorch file: it is never opened, here is how to convert it."""
    return ValueError(
        f"weights: {path.name} is a pickle (torch.save), which can run any code when loaded, so "
        "Unrolled never opens one. Convert it to safetensors once, in Python with torch:\n"
        f"{CONVERT_PICKLE}"
    )


def check_size(name: str, path: Path, max_bytes: int) -> int:
    """The file's size in bytes; a missing file or one over `max_bytes` is a ValueError."""
    if not path.is_file():
        raise ValueError(f"{name}: {path} is not a file")
    size = path.stat().st_size
    if size > max_bytes:
        raise ValueError(
            f"{name}: {path.name} is {size / 1e6:.1f} MB, over the limit of "
            f"{max_bytes / 1e6:.1f} MB (raise it with max_bytes, or the setting "
            "UNROLLED_MAX_IMPORT_BYTES)"
        )
    return size


def _zip_format(path: Path, max_bytes: int) -> str:
    """ "npz", "keras" or a refusal, from a zip's member names and unpacked size."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as err:
        raise ValueError(f"weights: {path.name} is a damaged zip ({err})") from err
    names = [m.filename for m in members]
    if any(n.endswith((".pkl", "/data.pkl")) for n in names):
        raise pickle_refusal(path)
    unpacked = sum(m.file_size for m in members)
    if unpacked > UNPACKED_FACTOR * max_bytes:
        raise ValueError(
            f"weights: {path.name} unpacks to {unpacked / 1e6:.0f} MB, over "
            f"{UNPACKED_FACTOR} times the limit of {max_bytes / 1e6:.1f} MB"
        )
    if "config.json" in names and "model.weights.h5" in names:
        return "keras"
    if names and all(n.endswith(".npy") for n in names):
        return "npz"
    raise ValueError(
        f"weights: {path.name} is a zip that is neither an .npz of arrays nor a "
        f".keras model (members: {', '.join(names[:5])})"
    )


def _is_safetensors(head: bytes, size: int) -> bool:
    """A safetensors file starts with its JSON header's length (8 bytes, little-endian)."""
    return len(head) > 8 and 0 < int.from_bytes(head[:8], "little") < size and head[8:9] == b"{"


def sniff(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The format of the model file at `path`, checked before any reader parses it.

    Pickles are refused by name without opening; the size is capped; the first bytes must
    agree with the name (an `.npz` that is really `torch.save`'s zip is refused too).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PICKLE_SUFFIXES:
        raise pickle_refusal(path)
    size = check_size("weights", path, max_bytes)
    with path.open("rb") as file:
        head = file.read(16)
    if head.startswith(ZIP_MAGIC):
        found = _zip_format(path, max_bytes)
    elif head.startswith(HDF5_MAGIC):
        found = "keras-h5"
    elif head[:1] == b"\x80" and head[1:2] in (b"\x02", b"\x03", b"\x04", b"\x05"):
        raise pickle_refusal(path)
    elif _is_safetensors(head, size):
        found = "safetensors"
    elif suffix == ".onnx":
        found = "onnx"  # protobuf has no signature; the onnx reader checks the graph
    else:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise ValueError(f"weights: {path.name} is not a model file Unrolled reads ({known})")
    expected = SUFFIX_FORMATS.get(suffix)
    if expected is not None and expected != found:
        raise ValueError(
            f"weights: {path.name} is named {suffix} but its content is {found}; "
            "rename it or export it again"
        )
    return found


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_json(name: str, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Any:
    """A size-capped UTF-8 JSON file (a vocabulary or label list); errors name `name`."""
    path = Path(path)
    check_size(name, path, max_bytes)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        raise ValueError(f"{name}: {path.name} is not UTF-8 JSON ({err})") from err
