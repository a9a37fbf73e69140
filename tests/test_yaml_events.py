"""YAML built from the parser's events gives what the node graph gives (osintreport._yaml)."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from osintreport import _yaml

# Scalars that YAML 1.1 and 1.2 read differently, and the model's own kinds of values.
_TRICKY = st.sampled_from(
    ["NO", "yes", "01:23", "0o17", "0x1F", "1e3", "2023-08-03", "<<", "=", "~", "", "null", "-"]
)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    _TRICKY,
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.text(max_size=5), _TRICKY, st.integers(0, 9)), inner, max_size=4
        ),
    ),
    max_leaves=20,
)


def _outcome(parse: Any, text: str) -> tuple[str, Any]:
    try:
        return "ok", parse(text)
    except yaml.YAMLError as error:
        return "error", str(error)


@settings(max_examples=300)
@given(_DATA, st.sampled_from([False, True, None]))
def test_written_documents_read_the_same_both_ways(data: Any, flow: bool | None) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert _outcome(_yaml.parse, text) == _outcome(_yaml.parse_nodes, text)


_PIECES = st.sampled_from(
    [
        "a: 1\n",
        "- x\n",
        "  - y\n",
        "b: &k v\n",
        "c: *k\n",
        "<<: {d: 1}\n",
        "e: !!int 3\n",
        "f: [1, {g: h}]\n",
        "? [i]\n: j\n",
        "---\n",
        "a: 2\n",
        "k: 'l'\n",
        "m: |\n  n\n",
        "o: !!binary aGk=\n",
        "p: !!timestamp x\n",
        "{q: r}\n",
        "s:\n",
        "  t: u\n",
        "[v\n",
        "w: 0x",
        "FF\n",
        "x: 1e400\n",
        "y: !!set {z}\n",
        "\t",
        ":",
        "#c\n",
        "'",
        '"',
    ]
)


@settings(max_examples=500)
@given(st.lists(_PIECES, max_size=8))
def test_odd_documents_give_the_same_value_or_error(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _outcome(_yaml.parse, text) == _outcome(_yaml.parse_nodes, text)
