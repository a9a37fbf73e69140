"""YAML backend: safe loading only, libyaml when present, YAML 1.2 scalars.

PyYAML follows YAML 1.1, where ``NO`` (Norway's country code) is ``False``, ``01:23`` (a
timestamp locator) is the sexagesimal integer 83, and ``2023-08-03`` becomes a ``date``.
Our loader resolves plain scalars by the YAML 1.2 core schema instead: only ``true`` and
``false`` are booleans, only plain decimal or ``0x`` numbers are numbers, and dates stay
strings for the model to parse. Our dumper quotes any string that *either* schema would
read as something else, so the files it writes mean the same to every YAML reader.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml

from . import limits
from ._yaml_events import NotPlainError, build

__all__ = ["BACKEND", "emit", "parse"]

try:
    _BaseLoader: Any = yaml.CSafeLoader
    _BaseDumper: Any = yaml.CSafeDumper
    BACKEND = "libyaml"
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _BaseLoader = yaml.SafeLoader
    _BaseDumper = yaml.SafeDumper
    BACKEND = "python"

_CORE_RESOLVERS: list[tuple[str, re.Pattern[str], str]] = [
    ("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), "~nN"),
    ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    (
        "tag:yaml.org,2002:int",
        re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+|0o[0-7]+)$"),
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
            r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
]
# YAML 1.1 tags our loader does not resolve implicitly: its booleans, numbers and timestamps
# (the core schema's replace them), and "<<" and "=" as values, which are plain text in YAML
# 1.2 (a plain "<<" in key position is still a merge key: see _Loader.construct_mapping).
_REPLACED = {tag for tag, _, _ in _CORE_RESOLVERS} | {
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:merge",
    "tag:yaml.org,2002:value",
}
# What the dumper must also quote: every integer of the 1.2 core schema, leading zeros and
# 0o octal included, which our loader reads as text but other YAML 1.2 readers do not.
_CORE_INT_ANY = ("tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+)$"), "-+0123456789")


def _resolvers(keep_yaml11: bool) -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        table[first] = [(t, r) for t, r in entries if keep_yaml11 or t not in _REPLACED]
    extra = [_CORE_INT_ANY] if keep_yaml11 else []
    for tag, regexp, firsts in [*_CORE_RESOLVERS, *extra]:
        for first in [*firsts, ""] if tag.endswith("null") else firsts:
            table.setdefault(first, []).append((tag, regexp))
    return table


_MERGE = "tag:yaml.org,2002:merge"
_STR = "tag:yaml.org,2002:str"


def _children(node: Any) -> list[Any]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def check_expansion(root: Any) -> None:
    """Refuse a node graph whose aliases expand past :data:`limits.YAML_ALIAS_EXPANSION`.

    One walk over the nodes as written (each shared node once), summing the sizes of
    children: linear in the document, however large the expansion it describes.

    Raises:
        yaml.constructor.ConstructorError: Too large once expanded, or an alias to itself.
    """
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            sizes[key] = min(1 + sum(sizes[id(c)] for c in _children(node)), 1 << 62)
            active.discard(key)
        elif key in active:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                "found an alias to a node that holds it (a recursive alias)",
                node.start_mark,
            )
        elif key not in sizes:
            active.add(key)
            stack.append((node, True))
            stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    expanded, written = sizes[id(root)], len(sizes)
    allowed = max(limits.YAML_ALIAS_FLOOR, limits.YAML_ALIAS_EXPANSION * written)
    if expanded > allowed:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"aliases expand {written} nodes as written to {expanded} (more than "
            f"{limits.YAML_ALIAS_EXPANSION} times; osintreport.limits.YAML_ALIAS_EXPANSION)",
            root.start_mark,
        )


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader with YAML 1.2 core scalars and merge keys.

    A repeated key is an error, and aliases may not expand a document past
    :data:`limits.YAML_ALIAS_EXPANSION`.
    """

    yaml_implicit_resolvers = _resolvers(keep_yaml11=False)
    check_aliases = True
    """Whether to walk the nodes for alias expansion (``parse`` skips it without anchors)."""

    def get_single_node(self) -> Any:
        """Compose the document's nodes, then check how far its aliases expand."""
        node = super().get_single_node()
        if node is not None and self.check_aliases:
            check_expansion(node)
        return node

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
                if _is_merge_key(key_node):
                    key_node.tag = _MERGE  # a plain << key merges; SafeConstructor does it
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in seen
                    seen.add(key)
                except TypeError:
                    continue  # unhashable key: SafeConstructor reports it
                if duplicate:
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        f"found duplicate key {key!r} (each key may appear once)",
                        key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        """Build a node's value; a scalar its tag cannot read is a ``ConstructorError``.

        PyYAML's own constructors let Python errors out for an explicit tag on a value it
        cannot hold (``!!bool x`` a ``KeyError``, ``!!timestamp x`` an ``AttributeError``,
        ``!!int ""`` an ``IndexError``); they become the YAML error every reader reports.
        """
        try:
            return super().construct_object(node, deep=deep)
        except (KeyError, AttributeError, IndexError, ValueError, TypeError) as error:
            shown = repr(node.value)[:60] if isinstance(node, yaml.ScalarNode) else "a node"
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"cannot read {shown} as {node.tag} ({type(error).__name__})",
                node.start_mark,
            ) from None


def _is_merge_key(node: Any) -> bool:
    """A plain ``<<`` in key position (YAML's merge key); quoted, it is the text ``<<``."""
    return (
        isinstance(node, yaml.ScalarNode)
        and node.value == "<<"
        and not node.style  # plain: None from the Python parser, "" from libyaml
        and node.tag in (_STR, _MERGE)
    )


def _construct_int(loader: Any, node: Any) -> int:
    """An int, refused when it has more digits than Python will write.

    ``0x`` and 5,000 hex digits reads as an int, and then no writer can turn it into text.
    """
    limit = sys.get_int_max_str_digits()
    try:
        value: int = yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
        too_long = bool(limit) and value.bit_length() > limit * 3.3219  # > `limit` digits
    except ValueError as error:
        if "digits" not in str(error):
            raise  # not a number at all: the caller reports it
        too_long = True  # decimal digits past the limit: int() refused to read them
    if too_long:
        raise yaml.constructor.ConstructorError(
            None,
            None,
            f"an integer of more than {limit} digits, which cannot be written back "
            "(sys.set_int_max_str_digits raises the limit)",
            node.start_mark,
        )
    return value


_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)


class _Dumper(_BaseDumper):  # type: ignore[misc]
    """Safe dumper that quotes strings any YAML 1.1 or 1.2 reader would misread."""

    yaml_implicit_resolvers = _resolvers(keep_yaml11=True)


def _represent_str(dumper: Any, value: str) -> Any:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def parse(text: str) -> Any:
    """Parse one YAML document with the safe loader.

    Raises:
        yaml.YAMLError: The text is not YAML or uses a tag the safe loader refuses.
    """
    loader = _Loader(text)
    try:  # most documents: values built from the parser's events, no node graph
        return build(loader)
    except NotPlainError:
        pass
    finally:
        loader.dispose()
    return parse_nodes(text)


def parse_nodes(text: str) -> Any:
    """Parse one YAML document the general way: compose its nodes, then build the value.

    Reads everything :func:`parse` reads (anchors, aliases, tags, merge keys) and reports
    every error with its position; :func:`parse` gives the same value or error, faster.
    """
    loader = _Loader(text)
    # The alias walk costs about a microsecond a node; a document that defines no anchor
    # (no "&name" where YAML allows one) can hold no alias, so it is skipped. A "&" inside a
    # quoted string only costs the walk.
    loader.check_aliases = _ANCHOR_RE.search(text) is not None
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


_ANCHOR_RE = re.compile(r"(?:^|[\s\[{,:?-])&[^\s\[\]{},]")


def emit(data: Any) -> str:
    """Write plain data as a block-style YAML document, keys in insertion order."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    return text


class _Untagged(_Loader):
    """Composes nodes without resolving the tags of plain scalars (positions only)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


def compose(text: str) -> Any:
    """The node tree of one YAML document, for finding where a path is written.

    Plain scalars get no tag (the caller wants only the shape and the marks), which saves
    the resolver's time; aliases are not checked (the caller walks only the paths it asks for).
    """
    loader = _Untagged(text)
    loader.check_aliases = False
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()
