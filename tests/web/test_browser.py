"""The web reader in a real browser: clicking a number lights up the spans it counts.

Drives Debian's Chromium (``/usr/bin/chromium``) through Playwright's Python API;
Playwright never downloads a browser here. Skips when either is absent (install
``chromium`` with ``apt-get install --no-install-recommends chromium`` and the
``browser`` extra).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not shutil.which(CHROMIUM):
    pytest.skip("no Chromium at /usr/bin/chromium", allow_module_level=True)


@pytest.fixture
def server(db_path) -> Iterator[str]:
    import uvicorn

    from testimonia.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page(server, analysis):
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu"])
        pg = browser.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(f"{server}/doc/{analysis.document.doc_id}")
        yield pg
        browser.close()
        assert not errors, errors  # no script error on the page


def _lit(page) -> list[str]:
    """The text of every highlighted element, in document order."""
    return page.eval_on_selector_all(".hl", "els => els.map(e => e.textContent)")


def test_browser_factor_link_highlights_its_spans_and_clear_removes_them(page, analysis) -> None:
    from testimonia.web.page import span_key

    denial = next(q for q in analysis.layer("quotes") if q.id == "q3")
    page.locator(f"a.sl[data-spans='{span_key(denial.span)}']").first.click()
    lit = _lit(page)
    assert any("I never said that" in t for t in lit)
    assert page.locator("button.clear").is_visible()
    page.locator("button.clear").click()
    assert _lit(page) == []
    assert not page.locator("button.clear").is_visible()


def test_browser_person_button_highlights_that_persons_mentions(page) -> None:
    page.locator("button.person[data-person='p2']").first.click()
    assert sorted(_lit(page)) == ["Boris", "Boris"]


def test_browser_quote_hash_highlights_the_quote(page, server, analysis) -> None:
    page.goto(f"{server}/doc/{analysis.document.doc_id}#quote-q3")
    page.wait_for_function("document.querySelectorAll('.hl').length > 0")
    assert any("I never said that" in t for t in _lit(page))
