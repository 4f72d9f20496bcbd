"""The Markdown report: a one-screen summary, one compact table per kind of entity, and the
evidence as numbered footnotes naming each source by a short label."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from summarizer.records import ConsensusField, ConsensusRecord, ConsensusStatement, Span
from summarizer.report.escape import md_cell, md_inline, one_line
from summarizer.report.view import Entities, View, label_of, show, spread

__all__ = ["render_markdown"]

# How many words of a passage a footnote quotes before cutting it ("…" marks the cut; the
# offsets give the whole passage).
FOOTNOTE_WORDS = 6
# How many passages a side of a conflict cites, and how many words of the first it quotes.
CONFLICT_PASSAGES = 2
CONFLICT_WORDS = 30
# The footnote of a value that no passage of its sources shows.
NO_PASSAGE = "nopassage"


class _Notes:
    """Numbered footnotes, one per distinct passage, in order of first citation."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.numbers: dict[tuple[str, int, int], int] = {}
        self.lines: list[str] = []
        self.unshown = False

    def ref(self, span: Span | None, shown: str = "") -> str:
        if span is None:
            self.unshown = True
            return f"[^{NO_PASSAGE}]"
        key = (span.source, span.start, span.end)
        if key not in self.numbers:
            self.numbers[key] = len(self.numbers) + 1
            where = f"{self.view.label(span.source)} {span.start}\u2013{span.end}"
            if span.match != "exact":
                where += f" ({span.match})"
            text = one_line(span.text)
            if shown and _same_words(shown, text):
                self.lines.append(f"[^{self.numbers[key]}]: {md_inline(where)}")
            else:
                self.lines.append(f"[^{self.numbers[key]}]: {md_inline(where)}: “{_clip(text)}”")
        return f"[^{self.numbers[key]}]"

    def cite(self, value: ConsensusField, quoted: bool = False, text: str | None = None) -> str:
        """The value (or `text` for it; in quotation marks when `quoted`) with a footnote for
        its first passage."""
        shown = show(value.value) if text is None else text
        text = f"“{md_cell(shown)}”" if quoted else md_cell(shown)
        return text + self.ref(value.evidence[0] if value.evidence else None, shown)


def _same_words(shown: str, passage: str) -> bool:
    """True when the passage says little more than the value itself (a quoted statement)."""
    words, passage_words = shown.split(), passage.split()
    return len(words) >= 0.6 * len(passage_words) and shown.strip("“”\"' ") in passage


def _clip(text: str, limit: int = FOOTNOTE_WORDS) -> str:
    words = text.split()
    if len(words) <= limit:
        return md_inline(text)
    return md_inline(" ".join(words[:limit])) + " …"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table; columns empty in every row are left out."""
    keep = [i for i in range(len(header)) if any(row[i].strip() for row in rows)]
    lines = [
        "|" + "|".join(header[i] for i in keep) + "|",
        "|" + "|".join("---" for _ in keep) + "|",
    ]
    lines += ["|" + "|".join(row[i].strip() for i in keep) + "|" for row in rows]
    return "\n".join(lines)


class _Markdown:
    def __init__(self, record: ConsensusRecord) -> None:
        self.record = record
        self.view = View(record)
        self.notes = _Notes(self.view)

    def support(self, value: ConsensusField, whole: Sequence[str]) -> str:
        k, n = self.view.support(value.sources, whole)
        return "" if k >= n else f" ({k}/{n})"

    def sources(self, sources: Sequence[str]) -> str:
        if set(sources) >= {s.id for s in self.record.sources} and len(self.record.sources) > 2:
            return f"all {len(self.record.sources)}"
        return md_cell(self.view.cited(sources))

    # -- the summary --

    def summary(self) -> list[str]:
        out = [f"# {md_inline(self.record.title)}", md_inline(self.view.paragraph())]
        facts = self.view.facts()
        lead = self.view.lead()
        if facts and lead is not None:
            whole = list(getattr(lead, "sources", []))
            rows = []
            for fact in facts:
                k, n = self.view.support(fact.value.sources, whole)
                copies = self.view.copies(fact.value.sources)
                cell = self.notes.cite(fact.value)
                if fact.more:
                    cell += f" (+{fact.more} more below)"
                for number, _ in self.view.disputed(lead, fact.name):
                    cell += f" (conflict {number})"
                rows.append(
                    [
                        md_cell(fact.label),
                        cell,
                        f"{k}/{n}" + (f" +{copies} copied" if copies else ""),
                        self.sources(fact.value.sources),
                    ]
                )
            out.append(
                f"Main facts ({md_inline(getattr(lead, 'id', ''))}; support counts independent "
                "sources):"
            )
            out.append(_table(["fact", "value", "support", "sources"], rows))
        return out

    def conflicts(self) -> list[str]:
        conflicts = self.record.conflicts
        out = [f"## Conflicts ({len(conflicts)})"]
        if not conflicts:
            out.append("None: the sources do not contradict each other.")
            return out
        lines = []
        for number, c in enumerate(conflicts, start=1):
            lines.append(
                f"{number}. **{md_inline(self.view.where(c.path))}** — "
                f"{md_inline(label_of(c.kind))}, {md_inline(c.severity)}. "
                + md_inline(self.view.note(c.note))
            )
            for v in c.values:
                spans = spread(v.evidence, CONFLICT_PASSAGES)
                refs = "".join(self.notes.ref(s) for s in spans)
                if spans:
                    refs = f": “{_clip(one_line(spans[0].text), CONFLICT_WORDS)}”" + refs
                else:
                    context = self.view.context(c.path, v.sources)[:CONFLICT_PASSAGES]
                    refs = " (no passage shows it"
                    if context:
                        quoted = _clip(one_line(context[0].text), CONFLICT_WORDS)
                        refs += f"; they wrote: “{quoted}”"
                        refs += "".join(self.notes.ref(s) for s in context)
                    refs += ")"
                lines.append(
                    f"   - {md_inline(show(v.value))} — {md_inline(self.view.cited(v.sources))}"
                    + refs
                )
        out.append("\n".join(lines))
        return out

    # -- one table per kind --

    def section(self, group: Entities) -> list[str]:
        if not group.items:
            return []
        out = [f"## {md_inline(group.title)} ({len(group.items)})"]
        if group.key == "statements":
            statements = [s for s in group.items if isinstance(s, ConsensusStatement)]
            out.append(self.statements(statements))
            return out
        header = ["id", *(f.label.lower() for f in group.fields), "sources"]
        rows = [self.row(item, group) for item in group.items]
        out.append(_table(header, rows))
        if group.left_out:
            out.append(md_inline(group.left_out))
        return out

    def row(self, item: BaseModel, group: Entities) -> list[str]:
        whole = list(getattr(item, "sources", []))
        eid = md_cell(getattr(item, "id", ""))
        if getattr(item, "grounded", True) is False:
            eid += " (ungrounded)"
        for number, _ in self.view.disputed(item):
            eid += f" (conflict {number})"
        cells = [eid]
        for name, _, many in group.fields:
            value = getattr(item, name)
            values: list[ConsensusField] = value if many else [value]
            parts = [
                (
                    md_cell(self.view.resolve(v.value))  # the entity carries the evidence
                    if name == "about" and self.view.is_entity(v.value)
                    else self.notes.cite(v)
                )
                + self.support(v, whole)
                for v in values
                if v.value is not None
            ]
            if (
                not many
                and value.alternatives
                and (name == "status" or (group.key == "people" and name == "name"))
            ):
                older = "; ".join(md_cell(show(a.value)) for a in value.alternatives)
                parts.append(f"{'earlier' if name == 'status' else 'also'}: {older}")
            cells.append("; ".join(parts))
        cells.append(self.sources(whole))
        return cells

    def statements(self, statements: Sequence[ConsensusStatement]) -> str:
        ordered = sorted(
            enumerate(statements), key=lambda p: (self.view.speaker(p[1]).casefold(), p[0])
        )
        rows = []
        previous = None
        for _, s in ordered:
            speaker = self.view.speaker(s)
            said = self.notes.cite(s.content, quoted=s.direct)
            if not s.grounded:
                said += " (ungrounded)"
            for number, _ in self.view.disputed(s):
                said += f" (conflict {number})"
            when = "; ".join(self.notes.cite(f) for f in (s.date, s.channel) if f.value is not None)
            about = s.about or ""
            rows.append(
                [
                    "" if speaker == previous else self.notes.cite(s.speaker),
                    said,
                    when,
                    md_cell(about) if about else "",
                    self.sources(s.sources),
                ]
            )
            previous = speaker
        return _table(["speaker", "said", "when, how", "about", "sources"], rows)

    def source_table(self) -> list[str]:
        if not self.record.sources:
            return []
        rows = []
        for s in self.record.sources:
            rows.append(
                [
                    md_cell(self.view.label(s.id)),
                    md_cell(s.published or ""),
                    md_cell(s.headline or ""),
                    md_cell(self.view.label(s.duplicate_of)) if s.duplicate_of else "",
                    f"{s.grounded}/{s.ungrounded}",
                    md_cell(s.id),
                ]
            )
        grouping = self.view.grouping()
        return [
            f"## Sources ({len(rows)})",
            *([md_inline(grouping)] if grouping else []),
            _table(["source", "published", "headline", "copy of", "grounded/not", "id"], rows),
        ]

    def run(self) -> list[str]:
        run = self.record.run
        parts = [f"backend {run.backend}"]
        if run.model:
            parts.append(f"model {run.model}")
        parts.append(f"{run.llm_calls} model calls, {run.duration_s:.1f} s")
        if run.cost_usd is not None:
            parts.append(f"${run.cost_usd:.4f}")
        out = ["Run: " + md_inline(", ".join(parts)) + "."]
        if run.failures:
            out.append(
                "\n".join(
                    f"- failed {md_inline(f.source)}: {md_inline(f.error)}" for f in run.failures
                )
            )
        return out

    def render(self) -> str:
        blocks = [*self.summary(), *self.conflicts()]
        for group in self.view.sections():
            blocks += self.section(group)
        blocks += self.source_table()
        blocks += self.run()
        if self.notes.lines or self.notes.unshown:
            blocks.append("## Evidence\n\nCharacter offsets into each source's text.")
            lines = list(self.notes.lines)
            if self.notes.unshown:
                lines.append(
                    f"[^{NO_PASSAGE}]: No passage found: the sources give this value, but no "
                    "passage of theirs shows it."
                )
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"


def render_markdown(record: ConsensusRecord) -> str:
    """The record as Markdown for a person to read."""
    return _Markdown(record).render()
