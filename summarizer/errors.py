"""The errors the library raises: one base class and a few kinds below it."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error the library raises on purpose; its message says what to do."""


class ConfigError(SummarizerError):
    """A setting is missing or invalid (flag, environment variable or `.env`)."""


class InputError(SummarizerError):
    """An input article or file cannot be used."""


class BackendError(SummarizerError):
    """The model server failed or refused, after retries."""


class ExtractionError(SummarizerError):
    """The model's answer could not be turned into a valid record."""


class ExportError(SummarizerError):
    """An output file cannot be written."""


__all__ = [
    "BackendError",
    "ConfigError",
    "ExportError",
    "ExtractionError",
    "InputError",
    "SummarizerError",
]
