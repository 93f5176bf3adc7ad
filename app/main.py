"""Application factory. `uvicorn app.main:app` serves the default configuration."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError

from app import __version__, vendor, worker_tuning
from app.answer_cache import AnswerCache
from app.body_limit import BodyLimitMiddleware
from app.hosts import TrustedHostMiddleware, allowed_hosts
from app.openapi_ids import document_model_ids
from app.routers import (
    api,
    attention_views,
    export,
    health,
    lesson,
    lm_lessons,
    model_upload,
    pages,
    pytorch_view,
    teaching,
    train,
    why_tanh,
)
from app.schemas import ModelCard
from app.security import SecurityHeadersMiddleware, security_headers
from app.settings import Settings, get_settings
from app.static_assets import AssetTable, StaticAssetsMiddleware, static_sources
from app.upload_store import BUDGET_FACTOR, RegistryWithUploads, UploadStore
from engine.models import UnknownModelError
from engine.text import segment

# gzip for clients that accept it: API answers and static files above 1 KiB (JSON,
# JavaScript, CSS; fonts and images are already compressed; range requests are not).
# Level 4: within 4 % of level 9's size on Plotly's bundle and a 200-token JSON trace, at
# about half the CPU of level 6 (85 ms for Plotly, 37 ms for the trace: bench/wire.py).
GZIP_MINIMUM_SIZE = 1024
GZIP_LEVEL = 4


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Unrolled", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=worker_tuning.tuned)
    app.state.settings = settings
    app.state.templates = pages.make_templates(settings)
    app.state.answers = AnswerCache()
    app.state.uploads = UploadStore(max_bytes=BUDGET_FACTOR * settings.max_import_bytes)
    app.state.registry = RegistryWithUploads(
        settings.models_dir, settings.user_models_dir, app.state.uploads
    )
    app.state.registry.check_all(check_card=ModelCard.model_validate)  # skip broken models
    segment.warm_up()  # jieba's dictionary, so the first Chinese request does not wait for it
    app.dependency_overrides[get_settings] = lambda: settings
    app.add_middleware(StaticAssetsMiddleware, table=asset_table(settings))  # innermost
    app.add_middleware(TrustedHostMiddleware, hosts=allowed_hosts(settings))
    app.add_middleware(
        BodyLimitMiddleware,
        limit=settings.max_body_bytes,
        larger={model_upload.UPLOAD_PATH: model_upload.upload_body_limit(settings)},
    )
    app.add_middleware(SecurityHeadersMiddleware)  # outside: the 413 gets the headers too
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_SIZE, compresslevel=GZIP_LEVEL)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(UnknownModelError, unknown_model)
    app.add_exception_handler(ValueError, value_error)
    app.add_exception_handler(Exception, internal_error)
    vendor.register_mimetypes()
    app.mount("/static", StaticFiles(directory=settings.static_dir), name="static")
    for router in (health.router, api.router, teaching.router, attention_views.router,
                   lm_lessons.router, pytorch_view.router, why_tanh.router,
                   model_upload.router, export.router, lesson.router, pages.router,
                   train.router, vendor.router):  # fmt: skip
        app.include_router(router)
    document_model_ids(app, app.state.registry.ids())
    return app


def asset_table(settings: Settings) -> AssetTable:
    """/static/* (revalidated on each use: its URLs carry no version) and the vendored files."""
    static = static_sources(settings.static_dir, "/static", "no-cache", vendor.MEDIA_TYPES)
    return AssetTable({**static, **vendor.vendor_sources(settings.node_modules_dir)})


async def validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422: FastAPI's error list in `detail` (as the OpenAPI schema says) plus `message`,
    one readable line such as "body.text: Field required". Each error names the field and
    the rule but never repeats the submitted value (it may be huge, or not even text)."""
    assert isinstance(exc, RequestValidationError)
    errors = [{k: e[k] for k in ("type", "loc", "msg") if k in e} for e in exc.errors()]
    message = "; ".join(
        ".".join(str(part) for part in e.get("loc", ())) + ": " + str(e.get("msg", ""))
        for e in errors
    )
    content = {"detail": jsonable_encoder(errors), "message": message or "invalid request"}
    return JSONResponse(content, status_code=422)


async def value_error(request: Request, exc: Exception) -> JSONResponse:
    """400: the engine's checks raise ValueError naming the parameter at fault."""
    if isinstance(exc, ValidationError):  # a pydantic model built wrongly on our side
        return await internal_error(request, exc)
    return JSONResponse({"detail": str(exc)}, status_code=400)


async def unknown_model(request: Request, exc: Exception) -> JSONResponse:
    """404: the registry has no such model; the message lists the known ones."""
    return JSONResponse({"detail": str(exc)}, status_code=404)


async def internal_error(request: Request, exc: Exception) -> JSONResponse:
    """500 without a traceback (the server log keeps it)."""
    return JSONResponse({"detail": "internal error"}, status_code=500, headers=security_headers())


app = create_app()
