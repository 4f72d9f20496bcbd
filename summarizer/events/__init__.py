"""Events: which articles report one event, from folders or by clustering their content."""

from __future__ import annotations

from summarizer.events.discover import Event, events_from_folders, safe_id, unique_ids

__all__ = ["Event", "events_from_folders", "safe_id", "unique_ids"]
