"""Reports for a person: a consensus record as Markdown or as a self-contained HTML page.

`view` decides what is shown (the lead facts, short source labels, which fields each kind of
entity has); `markdown` and `html` lay it out; `escape` makes every untrusted string inert for
the context it lands in. Layout code never writes untrusted text without `escape`.
"""

from __future__ import annotations

from summarizer.report.markdown import render_markdown
from summarizer.report.page import render_html

__all__ = ["render_html", "render_markdown"]
