"""The shared empty ``extensions`` mapping, and the field that defaults to it (private)."""

from __future__ import annotations

from typing import Any

import attrs

from . import _checks as check

__all__ = ["NO_EXTENSIONS", "field"]


class _NoExtensions(dict[str, Any]):
    """The one empty, read-only ``extensions`` mapping shared by every object that has none.

    Most objects have no ``x_`` data; a dict of their own each (64 bytes, tracked by the
    garbage collector) was a fifth of a loaded report's memory. It is a ``dict``, equal to
    ``{}``, and refuses changes: to add extension data, make the object with
    ``extensions={...}`` or ``attrs.evolve(obj, extensions={...})``.
    """

    __slots__ = ()

    def _refuse(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError(
            "this object has no extension data, and that empty mapping is shared and "
            "read-only: use attrs.evolve(obj, extensions={'x_...': ...})"
        )

    __setitem__ = __delitem__ = _refuse
    update = setdefault = pop = popitem = clear = __ior__ = _refuse

    def __reduce__(self) -> Any:
        return (_no_extensions, ())  # unpickles as the shared one

    def __copy__(self) -> _NoExtensions:
        return self

    def __deepcopy__(self, memo: Any) -> _NoExtensions:
        return self

    def __repr__(self) -> str:
        return "{}"


NO_EXTENSIONS: dict[str, Any] = _NoExtensions()
"""The default ``extensions`` of every model object: shared, empty and read-only."""


def _no_extensions() -> dict[str, Any]:
    return NO_EXTENSIONS


def field() -> Any:
    """``x_`` extension data: a dict (:data:`NO_EXTENSIONS` when empty), left out of the hash."""
    return attrs.field(default=NO_EXTENSIONS, validator=check.extensions(), hash=False)
