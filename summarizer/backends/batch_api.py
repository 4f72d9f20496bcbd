"""OpenAI's Batch API: the uncached requests of a whole batch run at half price, then replayed.

1. Collect: every event runs through the ordinary extraction with a client whose transport
   records the request instead of sending it, so each batch line is byte for byte the body the
   live path would send (messages, schema, mode, temperature). Cached articles ask nothing.
2. Submit: the lines go into JSONL files within the provider's limits (50,000 requests and
   200 MB per file), each uploaded (`purpose="batch"`) and started as one batch. The batch ids
   and states are kept in OUT_DIR/batch-api/state.json at once, so a stopped run polls the same
   batches when started again instead of paying twice.
3. Poll: with backoff, reporting the provider's request counts, until every batch has ended.
   Output and error files are saved next to the state; an expired or cancelled batch keeps the
   answers it finished.
4. Replay: the events run again with a backend that feeds each stored answer to the same
   openai + instructor code as a live answer (same validation, grounding and cache). An answer
   that is missing, failed or invalid is asked again through the live path.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import httpx2 as httpx  # the HTTP library this openai release is built on
import openai

from summarizer.backends.base import extract_each
from summarizer.backends.openai import LOCAL_KEY, OpenAIBackend
from summarizer.config import Settings
from summarizer.errors import BackendError, ConfigError, SummarizerError
from summarizer.events import Event
from summarizer.extraction import extract_batch
from summarizer.files import write_text_atomic
from summarizer.ingest import read_articles
from summarizer.records import Article, ArticleExtraction
from summarizer.usage import Usage

log = logging.getLogger("summarizer.batch_api")

ENDPOINT: Literal["/v1/chat/completions"] = "/v1/chat/completions"
COMPLETION_WINDOW: Literal["24h"] = "24h"
MAX_REQUESTS_PER_FILE = 50_000  # the provider's documented limits per input file
MAX_BYTES_PER_FILE = 200 * 1024 * 1024
POLL_INITIAL_S = 5.0
POLL_MAX_S = 60.0
POLL_FACTOR = 1.5
_sleep = asyncio.sleep  # between polls (tests replace it)
TERMINAL = frozenset({"completed", "failed", "expired", "cancelled"})
FOLDER = "batch-api"
STATE_FILE = "state.json"


def request_key(body: dict[str, Any]) -> str:
    """The custom_id of a request: a digest of its body, stable across runs."""
    blob = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:40]


class _Replay(httpx.AsyncBaseTransport):
    """A transport that records each request body and answers from stored completions."""

    def __init__(self, answers: dict[str, dict[str, Any]] | None = None) -> None:
        self.answers = answers or {}
        self.seen: dict[str, dict[str, Any]] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content or b"{}")
        key = request_key(body)
        answer = self.answers.get(key)
        if answer is None:
            self.seen[key] = body
            error = {"error": {"message": "no stored answer", "type": "not_found", "code": None}}
            return httpx.Response(418, json=error, request=request)
        return httpx.Response(200, json=answer, request=request)


def _replay_backend(settings: Settings, transport: _Replay) -> OpenAIBackend:
    """The live backend's code over a transport that never reaches the network."""
    client = openai.AsyncOpenAI(
        api_key=LOCAL_KEY,
        base_url=settings.base_url,
        max_retries=0,
        http_client=httpx.AsyncClient(transport=transport),
    )
    once = settings.model_copy(update={"reasks": 0, "max_attempts": 1})
    backend = OpenAIBackend(once, client=client)
    backend._owns_client = True  # the replay client is this module's own: close it
    return backend


class BatchAnswerBackend:
    """Answers from the finished batches; anything else (or invalid) through the live path."""

    name = "openai"
    in_processes = False

    def __init__(self, live: OpenAIBackend, replay: OpenAIBackend, answered: int) -> None:
        self.live = live
        self.replay = replay
        self.answered = answered
        self.used = 0
        self.fallbacks = 0

    @property
    def model(self) -> str | None:
        return self.live.model

    @property
    def priced(self) -> bool:
        return self.live.priced

    @property
    def version(self) -> str:
        return self.live.version

    @property
    def workers(self) -> int:
        return self.live.workers

    @property
    def prompt_version(self) -> str | None:
        return self.live.prompt_version

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        """Every article, stored answers first; failures stay in their slot."""
        return await extract_each(self.extract, articles, usages, failure=SummarizerError)

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        if self.answered:
            calls = usage.llm_calls
            try:
                result = await self.replay.extract(article, usage)
            except SummarizerError as e:
                if "418" in str(e):  # no stored answer: nothing was asked
                    usage.llm_calls = calls
                else:
                    log.info("batch answer unusable (%s); asking live", e)
            else:
                self.used += 1
                return result
        self.fallbacks += 1
        return await self.live.extract(article, usage)

    async def aclose(self) -> None:
        await self.replay.aclose()
        await self.live.aclose()


# --- the state kept in OUT_DIR ------------------------------------------------------------


@dataclass
class BatchState:
    """One submitted batch as OUT_DIR remembers it."""

    id: str
    input: str  # file name of the JSONL sent, under OUT_DIR/batch-api/
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None
    downloaded: bool = False
    counts: dict[str, int] = field(default_factory=dict)


class BatchFolder:
    """OUT_DIR/batch-api/: input files, output and error files, and state.json."""

    def __init__(self, out_dir: Path) -> None:
        self.path = Path(out_dir) / FOLDER
        self.path.mkdir(parents=True, exist_ok=True)
        self.batches: list[BatchState] = []
        state = self.path / STATE_FILE
        if state.is_file():
            try:
                data = json.loads(state.read_text(encoding="utf-8"))
                self.batches = [BatchState(**b) for b in data.get("batches", [])]
            except (ValueError, TypeError) as e:
                raise ConfigError(
                    f"{state} is damaged ({e.__class__.__name__}); remove it to start new batches"
                ) from None

    def save(self) -> None:
        data = {"batches": [vars(b) for b in self.batches]}
        write_text_atomic(self.path / STATE_FILE, json.dumps(data, indent=2) + "\n")

    def keys_of(self, batch: BatchState) -> set[str]:
        keys = set()
        with (self.path / batch.input).open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    keys.add(json.loads(line)["custom_id"])
        return keys

    def answers(self) -> dict[str, dict[str, Any]]:
        """custom_id → the stored chat completion, for every request that succeeded."""
        found: dict[str, dict[str, Any]] = {}
        for batch in self.batches:
            output = self.path / f"{batch.id}-output.jsonl"
            if not output.is_file():
                continue
            with output.open(encoding="utf-8") as lines:
                for line in lines:
                    try:
                        item = json.loads(line)
                        response = item.get("response") or {}
                        if response.get("status_code") == 200 and item.get("custom_id"):
                            found[item["custom_id"]] = response["body"]
                    except (ValueError, AttributeError):
                        continue
        return found


# --- collecting, submitting, polling ------------------------------------------------------


async def _collect(
    events: Sequence[Event], settings: Settings, known: set[str]
) -> list[dict[str, Any]]:
    """The request lines of every uncached article not already sent in a known batch."""
    transport = _Replay()
    collector = _replay_backend(settings, transport)
    try:
        for event in events:
            articles = (
                list(event.articles)
                or read_articles(list(event.paths), max_bytes=settings.max_bytes).articles
            )
            await extract_batch(articles, settings, backend=collector)
    finally:
        await collector.aclose()
    return [
        {"custom_id": key, "method": "POST", "url": ENDPOINT, "body": body}
        for key, body in transport.seen.items()
        if key not in known
    ]


def split_lines(
    lines: Sequence[dict[str, Any]],
    *,
    max_requests: int | None = None,
    max_bytes: int | None = None,
) -> list[bytes]:
    """JSONL files of at most `max_requests` lines and `max_bytes` bytes each."""
    max_requests = max_requests or MAX_REQUESTS_PER_FILE
    max_bytes = max_bytes or MAX_BYTES_PER_FILE
    files: list[bytes] = []
    current: list[bytes] = []
    size = 0
    for line in lines:
        blob = (json.dumps(line, ensure_ascii=False) + "\n").encode()
        if len(blob) > max_bytes:
            raise BackendError(
                f"one request is {len(blob):,} bytes, over the Batch API's file limit; "
                "lower SUMMARIZER_MAX_CHARS or run without --batch-api"
            )
        if current and (len(current) >= max_requests or size + len(blob) > max_bytes):
            files.append(b"".join(current))
            current, size = [], 0
        current.append(blob)
        size += len(blob)
    if current:
        files.append(b"".join(current))
    return files


def _client(settings: Settings) -> openai.AsyncOpenAI:
    key = settings.api_key.get_secret_value() if settings.api_key else None
    if key is None and settings.base_url is None:
        raise ConfigError("the Batch API needs OPENAI_API_KEY (or OPENAI_BASE_URL)")
    return openai.AsyncOpenAI(
        api_key=key or LOCAL_KEY, base_url=settings.base_url, timeout=settings.timeout_s
    )


def _describe(batch: BatchState) -> str:
    c = batch.counts
    done = f"{c.get('completed', 0)}/{c.get('total', 0)} done"
    failed = f", {c['failed']} failed" if c.get("failed") else ""
    return f"batch {batch.id}: {batch.status}, {done}{failed}"


async def _poll(
    client: openai.AsyncOpenAI, folder: BatchFolder, on_status: Callable[[str], None] | None
) -> None:
    delay = POLL_INITIAL_S
    while True:
        waiting = [b for b in folder.batches if b.status not in TERMINAL]
        for batch in waiting:
            found = await client.batches.retrieve(batch.id)
            batch.status = found.status
            batch.output_file_id = found.output_file_id
            batch.error_file_id = found.error_file_id
            if found.request_counts is not None:
                batch.counts = found.request_counts.model_dump()
            if on_status:
                on_status(_describe(batch))
        folder.save()
        if all(b.status in TERMINAL for b in folder.batches):
            return
        await _sleep(delay)
        delay = min(POLL_MAX_S, delay * POLL_FACTOR)


async def _download(client: openai.AsyncOpenAI, folder: BatchFolder) -> None:
    for batch in folder.batches:
        if batch.status not in TERMINAL or batch.downloaded:
            continue
        for file_id, suffix in ((batch.output_file_id, "output"), (batch.error_file_id, "errors")):
            if file_id:
                content = await client.files.content(file_id)
                (folder.path / f"{batch.id}-{suffix}.jsonl").write_bytes(content.content)
        if batch.status != "completed":
            log.warning("batch %s ended %s; its finished answers are kept", batch.id, batch.status)
        batch.downloaded = True
        folder.save()


async def prepare_batch_answers(
    events: Sequence[Event],
    settings: Settings,
    out_dir: Path,
    *,
    client: openai.AsyncOpenAI | None = None,
    on_status: Callable[[str], None] | None = None,
) -> BatchAnswerBackend:
    """Send every uncached request through the Batch API, wait, and return the replay backend.

    Raises:
        BackendError: The Batch API refused the files or the batches.
    """
    folder = BatchFolder(out_dir)
    known: set[str] = set()
    for batch in folder.batches:
        known |= folder.keys_of(batch)
    lines = await _collect(events, settings, known)
    api = client or _client(settings)
    try:
        if lines:
            for n, blob in enumerate(split_lines(lines), start=len(folder.batches) + 1):
                name = f"input-{n:04d}.jsonl"
                (folder.path / name).write_bytes(blob)
                uploaded = await api.files.create(file=(name, blob), purpose="batch")
                created = await api.batches.create(
                    input_file_id=uploaded.id,
                    endpoint=ENDPOINT,
                    completion_window=COMPLETION_WINDOW,
                )
                folder.batches.append(BatchState(id=created.id, input=name, status=created.status))
                folder.save()
                if on_status:
                    on_status(f"batch {created.id}: {len(blob.splitlines())} requests sent")
        await _poll(api, folder, on_status)
        await _download(api, folder)
    except openai.APIError as e:
        raise BackendError(f"the Batch API failed: {e.__class__.__name__}: {e}") from None
    finally:
        if client is None:
            await api.close()
    answers = folder.answers()
    live = OpenAIBackend(settings, client=client)
    return BatchAnswerBackend(live, _replay_backend(settings, _Replay(answers)), len(answers))


__all__ = [
    "BatchAnswerBackend",
    "BatchFolder",
    "prepare_batch_answers",
    "request_key",
    "split_lines",
]
