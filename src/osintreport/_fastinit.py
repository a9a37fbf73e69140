"""Builders: a faster way to call a model class's ``__init__`` for a few fields (private).

attrs' ``__init__`` calls one validator function per field, given or not. A caller that makes
a hundred thousand objects of one shape (the ingester drafts one claim per sentence) passes
the same few fields every time. :func:`make_builder` generates, once per shape, a function
that takes just those fields, tests them with the inline form of their validators (as the
fast structuring path does, :mod:`osintreport._fastpath`), and sets every slot itself::

    def build(id, text, citations, extensions):
        try:
            if not (id.__class__ is str and R0.fullmatch(id) is not None): FAIL()
            if not (text.__class__ is str and text.strip() != ''): FAIL()
            ...
        except Exception:
            return CLS(id=id, text=text, citations=citations, extensions=extensions)
        o = NEW(CLS)
        S0(o, id)
        S2(o, D2)            # a field not given: its default, which passes its validator
        ...
        return o

A value that fails a test goes to the class itself, which raises the error it always raises
(or accepts the value, where the inline test is stricter than the validator). So a builder
gives the objects, and the errors, that calling the class gives; a property test holds it to
that.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs

from ._fastpath import check_code, default_is_valid, is_plain, setter_code

__all__ = ["make_builder"]


def make_builder(cls: type, names: Sequence[str]) -> Callable[..., Any]:
    """Return a function taking ``names`` (positionally) that builds a ``cls`` as ``cls(...)``.

    Raises:
        ValueError: ``names`` leaves out a field without a default, names no field of
            ``cls``, or a field left out has a default that does not pass its validator.
    """
    every = {field.name: field for field in attrs.fields(cls)}
    unknown = [name for name in names if name not in every]
    if unknown:
        raise ValueError(f"{cls.__name__} has no field {unknown[0]!r}")
    keywords = ", ".join(f"{name}={name}" for name in names)
    if not is_plain(cls):  # converters or hooks: calling the class is the only way
        namespace: dict[str, Any] = {"CLS": cls}
        lines = [f"def build({', '.join(names)}):", f"    return CLS({keywords})"]
        return _compile(cls, lines, namespace)
    namespace = {"CLS": cls, "NEW": object.__new__, "FAIL": _fail, "SET": object.__setattr__}
    tests: list[str] = []
    sets: list[str] = []
    for index, field in enumerate(every.values()):
        setter = setter_code(cls, field.name, index, namespace)
        if field.name in names:
            if field.validator is not None:
                namespace[f"A{index}"] = field
                check = check_code(field.validator, None, namespace, index)
                if check is not None:
                    tests += [f"v = {field.name}", check]
            sets.append(setter.format(field.name))
            continue
        default = field.default
        if default is attrs.NOTHING:
            raise ValueError(f"{cls.__name__}.{field.name} has no default: give it")
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if field.validator is not None:
                raise ValueError(f"{cls.__name__}.{field.name}: a checked factory; give it")
            namespace[f"F{index}"] = default.factory
            sets.append(setter.format(f"F{index}()"))
            continue
        if not default_is_valid(field):
            raise ValueError(f"{cls.__name__}.{field.name}: its default fails its check")
        namespace[f"D{index}"] = default
        sets.append(setter.format(f"D{index}"))
    lines = [f"def build({', '.join(names)}):", "    o = None", "    try:"]
    lines += [f"        {test}" for test in tests] or ["        pass"]
    lines += ["    except Exception:", f"        return CLS({keywords})", "    o = NEW(CLS)"]
    lines += [f"    {line}" for line in sets]
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    o.__attrs_post_init__()")
    lines.append("    return o")
    return _compile(cls, lines, namespace)


def _fail() -> None:
    raise TypeError("not on the fast path")


def _compile(cls: type, lines: list[str], namespace: dict[str, Any]) -> Callable[..., Any]:
    source = "\n".join(lines)
    exec(compile(source, f"<osintreport builder for {cls.__name__}>", "exec"), namespace)
    build: Callable[..., Any] = namespace["build"]
    build.__doc__ = f"Build a {cls.__name__}; see osintreport._fastinit."
    return build
