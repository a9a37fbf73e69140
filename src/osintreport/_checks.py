"""Field validators for the model classes (private).

Each factory returns an attrs validator that checks one field's own value and raises
:class:`~osintreport.errors.FieldValueError` or :class:`~osintreport.errors.FieldTypeError`
naming the field and the value. Validators never look at the instance, so the converter can
run them one by one to report every bad field of a document at once.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from collections.abc import Callable
from typing import Any, TypeGuard

import attrs

from .errors import FieldTypeError, FieldValueError

Check = Callable[[Any, "attrs.Attribute[Any]", Any], None]


Validator = Check
_SCHEMA_ATTRIBUTE = "json_schema"


_INLINE_ATTRIBUTE = "inline"


@attrs.frozen(kw_only=True)
class Inline:
    """What a validator accepts, in a form the fast decoding path turns into inline code.

    ``kind`` is one of ``"str"`` (a string; non-blank unless ``allow_empty``; matching
    ``regex`` when given), ``"instance"`` (an instance of ``of``), ``"count"`` (an int of 0
    or more), ``"number"`` (an int or float from ``-limit`` to ``limit``), ``"locator"``,
    ``"tuple"`` (a tuple whose items pass ``item``) or ``"extensions"``. ``optional``
    accepts ``None`` too. :mod:`osintreport._fastpath` renders it; a test holds every
    validator to it: what the inline form accepts, the validator accepts.
    """

    kind: str
    optional: bool = False
    allow_empty: bool = False
    regex: re.Pattern[str] | None = None
    of: type | tuple[type, ...] | None = None
    limit: float = 0.0
    item: Inline | None = None


def _described(check: Check, schema: dict[str, Any], inline: Inline | None = None) -> Check:
    """Attach to a validator, as JSON Schema, what it accepts (and its inline form).

    :mod:`osintreport.schema` reads it back with :func:`schema_of`, so the constructor's
    checks and the published schema cannot drift apart. The validator stays a plain
    function: attrs calls it directly, with no wrapper in the way.
    """
    setattr(check, _SCHEMA_ATTRIBUTE, schema)
    if inline is not None:
        setattr(check, _INLINE_ATTRIBUTE, inline)
    return check


def inline_of(validator: object) -> Inline | None:
    """The :class:`Inline` form of a validator made here, or ``None``."""
    found = getattr(validator, _INLINE_ATTRIBUTE, None)
    return found if isinstance(found, Inline) else None


def schema_of(validator: object) -> dict[str, Any]:
    """The JSON Schema a validator made here accepts (``{}`` for any other)."""
    schema = getattr(validator, _SCHEMA_ATTRIBUTE, None)
    return dict(schema) if isinstance(schema, dict) else {}


ID_PATTERN = r"^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,126}[A-Za-z0-9])?$"
"""Ids: 1-128 characters, letters, digits and ``. _ : -``, starting and ending alphanumeric."""

_ID_RE = re.compile(ID_PATTERN)
# The host, then optionally a path, query or fragment. The same strings as
# ``[^\s/?#]+[^\s]*``, without the quadratic backtracking that form has on a long host
# followed by white space.
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^\s/?#]+(?:[/?#][^\s]*)?$")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")
_WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
_AWARE_DATETIME = (
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2}(:\d{2}(\.\d+)?)?)$"
)
_STIX_ID_RE = re.compile(
    r"^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
)


def is_identifier(value: object) -> TypeGuard[str]:
    """Whether ``value`` is an id the model accepts (see :data:`ID_PATTERN`).

    For readers of foreign data (ACLED, STIX) deciding whether to keep an id or make one:
    the same test as the constructors', so a kept id never fails construction.
    """
    return isinstance(value, str) and _ID_RE.fullmatch(value) is not None


def is_stix_id(value: object) -> TypeGuard[str]:
    """Whether ``value`` is a STIX 2.1 identifier the model accepts (``type--uuid``)."""
    return isinstance(value, str) and _STIX_ID_RE.fullmatch(value) is not None


def text(*, optional: bool = False, allow_empty: bool = False) -> Validator:
    """Check a string (non-blank unless ``allow_empty``), or ``None`` when ``optional``."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if value.__class__ is not str and not isinstance(value, str):
            raise FieldTypeError(attribute.name, value, "a string")
        if not allow_empty and not value.strip():
            raise FieldValueError(attribute.name, value, "a non-blank string")

    return _described(
        check,
        {"type": "string"} if allow_empty else {"type": "string", "pattern": r"\S"},
        Inline(kind="str", optional=optional, allow_empty=allow_empty),
    )


def pattern(regex: re.Pattern[str], expected: str, *, optional: bool = False) -> Validator:
    """Check a string against ``regex``."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if value.__class__ is not str and not isinstance(value, str):
            raise FieldTypeError(attribute.name, value, "a string")
        if regex.fullmatch(value) is None:
            raise FieldValueError(attribute.name, value, expected)

    return _described(
        check,
        {"type": "string", "pattern": _anchored(regex.pattern)},
        Inline(kind="str", optional=optional, allow_empty=True, regex=regex),
    )


def identifier(*, optional: bool = False) -> Validator:
    """Check an id (see :data:`ID_PATTERN`)."""
    return pattern(
        _ID_RE, "an id of letters, digits and . _ : - (like 'irgc-qf')", optional=optional
    )


def url(*, optional: bool = True) -> Validator:
    """Check an absolute URL with a scheme and a host and no white space."""
    return pattern(_URL_RE, "an absolute URL like https://example.org/page", optional=optional)


def language() -> Validator:
    """Check a BCP 47 language tag such as ``en``, ``ar`` or ``fa-IR``."""
    return pattern(_LANG_RE, "a BCP 47 language tag like 'en' or 'fa-IR'", optional=True)


def country() -> Validator:
    """Check the syntax of an ISO 3166-1 alpha-2 code (two capital letters)."""
    return pattern(_COUNTRY_RE, "an ISO 3166-1 alpha-2 code like 'SY'", optional=True)


def sha256() -> Validator:
    """Check a lower-case hexadecimal SHA-256 digest."""
    return pattern(_SHA256_RE, "64 lower-case hexadecimal digits", optional=True)


def wikidata() -> Validator:
    """Check a Wikidata item id such as ``Q858``."""
    return pattern(_WIKIDATA_RE, "a Wikidata item id like 'Q858'", optional=True)


def stix_id() -> Validator:
    """Check a STIX 2.1 identifier (``type--uuid``)."""
    return pattern(_STIX_ID_RE, "a STIX id like 'threat-actor--<uuid>'", optional=True)


def _anchored(regex: str) -> str:
    regex = regex if regex.startswith("^") else "^" + regex
    return regex if regex.endswith("$") else regex + "$"


def _schema_of(kind: type | tuple[type, ...]) -> dict[str, Any]:
    if isinstance(kind, tuple):
        return {"anyOf": [_schema_of(k) for k in kind]}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [member.value for member in kind]}
    if kind is int:
        return {"type": "integer"}
    return {"$ref": f"#/$defs/{kind.__name__}"}


def instance(kind: type | tuple[type, ...], expected: str, *, optional: bool = False) -> Validator:
    """Check ``isinstance(value, kind)``."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, kind):
            raise FieldTypeError(attribute.name, value, expected)

    return _described(check, _schema_of(kind), Inline(kind="instance", optional=optional, of=kind))


def member(kind: type[enum.Enum], *, optional: bool = False) -> Validator:
    """Check a member of the enum ``kind``."""
    return instance(kind, f"a {kind.__name__}", optional=optional)


def tuple_of(item: Validator, expected: str) -> Validator:
    """Check a tuple whose every item passes ``item``."""

    def check(inst: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, tuple):
            raise FieldTypeError(attribute.name, value, f"a tuple of {expected}")
        for index, entry in enumerate(value):
            try:
                item(inst, attribute, entry)
            except (FieldValueError, FieldTypeError) as error:
                raise type(error)(f"{attribute.name}[{index}]", entry, error.expected) from None

    item_inline = inline_of(item)
    return _described(
        check,
        {"type": "array", "items": schema_of(item)},
        None if item_inline is None else Inline(kind="tuple", item=item_inline),
    )


def tuple_of_instances(kind: type, expected: str) -> Validator:
    """Check a tuple of ``kind`` instances."""
    return tuple_of(instance(kind, expected), expected)


def count(*, optional: bool = True) -> Validator:
    """Check a non-negative int."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, int) or isinstance(value, bool):
            raise FieldTypeError(attribute.name, value, "an int")
        if value < 0:
            raise FieldValueError(attribute.name, value, "a count of 0 or more")

    return _described(
        check, {"type": "integer", "minimum": 0}, Inline(kind="count", optional=optional)
    )


def coordinate(limit: float) -> Validator:
    """Check an optional finite number within ``[-limit, limit]``."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise FieldTypeError(attribute.name, value, "a number")
        # Compare first: an int too large for a float is out of range, not an OverflowError.
        if not (-limit <= value <= limit and math.isfinite(value)):
            raise FieldValueError(attribute.name, value, f"a number from -{limit:g} to {limit:g}")

    return _described(
        check,
        {"type": "number", "minimum": -limit, "maximum": limit},
        Inline(kind="number", optional=True, limit=limit),
    )


def distance() -> Validator:
    """Check an optional finite number of 0 or more (a distance in metres)."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise FieldTypeError(attribute.name, value, "a number")
        # Compare first: an int too large for a float is out of range, not an OverflowError.
        if not (0 <= value <= _EARTH_M and math.isfinite(value)):
            raise FieldValueError(attribute.name, value, f"metres from 0 to {_EARTH_M:g}")

    return _described(check, {"type": "number", "minimum": 0, "maximum": _EARTH_M})


_EARTH_M = 20_037_508.0
"""Half the Earth's circumference in metres: no point is further from another."""


def aware_datetime() -> Validator:
    """Check an optional timezone-aware :class:`datetime.datetime`."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if not isinstance(value, dt.datetime):
            raise FieldTypeError(attribute.name, value, "a datetime")
        if value.tzinfo is None or value.utcoffset() is None:
            raise FieldValueError(
                attribute.name, value, "a timezone-aware datetime (add tzinfo, e.g. UTC)"
            )

    schema = {"type": "string", "format": "date-time", "pattern": _AWARE_DATETIME}
    return _described(check, schema)


def locator() -> Validator:
    """Check a citation locator: a footnote number (int >= 0) or non-blank text."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise FieldTypeError(attribute.name, value, "a footnote number or a string")
        if isinstance(value, int) and value < 0:
            raise FieldValueError(attribute.name, value, "a footnote number of 0 or more")
        if isinstance(value, str) and not value.strip():
            raise FieldValueError(attribute.name, value, "a non-blank string")

    schema = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"\S"}]}
    return _described(check, schema, Inline(kind="locator", optional=True))


def extensions() -> Validator:
    """Check extension data: keys start with ``x_``; values are plain JSON data."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not value and isinstance(value, dict):
            return  # the common case: no extension data (a plain {} or the shared one)
        if not isinstance(value, dict):
            raise FieldTypeError(attribute.name, value, "a dict of x_ keys")
        for key, entry in value.items():
            if not (isinstance(key, str) and key.startswith("x_")):
                raise FieldValueError(attribute.name, key, "extension keys that start with 'x_'")
            error = json_value_error(f"{attribute.name}[{key!r}]", entry)
            if error is not None:
                raise error

    return _described(check, {}, Inline(kind="extensions"))


def json_value_error(label: str, value: object, depth: int = 0) -> FieldValueError | None:
    """The error for ``value`` (at ``label``, ``depth`` levels down) if it is not JSON data.

    The field named is ``label`` followed by the path to the first thing that is not.
    """
    if is_json_value(value, depth):
        return None
    where, bad = _json_value_problem(value)
    return FieldValueError(
        label + "".join(f"[{part!r}]" for part in where),
        bad,
        "JSON data (str, number, bool, null, list, mapping with string keys)",
    )


def _json_value_problem(value: object) -> tuple[list[str | int], object]:
    """Where in ``value`` (keys and indexes) :func:`is_json_value` fails, and what is there."""
    where: list[str | int] = []
    while len(where) <= 100:
        step: str | int | None = None
        if isinstance(value, list):
            step = next((i for i, item in enumerate(value) if not is_json_value(item)), None)
        elif isinstance(value, dict) and all(isinstance(k, str) for k in value):
            step = next((k for k, v in value.items() if not is_json_value(v)), None)
        if step is None:
            break  # the value itself is wrong, or only its depth is (past 100 levels)
        where.append(step)
        value = value[step]  # type: ignore[index]
    return where, value


def is_json_value(value: object, depth: int = 0) -> bool:
    """Whether ``value`` is plain JSON data (nested at most 100 deep)."""
    if depth > 100:
        return False
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, list):
        return all(is_json_value(item, depth + 1) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and is_json_value(v, depth + 1) for k, v in value.items())
    return False
