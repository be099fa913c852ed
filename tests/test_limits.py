"""Work run with limits: its result, its exception, or a stop when it runs too long or
asks for too much memory; the worker that asked goes on either way."""

import mmap
import time

import pytest

from trainer.core.limits import LimitExceeded, run_limited

MEGABYTE = 1024 * 1024


def add(a: int, b: int) -> int:
    return a + b


def fail() -> None:
    raise ValueError("bad input")


def sleep_long() -> None:
    time.sleep(60)


def spin() -> None:
    while True:
        pass


def allocate() -> int:
    return len(bytearray(2048 * MEGABYTE))


def allocate_a_little() -> int:
    return len(bytearray(64 * MEGABYTE))


def test_the_result_comes_back():
    assert run_limited(add, 2, 3, seconds=10, memory_bytes=512 * MEGABYTE) == 5


def test_an_exception_is_raised_in_the_caller():
    with pytest.raises(ValueError, match="bad input"):
        run_limited(fail, seconds=10, memory_bytes=512 * MEGABYTE)


@pytest.mark.parametrize("work", [sleep_long, spin], ids=["waiting", "computing"])
def test_work_that_runs_past_its_time_is_stopped(work):
    with pytest.raises(LimitExceeded):
        run_limited(work, seconds=1, memory_bytes=512 * MEGABYTE)


def test_work_that_needs_too_much_memory_is_stopped():
    with pytest.raises(LimitExceeded):
        run_limited(allocate, seconds=10, memory_bytes=512 * MEGABYTE)


def test_work_runs_in_a_worker_that_already_holds_a_large_address_space():
    """A server process with many threads and libraries reserves more address space
    than the work is allowed; the limit counts only what the work itself takes."""
    reserved = mmap.mmap(-1, 1536 * MEGABYTE)  # reserved, never touched
    try:
        work = run_limited(allocate_a_little, seconds=10, memory_bytes=512 * MEGABYTE)
        assert work == 64 * MEGABYTE
        with pytest.raises(LimitExceeded):
            run_limited(allocate, seconds=10, memory_bytes=512 * MEGABYTE)
    finally:
        reserved.close()
