"""Settings: flags, then environment, then `.env`; the API key kept secret throughout."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from summarizer.errors import ConfigError

Backend = Literal["openai", "offline"]
Mode = Literal["tools", "json_schema", "json", "md_json"]

BACKENDS: tuple[str, ...] = ("openai", "offline")
MODES: tuple[str, ...] = ("tools", "json_schema", "json", "md_json")
DEFAULT_CACHE_DIR = ".summarizer-cache"
DEFAULT_MAX_BYTES = 5_000_000

# Environment variable → setting name. Every one is documented in `.env.example`.
ENVIRONMENT: dict[str, str] = {
    "OPENAI_API_KEY": "api_key",
    "OPENAI_BASE_URL": "base_url",
    "SUMMARIZER_BACKEND": "backend",
    "SUMMARIZER_MODEL": "model",
    "SUMMARIZER_MODE": "mode",
    "SUMMARIZER_CONCURRENCY": "concurrency",
    "SUMMARIZER_CACHE_DIR": "cache_dir",
    "SUMMARIZER_NO_CACHE": "no_cache",
    "SUMMARIZER_TIMEOUT": "timeout_s",
    "SUMMARIZER_MAX_ATTEMPTS": "max_attempts",
    "SUMMARIZER_REASKS": "reasks",
    "SUMMARIZER_MAX_BYTES": "max_bytes",
    "SUMMARIZER_MAX_CHARS": "max_chars",
    "SUMMARIZER_TEMPERATURE": "temperature",
    "SUMMARIZER_ARTICLE_TIMEOUT": "article_timeout_s",
    "SUMMARIZER_JUDGE": "judge",
}
# Settings whose command-line flag is not "--" + the name with dashes.
FLAGS: dict[str, str] = {"timeout_s": "--timeout", "article_timeout_s": "--article-timeout"}
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


class Settings(BaseModel):
    """Everything a run needs to know; build it with `load_settings`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    backend: Backend | None = Field(
        default=None,
        description="'openai' (any OpenAI-compatible server) or 'offline' (no model). None picks "
        "'openai' when a model or base URL is configured, else 'offline'.",
    )
    model: str | None = Field(default=None, description="Model name on the server.")
    base_url: str | None = Field(default=None, description="OpenAI-compatible server URL.")
    api_key: SecretStr | None = Field(default=None, description="Key for the server.")
    mode: Mode = Field(default="tools", description="How instructor asks for structured output.")
    concurrency: int = Field(default=4, ge=1, le=256, description="Articles in flight at once.")
    cache_dir: Path = Field(default=Path(DEFAULT_CACHE_DIR), description="Extraction cache.")
    no_cache: bool = Field(default=False, description="Neither read nor write the cache.")
    timeout_s: float = Field(
        default=120.0, gt=0, allow_inf_nan=False, description="Per-request timeout, seconds."
    )
    article_timeout_s: float = Field(
        default=600.0,
        gt=0,
        allow_inf_nan=False,
        description="Time budget of one article, retries included; an article over it is "
        "reported as failed and the others go on.",
    )
    max_attempts: int = Field(
        default=5, ge=1, le=20, description="Transport attempts per request (429, 5xx, timeouts)."
    )
    reasks: int = Field(
        default=2, ge=0, le=10, description="Re-asks when the model's answer is invalid."
    )
    max_bytes: int = Field(
        default=DEFAULT_MAX_BYTES, ge=1, description="Larger input files are refused, not read."
    )
    max_chars: int = Field(
        default=24_000,
        ge=2_000,
        description="Longer articles are split into overlapping chunks for the model.",
    )
    temperature: float = Field(
        default=0.0, ge=0, le=2, allow_inf_nan=False, description="Sampling temperature."
    )
    backoff_base_s: float = Field(
        default=1.0, ge=0, allow_inf_nan=False, description="First transport backoff."
    )
    backoff_max_s: float = Field(
        default=60.0, ge=0, allow_inf_nan=False, description="Longest transport backoff."
    )
    judge: bool = Field(
        default=False,
        description="Ask the model about value pairs the rules leave open (one call per entity "
        "with open pairs); needs a model, never runs with the offline backend.",
    )

    @property
    def resolved_backend(self) -> Backend:
        """The backend to use: explicit, else 'openai' when a model server is configured."""
        if self.backend is not None:
            return self.backend
        return "openai" if (self.model or self.base_url) else "offline"

    @property
    def implicit_offline(self) -> bool:
        """True when nobody asked for a backend and no model is configured."""
        return self.backend is None and self.resolved_backend == "offline"


# The shortest piece of a secret that counts as leaking it.
REDACT_MIN_CHARS = 8


def redact(text: str, secret: str | None) -> str:
    """Replace the secret, and every piece of it of 8 characters or more, with `<redacted>`.

    A server may echo a prefix, a suffix or a middle part of the key; each run of the text made
    of overlapping 8-character pieces of the secret is replaced (linear in the text's length).
    """
    if not secret:
        return text
    if len(secret) < REDACT_MIN_CHARS:
        return text.replace(secret, "<redacted>")
    size = REDACT_MIN_CHARS
    pieces = {secret[i : i + size] for i in range(len(secret) - size + 1)}
    covered = bytearray(len(text))
    for at in range(len(text) - size + 1):
        if text[at : at + size] in pieces:
            covered[at : at + size] = b"\x01" * size
    if not any(covered):
        return text
    out: list[str] = []
    at = 0
    while at < len(text):
        if covered[at]:
            while at < len(text) and covered[at]:
                at += 1
            out.append("<redacted>")
        else:
            out.append(text[at])
            at += 1
    return "".join(out)


def public_url(url: str) -> str:
    """A URL fit to print: no user name or password, no query (where keys often travel)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def _read_dotenv(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    from dotenv import dotenv_values

    try:
        values = dotenv_values(path)
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"cannot read {path}: {e.__class__.__name__}; fix or remove it") from e
    return {k: v for k, v in values.items() if v is not None}


def _parse_bool(value: str, variable: str) -> bool:
    word = value.strip().lower()
    if word not in _TRUE | _FALSE:
        raise ConfigError(
            f"invalid {variable} = {value.strip()!r}: give 1, true, yes or on (or 0, false, no, "
            "off)"
        )
    return word in _TRUE


def load_settings(
    overrides: Mapping[str, object] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    dotenv_path: Path | None = Path(".env"),
    named: Literal["flag", "argument"] = "flag",
) -> Settings:
    """Build settings from flags (`overrides`), then the environment, then `.env`.

    Args:
        overrides: Values given explicitly (e.g. CLI flags); None values are ignored.
        environ: The environment to read (default `os.environ`).
        dotenv_path: The `.env` file to read, never written; None to skip it.
        named: How errors name an override: as a command-line flag (`--max-attempts`) or as
            a keyword argument of a library call (`max_attempts=`).

    Raises:
        ConfigError: A value is invalid; the message names the setting and what is allowed.
    """
    env = dict(os.environ if environ is None else environ)
    layers: list[Mapping[str, str]] = []
    if dotenv_path is not None:
        layers.append(_read_dotenv(dotenv_path))
    layers.append(env)
    values: dict[str, object] = {}
    origin: dict[str, str] = {}
    for layer in layers:  # later layers win: environment over .env
        for variable, setting in ENVIRONMENT.items():
            raw = layer.get(variable)
            if raw is None or raw.strip() == "":
                continue
            flag = setting in ("no_cache", "judge")
            values[setting] = _parse_bool(raw, variable) if flag else raw.strip()
            origin[setting] = variable
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key] = value
            origin[key] = (
                FLAGS.get(key, "--" + key.replace("_", "-")) if named == "flag" else f"{key}="
            )
    secret = values.get("api_key")
    if isinstance(secret, str) and not secret.isascii():
        raise ConfigError(
            f"{origin.get('api_key', 'OPENAI_API_KEY')} holds a non-ASCII character (a "
            "typographic dash or quote?); paste the key again"
        )
    try:
        return Settings.model_validate(values)
    except ValidationError as e:
        error = e.errors()[0]
        setting = str(error["loc"][0]) if error["loc"] else "setting"
        where = origin.get(setting, setting)
        shown = "<hidden>" if setting == "api_key" else repr(values.get(setting))
        if error["type"] == "extra_forbidden":
            known = ", ".join(n for n in Settings.model_fields if n != "api_key")
            raise ConfigError(f"unknown setting {where}; the settings are: {known}") from None
        equals = "" if where.endswith("=") else " = "
        raise ConfigError(f"invalid {where}{equals}{shown}: {error['msg']}") from None


__all__ = [
    "BACKENDS",
    "ENVIRONMENT",
    "FLAGS",
    "MODES",
    "Settings",
    "load_settings",
    "public_url",
    "redact",
]
