"""The web reader: browse a store's documents, each with its quotes, people and verdicts.

Pages: ``/`` lists the documents (counts, the top claim's verdict) with a search box;
``/doc/{doc_id}`` shows the text with every quote, mention, note and segment marked
and side panels (people, stances, claims with chains and factors) whose every number
links to the spans it counts; ``/doc/{doc_id}/evidence.json`` is the evidence export;
``/search?q=`` runs the store's full-text search. An unknown document is a 404 page,
a query the store cannot parse a 400 page; no page ever shows a traceback.

HTML comes only from the jinja2 templates in ``templates/`` (autoescape on), scripts
only from ``static/`` (the Content-Security-Policy forbids inline ones).

Example::

    app = create_app("corpus.db")      # then: uvicorn, or serve("corpus.db")
"""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.exceptions import HTTPException

from ..errors import StoreError, TestimoniaError
from ..export.evidence import to_evidence
from ..model import Analysis
from ..store.base import Store
from ..store.ingest import open_store
from .page import document_view, summary

#: Longest search query accepted (a longer one is a 400, not a slow scan).
MAX_QUERY = 500
_HERE = Path(str(resources.files("testimonia.web")))
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(_HERE / "templates")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["urlpart"] = lambda v: quote(str(v), safe="")
    return env


class _Reader:
    """The open store behind one app; one lock, since a store has one connection."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.lock = threading.Lock()
        self._summaries: dict[tuple[str, str], dict[str, Any]] = {}

    def get(self, doc_id: str) -> Analysis | None:
        with self.lock:
            return self.store.get(doc_id)

    def index(self) -> list[dict[str, Any]]:
        with self.lock:
            docs = self.store.documents()
        rows = []
        for d in docs:
            key = (d.doc_id, d.fingerprint)
            if key not in self._summaries:  # a summary reads the whole evidence: once each
                a = self.get(d.doc_id)
                self._summaries[key] = summary(a) if a else {}
            rows.append({"doc_id": d.doc_id, "path": d.path, **self._summaries[key]})
        return rows

    def search(self, q: str) -> list[Any]:
        with self.lock:
            return self.store.search(q)


def _open(db_path: str) -> Store:
    """Open an existing store (never create an empty one for a mistyped path)."""
    if not db_path.startswith(("postgresql://", "postgres://")) and not Path(db_path).is_file():
        raise StoreError("T300", path=db_path, detail="no such store (ingest documents first)")
    return open_store(db_path, readonly=True)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a store snippet into (text, matched) parts; the store brackets matches ``[…]``."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        a = rest.find("[")
        b = rest.find("]", a + 1) if a >= 0 else -1
        if a < 0 or b < 0:
            parts.append((rest, False))
            break
        if a:
            parts.append((rest[:a], False))
        parts.append((rest[a + 1:b], True))
        rest = rest[b + 1:]
    return parts


def create_app(db_path: str) -> FastAPI:
    """Return the web reader over the store at ``db_path`` (SQLite file or PostgreSQL URL).

    Raises:
        StoreError: T300 when the store does not exist or cannot be opened, T301
            when its schema is newer than this testimonia.
    """
    reader = _Reader(_open(db_path))
    env = _environment()
    app = FastAPI(title="testimonia", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=str(_HERE / "static")), name="static")

    def page(name: str, code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("q", "")
        html = env.get_template(name).render(**context)
        return HTMLResponse(html, status_code=code)

    def error(status: int, message: str) -> HTMLResponse:
        titles = {400: "Bad request", 404: "Not found", 500: "Something went wrong"}
        return page("error.html", status, status=status,
                    heading=titles.get(status, "Error"), message=message)

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        if exc.status_code == 404:
            return error(404, "There is no such page or document in this store.")
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        return error(400, "The request's parameters are not valid.")

    @app.exception_handler(Exception)
    async def internal(request: Request, exc: Exception) -> Response:
        # a bug or a broken store: say so plainly, never show a traceback to the reader
        what = exc.message() if isinstance(exc, TestimoniaError) else "an internal error"
        return error(500, f"The page could not be built: {what}.")

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        return page("index.html", documents=reader.index(), q="")

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def document(doc_id: str) -> HTMLResponse:
        analysis = reader.get(doc_id)
        if analysis is None:
            return error(404, "This store holds no document with that id.")
        return page("document.html", view=document_view(analysis), q="")

    @app.get("/doc/{doc_id}/evidence.json")
    def evidence(doc_id: str) -> Response:
        analysis = reader.get(doc_id)
        if analysis is None:
            return error(404, "This store holds no document with that id.")
        return JSONResponse(to_evidence(analysis))

    @app.get("/search", response_class=HTMLResponse)
    def search(q: str = "") -> HTMLResponse:
        q = q.strip()
        if len(q) > MAX_QUERY:
            return error(400, f"The query is longer than {MAX_QUERY} characters.")
        if not q:
            return page("search.html", q="", hits=[])
        try:
            hits = reader.search(q)
        except StoreError:
            return error(400, "The search could not read that query. Use words, “a phrase” "
                              "in double quotes, AND/OR/NOT, or a prefix* — and close every "
                              "quotation mark and parenthesis.")
        titles = {r["doc_id"]: r.get("title") for r in reader.index()} if hits else {}
        return page("search.html", q=q,
                    hits=[{"hit": h, "title": titles.get(h.doc_id) or h.path,
                           "parts": snippet_parts(h.snippet)} for h in hits])

    return app


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve the web reader over the store at ``db_path`` until interrupted (uvicorn).

    Raises:
        StoreError: the store does not exist or cannot be opened.
    """
    import uvicorn

    uvicorn.run(create_app(db_path), host=host, port=port, log_level="warning")
