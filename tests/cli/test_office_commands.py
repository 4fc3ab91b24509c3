"""The spreadsheet path on the command line: template, convert, solve and print to Excel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import penempatan as pn
from penempatan.cli import _main as cli
from tests.factory import EXAMPLES, tiny_scenario_data

openpyxl = pytest.importorskip("openpyxl")

EXAMPLE = EXAMPLES / "pekalongan.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit status, standard output and standard error."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_convert_round_trips_pekalongan_through_excel_and_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """convert JSON -> xlsx -> CSV folder -> JSON keeps the scenario hash at every step."""
    sha = pn.load_scenario(EXAMPLE).sha256
    steps = [(EXAMPLE, tmp_path / "p.xlsx"), (tmp_path / "p.xlsx", tmp_path / "csv")]
    steps += [(tmp_path / "csv", tmp_path / "p.json")]
    for source, target in steps:
        code, out, err = run(capsys, "convert", source, target)
        assert (code, err) == (0, "")
        assert sha[:12] in out
        assert pn.load_scenario(target).sha256 == sha
    assert (tmp_path / "csv" / "Kandidat.csv").read_text(encoding="utf-8").startswith("NIP,Nama,")


def test_convert_never_overwrites_and_refuses_a_lossy_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing target is left alone; a scenario a table cannot hold writes nothing."""
    target = tmp_path / "ada.xlsx"
    target.write_bytes(b"milik pengguna")
    code, _, err = run(capsys, "convert", EXAMPLE, target)
    assert code == 2 and "already exists" in err
    assert target.read_bytes() == b"milik pengguna"
    empty_fit = tmp_path / "fit.json"
    empty_fit.write_text(json.dumps({**tiny_scenario_data(), "fit": []}), encoding="utf-8")
    code, _, err = run(capsys, "convert", empty_fit, tmp_path / "fit.xlsx")
    assert code == 2 and "without changing it" in err
    assert not (tmp_path / "fit.xlsx").exists()
    semicolon = tmp_path / "semi.json"
    data = tiny_scenario_data()
    data["policy"]["excluded_positions"] = ["Guru; Dosen"]
    semicolon.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "convert", semicolon, tmp_path / "csv")
    assert code == 2 and "without changing it" in err
    assert not (tmp_path / "csv").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_template_then_validate_names_what_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """template writes a workbook once; validate of the empty one names the required settings."""
    book = tmp_path / "data.xlsx"
    assert run(capsys, "template", book)[0] == 0
    code, _, err = run(capsys, "template", book)
    assert code == 2 and "already exists" in err
    code, _, err = run(capsys, "validate", book, "--lang", "id")
    assert code == 2
    assert "data.xlsx: Kebijakan, baris 2, kolom Nilai: wajib diisi" in err
    assert "data.xlsx: Kebijakan, baris 3, kolom Nilai: wajib diisi" in err


def plan_book(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_solve_to_xlsx_writes_the_printable_plan_with_every_nip_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """solve data.xlsx -o plan.xlsx: every placement, coverage, impact, unplaced; NIPs as text."""
    data = tmp_path / "data.xlsx"
    assert run(capsys, "convert", EXAMPLE, data)[0] == 0
    out = tmp_path / "rencana.xlsx"
    code, _, _ = run(capsys, "solve", data, "-o", out, "-q", "--lang", "id")
    assert code == 0
    scenario = pn.load_scenario(EXAMPLE)
    plan = pn.solve(scenario)
    sheets = plan_book(out)
    assert list(sheets) == [
        "Ringkasan",
        "Penempatan",
        "Cakupan Koperasi",
        "Cakupan Kecamatan",
        "Dampak OPD",
        "Tidak Ditempatkan",
        "Kebutuhan Kurang",
    ]
    placed = sheets["Penempatan"]
    assert placed[0][:3] == ("No.", "NIP", "Nama")
    assert {(r[1], r[7], r[8]) for r in placed[1:]} == {
        (a.candidate, a.cooperative, a.role) for a in plan.assignments
    }
    assert len(sheets["Tidak Ditempatkan"]) - 1 == len(plan.unplaced)
    assert sum(int(str(r[3])) for r in sheets["Cakupan Kecamatan"][1:]) == plan.coverage
    book = openpyxl.load_workbook(out)
    nip_cells = [
        cell
        for ws in book.worksheets
        for col in ws.iter_cols(min_row=1, max_row=1)
        if col[0].value == "NIP"
        for cell in ws[col[0].column_letter][1:]
    ]
    assert len(nip_cells) == len(plan.assignments) + len(plan.unplaced)
    assert all(c.data_type == "s" and c.number_format == "@" for c in nip_cells)
    assert all(isinstance(c.value, str) and len(c.value) == 18 for c in nip_cells)
    ws = book["Penempatan"]
    assert (ws.freeze_panes, ws.print_title_rows) == ("A2", "$1:$1")
    assert ws.page_setup.orientation == "landscape"


def test_explain_to_xlsx_prints_an_existing_plan_in_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """explain SCENARIO PLAN -o plan.xlsx writes the workbook; --lang en gives English sheets."""
    plan_file = tmp_path / "plan.json"
    assert run(capsys, "solve", EXAMPLE, "-o", plan_file, "-q", "--no-explain")[0] == 0
    assert (
        run(capsys, "explain", EXAMPLE, plan_file, "-o", tmp_path / "id.xlsx", "--lang", "id")[0]
        == 0
    )
    assert (
        run(capsys, "explain", EXAMPLE, plan_file, "-o", tmp_path / "en.xlsx", "--lang", "en")[0]
        == 0
    )
    indonesian, english = plan_book(tmp_path / "id.xlsx"), plan_book(tmp_path / "en.xlsx")
    assert "Tidak Ditempatkan" in indonesian and "Not placed" in english
    reasons_id = [r[-1] for r in indonesian["Tidak Ditempatkan"][1:]]
    reasons_en = [r[-1] for r in english["Not placed"][1:]]
    assert all(reasons_id) and reasons_id != reasons_en
    code, _, err = run(
        capsys, "explain", EXAMPLE, plan_file, "-o", tmp_path / "x.xlsx", "--pseudonymise", "K"
    )
    assert code == 2 and "--pseudonymise" in err


def test_without_openpyxl_the_command_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel is an optional extra: without openpyxl, exit 2 naming the extra to install."""
    monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)
    code, _, err = run(capsys, "template", tmp_path / "data.xlsx")
    assert code == 2 and "pip install 'penempatan[excel]'" in err
    assert not (tmp_path / "data.xlsx").exists()


def test_a_table_longer_than_an_excel_sheet_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sheet beyond Excel's row limit is named and nothing is written (here with a low limit)."""
    from penempatan.scenario import _excel

    monkeypatch.setattr(_excel, "EXCEL_ROWS", 5)
    code, _, err = run(capsys, "convert", EXAMPLE, tmp_path / "p.xlsx", "--lang", "id")
    assert code == 2 and "Kandidat: lebih dari 4 baris" in err
    assert list(tmp_path.iterdir()) == []


def test_an_infeasible_plan_prints_its_conflicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """solve -o plan.xlsx of an infeasible scenario exits 3 and the summary names the conflict."""
    data = tiny_scenario_data()
    nip = data["candidates"][0]["nip"]
    data["locks"] = [
        {"candidate": nip, "cooperative": "KKMP-MEDONO", "role": "pengelola"},
        {"candidate": nip, "cooperative": "KKMP-KAUMAN", "role": "pengelola"},
    ]
    scenario = tmp_path / "s.json"
    scenario.write_text(json.dumps(data), encoding="utf-8")
    code, _, _ = run(capsys, "solve", scenario, "-o", tmp_path / "p.xlsx", "-q", "--lang", "id")
    assert code == 3
    summary = plan_book(tmp_path / "p.xlsx")["Ringkasan"]
    conflicts = [row[1] for row in summary if row[0] == "Konflik"]
    assert len(conflicts) == 1 and "locks[0]" in str(conflicts[0])
