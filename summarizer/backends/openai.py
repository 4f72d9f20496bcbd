"""The model backend: instructor over the openai client, for any OpenAI-compatible server."""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from instructor.v2.core import patch as instructor_patch
from instructor.v2.core.response_model import prepare_response_model
from instructor.v2.validation import async_validators
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from summarizer.backends.base import extract_each
from summarizer.backends.chunks import merge_extractions, split_article
from summarizer.config import Settings, public_url, redact
from summarizer.errors import BackendError, ConfigError, ExtractionError, SummarizerError
from summarizer.prompts import load_prompts, render_messages
from summarizer.records import Article, ArticleExtraction, Claim, Meeting, Proposal, Statement
from summarizer.usage import Usage

log = logging.getLogger("summarizer.backend")
# instructor logs every failed call at ERROR; we report failures ourselves, once, per article
logging.getLogger("instructor").addHandler(logging.NullHandler())

_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
RETRY_AFTER_CAP_S = 300.0


def retry_after_cap(settings: Settings) -> float:
    """The longest wait a server's `Retry-After` gets: the request timeout, at most 300 s."""
    return min(RETRY_AFTER_CAP_S, settings.timeout_s)


_USAGE: contextvars.ContextVar[Usage] = contextvars.ContextVar("summarizer_usage")
LOCAL_KEY = "not-needed"  # local servers (Ollama, vLLM, llama.cpp) accept any key

# instructor refuses response models with async validators, which it cannot run, by walking
# the model's classes, fields and annotations, three times per call (about 2 ms for
# ArticleExtraction). Our response models are walked once, when they are prepared; the walk is
# skipped for them afterwards and still made for any other model.
_VERIFIED: set[Any] = set()
_reject_async_validators = async_validators.reject_async_validators


def _reject_unless_verified(response_model: Any) -> None:
    try:
        if response_model in _VERIFIED:
            return
    except TypeError:  # an unhashable type expression: walk it
        pass
    _reject_async_validators(response_model)


async_validators.reject_async_validators = _reject_unless_verified
setattr(instructor_patch, "reject_async_validators", _reject_unless_verified)  # noqa: B010

# instructor wraps a response model in a new class (and builds its JSON schema) on every call
# unless it is given one it has already wrapped: wrap once, so its schema cache hits.
_PREPARED: dict[type[BaseModel], Any] = {}
R = TypeVar("R", bound=BaseModel)


def _prepared(model: type[BaseModel]) -> Any:
    if model not in _PREPARED:
        prepared = prepare_response_model(model)  # walks the model: refuses async validators
        _reject_async_validators(prepared)
        _VERIFIED.update((model, prepared))
        _PREPARED[model] = prepared
    return _PREPARED[model]


_prepared(ArticleExtraction)


def _http_client(settings: Settings) -> Any:
    """The HTTP client under the openai client: the SDK's aiohttp transport.

    With many requests in flight, httpx's own connection pool checks every pooled connection
    (a system call each) whenever a request is sent or a response closed, so at concurrency 64
    the client spends more time on its pool than on the requests; aiohttp's pool does not.
    """
    return openai.DefaultAioHttpClient(timeout=settings.timeout_s)


def _is_transient(error: BaseException) -> bool:
    if isinstance(error, (openai.APITimeoutError, openai.APIConnectionError)):
        return True
    if isinstance(error, openai.APIStatusError):
        return error.status_code in (408, 409, 425, 429) or error.status_code >= 500
    return False


def retry_after_seconds(error: BaseException) -> float | None:
    """The delay a 429 / 503 answer asks for (`retry-after-ms`, `Retry-After` seconds or date)."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(0.0, float(ms) / 1000)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _describe(error: BaseException, secret: str | None, base_url: str | None = None) -> str:
    at = f" at {public_url(base_url)}" if base_url else ""
    if isinstance(error, openai.APITimeoutError):
        text = (
            f"the request to the model server{at} timed out; raise --timeout "
            "(SUMMARIZER_TIMEOUT) or check the server"
        )
    elif isinstance(error, openai.APIConnectionError):
        text = (
            f"cannot connect to the model server{at}; check that it is running and reachable, "
            "and --base-url / OPENAI_BASE_URL"
        )
    elif isinstance(error, openai.AuthenticationError):
        text = "the server refused the API key (401); set a valid OPENAI_API_KEY"
    elif isinstance(error, openai.PermissionDeniedError):
        text = "the server denied access (403); check the key's permissions for this model"
    elif isinstance(error, openai.NotFoundError):
        text = "the server does not know this model or endpoint (404); check --model and --base-url"
    elif isinstance(error, openai.RateLimitError):
        text = "rate limited (429) on every attempt; lower --concurrency or try later"
    elif isinstance(error, openai.APIStatusError):
        body = error.body
        detail = body.get("message") if isinstance(body, dict) else None
        if isinstance(body, dict) and isinstance(body.get("error"), dict):
            detail = body["error"].get("message")
        text = f"the server answered {error.status_code}: {_short(str(detail or error.message))}"
    else:
        text = f"{error.__class__.__name__}: {_short(str(error))}"
    return redact(text, secret)


def _short(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _first_validation_problem(error: BaseException) -> str:
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ValidationError):
            first = cause.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "answer"
            return f"{where}: {first['msg']}"
        last = getattr(cause, "last_exception", None) or getattr(cause, "__cause__", None)
        cause = last if last is not cause else None
    return _short(str(error))


def check_about_article(article: Article, extraction: ArticleExtraction) -> None:
    """Refuse an answer none of whose passages is in the article: it is about something else.

    Raises:
        ExtractionError: Records were returned and not one of their quotes is in the text.
    """
    records: list[Meeting | Proposal | Statement | Claim] = [
        *extraction.meetings,
        *extraction.proposals,
        *extraction.statements,
        *extraction.claims,
    ]
    passages = [passage for record in records for passage in record.quotes]
    if not passages:
        return
    from summarizer.ground import align

    if any(align(article.text, passage, article.id) is not None for passage in passages):
        return
    raise ExtractionError(
        f"the model's answer does not match this article: none of the {len(passages)} quotes "
        f"of its {len(records)} records is in the text; not cached, re-run to retry"
    )


class OpenAIBackend:
    """Fills `ArticleExtraction` through instructor, retrying transport faults with tenacity.

    Transport faults (429, 5xx, timeouts, dropped connections) are retried here, with
    exponential backoff, jitter and the server's `Retry-After`; the openai client's own retries
    are off so attempts never multiply. Invalid answers are re-asked by instructor. Articles
    longer than `max_chars` are sent in overlapping chunks whose records are merged.
    """

    name = "openai"
    in_processes = False

    def __init__(
        self,
        settings: Settings,
        *,
        client: openai.AsyncOpenAI | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        if not settings.model:
            raise ConfigError(
                "no model configured; pass --model NAME or set SUMMARIZER_MODEL "
                "(and OPENAI_BASE_URL for a server other than OpenAI)"
            )
        self.settings = settings
        self.model = settings.model
        self._secret = settings.api_key.get_secret_value() if settings.api_key else None
        self._owns_client = client is None
        if client is None:
            if self._secret is None and settings.base_url is None:
                raise ConfigError(
                    "no API key for OpenAI; set OPENAI_API_KEY, or set OPENAI_BASE_URL to a "
                    "local OpenAI-compatible server, or use --backend offline"
                )
            client = openai.AsyncOpenAI(
                api_key=self._secret or LOCAL_KEY,
                base_url=settings.base_url,
                timeout=settings.timeout_s,
                max_retries=0,
                http_client=_http_client(settings),
            )
        else:
            client = client.with_options(max_retries=0, timeout=settings.timeout_s)
        self.client = client
        self._sleep = sleep
        self._create: Any = instructor.patch(
            create=self._create_with_retries, mode=_MODES[settings.mode]
        )
        self.prompts = load_prompts()

    @property
    def workers(self) -> int:
        """Articles in flight at once (`--concurrency`)."""
        return self.settings.concurrency

    @property
    def prompt_version(self) -> str:
        """The hash of the prompt templates."""
        return self.prompts.version

    @property
    def version(self) -> str:
        """Prompts, output mode, chunk size and server: what besides the article shapes answers."""
        s = self.settings
        return (
            f"prompt={self.prompts.version};mode={s.mode};max_chars={s.max_chars};"
            f"base_url={s.base_url or ''}"
        )

    @property
    def priced(self) -> bool:
        """Whether the price table applies: OpenAI's own API, not a local or other server."""
        base = str(self.client.base_url)
        return "api.openai.com" in base

    async def _create_with_retries(self, *args: Any, **kwargs: Any) -> Any:
        usage = _USAGE.get()
        settings = self.settings

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            asked = retry_after_seconds(error) if error else None
            if asked is not None:
                cap = retry_after_cap(settings)
                if asked > cap:
                    log.warning(
                        "the server asked to wait %.0f s before retrying; waiting %g s instead "
                        "(capped at the --timeout)",
                        asked,
                        cap,
                    )
                return float(min(asked, cap))
            backoff: float = settings.backoff_base_s * 2.0 ** (state.attempt_number - 1)
            return float(min(settings.backoff_max_s, backoff) * (0.5 + random.random() / 2))

        def before_sleep(state: RetryCallState) -> None:
            usage.retries += 1
            error = state.outcome.exception() if state.outcome else None
            log.info(
                "retrying after %s (attempt %d of %d)",
                _describe(error, self._secret, str(self.client.base_url)) if error else "an error",
                state.attempt_number,
                settings.max_attempts,
            )

        options: dict[str, Any] = {"sleep": self._sleep} if self._sleep else {}
        retrying = AsyncRetrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(settings.max_attempts),
            wait=wait,
            before_sleep=before_sleep,
            reraise=True,
            **options,
        )
        async for attempt in retrying:
            with attempt:
                usage.llm_calls += 1
                return await self.client.chat.completions.create(*args, **kwargs)
        raise AssertionError("unreachable")  # pragma: no cover

    async def extract(self, article: Article, usage: Usage) -> ArticleExtraction:
        """One article's records (in chunks when it is long), adding what it cost to `usage`.

        Raises:
            BackendError: The server failed after every transport attempt, or refused.
            ExtractionError: The answer stayed invalid, or is about another article.
        """
        chunks = split_article(article, self.settings.max_chars)
        parts = []
        for number, chunk in enumerate(chunks, start=1):
            messages = render_messages(
                article,
                self.prompts,
                text=chunk.text,
                chunk=(number, len(chunks)) if len(chunks) > 1 else None,
            )
            parts.append(await self.ask(messages, usage))
        extraction = merge_extractions(parts)
        check_about_article(article, extraction)
        update: dict[str, Any] = {}
        if article.published and not extraction.published:
            update["published"] = article.published
        if article.outlet and not extraction.outlet:
            update["outlet"] = article.outlet
        if article.headline and not extraction.headline:
            update["headline"] = article.headline
        return extraction.model_copy(update=update) if update else extraction

    async def extract_many(
        self, articles: Sequence[Article], usages: Sequence[Usage]
    ) -> list[ArticleExtraction | Exception]:
        """Every article, at most `concurrency` at a time; failures stay in their slot."""
        gate = asyncio.Semaphore(self.settings.concurrency)
        return await extract_each(
            self.extract, articles, usages, failure=SummarizerError, gate=gate
        )

    async def ask(self, messages: list[dict[str, str]], usage: Usage) -> ArticleExtraction:
        """Ask the model for one article's records, adding what it cost to `usage`.

        Raises:
            BackendError: The server failed after every transport attempt, or refused.
            ExtractionError: The answer stayed invalid after every re-ask.
        """
        return await self.ask_for(messages, ArticleExtraction, usage)

    async def ask_for(
        self, messages: list[dict[str, str]], response_model: type[R], usage: Usage
    ) -> R:
        """Ask the model to fill `response_model`, adding what it cost to `usage`.

        Raises:
            BackendError: The server failed after every transport attempt, or refused.
            ExtractionError: The answer stayed invalid after every re-ask.
        """
        reasks_before = usage.reasks
        token = _USAGE.set(usage)
        hooks = Hooks()

        def on_response(response: Any) -> None:
            counted = getattr(response, "usage", None)
            if counted is not None:
                usage.input_tokens += getattr(counted, "prompt_tokens", 0) or 0
                usage.output_tokens += getattr(counted, "completion_tokens", 0) or 0

        def on_parse_error(error: Exception, *, is_last_attempt: bool = False, **_: Any) -> None:
            if not is_last_attempt:  # a re-ask follows
                usage.reasks += 1

        hooks.on("completion:response", on_response)
        hooks.on("parse:error", on_parse_error)
        try:
            result = await self._create(
                model=self.model,
                messages=messages,
                response_model=_prepared(response_model),
                max_retries=self.settings.reasks,
                temperature=self.settings.temperature,
                hooks=hooks,
            )
        except openai.APIError as e:
            raise self._backend_error(e) from None
        except IncompleteOutputException:
            raise ExtractionError(
                "the model's answer was cut off (output token limit); use a model with a "
                "larger output limit or lower SUMMARIZER_MAX_CHARS"
            ) from None
        except InstructorRetryException as e:
            cause = getattr(e, "__cause__", None)
            if isinstance(cause, openai.APIError):
                raise self._backend_error(cause) from None
            raise ExtractionError(
                redact(
                    f"the model's answer was invalid after {self.settings.reasks + 1} attempts "
                    f"({_first_validation_problem(e)})",
                    self._secret,
                )
            ) from None
        except (ValidationError, ValueError) as e:
            raise ExtractionError(
                redact(
                    f"the model's answer was invalid ({_first_validation_problem(e)})", self._secret
                )
            ) from None
        finally:
            _USAGE.reset(token)
            usage.retries += usage.reasks - reasks_before
        if not isinstance(result, response_model):  # pragma: no cover - instructor contract
            raise ExtractionError(f"the model returned no {response_model.__name__}")
        # instructor returns a subclass carrying the raw response; keep only the record, whose
        # fields it has validated already
        fields = {name: getattr(result, name) for name in response_model.model_fields}
        return response_model.model_construct(result.model_fields_set, **fields)

    def _backend_error(self, error: openai.APIError) -> BackendError:
        message = _describe(error, self._secret, str(self.client.base_url))
        if _is_transient(error):
            attempts = self.settings.max_attempts
            message += f" (after {attempts} attempt{'s' if attempts != 1 else ''}"
            asked = retry_after_seconds(error)
            cap = retry_after_cap(self.settings)
            if asked is not None and asked > cap:
                message += f"; the server asked to wait {asked:.0f} s, capped at {cap:g} s"
            message += ")"
        return BackendError(message)

    async def aclose(self) -> None:
        """Close the client if this backend made it; an injected client stays the caller's."""
        if self._owns_client:
            await self.client.close()


__all__ = ["OpenAIBackend", "check_about_article", "retry_after_cap", "retry_after_seconds"]
