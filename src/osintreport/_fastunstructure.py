"""The fast unstructuring path: generated code per model class (private).

The counterpart of :mod:`osintreport._fastpath` for the other direction: for each attrs
class, one straight-line function that turns an object into the plain data the general
unstructure hook gives, field by field, with no dispatch per field.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable
from typing import Any

import attrs

from ._fastpath import PRIMITIVES, split_optional

__all__ = ["make_fast_unstructure"]


def make_fast_unstructure(
    cls: type, converter: Any, *, type_name: str | None = None
) -> Callable[[Any], dict[str, Any]]:
    """Return a generated function that turns a ``cls`` object into plain data.

    With ``type_name``, the data starts with ``"type": type_name``, as a JSON Lines record
    does (see :func:`osintreport.jsonl.record_line`), with no second dictionary made.

    It gives exactly what the general unstructure hook gives (fields in declared order,
    those equal to their defaults left out, ``schema_version`` always written, extension
    keys last), in straight-line code::

        def unstructure(obj):
            data = {"id": obj.id}
            v = obj.kind
            if v is not D1: data["kind"] = v._value_
            v = obj.where
            if v is not None: data["where"] = U4(v)
            ...
            if obj.extensions: data.update(obj.extensions)
            return data
    """
    namespace: dict[str, Any] = {}
    namespace["TYPE_NAME"] = type_name
    start = "{}" if type_name is None else '{"type": TYPE_NAME}'
    lines = ["def unstructure(obj):", f"    data = {start}"]
    for index, field in enumerate(attrs.fields(cls)):
        name = field.name
        if name == "extensions":
            lines.append("    v = obj.extensions")
            lines.append("    if v: data.update(v)")
            continue
        default = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            default = default.factory()
        expr = _plain_expr(field.type, namespace, converter, index)
        lines.append(f"    v = obj.{name}")
        if name == "schema_version" or default is attrs.NOTHING:
            lines.append(f"    data[{name!r}] = {expr}")
            continue
        namespace[f"D{index}"] = default
        if default is None:
            differs = "v is not None"
        elif default == () and type(default) is tuple:
            differs = "v"  # a tuple differs from () when it is not empty
        else:
            differs = f"v != D{index}"
        lines.append(f"    if {differs}: data[{name!r}] = {expr}")
    lines.append("    return data")
    source = "\n".join(lines)
    exec(compile(source, f"<osintreport unstructure for {cls.__name__}>", "exec"), namespace)
    function: Callable[[Any], dict[str, Any]] = namespace["unstructure"]
    function.__doc__ = f"Unstructure a {cls.__name__}; see osintreport._fastunstructure."
    return function


def _plain_expr(kind: Any, namespace: dict[str, Any], converter: Any, index: int) -> str:
    """Python source that turns the field value ``v`` into plain data.

    A value of another class than declared (possible only with validators switched off)
    goes to the converter's own dispatch, as the general hook would send it.
    """
    inner, _ = split_optional(kind)
    if (isinstance(inner, tuple) and set(inner) <= PRIMITIVES) or inner in PRIMITIVES:
        return "v"
    namespace["ANY"] = converter.unstructure
    if typing.get_origin(inner) is tuple:
        item = typing.get_args(inner)[0]
        if item in PRIMITIVES:
            return "list(v)"
        namespace[f"U{index}"] = converter.get_unstructure_hook(item)
        return f"[U{index}(x) for x in v]"
    namespace[f"T{index}"] = inner
    if isinstance(inner, type) and issubclass(inner, enum.Enum):
        # ``_value_`` is the member's own attribute; ``.value`` goes through a property.
        return f"(v._value_ if v.__class__ is T{index} else ANY(v))"
    namespace[f"U{index}"] = converter.get_unstructure_hook(inner)
    return f"(U{index}(v) if v.__class__ is T{index} else ANY(v))"
