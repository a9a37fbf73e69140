"""The exception tree of osintreport.

Every exception the library raises on purpose derives from :class:`OsintReportError`, so
``except OsintReportError`` catches them all. Each also derives from the builtin a caller
would expect (``ValueError``, ``TypeError``, ``ImportError``), so code written against the
builtins keeps working.

::

    OsintReportError
    ├── FieldValueError (ValueError)      a field got a value outside its range or syntax
    ├── FieldTypeError (TypeError)        a field got a value of the wrong type
    ├── LoadError (ValueError)            a document could not be read; carries every problem
    │   └── SchemaVersionError            the document is from a newer osintreport
    ├── UnsupportedFormatError (ValueError)  a suffix or format name we do not know
    ├── MarkingError (ValueError)         what was asked would share data above its marking
    └── MissingExtraError (ImportError)   an optional dependency is not installed
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

__all__ = [
    "FieldTypeError",
    "FieldValueError",
    "LoadError",
    "MarkingError",
    "MissingExtraError",
    "OsintReportError",
    "Problem",
    "SchemaVersionError",
    "UnsupportedFormatError",
]


class OsintReportError(Exception):
    """Root of every exception osintreport raises on purpose."""


class FieldValueError(OsintReportError, ValueError):
    """A constructor argument has a value outside the field's range or syntax.

    Attributes:
        field: The name of the field, such as ``"lat"``.
        value: The offending value.
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{field}: expected {expected}, got {_short_repr(value)}")


class FieldTypeError(OsintReportError, TypeError):
    """A constructor argument has the wrong type.

    Attributes:
        field: The name of the field.
        value: The offending value.
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(
            f"{field}: expected {expected}, got {type(value).__name__} {_short_repr(value)}"
        )


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found while loading a document.

    Attributes:
        message: What is wrong and, where we can tell, what was expected.
        path: A JSONPath-like pointer inside the document, such as ``$.events[3].when``.
        file: The file the document came from, if any.
        line: The line number (from 1) of the problem or of its path, if known.
        column: The column (from 1, in characters), if known.
    """

    message: str
    path: str = "$"
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.file or "<string>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.path}: {self.message}"


class LoadError(OsintReportError, ValueError):
    """A document could not be turned into model objects.

    The exception carries *every* problem found, not only the first, each with the file and
    the path inside the document.

    Attributes:
        problems: The problems, in document order.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        if not problems:
            problems = [Problem(message="unknown load error")]
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._render())

    def _render(self) -> str:
        count = len(self.problems)
        head = "1 problem" if count == 1 else f"{count} problems"
        return f"{head} loading document:\n" + "\n".join(f"  {p}" for p in self.problems)


class SchemaVersionError(LoadError):
    """The document declares a ``schema_version`` this release cannot read."""


class UnsupportedFormatError(OsintReportError, ValueError):
    """A file suffix or format name that no reader or writer handles."""


class MarkingError(OsintReportError, ValueError):
    """What was asked would share data above the TLP level it is marked with.

    Raised, for example, by :func:`~osintreport.redact` when the report itself is marked
    above the level asked for.
    """


class MissingExtraError(OsintReportError, ImportError):
    """An optional dependency is missing; the message names the extra that installs it."""

    def __init__(self, module: str, extra: str, feature: str) -> None:
        self.module = module
        self.extra = extra
        super().__init__(
            f"{feature} needs the optional package {module!r}: pip install 'osintreport[{extra}]'"
        )


def _short_repr(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
