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
from typing import Any

import yaml

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
        re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*)|0x[0-9a-fA-F]+)$"),
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
_REPLACED = {tag for tag, _, _ in _CORE_RESOLVERS} | {"tag:yaml.org,2002:timestamp"}


def _resolvers(keep_yaml11: bool) -> dict[Any, list[tuple[str, re.Pattern[str]]]]:
    table: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}
    for first, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        table[first] = [(t, r) for t, r in entries if keep_yaml11 or t not in _REPLACED]
    for tag, regexp, firsts in _CORE_RESOLVERS:
        for first in [*firsts, ""] if tag.endswith("null") else firsts:
            table.setdefault(first, []).append((tag, regexp))
    return table


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe loader with YAML 1.2 core scalars; a repeated key is an error."""

    yaml_implicit_resolvers = _resolvers(keep_yaml11=False)

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: set[Any] = set()
            for key_node, _ in node.value:
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
    return yaml.load(text, Loader=_Loader)


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
