"""Rows of other tools' CSV files kept cell for cell (private; ACLED and UCDP GED use it).

A reader derives, from the object it built, the cells a writer would write; each cell of the
row as read that differs is kept, with what the model gave for it then::

    x_acled: {cells: {inter1: "6"}, as_read: {inter1: "7"}}

A writer derives the cells from the object as it is now and writes each kept cell back as
read while the model still gives what it gave at reading. Once that part of the object is
edited, the model's value wins. A row read and written unchanged is the same row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["keep", "restore"]


def keep(
    given: Mapping[str, str], derived: Mapping[str, str], columns: Iterable[str]
) -> dict[str, Any] | None:
    """The ``x_`` value for a row: the cells of ``given`` that ``derived`` does not reproduce."""
    cells: dict[str, str] = {}
    as_read: dict[str, str] = {}
    for column in columns:
        cell, made = given.get(column, ""), derived.get(column, "")
        if cell != made:
            cells[column] = cell
            if made:
                as_read[column] = made
    if not cells:
        return None
    value: dict[str, Any] = {"cells": cells}
    if as_read:
        value["as_read"] = as_read
    return value


def restore(derived: dict[str, str], kept: object) -> dict[str, str]:
    """``derived`` with each kept cell written back where the model still gives the same."""
    if not isinstance(kept, Mapping):
        return derived
    cells, as_read = kept.get("cells"), kept.get("as_read")
    if not isinstance(cells, Mapping):
        return derived
    made = as_read if isinstance(as_read, Mapping) else {}
    for column, original in cells.items():
        if derived.get(str(column), "") == str(made.get(column, "")):
            derived[str(column)] = str(original)
    return derived
