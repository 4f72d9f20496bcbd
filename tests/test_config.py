"""Settings precedence and secrets."""

from __future__ import annotations

import pytest

from summarizer.config import load_settings
from summarizer.errors import ConfigError


def test_flags_then_environment_then_dotenv(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "SUMMARIZER_MODEL=from-dotenv\nSUMMARIZER_CONCURRENCY=3\nOPENAI_BASE_URL=http://dotenv/v1\n",
        encoding="utf-8",
    )
    environ = {"SUMMARIZER_MODEL": "from-env", "SUMMARIZER_CONCURRENCY": "7"}
    settings = load_settings({"concurrency": 9}, environ=environ, dotenv_path=dotenv)
    assert settings.model == "from-env"
    assert settings.concurrency == 9
    assert settings.base_url == "http://dotenv/v1"
    assert dotenv.read_text(encoding="utf-8").startswith("SUMMARIZER_MODEL=from-dotenv")


def test_backend_defaults_to_offline_without_a_model():
    settings = load_settings(environ={}, dotenv_path=None)
    assert settings.resolved_backend == "offline" and settings.implicit_offline
    with_model = load_settings({"model": "m"}, environ={}, dotenv_path=None)
    assert with_model.resolved_backend == "openai"
    local = load_settings(environ={"OPENAI_BASE_URL": "http://localhost:1/v1"}, dotenv_path=None)
    assert local.resolved_backend == "openai"


def test_invalid_values_name_the_variable():
    with pytest.raises(ConfigError, match="SUMMARIZER_CONCURRENCY"):
        load_settings(environ={"SUMMARIZER_CONCURRENCY": "lots"}, dotenv_path=None)
    with pytest.raises(ConfigError, match="--mode"):
        load_settings({"mode": "xml"}, environ={}, dotenv_path=None)


def test_the_key_is_never_shown():
    settings = load_settings(environ={"OPENAI_API_KEY": "sk-very-secret-123456"}, dotenv_path=None)
    assert "sk-very-secret" not in repr(settings)
    assert "sk-very-secret" not in settings.model_dump_json()
    assert settings.api_key is not None
    assert settings.api_key.get_secret_value() == "sk-very-secret-123456"


def test_openai_without_a_key_says_what_to_set():
    from summarizer.backends.openai import OpenAIBackend

    with pytest.raises(ConfigError, match="OPENAI_API_KEY"):
        OpenAIBackend(load_settings({"model": "gpt-4o-mini"}, environ={}, dotenv_path=None))
    with pytest.raises(ConfigError, match="SUMMARIZER_MODEL"):
        OpenAIBackend(load_settings({"backend": "openai"}, environ={}, dotenv_path=None))
