"""Prompt templates: files shipped with the package; their sha256 is the prompt version."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from string import Template

from summarizer.errors import ConfigError
from summarizer.records import Article

PROMPT_FILES = ("system.md", "user.md")
JUDGE_FILES = ("judge.md", "judge_user.md")
FENCE_MARKERS = ("<<<ARTICLE", "ARTICLE>>>")


@dataclass(frozen=True)
class Prompts:
    """The loaded templates and their version."""

    system: str
    user: str
    version: str
    folder: str


def prompts_folder() -> Path:
    """Where the templates are: inside the installed package, else the source checkout."""
    packaged = Path(str(resources.files("summarizer"))) / "prompts"
    if (packaged / PROMPT_FILES[0]).is_file():
        return packaged
    source = Path(__file__).resolve().parent.parent / "prompts"
    if (source / PROMPT_FILES[0]).is_file():
        return source
    raise ConfigError("prompt templates are missing from the installation; reinstall summarizer")


@lru_cache(maxsize=8)
def _load(folder: str, system: str, user: str) -> Prompts:
    """A pair of templates; the version hashes both names and texts."""
    digest = hashlib.sha256()
    texts = {}
    for name in (system, user):
        data = (Path(folder) / name).read_bytes()
        digest.update(name.encode() + b"\0" + data + b"\0")
        texts[name] = data.decode("utf-8")
    return Prompts(
        system=texts[system],
        user=texts[user],
        version=digest.hexdigest()[:16],
        folder=folder,
    )


def load_prompts(folder: Path | None = None) -> Prompts:
    """Load the templates (from `folder`, default the packaged ones)."""
    return _load(str(folder or prompts_folder()), *PROMPT_FILES)


def load_judge_prompts(folder: Path | None = None) -> Prompts:
    """Load the judge's templates; their own version, apart from the extraction prompts'."""
    return _load(str(folder or prompts_folder()), *JUDGE_FILES)


def _defang(text: str) -> str:
    """Keep the article from closing its own fence."""
    for marker in FENCE_MARKERS:
        text = text.replace(marker, marker.replace("ARTICLE", "ART\u200bICLE"))
    return text


def render_messages(
    article: Article,
    prompts: Prompts,
    *,
    text: str | None = None,
    chunk: tuple[int, int] | None = None,
) -> list[dict[str, str]]:
    """The chat messages for one article (or one chunk of it)."""
    note = ""
    if chunk is not None:
        note = (
            f"This is part {chunk[0]} of {chunk[1]} of a long article; extract what this part "
            "reports.\n"
        )
    user = Template(prompts.user).safe_substitute(
        article_id=article.id,
        published=article.published or "null",
        outlet=article.outlet or "null",
        headline=article.headline or "null",
        chunk_note=note,
        text=_defang(article.text if text is None else text),
    )
    return [
        {"role": "system", "content": prompts.system},
        {"role": "user", "content": user},
    ]


__all__ = ["Prompts", "load_judge_prompts", "load_prompts", "prompts_folder", "render_messages"]
