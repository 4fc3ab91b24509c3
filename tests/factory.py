"""Small hand-made scenarios for unit tests (the seeded generator serves larger ones)."""

from __future__ import annotations

import copy
import hashlib
import hmac
from pathlib import Path
from typing import Any

#: The repository, and its examples folder.
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def pppk_nip(
    birth_date: str, seq: int, *, year: int = 2024, contract: int = 1, sex: int = 1
) -> str:
    """A valid NI PPPK for ``birth_date`` (ISO) with sequence ``seq``."""
    return f"{birth_date.replace('-', '')}{year:04d}2{contract}{sex}{seq:03d}"


def pns_nip(birth_date: str, seq: int, *, appointed: str = "201505", sex: int = 1) -> str:
    """A valid PNS NIP for ``birth_date`` (ISO) with sequence ``seq``."""
    return f"{birth_date.replace('-', '')}{appointed}{sex}{seq:03d}"


def candidate(
    seq: int,
    *,
    opd: str = "DINKOP",
    birth_date: str = "1990-01-15",
    education: str = "S1",
    skills: dict[str, int] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A valid, eligible candidate record."""
    rec: dict[str, Any] = {
        "nip": pppk_nip(birth_date, seq),
        "name": f"Calon {seq}",
        "opd": opd,
        "education": education,
        "birth_date": birth_date,
        "computer_skill": True,
        "skills": {"pengelola": 3, "apotek": 2} if skills is None else skills,
    }
    rec.update(extra)
    return rec


def tiny_scenario_data() -> dict[str, Any]:
    """A valid scenario with 2 OPD (one with positions), 2 cooperatives and 4 candidates."""
    return copy.deepcopy(
        {
            "format": "penempatan/scenario@1",
            "name": "tiny",
            "reference_date": "2026-03-01",
            "policy": {"excluded_positions": ["Perawat"]},
            "opds": [
                {"id": "DINKOP", "name": "Dinas Koperasi", "headcount": 20, "min_staff": 17},
                {
                    "id": "DINKES",
                    "name": "Dinas Kesehatan",
                    "headcount": 30,
                    "min_staff": 20,
                    "positions": [
                        {"name": "Perawat", "headcount": 10, "min_staff": 8},
                        {"name": "Administrasi", "headcount": 5, "min_staff": 4},
                    ],
                },
            ],
            "cooperatives": [
                {
                    "id": "KKMP-MEDONO",
                    "name": "Koperasi Kelurahan Merah Putih Medono",
                    "kelurahan": "Medono",
                    "kecamatan": "Pekalongan Barat",
                    "location": {"lat": -6.889, "lon": 109.652},
                    "needs": [
                        {"role": "pengelola", "min": 1, "max": 2},
                        {"role": "apotek", "min": 1, "max": 1, "min_level": 2},
                    ],
                    "max_staff": 3,
                },
                {
                    "id": "KKMP-KAUMAN",
                    "name": "Koperasi Kelurahan Merah Putih Kauman",
                    "kelurahan": "Kauman",
                    "kecamatan": "Pekalongan Timur",
                    "location": {"lat": -6.884, "lon": 109.676},
                    "needs": [{"role": "pengelola", "min": 1, "max": 1}],
                },
            ],
            "candidates": [
                candidate(1, location={"lat": -6.89, "lon": 109.66}, domicile="Medono"),
                candidate(2, birth_date="1985-05-05", education="D3", nominated=True),
                candidate(
                    3, opd="DINKES", position="Administrasi", skills={"apotek": 4}, education="D4"
                ),
                candidate(4, opd="DINKES", position="Perawat", skills={"pengelola": 5}),
            ],
        }
    )


def pseudonym(nip: str, key: str) -> str:
    """The documented pseudonym: ``P-``, 10 hex digits of HMAC-SHA-256 of the NIP under the key."""
    digest = hmac.new(key.encode("utf-8"), nip.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"P-{digest[:10]}"


def hostile_scenario_data() -> dict[str, Any]:
    """A tiny scenario whose user strings try to inject HTML and break Markdown tables."""
    d = tiny_scenario_data()
    d["name"] = "<script>alert('x')</script> | pipe"
    d["cooperatives"][0]["kelurahan"] = "Medono <b>bold</b>"
    d["cooperatives"][0]["kecamatan"] = "Barat & <i>Timur</i>"
    d["candidates"][0]["name"] = "<img src=x onerror=alert(1)>"
    d["opds"][0]["name"] = "Dinas | Koperasi <u>"
    return d


def infeasible_scenario_data() -> dict[str, Any]:
    """Two locks over an OPD floor, and the same candidate locked twice."""
    d = tiny_scenario_data()
    d["opds"][0]["min_staff"] = 19
    c0, c1 = d["candidates"][0]["nip"], d["candidates"][1]["nip"]
    d["locks"] = [
        {"candidate": c0, "cooperative": "KKMP-MEDONO", "role": "pengelola"},
        {"candidate": c1, "cooperative": "KKMP-KAUMAN", "role": "pengelola"},
    ]
    return d
