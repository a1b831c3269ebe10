"""The terminal dossier: one analysed document, readable at a glance (rich).

Sections, each shown only when its layer has records: structure, notes and
sources, people, quotes (indented by nesting, speaker → addressee), stances,
claims (verdict, chains as a small tree, factors with the exact words), and
diagnostics. Every line that states a finding shows the text it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..model import Analysis, Quote, Span


def _preview(text: str, span: Span, width: int = 70) -> str:
    s = " ".join(span.of(text).split())
    return s if len(s) <= width else s[: width - 1] + "…"


def _sentence_around(text: str, span: Span, reach: int = 240) -> Span:
    """The sentence (or line) holding ``span``, looked for within ``reach`` characters."""
    lo = max(0, span.start - reach)
    starts = [m.end() for m in re.finditer(r"[.!?]\s+|\n", text[lo:span.start])]
    start = lo + starts[-1] if starts else lo
    # an initial's full stop ("L.M. Kaganovich") does not end the sentence
    m = re.search(r"(?<![A-Z])[.!?](?=\s|$)|\n", text[span.end:span.end + reach])
    end = span.end + m.end() if m else min(len(text), span.end + reach)
    return Span(start, end)


def _quote_words(text: str, span: Span, width: int = 80) -> str:
    """A quote's words; a bare "it" or "Yes" also shows the sentence it sits in."""
    s = _preview(text, span, width)
    if len(s.split()) > 2:
        return f"“{s}”"
    ctx = _sentence_around(text, span)
    lead = max(ctx.start, span.start - width // 3)
    while lead > ctx.start and not text[lead - 1].isspace():  # a whole first word
        lead += 1
    words = _preview(text, Span(lead, ctx.end), width)
    return f"“{s}” (in “{'…' if lead > ctx.start else ''}{words}”)"


def _names(analysis: Analysis) -> dict[str, str]:
    return {e.id: e.name for e in analysis.layer("people")}


def _ref_summary(ref: Mapping[str, Any] | None) -> str:
    if not ref:
        return ""
    parts = []
    authors = ref.get("author") or []
    if authors:
        parts.append(", ".join(a.get("family") or a.get("literal", "") for a in authors))
    for key in ("title", "container-title"):
        if ref.get(key):
            parts.append(f"‘{ref[key]}’")
    for key in ("publisher", "publisher-place"):
        if ref.get(key):
            parts.append(str(ref[key]))
    issued = ref.get("issued")
    if issued:
        parts.append(str(issued.get("date-parts", [[issued]])[0][0]
                         if isinstance(issued, Mapping) else issued))
    pages = ref.get("page") or ref.get("locator")
    if pages:
        parts.append(f"p. {pages}")
    if ref.get("translator"):
        parts.append("trans. " + ", ".join(t.get("family", "") for t in ref["translator"]))
    return "; ".join(parts)


def structure_table(analysis: Analysis) -> Table:
    """The segments as a table: kind, span, first words."""
    t = Table(title="Structure", show_lines=False, expand=False)
    t.add_column("kind", style="bold cyan")
    t.add_column("span", justify="right")
    t.add_column("text")
    text = analysis.document.text
    for s in analysis.layer("segments"):
        t.add_row(s.kind, f"{s.span.start}–{s.span.end}", escape(_preview(text, s.span)))
    return t


def notes_table(analysis: Analysis) -> Table:
    """Notes with marker, reference summary and back-references; then sources."""
    t = Table(title="Notes and sources")
    t.add_column("n", justify="right", style="bold")
    t.add_column("marker", justify="right")
    t.add_column("reference")
    t.add_column("same as", justify="right")
    for n in analysis.layer("notes"):
        marker = str(n.marker.start) if n.marker else "[red]missing[/]"
        t.add_row(str(n.n if n.n is not None else n.label), marker,
                  escape(_ref_summary(n.reference) or _preview(n.text, Span(0, len(n.text)))),
                  str(n.same_as or ""))
    for s in analysis.layer("sources"):
        t.add_row(s.id, "credit", escape(_ref_summary(s.reference)), "")
    return t


def people_table(analysis: Analysis) -> Table:
    """People and collectives with their surface forms and mention counts."""
    t = Table(title="People and collectives")
    t.add_column("id", style="dim")
    t.add_column("name", style="bold")
    t.add_column("kind")
    t.add_column("forms")
    t.add_column("mentions", justify="right")
    for e in analysis.layer("people"):
        extra = f" ({e.qid})" if e.qid else ""
        t.add_row(e.id, escape(e.name + extra), e.kind + (f", {e.role}" if e.role else ""),
                  escape(", ".join(e.aliases)), str(len(e.mentions)))
    return t


def quotes_tree(analysis: Analysis) -> Tree:
    """Quotes nested under the quotes that carry them, with speaker → addressee."""
    text = analysis.document.text
    names = _names(analysis)
    quotes = analysis.layer("quotes")
    by_parent: dict[str | None, list[Quote]] = {}
    ids = {q.id for q in quotes}
    for q in quotes:
        by_parent.setdefault(q.parent if q.parent in ids else None, []).append(q)
    root = Tree("[bold]Quotes[/] (speaker → addressee)")

    def label(q: Quote) -> Text:
        who = names.get(q.speaker or "", "?") if q.speaker else "?"
        to = f" → {names.get(q.addressee, q.addressee)}" if q.addressee else ""
        line = Text()
        line.append(f"{q.id} ", style="dim")
        line.append(f"[{q.kind}/{q.mode}] ", style="magenta")
        if q.kind not in ("title", "scare"):
            line.append(f"{who}{to}", style="bold green")
            if q.cue:
                line.append(f" ({q.cue})", style="italic")
            line.append(": ")
        line.append(f"“{_preview(text, q.span, 90)}”")
        if q.note:
            line.append(f" [note {q.note}]", style="cyan")
        return line

    def add(node: Tree, parent: str | None) -> None:
        for q in by_parent.get(parent, []):
            add(node.add(label(q)), q.id)

    add(root, None)
    return root


def stances_table(analysis: Analysis) -> Table:
    """Who stood for or against whom, with the words that say so."""
    text = analysis.document.text
    names = _names(analysis)
    t = Table(title="Stances")
    t.add_column("holder", style="bold")
    t.add_column("polarity")
    t.add_column("target", style="bold")
    t.add_column("evidence")
    colour = {"sympathetic": "green", "hostile": "red", "neutral": "yellow"}
    for s in analysis.layer("stances"):
        t.add_row(escape(names.get(s.holder, s.holder)),
                  f"[{colour.get(s.polarity, 'white')}]{s.polarity}[/]",
                  escape(names.get(s.target, s.target)),
                  escape("“" + _preview(text, s.evidence, 60) + "”"))
    return t


def _work_label(analysis: Analysis, work: str) -> str:
    """"note 1 (Chuyev, 1995)" for a note id, the short title for a source id."""
    ref = None
    if work.startswith("note-") and work[5:].isdigit():
        ref = next((n.reference for n in analysis.layer("notes") if n.n == int(work[5:])), None)
        head = f"note {work[5:]}"
    else:
        ref = next((s.reference for s in analysis.layer("sources") if s.id == work), None)
        head = str((ref or {}).get("title") or work).split(",")[0]
    if not ref:
        return head
    fams = [a.get("family", "") for a in ref.get("author") or [] if isinstance(a, Mapping)]
    who = ", ".join(f for f in fams if f) or str(ref.get("container-title") or "")
    return f"{head} ({who})" if who else head


def claims_panels(analysis: Analysis, limit: int = 3) -> list[Panel]:
    """One panel per claim: verdict, chains as a tree, reasons, the exact quotes."""
    text = analysis.document.text
    names = _names(analysis)
    quotes = {q.id: q for q in analysis.layer("quotes")}
    assessments = {a.claim: a for a in analysis.layer("assessments")}
    panels = []
    claims = analysis.layer("claims")
    # the claims with more than one testimony or a verdict worth reading come first; a
    # table lists the rest
    for c in claims[:limit]:
        a = assessments.get(c.id)
        parts: list[Any] = []
        if a:
            parts.append(Text.assemble(("Verdict: ", "bold"), (a.grade, "bold yellow"),
                                       (f"  [{a.scale}]" if a.scale else "", "dim")))
        chains = [ch for ch in analysis.layer("chains") if ch.claim == c.id]
        in_chains = {qid for ch in chains for qid in ch.quotes}
        if chains:
            tree = Tree("[bold]Chains of transmission[/]")
            for ch in chains:
                path = " → ".join(names.get(p) or _work_label(analysis, p) for p in ch.path)
                eye = "eyewitness" if ch.eyewitness else "hearsay"
                node = tree.add(f"[bold]{ch.id}[/] {escape(path)}  "
                                f"[dim]({eye}; witness {ch.witness_stance or 'stance unknown'})[/]")
                for qid in ch.quotes:
                    if qid in quotes:
                        node.add(f"{qid}: {escape(_quote_words(text, quotes[qid].span))}")
            parts.append(tree)
        for role, ids in (("supports", c.support), ("denies", c.deny), ("doubts", c.doubt)):
            for qid in ids:
                q = quotes.get(qid)
                if q and qid not in in_chains:
                    who = names.get(q.speaker or "", "?")
                    parts.append(Text(f"  {role:8s} {qid} {who}: {_quote_words(text, q.span)}"))
        if a:
            reasons = Tree("[bold]Why[/]")
            for f in a.factors:
                mark = {1: "[green]+[/]", -1: "[red]−[/]"}.get(f.effect, "·")
                node = reasons.add(f"{mark} {escape(f.text)}")
                for sp in f.spans[:3]:
                    node.add(f"[dim]{sp.start}–{sp.end}[/] “{escape(_preview(text, sp, 80))}”")
            parts.append(reasons)
        panels.append(Panel(Group(*parts), title=f"[bold]{c.id}[/]: {escape(c.text)}",
                            border_style="yellow"))
    return panels


def other_claims_table(analysis: Analysis, claims: tuple) -> Table:
    """The claims not shown in full: one line each with their verdict."""
    grades = {a.claim: a for a in analysis.layer("assessments")}
    t = Table(title="Other claims")
    t.add_column("id", style="bold")
    t.add_column("claim")
    t.add_column("for/against/doubt", justify="center")
    t.add_column("verdict")
    for c in claims:
        a = grades.get(c.id)
        t.add_row(c.id, escape(c.text[:70]), f"{len(c.support)}/{len(c.deny)}/{len(c.doubt)}",
                  escape(f"{a.grade} [{a.scale}]" if a else ""))
    return t


def render(analysis: Analysis, console: Console) -> None:
    """Print the dossier of ``analysis`` to ``console``."""
    doc = analysis.document
    title = doc.meta.get("title") or next(
        (_preview(doc.text, s.span) for s in analysis.layer("segments") if s.kind == "title"),
        doc.path)
    console.rule(f"[bold]{escape(str(title))}")
    console.print(f"[dim]{escape(doc.path)} · {doc.format} · sha256 {doc.doc_id[:12]}… · "
                  f"{len(doc.text):,} characters[/]")
    if analysis.layer("segments"):
        console.print(structure_table(analysis))
    if analysis.layer("notes") or analysis.layer("sources"):
        console.print(notes_table(analysis))
    if analysis.layer("people"):
        console.print(people_table(analysis))
    if analysis.layer("quotes"):
        console.print(quotes_tree(analysis))
    if analysis.layer("stances"):
        console.print(stances_table(analysis))
    for panel in claims_panels(analysis):
        console.print(panel)
    rest = analysis.layer("claims")[3:]
    if rest:
        console.print(other_claims_table(analysis, rest))
    if analysis.diagnostics:
        console.print("[bold]Diagnostics[/]")
        for d in analysis.diagnostics:
            where = f" at {d.span.start}–{d.span.end}" if d.span else ""
            console.print(f"  [yellow]{d.code}[/] {escape(d.stage)}{where}: {escape(d.message)}")
