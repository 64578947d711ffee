"""Median and p95 of a handful of samples: what a figure in the table is made of."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def median(samples: Sequence[float]) -> float | None:
    return statistics.median(samples) if samples else None


def percentile(samples: Sequence[float], fraction: float) -> float | None:
    """Linear interpolation between the closest ranks (numpy's default), so the p95 of
    seven runs lies between the two slowest rather than being the slowest alone."""
    if not samples:
        return None
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def p95(samples: Sequence[float]) -> float | None:
    return percentile(samples, 0.95)


def p99(samples: Sequence[float]) -> float | None:
    return percentile(samples, 0.99)
