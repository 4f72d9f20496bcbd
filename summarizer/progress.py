"""Progress bars on a terminal: rich bars, one per count; nothing when stderr is piped."""

from __future__ import annotations

import sys
from typing import Any, Self


class Bars:
    """One rich progress bar per named count, shown only on a terminal and when `enabled`."""

    def __init__(self, totals: dict[str, int], enabled: bool) -> None:
        self.bar: Any = None
        self.tasks: dict[str, Any] = {}
        if enabled and any(totals.values()) and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self.bar = Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.tasks = {name: self.bar.add_task(name, total=n) for name, n in totals.items()}

    def __enter__(self) -> Self:
        if self.bar:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar:
            self.bar.stop()

    def advance(self, name: str, steps: int = 1) -> None:
        if self.bar:
            self.bar.advance(self.tasks[name], steps)


__all__ = ["Bars"]
