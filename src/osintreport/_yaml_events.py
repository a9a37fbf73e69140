"""Plain data straight from the parser's events: YAML read without a node graph (private).

PyYAML composes the whole document into nodes (each scalar an object with two position
marks) before it builds any value: a 85 MB report took 3.5 GB that way. :func:`build` reads
the parser's events one at a time and builds the dicts, lists and scalars at once, so only
the values are ever held. It reads what nearly every report is: block or flow collections of
scalars, without anchors, aliases, explicit tags, merge keys or repeated keys. On anything
else it raises :class:`NotPlainError`, and the caller parses the text again the general way
(:func:`osintreport._yaml.parse`), which gives that document's value or error exactly. Scalars
are resolved by the loader's own resolver and built by its own constructors, so a document
read either way gives the same data.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["NotPlainError", "build"]

_STR = "tag:yaml.org,2002:str"
_SCALAR_NODE = yaml.ScalarNode


class NotPlainError(Exception):
    """The document needs the general loader (anchors, tags, merge keys, an error, ...)."""


def build(loader: Any) -> Any:
    """The one document's value from ``loader``'s events.

    Raises:
        NotPlainError: The document holds something only the general loader reads (or an error,
            which the general loader reports with its position).
        yaml.YAMLError: The text is not YAML (the parser's own error).
    """
    get = loader.get_event
    resolve = loader.resolve
    constructors = loader.yaml_constructors
    if not isinstance(get(), yaml.StreamStartEvent):
        raise NotPlainError
    event = get()
    if isinstance(event, yaml.StreamEndEvent):
        return None
    if not isinstance(event, yaml.DocumentStartEvent):
        raise NotPlainError
    # The collections being built, innermost last: (dict or list, the key read, or _NO_KEY)
    stack: list[list[Any]] = []
    while True:
        event = get()
        kind = event.__class__
        if kind is yaml.ScalarEvent:
            if event.anchor is not None:
                raise NotPlainError
            value = _scalar(event, loader, resolve, constructors)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.anchor is not None or event.tag not in (None, "!"):
                raise NotPlainError
            stack.append([{} if kind is yaml.MappingStartEvent else [], _NO_KEY])
            continue
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            value = stack.pop()[0]
        else:  # an alias, or a second document
            raise NotPlainError
        if not stack:
            break
        top = stack[-1]
        container = top[0]
        if container.__class__ is list:
            container.append(value)
        elif top[1] is _NO_KEY:
            if value.__class__ not in _KEY_TYPES or value in container:
                raise NotPlainError  # a collection as a key, or a repeated key
            top[1] = value
        else:
            container[top[1]] = value
            top[1] = _NO_KEY
    if not isinstance(get(), yaml.DocumentEndEvent) or not isinstance(get(), yaml.StreamEndEvent):
        raise NotPlainError  # a second document: the general loader names the error
    return value


_NO_KEY = object()
_KEY_TYPES = {str, int, float, bool, type(None)}


def _scalar(event: Any, loader: Any, resolve: Any, constructors: Any) -> Any:
    tag = event.tag
    value = event.value
    if tag is not None and tag != "!":
        raise NotPlainError  # an explicit tag: the general loader checks it
    if value == "<<" and event.implicit[0]:
        raise NotPlainError  # a merge key (or the text "<<" as a plain value)
    tag = resolve(_SCALAR_NODE, value, event.implicit)
    if tag == _STR:
        return value
    node = _SCALAR_NODE(tag, value, event.start_mark, event.end_mark, event.style)
    try:
        return constructors[tag](loader, node)
    except Exception:
        raise NotPlainError from None  # the general loader reports it with its position
