"""Hybrid logical clock: wall-clock milliseconds with a 16-bit counter in one integer.

Timestamps only grow on one device, and `observe` moves the clock past every timestamp seen in
remote ops, so a local edit made after an import always orders after what was imported, even
when this laptop's clock is behind.
"""

from __future__ import annotations

import time
from collections.abc import Callable

COUNTER_BITS = 16
_COUNTER_MASK = (1 << COUNTER_BITS) - 1


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


def hlc_ms(hlc: int) -> int:
    """The wall-clock milliseconds part of an HLC value."""
    return hlc >> COUNTER_BITS


class HybridClock:
    """Issues strictly increasing HLC values."""

    def __init__(self, last: int = 0, now_ms: Callable[[], int] = wall_ms) -> None:
        self.last = last
        self._now_ms = now_ms

    def tick(self) -> int:
        candidate = self._now_ms() << COUNTER_BITS
        self.last = candidate if candidate > self.last else self.last + 1
        return self.last

    def reserve(self, count: int) -> int:
        """Reserve `count` consecutive values for one batch of ops and return the first.

        The same values `count` calls of `tick` would give within one millisecond, at the cost
        of one clock reading.
        """
        first = self.tick()
        self.last = first + count - 1
        return first

    def observe(self, remote: int) -> None:
        if remote > self.last:
            self.last = remote
