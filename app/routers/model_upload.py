"""Open your own model: upload a trained model's weights (with its vocabulary and labels),
see what was recognised, then open it in every page.

POST /api/uploads takes a multipart form. Every file is capped at the setting
`max_import_bytes` (50 MB): the body as a whole is counted as it streams in (its own,
larger limit in app/body_limit.py) and each file's size is checked before any reader
parses it; then engine.importers reads it as it reads files for `unrolled import` (the
format sniffed from the first bytes, pickles refused unopened, nothing executed). Each
refusal is a 4xx whose `detail` says what is wrong and what to change. The imported
model is kept as a preview in the server's bounded store (app/upload_store.py);
POST /api/uploads/{id}/open makes every route serve it under that id.
"""

import re
import shutil
import tempfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from pydantic import BaseModel, Field

from app.cli_import import parse_prefixes
from app.routers.api import _ERRORS, SettingsDep, _listed
from app.schemas import ErrorOut, ModelCard
from app.settings import Settings
from app.upload_store import Upload, UploadStore
from engine.importers import import_model

router = APIRouter(prefix="/api/uploads", tags=["your model"])
UPLOAD_PATH = "/api/uploads"  # the one path whose body may hold model files
FORM_OVERHEAD = 64_000  # form fields and multipart boundaries besides the three files
NAME_MAX = 100
VOCAB_SHOWN = 20  # tokens of the vocabulary the preview shows


class UploadPreview(BaseModel):
    """What was recognised in an upload, before it is opened."""

    id: str = Field(description="the model id the pages use once it is opened")
    card: ModelCard = Field(description="its card (vocabulary as a size, as in GET /api/models)")
    report: list[str] = Field(description="the import report: sizes, mappings, check, parity")
    vocab_size: int = Field(description="tokens in the uploaded vocabulary (or the ids)")
    vocab_sample: list[str] = Field(description="its first tokens (index = id)")
    opened: bool


_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: _ERRORS[400],
    413: {"model": ErrorOut, "description": "a file over the import limit"},
}


def upload_body_limit(settings: Settings) -> int:
    """The largest upload body: three files at the import cap, plus the form around them."""
    return 3 * settings.max_import_bytes + FORM_OVERHEAD


def get_uploads(request: Request) -> UploadStore:
    """The app's store of uploaded models (created once by create_app)."""
    store: UploadStore = request.app.state.uploads
    return store


def _safe_name(name: str | None, fallback: str) -> str:
    """The file's own name without folders, in characters safe for a temporary file."""
    base = Path(name or "").name
    return re.sub(r"[^\w.\-]+", "_", base)[-NAME_MAX:] or fallback


def _saved(kind: str, upload: UploadFile | None, folder: Path, limit: int) -> Path | None:
    """The uploaded file written into `folder` under its own name, after its size check
    (413 over `limit`); None when the form has no such file."""
    if upload is None:
        return None
    name = _safe_name(upload.filename, kind)
    size = upload.size if upload.size is not None else upload.file.seek(0, 2)
    if size > limit:
        raise HTTPException(413, f"{kind}: {name} is {size:,} bytes, over the server's "
                                 f"limit of {limit:,} bytes per file")  # fmt: skip
    if size == 0:
        raise HTTPException(400, f"{kind}: {name} is empty")
    (folder / kind).mkdir()
    path = folder / kind / name  # a folder per kind: two files may share a name
    upload.file.seek(0)
    with path.open("wb") as out:
        shutil.copyfileobj(upload.file, out)
    return path


def preview(upload: Upload) -> dict[str, Any]:
    """The preview body of an upload."""
    return {"id": upload.id, "card": _listed(upload.card), "report": list(upload.report),
            "vocab_size": len(upload.tokens), "vocab_sample": list(upload.tokens[:VOCAB_SHOWN]),
            "opened": upload.opened}  # fmt: skip


Choice = Annotated[str | None, Form(max_length=200)]


@router.post("", response_model=UploadPreview, responses=_UPLOAD_ERRORS)
def upload_model(
    request: Request,
    settings: SettingsDep,
    weights: Annotated[
        UploadFile,
        File(
            description=".safetensors or .npz (a PyTorch state_dict), .keras or .h5 (Keras), .onnx"
        ),
    ],  # fmt: skip
    vocab: Annotated[
        UploadFile | None, File(description="JSON list of tokens or object token -> id")
    ] = None,  # fmt: skip
    labels: Annotated[UploadFile | None, File(description="JSON list of label names")] = None,
    task: Annotated[Literal["tagging", "classify", "lm"] | None, Form()] = None,
    tokenizer: Annotated[Literal["whitespace", "char", "zh", "en"], Form()] = "whitespace",
    lowercase: Annotated[bool, Form()] = False,
    prefix: Choice = None,
    cell: Annotated[Literal["rnn", "lstm", "gru"] | None, Form()] = None,
    nonlinearity: Annotated[Literal["tanh", "relu"] | None, Form()] = None,
) -> dict[str, Any]:
    """Import an uploaded model and keep it as a preview (not served until opened).

    `prefix` names the parts of a PyTorch state dict when its names are ambiguous
    (`rnn=encoder,embedding=emb,head=fc`); `cell` and `nonlinearity` are checked against
    the file (a plain RNN's activation is not in PyTorch's weights: default tanh).
    """
    limit = settings.max_import_bytes
    choices: dict[str, Any] = parse_prefixes(prefix)
    choices.update({k: v for k, v in (("cell", cell), ("nonlinearity", nonlinearity)) if v})
    with tempfile.TemporaryDirectory(prefix="unrolled-upload-") as folder:
        weights_path = _saved("weights", weights, Path(folder), limit)
        assert weights_path is not None
        imported = import_model(
            weights_path,
            _saved("vocab", vocab, Path(folder), limit),
            _saved("labels", labels, Path(folder), limit),
            task,
            tokenizer=tokenizer,
            lowercase=lowercase,
            max_bytes=limit,
            **choices,
        )
    upload = get_uploads(request).add(weights_path.name, imported)
    return preview(upload)


@router.post("/{upload_id}/open", response_model=UploadPreview, responses=_ERRORS)
def open_upload(upload_id: str, request: Request) -> dict[str, Any]:
    """Serve a previewed upload under its id: GET /api/models lists it, /api/trace and the
    teaching routes run it. 404 once the server has let it go (oldest first)."""
    return preview(get_uploads(request).open(upload_id))
