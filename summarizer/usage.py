"""Usage accounting: model calls, retries, tokens and cost, summed across articles."""

from __future__ import annotations

from dataclasses import dataclass

# USD per million tokens (input, output) for OpenAI's hosted models; other servers: unknown.
PRICES_PER_MILLION: dict[str, tuple[float, float]] = {
    "gpt-4o": (2.50, 10.00),
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4.1": (2.00, 8.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-5": (1.25, 10.00),
    "gpt-5-mini": (0.25, 2.00),
    "gpt-5-nano": (0.05, 0.40),
    "o4-mini": (1.10, 4.40),
    "o3": (2.00, 8.00),
}


def price_of(model: str | None) -> tuple[float, float] | None:
    """Prices for a model name, also for dated variants such as `gpt-4o-mini-2024-07-18`."""
    if not model:
        return None
    name = model.lower().removeprefix("openai/")
    for known in sorted(PRICES_PER_MILLION, key=len, reverse=True):
        if name == known or name.startswith(known + "-20"):
            return PRICES_PER_MILLION[known]
    return None


@dataclass
class Usage:
    """What extracting one or more articles cost."""

    llm_calls: int = 0
    retries: int = 0
    reasks: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cache_hits: int = 0

    def add(self, other: Usage) -> None:
        self.llm_calls += other.llm_calls
        self.retries += other.retries
        self.reasks += other.reasks
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cache_hits += other.cache_hits

    def cost_usd(self, model: str | None, *, priced: bool = True) -> float | None:
        """Cost in USD, or None when the model's price is unknown (or not `priced`)."""
        prices = price_of(model) if priced else None
        if prices is None:
            return None
        cost = self.input_tokens * prices[0] / 1e6 + self.output_tokens * prices[1] / 1e6
        return round(cost, 6)


__all__ = ["PRICES_PER_MILLION", "Usage", "price_of"]
