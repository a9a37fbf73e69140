"""Pause Python's cyclic garbage collector while a large object graph is built (private).

Reading a document builds a tree of many small objects that live on: YAML nodes and marks,
dicts, model objects. CPython's cyclic collector runs a pass every few hundred allocations
and, as the tree grows, keeps walking all of it again; on a 1 MB YAML document of short
claims that walking is most of the time (compose 1.9 s with it, 0.5 s without, on our
machine). The trees hold no reference cycles worth collecting mid-read, so the readers, the
writers, ingest and validation pause the collector for the duration and resume it after, as
:mod:`timeit` does while timing.

Reference counting still frees memory at once; only the cycle search waits. The pause is
process-wide: a read in another thread meanwhile also runs without it, and a program that
itself turns the collector off during a read finds it on again afterwards.
"""

from __future__ import annotations

import gc

__all__ = ["paused_gc"]


class paused_gc:  # noqa: N801 - used like a function: ``with paused_gc():``
    """Run the block with the cyclic collector paused; switched back on after, if it was on.

    A small class rather than a generator-based context manager: it is entered once per
    record when reading JSON Lines.
    """

    __slots__ = ("_was_enabled",)

    def __enter__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self._was_enabled:
            gc.enable()
