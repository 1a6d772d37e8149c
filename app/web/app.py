"""The studio page: a FastAPI app, server-rendered with Jinja2, a little plain JavaScript, SSE.

```
GET  /                      a new storyboard: the chat, empty panels
GET  /sb/<id>               one storyboard: chat, panels (editable), render buttons, progress, dailies
GET  /sb/<id>/panels        the panels (fragment, refreshed after a chat turn or a save)
GET  /sb/<id>/dailies       its clips with verdicts, evidence and decisions (fragment)
GET  /dailies               every judged clip in the studio, the night's too
GET  /events                Server-Sent Events: chat, job, board, item, status
GET  /files/<path>          a clip or image inside the studio folder (nothing else)
GET  /api/status, /api/turn/<id>
POST /api/chat, /api/sb/<id>/save, /api/sb/<id>/render, /api/review   (X-CSRF-Token required)
```
No route deletes anything.
"""

from __future__ import annotations

import contextlib
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

import structlog
from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markdown_it import MarkdownIt
from pydantic import BaseModel, Field, ValidationError
from sse_starlette.sse import EventSourceResponse

from app.dailies import TEMPLATES as DAILIES_TEMPLATES
from app.dailies import DailyCard, MediaLinks, card_for
from app.night_store import Item
from app.web import security
from app.web.services import StudioServices
from nightreel.errors import (
    ComfyError,
    InputError,
    ModelError,
    NightreelError,
    PathOutsideStudio,
)
from nightreel.schema import TARGET_MODEL, Shot, ShotExpectations
from nightreel.studio import Studio

log = structlog.get_logger()

__all__ = ["create_app"]

_HERE = Path(__file__).parent
_md = MarkdownIt("commonmark", {"html": False})


class ChatIn(BaseModel):
    line: str = Field(max_length=20000)
    sb: str | None = None
    shots: int | None = None
    client: str = ""


class ShotEdit(BaseModel):
    id: str
    title: str = Field(min_length=1, max_length=200)
    duration_s: float = Field(ge=1, le=20)
    positive: str = Field(max_length=8000)
    negative: str = Field(max_length=8000)
    camera: str = Field(max_length=500)
    lighting: str = Field(max_length=500)
    expectations: ShotExpectations


class SaveIn(BaseModel):
    version: int
    shots: list[ShotEdit]
    client: str = ""


class RenderIn(BaseModel):
    tier: str = "draft"


class ReviewIn(BaseModel):
    item: str = Field(max_length=200)
    action: str
    note: str = Field("", max_length=2000)


def create_app(settings: Any, studio: Studio | None = None, *, token: str | None = None, workflow: str = "auto",
               memory: bool = True, default_shots: int | None = None) -> FastAPI:
    """The studio app. `token`: required on every request (give it when binding beyond loopback)."""
    studio = studio or Studio.open(settings.studio)
    csrf = secrets.token_urlsafe(24)
    # the studio's own templates, then app/templates for dailies.html.j2 (the cards the static dailies page draws too)
    templates = Jinja2Templates(directory=[_HERE / "templates", DAILIES_TEMPLATES])
    templates.env.filters["md"] = lambda text: _md.render(text or "")
    shots_default = default_shots or settings.default_shots

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        svc = StudioServices(settings, studio, workflow=workflow, memory=memory)
        app.state.svc = svc
        await svc.start()
        try:
            yield
        finally:
            await svc.close()

    app = FastAPI(title="nightreel studio", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        if token is None and not security.loopback_host_header(request.headers.get("host")):
            # bound to loopback without a token: refuse other Host names (a DNS-rebinding page would be one)
            return JSONResponse({"error": "this studio answers only on 127.0.0.1 / localhost"}, status_code=421)
        if token is not None:
            given = (request.headers.get("authorization", "").removeprefix("Bearer ").strip()
                     or request.cookies.get(security.COOKIE) or request.query_params.get("token"))
            if not security.token_ok(given, token):
                return JSONResponse({"error": "this studio needs its token: open the URL `nightreel serve` printed, "
                                              f"or read it from {security.TOKEN_FILE} in the studio folder"},
                                    status_code=401)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            if not security.same_origin(request.headers.get("origin"), request.headers.get("host")):
                return JSONResponse({"error": "cross-site request refused"}, status_code=403)
            if not security.token_ok(request.headers.get(security.CSRF_HEADER), csrf):
                return JSONResponse({"error": "missing or wrong CSRF token; reload the page"}, status_code=403)
        response = await call_next(request)
        if token is not None and request.query_params.get("token"):
            response.set_cookie(security.COOKIE, token, httponly=True, samesite="strict")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    @app.exception_handler(NightreelError)
    async def _nightreel_error(request: Request, e: NightreelError):
        which = "planner" if isinstance(e, ModelError) else "ComfyUI" if isinstance(e, ComfyError) else None
        status = 503 if which else 400
        return JSONResponse({"error": str(e), "which": which}, status_code=status)

    @app.exception_handler(KeyError)
    async def _not_found(request: Request, e: KeyError):
        return JSONResponse({"error": f"no such thing here: {e.args[0] if e.args else '?'}"}, status_code=404)

    @app.exception_handler(ValidationError)
    async def _invalid(request: Request, e: ValidationError):
        err = e.errors()[0]
        return JSONResponse({"error": f"{'.'.join(map(str, err.get('loc', ())))}: {err['msg']}"}, status_code=400)

    def svc(request: Request) -> StudioServices:
        return request.app.state.svc

    def file_url(path: str | Path | None) -> str | None:
        if not path:
            return None
        p = Path(path)
        if not p.is_file() or not p.resolve().is_relative_to(studio.root):
            return None
        return "/files/" + quote(str(p.resolve().relative_to(studio.root)))

    links = MediaLinks(clip=file_url, image=lambda path, width: file_url(path),
                       poster=lambda clip: clip.with_suffix(".poster.jpg"))

    def card(s: StudioServices, it: Item) -> DailyCard:
        return card_for(it, s.store, links)

    def page_ctx(request: Request, sb_id: str | None) -> dict:
        s = svc(request)
        sb, version = s.boards.load(sb_id) if sb_id else (None, 0)
        return {"request": request, "csrf": csrf, "sb": sb, "version": version, "boards": s.boards.list(),
                "status": s.status(), "transcript": s.boards.transcript(sb_id) if sb_id else [],
                "progress": s.shot_progress(sb_id) if sb_id else {}, "jobs": s.jobs(sb_id) if sb_id else [],
                "cards": [card(s, i) for i in s.items(sb_id)] if sb_id else [], "target_model": TARGET_MODEL,
                "default_shots": shots_default, "max_shots": settings.max_shots}

    @app.get("/", response_class=HTMLResponse)
    async def home(request: Request):
        if request.query_params.get("token"):
            return RedirectResponse("/", status_code=303)
        return templates.TemplateResponse(request, "studio.html.j2", page_ctx(request, None))

    @app.get("/sb/{sb_id}", response_class=HTMLResponse)
    async def board(request: Request, sb_id: str):
        return templates.TemplateResponse(request, "studio.html.j2", page_ctx(request, sb_id))

    @app.get("/sb/{sb_id}/panels", response_class=HTMLResponse)
    async def panels(request: Request, sb_id: str):
        return templates.TemplateResponse(request, "_panels.html.j2", page_ctx(request, sb_id))

    @app.get("/sb/{sb_id}/dailies", response_class=HTMLResponse)
    async def board_dailies(request: Request, sb_id: str):
        return templates.TemplateResponse(request, "dailies.html.j2", page_ctx(request, sb_id))

    @app.get("/dailies", response_class=HTMLResponse)
    async def all_dailies(request: Request):
        s = svc(request)
        ctx = page_ctx(request, None) | {"cards": [card(s, i) for i in s.items()], "page": "dailies"}
        return templates.TemplateResponse(request, "studio.html.j2", ctx)

    @app.get("/dailies-fragment", response_class=HTMLResponse)
    async def all_dailies_fragment(request: Request):
        s = svc(request)
        ctx = page_ctx(request, None) | {"cards": [card(s, i) for i in s.items()]}
        return templates.TemplateResponse(request, "dailies.html.j2", ctx)

    @app.get("/events")
    async def events(request: Request):
        return EventSourceResponse(svc(request).broker.subscribe(), ping=15)

    @app.get("/files/{rel:path}")
    async def files(request: Request, rel: str):
        try:
            path = security.media_path(studio, rel)
        except (PathOutsideStudio, ValueError, OSError) as e:
            code = 404 if isinstance(e, FileNotFoundError) else 400
            return JSONResponse({"error": "not a file of this studio" if code == 400 else "no such file"}, code)
        except InputError as e:
            return JSONResponse({"error": str(e)}, status_code=404)
        return FileResponse(path, media_type=security.SERVABLE[path.suffix.lower()])

    @app.get("/api/status")
    async def status(request: Request):
        return await svc(request).refresh_status()

    @app.get("/api/turn/{turn}")
    async def turn(request: Request, turn: str):
        return svc(request).turns[turn]

    @app.post("/api/chat", status_code=202)
    async def chat(request: Request, body: ChatIn):
        s = svc(request)
        n = body.shots or shots_default
        if not 1 <= n <= settings.max_shots:
            raise InputError(f"shots must be between 1 and {settings.max_shots}, got {n}")
        return {"turn": await s.chat(body.sb or None, body.line, n_shots=n, client=body.client)}

    @app.post("/api/sb/{sb_id}/save")
    async def save(request: Request, sb_id: str, body: SaveIn):
        s = svc(request)
        sb, _ = s.boards.load(sb_id)
        edits = {e.id: e for e in body.shots}
        unknown = set(edits) - {x.id for x in sb.shots}
        if unknown:
            raise InputError(f"no shot {', '.join(sorted(unknown))} in {sb_id}; reload the page")
        shots = [Shot.model_validate(sh.model_dump() | edits[sh.id].model_dump()) if sh.id in edits else sh
                 for sh in sb.shots]
        saved = s.boards.save(sb.model_copy(update={"shots": shots}), base_version=body.version, by="web")
        s.broker.publish("board", {"sb": sb_id, "version": saved.version, "by": "web", "client": body.client,
                                   "conflict": saved.conflict})
        return {"version": saved.version, "conflict": saved.conflict}

    @app.post("/api/sb/{sb_id}/render")
    async def render(request: Request, sb_id: str, body: RenderIn):
        return await svc(request).render(sb_id, body.tier)

    @app.post("/api/review")
    async def review(request: Request, body: ReviewIn):
        return await svc(request).review(body.item, body.action, body.note)

    return app
