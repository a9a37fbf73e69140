"""ACLED CSV: read rows into events and write events as rows, cell for cell.

Columns, in the order of ACLED's export since March 2023 (:data:`COLUMNS`)::

    event_id_cnty, event_date, year, time_precision, disorder_type, event_type,
    sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction,
    civilian_targeting, iso, region, country, admin1, admin2, admin3, location, latitude,
    longitude, geo_precision, source, source_scale, notes, fatalities, tags, timestamp

Older exports (``data_id``, ``event_id_no_cnty``, ``iso3``, numeric ``inter1``) and newer ones
(named actor types such as ``State forces``) read as well. Mapping, with its losses, in
``docs/interop.md``:

- ``time_precision`` 1 (day) is the exact day; 2 (week) is a 7-day window centred on
  ``event_date`` with approximate ends; 3 (month) is the month of ``event_date``. Writing picks
  the smallest of the three that holds the event's dates; an event whose dates span more than
  a month, or that has none, is not written and is reported.
- ``geo_precision`` 1, 2, 3 are ``exact``, ``near`` and ``region`` (``country`` writes 3).
- Each distinct actor name becomes one actor; ``actor1`` and ``assoc_actor_1`` are
  initiators, ``actor2`` and ``assoc_actor_2`` targets; ``inter1``/``inter2`` give the kind.
- ``source`` names become sources cited by the event; ``notes`` is the summary.
- Lossless: every cell the model would not write back as it was read is kept on its event
  in ``x_acled`` (``cells``, and ``as_read``: what the model gave for that cell then), and
  written back while the model still gives the same; the file's columns are kept on the
  report (``x_acled_columns``). A row read and written unchanged is the same row.

Reading never drops a row silently: a row that does not fit is left out of the report and
listed, with its line number, in :attr:`AcledRead.problems`.
"""

from __future__ import annotations

from .._event_table import EventStream, RowProblem
from ._codes import COLUMNS, AcledRead
from ._read import read_acled, stream_acled
from ._write import UNWRITABLE, write_acled

__all__ = [
    "COLUMNS",
    "UNWRITABLE",
    "AcledRead",
    "EventStream",
    "RowProblem",
    "read_acled",
    "stream_acled",
    "write_acled",
]
