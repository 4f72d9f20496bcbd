"""The pipeline: ingest → extract → ground → reconcile → export, as library functions."""

from __future__ import annotations

import asyncio
import datetime as dt
import gc
import hashlib
import json
import os
import sys
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from summarizer.config import Settings, load_settings
from summarizer.errors import ConfigError, ExportError, ExtractionError, InputError
from summarizer.extraction import ExtractionBatch, ExtractionOutcome, compact, extract_batch
from summarizer.files import write_text_atomic
from summarizer.ingest import (
    GENERATED_MARKER,
    InputProblem,
    make_article,
    read_articles,
)
from summarizer.judge import check_judge, judge_record
from summarizer.judging import Question
from summarizer.records import (
    Article,
    ArticleExtraction,
    ConsensusRecord,
    Failure,
    GroundedExtraction,
    Run,
)

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    import openai  # noqa: TID251 - types only: the client a caller may inject

PathLike = str | Path


def _settings(settings: Settings | None, overrides: dict[str, Any]) -> Settings:
    if settings is None:
        return load_settings(overrides, named="argument")
    update = {k: v for k, v in overrides.items() if v is not None}
    unknown = sorted(set(update) - set(Settings.model_fields))
    if unknown:
        known = ", ".join(n for n in Settings.model_fields if n != "api_key")
        raise ConfigError(f"unknown setting {unknown[0]}=; the settings are: {known}")
    try:
        return Settings.model_validate({**dict(settings), **update})
    except ValidationError as e:
        error = e.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "setting"
        shown = "<hidden>" if where == "api_key" else repr(update.get(where))
        raise ConfigError(f"invalid {where}={shown}: {error['msg']}") from None


def _paths(paths: object, function: str) -> list[PathLike | Article]:
    """The `paths` argument as a list, or an InputError that says what to pass."""
    if isinstance(paths, (str, Path, Article)):
        return [paths]
    if isinstance(paths, Iterable) and not isinstance(paths, (bytes, Mapping)):
        items = list(paths)
        for item in items:
            if not isinstance(item, (str, Path, Article)):
                raise InputError(
                    f"{function}() takes paths (str or Path) of articles or folders, or Article "
                    f"objects; got {type(item).__name__}"
                )
        return items
    raise InputError(
        f"{function}() takes a list of paths of articles or folders (or Article objects); "
        f"got {type(paths).__name__}"
    )


def _as_article(article: Article | PathLike, index: int = 0) -> Article:
    if isinstance(article, Article):
        return article
    looks_like_path = isinstance(article, str) and (
        "\n" not in article
        and len(article) < 4096
        and (Path(article).suffix.lower() in (".txt", ".md", ".html", ".htm") or os.sep in article)
    )
    if isinstance(article, Path) or looks_like_path:
        if not Path(article).is_file():
            raise InputError(f"{article}: no such file; pass a path to an article or its text")
        result = read_articles([article])
        if result.problems:
            raise InputError(str(result.problems[0]))
        return result.articles[0]
    if isinstance(article, str) and article.strip():
        return make_article(f"article-{index + 1}", article, path="<text>")
    raise InputError("an article must be an Article, a path to a text file, or non-empty text")


async def extract_async(
    article: Article | PathLike,
    *,
    client: openai.AsyncOpenAI | None = None,
    settings: Settings | None = None,
    **options: Any,
) -> ArticleExtraction:
    """Extract one article's records (async).

    Args:
        article: An `Article`, a path to a text file, or the article's text.
        client: An `openai.AsyncOpenAI` client (any OpenAI-compatible server) to use.
        settings: Settings to use instead of flags / environment / `.env`.
        **options: Setting overrides, e.g. `model="gpt-4o-mini"`, `backend="offline"`.

    Raises:
        ExtractionError: The article could not be extracted; the message says why.
    """
    batch = await extract_batch([_as_article(article)], _settings(settings, options), client=client)
    outcome = batch.outcomes[0]
    if outcome.extraction is None:
        raise ExtractionError(f"{outcome.article.id}: {outcome.error}")
    return outcome.extraction


def extract(
    article: Article | PathLike,
    *,
    client: openai.AsyncOpenAI | None = None,
    settings: Settings | None = None,
    **options: Any,
) -> ArticleExtraction:
    """Extract one article's records; see `extract_async`."""
    return asyncio.run(extract_async(article, client=client, settings=settings, **options))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def run_of(batch: ExtractionBatch | None, problems: Sequence[InputProblem] = ()) -> Run:
    """The `run` block of a record: what the extraction cost and what failed."""
    failures = [Failure(source=p.source, error=f"{p.path}: {p.message}") for p in problems]
    if batch is None:
        return Run(backend="none", started=_now(), failures=failures)
    failures += [
        Failure(source=o.article.id, error=o.error or "unknown error") for o in batch.failures
    ]
    usage = batch.usage
    return Run(
        backend=batch.backend,
        model=batch.model,
        prompt_version=batch.prompt_version,
        started=batch.started,
        duration_s=batch.duration_s,
        llm_calls=usage.llm_calls,
        retries=usage.retries,
        input_tokens=usage.input_tokens,
        output_tokens=usage.output_tokens,
        cost_usd=batch.cost_usd,
        cache_hits=usage.cache_hits,
        failures=failures,
    )


class GroundAsDone:
    """An `on_done` callback that grounds each extraction as soon as it arrives, while the
    other articles' requests are still in flight; `reconcile(..., grounded=it.grounded)` then
    only reconciles. Chains to `then` (a progress bar, say) for every outcome."""

    def __init__(self, then: Callable[[ExtractionOutcome], None] | None = None) -> None:
        self.then = then
        self.grounded: dict[str, GroundedExtraction] = {}  # by article id

    def __call__(self, outcome: ExtractionOutcome) -> None:
        from summarizer.ground import ground

        if outcome.extraction is not None:
            made = ground(outcome.article, outcome.extraction)
            compact(made)  # held until the batch is reconciled
            self.grounded[outcome.article.id] = made
        if self.then is not None:
            self.then(outcome)


class ReconcileAside:
    """An `on_done` callback that hands each extraction, as it arrives, to one worker process
    on the machine's other core, which grounds it there and keeps it; `finish` then has that
    worker reconcile the batch and write the record (and report) itself.

    The event loop does nothing per answer but hand it over, and no grounding or record comes
    back across processes: a thousand articles' records take seconds to pickle and more to
    unpickle. The worker is started only once more than `START_AFTER` answers have come (a
    smaller batch is reconciled sooner than a process starts). When no worker is had (the
    batch is small, none could start, it died, or it lacks an article), `finish` says so and
    the caller reconciles in its own process: the record is the same. Chains to `then` (a
    progress bar, say) for every outcome.
    """

    START_AFTER = 32

    def __init__(self, then: Callable[[ExtractionOutcome], None] | None = None) -> None:
        self.then = then
        self._sent: dict[str, tuple[Article, ArticleExtraction]] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._usable = True  # False once a worker could not be started or was lost

    def __call__(self, outcome: ExtractionOutcome) -> None:
        from concurrent.futures.process import BrokenProcessPool

        article, extraction = outcome.article, outcome.extraction
        if extraction is not None and self._usable:
            self._sent[article.id] = (article, extraction)
            try:
                if self._pool is not None:
                    self._pool.submit(_aside_hold, article, extraction)
                elif len(self._sent) > self.START_AFTER:
                    self._start()
            except (OSError, RuntimeError, BrokenProcessPool):
                self.close()  # no worker: `finish` says so
                self._usable = False
        if self.then is not None:
            self.then(outcome)

    def _start(self) -> None:
        """Start the worker and hand it every answer so far."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")  # no threads carried over
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=context)
        for article, extraction in self._sent.values():
            self._pool.submit(_aside_hold, article, extraction)

    def finish(
        self,
        outcomes: Sequence[ExtractionOutcome],
        *,
        run: Run,
        output: Path,
        report: Path | None = None,
        strict: bool = False,
    ) -> tuple[int, int, int, int] | None:
        """Have the worker reconcile the articles of `outcomes` and write the record to
        `output` (and the report to `report`), as `reconcile` and `write_record` would here.

        Returns:
            How many meetings, proposals, statements and conflicts the record holds; None when
            the worker could not do it (it is gone, or does not hold every extraction of
            `outcomes`): then nothing was written.

        Raises:
            ExportError: The record or report could not be written.
        """
        from concurrent.futures.process import BrokenProcessPool

        pool, self._pool = self._pool, None
        if pool is None:
            return None
        try:
            ids = []
            for outcome in outcomes:
                if outcome.extraction is None:
                    continue
                sent = self._sent.get(outcome.article.id)
                if sent is None or sent[0] is not outcome.article:
                    return None
                if sent[1] is not outcome.extraction:
                    return None
                ids.append(outcome.article.id)
            if len(set(ids)) != len(ids):
                return None  # `reconcile` says which id repeats
            work = pool.submit(_aside_finish, ids, run, strict, output, report)
            try:
                counts: tuple[int, int, int, int] | None = work.result()
            except BrokenProcessPool:
                return None
            if counts is not None:
                pool.submit(_aside_leave)  # its work is written: no need to free its heap
            return counts
        finally:
            self._sent.clear()
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the worker process, if one was started."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None


# In the worker process of a `ReconcileAside`: each article's grounding by id, the ids whose
# grounding failed (made again by the caller, where the error shows as it would there), and
# the reconciled batch, kept until the process ends.
_HELD: dict[str, GroundedExtraction] = {}
_UNHELD: set[str] = set()
_DONE: list[object] = []


def _aside_hold(article: Article, extraction: ArticleExtraction) -> None:
    from summarizer.ground import ground
    from summarizer.reconciliation import prepare

    try:
        made = ground(article, extraction)
        prepare(made)
    except Exception:
        _UNHELD.add(article.id)
        return
    compact(made)  # held until the batch is reconciled
    _HELD[article.id] = made
    # What is held stays until the process ends, and grounding leaves no cycles: no collection
    # need walk it again (each would, over a heap that grows with every answer).
    gc.freeze()


def _aside_finish(
    ids: list[str], run: Run, strict: bool, output: Path, report: Path | None
) -> tuple[int, int, int, int] | None:
    from summarizer.reconciliation import reconcile_grounded

    if _UNHELD or any(i not in _HELD for i in ids):
        return None
    # The batch fills the heap and nothing made from here on is in a cycle: no collector
    # passes over it, and nothing of it is freed before the answer is sent (`_aside_leave`).
    gc.disable()
    grounded = [_HELD.pop(i) for i in ids]
    _DONE.append(grounded)
    record = reconcile_grounded(grounded, run=run, strict=strict)
    _DONE.append(record)
    write_record(output, record)
    if report is not None:
        write_report(report, record, {g.article.id: g.article.text for g in grounded})
    counts = (
        len(record.meetings),
        len(record.proposals),
        len(record.statements),
        len(record.conflicts),
    )
    return counts


def _aside_leave() -> None:
    """End the worker at once: freeing a thousand articles' records one by one, as an
    interpreter does when it exits, takes about a second, and the caller waits for it."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def reconcile(
    extractions: Sequence[ExtractionOutcome | tuple[Article, ArticleExtraction]],
    *,
    strict: bool = False,
    run: Run | None = None,
    questions: list[Question] | None = None,
    grounded: Mapping[str, GroundedExtraction] | None = None,
) -> ConsensusRecord:
    """Ground every record in its article and merge all articles into one consensus record.

    No model is called. Outcomes that failed are listed in `run.failures`. `questions`, when
    given, is filled with the value pairs the rules left open (for `judge_record`). `grounded`
    holds groundings already made (by `GroundAsDone`), by article id; one is used only for the
    very article and extraction it was made from.
    """
    from summarizer.ground import ground_all
    from summarizer.reconciliation import reconcile_grounded
    from summarizer.reconciliation.prepare import READYING

    if isinstance(extractions, (str, Path)):
        raise InputError(
            "reconcile() takes extraction results, not a path; to read the JSONL that "
            "`summarizer extract` writes, use summarizer.read_extractions(path) first"
        )
    if not isinstance(extractions, Iterable):
        raise InputError(
            "reconcile() takes a list of ExtractionOutcome objects or (Article, "
            f"ArticleExtraction) pairs; got {type(extractions).__name__}"
        )
    pairs: list[tuple[Article, ArticleExtraction]] = []
    failures: list[Failure] = []
    for number, item in enumerate(extractions):
        if isinstance(item, ExtractionOutcome):
            if item.extraction is None:
                failures.append(Failure(source=item.article.id, error=item.error or "failed"))
                continue
            pairs.append((item.article, item.extraction))
        elif (
            isinstance(item, tuple)
            and len(item) == 2
            and isinstance(item[0], Article)
            and isinstance(item[1], ArticleExtraction)
        ):
            pairs.append((item[0], item[1]))
        else:
            hint = (
                ": pair it with the Article it came from, as (article, extraction)"
                if isinstance(item, ArticleExtraction)
                or (isinstance(item, tuple) and any(isinstance(i, ArticleExtraction) for i in item))
                else ""
            )
            raise InputError(
                f"reconcile() takes ExtractionOutcome objects or (Article, ArticleExtraction) "
                f"pairs; item {number} is {_kind(item)}{hint}"
            )
    ids = [article.id for article, _ in pairs]
    if len(ids) != len(set(ids)):
        repeated = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError(
            f"reconcile() got two articles with the id {repeated[0]!r}; give each article a "
            "unique id"
        )
    if run is None:
        run = Run(backend="none", started=_now(), failures=failures)
    made = grounded or {}

    def done(article: Article, extraction: ArticleExtraction) -> GroundedExtraction | None:
        found = made.get(article.id)
        if found is not None and found.article is article and found.extraction is extraction:
            return found
        return None

    todo = [(a, e) for a, e in pairs if done(a, e) is None]
    missing = iter(ground_all(todo, readying=READYING))
    return reconcile_grounded(
        [done(article, extraction) or next(missing) for article, extraction in pairs],
        run=run,
        strict=strict,
        questions=questions,
    )


def _kind(item: object) -> str:
    if isinstance(item, tuple):
        return "a tuple of (" + ", ".join(type(i).__name__ for i in item) + ")"
    name = type(item).__name__
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


async def summarize_async(
    paths: Sequence[PathLike | Article],
    *,
    client: openai.AsyncOpenAI | None = None,
    settings: Settings | None = None,
    strict: bool = False,
    on_done: Callable[[ExtractionOutcome], None] | None = None,
    **options: Any,
) -> ConsensusRecord:
    """Articles in, one consensus record out (async); see `summarize`."""
    paths = _paths(paths, "summarize")
    resolved = _settings(settings, options)
    articles = [p for p in paths if isinstance(p, Article)]
    named = [p for p in paths if not isinstance(p, Article)]
    problems: list[InputProblem] = []
    if named:
        result = read_articles(named, max_bytes=resolved.max_bytes)
        articles += result.articles
        problems += result.problems
    if not articles:
        reasons = "; ".join(str(p) for p in problems[:3]) or "no input given"
        raise InputError(f"no readable articles ({reasons})")
    check_judge(resolved)
    grounding = GroundAsDone(then=on_done)
    batch = await extract_batch(articles, resolved, client=client, on_done=grounding)
    questions: list[Question] = []
    record = reconcile(
        batch.outcomes,
        strict=strict,
        run=run_of(batch, problems),
        questions=questions,
        grounded=grounding.grounded,
    )
    if resolved.judge:
        texts = {a.id: a for a in articles}
        record = await judge_record(record, questions, texts, resolved, client=client)
    return record


def summarize(
    paths: Sequence[PathLike | Article],
    *,
    client: openai.AsyncOpenAI | None = None,
    settings: Settings | None = None,
    strict: bool = False,
    **options: Any,
) -> ConsensusRecord:
    """Articles in, one consensus record out.

    Args:
        paths: Files, folders, JSONL files, or `Article` objects.
        client: An `openai.AsyncOpenAI` client (any OpenAI-compatible server) to use.
        settings: Settings to use instead of flags / environment / `.env`.
        strict: Drop records none of whose quotes are found in their article.
        **options: Setting overrides, e.g. `model="gpt-4o-mini"`, `backend="offline"`.

    Raises:
        InputError: No article could be read.
    """
    record: ConsensusRecord = run_quietly(
        summarize_async(paths, client=client, settings=settings, strict=strict, **options)
    )
    return record


class Quiet:
    """A coroutine's result under a short repr: `asyncio.run` builds the repr of its main
    task's result as it ends (through `signal.getsignal`), and a record's full repr at a
    thousand sources is a text of tens of megabytes."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"<{type(self.value).__name__}>"


async def _quietly(work: Awaitable[Any]) -> Quiet:
    return Quiet(await work)


def run_quietly(work: Awaitable[Any]) -> Any:
    """`asyncio.run(work)`, without the repr of a large result (see `Quiet`)."""
    return asyncio.run(_quietly(work)).value


# --- files --------------------------------------------------------------------------------


def extraction_lines(batch: ExtractionBatch) -> str:
    """The JSONL of `summarizer extract`: one `{"source", "extraction"|"error"}` per article."""
    lines = []
    meta = {"backend": batch.backend, "model": batch.model, "prompt_version": batch.prompt_version}
    for outcome in batch.outcomes:
        line: dict[str, Any] = {"source": outcome.article.model_dump(mode="json")}
        if outcome.extraction is not None:
            line["extraction"] = outcome.extraction.model_dump(mode="json")
        else:
            line["error"] = outcome.error
        line["run"] = meta
        lines.append(json.dumps(line, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)


def read_extractions(path: Path) -> tuple[list[ExtractionOutcome], Run]:
    """Read the JSONL that `summarizer extract` writes.

    Each line is checked on its own: a broken line, a source whose text does not match its
    sha256, or a repeated id is listed as a failure and the other lines are used.

    Raises:
        InputError: The file is missing or holds no usable line.
    """
    if not isinstance(path, (str, Path)):
        raise InputError(
            f"read_extractions() takes the path of a JSONL file; got {type(path).__name__}"
        )
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e.__class__.__name__})") from None
    outcomes: list[ExtractionOutcome] = []
    failures: list[Failure] = []
    meta: dict[str, Any] = {}
    ids: set[str] = set()
    for number, raw in enumerate(data.splitlines(), start=1):
        if not raw.strip():
            continue
        where = f"{Path(path).stem}:{number}"
        try:
            item = json.loads(raw.decode("utf-8"))
            if not isinstance(item, dict):
                raise TypeError("not an object")
            source = dict(item["source"])
            text = source.get("text")
            if not isinstance(text, str):
                raise TypeError("no source text")
            sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
            if source.get("sha256") not in (None, sha):
                failures.append(
                    Failure(
                        source=where,
                        error="source text does not match its sha256; "
                        "the line was edited — re-run `summarizer extract`",
                    )
                )
                continue
            source.update(sha256=sha, chars=len(text))
            article = Article.model_validate(source)
            if article.id in ids:
                failures.append(
                    Failure(source=where, error=f"repeated id {article.id!r}; line skipped")
                )
                continue
            ids.add(article.id)
            if isinstance(item.get("run"), dict):
                meta = item["run"]
            if "extraction" in item and item["extraction"] is not None:
                extraction = ArticleExtraction.model_validate(item["extraction"])
                outcomes.append(ExtractionOutcome(article=article, extraction=extraction))
            else:
                outcomes.append(
                    ExtractionOutcome(article=article, error=str(item.get("error") or "failed"))
                )
        except (
            UnicodeDecodeError,
            json.JSONDecodeError,
            KeyError,
            TypeError,
            ValueError,
            ValidationError,
        ) as e:
            failures.append(Failure(source=where, error=f"unusable line ({e.__class__.__name__})"))
    if not outcomes:
        raise InputError(f"{path}: no usable extraction lines; write it with `summarizer extract`")

    def text_or_none(value: object) -> str | None:
        return value if isinstance(value, str) else None

    run = Run(
        backend=text_or_none(meta.get("backend")) or "unknown",
        model=text_or_none(meta.get("model")),
        prompt_version=text_or_none(meta.get("prompt_version")),
        started=_now(),
        failures=failures
        + [Failure(source=o.article.id, error=o.error or "failed") for o in outcomes if not o.ok],
    )
    return outcomes, run


def record_json(record: ConsensusRecord) -> str:
    """The record as JSON text, stable for the same content."""
    return record.model_dump_json(indent=2) + "\n"


def record_json_pieces(record: ConsensusRecord) -> Iterator[str]:
    """`record_json(record)` in pieces, so that a large record is written without ever being
    held whole as text: one piece per field of each entity (a field's evidence of a thousand
    sources is one piece, never the entity or the list around it)."""
    yield from _json_pieces(record, "", _PIECE_LEVELS)
    yield "\n"


# How many levels of lists and records are written piece by piece: the record's lists, then
# each entity's fields; below that, a value is dumped whole.
_PIECE_LEVELS = 2


def _json_pieces(model: BaseModel, pad: str, levels: int) -> Iterator[str]:
    """`model.model_dump_json(indent=2)`, its lines after the first indented by `pad`, in
    pieces: fields that hold records (or lists of them) are written one record at a time,
    `levels` deep."""
    if levels == 0:
        yield model.model_dump_json(indent=2).replace("\n", "\n" + pad)
        return
    inner = pad + "  "
    yield "{"
    for number, name in enumerate(type(model).model_fields):
        value = getattr(model, name)
        yield "," if number else ""
        if isinstance(value, list) and value and all(isinstance(v, BaseModel) for v in value):
            yield f"\n{inner}{json.dumps(name)}: ["
            for index, item in enumerate(value):
                yield ("," if index else "") + "\n" + inner + "  "
                yield from _json_pieces(item, inner + "  ", levels - 1)
            yield f"\n{inner}]"
        elif isinstance(value, BaseModel):
            yield f"\n{inner}{json.dumps(name)}: "
            yield from _json_pieces(value, inner, levels - 1)
        else:
            alone = model.model_dump_json(indent=2, include={name})
            yield alone[1 : alone.rindex("\n")].replace("\n", "\n" + pad)
    yield "\n" + pad + "}"


def write_record(path: Path, record: ConsensusRecord) -> None:
    write_text_atomic(path, record_json_pieces(record))


def source_texts(record: ConsensusRecord) -> dict[str, str]:
    """Each source's text read back from its path, where the file still holds exactly the
    text the record was made from (same sha256)."""
    texts = {}
    for source in record.sources:
        try:
            data = Path(source.path).read_bytes()
        except (OSError, ValueError):
            continue
        if hashlib.sha256(data).hexdigest() == source.sha256:
            texts[source.id] = data.decode("utf-8", errors="replace")
    return texts


def write_report(
    path: Path, record: ConsensusRecord, texts: Mapping[str, str] | None = None
) -> None:
    """Write a Markdown (`.md`) or HTML (`.html`) report for a person to read.

    Args:
        path: Where to write; the suffix chooses the format.
        record: The consensus record.
        texts: Each source's text by id, for the HTML report's article reader; by default
            read back from the sources' paths when they are unchanged.
    """
    from summarizer.report import render_html, render_markdown

    suffix = Path(path).suffix.lower()
    if suffix not in (".md", ".html", ".htm"):
        raise ExportError(f"{path}: a report is Markdown (.md) or HTML (.html); name it so")
    if suffix in (".html", ".htm"):
        text = render_html(record, source_texts(record) if texts is None else texts)
    else:
        text = render_markdown(record)
    write_text_atomic(path, f"{GENERATED_MARKER}: a report, not an article -->\n{text}")


__all__ = [
    "GroundAsDone",
    "ReconcileAside",
    "extract",
    "extract_async",
    "extraction_lines",
    "read_extractions",
    "reconcile",
    "record_json",
    "run_of",
    "summarize",
    "summarize_async",
    "write_record",
    "write_report",
]
