"""Timing for the in-process benchmarks: one run, the best or the median of several."""

import statistics
import time
from collections.abc import Callable

Work = Callable[[], object]


def timed(work: Work) -> float:
    """Seconds `work` takes once."""
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def best_of(runs: int, work: Work) -> float:
    return min(timed(work) for _ in range(runs))


def best_of_pair(runs: int, floor: Work, work: Work) -> tuple[float, float]:
    """Best times of the floor and the work, taken in turns so both meet the same load."""
    pairs = [(timed(floor), timed(work)) for _ in range(runs)]
    return min(f for f, _ in pairs), min(w for _, w in pairs)


def median_ms(runs: int, work: Work) -> float:
    return statistics.median(timed(work) for _ in range(runs)) * 1000
