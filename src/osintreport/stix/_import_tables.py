"""What the streaming STIX import remembers, kept on disk and as digests (private).

:func:`osintreport.stix.convert_stix` reads a bundle of any size with the whole reader's
:class:`~osintreport.stix._foreign.Foreign`; :class:`StreamingForeign` is that class with
what grows with the bundle kept compactly: texts in temporary files read back by position
(:class:`Texts`), STIX ids to model ids as digests (:class:`LocalIds`), the model ids of
actors, events and notes as a mark among the ids given out (:class:`NamedIds`), and the
statuses opinions give (:class:`Statuses`).
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Mapping
from typing import Any

from .._digest_table import DigestMap
from .._json_items import expand
from .._slugs import DigestIds
from .._spool import Texts
from ..model import Source
from ..vocab import ClaimStatus
from ._extension import ACTOR_TYPES
from ._foreign import Foreign, judged
from ._versions import outranked, rank

__all__ = ["LocalIds", "NamedIds", "Statuses", "StreamingForeign", "Texts"]

_STATUSES = list(ClaimStatus)
_PLACE = 1 << 40  # on a location's row: a relation's place holds it
_RECENT = 1 << 14  # model ids remembered as strings, the last asked for
_LOOKED_UP = frozenset({"location", *ACTOR_TYPES})  # a relation's place, the publisher
_LOOKED_UP_IDS = tuple(f"{kind}--" for kind in _LOOKED_UP)


class LocalIds:
    """STIX ids to model ids, as :attr:`Foreign.local` holds them, compactly."""

    def __init__(self) -> None:
        self._rows = DigestMap()
        self.model_ids = Texts()
        self._recent: dict[str, str | None] = {}  # a relation asks twice of each end

    def __contains__(self, stix_id: object) -> bool:
        return isinstance(stix_id, str) and self.get(stix_id) is not None

    def get(self, stix_id: str, default: str | None = None) -> str | None:
        if stix_id in self._recent:
            found = self._recent[stix_id]
        else:
            row = self._rows.get(stix_id)
            found = None if row < 0 else self.model_ids[row]
            if len(self._recent) >= _RECENT:
                self._recent.clear()
            self._recent[stix_id] = found
        return default if found is None else found

    def __getitem__(self, stix_id: str) -> str:
        found = self.get(stix_id)
        if found is None:
            raise KeyError(stix_id)
        return found

    def reserve(self, count: int) -> None:
        """Make room for ``count`` more ids."""
        self._rows.reserve(len(self._rows) + count)

    def __setitem__(self, stix_id: str, model_id: str) -> None:
        self._rows.put(stix_id, self.model_ids.add(model_id))
        self._recent.pop(stix_id, None)


class NamedIds:
    """The model ids of actors, events and notes: marked among the ids given out."""

    def __init__(self, ids: DigestIds) -> None:
        self._ids = ids

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and self._ids.marked(ident)

    def add(self, ident: str) -> None:
        self._ids.mark(ident)


class StreamingForeign(Foreign):
    """:class:`Foreign` with what grows with the bundle kept on disk and as digests."""

    def __init__(self) -> None:
        self.digest_ids = DigestIds()
        super().__init__([], self.digest_ids)
        self.local = self.ids_of = LocalIds()
        self.named = NamedIds(self.digest_ids)
        self.definitions: dict[str, Mapping[str, Any]] = {}  # statement markings, whole
        # The first foreign report's publisher, when met after the report (an actor is
        # found wherever it is): its id and name.
        self.publisher: tuple[str, Mapping[str, Any]] | None = None
        self.looked_up = Texts()  # locations and identities, as JSON text
        self.indexes: array[int] = array("i")  # the object index of each of those
        self.rows = DigestMap()  # STIX id -> 1 + position in looked_up (0: not one of them)
        self.assessment = DigestMap()  # note id -> 1 when an assessment, else 0
        self.source_rows = DigestMap()
        self.source_ids = Texts()
        self.made: list[Source] = []  # sources made since the caller last took them
        # During the first read, what the maps above will hold waits on disk: a bundle
        # an export wrote has no foreign object that would look anything up.
        self.later: Texts | None = Texts()

    def bind(self, stix_id: str, model_id: str) -> None:
        if self.later is None:
            super().bind(stix_id, model_id)
        else:
            self.later.add(json.dumps(["bind", stix_id, model_id], ensure_ascii=False))

    def _put(self, table: str, ident: str, value: int) -> None:
        if self.later is None:
            self._apply(table, ident, value)
        else:
            self.later.add(json.dumps([table, ident, value], ensure_ascii=False))

    def _apply(self, table: str, ident: str, value: int) -> None:
        # Of versions of one id, the one found stays, as looked_up finds it in a whole bundle.
        if table == "assessment":  # value: a note's rank, 2 when it is a note, 1 if it assesses
            current = self.assessment.get(ident)  # -1: none yet
            if current < 0 or not (value & current & 2 and value >> 2 < current >> 2):
                self.assessment.put(ident, value)
        elif value:
            current = self.rows.get(ident)
            if current <= 0 or not outranked(self._object(value)[0], self._object(current)[0]):
                self.rows.put(ident, value)
        elif self.rows.get(ident) > 0:  # 0: the id of a location, on something else: it wins
            self.rows.put(ident, value)

    def settle(self, needed: bool) -> None:
        """Fill the maps from what the first read found, if ``needed``; then fill as found."""
        later, self.later = self.later, None
        if later is None:
            return
        if needed:
            for text in later:
                table, key, value = json.loads(text)
                if table == "bind":
                    super().bind(key, value)
                else:
                    self._apply(table, key, value)
        later.close()

    def remember(self, index: int, obj: Mapping[str, Any], text: str) -> None:
        """Keep what a later object may look up in ``obj``.

        Of versions of one id, the one kept is the one
        :func:`~osintreport.stix._versions.looked_up` finds.
        """
        ident: str = obj["id"]
        if obj.get("definition_type") == "statement":
            self.definitions[ident] = obj
        else:
            self.definitions.pop(ident, None)
        if obj["type"] in _LOOKED_UP:
            self._put("rows", ident, 1 + self.looked_up.add(text))
            self.indexes.append(index)
        elif ident.startswith(_LOOKED_UP_IDS):
            self._put("rows", ident, 0)  # the id of a location, on something else: it wins
        if ident.startswith("note--"):
            assesses = int(obj.get("abstract") == "Assessment")
            self._put(
                "assessment",
                ident,
                rank(obj) << 2 | 2 | assesses if obj["type"] == "note" else assesses,
            )

    def meet_publisher(self, obj: Mapping[str, Any]) -> None:
        """Note an object with the id of the first foreign report's publisher, met after it.

        An identity or other actor is found as any looked-up object is (the versions of
        its id told apart); an object of another type is found when it is the last.
        """
        if obj["type"] in _LOOKED_UP:
            self.publisher = None
        else:
            self.publisher = (obj["id"], {"name": expand(obj.get("name"))})

    def take_place(self, stix_id: str) -> None:
        """Mark the location ``stix_id`` as held by a relation's place (not kept as it is)."""
        value = self.rows.get(stix_id)
        if value > 0:
            self.rows.put(stix_id, value | _PLACE)

    def holds(self, stix_id: str, index: int) -> bool:
        """Whether the object at ``index`` is the location ``stix_id`` a place holds.

        That is, the one :meth:`take_place` marked, not an older version of it (which is
        kept as it is).
        """
        value = self.rows.get(stix_id)
        row = (value & ~_PLACE) - 1
        return value > 0 and bool(value & _PLACE) and self.indexes[row] == index

    def _found(self, stix_id: str) -> tuple[Mapping[str, Any], int] | None:
        value = self.rows.get(stix_id)
        return None if value <= 0 else self._object(value)

    def _object(self, value: int) -> tuple[Mapping[str, Any], int]:
        """The object of a row value (above 0) of ``rows``, and its index in the bundle."""
        row = (value & ~_PLACE) - 1
        return json.loads(self.looked_up[row]), self.indexes[row]

    def lookup(self, stix_id: str) -> Mapping[str, Any]:
        if stix_id in self.definitions:
            return self.definitions[stix_id]
        if self.publisher is not None and self.publisher[0] == stix_id:
            return self.publisher[1]
        found = self._found(stix_id)
        return {} if found is None else found[0]

    def location(self, stix_id: str, where: str) -> tuple[Mapping[str, Any], str] | None:
        found = self._found(stix_id)
        if found is None or found[0].get("type") != "location":
            return None
        return found[0], f"$.objects[{found[1]}]"

    def is_assessment(self, stix_id: str) -> bool:
        value = self.assessment.get(stix_id)
        return value >= 0 and bool(value & 1)

    def source_id(self, url: str) -> str | None:
        row = self.source_rows.get(url)
        return None if row < 0 else self.source_ids[row]

    def keep_source(self, url: str, source: Source) -> None:
        self.source_rows.put(url, self.source_ids.add(source.id))
        self.made.append(source)

    def close(self) -> None:
        for texts in (self.looked_up, self.source_ids, self.ids_of.model_ids, self.later):
            if texts is not None:
                texts.close()


class Statuses:
    """The status opinions give each note, as :func:`statuses` makes them, compactly."""

    def __init__(self) -> None:
        self._codes = DigestMap()

    def judge(self, obj: Mapping[str, Any]) -> None:
        for ref, status in judged(obj):
            self._codes.put(ref, _STATUSES.index(status))

    def get(self, key: str, default: ClaimStatus, /) -> ClaimStatus:
        code = self._codes.get(key)
        return default if code < 0 else _STATUSES[code]
