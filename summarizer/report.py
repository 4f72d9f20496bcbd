"""Reports for a person: a consensus record as Markdown or as a self-contained HTML page.

Both are rendered from one document outline, so they say the same thing. Every string that
comes from an article or an extraction is untrusted: HTML escapes it, Markdown backslash-escapes
the characters that would format or link.

Every value shown can be checked against the articles: it is followed by its first evidence
passage, quoted verbatim with its source id, character offsets and how the passage was found
(exact / normalized / fuzzy), or by "(no passage found)" when no passage shows the value (its
sources gave it, but their text does not). Within one entity a passage is quoted once; later
fields that rest on it point back to it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, JsonValue

from summarizer.records import (
    Conflict,
    ConsensusField,
    ConsensusMeeting,
    ConsensusPerson,
    ConsensusProposal,
    ConsensusRecord,
    ConsensusStatement,
    Span,
)

__all__ = ["render_html", "render_markdown"]

# How many evidence passages a conflict shows for each of its values.
EVIDENCE_PER_VALUE = 3
# What a value without evidence says instead of a quote.
NO_PASSAGE = "(no passage found)"

Style = Literal["", "b", "i", "code"]


@dataclass(frozen=True, slots=True)
class _Run:
    text: str
    style: Style = ""


_Line = tuple[_Run, ...]


@dataclass(slots=True)
class _Quote:
    text: str
    cite: str


@dataclass(slots=True)
class _Item:
    line: _Line
    quotes: list[_Quote] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)


@dataclass(slots=True)
class _Heading:
    level: int
    line: _Line
    anchor: str = ""


@dataclass(slots=True)
class _Para:
    line: _Line


@dataclass(slots=True)
class _List:
    items: list[_Item]


@dataclass(slots=True)
class _Table:
    header: list[str]
    rows: list[list[_Line]]


_Block = _Heading | _Para | _List | _Table


def _t(text: object, style: Style = "") -> _Run:
    return _Run(re.sub(r"\s+", " ", str(text)), style)


# --- the outline --------------------------------------------------------------------------------


class _Outline:
    """What the report says, built once from the record."""

    def __init__(self, record: ConsensusRecord) -> None:
        self.record = record
        self.roots = {s.id: s.duplicate_of or s.id for s in record.sources}
        self.published = {s.id: s.published for s in record.sources}
        self.blocks: list[_Block] = []
        self.names = {m.id: _show(m.name.value) for m in record.meetings}
        self.names.update({p.id: _show(p.title.value) for p in record.proposals})
        self.quoted: set[tuple[str, int, int]] = set()  # passages quoted in the current entity

    def independent(self, sources: Sequence[str]) -> int:
        return len({self.roots.get(s, s) for s in sources})

    def support(self, part: Sequence[str], whole: Sequence[str]) -> str:
        k, n = self.independent(part), self.independent(whole)
        copies = len(set(part)) - k
        text = f"{k}/{n} source{'s' if n != 1 else ''}"
        if copies:
            text += f" (+{copies} cop{'ies' if copies > 1 else 'y'})"
        return text

    def tally(self, part: Sequence[str], whole: Sequence[str]) -> str:
        """ "3/5 sources (a, b, c)": support, and which sources when not all of them."""
        text = self.support(part, whole)
        if set(part) >= set(whole):
            return text
        return text + " (" + ", ".join(part) + ")"

    # -- pieces --

    def cite(self, item: _Item, value: ConsensusField) -> None:
        """Attach the value's first evidence passage to its item, or say there is none."""
        if not value.evidence:
            item.line = (*item.line, _t(" " + NO_PASSAGE, "i"))
            return
        span = value.evidence[0]
        key = (span.source, span.start, span.end)
        if key in self.quoted:
            item.children.insert(
                0, _Item((_t("passage: ", "i"), _t("as quoted above — " + _cite(span))))
            )
            return
        self.quoted.add(key)
        item.quotes.append(_quote(span))

    def field_item(
        self,
        label: str,
        value: ConsensusField,
        whole: Sequence[str],
        *,
        history: bool = False,
    ) -> _Item | None:
        if value.value is None:
            return None
        line: list[_Run] = [
            _t(f"{label}: ", "b"),
            _t(_show(value.value)),
            _t(" — " + self.tally(value.sources, whole)),
        ]
        item = _Item(tuple(line))
        self.cite(item, value)
        if value.alternatives:
            word = "earlier" if history else "also reported"
            parts = []
            for alt in value.alternatives:
                when = ""
                if history:
                    dates = sorted({self.published.get(s) or "?" for s in alt.sources})
                    when = f", {', '.join(dates)}"
                parts.append(f"{_show(alt.value)} ({', '.join(alt.sources)}{when})")
            item.children.append(_Item((_t(f"{word}: ", "i"), _t("; ".join(parts)))))
        return item

    def list_item(
        self, label: str, values: Sequence[ConsensusField], whole: Sequence[str]
    ) -> _Item | None:
        if not values:
            return None
        item = _Item((_t(f"{label}:", "b"),))
        for value in values:
            line = [_t(_show(value.value)), _t(" — " + self.tally(value.sources, whole))]
            if value.alternatives:
                line.append(
                    _t(" · also: " + "; ".join(_show(a.value) for a in value.alternatives), "i")
                )
            child = _Item(tuple(line))
            self.cite(child, value)
            item.children.append(child)
        return item

    def entity_heading(self, eid: str, name: JsonValue, grounded: bool) -> None:
        self.quoted = set()
        line = [_t(f"{eid} · "), _t(_show(name))]
        if not grounded:
            line.append(_t(" (ungrounded: no passage found in its sources)", "i"))
        self.blocks.append(_Heading(3, tuple(line), eid))

    # -- sections --

    def build(self) -> list[_Block]:
        r = self.record
        self.blocks.append(_Heading(1, (_t(r.title),)))
        originals = self.independent([s.id for s in r.sources])
        summary = (
            f"{len(r.sources)} source{'s' if len(r.sources) != 1 else ''} "
            f"({originals} independent) · {len(r.meetings)} meetings · "
            f"{len(r.proposals)} proposals · {len(r.statements)} statements · "
            f"{len(r.people)} people · {len(r.conflicts)} conflicts"
        )
        self.blocks.append(_Para((_t(summary),)))
        self.blocks.append(
            _Para(
                (
                    _t(
                        "Support counts independent sources: a near-copy of another source "
                        "does not confirm it. Quoted passages are verbatim from the articles.",
                        "i",
                    ),
                )
            )
        )
        self.conflicts(r.conflicts)
        self.meetings(r.meetings)
        self.proposals(r.proposals)
        self.statements(r.statements)
        self.people(r.people)
        self.sources()
        self.run()
        return self.blocks

    def conflicts(self, conflicts: Sequence[Conflict]) -> None:
        self.blocks.append(_Heading(2, (_t("Conflicts"),), "conflicts"))
        if not conflicts:
            self.blocks.append(_Para((_t("The sources do not contradict each other."),)))
            return
        for c in conflicts:
            title = (
                _t(f"{c.id} · {c.kind.replace('_', ' ')} · {c.severity} · "),
                _t(c.path, "code"),
            )
            self.blocks.append(_Heading(3, title, c.id))
            self.blocks.append(_Para((_t(c.note),)))
            items = []
            for v in c.values:
                item = _Item((_t(_show(v.value), "b"), _t(" — " + ", ".join(v.sources))))
                item.quotes = [_quote(s) for s in _spread(v.evidence)]
                if not v.evidence:
                    item.line = (*item.line, _t(" " + NO_PASSAGE, "i"))
                    context = self.context(c.path, v.sources)
                    if context:
                        item.children.append(
                            _Item(
                                (
                                    _t(
                                        "what these sources' passages for it say instead "
                                        "(context, not evidence):",
                                        "i",
                                    ),
                                ),
                                quotes=[_quote(s) for s in context],
                            )
                        )
                items.append(item)
            self.blocks.append(_List(items))

    def context(self, path: str, sources: Sequence[str]) -> list[Span]:
        """The first passage each of `sources` gives as evidence anywhere in the entity that a
        conflict's path points into: what they wrote where their value has no passage."""
        parts = path.strip("/").split("/")
        entities: dict[str, Sequence[BaseModel]] = {
            "people": self.record.people,
            "meetings": self.record.meetings,
            "proposals": self.record.proposals,
            "statements": self.record.statements,
        }
        if len(parts) < 2 or parts[0] not in entities or not parts[1].isdigit():
            return []
        group = entities[parts[0]]
        if int(parts[1]) >= len(group):
            return []
        entity = group[int(parts[1])]
        spans: list[Span] = []
        for name in type(entity).model_fields:
            value = getattr(entity, name)
            fields = value if isinstance(value, list) else [value]
            for f in fields:
                if isinstance(f, ConsensusField):
                    spans.extend(f.evidence)
        first: dict[str, Span] = {}
        for span in sorted(spans, key=lambda s: (s.source, s.start, s.end)):
            if span.source in sources:
                first.setdefault(span.source, span)
        return _spread(list(first.values()))

    def meetings(self, meetings: Sequence[ConsensusMeeting]) -> None:
        if not meetings:
            return
        self.blocks.append(_Heading(2, (_t("Meetings"),), "meetings"))
        for m in meetings:
            self.entity_heading(m.id, m.name.value, m.grounded)
            whole = m.sources
            items = [
                self.field_item("name", m.name, whole),
                self.field_item("date", m.date, whole),
                self.field_item("end date", m.end_date, whole),
                self.field_item("time", m.time, whole),
                self.field_item("location", m.location, whole),
                self.field_item("format", m.format, whole),
                self.field_item("status", m.status, whole, history=True),
                self.field_item("chair", m.chair, whole),
                self.list_item("participants", m.participants, whole),
                self.list_item("parties", m.parties, whole),
                self.list_item("agenda", m.agenda, whole),
            ]
            self.blocks.append(_List([i for i in items if i is not None]))
            self.blocks.append(_Para((_t("Sources: ", "i"), _t(", ".join(whole)))))

    def proposals(self, proposals: Sequence[ConsensusProposal]) -> None:
        if not proposals:
            return
        self.blocks.append(_Heading(2, (_t("Proposals"),), "proposals"))
        for p in proposals:
            self.entity_heading(p.id, p.title.value, p.grounded)
            whole = p.sources
            items = [
                self.field_item("title", p.title, whole),
                self.field_item("proposer", p.proposer, whole),
                self.list_item("addressees", p.addressees, whole),
                self.field_item("date", p.date, whole),
                self.field_item("status", p.status, whole, history=True),
                self.list_item("demands", p.demands, whole),
            ]
            self.blocks.append(_List([i for i in items if i is not None]))
            self.blocks.append(_Para((_t("Sources: ", "i"), _t(", ".join(whole)))))

    def statements(self, statements: Sequence[ConsensusStatement]) -> None:
        if not statements:
            return
        self.blocks.append(_Heading(2, (_t("Who said what"),), "statements"))
        items = []
        for s in statements:
            details = [self.support(s.sources, s.sources)]
            if s.date.value:
                details.append(str(s.date.value))
            if s.channel.value:
                details.append(_show(s.channel.value))
            if s.about:
                named = self.names.get(s.about)
                details.append(f"about {s.about}: {named}" if named else f"about {s.about}")
            details.append("quoted" if s.direct else "reported")
            if not s.grounded:
                details.append("ungrounded")
            line: list[_Run] = [
                _t(f"{s.id} "),
                _t(_show(s.speaker.value), "b"),
                _t(f" ({'; '.join(details)}): "),
                _t(_show(s.content.value) if not s.direct else f"“{_show(s.content.value)}”"),
            ]
            item = _Item(tuple(line))
            self.quoted = set()
            if s.content.evidence:
                shown = _spread(s.content.evidence)
                item.quotes = [_quote(span) for span in shown]
                self.quoted.update((span.source, span.start, span.end) for span in shown)
            else:
                item.line = (*item.line, _t(" " + NO_PASSAGE, "i"))
            for label, value in (("speaker", s.speaker), ("date", s.date), ("channel", s.channel)):
                if value.value is None:
                    continue
                child = _Item((_t(f"{label}: ", "i"), _t(_show(value.value))))
                self.cite(child, value)
                item.children.append(child)
            if s.speaker.alternatives:
                others = "; ".join(
                    f"{_show(a.value)} ({', '.join(a.sources)})" for a in s.speaker.alternatives
                )
                item.children.append(_Item((_t("speaker also given as: ", "i"), _t(others))))
            for alt in s.content.alternatives:
                item.children.append(
                    _Item((_t(f"as {', '.join(alt.sources)} has it: ", "i"), _t(_show(alt.value))))
                )
            items.append(item)
        self.blocks.append(_List(items))

    def people(self, people: Sequence[ConsensusPerson]) -> None:
        if not people:
            return
        self.blocks.append(_Heading(2, (_t("People"),), "people"))
        items: list[_Item] = []
        for p in people:
            self.quoted = set()
            whole = p.sources
            line: list[_Run] = [
                _t(f"{p.id} "),
                _t(_show(p.name.value), "b"),
                _t(f" — named in {self.support(whole, whole)}: " + ", ".join(whole)),
            ]
            if not p.grounded:
                line.append(_t(" (ungrounded: no passage found in its sources)", "i"))
            item = _Item(tuple(line))
            self.cite(item, p.name)
            if p.name.alternatives:
                spellings = "; ".join(
                    f"{_show(a.value)} ({', '.join(a.sources)})" for a in p.name.alternatives
                )
                item.children.append(_Item((_t("also written: ", "i"), _t(spellings))))
            for child in (
                self.field_item("role", p.role, whole),
                self.field_item("organization", p.organization, whole),
            ):
                if child is not None:
                    item.children.append(child)
            items.append(item)
        self.blocks.append(_List(items))

    def sources(self) -> None:
        self.blocks.append(_Heading(2, (_t("Sources"),), "sources"))
        rows: list[list[_Line]] = []
        for s in self.record.sources:
            status = f"copy of {s.duplicate_of}" if s.duplicate_of else "independent"
            rows.append(
                [
                    (_t(s.id, "code"),),
                    (_t(s.outlet or ""),),
                    (_t(s.published or ""),),
                    (_t(s.headline or ""),),
                    (_t(f"{s.grounded} / {s.ungrounded}"),),
                    (_t(status, "b" if s.duplicate_of else ""),),
                ]
            )
        self.blocks.append(
            _Table(
                ["id", "outlet", "published", "headline", "records grounded / not", "independence"],
                rows,
            )
        )

    def run(self) -> None:
        run = self.record.run
        self.blocks.append(_Heading(2, (_t("Run"),), "run"))
        parts = [f"backend {run.backend}"]
        if run.model:
            parts.append(f"model {run.model}")
        if run.prompt_version:
            parts.append(f"prompt {run.prompt_version[:12]}")
        if run.started:
            parts.append(f"started {run.started}")
        parts.append(f"{run.duration_s:.1f} s")
        parts.append(
            f"{run.llm_calls} model calls ({run.retries} retries, {run.cache_hits} cached)"
        )
        parts.append(f"{run.input_tokens} + {run.output_tokens} tokens")
        if run.cost_usd is not None:
            parts.append(f"${run.cost_usd:.4f}")
        self.blocks.append(_Para((_t(" · ".join(parts)),)))
        if run.failures:
            self.blocks.append(
                _List([_Item((_t(f.source, "code"), _t(f": {f.error}"))) for f in run.failures])
            )


def _show(value: JsonValue) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "—"
    return str(value)


def _spread(spans: Sequence[Span], limit: int = EVIDENCE_PER_VALUE) -> list[Span]:
    """Up to `limit` passages, taking each source's first before any source's second."""
    by_source: dict[str, list[Span]] = {}
    for span in spans:
        by_source.setdefault(span.source, []).append(span)
    chosen: list[Span] = []
    depth = 0
    while len(chosen) < limit and any(len(v) > depth for v in by_source.values()):
        chosen.extend(v[depth] for v in by_source.values() if len(v) > depth)
        depth += 1
    return chosen[:limit]


def _cite(span: Span) -> str:
    return f"{span.source} [{span.start}:{span.end}], {span.match}"


def _quote(span: Span) -> _Quote:
    return _Quote(span.text, _cite(span))


# --- Markdown -----------------------------------------------------------------------------------

# Characters that would format, link or open HTML; "_" only where it can start emphasis.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _md_line(line: _Line) -> str:
    out = []
    for run in line:
        if run.style == "code":
            out.append("`" + run.text.replace("`", "'") + "`")
            continue
        text = _md_escape(run.text)
        if run.style == "b" and text.strip():
            lead, core, tail = _edges(text)
            text = f"{lead}**{core}**{tail}"
        elif run.style == "i" and text.strip():
            lead, core, tail = _edges(text)
            text = f"{lead}*{core}*{tail}"
        out.append(text)
    return "".join(out)


def _edges(text: str) -> tuple[str, str, str]:
    core = text.strip()
    start = text.index(core)
    return text[:start], core, text[start + len(core) :]


def _md_item(item: _Item, depth: int) -> list[str]:
    pad = "  " * depth
    lines = [f"{pad}- {_md_line(item.line)}"]
    for quote in item.quotes:
        lines.append(f"{pad}  > {_md_escape(quote.text)} — {_md_escape(quote.cite)}")
    for child in item.children:
        lines.extend(_md_item(child, depth + 1))
    return lines


def render_markdown(record: ConsensusRecord) -> str:
    """The record as Markdown for a person to read."""
    out: list[str] = []
    for block in _Outline(record).build():
        if isinstance(block, _Heading):
            out.append("#" * block.level + " " + _md_line(block.line))
        elif isinstance(block, _Para):
            out.append(_md_line(block.line))
        elif isinstance(block, _List):
            lines: list[str] = []
            for item in block.items:
                lines.extend(_md_item(item, 0))
            out.append("\n".join(lines))
        else:
            header = "| " + " | ".join(_md_escape(h) for h in block.header) + " |"
            rule = "|" + "|".join("---" for _ in block.header) + "|"
            rows = ["| " + " | ".join(_md_line(cell) for cell in row) + " |" for row in block.rows]
            out.append("\n".join([header, rule, *rows]))
    return "\n\n".join(out) + "\n"


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d1d1f; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #ddd; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
blockquote { margin: .3rem 0 .3rem 1rem; padding-left: .7rem; border-left: 3px solid #bbb;
             color: #444; }
blockquote cite { display: block; font-size: .85em; color: #777; font-style: normal; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
code { font-size: .9em; background: #f3f3f3; padding: 0 .2em; }
li { margin: .15rem 0; }
""".strip()


def _html_line(line: _Line) -> str:
    out = []
    for run in line:
        text = html.escape(run.text, quote=True)
        if run.style == "b":
            text = f"<strong>{text}</strong>"
        elif run.style == "i":
            text = f"<em>{text}</em>"
        elif run.style == "code":
            text = f"<code>{text}</code>"
        out.append(text)
    return "".join(out)


def _html_item(item: _Item) -> str:
    parts = [_html_line(item.line)]
    for quote in item.quotes:
        parts.append(
            f"<blockquote>{html.escape(quote.text, quote=True)}"
            f"<cite>{html.escape(quote.cite, quote=True)}</cite></blockquote>"
        )
    if item.children:
        parts.append("<ul>" + "".join(_html_item(c) for c in item.children) + "</ul>")
    return "<li>" + "".join(parts) + "</li>"


def render_html(record: ConsensusRecord) -> str:
    """The record as one self-contained HTML page (no scripts, no external resources)."""
    body: list[str] = []
    for block in _Outline(record).build():
        if isinstance(block, _Heading):
            anchor = f' id="{html.escape(block.anchor, quote=True)}"' if block.anchor else ""
            body.append(f"<h{block.level}{anchor}>{_html_line(block.line)}</h{block.level}>")
        elif isinstance(block, _Para):
            body.append(f"<p>{_html_line(block.line)}</p>")
        elif isinstance(block, _List):
            body.append("<ul>" + "".join(_html_item(i) for i in block.items) + "</ul>")
        else:
            head = "".join(f"<th>{html.escape(h)}</th>" for h in block.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{_html_line(cell)}</td>" for cell in row) + "</tr>"
                for row in block.rows
            )
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    title = html.escape(record.title, quote=True)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">\n"
        f"<title>{title}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
