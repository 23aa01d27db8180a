"""Growth ratios: how much longer work takes at 2n than at n, in the same run (never absolute times)."""

from __future__ import annotations

import gc
import time
from typing import Any, Callable


def growth(prepare: Callable[[int], Any], work: Callable[[Any], Any], n: int, rounds: int = 5) -> float:
    """How many times longer ``work(prepare(2n))`` takes than ``work(prepare(n))``: the least of ``rounds``
    interleaved timings of each (linear work gives about 2, quadratic about 4, cubic about 8). The garbage
    collector is paused while timing, as timeit does: its passes depend on everything else alive."""
    inputs = {size: prepare(size) for size in (n, 2 * n)}
    work(inputs[n])  # warm up imports and caches
    times: dict[int, list[float]] = {n: [], 2 * n: []}
    for _ in range(rounds):
        for size in (n, 2 * n):
            gc.collect()
            gc.disable()
            try:
                start = time.perf_counter()
                work(inputs[size])
                times[size].append(time.perf_counter() - start)
            finally:
                gc.enable()
    return min(times[2 * n]) / min(times[n])
