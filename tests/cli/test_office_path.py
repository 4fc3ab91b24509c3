"""The office path end to end, as a person fills a workbook: ``template`` → fill → ``validate``
→ ``solve -o plan.xlsx`` → ``explain`` → ``convert`` to CSV and back.

What a person plainly meant is accepted (header case and spaces, trailing empty
rows with formatting, a cell merged down one column, an NIP after an apostrophe
or with spaces between its groups, spaces around a code, a day-first date typed
as text, a hidden notes sheet named ``#...``); what is ambiguous or broken is
refused, every problem at once, by sheet, row, column and person, in the
reader's language, exit 2, no traceback, nothing written, no input changed.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from tests.factory import EXAMPLES

openpyxl = pytest.importorskip("openpyxl")

EXAMPLE_BOOK = EXAMPLES / "pekalongan.xlsx"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PENEMPATAN_LANG", raising=False)


@pytest.fixture
def filled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    """The empty template of ``penempatan template``, filled with the Pekalongan example."""
    template = tmp_path / "data.xlsx"
    code, _, err = run(capsys, "template", template)
    assert code == 0, err
    book = openpyxl.load_workbook(template)
    example = openpyxl.load_workbook(EXAMPLE_BOOK)
    for ws in example:
        if ws.title == "Petunjuk":
            continue
        for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
            for c, value in enumerate(row, start=1):
                book[ws.title].cell(r, c).value = value
    return book


def test_what_a_person_plainly_meant_is_read_as_the_example(
    filled: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A workbook filled the way people fill one reads as the example scenario itself: the
    same SHA-256, the same plan byte for byte; the plan workbook, the report and a CSV
    folder follow, and the workbook is never changed."""
    from openpyxl.styles import PatternFill

    example = pn.load_scenario(EXAMPLES / "pekalongan.json")
    k, koperasi = filled["Kandidat"], filled["Koperasi"]
    k["B1"], k["C1"], filled["OPD"]["A1"] = "  nama  ", "KODE OPD", "kode_opd"
    assert koperasi["D2"].value == koperasi["D3"].value == koperasi["D4"].value
    koperasi.merge_cells("D2:D4")  # one kecamatan over three rows
    nips = [k.cell(row, 1).value for row in (2, 3)]
    k["A2"] = "'" + nips[0]  # the apostrophe Excel is told to keep text with
    k["A3"] = f"{nips[1][:8]} {nips[1][8:14]} {nips[1][14]} {nips[1][15:]}"  # as NIPs are printed
    k["C4"] = f" {k['C4'].value}\u00a0"  # spaces around a code, one of them non-breaking
    birth = example.candidates[0].birth_date
    k["F2"] = f"{birth:%d-%m-%Y}"  # a date typed as text, day first
    for row in range(k.max_row + 1, k.max_row + 30):  # empty rows, coloured
        k.cell(row, 2).fill = PatternFill("solid", fgColor="FFFF00")
    notes = filled.create_sheet("#catatan")
    notes["A1"], notes.sheet_state = "bebas", "hidden"
    book = tmp_path / "isi.xlsx"
    filled.save(book)
    before = book.read_bytes()

    code, out, _ = run(capsys, "validate", book)
    assert code == 0 and "yang sah (350 calon, 27 koperasi, 35 OPD)" in out
    assert pn.load_scenario(book).sha256 == example.sha256
    assert run(capsys, "solve", book, "-q", "-o", tmp_path / "plan.json")[0] == 0
    assert (
        run(capsys, "solve", EXAMPLES / "pekalongan.json", "-q", "-o", tmp_path / "p.json")[0] == 0
    )
    assert (tmp_path / "plan.json").read_bytes() == (tmp_path / "p.json").read_bytes()
    assert run(capsys, "solve", book, "-q", "-o", tmp_path / "plan.xlsx")[0] == 0
    assert openpyxl.load_workbook(tmp_path / "plan.xlsx").sheetnames[0] == "Ringkasan"
    code, _, _ = run(capsys, "explain", book, tmp_path / "plan.json", "-o", tmp_path / "r.md")
    assert code == 0 and "Penjelasan rencana" in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert run(capsys, "convert", book, tmp_path / "csv")[0] == 0
    assert run(capsys, "convert", tmp_path / "csv", tmp_path / "back.xlsx")[0] == 0
    assert pn.load_scenario(tmp_path / "back.xlsx").sha256 == example.sha256
    assert book.read_bytes() == before


def mistakes(book: Any) -> dict[str, tuple[str, str]]:
    """Put one mistake of each kind into the filled workbook; each cell's expected text."""
    k, opd = book["Kandidat"], book["OPD"]
    people = {row: (k.cell(row, 2).value, k.cell(row, 1).value) for row in (5, 6, 7, 9, 10, 11)}

    def who(row: int, nip: bool = True) -> str:
        name, number = people[row]
        return f"({name}, {number})" if nip else f"({name})"

    k["C5"] = None  # Kode OPD left blank
    k["F6"] = "31-02-1990"  # no such day
    k.merge_cells("B7:C7")  # a name merged over the OPD's column
    opd["C3"] = "=100+20"  # a formula nobody computed
    for c, cell in enumerate(k[9], start=1):  # row 9 again, at the end
        k.cell(k.max_row + (c == 1), c).value = cell.value
    last = k.max_row
    k["A10"] = int(people[10][1])  # an NIP typed as a number
    k["G11"] = "mungkin"  # neither yes nor no
    hidden = book.create_sheet("Lookup")
    hidden["A1"], hidden.sheet_state = "x", "hidden"
    return {
        "formula": (
            "OPD, baris 3, kolom Jumlah pegawai (DINKES, Dinas Kesehatan): rumus =100+20 belum "
            "pernah dihitung",
            "sheet OPD, row 3, column Jumlah pegawai (DINKES, Dinas Kesehatan): the formula "
            "=100+20 was never computed",
        ),
        "blank": (
            f"Kandidat, baris 5, kolom Kode OPD {who(5)}: wajib diisi",
            f"sheet Kandidat, row 5, column Kode OPD {who(5)}: required",
        ),
        "date": (
            f"Kandidat, baris 6, kolom Tanggal lahir {who(6)}: diharapkan tanggal",
            f"sheet Kandidat, row 6, column Tanggal lahir {who(6)}: expected a date",
        ),
        "merged": (
            f"Kandidat, baris 7, kolom Kode OPD {who(7)}: sel ini digabung dengan sel di "
            "sebelahnya (B7:C7)",
            f"sheet Kandidat, row 7, column Kode OPD {who(7)}: this cell is merged with the one "
            "beside it (B7:C7)",
        ),
        "number": (
            f"Kandidat, baris 10, kolom NIP {who(10, nip=False)}: NIP tersimpan sebagai angka",
            f"sheet Kandidat, row 10, column NIP {who(10, nip=False)}: the NIP is stored as a "
            "number",
        ),
        "bool": (
            f"Kandidat, baris 11, kolom Menguasai komputer {who(11)}: diharapkan ya atau tidak",
            f"sheet Kandidat, row 11, column Menguasai komputer {who(11)}: expected ya (yes) or "
            "tidak (no)",
        ),
        "duplicate": (
            f"Kandidat, baris {last}, kolom NIP {who(9)}: nip '{people[9][1]}' ganda (juga "
            "Kandidat, baris 9)",
            f"sheet Kandidat, row {last}, column NIP {who(9)}: duplicate nip '{people[9][1]}' "
            "(also sheet Kandidat, row 9)",
        ),
        "hidden": (
            "Lookup: lembar tersembunyi yang tidak dikenal",
            "Lookup: hidden sheet that is not known",
        ),
    }


def test_every_mistake_is_named_at_once_with_the_person_and_nothing_is_written(
    filled: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blank, impossible, merged-across, uncomputed, number-typed, duplicate and hidden: one
    line each, in the order of the sheets, in Indonesian and in English; validate, solve
    and convert exit 2, write nothing and leave the workbook as it was."""
    expected = mistakes(filled)
    book = tmp_path / "salah.xlsx"
    filled.save(book)
    before = book.read_bytes()
    code, _, err = run(capsys, "validate", book)
    code_en, _, err_en = run(capsys, "validate", book, "--lang", "en")
    assert code == code_en == 2
    assert f"skenario tidak sah: {len(expected)} masalah" in err
    assert f"invalid scenario: {len(expected)} problems" in err_en
    for worded, worded_en in expected.values():
        assert f"salah.xlsx: {worded}" in err, worded
        assert f"salah.xlsx: {worded_en}" in err_en, worded_en
    lines = err.splitlines()[1:]
    assert lines.index(next(x for x in lines if "OPD, baris 3" in x)) == 0  # sheets in order
    for argv in (
        ("solve", book, "-o", tmp_path / "plan.xlsx"),
        ("convert", book, tmp_path / "s.json"),
        ("convert", book, tmp_path / "csv"),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == "" and "salah.xlsx: Kandidat, baris 5" in err
        assert not Path(argv[-1]).exists()
    assert book.read_bytes() == before


def with_cached_value(book: bytes, value: str) -> bytes:
    """The workbook with its formula's value stored, as Excel stores it when it saves."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(book)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(
                    rb"(<f>[^<]*</f>)<v\s*/?>(</v>)?", rb"\1<v>" + value.encode() + rb"</v>", data
                )
            dst.writestr(item, data)
    return out.getvalue()


def test_a_formula_excel_computed_is_its_value(filled: Any, tmp_path: Path) -> None:
    """A formula's value, as Excel saved it, is the cell's value; the formula alone is not."""
    headcount = filled["OPD"]["C3"].value
    filled["OPD"]["C3"] = f"={headcount - 20}+20"
    buffer = io.BytesIO()
    filled.save(buffer)
    (tmp_path / "rumus.xlsx").write_bytes(with_cached_value(buffer.getvalue(), str(headcount)))
    example = pn.load_scenario(EXAMPLES / "pekalongan.json")
    assert pn.load_scenario(tmp_path / "rumus.xlsx").sha256 == example.sha256


def test_a_hidden_sheet_with_rows_is_shown_first(
    filled: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows nobody sees would count: a hidden Kunci sheet with a lock is refused, naming the
    sheet; hidden and empty, it is nothing."""
    filled["Kunci"].sheet_state = "hidden"
    filled.save(tmp_path / "kosong.xlsx")
    assert run(capsys, "validate", tmp_path / "kosong.xlsx")[0] == 0
    k = filled["Kandidat"]
    filled["Kunci"].append([k["A2"].value, "KKMP-tirto", "pengelola"])
    filled.save(tmp_path / "kunci.xlsx")
    code, _, err = run(capsys, "validate", tmp_path / "kunci.xlsx")
    assert code == 2 and "kunci.xlsx: Kunci: lembar ini tersembunyi tetapi berisi 1 baris" in err
    _, _, err = run(capsys, "validate", tmp_path / "kunci.xlsx", "--lang", "en")
    assert "kunci.xlsx: Kunci: this sheet is hidden but holds rows (1)" in err


def test_a_plan_workbook_is_neither_a_scenario_nor_a_plan(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The printable plan workbook given as the scenario is one problem saying so, not one
    per sheet; any workbook given where a JSON plan goes is one sentence naming the file."""
    scenario = EXAMPLES / "pekalongan.json"
    assert run(capsys, "solve", scenario, "-q", "-o", tmp_path / "plan.xlsx")[0] == 0
    assert run(capsys, "solve", scenario, "-q", "-o", tmp_path / "plan.json")[0] == 0
    code, _, err = run(capsys, "validate", tmp_path / "plan.xlsx")
    assert code == 2 and "skenario tidak sah: 1 masalah" in err
    assert "plan.xlsx: tidak ada lembar skenario (lembar yang ada: Ringkasan, " in err
    _, _, err = run(capsys, "validate", tmp_path / "plan.xlsx", "--lang", "en")
    assert "plan.xlsx: no sheet of a scenario (the sheets here: Ringkasan, " in err
    workbook = tmp_path / "plan.xlsx"
    for argv in (
        ("explain", scenario, workbook),
        ("verify", scenario, workbook),
        ("evaluate", scenario, workbook),
        ("diff", tmp_path / "plan.json", workbook),
        ("solve", scenario, "--previous", workbook, "-o", tmp_path / "new.json"),
    ):
        code, _, err = run(capsys, *argv)
        assert code == 2 and f"{workbook}: ini buku kerja Excel, bukan rencana" in err, argv
        _, _, err = run(capsys, *argv, "--lang", "en")
        assert f"{workbook}: this is an Excel workbook, not a plan" in err
    assert not (tmp_path / "new.json").exists()


def test_a_duplicate_nip_names_the_other_record_in_either_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A candidate given twice in JSON is worded (it once raised a TypeError while worded)."""
    import json

    data = json.loads((EXAMPLES / "pekalongan.json").read_text(encoding="utf-8"))
    twin = dict(data["candidates"][3])
    data["candidates"].append(twin)
    (tmp_path / "s.json").write_text(json.dumps(data), encoding="utf-8")
    n = len(data["candidates"]) - 1
    who = f"({twin['name']}, {twin['nip']})"
    code, _, err = run(capsys, "validate", tmp_path / "s.json")
    assert code == 2
    assert f"candidates[{n}].nip {who}: nip '{twin['nip']}' ganda (juga candidates[3])" in err
    _, _, err = run(capsys, "validate", tmp_path / "s.json", "--lang", "en")
    assert f"candidates[{n}].nip {who}: duplicate nip '{twin['nip']}' (also candidates[3])" in err


def test_a_whole_number_with_a_thousands_dot_is_refused_as_not_plain(
    filled: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``1.000`` is a thousand in Indonesian and one in English: refused at its cell, with the
    OPD; ``120.0`` and `` 120 `` are plainly 120."""
    filled["OPD"]["C3"] = "1.000"
    filled.save(tmp_path / "ribu.xlsx")
    code, _, err = run(capsys, "validate", tmp_path / "ribu.xlsx")
    where = "OPD, baris 3, kolom Jumlah pegawai (DINKES, Dinas Kesehatan): '1.000' tidak jelas"
    assert code == 2 and where in err
    _, _, err = run(capsys, "validate", tmp_path / "ribu.xlsx", "--lang", "en")
    assert "(DINKES, Dinas Kesehatan): '1.000' is not plain" in err
    headcount = pn.load_scenario(EXAMPLES / "pekalongan.json").opds[1].headcount
    for plain in (f"{headcount}.0", f" {headcount} "):
        filled["OPD"]["C3"] = plain
        filled.save(tmp_path / "jelas.xlsx")
        assert pn.load_scenario(tmp_path / "jelas.xlsx").opds[1].headcount == headcount


def test_a_block_merged_across_columns_is_one_problem_on_its_first_row(
    filled: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A signature footer merged over three rows and six columns is named once, on its row;
    the rows it covers below are empty, not more problems."""
    k = filled["Kandidat"]
    footer = k.max_row + 3
    k.cell(footer, 1).value = "Mengetahui, Kepala BKPSDM"
    k.merge_cells(start_row=footer, start_column=1, end_row=footer + 2, end_column=6)
    filled.save(tmp_path / "ttd.xlsx")
    code, _, err = run(capsys, "validate", tmp_path / "ttd.xlsx")
    assert code == 2 and err.count("digabung") == 1
    assert f"Kandidat, baris {footer}, kolom Nama" in err
    assert all(f"baris {footer}," in line for line in err.splitlines()[1:])


@pytest.mark.parametrize(
    "typed",
    ["{d:%d-%m-%Y}", "{d:%d/%m/%Y}", "{d:%Y/%m/%d}", "{d.year}.{d.month}.{d.day}", "{named}"],
)
def test_a_birth_date_typed_as_text_in_a_plain_form_is_that_date(
    filled: Any, tmp_path: Path, typed: str
) -> None:
    """Day first, year first, or with the month named in Indonesian: the same birth date."""
    example = pn.load_scenario(EXAMPLES / "pekalongan.json")
    birth = example.candidates[0].birth_date
    months = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November "
    named = f"{birth.day} {(months + 'Desember').split()[birth.month - 1]} {birth.year}"
    filled["Kandidat"]["F2"] = typed.format(d=birth, named=named)
    filled.save(tmp_path / "tanggal.xlsx")
    assert pn.load_scenario(tmp_path / "tanggal.xlsx").sha256 == example.sha256


@pytest.mark.parametrize("typed", ["31 Februari 1990", "17 Foo 1990", "1990/13/01"])
def test_a_date_that_is_no_date_is_refused_at_its_cell(
    filled: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """No such day, no such month: refused at the cell, with the person, in either language."""
    k = filled["Kandidat"]
    who = f"({k['B2'].value}, {k['A2'].value})"
    k["F2"] = typed
    filled.save(tmp_path / "salah.xlsx")
    code, _, err = run(capsys, "validate", tmp_path / "salah.xlsx")
    assert code == 2 and f"Kandidat, baris 2, kolom Tanggal lahir {who}: diharapkan tanggal" in err
    _, _, err = run(capsys, "validate", tmp_path / "salah.xlsx", "--lang", "en")
    assert f"sheet Kandidat, row 2, column Tanggal lahir {who}: expected a date" in err
