"""Messages of the national summary's tables (``penempatan national``), in both languages.

The totals, headings and columns of ``summary.md`` and the column names of
``regions.csv`` and ``provinces.csv``; the lines printed at the end of a run
are in :mod:`._error_messages` (``national.regions``, ``national.coverage``, ...).
:mod:`penempatan.i18n` adds these to :data:`~penempatan.i18n.MESSAGES`.
"""

from __future__ import annotations

from typing import Literal

NATIONAL_MESSAGES: dict[str, dict[Literal["id", "en"], str]] = {
    # ----- The totals of summary.md -----
    "national.title": {
        "id": "# Ringkasan penempatan nasional",
        "en": "# National placement summary",
    },
    "national.statuses.none": {"id": "tidak ada", "en": "none"},
    "national.coverage.fit": {
        "id": "Cakupan {coverage} dari {required} kursi wajib ({share}); {placements} "
        "penempatan; kecocokan {fit}; {floors} batas minimum OPD yang mengikat.",
        "en": "Coverage {coverage} of {required} required seats ({share}); {placements} "
        "placements; fit {fit}; {floors} binding OPD floors.",
    },
    "national.wall.solve": {
        "id": "Waktu total {wall} s; waktu penyelesaian dijumlahkan atas daerah {solve} s.",
        "en": "Wall time {wall} s; solve time summed over regions {solve} s.",
    },
    "national.none_reason": {"id": "tidak ada ({reason})", "en": "none ({reason})"},
    # ----- Headings of summary.md -----
    "national.h.unfilled": {
        "id": "## Kursi wajib yang kosong, menurut alasan",
        "en": "## Required seats left empty, by reason",
    },
    "national.h.failed": {"id": "## Daerah tanpa rencana", "en": "## Regions without a plan"},
    "national.h.slowest": {
        "id": "## {count} daerah paling lama",
        "en": "## Slowest {count} regions",
    },
    "national.h.provinces": {"id": "## Provinsi", "en": "## Provinces"},
    "national.h.regions": {"id": "## Daerah", "en": "## Regions"},
    "national.unexplained": {
        "id": "tanpa penjelasan (rencana tanpa alasan)",
        "en": "unexplained (plans without reasons)",
    },
    # ----- Columns (summary.md and the CSV tables) -----
    "national.col.name": {"id": "daerah", "en": "name"},
    "national.col.region": {"id": "daerah", "en": "region"},
    "national.col.province": {"id": "provinsi", "en": "province"},
    "national.col.status": {"id": "status", "en": "status"},
    "national.col.coverage": {"id": "cakupan", "en": "coverage"},
    "national.col.required_seats": {"id": "kursi_wajib", "en": "required_seats"},
    "national.col.required": {"id": "wajib", "en": "required"},
    "national.col.coverage_share": {"id": "persen_cakupan", "en": "coverage_share"},
    "national.col.share": {"id": "persen", "en": "share"},
    "national.col.fit": {"id": "kecocokan", "en": "fit"},
    "national.col.placements": {"id": "penempatan", "en": "placements"},
    "national.col.binding_floors": {"id": "batas_mengikat", "en": "binding_floors"},
    "national.col.floors": {"id": "batas mengikat", "en": "floors"},
    "national.col.seconds": {"id": "detik", "en": "seconds"},
    "national.col.s": {"id": "s", "en": "s"},
    "national.col.reason": {"id": "alasan", "en": "reason"},
    "national.col.error": {"id": "galat", "en": "error"},
    "national.col.regions": {"id": "daerah", "en": "regions"},
    "national.col.without_plan": {"id": "tanpa_rencana", "en": "without_plan"},
    "national.col.without": {"id": "tanpa rencana", "en": "without plan"},
    "national.col.seats": {"id": "kursi", "en": "seats"},
    "national.col.required_seats_md": {"id": "kursi wajib", "en": "required seats"},
}
