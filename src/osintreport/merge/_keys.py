"""What makes two objects from different reports the same one: their match keys (private).

A key is a ``(kind, value)`` pair; two objects of one collection sharing any key are one
object (:mod:`osintreport.merge._plan` joins them). Each key carries its own evidence, as the
merge plan shows it to a reviewer.

- Actors: the id; each external id (Wikidata, ACLED, UCDP, STIX); each name and alias,
  normalized (case, accents, punctuation, a leading "the", other scripts transliterated);
  and acronyms: ``"IRGC-QF"`` matches ``"Islamic Revolutionary Guard Corps Quds Force"``.
- Sources: the URL, normalized (scheme, ``www.``, case of the host, trailing slash,
  fragment, tracking parameters); the SHA-256 digest; a source without URL or digest by its
  title and publisher.
- Events: kind, date and summary; claims: claimant and text; assessments: text (each text
  by :func:`text_key`: case, accents, spacing and punctuation aside, not transliterated);
  relations: kind and ends. References in these are compared after the actors, sources and
  so on they point to were merged.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterator
from typing import Any

from .._slugs import transliterator
from ..errors import MissingExtraError
from ..model import Actor, Assessment, Claim, Event, Source
from ..relation import Relation

__all__ = ["Key", "acronym", "keys_of", "name_key", "text_key", "url_key"]

Key = tuple[str, str]
"""``(kind, value)``: ``("wikidata", "Q1571617")``, ``("name", "quds force")``."""

_WORDS = re.compile(r"[^\W_]+")
_STOP = frozenset({"the", "of", "and", "for", "in", "al", "el"})
_TRACKING = re.compile(r"^(utm_[a-z]+|fbclid|gclid|ref|ref_src|s|t|si|igshid)$", re.IGNORECASE)


def _latin(text: str) -> str:
    """``text`` with accents dropped and other scripts transliterated to Latin letters."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    if stripped.isascii():
        return stripped
    translit = transliterator()
    if translit is None:
        raise MissingExtraError("anyascii", "merge", "matching names written in another script")
    return translit(stripped)


def _words(text: str) -> list[str]:
    return _WORDS.findall(_latin(text).casefold())


def text_key(text: str) -> str:
    """Prose as matching sees it: its words, case and accents aside, in their own script.

    For the text of events, claims, assessments: the same text matches whatever its
    spacing, punctuation, case or accents, but it is not transliterated (a summary in
    Arabic and its Latin transliteration are two texts), so no extra is needed.
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORDS.findall(text.casefold()))


def name_key(name: str) -> str:
    """A name as matching sees it: ``"The Quds Force"`` and ``"quds-force"`` -> ``"quds force"``.

    Raises:
        MissingExtraError: The name has letters of another script and the ``merge`` extra
            (anyascii) is not installed; without it the match would depend on what is.
    """
    words = _words(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def acronym(name: str) -> tuple[str, str] | None:
    """How ``name`` takes part in matching acronyms, or ``None``.

    ``("acronym", letters)`` for a name written in capitals (``"IRGC-QF"``, ``"SDF"``);
    ``("initials", letters)`` for a name of at least three words, skipping "of", "the",
    "and" and so on (``"Syrian Democratic Forces"`` -> ``"sdf"``). An acronym matches an
    acronym or initials; initials alone never match initials ("Russian Air Force" is not
    "Russian armed forces").
    """
    letters = [c for c in name if c.isalpha()]
    if 2 <= len(letters) <= 10 and all(c.isupper() for c in letters) and " " not in name.strip():
        return "acronym", "".join(letters).casefold()
    words = [w for w in _words(name) if w not in _STOP]
    return ("initials", "".join(w[0] for w in words)) if len(words) >= 3 else None


def url_key(url: str) -> str:
    """A URL as matching sees it.

    No scheme, no ``www.``, a lower-case host, no fragment, no tracking parameters and no
    trailing slash.
    """
    try:
        parts = urllib.parse.urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").casefold().removeprefix("www.")
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    kept = urllib.parse.urlencode([(k, v) for k, v in query if not _TRACKING.match(k)])
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{kept}" if kept else "")


def keys_of(collection: str, obj: Any, ref: Callable[[str], str]) -> Iterator[tuple[Key, str]]:
    """Each match key of ``obj`` with the evidence it stands for.

    Args:
        collection: The collection the object is in.
        obj: The object.
        ref: Maps an id the object refers to onto the id it has in the merge.
    """
    if collection == "actors":
        yield from _actor_keys(obj)
    elif collection == "sources":
        yield from _source_keys(obj)
    elif collection == "events":
        event: Event = obj
        text = text_key(event.summary)
        yield ("event", f"{event.kind.value}|{event.when}|{text}"), f"same summary {text[:60]!r}"
    elif collection == "claims":
        claim: Claim = obj
        who = ref(claim.claimant) if claim.claimant else ""
        text = text_key(claim.text)
        yield ("claim", f"{who}|{text}"), f"same claim {text[:60]!r}"
    elif collection == "assessments":
        assessment: Assessment = obj
        text = text_key(assessment.text)
        yield ("assessment", text), f"same judgment {text[:60]!r}"
    elif collection == "relations":
        relation: Relation = obj
        end = ref(relation.object) if relation.object else str(relation.where)
        value = f"{relation.kind.value}|{ref(relation.subject)}|{end}"
        yield ("relation", value), f"same link {value!r}"


def _actor_keys(actor: Actor) -> Iterator[tuple[Key, str]]:
    yield ("id", actor.id), f"same id {actor.id!r}"
    ids = actor.external_ids
    if ids is not None:
        for scheme in ("wikidata", "acled", "ucdp", "stix"):
            value = getattr(ids, scheme)
            if value is not None:
                yield (scheme, value), f"same {scheme} id {value}"
    for name in (actor.name, *actor.aliases):
        key = name_key(name)
        if key:
            yield ("name", key), f"name {name!r}"
        short = acronym(name)
        if short is not None:
            yield short, f"{short[0]} {name!r}"


def _source_keys(source: Source) -> Iterator[tuple[Key, str]]:
    if source.url is not None:
        yield ("url", url_key(source.url)), f"same URL {source.url}"
    if source.sha256 is not None:
        yield ("sha256", source.sha256.lower()), f"same SHA-256 {source.sha256[:12]}"
    if source.url is None and source.sha256 is None and source.title is not None:
        value = f"{name_key(source.title)}|{name_key(source.publisher or '')}"
        yield ("title", value), f"same title {source.title!r}"
