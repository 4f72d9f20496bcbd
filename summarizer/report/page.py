"""The HTML report: one self-contained page (no network) an analyst reads first.

The summary and main facts lead, conflicts follow with both sides' passages side by side, then
one compact section per kind of entity with its evidence folded away. Every value opens its
article in a side panel with the supporting passage highlighted at its offsets; a filter shows
what one source reports. The page's only script is pinned by its hash in the page's Content
Security Policy, so nothing an article smuggles into the page can run.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from importlib import resources

from pydantic import BaseModel

from summarizer.records import (
    Conflict,
    ConsensusField,
    ConsensusRecord,
    ConsensusStatement,
    Span,
)
from summarizer.report.escape import clean, html_attr, html_text, json_for_script
from summarizer.report.view import Entities, View, label_of, show, spread

__all__ = ["render_html"]

# Passages a conflict's side shows; more open in the reader.
CONFLICT_PASSAGES = 3


@cache
def _asset(name: str) -> str:
    return resources.files("summarizer.report").joinpath("assets", name).read_text("utf-8")


def _utf16(text: str) -> Callable[[int], int]:
    """Map a code-point offset of `text` to the UTF-16 offset a browser uses."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect.bisect_left(astral, offset)


class _Page:
    def __init__(self, record: ConsensusRecord, texts: Mapping[str, str]) -> None:
        self.record = record
        self.view = View(record)
        self.index = {s.id: i for i, s in enumerate(record.sources)}
        by_label = sorted(self.view.labels, key=self.view.labels.__getitem__)
        self.order = {sid: i for i, sid in enumerate(by_label)}
        self.texts = texts
        self.offsets = {sid: _utf16(text) for sid, text in texts.items()}
        self.spans: list[list[object]] = []
        self.span_ids: dict[tuple[str, int, int], int] = {}

    # -- evidence and sources --

    def span_id(self, span: Span) -> int | None:
        if span.source not in self.index:
            return None
        key = (span.source, span.start, span.end)
        if key not in self.span_ids:
            self.span_ids[key] = len(self.spans)
            to16 = self.offsets.get(span.source)
            entry: list[object] = [self.index[span.source]]
            if to16 is not None and span.end <= len(self.texts[span.source]):
                entry += [to16(span.start), to16(span.end), span.match]
            else:  # no text: the reader shows the passage itself
                entry += [span.start, span.end, span.match, clean(span.text)]
            self.spans.append(entry)
        return self.span_ids[key]

    def ev(self, spans: Sequence[Span]) -> str:
        ids = [i for i in (self.span_id(s) for s in spans) if i is not None]
        return " ".join(str(i) for i in ids)

    def src(self, sources: Sequence[str]) -> str:
        """The data-src attribute: which sources an element rests on, by index."""
        return " ".join(str(self.index[s]) for s in sources if s in self.index)

    def chips(self, sources: Sequence[str]) -> str:
        if len(self.record.sources) > 2 and set(sources) >= set(self.index):
            return f'<span class="src all">all {len(self.record.sources)} sources</span>'
        out = []
        for sid in sorted(set(sources), key=lambda s: self.order.get(s, len(self.order))):
            s = self.record.sources[self.index[sid]] if sid in self.index else None
            title = sid if s is None else " · ".join(p for p in (s.published, s.path) if p)
            copy = " copy" if s is not None and s.duplicate_of else ""
            number = self.index.get(sid, "")
            out.append(
                f'<span class="src{copy}" data-source="{number}" title="{html_attr(title)}">'
                f"{html_text(self.view.label(sid))}</span>"
            )
        return "".join(out)

    def value(self, field: ConsensusField, text: str | None = None, css: str = "") -> str:
        """A value that opens its article at its passage; a value no passage shows opens the
        article of a source that gave it, marked as having no passage."""
        shown = html_text(text if text is not None else show(field.value))
        ev = self.ev(field.evidence)
        if not ev:
            first = next((self.index[s] for s in field.sources if s in self.index), None)
            if first is None:
                return f'<span class="none {css}">{shown}</span>'
            return (
                f'<span class="v none {css}" role="button" tabindex="0" data-ev="" '
                f'data-source="{first}" title="no passage shows this value">{shown}</span>'
            )
        return (
            f'<span class="v {css}" role="button" tabindex="0" data-ev="{ev}" '
            f'title="show the passage">{shown}</span>'
        )

    def support(self, part: Sequence[str], whole: Sequence[str]) -> str:
        k, n = self.view.support(part, whole)
        copies = self.view.copies(part)
        width = round(100 * k / n)
        low = " low" if k * 2 < n else ""
        extra = f" +{copies} cop{'ies' if copies > 1 else 'y'}" if copies else ""
        return (
            f'<span class="meter{low}" title="{k} of {n} independent sources">'
            f'<i style="width:{width}%"></i></span><span class="frac">{k}/{n}{extra}</span>'
        )

    def passage(self, span: Span) -> str:
        number = self.index.get(span.source, "")
        where = f"{self.view.label(span.source)} · {span.start}\u2013{span.end}"
        if span.match != "exact":
            where += f" · {span.match}"
        return (
            f'<blockquote class="ev" data-ev="{self.ev([span])}" data-source="{number}">'
            f"{html_text(' '.join(span.text.split()))}<cite>{html_text(where)}</cite></blockquote>"
        )

    # -- sections --

    def top_bar(self) -> str:
        links = ['<a href="#summary">Summary</a>']
        links.append(f'<a href="#conflicts">Conflicts ({len(self.record.conflicts)})</a>')
        for group in self.view.sections():
            if group.items:
                links.append(
                    f'<a href="#{html_attr(group.key)}">{html_text(group.title)} '
                    f"({len(group.items)})</a>"
                )
        links.append('<a href="#sources">Sources</a>')
        options = "".join(
            f'<option value="{i}">{html_text(self.view.label(s.id))}'
            f"{html_text(' · ' + s.published) if s.published else ''}</option>"
            for i, s in enumerate(self.record.sources)
        )
        return (
            '<div class="bar-top"><div class="inner"><nav aria-label="Sections">'
            + "".join(links)
            + '</nav><span id="filter-status" aria-live="polite"></span>'
            '<label>Only what <select id="filter"><option value="">every source</option>'
            + options
            + "</select> reports</label></div></div>"
        )

    def summary(self) -> str:
        out = [
            '<section id="summary">',
            f"<h1>{html_text(self.record.title)}</h1>",
            f'<p class="lead">{html_text(self.view.paragraph())}</p>',
        ]
        lead = self.view.lead()
        facts = self.view.facts()
        if lead is not None and facts:
            whole = list(getattr(lead, "sources", []))
            rows = []
            for fact in facts:
                more = (
                    f' <a class="alt" href="#{html_attr(getattr(lead, "id", ""))}">'
                    f"+{fact.more} more</a>"
                    if fact.more
                    else ""
                )
                disputed = "".join(
                    f' <a class="badge" href="#{html_attr(cid)}">conflict {html_text(cid)}</a>'
                    for _, cid in self.view.disputed(lead, fact.name)
                )
                rows.append(
                    f'<tr data-src="{self.src(fact.value.sources)}">'
                    f"<th>{html_text(fact.label)}</th>"
                    f"<td>{self.value(fact.value)}{more}{disputed}</td>"
                    f'<td class="support">{self.support(fact.value.sources, whole)}</td>'
                    f'<td class="hide-narrow">{self.chips(fact.value.sources)}</td></tr>'
                )
            out.append(
                '<div class="scroll"><table class="facts"><caption class="meta" '
                'style="caption-side:bottom;text-align:left">Main facts of '
                f"{html_text(getattr(lead, 'id', ''))}. Support counts independent sources; "
                "click a value to read it in its article.</caption><thead><tr><th>fact</th>"
                '<th>value</th><th>support</th><th class="hide-narrow">sources</th></tr>'
                "</thead><tbody>" + "".join(rows) + "</tbody></table></div>"
            )
        out.append("</section>")
        return "\n".join(out)

    def conflicts(self) -> str:
        conflicts = self.record.conflicts
        some = " some" if conflicts else ""
        out = [
            '<section id="conflicts">',
            f'<h2>Conflicts <span id="conflict-count" class="count{some}">{len(conflicts)}</span>'
            "</h2>",
        ]
        if not conflicts:
            out.append('<p class="meta">The sources do not contradict each other.</p>')
        for c in conflicts:
            out.append(self.conflict(c))
        out.append("</section>")
        return "\n".join(out)

    def conflict(self, c: Conflict) -> str:
        sides = []
        for v in c.values:
            shown = spread(v.evidence, CONFLICT_PASSAGES)
            passages = "".join(self.passage(s) for s in shown)
            if not shown:
                context = self.view.context(c.path, v.sources)
                passages = '<p class="none-found">No passage shows this value.'
                if context:
                    passages += " What these sources wrote there instead:"
                passages += "</p>" + "".join(self.passage(s) for s in context[:CONFLICT_PASSAGES])
            field = ConsensusField(value=v.value, sources=v.sources, evidence=v.evidence)
            sides.append(
                f'<div class="side" data-src="{self.src(v.sources)}">'
                f'<div class="value">{self.value(field)}</div>'
                f"<div>{self.chips(v.sources)}</div>{passages}</div>"
            )
        all_sources = [s for v in c.values for s in v.sources]
        return (
            f'<article class="conflict item {html_attr(c.severity)}" id="{html_attr(c.id)}" '
            f'data-src="{self.src(all_sources)}">'
            f"<h3>{html_text(self.view.where(c.path))}"
            f'<span class="tag">{html_text(label_of(c.kind))} · {html_text(c.severity)}</span>'
            f'</h3><p class="meta">{html_text(self.view.note(c.note))}</p>'
            f'<div class="sides">{"".join(sides)}</div></article>'
        )

    def badges(self, item: BaseModel) -> str:
        return "".join(
            f' <a class="badge" href="#{html_attr(cid)}">conflict {html_text(cid)}</a>'
            for _, cid in self.view.disputed(item)
        )

    def entity(self, item: BaseModel, group: Entities) -> str:
        eid = str(getattr(item, "id", ""))
        whole = list(getattr(item, "sources", []))
        name = getattr(item, group.fields[0].name)
        rows = []
        spans: list[Span] = []
        for field_name, label, many in group.fields[1:]:
            value = getattr(item, field_name)
            values: list[ConsensusField] = [
                v for v in (value if many else [value]) if v.value is not None
            ]
            if not values:
                continue
            cells = []
            for v in values:
                spans.extend(v.evidence)
                k, n = self.view.support(v.sources, whole)
                note = "" if k >= n else f' <span class="frac">{k}/{n}</span>'
                alts = ""
                if not many and v.alternatives and field_name == "status":
                    alts = self.alternatives(v, history=True)
                cells.append(
                    f'<li data-src="{self.src(v.sources)}">{self.value(v)}{note}{alts}</li>'
                )
            rows.append(
                f"<tr><th>{html_text(label.lower())}</th>"
                f'<td><ul class="values">{"".join(cells)}</ul></td></tr>'
            )
        spans = list(name.evidence) + spans
        flag = (
            ' <span class="flag">ungrounded: no passage found</span>'
            if getattr(item, "grounded", True) is False
            else ""
        )
        spelled = self.alternatives(name) if name.alternatives else ""
        unique = list({(s.source, s.start, s.end): s for s in spans}.values())
        evidence = (
            f"<details><summary>Evidence · {len(unique)} passage"
            f"{'s' if len(unique) != 1 else ''}</summary>"
            + "".join(self.passage(s) for s in unique)
            + "</details>"
            if unique
            else ""
        )
        return (
            f'<article class="entity item" id="{html_attr(eid)}" data-src="{self.src(whole)}">'
            f'<h3><span class="eid">{html_text(eid)}</span>{self.value(name)}{flag}'
            f"{self.badges(item)}</h3>"
            f"{spelled}"
            f'<div class="meta">{self.support(name.sources, whole)} {self.chips(whole)}</div>'
            f"<table><tbody>{''.join(rows)}</tbody></table>{evidence}</article>"
        )

    def alternatives(self, field: ConsensusField, history: bool = False) -> str:
        word = "earlier" if history else "also"
        parts = [
            f'{html_text(show(a.value))} <span class="sep">'
            f"({html_text(self.view.cited(a.sources))})</span>"
            for a in field.alternatives
        ]
        return f'<div class="alt">{word}: {"; ".join(parts)}</div>'

    def statements(self, statements: Sequence[ConsensusStatement]) -> str:
        groups: dict[str, list[ConsensusStatement]] = {}
        for s in statements:
            groups.setdefault(self.view.speaker(s), []).append(s)
        people = {show(p.name.value): p for p in self.record.people}
        out = []
        for speaker in sorted(groups, key=lambda k: (-len(groups[k]), k.casefold())):
            items = groups[speaker]
            person = people.get(speaker)
            role = ""
            if person is not None:
                known = [show(f.value) for f in (person.role, person.organization) if f.value]
                role = " · ".join(known)
            sources = [src for s in items for src in s.sources]
            lines = []
            for s in items:
                meta = []
                for f in (s.date, s.channel):
                    if f.value is not None:
                        meta.append(self.value(f))
                about = self.view.about(s)
                if s.about:
                    meta.append(
                        f'<a href="#{html_attr(s.about)}">about {html_text(about or s.about)}</a>'
                    )
                if not s.direct:
                    meta.append("reported")
                if not s.grounded:
                    meta.append('<span class="flag">ungrounded</span>')
                if self.badges(s):
                    meta.append(self.badges(s).strip())
                others = ""
                if s.speaker.alternatives:
                    others = self.alternatives(s.speaker)
                lines.append(
                    f'<li class="item" data-src="{self.src(s.sources)}">'
                    f"{self.value(s.content, css='quote' if s.direct else '')}"
                    f'<div class="meta">{" · ".join(meta)} {self.chips(s.sources)}</div>'
                    f"{others}</li>"
                )
            out.append(
                f'<div class="speaker" data-src="{self.src(sources)}">'
                f"<h3>{self.value(items[0].speaker)}"
                f"{' <small>' + html_text(role) + '</small>' if role else ''}</h3>"
                f"<ul>{''.join(lines)}</ul></div>"
            )
        return "\n".join(out)

    def table(self, group: Entities) -> str:
        """A kind shown as one table: a row per entity, a column per field (people, claims)."""
        fields = [
            f
            for f in group.fields
            if any(
                (getattr(i, f.name) if f.many else getattr(i, f.name).value is not None)
                for i in group.items
            )
        ]
        head = "".join(f"<th>{html_text(f.label.lower())}</th>" for f in fields)
        rows = []
        for item in group.items:
            whole = list(getattr(item, "sources", []))
            cells = []
            for name, _, many in fields:
                value = getattr(item, name)
                values = [v for v in (value if many else [value]) if v.value is not None]
                parts = []
                for v in values:
                    k, n = self.view.support(v.sources, whole)
                    note = "" if k >= n else f' <span class="frac">{k}/{n}</span>'
                    if name == "about" and self.view.is_entity(v.value):
                        # the entity it is about carries the evidence: link to it
                        target, text = html_attr(str(v.value)), self.view.resolve(v.value)
                        parts.append(f'<a href="#{target}">{html_text(text)}</a>' + note)
                        continue
                    parts.append(self.value(v) + note)
                alts = (
                    self.alternatives(value)
                    if not many and value.alternatives and name == fields[0].name
                    else ""
                )
                cells.append(f"<td>{'; '.join(parts)}{alts}</td>")
            flag = (
                ' <span class="flag">ungrounded</span>'
                if getattr(item, "grounded", True) is False
                else ""
            )
            eid = str(getattr(item, "id", ""))
            rows.append(
                f'<tr class="item" id="{html_attr(eid)}" data-src="{self.src(whole)}">'
                f'<td class="meta">{html_text(eid)}{flag}{self.badges(item)}</td>'
                f"{''.join(cells)}"
                f'<td class="hide-narrow">{self.chips(whole)}</td></tr>'
            )
        return (
            f'<div class="scroll"><table><thead><tr><th>id</th>{head}'
            '<th class="hide-narrow">sources</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )

    def section(self, group: Entities) -> str:
        if not group.items:
            return ""
        body: str
        if group.key == "statements":
            body = self.statements([s for s in group.items if isinstance(s, ConsensusStatement)])
        elif group.key in ("meetings", "proposals"):
            body = (
                '<div class="cards">'
                + "".join(self.entity(item, group) for item in group.items)
                + "</div>"
            )
        else:
            body = self.table(group)
        if group.left_out:
            body += f'<p class="meta">{html_text(group.left_out)}</p>'
        return (
            f'<section id="{html_attr(group.key)}"><h2>{html_text(group.title)} '
            f'<span class="count">{len(group.items)}</span></h2>{body}</section>'
        )

    def sources(self) -> str:
        grouping = self.view.grouping()
        rows = []
        for i, s in enumerate(self.record.sources):
            copy = f"copy of {html_text(self.view.label(s.duplicate_of))}" if s.duplicate_of else ""
            read = (
                f'<span class="v" role="button" tabindex="0" data-ev="" data-source="{i}" '
                f'title="read the article">{html_text(self.view.label(s.id))}</span>'
                if s.id in self.texts
                else html_text(self.view.label(s.id))
            )
            rows.append(
                f'<tr class="item" data-src="{i}"><td>{read}</td>'
                f"<td>{html_text(s.outlet or '')}</td>"
                f'<td class="nowrap">{html_text(s.published or "")}</td>'
                f"<td>{html_text(s.headline or '')}</td><td>{copy}</td>"
                f'<td class="frac">{s.grounded} / {s.ungrounded}</td>'
                f'<td class="meta hide-narrow">{html_text(s.id)}</td></tr>'
            )
        return (
            '<section id="sources"><h2>Sources '
            f'<span class="count">{len(self.record.sources)}</span></h2>'
            + (f'<p class="meta">{html_text(grouping)}</p>' if grouping else "")
            + '<div class="scroll"><table><thead><tr><th>source</th><th>outlet</th>'
            "<th>published</th><th>headline</th><th>copy of</th>"
            '<th title="records with a passage found / not found">grounded / not</th>'
            '<th class="hide-narrow">id</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table></div></section>"
        )

    def footer(self) -> str:
        run = self.record.run
        parts = [f"backend {run.backend}"]
        if run.model:
            parts.append(f"model {run.model}")
        if run.prompt_version:
            parts.append(f"prompt {run.prompt_version[:12]}")
        parts.append(
            f"{run.llm_calls} model calls ({run.retries} retries, {run.cache_hits} cached)"
        )
        parts.append(f"{run.duration_s:.1f} s")
        if run.cost_usd is not None:
            parts.append(f"${run.cost_usd:.4f}")
        parts.append(f"started {run.started}")
        failures = "".join(
            f"<li>{html_text(f.source)}: {html_text(f.error)}</li>" for f in run.failures
        )
        return (
            f"<footer><p>Run: {html_text(' · '.join(parts))}</p>"
            + (f"<p>Failed articles:</p><ul>{failures}</ul>" if failures else "")
            + "</footer>"
        )

    def data(self) -> str:
        sources = [
            {
                "label": clean(self.view.label(s.id)),
                "outlet": clean(s.outlet or ""),
                "published": s.published or "",
                "headline": clean(s.headline or ""),
                "path": clean(s.path),
                "text": clean(self.texts[s.id]) if s.id in self.texts else None,
            }
            for s in self.record.sources
        ]
        return json_for_script({"sources": sources, "spans": self.spans})

    def render(self) -> str:
        main = [self.summary(), self.conflicts()]
        main += [self.section(group) for group in self.view.sections()]
        main += [self.sources(), self.footer()]
        body = "\n".join(part for part in main if part)
        script = _asset("report.js")
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        title = html_text(self.record.title)
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
            f"style-src 'unsafe-inline'; script-src 'sha256-{digest}'\">\n"
            f"<title>{title}</title>\n<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n"
            f"{self.top_bar()}\n<main>\n{body}\n</main>\n"
            '<aside id="reader" hidden aria-label="Article"><header><div>'
            '<div id="reader-title"></div><div id="reader-meta"></div></div>'
            '<button type="button" id="reader-close" aria-label="Close">&times;</button></header>'
            '<div id="reader-tabs"></div><div id="reader-text"></div></aside>\n'
            f'<script type="application/json" id="report-data">{self.data()}</script>\n'
            f"<script>{script}</script>\n</body>\n</html>\n"
        )


def render_html(record: ConsensusRecord, texts: Mapping[str, str] | None = None) -> str:
    """The record as one self-contained HTML page.

    Args:
        record: The consensus record.
        texts: Each source's original text by source id, for the article reader; a source
            without one shows its passages alone.
    """
    return _Page(record, texts or {}).render()
