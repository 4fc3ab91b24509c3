"""The national summary: every region's plan in numbers, by region, by province and in total.

One :class:`RegionResult` per region, with a plan or the reason it has none;
:class:`NationalSummary` adds them up: coverage per region and per province,
floors binding, placements, required seats left empty by the code of the
first reason given for them (``no_candidate``, ``held_by_floor``, ... or
``unexplained`` for plans solved without reasons), and the slowest regions.
It writes itself as Markdown, as CSV (one table per region, one per province)
and as the plain data of ``summary.json``. What people read (the printed lines,
the Markdown, the CSV column names) is in Bahasa Indonesia by default, in
English with ``lang="en"`` (``str()`` stays English); ``summary.json`` keeps
its English keys and codes.

A region's province comes with its result; :func:`province_of` reads it from
a region name of the form ``PROVINCE.REGION`` (as ``penempatan generate
--national`` names its files).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from penempatan.i18n import CODE_MEANINGS, Lang, message, number, percent, resolve_lang

__all__ = ["NationalSummary", "RegionResult", "province_of"]


def province_of(name: str, titles: Mapping[str, str] | None = None) -> str:
    """The province part of ``PROVINCE.REGION`` (its title when ``titles`` maps the slug)."""
    slug = name.split(".", 1)[0] if "." in name else "-"
    return (titles or {}).get(slug, slug)


@dataclass(frozen=True)
class RegionResult:
    """One region of a national run: its plan in numbers, or why it has none.

    ``status`` is the plan's (``OPTIMAL``, ``INFEASIBLE``, ...) or ``None``
    without a plan, when ``error`` says why and ``reason`` gives its code
    (``invalid``, ``failed``, ``worker_lost``, ``unreadable``). ``seconds`` is
    the worker's wall time and ``peak_mb`` its process's peak memory after
    the region; ``resumed`` marks a plan kept from an earlier run.
    """

    name: str
    province: str
    status: str | None = None
    coverage: int = 0
    required_seats: int = 0
    fit: int = 0
    placements: int = 0
    binding_floors: int = 0
    seconds: float | None = None
    peak_mb: float | None = None
    error: str | None = None
    reason: str | None = None
    unfilled: dict[str, int] = field(default_factory=dict)
    scenario_sha256: str | None = None
    attempts: int = 1
    resumed: bool = False

    @property
    def has_plan(self) -> bool:
        """Whether the region has a plan file (INFEASIBLE is an answer too)."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """The plain data of this row in ``summary.json``."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RegionResult:
        """A row read back from ``summary.json``."""
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in names})


_REGION_COLUMNS = (
    "name",
    "province",
    "status",
    "coverage",
    "required_seats",
    "coverage_share",
    "fit",
    "placements",
    "binding_floors",
    "seconds",
    "reason",
    "error",
)
_PROVINCE_COLUMNS = (
    "province",
    "regions",
    "without_plan",
    "coverage",
    "required_seats",
    "coverage_share",
    "placements",
    "binding_floors",
    "seconds",
)


def _share(covered: int, required: int) -> float | None:
    return round(covered / required, 4) if required else None


@dataclass(frozen=True)
class NationalSummary:
    """Every region's result, summed by province and in total."""

    regions: tuple[RegionResult, ...]
    wall_seconds: float | None = None

    @classmethod
    def of(
        cls, results: Iterable[RegionResult], wall_seconds: float | None = None
    ) -> NationalSummary:
        """The summary of ``results``, regions sorted by name."""
        return cls(tuple(sorted(results, key=lambda r: r.name)), wall_seconds)

    @property
    def failed(self) -> list[RegionResult]:
        """The regions without a plan."""
        return [r for r in self.regions if not r.has_plan]

    def totals(self) -> dict[str, Any]:
        """Regions, regions by status, coverage, required seats, placements, floors, seconds."""
        with_plan = [r for r in self.regions if r.has_plan]
        statuses: dict[str, int] = {}
        for r in with_plan:
            statuses[str(r.status)] = statuses.get(str(r.status), 0) + 1
        coverage = sum(r.coverage for r in with_plan)
        required = sum(r.required_seats for r in with_plan)
        return {
            "regions": len(self.regions),
            "with_plan": len(with_plan),
            "without_plan": len(self.regions) - len(with_plan),
            "statuses": dict(sorted(statuses.items())),
            "coverage": coverage,
            "required_seats": required,
            "coverage_share": _share(coverage, required),
            "fit": sum(r.fit for r in with_plan),
            "placements": sum(r.placements for r in with_plan),
            "binding_floors": sum(r.binding_floors for r in with_plan),
            "solve_seconds": round(sum(r.seconds or 0.0 for r in self.regions), 3),
            "peak_worker_mb": max((r.peak_mb or 0.0 for r in self.regions), default=0.0) or None,
            "wall_seconds": None if self.wall_seconds is None else round(self.wall_seconds, 3),
        }

    def unfilled(self) -> dict[str, int]:
        """Required seats left empty, by reason code, most first."""
        counts: dict[str, int] = {}
        for r in self.regions:
            for code, seats in r.unfilled.items():
                counts[code] = counts.get(code, 0) + seats
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def provinces(self) -> list[dict[str, Any]]:
        """One row per province: regions, those without a plan, coverage, placements, floors."""
        rows: dict[str, dict[str, Any]] = {}
        for r in self.regions:
            row = rows.setdefault(
                r.province,
                dict.fromkeys(_PROVINCE_COLUMNS, 0) | {"province": r.province, "seconds": 0.0},
            )
            row["regions"] += 1
            row["without_plan"] += 0 if r.has_plan else 1
            row["coverage"] += r.coverage
            row["required_seats"] += r.required_seats
            row["placements"] += r.placements
            row["binding_floors"] += r.binding_floors
            row["seconds"] += r.seconds or 0.0
        for row in rows.values():
            row["coverage_share"] = _share(row["coverage"], row["required_seats"])
            row["seconds"] = round(row["seconds"], 3)
        return [rows[p] for p in sorted(rows)]

    def slowest(self, n: int = 10) -> list[RegionResult]:
        """The ``n`` regions that took longest, slowest first."""
        timed = [r for r in self.regions if r.seconds is not None]
        return sorted(timed, key=lambda r: (-(r.seconds or 0.0), r.name))[:n]

    def region_rows(self) -> list[dict[str, Any]]:
        """One row per region with the columns of the CSV table."""
        return [
            {
                **{c: getattr(r, c) for c in _REGION_COLUMNS if hasattr(r, c)},
                "coverage_share": _share(r.coverage, r.required_seats) if r.has_plan else None,
                "seconds": None if r.seconds is None else round(r.seconds, 3),
            }
            for r in self.regions
        ]

    def regions_csv(self, lang: str | None = None) -> str:
        """The region table as CSV, its column names in ``lang`` (default as :meth:`text`)."""
        return _csv(_REGION_COLUMNS, self.region_rows(), resolve_lang(lang))

    def provinces_csv(self, lang: str | None = None) -> str:
        """The province table as CSV, its column names in ``lang`` (default as :meth:`text`)."""
        return _csv(_PROVINCE_COLUMNS, self.provinces(), resolve_lang(lang))

    def to_dict(self) -> dict[str, Any]:
        """``summary.json``: totals, unfilled seats by reason, provinces and every region."""
        return {
            "format": "penempatan/national-summary@1",
            "totals": self.totals(),
            "unfilled": self.unfilled(),
            "provinces": self.provinces(),
            "regions": [r.to_dict() for r in self.regions],
        }

    def to_markdown(self, *, slowest: int = 10, lang: str | None = None) -> str:
        """Totals, unfilled seats by reason, the slowest regions, failures, provinces, regions.

        In ``lang`` (``"id"`` or ``"en"``); by default ``$PENEMPATAN_LANG``, else
        Bahasa Indonesia. Status and reason codes stay codes (a reason's meaning
        follows it in the table of unfilled seats).
        """
        lg = resolve_lang(lang)
        t = self.totals()
        out = [message("national.title", lg), ""]
        out.append(_regions_line(t, lg) + ".")
        out.append(
            message(
                "national.coverage.fit",
                lg,
                coverage=_int(t["coverage"], lg),
                required=_int(t["required_seats"], lg),
                share=_pct(t["coverage"], t["required_seats"], lg),
                placements=_int(t["placements"], lg),
                fit=_int(t["fit"], lg),
                floors=_int(t["binding_floors"], lg),
            )
        )
        if t["wall_seconds"] is not None:
            out.append(
                message(
                    "national.wall.solve",
                    lg,
                    wall=_fixed(t["wall_seconds"], 1, lg),
                    solve=_fixed(t["solve_seconds"], 1, lg),
                )
            )
        unfilled = self.unfilled()
        if unfilled:
            out += ["", message("national.h.unfilled", lg), ""]
            out += _md(
                _cols(("reason", "seats"), lg),
                [(coded_reason(k, lg), _int(v, lg)) for k, v in unfilled.items()],
            )
        if self.failed:
            out += ["", message("national.h.failed", lg), ""]
            out += _md(
                _cols(("region", "reason", "error"), lg),
                [
                    (
                        r.name,
                        coded_reason(r.reason or "", lg),
                        (r.error or "").splitlines()[0][:160],
                    )
                    for r in self.failed
                ],
            )
        slow = self.slowest(slowest)
        if slow:
            out += ["", message("national.h.slowest", lg, count=len(slow)), ""]
            out += _md(
                _cols(("region", "seconds", "required_seats_md", "placements"), lg),
                [
                    (
                        r.name,
                        _fixed(r.seconds or 0.0, 2, lg),
                        _int(r.required_seats, lg),
                        _int(r.placements, lg),
                    )
                    for r in slow
                ],
            )
        out += ["", message("national.h.provinces", lg), ""]
        out += _md(
            _cols(
                ("province", "regions", "without", "coverage", "required", "share", "floors"), lg
            ),
            [
                (
                    p["province"],
                    str(p["regions"]),
                    str(p["without_plan"]),
                    _int(p["coverage"], lg),
                    _int(p["required_seats"], lg),
                    _pct(p["coverage"], p["required_seats"], lg),
                    str(p["binding_floors"]),
                )
                for p in self.provinces()
            ],
        )
        out += ["", message("national.h.regions", lg), ""]
        out += _md(
            _cols(
                (
                    "region",
                    "status",
                    "coverage",
                    "required",
                    "share",
                    "placements",
                    "floors",
                    "s",
                ),
                lg,
            ),
            [
                (
                    r["name"],
                    r["status"] or message("national.none_reason", lg, reason=r["reason"]),
                    _int(r["coverage"], lg),
                    _int(r["required_seats"], lg),
                    _pct(r["coverage"], r["required_seats"], lg),
                    _int(r["placements"], lg),
                    str(r["binding_floors"]),
                    "" if r["seconds"] is None else _fixed(r["seconds"], 2, lg),
                )
                for r in self.region_rows()
            ],
        )
        return "\n".join(out) + "\n"

    def summary(self, lang: Lang | None = None) -> str:
        """:meth:`__str__`'s lines in ``lang`` (default ``$PENEMPATAN_LANG``, else id), as
        ``penempatan national`` prints them; reason codes and statuses stay codes."""
        la = resolve_lang(lang)

        def t(key: str, **values: Any) -> str:
            return message(key, la, **values)

        tot = self.totals()
        statuses = ", ".join(f"{k} {v}" for k, v in tot["statuses"].items()) or "-"
        lines = [
            t(
                "national.regions",
                regions=tot["regions"],
                with_plan=tot["with_plan"],
                statuses=statuses,
                without_plan=tot["without_plan"],
            ),
            t(
                "national.coverage",
                coverage=number(tot["coverage"], la),
                required=number(tot["required_seats"], la),
                share=percent(tot["coverage"], tot["required_seats"], la),
                placements=number(tot["placements"], la),
                floors=number(tot["binding_floors"], la),
            ),
        ]
        unfilled = self.unfilled()
        if unfilled:
            shown = ", ".join(
                f"{number(v, la)} {coded_reason(k, la)}" for k, v in list(unfilled.items())[:6]
            )
            lines.append(t("national.left_empty", seats=shown))
        slow = self.slowest(5)
        if slow:
            shown = ", ".join(f"{r.name} {number(round(r.seconds or 0.0, 2), la)} s" for r in slow)
            lines.append(t("national.slowest", regions=shown))
        if tot["wall_seconds"] is not None:
            lines.append(t("national.wall", seconds=number(round(tot["wall_seconds"], 1), la)))
        lines += [
            t("national.no_plan", name=r.name, reason=coded_reason(r.reason or "", la))
            for r in self.failed
        ]
        return "\n".join(lines)

    def __str__(self) -> str:
        """A few lines: totals, unfilled seats by reason, the five slowest, failures."""
        t = self.totals()
        lines = [
            f"{t['regions']} regions: {t['with_plan']} with a plan "
            f"({', '.join(f'{k} {v}' for k, v in t['statuses'].items()) or 'none'}), "
            f"{t['without_plan']} without",
            f"coverage {t['coverage']:,} of {t['required_seats']:,} required seats "
            f"({_pct(t['coverage'], t['required_seats'])}), {t['placements']:,} placements, "
            f"{t['binding_floors']:,} binding OPD floors",
        ]
        unfilled = self.unfilled()
        if unfilled:
            lines.append(
                "left empty: " + ", ".join(f"{v:,} {k}" for k, v in list(unfilled.items())[:6])
            )
        slow = self.slowest(5)
        if slow:
            lines.append("slowest: " + ", ".join(f"{r.name} {r.seconds:.2f} s" for r in slow))
        if t["wall_seconds"] is not None:
            lines.append(f"wall time {t['wall_seconds']:.1f} s")
        for r in self.failed:
            lines.append(f"no plan: {r.name}: {r.reason}")
        return "\n".join(lines)


def _regions_line(t: Mapping[str, Any], lang: Lang) -> str:
    statuses = ", ".join(f"{k} {v}" for k, v in t["statuses"].items())
    return message(
        "national.regions",
        lang,
        regions=_int(t["regions"], lang),
        with_plan=_int(t["with_plan"], lang),
        statuses=statuses or message("national.statuses.none", lang),
        without_plan=_int(t["without_plan"], lang),
    )


def _int(n: int, lang: Lang) -> str:
    """A whole number with thousands grouped: ``12,345`` in English, ``12.345`` in Indonesian."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "id" else text


def _fixed(x: float, digits: int, lang: Lang) -> str:
    """``x`` with ``digits`` decimals, the decimal mark of ``lang``."""
    text = f"{x:.{digits}f}"
    return text.replace(".", ",") if lang == "id" else text


def _pct(covered: int | None, required: int | None, lang: Lang = "en") -> str:
    """``covered`` of ``required`` as a percentage, one decimal, from the counts themselves
    (not from the share rounded for ``summary.json``, which could round twice)."""
    if covered is None or not required:
        return "-"
    return percent(covered, required, lang).replace(" %", "%")


#: The reasons a region has no plan (:class:`~penempatan.RegionError`'s ``reason``).
REGION_REASONS = ("unreadable", "invalid", "failed", "worker_lost")


def coded_reason(code: str, lang: Lang) -> str:
    """A reason code and its meaning: ``held_by_floor (candidates held by floors)``.

    The codes are those of unfilled seats and those of :class:`~penempatan.RegionError`
    (why a region has no plan: ``failed (failed while solving)``).
    """
    meaning = CODE_MEANINGS.get(code, {}).get(lang)
    if meaning is None and code == "unexplained":
        meaning = message("national.unexplained", lang)
    if meaning is None and code in REGION_REASONS:
        meaning = message(f"national.region.{code}", lang)
    return f"{code} ({meaning})" if meaning else code


def _cols(names: tuple[str, ...], lang: Lang) -> tuple[str, ...]:
    return tuple(message(f"national.col.{n}", lang) for n in names)


def _md(header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> list[str]:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines


def _csv(columns: tuple[str, ...], rows: Iterable[Mapping[str, Any]], lang: Lang) -> str:
    """The rows as CSV: column names in ``lang``, values as data (codes, ``.`` decimals)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_cols(columns, lang))
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue()
