"""The attribution sieve's look-ups: the fast quotes-around index against the plain scan."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from testimonia.analyse.quote_context import Context
from testimonia.model import Span

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=40)


@settings(max_examples=200, deadline=None)
@given(SPANS, st.integers(0, 95))
def test_quote_context_around_equals_plain_scan(spans, pos) -> None:
    quotes = sorted((SimpleNamespace(span=Span(s, s + n)) for s, n in spans),
                    key=lambda q: q.span.start)
    ctx = Context("x" * 100, (), {}, [])
    ctx.set_quotes(quotes)
    # the plain scan: every quote starting at or before pos, the 399 latest, innermost first
    before = [q for q in quotes if q.span.start <= pos][-399:]
    slow = [q for q in reversed(before) if q.span.end > pos]
    assert [id(q) for q in ctx.around(pos)] == [id(q) for q in slow]


def test_quote_context_around_looks_back_over_at_most_399_quotes() -> None:
    quotes = [SimpleNamespace(span=Span(i, 1000)) for i in range(450)]
    ctx = Context("x" * 1000, (), {}, [])
    ctx.set_quotes(quotes)
    found = ctx.around(999)
    assert len(found) == 399 and found[0] is quotes[-1] and found[-1] is quotes[51]
