"""The 18-digit NIP (PNS) and NI PPPK, as the scenario format defines them.

Layout, digit positions counted from 1:

* 1–8: birth date ``YYYYMMDD`` (a real calendar date);
* PNS: 9–14 year and month of appointment ``YYYYMM``, month 01–12;
* PPPK: 9–12 appointment year, 13 is ``2``, 14 the contract count ``1``–``9``;
* 15: sex, ``1`` male or ``2`` female;
* 16–18: sequence number, never ``000``.

Digit 13 tells the two apart: a PNS month starts with 0 or 1, never 2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

NIP_LENGTH = 18


@dataclass(frozen=True)
class NipParts:
    """The fields encoded in a valid NIP."""

    kind: Literal["PNS", "PPPK"]
    birth_date: dt.date
    appointment_year: int
    appointment_month: int | None
    contract: int | None
    sex: Literal["M", "F"]
    sequence: int


class NipError(ValueError):
    """An invalid NIP: its English sentence, a ``code`` (``birth_date``, ``sex``, ...), values."""

    def __init__(self, text: str, code: str, **values: object) -> None:
        super().__init__(text)
        self.code = code
        self.values = values


def check_nip(nip: str) -> None:
    """Raise ``ValueError`` saying which digits are wrong, unless ``nip`` is valid.

    The check of :func:`parse_nip` without building its result (validation
    runs it once per candidate).
    """
    if len(nip) != NIP_LENGTH or not (nip.isascii() and nip.isdigit()):
        raise NipError(f"expected 18 digits, got {len(nip)} characters", "length", length=len(nip))
    try:
        dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError(
            f"digits 1-8 must be a real birth date YYYYMMDD, got {nip[0:8]}",
            "birth_date",
            digits=nip[0:8],
        ) from None
    if nip[12] == "2":
        if nip[13] == "0":
            raise NipError(
                "digit 14 of an NI PPPK is the contract count and must be 1-9", "contract"
            )
    elif not "01" <= nip[12:14] <= "12":
        raise NipError(
            f"digits 13-14 must be the appointment month 01-12 (PNS) or '2' followed by "
            f"the contract count 1-9 (PPPK), got {nip[12:14]}",
            "month",
            digits=nip[12:14],
        )
    if nip[14] not in "12":
        raise NipError(
            f"digit 15 is the sex and must be 1 or 2, got {nip[14]}", "sex", digit=nip[14]
        )
    if nip[15:18] == "000":
        raise NipError("digits 16-18 are a sequence number and must not be 000", "sequence")


def parse_nip(nip: str) -> NipParts:
    """Decode ``nip`` or raise ``ValueError`` saying which digits are wrong."""
    check_nip(nip)
    year = int(nip[8:12])
    if nip[12] == "2":
        kind: Literal["PNS", "PPPK"] = "PPPK"
        month, contract = None, int(nip[13])
    else:
        kind, month, contract = "PNS", int(nip[12:14]), None
    return NipParts(
        kind=kind,
        birth_date=dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8])),
        appointment_year=year,
        appointment_month=month,
        contract=contract,
        sex="M" if nip[14] == "1" else "F",
        sequence=int(nip[15:18]),
    )
