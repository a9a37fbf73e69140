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
            kw = {}
            v = data["id"]; kw["id"] = v
            v = get("kind", MISSING)
            if v is not MISSING: kw["kind"] = E1[(v.__class__, v)]
            ...
            return CLS(**kw)          # the attrs validators run here, as always
        except Exception:
            return slow(data, _)      # the general hook reports every problem

The fast path never converts a value the general hook would refuse: values pass through to
the class's own validators unchanged, enum values are looked up by type and value (so
``True`` is not ``1``), and anything unexpected raises and falls back. So both paths give the
same objects and the same errors; a property test holds them to it.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from .when import When

__all__ = ["make_fast_hook"]

_MISSING = object()
_PRIMITIVES = {str, int, float, bool, type(None)}


def _fail() -> Any:
    raise TypeError("not on the fast path")


def _split_optional(kind: Any) -> tuple[Any, bool]:
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(kind) if m is not type(None)]
        optional = len(members) != len(typing.get_args(kind))
        if len(members) == 1:
            return members[0], optional
        return tuple(members), optional
    return kind, False


def _value_expr(kind: Any, namespace: dict[str, Any], converter: Any, index: int) -> str:
    """Python source that turns the raw value ``v`` into the field's value (or raises)."""
    inner, optional = _split_optional(kind)
    if (isinstance(inner, tuple) and set(inner) <= _PRIMITIVES) or inner in _PRIMITIVES:
        return "v"
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        table = f"E{index}"
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
        if item in _PRIMITIVES:
            return "(tuple(v) if v.__class__ is list else FAIL())"
        hook, target = f"H{index}", f"T{index}"
        namespace[hook], namespace[target] = converter.get_structure_hook(item), item
        return f"(tuple([{hook}(x, {target}) for x in v]) if v.__class__ is list else FAIL())"
    else:
        return "FAIL()"
    return f"(None if v is None else {expr})" if optional else expr


def make_fast_hook(
    cls: type, converter: Any, *, slow: Callable[[Any, Any], Any]
) -> Callable[[Any, Any], Any]:
    """Return the generated fast structuring function for ``cls``, falling back to ``slow``."""
    fields = [f for f in attrs.fields(cls) if f.name != "extensions"]
    namespace: dict[str, Any] = {
        "CLS": cls,
        "KNOWN": frozenset(f.name for f in fields),
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
        "        kw = {}",
    ]
    for index, field in enumerate(fields):
        expr = _value_expr(field.type, namespace, converter, index)
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
    source = "\n".join(lines)
    exec(compile(source, f"<osintreport fast path for {cls.__name__}>", "exec"), namespace)
    fast: Callable[[Any, Any], Any] = namespace["fast"]
    fast.__doc__ = f"Structure a {cls.__name__}; see osintreport._fastpath."
    return fast
