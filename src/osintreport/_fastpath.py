"""The fast structuring path: generated code per model class (private).

The general structuring hook in :mod:`osintreport._converter` handles everything (unknown
keys, ``x_`` extension keys, collecting every problem with its path) and so does work per
field that a valid document does not need. For each attrs class we generate, once, a
straight-line function that handles the common case, a valid document without extension
keys, and hands everything else to the general hook::

    def fast(data, _):
        if data.__class__ is not dict or not data.keys() <= KNOWN:
            return slow(data, _)
        try:
            get = data.get
            o = NEW(CLS)                       # object.__new__: attrs' __init__ is skipped
            v = data["id"]
            if not (v.__class__ is str and R0.fullmatch(v) is not None): FAIL()
            S0(o, v)                           # the slot's own setter
            v = get("kind", MISSING)
            if v is MISSING:
                S1(o, D1)                      # a default that passes its validator
            else:
                v = E1[v] if v.__class__ is str else FAIL()
                S1(o, v)                       # an enum member: nothing left to check
            ...
            o.__attrs_post_init__()            # when the class has one
            return o
        except Exception:
            return slow(data, _)               # the general hook reports every problem

Each field's validator runs as inline code made from its :class:`~osintreport._checks.Inline`
form (a test may be stricter than the validator, never looser: a stricter test only sends a
valid document the slow way), is left out where the value expression guarantees it (an enum
member just looked up, a nested object or ``When`` just built), and is called as a function
where it has no inline form. The object is built as attrs' own ``__init__`` would build it:
every field set, defaults and factories applied, ``__attrs_post_init__`` last; classes that
need more (converters, ``on_setattr``, ``__attrs_pre_init__``) gather keyword arguments and
call the class instead.

The fast path never converts a value the general hook would refuse: values pass through
unchanged, enum values are looked up by exact type and value (so ``True`` is not ``1``), and
anything unexpected raises and falls back. So both paths give the same objects and the same
errors; property tests hold them to it, and hold every inline test to its validator.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ._checks import Inline, inline_of
from .when import When

__all__ = ["PRIMITIVES", "make_fast_hook", "split_optional"]

_MISSING = object()
PRIMITIVES = {str, int, float, bool, type(None)}


def _fail() -> Any:
    raise TypeError("not on the fast path")


def split_optional(kind: Any) -> tuple[Any, bool]:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(kind) if m is not type(None)]
        optional = len(members) != len(typing.get_args(kind))
        if len(members) == 1:
            return members[0], optional
        return tuple(members), optional
    return kind, False


Guarantee = tuple[str, type, bool] | None
"""What a value expression is known to give: ``("instance", T, may_be_none)`` or
``("tuple_of", T, False)``; ``None`` when nothing is known."""


def _value_expr(
    kind: Any, namespace: dict[str, Any], converter: Any, index: int
) -> tuple[str, Guarantee]:
    """Python source that turns the raw value ``v`` into the field's value (or raises)."""
    inner, optional = split_optional(kind)
    if (isinstance(inner, tuple) and set(inner) <= PRIMITIVES) or inner in PRIMITIVES:
        return "v", None
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        table = f"E{index}"
        value_types = {type(m.value) for m in inner}
        if len(value_types) == 1:  # one type of value: check the exact type, look up by value
            namespace[table] = {m.value: m for m in inner}
            namespace[f"ET{index}"] = value_types.pop()
            expr = f"({table}[v] if v.__class__ is ET{index} else FAIL())"
        else:
            namespace[table] = {(type(m.value), m.value): m for m in inner}
            expr = f"{table}[(v.__class__, v)]"
    elif inner is When:
        namespace["W"] = When.parse
        expr = "W(v)"
    elif inner is dt.datetime or attrs.has(inner):
        hook, target = f"H{index}", f"T{index}"
        namespace[hook], namespace[target] = converter.get_structure_hook(inner), inner
        expr = f"{hook}(v, {target})"
    elif typing.get_origin(inner) is tuple:
        item = typing.get_args(inner)[0]
        if item in PRIMITIVES:
            return "(tuple(v) if v.__class__ is list else FAIL())", None
        hook, target = f"H{index}", f"T{index}"
        namespace[hook], namespace[target] = converter.get_structure_hook(item), item
        expr = f"(tuple([{hook}(x, {target}) for x in v]) if v.__class__ is list else FAIL())"
        return expr, ("tuple_of", item, False)
    else:
        return "FAIL()", None
    if optional:
        return f"(None if v is None else {expr})", ("instance", inner, True)
    return expr, ("instance", inner, False)


def check_code(
    validator: Any, guarantee: Guarantee, namespace: dict[str, Any], index: int
) -> str | None:
    """A statement that fails unless ``v`` passes ``validator``; ``None`` when it must.

    Uses the validator's :class:`~osintreport._checks.Inline` form: a check the value
    expression already guarantees (an enum member, a nested object just built) is left out;
    others become inline tests; anything else calls the validator itself.
    """
    inline = inline_of(validator)
    if inline is not None and _guaranteed(inline, guarantee):
        return None
    test = None if inline is None else _test(inline, "v", namespace, f"{index}")
    if test is None:
        namespace[f"V{index}"] = validator
        return f"V{index}(o, A{index}, v)"
    return f"if not ({test}): FAIL()"


def _guaranteed(inline: Inline, guarantee: Guarantee) -> bool:
    if guarantee is None or (inline.of is None and inline.item is None):
        return False
    shape, kind, may_be_none = guarantee
    if shape == "instance" and inline.kind == "instance":
        return _is_sub(kind, inline.of) and (inline.optional or not may_be_none)
    item = inline.item
    if shape == "tuple_of" and inline.kind == "tuple" and item is not None:
        return item.kind == "instance" and not item.optional and _is_sub(kind, item.of)
    return False


def _is_sub(kind: type, of: type | tuple[type, ...] | None) -> bool:
    return of is not None and isinstance(kind, type) and issubclass(kind, of)


def _test(inline: Inline, var: str, namespace: dict[str, Any], suffix: str) -> str | None:
    """A Python expression over ``var``, true only for values the validator accepts."""
    kind = inline.kind
    if kind == "str":
        parts = [f"{var}.__class__ is str"]
        if not inline.allow_empty:
            parts.append(f"{var}.strip() != ''")
        if inline.regex is not None:
            namespace[f"R{suffix}"] = inline.regex
            parts.append(f"R{suffix}.fullmatch({var}) is not None")
        test = " and ".join(parts)
    elif kind == "instance" and inline.of is not None:
        namespace[f"K{suffix}"] = inline.of
        test = f"isinstance({var}, K{suffix})"
    elif kind == "count":
        test = f"{var}.__class__ is int and {var} >= 0"
    elif kind == "number":
        test = (
            f"({var}.__class__ is float or {var}.__class__ is int)"
            f" and {-inline.limit!r} <= {var} <= {inline.limit!r}"
        )
    elif kind == "locator":
        test = (
            f"({var}.__class__ is int and {var} >= 0)"
            f" or ({var}.__class__ is str and {var}.strip() != '')"
        )
    elif kind == "tuple" and inline.item is not None:
        item = inline.item
        if item.kind == "str" and item.regex is not None and item.allow_empty and not item.optional:
            namespace[f"R{suffix}"] = item.regex  # fullmatch refuses anything but a string
            return f"{var}.__class__ is tuple and all(map(R{suffix}.fullmatch, {var}))"
        item_test = _test(item, "x_", namespace, suffix + "i")
        if item_test is None:
            return None
        return f"{var}.__class__ is tuple and all({item_test} for x_ in {var})"
    else:
        return None
    return f"{var} is None or ({test})" if inline.optional else test


def is_plain(cls: type) -> bool:
    """Whether the generated code may build ``cls`` itself, as its attrs ``__init__`` would.

    That is: every field set by ``__init__`` with no converter or ``on_setattr`` hook, no
    default factory that takes ``self``, and no ``__attrs_pre_init__``.
    """
    if hasattr(cls, "__attrs_pre_init__"):
        return False
    for field in attrs.fields(cls):
        default = field.default
        if not field.init or field.converter is not None or field.on_setattr not in (None, ()):
            return False
        if isinstance(default, attrs.Factory) and default.takes_self:  # type: ignore[arg-type]
            return False
    return True


def setter_code(cls: type, name: str, index: int, namespace: dict[str, Any]) -> str:
    """A statement setting field ``name`` of ``o`` to ``{}`` (a template), as ``__init__`` does.

    A slot is set through its own descriptor; anything else through ``SET``
    (``object.__setattr__``, which the caller puts in ``namespace``).
    """
    slot = vars(cls).get(name)
    if isinstance(slot, types.MemberDescriptorType):  # a slot: set it straight
        namespace[f"S{index}"] = slot.__set__
        return f"S{index}(o, {{}})"
    return f"SET(o, {name!r}, {{}})"


def default_is_valid(field: attrs.Attribute[Any]) -> bool:
    """Whether the field's plain default passes its validator (validators are pure)."""
    default = field.default
    if field.validator is None:
        return True
    if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return False
    try:
        field.validator(None, field, default)
    except Exception:
        return False
    return True


def make_fast_hook(
    cls: type, converter: Any, *, slow: Callable[[Any, Any], Any]
) -> Callable[[Any, Any], Any]:
    """Return the generated fast structuring function for ``cls``, falling back to ``slow``."""
    if not is_plain(cls):
        return _make_kwargs_hook(cls, converter, slow=slow)
    every = attrs.fields(cls)
    namespace, lines = _prologue(cls, slow, "o = NEW(CLS)")
    namespace.update(NEW=object.__new__, SET=object.__setattr__)
    for index, field in enumerate(every):
        key = repr(field.name)
        namespace[f"A{index}"] = field
        setter = setter_code(cls, field.name, index, namespace)
        if field.name == "extensions":
            # Documents with extension keys go the general way: here it is the default.
            default = field.default
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                namespace[f"F{index}"] = default.factory
                lines.append(f"        {setter.format(f'F{index}()')}")
            else:
                namespace[f"D{index}"] = default
                lines.append(f"        {setter.format(f'D{index}')}")
            continue
        expr, guarantee = _value_expr(field.type, namespace, converter, index)
        check = None
        if field.validator is not None:
            check = check_code(field.validator, guarantee, namespace, index)
        convert = [] if expr == "v" else [f"v = {expr}"]
        finish = [*([check] if check else []), setter.format("v")]
        if field.default is attrs.NOTHING:
            lines.append(f"        v = data[{key}]")
            lines.extend(f"        {line}" for line in (*convert, *finish))
            continue
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            namespace[f"F{index}"] = field.default.factory
            default = f"F{index}()"
        else:
            namespace[f"D{index}"] = field.default
            default = f"D{index}"
        lines.append(f"        v = get({key}, MISSING)")
        lines.append("        if v is MISSING:")
        if default_is_valid(field):  # a default that passes is set without a check
            lines.append(f"            {setter.format(default)}")
            lines.append("        else:")
            lines.extend(f"            {line}" for line in (*convert, *finish))
            continue
        lines.append(f"            v = {default}")
        if convert:
            lines.append("        else:")
            lines.extend(f"            {line}" for line in convert)
        lines.extend(f"        {line}" for line in finish)
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("        o.__attrs_post_init__()")
    lines += [
        "        return o",
        "    except Exception:",
        "        return slow(data, _)",
    ]
    return _compile(cls, lines, namespace)


def _make_kwargs_hook(
    cls: type, converter: Any, *, slow: Callable[[Any, Any], Any]
) -> Callable[[Any, Any], Any]:
    """The general form: gather keyword arguments and call the class."""
    namespace, lines = _prologue(cls, slow, "kw = {}")
    for index, field in enumerate(attrs.fields(cls)):
        if field.name == "extensions":
            continue
        expr, _ = _value_expr(field.type, namespace, converter, index)
        key = repr(field.name)
        if field.default is attrs.NOTHING:
            lines.append(f"        v = data[{key}]")
            lines.append(f"        kw[{key}] = {expr}")
        else:
            lines.append(f"        v = get({key}, MISSING)")
            lines.append(f"        if v is not MISSING: kw[{key}] = {expr}")
    lines += [
        "        return CLS(**kw)",
        "    except Exception:",
        "        return slow(data, _)",
    ]
    return _compile(cls, lines, namespace)


def _prologue(
    cls: type, slow: Callable[[Any, Any], Any], start: str
) -> tuple[dict[str, Any], list[str]]:
    """The namespace and first lines of a generated function: the shape check, ``try``."""
    known = frozenset(f.name for f in attrs.fields(cls) if f.name != "extensions")
    namespace: dict[str, Any] = {
        "CLS": cls,
        "KNOWN": known,
        "MISSING": _MISSING,
        "FAIL": _fail,
        "slow": slow,
    }
    lines = [
        "def fast(data, _):",
        "    if data.__class__ is not dict or not data.keys() <= KNOWN:",
        "        return slow(data, _)",
        "    try:",
        "        get = data.get",
        f"        {start}",
    ]
    return namespace, lines


def _compile(cls: type, lines: list[str], namespace: dict[str, Any]) -> Callable[[Any, Any], Any]:
    source = "\n".join(lines)
    exec(compile(source, f"<osintreport fast path for {cls.__name__}>", "exec"), namespace)
    fast: Callable[[Any, Any], Any] = namespace["fast"]
    fast.__doc__ = f"Structure a {cls.__name__}; see osintreport._fastpath."
    return fast
