"""The 18-digit NIP (PNS) and NI PPPK layout of spec/scenario-v1.md, section "NIP"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from penempatan.scenario._nip import NipParts, check_nip, parse_nip
from tests.factory import pns_nip, pppk_nip


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        (
            "198609262015051001",
            NipParts(
                kind="PNS",
                birth_date=dt.date(1986, 9, 26),
                appointment_year=2015,
                appointment_month=5,
                contract=None,
                sex="M",
                sequence=1,
            ),
        ),
        (
            "200012312024211001",
            NipParts(
                kind="PPPK",
                birth_date=dt.date(2000, 12, 31),
                appointment_year=2024,
                appointment_month=None,
                contract=1,
                sex="M",
                sequence=1,
            ),
        ),
        (
            "197001012001122999",
            NipParts(
                kind="PNS",
                birth_date=dt.date(1970, 1, 1),
                appointment_year=2001,
                appointment_month=12,
                contract=None,
                sex="F",
                sequence=999,
            ),
        ),
        (
            "200002292023292042",
            NipParts(
                kind="PPPK",
                birth_date=dt.date(2000, 2, 29),
                appointment_year=2023,
                appointment_month=None,
                contract=9,
                sex="F",
                sequence=42,
            ),
        ),
    ],
    ids=["pns-spec-example", "pppk-spec-example", "pns-december-female", "pppk-leap-day"],
)
def test_valid_nip_decodes_every_field(nip: str, expected: NipParts) -> None:
    """A valid PNS or PPPK number decodes to its kind, birth date, appointment, sex, sequence."""
    assert parse_nip(nip) == expected


def test_factory_nips_are_valid() -> None:
    """The test factory builds NIPs the parser accepts with the fields it was given."""
    pppk = parse_nip(pppk_nip("1990-01-15", 7, year=2025, contract=3, sex=2))
    assert (pppk.kind, pppk.appointment_year, pppk.contract, pppk.sex, pppk.sequence) == (
        "PPPK",
        2025,
        3,
        "F",
        7,
    )
    pns = parse_nip(pns_nip("1985-05-05", 12, appointed="200911"))
    assert (pns.kind, pns.appointment_year, pns.appointment_month, pns.sequence) == (
        "PNS",
        2009,
        11,
        12,
    )


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("19860926201505100", "18 digits"),
        ("1986092620150510011", "18 digits"),
        ("", "18 digits"),
        ("1986092620150510O1", "18 digits"),
        ("19860926 015051001", "18 digits"),
        ("-98609262015051001", "18 digits"),
        ("19860926201505100١", "18 digits"),
        ("١٩٨٦٠٩٢٦٢٠١٥٠٥١٠٠١", "18 digits"),
        ("１９８６０９２６２０１５０５１００１", "18 digits"),
        ("19860926201505100²", "18 digits"),
        ("198602302015051001", "birth date"),
        ("198613012015051001", "birth date"),
        ("190002292015051001", "birth date"),
        ("000001012015051001", "birth date"),
        ("198609262015001001", "month"),
        ("198609262015131001", "month"),
        ("198609262015191001", "month"),
        ("198609262024201001", "contract"),
        ("198609262015051000", "sequence"),
        ("200012312024211000", "sequence"),
        ("198609262015050001", "sex"),
        ("198609262015053001", "sex"),
        ("200012312024219001", "sex"),
    ],
)
def test_invalid_nip_is_rejected_with_reason(nip: str, message: str) -> None:
    """A malformed NIP raises ValueError whose message says which part is wrong."""
    with pytest.raises(ValueError, match=message):
        parse_nip(nip)


@pytest.mark.parametrize("digit13", list("3456789"))
def test_digit_13_neither_month_nor_pppk_is_rejected(digit13: str) -> None:
    """Digit 13 of 3-9 is neither a PNS month (0/1) nor the PPPK marker (2)."""
    nip = f"19860926{2015}{digit13}11001"
    assert len(nip) == 18
    with pytest.raises(ValueError, match="13-14"):
        parse_nip(nip)


@pytest.mark.parametrize("digit13", list("0123456789"))
def test_digit_13_decides_the_kind(digit13: str) -> None:
    """Digit 13 is '2' exactly for a PPPK; a PNS month starts with 0 or 1."""
    nip = f"19860926{2015}{digit13}11001"
    if digit13 == "2":
        assert parse_nip(nip).kind == "PPPK"
    elif digit13 in "01":
        assert parse_nip(nip).kind == "PNS"
    else:
        with pytest.raises(ValueError):
            parse_nip(nip)


_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31))


@given(
    birth=_dates,
    pppk=st.booleans(),
    year=st.integers(min_value=1900, max_value=2099),
    month=st.integers(min_value=1, max_value=12),
    contract=st.integers(min_value=1, max_value=9),
    sex=st.sampled_from(["M", "F"]),
    sequence=st.integers(min_value=1, max_value=999),
)
def test_nip_built_from_valid_parts_parses_back(
    birth: dt.date, pppk: bool, year: int, month: int, contract: int, sex: str, sequence: int
) -> None:
    """Any NIP assembled from a real date and valid parts decodes back to those parts."""
    middle = f"{year:04d}2{contract}" if pppk else f"{year:04d}{month:02d}"
    sex_digit = "1" if sex == "M" else "2"
    nip = f"{birth:%Y%m%d}{middle}{sex_digit}{sequence:03d}"
    assert len(nip) == 18
    parts = parse_nip(nip)
    assert parts.kind == ("PPPK" if pppk else "PNS")
    assert parts.birth_date == birth
    assert parts.appointment_year == year
    assert parts.appointment_month == (None if pppk else month)
    assert parts.contract == (contract if pppk else None)
    assert parts.sex == sex
    assert parts.sequence == sequence


@given(
    nip=st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=20
    )
)
def test_parse_nip_raises_only_value_error(nip: str) -> None:
    """On arbitrary text the parser either decodes 18 ASCII digits or raises ValueError."""
    try:
        parts = parse_nip(nip)
    except ValueError:
        return
    assert len(nip) == 18
    assert nip.isascii()
    assert nip.isdigit()
    assert parts.birth_date.isoformat().replace("-", "") == nip[:8]


@given(
    nip=st.builds(
        lambda d, rest: f"{d:%Y%m%d}{rest}",
        st.dates(dt.date(1960, 1, 1), dt.date(2005, 12, 31)),
        st.text(alphabet="0123456789", min_size=10, max_size=10),
    )
    | st.text(alphabet="0123456789", min_size=18, max_size=18)
    | st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20)
)
def test_check_nip_agrees_with_parse_nip(nip: str) -> None:
    """Validation's check accepts exactly what the parser decodes, with the same message."""
    try:
        parse_nip(nip)
        parsed: str | None = None
    except ValueError as exc:
        parsed = str(exc)
    try:
        check_nip(nip)
        checked: str | None = None
    except ValueError as exc:
        checked = str(exc)
    assert checked == parsed
