"""Growth ratios: how much longer work takes at 2n than at n, in the same run (never absolute times)."""

from __future__ import annotations

import gc
import time
from typing import Any, Callable


def growth(
    prepare: Callable[[int], Any],
    work: Callable[[Any], Any],
    n: int,
    rounds: int = 5,
    below: float | None = None,
    attempts: int = 3,
) -> float:
    """How many times longer ``work(prepare(2n))`` takes than ``work(prepare(n))``: the least of ``rounds``
    interleaved timings of each (linear work gives about 2, quadratic about 4, cubic about 8). The garbage
    collector is paused while timing, as timeit does: its passes depend on everything else alive. The time is
    this process's CPU time, so that other processes on a busy machine do not count.

    With ``below``, a ratio at or over it is measured again, up to ``attempts`` times in all, and the least is
    given: another process's burst can only slow one size down, while superlinear work is over the bound in
    every attempt (so a test asserting ``< below`` still fails on it)."""
    inputs = {size: prepare(size) for size in (n, 2 * n)}
    ratio = _ratio(inputs, work, n, rounds)
    for _ in range(attempts - 1 if below is not None else 0):
        if ratio < below:  # type: ignore[operator]
            break
        ratio = min(ratio, _ratio(inputs, work, n, rounds))
    return ratio


def _ratio(inputs: dict[int, Any], work: Callable[[Any], Any], n: int, rounds: int) -> float:
    work(inputs[n])  # warm up imports and caches
    times: dict[int, list[float]] = {n: [], 2 * n: []}
    for _ in range(rounds):
        for size in (n, 2 * n):
            gc.collect()
            gc.disable()
            try:
                start = time.process_time()
                work(inputs[size])
                times[size].append(time.process_time() - start)
            finally:
                gc.enable()
    return min(times[2 * n]) / min(times[n])
