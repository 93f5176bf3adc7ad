"""`unrolled lesson --model M --sentence S [--sentence ...] [--page P] -o lesson.html`: one
HTML file that opens with no server and no network (app/lesson/), for a classroom PC
without Python, a USB stick or any static web host."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app import cli_import
from app.lesson.assets import MissingTool
from app.lesson.build import MAX_SENTENCES, build_lesson, lesson_filename
from app.lesson.plans import PAGES
from app.settings import get_settings


def add_parser(sub: Any) -> None:
    """The `lesson` sub-command and its options."""
    cmd = sub.add_parser("lesson", help="write a page as one offline HTML file (no server needed)")
    cmd.add_argument("--model", required=True, help="the model the lesson shows")
    cmd.add_argument("--sentence", action="append", required=True, metavar="TEXT",
                     help=f"a sentence; repeat for more (up to {MAX_SENTENCES})")  # fmt: skip
    cmd.add_argument("--page", default="explorer",
                     help=f"one of {', '.join(PAGES)} (default explorer)")  # fmt: skip
    cmd.add_argument("-o", "--output", help="file to write (default lesson-PAGE-MODEL.html)")
    cmd.add_argument("--models-dir", help="the user's imported models (default: "
                     "UNROLLED_USER_MODELS_DIR or ~/.local/share/...)")  # fmt: skip
    cmd.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Build the lesson from the app itself and write it; print where, and its size."""
    from app import main  # importing it builds the default app: only here

    app = main.app
    if args.models_dir:
        folder = cli_import.user_models_dir(args.models_dir)
        app = main.create_app(get_settings().model_copy(update={"user_models_dir": folder}))
    try:
        html = build_lesson(app, args.page, args.model, args.sentence)
    except MissingTool as err:
        raise ValueError(str(err)) from err
    out = Path(args.output or lesson_filename(args.page, args.model))
    try:
        out.write_bytes(html.encode("utf-8"))
    except OSError as err:
        raise ValueError(f"-o: cannot write {out} ({err.strerror or err})") from err
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB): the {args.page} page of "
          f"{args.model}; open it in a browser, no server needed")  # fmt: skip
    return 0
