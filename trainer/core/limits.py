"""Running untrusted work in a child process with a time and a memory limit, so that no
input can hold a worker: the child is killed when its time is up."""

import multiprocessing
import os
import resource
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any


class LimitExceeded(Exception):
    """The work ran out of time or memory and was stopped."""


def run_limited(work: Callable[..., Any], *args: Any, seconds: float, memory_bytes: int) -> Any:
    """`work(*args)` in a forked child limited to `seconds` of wall time and CPU and
    `memory_bytes` of address space beyond what it inherits; its result (which must
    pickle) or LimitExceeded. An exception inside the work is raised here as it was
    raised there."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(sender, work, args, seconds, memory_bytes), daemon=True
    )
    child.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise LimitExceeded(f"stopped after {seconds:g} s")
        outcome, value = receiver.recv()
    except EOFError as error:  # the child died: out of memory or CPU
        raise LimitExceeded("stopped: out of memory or time") from error
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if outcome == "error":
        raise value
    return value


def _child(
    sender: Connection, work: Callable[..., Any], args: tuple, seconds: float, memory: int
) -> None:
    cpu = max(1, int(seconds) + 1)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    # The child starts with its parent's address space (libraries, thread stacks, malloc
    # arenas), which in a busy server can pass any fixed limit: the work's own memory
    # is counted on top of it. A limit below the inherited size made allocations fail
    # in C code, which surfaced as SystemError instead of a stop.
    address_space = _inherited_address_space() + memory
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    try:
        result: tuple[str, Any] = ("ok", work(*args))
    except MemoryError:
        return
    except Exception as error:  # handed to the parent, which raises it
        result = ("error", error)
    sender.send(result)
    sender.close()


def _inherited_address_space() -> int:
    """This process's virtual memory size in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")
