"""Many events in one run: plan the events, run them on an executor, stream records to OUT_DIR."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from summarizer.config import Settings, load_settings
from summarizer.errors import ExportError, InputError
from summarizer.events import Event, events_from_folders, unique_ids
from summarizer.executors import make_executor
from summarizer.executors.work import EventResult
from summarizer.extraction import ExtractionOutcome
from summarizer.files import write_text_atomic
from summarizer.ingest import InputProblem, article_files, read_articles
from summarizer.records import SCHEMA_VERSION, ConsensusRecord

if TYPE_CHECKING:
    import openai  # noqa: TID251 - types only: the client a caller may inject

EVENTS_FILE = "events.jsonl"
LOCK_FILE = ".summarizer-batch.lock"
ReportFormat = Literal["md", "html"]
PathLike = str | Path


# --- planning -----------------------------------------------------------------------------


@dataclass
class Plan:
    """The events of a batch, in their stable order, and the inputs that could not be used."""

    events: list[Event]
    problems: list[InputProblem] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return sum(e.size for e in self.events)


def plan_events(
    paths: Sequence[PathLike],
    *,
    cluster: bool = False,
    threshold: float | None = None,
    max_bytes: int | None = None,
    exclude: Sequence[PathLike] = (),
    previous: dict[str, str] | None = None,
) -> Plan:
    """Which articles form which event: one per folder, or (`cluster`) grouped by content.

    Args:
        paths: Files and folders.
        cluster: Group every article found into events by what it says, whatever the folders.
        threshold: The similarity two articles need to be linked (clustering only).
        max_bytes: Larger files are refused.
        exclude: Files never read as articles (the batch's own outputs).
        previous: Article path → event id of an earlier run into the same folder, so that a
            clustered event keeps its id when articles join it.

    Raises:
        InputError: No event could be formed.
    """
    if not cluster:
        events, problems = events_from_folders(paths)
        if not events:
            reasons = "; ".join(str(p) for p in problems[:3]) or "no article files"
            raise InputError(
                f"no events found in {', '.join(str(p) for p in paths[:3])} ({reasons}); give "
                "a folder whose sub-folders hold one event's articles each, or use --cluster"
            )
        return Plan(events, problems)
    from summarizer.events.cluster import DEFAULT_THRESHOLD, cluster_articles

    if any(str(p) == "-" for p in paths):
        raise InputError("batch reads files and folders, not stdin; save the input first")
    options: dict[str, Any] = {"exclude": list(exclude)}
    if max_bytes is not None:
        options["max_bytes"] = max_bytes
    ingested = read_articles(list(paths), **options)
    if not ingested.articles:
        reasons = "; ".join(str(p) for p in ingested.problems[:3]) or "no article files"
        raise InputError(f"no readable articles to cluster ({reasons})")
    clusters = cluster_articles(
        ingested.articles, threshold=DEFAULT_THRESHOLD if threshold is None else threshold
    )
    wanted = []
    for group in clusters:
        inherited = _inherited_id(group.articles, previous or {})
        wanted.append(inherited or group.id)
    ids = unique_ids(wanted)
    events = [
        Event(
            id=event_id,
            name=group.name,
            articles=tuple(group.articles),
            grouping=group.grouping,
            size=len(group.articles),
        )
        for event_id, group in zip(ids, clusters, strict=True)
    ]
    events.sort(key=lambda e: e.id.lower())
    return Plan(events, ingested.problems)


def _inherited_id(articles: Sequence[Any], previous: dict[str, str]) -> str | None:
    """The id of the earlier event most of these articles belonged to, if any."""
    votes: dict[str, int] = {}
    for article in articles:
        earlier = previous.get(article.path)
        if earlier:
            votes[earlier] = votes.get(earlier, 0) + 1
    if not votes:
        return None
    return min(votes, key=lambda k: (-votes[k], k))


# --- what decides an event's record -------------------------------------------------------


def settings_signature(settings: Settings, *, strict: bool, report: str | None) -> str:
    """A digest of every setting that changes a record, so that changed settings re-run."""
    from summarizer import __version__
    from summarizer.prompts import load_prompts

    backend = settings.resolved_backend
    parts: dict[str, Any] = {
        "summarizer": __version__,
        "schema": SCHEMA_VERSION,
        "backend": backend,
        "strict": strict,
        "report": report,
    }
    if backend == "offline":
        from summarizer.backends.offline import rules_version

        parts["offline"] = rules_version()
    else:
        parts.update(
            model=settings.model,
            mode=settings.mode,
            base_url=settings.base_url,
            max_chars=settings.max_chars,
            temperature=settings.temperature,
            prompt=load_prompts().version,
        )
    blob = json.dumps(parts, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def event_fingerprint(event: Event, signature: str) -> str:
    """A digest of the event's articles (paths and bytes), grouping and settings."""
    digest = hashlib.sha256(f"{signature}\n".encode())
    if event.grouping is not None:
        digest.update(event.grouping.model_dump_json().encode())
    for article in event.articles:
        digest.update(f"{article.path}\0{article.id}\0{article.sha256}\n".encode())
    for given in event.paths:
        path = Path(given)
        files = article_files(path)[0] if path.is_dir() else [path]
        for file in files:
            try:
                data = file.read_bytes()
            except OSError:
                data = b"\0unreadable"
            digest.update(f"{file}\0{hashlib.sha256(data).hexdigest()}\n".encode())
    return digest.hexdigest()[:32]


# --- the output folder --------------------------------------------------------------------


def check_out_dir(out_dir: Path, inputs: Sequence[PathLike]) -> None:
    """Refuse an output folder that overlaps the inputs, or cannot be made or written.

    Raises:
        ExportError: With what to do.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file; -o takes a folder for the records")
    target = out.resolve()
    for given in inputs:
        if str(given) == "-":
            continue
        source = Path(given).resolve()
        if target == source or (source.is_dir() and source in target.parents):
            raise ExportError(
                f"output folder {out} is inside the input {given}; its records would be read "
                "as articles next time: choose a folder outside the inputs"
            )
        if target in source.parents:
            raise ExportError(
                f"input {given} is inside the output folder {out}; outputs could overwrite it: "
                "choose another output folder"
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise ExportError(
            f"cannot write to {out} ({e.strerror or e.__class__.__name__}); choose another folder"
        ) from None


class OutputFolder:
    """OUT_DIR: `<id>.json` per event, reports, and `events.jsonl` in a stable order.

    Each finished event's line is appended to `events.jsonl` at once, so a run that is stopped
    keeps what it finished; at the end the file is rewritten sorted by id.
    """

    def __init__(self, path: Path, *, report: ReportFormat | None = None) -> None:
        self.path = Path(path)
        self.report = report
        self.lines: dict[str, dict[str, Any]] = {}
        self.previous: dict[str, dict[str, Any]] = self._read_lines()
        self._lock: IO[str] | None = None
        self._journal: IO[str] | None = None

    def _read_lines(self) -> dict[str, dict[str, Any]]:
        lines: dict[str, dict[str, Any]] = {}
        try:
            raw = (self.path / EVENTS_FILE).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return lines
        for text in raw.splitlines():
            try:
                line = json.loads(text)
            except json.JSONDecodeError:
                continue  # a line cut short by an interruption
            if isinstance(line, dict) and isinstance(line.get("id"), str):
                lines[line["id"]] = line
        return lines

    def previous_ids(self) -> dict[str, str]:
        """Article path → the event id it had in the earlier run."""
        owners: dict[str, str] = {}
        for event_id, line in sorted(self.previous.items()):
            for article in line.get("articles") or []:
                if isinstance(article, dict) and isinstance(article.get("path"), str):
                    owners.setdefault(article["path"], event_id)
        return owners

    def open(self) -> None:
        """Take the folder for this run; refuse when another run is writing into it."""
        import fcntl

        self._lock = (self.path / LOCK_FILE).open("w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            self._lock = None
            raise ExportError(
                f"{self.path} is being written by another summarizer batch; wait for it to "
                "finish or choose another folder"
            ) from None
        self._journal = (self.path / EVENTS_FILE).open("a", encoding="utf-8")

    def unchanged(self, event: Event, fingerprint: str) -> bool:
        """The earlier run finished this event, without failures, from the same inputs."""
        line = self.previous.get(event.id)
        if not line or line.get("fingerprint") != fingerprint or line.get("failures") != 0:
            return False
        files = [self.path / f"{event.id}.json"]
        if self.report:
            files.append(self.path / f"{event.id}.{self.report}")
        return all(f.is_file() for f in files)

    def keep(self, event: Event) -> ConsensusRecord:
        """Carry an unchanged event's line over and read its record back."""
        self.lines[event.id] = self.previous[event.id]
        text = (self.path / f"{event.id}.json").read_text(encoding="utf-8")
        return ConsensusRecord.model_validate_json(text)

    def write(self, result: EventResult, fingerprint: str) -> dict[str, Any]:
        """Write one event's record (and report) and append its line."""
        from summarizer.pipeline import record_json, write_report

        event, record = result.event, result.record
        target = self.path / f"{event.id}.json"
        if record.sources or not target.exists():  # never over a record when all failed
            write_text_atomic(target, record_json(record))
            if self.report:
                write_report(self.path / f"{event.id}.{self.report}", record)
        line: dict[str, Any] = {
            "id": event.id,
            "title": record.title if record.sources else event.name,
            "articles": [{"id": i, "path": p} for i, p in result.articles],
            "record": target.name,
            "conflicts": len(record.conflicts),
            "failures": result.failures,
        }
        if self.report:
            line["report"] = f"{event.id}.{self.report}"
        if event.grouping is not None:
            line["grouping"] = event.grouping.model_dump(mode="json")
        line["fingerprint"] = fingerprint
        self.lines[event.id] = line
        if self._journal is not None:
            self._journal.write(json.dumps(line, ensure_ascii=False) + "\n")
            self._journal.flush()
        return line

    def close(self) -> None:
        """Rewrite `events.jsonl` sorted by id, with this run's events only; release the lock."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        text = "".join(
            json.dumps(self.lines[k], ensure_ascii=False) + "\n"
            for k in sorted(self.lines, key=str.lower)
        )
        try:
            write_text_atomic(self.path / EVENTS_FILE, text)
        finally:
            if self._lock is not None:
                with contextlib.suppress(OSError):
                    os.unlink(self.path / LOCK_FILE)
                self._lock.close()
                self._lock = None


# --- running ------------------------------------------------------------------------------


def _settings(settings: Settings | None, overrides: dict[str, Any]) -> Settings:
    if settings is not None:
        return settings.model_copy(update={k: v for k, v in overrides.items() if v is not None})
    return load_settings(overrides)


async def run_plan(
    plan: Plan,
    settings: Settings,
    *,
    out_dir: PathLike | None = None,
    executor: str = "local",
    address: str | None = None,
    batch_api: bool = False,
    strict: bool = False,
    report: ReportFormat | None = None,
    client: openai.AsyncOpenAI | None = None,
    on_article: Callable[[ExtractionOutcome], None] | None = None,
    on_status: Callable[[str], None] | None = None,
    folder: OutputFolder | None = None,
) -> AsyncIterator[EventResult]:
    """Run a plan's events, yielding each result as it is done (unchanged ones first).

    With `out_dir`, each record is written as soon as its event finishes and events whose
    articles and settings did not change since the last run into that folder are skipped.
    """
    if folder is None and out_dir is not None:
        folder = OutputFolder(Path(out_dir), report=report)
    signature = settings_signature(settings, strict=strict, report=report)
    fingerprints = {e.id: event_fingerprint(e, signature) for e in plan.events}
    if folder is not None:
        folder.open()
    try:
        todo = []
        for event in plan.events:
            if folder is not None and folder.unchanged(event, fingerprints[event.id]):
                record = folder.keep(event)
                refs = [(a.id, a.path) for a in record.sources]
                yield EventResult(event, record, refs, skipped=True)
            else:
                todo.append(event)
        if not todo:
            return
        backend = None
        if batch_api:
            from summarizer.backends.batch_api import prepare_batch_answers

            if folder is None:
                raise ExportError("the Batch API keeps its state in the output folder; give -o")
            backend = await prepare_batch_answers(
                todo, settings, folder.path, client=client, on_status=on_status
            )
            client = None
        runner = make_executor(executor, settings, address=address, client=client, backend=backend)
        try:
            async for result in runner.map(todo, strict=strict, on_article=on_article):
                if folder is not None:
                    await asyncio.to_thread(folder.write, result, fingerprints[result.event.id])
                yield result
        finally:
            await runner.aclose()
            if backend is not None:
                await backend.aclose()
    finally:
        if folder is not None:
            folder.close()


async def summarize_many_async(
    paths: Sequence[PathLike],
    *,
    out_dir: PathLike | None = None,
    cluster: bool = False,
    cluster_threshold: float | None = None,
    executor: str = "local",
    address: str | None = None,
    batch_api: bool = False,
    strict: bool = False,
    report: ReportFormat | None = None,
    client: openai.AsyncOpenAI | None = None,
    settings: Settings | None = None,
    **options: Any,
) -> AsyncIterator[EventResult]:
    """Many events in, one `EventResult` (event and record) out per event as each is done.

    Args:
        paths: Folders whose sub-folders hold one event each, or (`cluster`) any articles.
        out_dir: Write `<id>.json` and `events.jsonl` there, skipping unchanged events.
        cluster: Group the articles into events by what they say, whatever the folders.
        cluster_threshold: Mean similarity a group of articles needs (default 0.13).
        executor: 'local' (this process) or 'ray' (a Ray cluster; `pip install '.[ray]'`).
        address: The Ray cluster to join (default `RAY_ADDRESS`, else a local one).
        batch_api: Send the uncached requests through OpenAI's Batch API first.
        strict: Drop records none of whose quotes are found in their article.
        report: Also write `<id>.md` or `<id>.html` into `out_dir`.
        client: An `openai.AsyncOpenAI` client to use (local executor).
        settings: Settings to use instead of flags / environment / `.env`.
        **options: Setting overrides, e.g. `model="gpt-4o-mini"`, `concurrency=32`.

    Raises:
        InputError: No event could be formed from the paths.
        ExportError: `out_dir` overlaps the inputs or cannot be written.
    """
    resolved = _settings(settings, options)
    folder = None
    if out_dir is not None:
        check_out_dir(Path(out_dir), paths)
        folder = OutputFolder(Path(out_dir), report=report)
    plan = plan_events(
        paths,
        cluster=cluster,
        threshold=cluster_threshold,
        max_bytes=resolved.max_bytes,
        previous=folder.previous_ids() if folder else None,
    )
    async for result in run_plan(
        plan,
        resolved,
        executor=executor,
        address=address,
        batch_api=batch_api,
        strict=strict,
        report=report,
        client=client,
        folder=folder,
    ):
        yield result


def summarize_many(paths: Sequence[PathLike], **options: Any) -> Iterator[EventResult]:
    """Many events in, one `EventResult` out per event as each is done.

    The events run in a background thread with their own event loop; see
    `summarize_many_async` for the arguments. Stopping the iteration early stops the run at
    once: the event in progress is cancelled (its answers so far stay cached), the events
    already yielded stay written.
    """
    results: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=1)
    stop = threading.Event()
    running: list[tuple[asyncio.AbstractEventLoop, asyncio.Task[None]]] = []

    def put(item: tuple[str, Any]) -> None:
        while not stop.is_set():
            try:
                results.put(item, timeout=0.1)
                return
            except queue.Full:
                continue

    async def pump() -> None:
        task = asyncio.current_task()
        assert task is not None
        running.append((asyncio.get_running_loop(), task))
        if stop.is_set():
            return
        async for result in summarize_many_async(paths, **options):
            await asyncio.to_thread(put, ("result", result))
            if stop.is_set():
                return

    def work() -> None:
        try:
            asyncio.run(pump())
        except asyncio.CancelledError:
            pass  # stopped by the caller
        except BaseException as e:
            put(("error", e))
        finally:
            put(("done", None))

    thread = threading.Thread(target=work, name="summarize_many", daemon=True)
    thread.start()
    try:
        while True:
            kind, value = results.get()
            if kind == "done":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        for loop, task in running:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(task.cancel)
        thread.join()


__all__ = [
    "EVENTS_FILE",
    "OutputFolder",
    "Plan",
    "check_out_dir",
    "event_fingerprint",
    "plan_events",
    "run_plan",
    "settings_signature",
    "summarize_many",
    "summarize_many_async",
]
