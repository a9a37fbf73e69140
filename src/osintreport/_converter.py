"""The one cattrs converter: plain data (dicts, lists, strings) <-> model objects.

Every reader and writer goes through :data:`CONVERTER`, built here once and not changed
afterwards. Structuring is strict and thorough:

- every problem in a document is collected, each with its path (``$.events[3].when``);
- unknown keys are errors (with a "did you mean" hint); keys starting ``x_`` are kept in the
  object's ``extensions`` and written back in place;
- types are not coerced: ``"5"`` is not an int and ``5`` is not a string.

Unstructuring writes fields in declared order and leaves out those equal to their defaults;
``schema_version`` is always written.
"""

from __future__ import annotations

import ast
import datetime as dt
import difflib
import enum
import functools
import re
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs
import cattrs

from . import vocab
from ._data_paths import InvalidData, PathPart, describe
from ._fastpath import make_fast_hook
from ._fastunstructure import make_fast_unstructure
from .errors import FieldTypeError, FieldValueError
from .when import When

# Every closed vocabulary, registered by class (see build_converter).
_ENUMS: tuple[type[enum.Enum], ...] = tuple(getattr(vocab, name) for name in vocab.__all__)

T = TypeVar("T")
StructureHook = Callable[[Any, Any], Any]

_FIELD_RE = re.compile(r"^(?P<name>\w+)(?:\[(?P<index>\d+)\])?")
_PART_RE = re.compile(r"""\[(\d+|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\]""")


def _strict(kind: type, label: str) -> StructureHook:
    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, kind) and not (kind is not bool and isinstance(value, bool)):
            return value
        raise InvalidData.at_root(f"expected {label}, got {describe(value)}")

    return hook


def _structure_float(value: Any, _: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    raise InvalidData.at_root(f"expected a number, got {describe(value)}")


def _structure_when(value: Any, _: Any) -> When:
    if not isinstance(value, str):
        raise InvalidData.at_root(
            f"expected an EDTF date string like '2023-07-14' or '2023-06/2023-07', "
            f"got {describe(value)}"
        )
    try:
        return When.parse(value)
    except (FieldValueError, FieldTypeError) as error:
        raise InvalidData.at_root(f"expected {error.expected}, got {value!r}") from None


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    if not isinstance(value, str):
        raise InvalidData.at_root(
            f"expected an ISO 8601 date-time string with a time zone, got {describe(value)}"
        )
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidData.at_root(
            f"expected an ISO 8601 date-time like '2023-08-03T14:00:00Z', got {value!r}"
        ) from None
    if parsed.tzinfo is None:
        raise InvalidData.at_root(f"expected a time zone (like 'Z' or '+03:00') in {value!r}")
    return parsed


def _unstructure_datetime(value: dt.datetime) -> str:
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _enum_hook(kind: type[enum.Enum]) -> StructureHook:
    by_value = {member.value: member for member in kind}
    choices = ", ".join(repr(v) for v in by_value)

    def hook(value: Any, _: Any) -> enum.Enum:
        if not isinstance(value, bool):
            try:
                return by_value[value]
            except (KeyError, TypeError):
                pass
        hint = ""
        if isinstance(value, str):
            words = [v for v in by_value if isinstance(v, str)]
            close = difflib.get_close_matches(value, words, n=1)
            if close:
                hint = f" (did you mean {close[0]!r}?)"
            elif any(str(v) == value for v in by_value):
                hint = f" (write {value} without quotes)"
        raise InvalidData.at_root(f"expected one of {choices}, got {describe(value)}{hint}")

    return hook


def _is_union(kind: Any) -> bool:
    return typing.get_origin(kind) in (typing.Union, types.UnionType)


def _union_hook(kind: Any, *, converter: cattrs.Converter) -> StructureHook:
    members = typing.get_args(kind)
    optional = type(None) in members
    rest = [m for m in members if m is not type(None)]
    if len(rest) == 1:
        inner = converter.get_structure_hook(rest[0])
        target = rest[0]

        def optional_hook(value: Any, _: Any) -> Any:
            return None if value is None else inner(value, target)

        return optional_hook
    # A union of primitives, such as ``int | str``: accept any member's exact type.
    accepted = tuple(rest)
    label = " or ".join(_PRIMITIVE_LABELS.get(m, m.__name__) for m in rest)

    def primitive_hook(value: Any, _: Any) -> Any:
        if value is None and optional:
            return None
        if isinstance(value, accepted) and not isinstance(value, bool):
            return value
        raise InvalidData.at_root(f"expected {label}, got {describe(value)}")

    return primitive_hook


_PRIMITIVE_LABELS = {int: "an int", str: "a string", float: "a number"}


def _is_tuple(kind: Any) -> bool:
    return typing.get_origin(kind) is tuple


def _tuple_hook(kind: Any, *, converter: cattrs.Converter) -> StructureHook:
    item_type = typing.get_args(kind)[0]
    item_hook = converter.get_structure_hook(item_type)

    def hook(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise InvalidData.at_root(f"expected a list, got {describe(value)}")
        out = []
        problems: list[tuple[tuple[PathPart, ...], str]] = []
        for index, item in enumerate(value):
            try:
                out.append(item_hook(item, item_type))
            except InvalidData as error:
                problems.extend(error.under(index))
        if problems:
            raise InvalidData(problems)
        return tuple(out)

    return hook


def _tuple_unstructure_hook(
    kind: Any, *, converter: cattrs.Converter
) -> Callable[[Any], list[Any]]:
    args = typing.get_args(kind)
    item_hook = converter.get_unstructure_hook(args[0] if args else Any)
    return lambda value: [item_hook(item) for item in value]


def _attrs_structure_hook(cls: type, *, converter: cattrs.Converter, fast: bool) -> StructureHook:
    attrs.resolve_types(cls)
    fields = [f for f in attrs.fields(cls) if f.name != "extensions"]
    plan = [
        (f.name, f.type, converter.get_structure_hook(f.type), f.default is attrs.NOTHING)
        for f in fields
    ]
    known = frozenset(f.name for f in fields)
    has_extensions = any(f.name == "extensions" for f in attrs.fields(cls))
    name = cls.__name__

    def hook(data: Any, _: Any) -> Any:
        if not isinstance(data, dict):
            raise InvalidData.at_root(f"expected a mapping ({name}), got {describe(data)}")
        kwargs: dict[str, Any] = {}
        problems: list[tuple[tuple[PathPart, ...], str]] = []
        for key, kind, field_hook, required in plan:
            if key in data:
                try:
                    kwargs[key] = field_hook(data[key], kind)
                except InvalidData as error:
                    problems.extend(error.under(key))
            elif required:
                problems.append(((key,), f"missing required key {key!r} of {name}"))
        extras = data.keys() - known
        if extras:
            extensions = {}
            for key in data:  # keep document order
                if key in known:
                    continue
                if has_extensions and isinstance(key, str) and key.startswith("x_"):
                    extensions[key] = data[key]
                else:
                    problems.append(((str(key),), _unknown_key_message(key, known, name)))
            if extensions:
                kwargs["extensions"] = extensions
        if problems:
            problems.extend(_field_problems(cls, kwargs, construct=False))
            order = {key: index for index, key in enumerate(data)}
            problems.sort(key=lambda problem: order.get(problem[0][0], len(order)))
            raise InvalidData(problems)
        try:
            return cls(**kwargs)
        except (ValueError, TypeError):
            raise InvalidData(_field_problems(cls, kwargs, construct=True)) from None

    return make_fast_hook(cls, converter, slow=hook) if fast else hook


def _unknown_key_message(key: object, known: frozenset[str], name: str) -> str:
    message = f"unknown key {key!r} in {name}"
    close = difflib.get_close_matches(str(key), sorted(known), n=1)
    if close:
        message += f" (did you mean {close[0]!r}?)"
    return message + "; extension data must use keys that start with 'x_'"


def _field_problems(
    cls: type, kwargs: dict[str, Any], *, construct: bool
) -> list[tuple[tuple[PathPart, ...], str]]:
    """Run each field validator alone to report every bad value, not only the first.

    With ``construct``, when every field passes, build the object to surface the checks
    that span fields (like ``low <= best <= high``).
    """
    problems: list[tuple[tuple[PathPart, ...], str]] = []
    for field in attrs.fields(cls):
        if field.validator is None or field.name not in kwargs:
            continue
        try:
            field.validator(None, field, kwargs[field.name])
        except (FieldValueError, FieldTypeError) as error:
            problems.append((_error_path(error.field), _error_message(error)))
    if construct and not problems:
        try:
            cls(**kwargs)
        except (FieldValueError, FieldTypeError) as error:
            problems.append(((), f"{error.field}: {_error_message(error)}"))
        except (ValueError, TypeError) as error:
            problems.append(((), str(error)))
    return problems


def _error_path(field: str) -> tuple[PathPart, ...]:
    if field.startswith("extensions["):  # x_ keys sit beside the fields: $.x_a.b[0]
        return tuple(ast.literal_eval(part) for part in _PART_RE.findall(field))
    match = _FIELD_RE.match(field)
    if match is None:
        return ()
    index = match.group("index")
    return (match.group("name"),) if index is None else (match.group("name"), int(index))


def _error_message(error: FieldValueError | FieldTypeError) -> str:
    return f"expected {error.expected}, got {describe(error.value)}"


def _attrs_unstructure_hook(
    cls: type, *, converter: cattrs.Converter, fast: bool
) -> Callable[[Any], dict[str, Any]]:
    attrs.resolve_types(cls)
    if fast:
        return make_fast_unstructure(cls, converter)
    plan = []
    for field in attrs.fields(cls):
        if field.name == "extensions":
            continue
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        always = field.name == "schema_version" or default is attrs.NOTHING
        plan.append((field.name, default, always, converter.get_unstructure_hook(field.type)))
    has_extensions = any(f.name == "extensions" for f in attrs.fields(cls))

    def hook(obj: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, default, always, field_hook in plan:
            value = getattr(obj, name)
            if always or value != default:
                data[name] = field_hook(value)
        if has_extensions and obj.extensions:
            data.update(obj.extensions)
        return data

    return hook


def build_converter(*, fast: bool = True) -> cattrs.Converter:
    """Build the converter. The package builds it once, as :data:`CONVERTER`.

    Args:
        fast: Give attrs classes the generated fast structuring path and generated
            unstructure functions (see :mod:`osintreport._fastpath` and
            :mod:`osintreport._fastunstructure`). The tests build one
            with ``fast=False`` to check that both give the same objects, errors and data.
    """
    converter = cattrs.Converter()
    # cattrs dispatches on classes (and their subclasses) before predicates, and its own
    # primitive hooks coerce (str(5) == "5"): replace them, then register each enum by
    # class so an IntEnum finds its own hook before int's.
    converter.register_structure_hook(str, _strict(str, "a string"))
    converter.register_structure_hook(int, _strict(int, "an int"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(float, _structure_float)
    for vocabulary in _ENUMS:
        converter.register_structure_hook(vocabulary, _enum_hook(vocabulary))
    converter.register_structure_hook(When, _structure_when)
    converter.register_unstructure_hook(When, str)
    converter.register_structure_hook(dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    converter.register_structure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook
    )
    converter.register_structure_hook_factory(
        _is_union, functools.partial(_union_hook, converter=converter)
    )
    converter.register_structure_hook_factory(
        _is_tuple, functools.partial(_tuple_hook, converter=converter)
    )
    converter.register_unstructure_hook_factory(
        _is_tuple, functools.partial(_tuple_unstructure_hook, converter=converter)
    )
    converter.register_structure_hook_factory(
        attrs.has, functools.partial(_attrs_structure_hook, converter=converter, fast=fast)
    )
    converter.register_unstructure_hook_factory(
        attrs.has, functools.partial(_attrs_unstructure_hook, converter=converter, fast=fast)
    )
    return converter


CONVERTER: cattrs.Converter = build_converter()
"""The converter every reader and writer uses. Do not register hooks on it."""
