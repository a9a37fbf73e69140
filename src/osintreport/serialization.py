"""Reading and writing model objects as YAML, JSON and JSON Lines.

``load``/``dump`` pick the format from the file suffix (``.yaml``, ``.yml``, ``.json``,
``.jsonl``, ``.ndjson``); ``loads``/``dumps`` take the format by name. All of them go through
the one converter in :mod:`osintreport._converter`.

Output is deterministic: fields in declared order, defaults left out, unicode written as is,
``schema_version`` always present. Loading reports every problem in a document at once as a
:class:`~osintreport.errors.LoadError`; no ``KeyError``, ``TypeError`` or parser exception
escapes. Writing a file is atomic.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, TypeVar, overload

import yaml

from . import _json, _yaml
from ._converter import CONVERTER
from ._data_paths import InvalidData, render_path
from ._files import atomic_writer, decode, read_text
from ._gcpause import paused_gc
from .errors import LoadError, Problem, SchemaVersionError, UnsupportedFormatError
from .migration import migrate_record, migrate_report
from .model import SCHEMA_VERSION, Event, Report
from .redaction import redact
from .vocab import Tlp

__all__ = [
    "FORMATS",
    "Format",
    "dump",
    "dumps",
    "format_for",
    "load",
    "loads",
    "structure",
    "unstructure",
]

T = TypeVar("T")
Format = Literal["yaml", "json", "jsonl"]
FORMATS: dict[str, Format] = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
"""File suffixes and the format each one means."""


def format_for(path: str | os.PathLike[str]) -> Format:
    """Return the format a file suffix stands for.

    Raises:
        UnsupportedFormatError: The suffix is not one of :data:`FORMATS`.
    """
    suffix = Path(path).suffix.lower()
    try:
        return FORMATS[suffix]
    except KeyError:
        known = ", ".join(FORMATS)
        raise UnsupportedFormatError(
            f"{os.fspath(path)}: cannot tell the format from suffix {suffix!r}; "
            f"use one of {known} or pass format="
        ) from None


def _check_format(format: str) -> Format:
    if format not in ("yaml", "json", "jsonl"):
        raise UnsupportedFormatError(f"unknown format {format!r}; use 'yaml', 'json' or 'jsonl'")
    return format  # type: ignore[return-value]


def check_schema_version(data: Any, *, file: str | None = None, line: int | None = None) -> None:
    """Refuse a report document whose ``schema_version`` this release cannot read.

    A missing version is read as the current one. Every document this release writes
    carries the version, so a later release can migrate it.

    Raises:
        SchemaVersionError: The version is newer than :data:`~osintreport.SCHEMA_VERSION`,
            or is not a known version.
    """
    if not isinstance(data, dict) or "schema_version" not in data:
        return
    version = data["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool):
        if version > SCHEMA_VERSION:
            message = (
                f"schema_version {version} is newer than this osintreport reads "
                f"({SCHEMA_VERSION}); upgrade with: pip install -U osintreport"
            )
        elif version < 1:
            message = f"schema_version {version} is unknown; the first version is 1"
        else:
            return
    else:
        message = f"expected schema_version to be an int like {SCHEMA_VERSION}, got {version!r}"
    problem = Problem(message=message, path="$.schema_version", file=file, line=line)
    raise SchemaVersionError([problem])


@overload
def structure(data: Any, cls: None = None, *, file: str | None = None) -> Report: ...
@overload
def structure(data: Any, cls: type[T], *, file: str | None = None) -> T: ...
def structure(data: Any, cls: type[Any] | None = None, *, file: str | None = None) -> Any:
    """Turn plain data (dicts, lists, strings, numbers) into a model object.

    Args:
        data: The data, as parsed from YAML or JSON.
        cls: The model class to build; :class:`~osintreport.Report` by default.
        file: A file name to put in error messages.

    Returns:
        The model object.

    Raises:
        LoadError: Every problem found, each with its path.
    """
    return _structure(data, cls or Report, file=file, line=None)


_HOOKS: dict[type, Callable[[Any, Any], Any]] = {}


def _hook(cls: type) -> Callable[[Any, Any], Any]:
    """The converter's structuring hook for ``cls``, looked up once."""
    hook = _HOOKS.get(cls)
    if hook is None:
        hook = _HOOKS[cls] = CONVERTER.get_structure_hook(cls)
    return hook


def _structure(
    data: Any, cls: type[T], *, file: str | None, line: int | None, migrate: bool = True
) -> T:
    if migrate:  # JSON Lines readers migrate each record themselves, knowing the version
        if cls is Report:
            check_schema_version(data, file=file, line=line)
            data = migrate_report(data)
        elif cls is Event:
            data = migrate_record("event", data, None)
    try:
        with paused_gc():
            result: T = _hook(cls)(data, cls)
    except InvalidData as error:
        raise LoadError(
            [
                Problem(message=message, path=render_path(path), file=file, line=line)
                for path, message in error.problems
            ]
        ) from None
    except RecursionError:
        raise LoadError(
            [Problem(message="document nests too deeply", file=file, line=line)]
        ) from None
    return result


def unstructure(obj: Any) -> Any:
    """Turn a model object into plain data ready for JSON or YAML (defaults left out)."""
    return CONVERTER.unstructure(obj)


def parse_text(text: str, format: Format, *, file: str | None = None, decoded: bool = False) -> Any:
    """Parse YAML or JSON text into plain data.

    ``decoded`` says the text came through :func:`~osintreport._files.decode` (see
    :func:`osintreport._json.parse`).

    Raises:
        LoadError: The text is not valid YAML/JSON; the problem carries the line.
    """
    try:
        if format == "yaml":
            return _yaml.parse(text)
        return _json.parse(text, decoded=decoded)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(part for part in (error.context, error.problem) if part)
        raise LoadError(
            [Problem(message=f"invalid YAML: {message}", file=file, line=line)]
        ) from None
    except yaml.YAMLError as error:
        raise LoadError([Problem(message=f"invalid YAML: {error}", file=file)]) from None
    except RecursionError:
        raise LoadError([Problem(message="document nests too deeply", file=file)]) from None
    except _json.LoneSurrogateError as error:
        path = render_path(error.path)
        raise LoadError([Problem(message=str(error), path=path, file=file)]) from None
    except ValueError as error:  # json.JSONDecodeError, huge integers, NaN
        line = getattr(error, "lineno", None)
        label = "JSON" if format != "yaml" else "YAML"
        message = getattr(error, "msg", None) or str(error)
        raise LoadError(
            [Problem(message=f"invalid {label}: {message}", file=file, line=line)]
        ) from None


@overload
def loads(
    text: str | bytes, format: Format, *, cls: None = None, file: str | None = None
) -> Report: ...
@overload
def loads(text: str | bytes, format: Format, *, cls: type[T], file: str | None = None) -> T: ...
def loads(
    text: str | bytes, format: Format, *, cls: type[Any] | None = None, file: str | None = None
) -> Any:
    """Read a model object from YAML, JSON or JSON Lines text.

    Args:
        text: The document (``bytes`` must be UTF-8; a byte-order mark is ignored).
        format: ``"yaml"``, ``"json"`` or ``"jsonl"``.
        cls: The model class the document holds; :class:`~osintreport.Report` by default.
            JSON Lines holds a report as records (see :mod:`osintreport.jsonl`).
        file: A file name to put in error messages.

    Raises:
        LoadError: Every problem found in the document.
        UnsupportedFormatError: ``format`` is not one of the three.
    """
    format = _check_format(format)
    text = decode(text, file=file)
    if format == "jsonl" and cls not in (None, Report):
        raise UnsupportedFormatError("JSON Lines holds reports; use jsonl.iter_records")
    try:
        with paused_gc():
            if format == "jsonl":
                from .jsonl import read_decoded_report

                # Split on "\n" only: str.splitlines() would also split on U+2028 and
                # friends, which JSON leaves unescaped inside strings.
                return read_decoded_report(text.split("\n"), file=file, decoded=True)
            if format == "json" and cls in (None, Report):
                from ._json_items import read_report_text

                report = read_report_text(text, file=file)  # no parsed tree kept whole
                if report is not None:
                    return report
            data = parse_text(text, format, file=file, decoded=True)
            return _structure(data, cls or Report, file=file, line=None)
    except LoadError as error:
        # Only now, with something to point at, is the text read for positions.
        from .positions import locate_problems

        located = type(error)(locate_problems(error.problems, text, format))
        raise located from None


def dumps(obj: Any, format: Format, *, max_tlp: Tlp | str | None = None) -> str:
    """Write a model object as YAML, JSON or (for a report) JSON Lines text.

    Args:
        obj: A report, or any model object.
        format: ``"yaml"``, ``"json"`` or ``"jsonl"``.
        max_tlp: Write only what this TLP level allows (a report only; see
            :func:`~osintreport.redact`).

    Raises:
        UnsupportedFormatError: Unknown format, or JSON Lines for something not a report.
        MarkingError: ``max_tlp`` is given and the report itself is marked above it.
        TypeError: ``max_tlp`` is given for something that is not a report.
    """
    format = _check_format(format)
    if max_tlp is not None:
        if not isinstance(obj, Report):
            raise TypeError("max_tlp applies to a Report; redact the report, then dump it")
        obj = redact(obj, max_tlp)
    if format == "jsonl":
        from .jsonl import report_lines

        if not isinstance(obj, Report):
            raise UnsupportedFormatError("JSON Lines holds reports; use jsonl.write_records")
        return "".join(report_lines(obj))
    with paused_gc():
        data = unstructure(obj)
        return _yaml.emit(data) if format == "yaml" else _json.emit(data)


@overload
def load(
    path: str | os.PathLike[str], *, cls: None = None, format: Format | None = None
) -> Report: ...
@overload
def load(path: str | os.PathLike[str], *, cls: type[T], format: Format | None = None) -> T: ...
def load(
    path: str | os.PathLike[str], *, cls: type[Any] | None = None, format: Format | None = None
) -> Any:
    """Read a model object from a file, the format taken from its suffix.

    Args:
        path: A ``.yaml``/``.yml``, ``.json`` or ``.jsonl``/``.ndjson`` file.
        cls: The model class the file holds; :class:`~osintreport.Report` by default.
        format: Overrides the suffix.

    Raises:
        LoadError: The file cannot be read, or every problem found in it.
        UnsupportedFormatError: The format cannot be told from the suffix.
    """
    format = _check_format(format or format_for(path))
    name = os.fspath(path)
    if format == "jsonl":
        return loads(read_text(path), format, cls=cls, file=name)
    if format == "json" and cls in (None, Report):
        from ._json_items import load_report

        try:
            with paused_gc():  # item by item: peak memory is the objects and a chunk
                report = load_report(path, file=name)
        except OSError:
            report = None  # read_text below says why
        if report is not None:
            return report
    try:
        with paused_gc():
            # The text lives only while it is parsed: the objects are built from the parsed
            # data alone, so the document is never in memory three times over.
            data = parse_text(read_text(path), format, file=name, decoded=True)
            return _structure(data, cls or Report, file=name, line=None)
    except LoadError as error:
        if not any(p.path or p.line for p in error.problems):
            raise  # nothing to point at (the file could not be read)
        # Only now, with something to point at, is the text read again for positions.
        from .positions import locate_problems

        try:
            text = read_text(path)
        except LoadError:
            raise error from None
        raise type(error)(locate_problems(error.problems, text, format)) from None


def dump(
    obj: Any,
    path: str | os.PathLike[str],
    *,
    format: Format | None = None,
    max_tlp: Tlp | str | None = None,
) -> None:
    """Write a model object to a file atomically, the format taken from its suffix.

    The text is written to a temporary file beside ``path`` and renamed over it, so a
    crash mid-write leaves the old file intact. ``max_tlp`` is as for :func:`dumps`.

    Raises:
        UnsupportedFormatError: The format cannot be told from the suffix.
        MarkingError: ``max_tlp`` is given and the report itself is marked above it.
        OSError: The file cannot be written.
    """
    format = format or format_for(path)
    text = dumps(obj, format, max_tlp=max_tlp)
    with atomic_writer(path) as handle:
        handle.write(text)
