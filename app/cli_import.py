"""`unrolled import WEIGHTS`: convert a trained model once into the user's models folder.

The model is read and checked by `engine.importers` (size cap, no pickle, parity with
PyTorch when torch is installed), saved in the project's own format (npz + card) in the
user models folder (`--models-dir`, default the setting UNROLLED_USER_MODELS_DIR), and a
report of what was recognised is printed. An id the bundled models have is refused.
"""

import argparse
import re
from pathlib import Path
from typing import Any

from app.settings import get_settings
from engine.importers import import_model
from engine.models import ModelRegistry

ID_MAX = 64
PARTS = ("rnn", "embedding", "head")


def model_id_from(path: str) -> str:
    """A registry id from a file name: `My LSTM v2.safetensors` -> `my-lstm-v2`."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(path).stem.lower()).strip("-")[:ID_MAX].strip("-")
    return slug or "imported"


def parse_prefixes(text: str | None) -> dict[str, str]:
    """`rnn=encoder,embedding=emb,head=fc` -> {"rnn": "encoder", ...} ("rnn=" is the top
    level of a bare nn.LSTM state dict)."""
    if not text:
        return {}
    chosen: dict[str, str] = {}
    for item in text.split(","):
        part, sep, prefix = item.partition("=")
        if not sep or part.strip() not in PARTS:
            raise ValueError(
                f"--prefix: expected PART=NAME with PART one of {', '.join(PARTS)}, got {item!r}"
            )
        chosen[part.strip()] = prefix.strip()
    return chosen


def user_models_dir(models_dir: str | None) -> Path:
    """The folder `--models-dir` names, else the setting's."""
    return Path(models_dir) if models_dir else get_settings().user_models_dir


def run(args: argparse.Namespace) -> int:
    """Import, check, save and report one model."""
    settings = get_settings()
    model_id = args.id or model_id_from(args.weights)
    if model_id in ModelRegistry(settings.models_dir).ids():
        raise ValueError(f"--id: {model_id!r} is a bundled model's id; choose another --id")
    folder = user_models_dir(args.models_dir)
    target = ModelRegistry(folder)
    if model_id in target.ids() and not args.replace:
        raise ValueError(
            f"--id: {folder / model_id} already exists; choose another --id or pass --replace"
        )
    choices: dict[str, Any] = parse_prefixes(args.prefix)
    for name in ("cell", "nonlinearity", "bos", "eos", "unk", "pad"):
        if getattr(args, name) is not None:
            choices[name] = getattr(args, name)
    imported = import_model(
        args.weights,
        args.vocab,
        args.labels,
        args.task,
        tokenizer=args.tokenizer,
        lowercase=args.lowercase,
        max_bytes=settings.max_import_bytes,
        **choices,
    )
    target.save(model_id, imported.model, imported.card)
    print("\n".join(imported.report))
    shown = "" if args.models_dir is None else f" --models-dir {folder}"
    print(f"saved: {model_id} in {folder}\nopen it: unrolled serve --model {model_id}{shown}")
    return 0


def add_parser(sub: Any) -> None:
    """The `import` sub-command and its options."""
    cmd = sub.add_parser("import", help="convert your own trained model (PyTorch, Keras, ONNX)")
    cmd.add_argument("weights", help=".safetensors/.npz (PyTorch state_dict), .keras/.h5, .onnx")
    cmd.add_argument("--vocab", help="JSON list of tokens (index = id) or object token -> id")
    cmd.add_argument("--labels", help="JSON list of label names (index = class id)")
    cmd.add_argument(
        "--task",
        choices=("tagging", "classify", "lm"),
        help="default: lm when the head has one output per token, else asked",
    )
    cmd.add_argument("--id", help="model id (default: from the file name)")
    cmd.add_argument(
        "--models-dir",
        help="user models folder (default: UNROLLED_USER_MODELS_DIR "
        "or ~/.local/share/unrolled/models)",
    )
    cmd.add_argument("--replace", action="store_true", help="overwrite a model with this id")
    cmd.add_argument(
        "--prefix",
        help="parts of a PyTorch state dict when names are ambiguous: "
        "rnn=NAME,embedding=NAME,head=NAME",
    )
    cmd.add_argument("--cell", choices=("rnn", "lstm", "gru"), help="checked against the shapes")
    cmd.add_argument(
        "--nonlinearity",
        choices=("tanh", "relu"),
        help="a plain RNN's activation, which weights do not show (default tanh)",
    )
    cmd.add_argument(
        "--tokenizer",
        choices=("whitespace", "char", "zh", "en"),
        default="whitespace",
        help="how typed text is split (default whitespace)",
    )
    cmd.add_argument("--lowercase", action="store_true", help="lower-case typed text first")
    for name, spelt in (
        ("bos", "<s>, <bos>"),
        ("eos", "</s>, <eos>"),
        ("unk", "<unk>, [UNK]"),
        ("pad", "<pad>, [PAD]"),
    ):
        cmd.add_argument(f"--{name}", help=f"your vocabulary's {name} token when not {spelt}")
    cmd.set_defaults(run=run)
