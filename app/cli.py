"""The `unrolled` command line: serve the app, list and trace models, train bundled models,
import the user's own (app/cli_import.py), write offline lessons (app/cli_lesson.py)."""

import argparse
import json
import os
import socket
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

import uvicorn
from uvicorn.supervisors import Multiprocess

from app import cli_export, cli_import, cli_lesson
from app.serialize import analysis_payload
from app.settings import get_settings
from engine.models import ModelRegistry
from engine.models.summary import headline

PORT_MAX = 65535
WORKERS_MAX = 32


def _registry(models_dir: str | None = None) -> ModelRegistry:
    """The models the server would serve: `UNROLLED_MODELS_DIR` (default the bundled ones),
    then the user's imported ones (`--models-dir`, else `UNROLLED_USER_MODELS_DIR`)."""
    return ModelRegistry(get_settings().models_dir, cli_import.user_models_dir(models_dir))


def _announce_when_up(probe: str, url: str, timeout: float = 300) -> None:
    """Print where the app is once `probe` (its health URL) answers 200: the address is
    never shown before the server can serve it (a thread beside uvicorn)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    print(f"Unrolled is at {url}", flush=True)
                    return
        except (OSError, ValueError):
            pass  # not listening yet
        time.sleep(0.05)


def _listen(host: str, port: int) -> socket.socket:
    """A socket bound to host:port and listening; a taken port is a ValueError that says so."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        return socket.create_server((host, port), family=family)
    except OSError as err:
        reason = err.strerror or str(err)
        raise ValueError(f"--port: cannot listen on {host}:{port} ({reason}); "
                         "is another server using it? Choose another --port") from err  # fmt: skip


def _serve(args: argparse.Namespace) -> int:
    """Start the web app with uvicorn (`--workers` processes on one socket); print where it
    is once it answers."""
    query = ""
    if args.models_dir:  # the app (and each worker) reads the user's models from here
        os.environ["UNROLLED_USER_MODELS_DIR"] = str(Path(args.models_dir).resolve())
        get_settings.cache_clear()
    if args.model:
        _registry(args.models_dir).card(args.model)  # an unknown id stops here, with the known
        query = f"explorer?model={args.model}"
    sock = _listen(args.host, args.port)
    os.environ["UNROLLED_HOST"] = args.host  # the app (and each worker) answers to this name
    shown = f"[{args.host}]" if ":" in args.host else args.host
    local = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(args.host, shown)  # wildcard: ask loopback
    probe = f"http://{local}:{args.port}/api/health"
    threading.Thread(target=_announce_when_up, args=(probe, f"http://{shown}:{args.port}/{query}"),
                     daemon=True).start()  # fmt: skip
    config = uvicorn.Config("app.main:app", log_level="warning", access_log=False,
                            workers=args.workers)  # fmt: skip
    if args.workers > 1:
        Multiprocess(config, sockets=[sock]).run()
    else:
        uvicorn.Server(config).run(sockets=[sock])
    return 0


def _whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`, else a message saying so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = low - 1
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low} to {high}, "
                                             f"got {text!r}")  # fmt: skip
        return value

    return parse


def _models(args: argparse.Namespace) -> int:
    """List the bundled models with their held-out metrics, then the imported ones."""
    cards = _registry(args.models_dir).cards()
    if args.json:
        print(json.dumps(cards, ensure_ascii=False, indent=1))
        return 0
    for card in cards:
        about = (f"imported from {card['imported']['source']['file']}" if "imported" in card
                 else headline(card))  # fmt: skip
        print(f"{card['id']:<28} {card['task']:<12} {card['cell']:<5} {about}")
    return 0


def _trace(args: argparse.Namespace) -> int:
    """Run one model on a text; print the prediction, or the whole trace as a file
    (--json, --format json|csv|npz, -o FILE: app/cli_export.py)."""
    registry = _registry(args.models_dir)
    fmt = cli_export.chosen_format(args)
    analysis = registry.load(args.model).analyze(args.text)
    if fmt is not None:
        payload = analysis_payload(args.model, registry.card(args.model), analysis)
        return cli_export.write_trace(payload, fmt, args.output)
    pairs = zip(analysis.tokens, analysis.unknown, strict=True)
    flagged = [f"{t}(?)" if unknown else t for t, unknown in pairs]
    print("tokens:", " ".join(flagged))
    print("prediction:", json.dumps(analysis.prediction, ensure_ascii=False))
    return 0


def _build_one(name: str, out: str | None, progress: bool) -> dict:
    """Train one recipe into `out` (default: the bundled models); a worker's job."""
    from engine.models.recipes import build

    return build(name, ModelRegistry(Path(out)) if out else ModelRegistry(), progress=progress)


def _train(args: argparse.Namespace) -> int:
    """Rebuild bundled models from their recipes, `--jobs` at a time (one core each)."""
    from engine.models.recipes import RECIPES, by_cost

    if args.recipe != "all" and args.recipe not in RECIPES:
        raise ValueError(f"recipe: unknown recipe {args.recipe!r}; known: {', '.join(RECIPES)}")
    if isinstance(args.jobs, bool) or args.jobs < 1:
        raise ValueError(f"--jobs: expected a whole number >= 1, got {args.jobs}")
    names = by_cost(list(RECIPES)) if args.recipe == "all" else [args.recipe]
    jobs = min(args.jobs, len(names))
    if jobs == 1:  # in this process, with each model's own epoch progress bar
        results = (_build_one(name, args.out, not args.quiet) for name in names)
        return _report(zip(names, results, strict=True), len(names))
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        futures = {pool.submit(_build_one, name, args.out, False): name for name in names}
        done = ((futures[f], f.result()) for f in as_completed(futures))
        return _report(done, len(names))


def _report(results: Iterable[tuple[str, dict]], total: int) -> int:
    """One progress line per model as it finishes: bar, count, headline metrics, time."""
    for done, (name, card) in enumerate(results, start=1):
        bar = "#" * (20 * done // total)
        print(f"[{bar:<20}] {done}/{total} {name}: {headline(card)} "
              f"({card['training_seconds']:.0f} s)", flush=True)  # fmt: skip
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    top = argparse.ArgumentParser(prog="unrolled", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="start the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_whole_number(1, PORT_MAX), default=8000,
                       help="1 to 65535 (default 8000)")
    serve.add_argument("--workers", type=_whole_number(1, WORKERS_MAX), default=1,
                       help="server processes (default 1; see the README for a whole class)")
    serve.add_argument("--model", help="model the printed link opens")
    serve.set_defaults(run=_serve)
    models = sub.add_parser("models", help="list the bundled and imported models")
    models.add_argument("--json", action="store_true")
    models.set_defaults(run=_models)
    trace = sub.add_parser("trace", help="run a model on a text")
    trace.add_argument("model")
    trace.add_argument("text")
    trace.add_argument("--json", action="store_true", help="tokens, predictions and the trace")
    cli_export.add_arguments(trace)
    trace.set_defaults(run=_trace)
    for command in (serve, models, trace):
        command.add_argument("--models-dir", help="the user's imported models (default: "
                             "UNROLLED_USER_MODELS_DIR or ~/.local/share/...)")  # fmt: skip
    cli_import.add_parser(sub)
    cli_lesson.add_parser(sub)
    train = sub.add_parser("train", help="rebuild a bundled model from its recipe, or 'all'")
    train.add_argument("recipe")
    train.add_argument("--out", help="folder to write to (default: the bundled models)")
    train.add_argument("--quiet", action="store_true", help="no progress bar")
    train.add_argument("--jobs", type=int, default=2,
                       help="models trained at once, one core each (default 2)")  # fmt: skip
    train.set_defaults(run=_train)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `unrolled` console script; errors print a message and exit 2."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ValueError as err:
        print(f"unrolled: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
