"""The command line: each command parses, calls one library function, prints.

Errors from the library are translated here, once: one line on stderr
(``testimonia: error: PATH: what is wrong [T102]``) and the exit code of
``testimonia.errors`` (2 bad input/usage/config, 3 environment, 1 internal).
Batch commands go on past a bad file and exit with the most severe code seen.
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import __version__
from .errors import EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, TestimoniaError, most_severe
from .settings import SETTINGS, Settings

app = typer.Typer(
    name="testimonia",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="markdown",
    help="""Source criticism: who said what to whom, through whom, and how well it is corroborated.

**Examples**

* `testimonia analyze article.txt` — the terminal dossier
* `testimonia export --format evidence a.txt > a.json` — the evidence JSON
* `testimonia ingest examples/*.txt --db corpus.db` — into the SQLite store
* `testimonia refs citations.txt` — one reference per line → CSL-JSON
* `testimonia serve --db corpus.db` — the web reader on http://127.0.0.1:8000
* `testimonia settings` — every setting and its default
""",
)
out = Console()
err = Console(stderr=True, highlight=False, soft_wrap=True)

DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks of internal errors.")]
SetOpt = Annotated[list[str] | None, typer.Option(
    "--set", "-s", metavar="NAME=VALUE", help="Override a setting (see `testimonia settings`).")]


def _settings(pairs: list[str] | None) -> Settings:
    overrides: dict[str, str] = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise TestimoniaError("T202", detail=f"--set wants NAME=VALUE, got {pair!r}")
        overrides[name.strip()] = value.strip()
    return Settings.load(overrides)


def _report(exc: BaseException, path: str, debug: bool) -> int:
    """Print one line for ``exc`` and return its exit code."""
    if isinstance(exc, TestimoniaError):
        if not exc.path and path:
            exc.path = path
        err.print(str(exc), markup=False)
        return exc.exit_code
    where = f"{path}: " if path else ""
    err.print(f"testimonia: error: {where}internal error: {type(exc).__name__}: {exc} "
              "(this is a bug; rerun with --debug for the traceback)", markup=False)
    if debug:
        traceback.print_exception(exc)
    return EXIT_INTERNAL


@contextmanager
def _guard(path: str, debug: bool, codes: list[int]) -> Iterator[None]:
    """Run a block for one file; record its exit code instead of raising."""
    try:
        yield
        codes.append(EXIT_OK)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 - translated to one line and an exit code
        codes.append(_report(exc, path, debug))


def _progress(total: int) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err, transient=True, disable=total < 2)


def _version(value: bool) -> None:
    if value:
        out.print(f"testimonia {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Source criticism engine."""


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files to analyse (.txt .md .html .xml), or -.")],
    settings: SetOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Analyse documents and print a dossier for each.

    **Example**: testimonia analyze article.txt
    """
    from . import analyze as analyze_path
    from .present.dossier import render

    codes: list[int] = []
    with _guard("", debug, codes):
        conf = _settings(settings)
    if codes[-1]:
        raise typer.Exit(codes[-1])
    codes.clear()
    with _progress(len(paths)) as progress:
        task = progress.add_task("analysing", total=len(paths))
        for p in paths:
            with _guard(p, debug, codes):
                render(analyze_path(p, conf), out)
            progress.advance(task)
    raise typer.Exit(most_severe(codes))


EXPORTERS = ("evidence", "csl-json", "bibtex")


def _exporter(fmt: str) -> Callable[[Any], str]:
    if fmt == "evidence":
        from .export.evidence import dumps, to_evidence

        return lambda a: dumps(to_evidence(a))
    if fmt == "csl-json":
        from .export.csl import to_csl_json

        return lambda a: json.dumps(to_csl_json(a), ensure_ascii=False, indent=2) + "\n"
    from .export.bibtex import to_bibtex

    return to_bibtex


@app.command()
def export(
    path: Annotated[str, typer.Argument(help="File to analyse and export, or -.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="evidence | csl-json | bibtex")]
    = "evidence",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")]
    = None,
    settings: SetOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Analyse one document and write an export (evidence JSON by default) to stdout.

    **Example**: testimonia export --format evidence article.txt > article.json
    """
    from . import analyze as analyze_path

    codes: list[int] = []
    if fmt not in EXPORTERS:
        err.print(f"testimonia: error: unknown export format '{fmt}' "
                  f"(known: {', '.join(EXPORTERS)}) [T106]", markup=False)
        raise typer.Exit(EXIT_INPUT)
    with _guard(path, debug, codes):
        text = _exporter(fmt)(analyze_path(path, _settings(settings)))
        if output:
            tmp = output.with_name(output.name + ".part")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(output)  # nothing half-written
        else:
            sys.stdout.write(text)
    raise typer.Exit(codes[-1])


@app.command()
def refs(
    path: Annotated[str, typer.Argument(help="One reference or note per line, or -.")],
    debug: DebugOpt = False,
) -> None:
    """Parse references (one per line) into a JSON array of CSL-JSON, in the same order.

    A line that refers back (ibid., op. cit., a short form) carries ``same_as``: the
    1-based number of the line it repeats.

    **Example**: testimonia refs notes.txt > notes.json
    """
    codes: list[int] = []
    with _guard(path, debug, codes):
        from .read.encoding import decode, normalise_newlines

        if path == "-":
            data = sys.stdin.buffer.read()
        else:
            if not Path(path).is_file():
                raise TestimoniaError("T101", path=path) if not Path(path).exists() else \
                    TestimoniaError("T100", path=path, detail="not a regular file")
            data = Path(path).read_bytes()
        text, _ = normalise_newlines(decode(data, path)[0])
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        from .analyse.references import parse_references

        sys.stdout.write(json.dumps(parse_references(lines), ensure_ascii=False) + "\n")
    raise typer.Exit(codes[-1])


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files to analyse into the store.")],
    db: Annotated[str | None, typer.Option("--db", help="SQLite store file.")] = None,
    settings: SetOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Analyse documents into the store (SQLite by default), one transaction each.

    Unchanged files (same content hash) are skipped without analysis.

    **Example**: testimonia ingest examples/*.txt --db corpus.db
    """
    from .store.ingest import ingest as run_ingest

    codes: list[int] = []
    with _guard("", debug, codes):
        conf = _settings(settings)
    if codes[-1]:
        raise typer.Exit(codes[-1])
    db_path = db or conf.db
    with _progress(len(paths)) as progress:
        task = progress.add_task("ingesting", total=len(paths))

        def tick(item: Any) -> None:
            progress.advance(task)

        with _guard(db_path, debug, codes):
            report = run_ingest(paths, db_path, conf, progress=tick)
    if codes[-1]:
        raise typer.Exit(codes[-1])
    for item in report.items:
        if item.error is not None:
            codes.append(_report(item.error, item.path, debug))
        else:
            out.print(f"{item.status:9s} {item.path}", markup=False, highlight=False)
    raise typer.Exit(most_severe(codes))


@app.command()
def serve(
    db: Annotated[str | None, typer.Option("--db", help="SQLite store to read.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    debug: DebugOpt = False,
) -> None:
    """Serve the web reader over a store: documents, highlighted quotes, claims and reasons.

    **Example**: testimonia ingest examples/*.txt && testimonia serve --db testimonia.db
    """
    codes: list[int] = []
    with _guard(db or "", debug, codes):
        from .web.app import serve as run_server

        run_server(db or Settings.load().db, host=host, port=port)
    raise typer.Exit(codes[-1])


@app.command("settings")
def list_settings() -> None:
    """List every setting, its default and its environment variable."""
    from rich.table import Table

    t = Table(title="Settings (TESTIMONIA_<NAME> or --set name=value)")
    t.add_column("name", style="bold")
    t.add_column("default")
    t.add_column("help")
    for s in SETTINGS:
        t.add_row(s.name, repr(s.default), s.help)
    out.print(t)


def main() -> None:
    """Entry point of the ``testimonia`` script: usage errors as one line, exit 2."""
    try:
        code = app(standalone_mode=False)
    except typer.Exit as e:
        code = e.exit_code
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors (typer vendors its own click)
        name = type(exc).__name__
        if name.startswith("NoArgsIsHelp"):
            code = EXIT_OK
        elif name == "Abort":
            code = 130
        elif hasattr(exc, "format_message"):
            err.print(f"testimonia: error: {exc.format_message()} (see --help) [T000]",
                      markup=False)
            code = EXIT_INPUT
        else:
            code = _report(exc, "", "--debug" in sys.argv)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


if __name__ == "__main__":
    main()
