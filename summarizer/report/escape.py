"""Untrusted text made inert for each place a report puts it: HTML, Markdown, embedded JSON.

Every string from an article, an extraction or a JSONL file is untrusted. The layout modules
never build markup from such a string themselves: they pass it through one of these functions,
chosen for the context the text lands in.

Control characters are replaced one for one by a visible stand-in, so that offsets into an
article's text stay valid after cleaning: C0 controls and DEL become their Unicode control
pictures (ESC shows as ␛, NUL as ␀), C1 controls and the bidirectional overrides that could
reorder what a reader sees become U+FFFD. Tab, line feed and carriage return are kept.
"""

from __future__ import annotations

import html
import json
import re

__all__ = [
    "clean",
    "html_attr",
    "html_text",
    "json_for_script",
    "md_cell",
    "md_inline",
    "one_line",
]

_REPLACEMENT = "\ufffd"
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return _REPLACEMENT


def clean(text: str) -> str:
    """`text` with each control character replaced by one visible character (same length)."""
    return _CONTROLS.sub(_stand_in, text)


def one_line(text: object) -> str:
    """`text` cleaned, with every run of whitespace (line breaks included) folded to a space."""
    return " ".join(clean(str(text)).split())


# --- HTML ---------------------------------------------------------------------------------


def html_text(text: object) -> str:
    """Text for an HTML element's content: cleaned and entity-escaped."""
    return html.escape(clean(str(text)), quote=False)


def html_attr(text: object) -> str:
    """Text for a double-quoted HTML attribute value."""
    return html.escape(one_line(text), quote=True)


def json_for_script(value: object) -> str:
    """JSON for a `<script type="application/json">` element: no sequence in it can close
    the element or open a comment, whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --- Markdown -----------------------------------------------------------------------------

# Characters that format, link, open HTML or start a block, escaped wherever they stand;
# "_" only where it can start or end emphasis (not inside snake_case words).
_MD_INLINE = re.compile(r"([\\`*\[\]<>|~]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9]))")
# An entity or numeric character reference that Markdown would decode: "&lt;", "&#60;".
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# What turns the start of a line into a list item, heading, quote or rule.
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def md_inline(text: object) -> str:
    """Text for Markdown prose or a list item: one line, nothing in it formats, links,
    renders as HTML, decodes as an entity, or starts a list, heading or quote."""
    out = _MD_INLINE.sub(r"\\\1", one_line(text))
    out = _MD_ENTITY.sub("&amp;", out)
    out = _MD_ORDERED.sub(r"\1\\\2", out)
    if out.startswith(("-", "+", "=", "#")):
        out = "\\" + out
    return out


def md_cell(text: object) -> str:
    """Text for a Markdown table cell: as `md_inline` (which escapes `|`, so no value can end
    its cell or add one), on one line. A cell that ends in an escaped backslash gets a space,
    or the table would read its closing `|` as escaped."""
    out = md_inline(text)
    return out + " " if out.endswith("\\") else out
