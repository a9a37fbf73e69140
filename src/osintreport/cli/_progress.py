"""Progress bars on stderr for big inputs (the ``progress`` extra: tqdm).

A bar is shown only when the input is big (:data:`BIG` characters or more), stderr is a
terminal, ``--quiet`` is not given and the output is text (never with ``--format json``,
``sarif`` or ``github``). Without tqdm installed, nothing is shown: the extra is optional.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TextIO

import attrs

from ..ruleset import Context, Hit, Rule, RuleSet
from ..streamed import no_progress

__all__ = ["BIG", "bar", "counted_lines", "ticking", "wanted"]

BIG = 5_000_000
"""Inputs of at least this many characters get a progress bar."""

Tick = Callable[[int], object]


def wanted(args: argparse.Namespace, size: int, stream: TextIO | None = None) -> bool:
    """Whether to show progress for an input of ``size`` characters."""
    err = stream if stream is not None else sys.stderr
    if getattr(args, "quiet", False) or getattr(args, "format", "text") != "text":
        return False
    return size >= BIG and err.isatty()


@contextlib.contextmanager
def bar(
    total: int,
    desc: str,
    unit: str,
    *,
    enabled: bool,
    stream: TextIO | None = None,
    step: int = 0,
) -> Iterator[Tick]:
    """A tqdm bar on stderr that the body advances with ``tick(n)``; a no-op when disabled.

    With ``step``, the total grows by ``step`` whenever the body goes past it (a command
    that reads its input once more than planned, as ``validate`` may); without, the bar
    stops at its total.
    """
    if not enabled:
        yield no_progress
        return
    try:
        from tqdm import tqdm
    except ImportError:  # the 'progress' extra is not installed: no bar, no noise
        yield no_progress
        return
    with tqdm(
        total=total,
        desc=desc,
        unit=unit,
        unit_scale=unit == "B",
        file=stream if stream is not None else sys.stderr,
        leave=False,
        dynamic_ncols=True,
    ) as progress:
        if step <= 0:
            yield progress.update
            return

        def tick(n: int) -> None:
            while progress.n + n > progress.total:
                progress.total += step
            progress.update(n)

        yield tick


def counted_lines(text: str, tick: Tick) -> Iterator[str]:
    """The lines of ``text`` (split at line feeds only), advancing ``tick`` by their length."""
    pending = 0
    for line in text.split("\n"):
        pending += len(line) + 1
        if pending >= 1 << 16:  # one update per 64 K characters keeps the bar cheap
            tick(pending)
            pending = 0
        yield line
    tick(pending)


def ticking(rules: RuleSet, tick: Tick) -> RuleSet:
    """The rules, each advancing ``tick`` by one when it has run."""

    def wrap(rule: Rule) -> Rule:
        check = rule.check

        def counted(ctx: Context) -> Iterable[Hit]:
            yield from check(ctx)
            tick(1)

        return attrs.evolve(rule, check=counted)

    return RuleSet(rules=tuple(wrap(r) for r in rules))
