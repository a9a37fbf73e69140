"""STIX import of a bundle of any size into a report file (private; see :mod:`osintreport.stix`).

:func:`convert_stix` writes what :class:`~osintreport.stix._import_stream.BundleStream`
reads, and falls back to the whole reader for the bundles it leaves to it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping

import attrs

from .._files import read_text
from .._gcpause import paused_gc
from .._json import refuse_lone_surrogates
from .._json_items import NeedsGeneralPathError
from ..errors import LoadError, Problem
from ..jsonl_convert import write_items
from ..model import COLLECTIONS
from ..serialization import Format, dump
from ..streamed import no_progress
from ._import import read_stix
from ._import_stream import BundleStream

__all__ = ["StixConverted", "convert_stix"]

Tick = Callable[[int], object]


@attrs.frozen(kw_only=True)
class StixConverted:
    """What :func:`~osintreport.stix.convert_stix` wrote.

    Attributes:
        problems: What could not be read as it was, as :attr:`StixRead.problems` lists it.
        counts: How many of each kind of item were written (``"events"``: 1000, ...).
    """

    problems: tuple[Problem, ...]
    counts: Mapping[str, int]


def convert_stix(
    source: str | os.PathLike[str],
    target: str | os.PathLike[str],
    format: Format,
    *,
    report_id: str | None = None,
    progress: Tick | None = None,
) -> StixConverted:
    """Write the report of the STIX bundle ``source`` to ``target`` as ``format``.

    The text is the one ``dump(read_stix(bundle).report, target)`` writes (with
    ``report_id`` as its id, when given), byte for byte, and the problems are the same.
    Memory holds digest tables of ids (about 70 bytes an object), not the objects:
    foreign objects wait on disk, and so do the objects the model has no place for, until
    they are written into ``x_stix_objects``. A bundle the streaming reader leaves to the
    whole one (a key repeated in the bundle itself, a lone surrogate escaped, no
    ``objects`` array, a model object written twice, as two exports put together hold
    it) is read whole.

    Args:
        source: The bundle (a JSON file).
        target: Where to write; written atomically (on any error it keeps its content).
        format: ``"json"``, ``"yaml"`` or ``"jsonl"``.
        report_id: The report's id, in place of the one the bundle gives.
        progress: Called with a number of bytes as the work goes on: twice the bundle's
            size in all (once for reading it, once for the foreign objects).

    Raises:
        LoadError: ``source`` cannot be read, is not JSON, or is not a STIX bundle.
        OSError: ``target`` cannot be written.
    """
    name = os.fspath(source)
    done = 0

    def tick(count: int) -> None:
        nonlocal done
        done += count
        (progress or no_progress)(count)

    stream = BundleStream(name, report_id, tick)
    try:
        with paused_gc():
            write_items(stream.items(), stream.header, target, format, lists=stream.lists)
    except NeedsGeneralPathError:
        return _whole(name, target, format, report_id)
    except (OSError, UnicodeDecodeError) as error:
        if isinstance(error, OSError) and error.filename != name:
            raise  # the target, or a temporary file: not the bundle
        problem = Problem(message=f"cannot read file: {error}", file=name)
        raise LoadError([problem]) from None
    except ValueError as error:  # a value the model refuses, as read_stix raises it
        raise LoadError([Problem(message=str(error), file=name)]) from None
    finally:
        stream.close()
    tick(max(0, 2 * stream.read_bytes - done))
    return StixConverted(problems=stream.problems(), counts=stream.counts)


def _whole(
    name: str, target: str | os.PathLike[str], format: Format, report_id: str | None
) -> StixConverted:
    """The bundle read whole, as :func:`read_stix` reads it."""
    text = read_text(name)
    try:
        data = json.loads(text)
        if "\\u" in text:
            refuse_lone_surrogates(data)  # UTF-8 cannot write them
        result = read_stix(data)
    except ValueError as error:
        raise LoadError([Problem(message=str(error), file=name)]) from None
    report = result.report
    if report_id:
        report = attrs.evolve(report, id=report_id)
    dump(report, target, format=format)
    counts = {kind: len(getattr(report, kind)) for kind in COLLECTIONS}
    return StixConverted(problems=result.problems, counts=counts)
