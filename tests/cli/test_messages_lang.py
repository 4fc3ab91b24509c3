"""Every failure of the command line in one language: Indonesian by default, English with
--lang en; one message naming the file, record and field, exit 2, no traceback, and no
user file changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from penempatan.cli import _main as _cli
from tests.factory import tiny_scenario_data

pytest.importorskip("openpyxl")


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def both(
    capsys: pytest.CaptureFixture[str], *argv: str | Path
) -> tuple[tuple[int, str, str], tuple[int, str, str]]:
    """The command run in the default language, then with --lang en."""
    return run(capsys, *argv), run(capsys, *argv, "--lang", "en")


@pytest.fixture(autouse=True)
def _no_language_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PENEMPATAN_LANG", raising=False)


def write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def scenario_file(tmp_path: Path) -> Path:
    return write(tmp_path / "s.json", tiny_scenario_data())


@pytest.fixture
def plan_file(scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    plan = tmp_path / "p.json"
    assert run(capsys, "solve", scenario_file, "-o", plan, "-q")[0] == 0
    return plan


def test_field_checks_are_worded_in_the_reader_s_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """pydantic's checks (range, date, type, missing and unknown fields) read in Indonesian,
    the person or OPD beside the path, and in English with --lang en."""
    d = tiny_scenario_data()
    c = d["candidates"][1]
    d["candidates"][1]["birth_date"] = "1993-13-45"
    d["candidates"][2]["computer_skill"] = "mungkin"
    d["opds"][0]["min_staff"] = -3
    d["opds"][1]["catatan"] = "x"
    del d["cooperatives"][1]["kecamatan"]
    d["policy"]["max_distance_km"] = "jauh"
    d["candidates"][0]["education"] = "SMA+"
    path = write(tmp_path / "bad.json", d)
    (code, out, err), (code_en, _, err_en) = both(capsys, "validate", path)
    assert code == code_en == 2 and out == ""
    assert "skenario tidak sah: 7 masalah" in err
    who = f"candidates[1].birth_date ({c['name']}, {c['nip']})"
    assert f"{who}: harus tanggal yang nyata TTTT-BB-HH, tertulis '1993-13-45'" in err
    assert f"{who}: must be a real date YYYY-MM-DD, got '1993-13-45'" in err_en
    assert "opds[0].min_staff (DINKOP, Dinas Koperasi): paling sedikit 0" in err
    assert "opds[0].min_staff (DINKOP, Dinas Koperasi): must be at least 0" in err_en
    assert "opds[1].catatan (DINKES, Dinas Kesehatan): kolom tidak dikenal" in err
    assert "cooperatives[1].kecamatan (KKMP-KAUMAN, Kauman): wajib diisi" in err
    assert "cooperatives[1].kecamatan (KKMP-KAUMAN, Kauman): field required" in err_en
    assert "policy.max_distance_km: harus berupa angka" in err
    assert "policy.max_distance_km: must be a number" in err_en
    assert "harus true atau false (ya/tidak)" in err
    assert "'S2' atau 'S3'" in err and "'S2' or 'S3'" in err_en
    for english in ("must", "required", "Input should", "expected"):
        assert english not in err


def test_files_that_cannot_be_read_name_the_file_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid JSON, an empty file, a missing file, a folder of no CSV, a single CSV file
    and an unknown ending: one sentence each, Indonesian then English."""
    cases = {
        "broken.json": ("{", "baris 1 kolom 2: JSON tidak sah", "line 1 column 2: invalid JSON"),
        "path.json": ('{"a": "C:\\data"}', "garis miring terbalik", "invalid backslash"),
        "empty.json": ("", "baris 1 kolom 1: JSON tidak sah: berkas kosong", "the file is empty"),
        "data.csv": ("NIP,Nama\n", "berikan foldernya", "give the folder"),
        "data.txt": ("hello", "berkas .txt tidak dikenal", "a .txt file is not known"),
    }
    for name, (text, indonesian, english) in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        (code, out, err), (_, _, err_en) = both(capsys, "validate", tmp_path / name)
        assert code == 2 and out == "" and f"  {name}: " in err and indonesian in err, name
        assert english in err_en, name
    (code, _, err), (_, _, err_en) = both(capsys, "validate", tmp_path / "missing.json")
    assert code == 2 and "tidak dapat dibaca: berkas atau folder tidak ada" in err
    assert "cannot read: no such file or folder" in err_en
    (tmp_path / "empty-folder").mkdir()
    (code, _, err), (_, _, err_en) = both(capsys, "validate", tmp_path / "empty-folder")
    assert code == 2 and "folder ini tidak berisi file .csv" in err
    assert "this folder holds no .csv file" in err_en


def test_plan_format_errors_are_worded_and_name_the_file_once(
    scenario_file: Path, plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A scenario given as a plan, a plan missing its fields, a folder given as a plan: in
    explain, diff and solve --previous, with the path named once and nothing on stdout."""
    bare = write(tmp_path / "bare.json", {"format": "penempatan/plan@1"})
    (code, out, err), (_, _, err_en) = both(capsys, "explain", scenario_file, scenario_file)
    assert code == 2 and out == ""
    assert "rencana tidak sah: 1 masalah" in err
    assert "format: ini berkas skenario (penempatan/scenario@1), bukan rencana" in err
    assert "invalid plan: 1 problem\n" in err_en and "this is a scenario file" in err_en
    (code, out, err), (_, _, err_en) = both(capsys, "verify", plan_file, plan_file)
    assert code == 2 and out == "" and "skenario tidak sah: 1 masalah" in err
    assert "format: ini berkas rencana (penempatan/plan@1), bukan skenario" in err
    assert "this is a plan file (penempatan/plan@1), not a scenario" in err_en
    (code, out, err), (_, _, err_en) = both(capsys, "diff", bare, plan_file)
    assert code == 2 and out == "" and "status: wajib diisi" in err
    assert "status: field required" in err_en
    out_plan = tmp_path / "again.json"
    (code, out, err), _ = both(capsys, "solve", scenario_file, "--previous", bare, "-o", out_plan)
    assert code == 2 and "bare.json: rencana tidak sah: 5 masalah" in err
    assert not out_plan.exists()
    code, out, err = run(capsys, "explain", scenario_file, tmp_path)
    assert code == 2 and out == ""
    assert err.count(str(tmp_path)) == 1 and "ini sebuah folder, bukan berkas" in err


def test_evaluate_names_the_broken_rule_and_the_person_in_either_language(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Placements that break rules (an excluded position, an unknown cooperative): worded in
    Indonesian with the person and cooperative beside the path, in English with --lang en."""
    d = tiny_scenario_data()
    perawat, other = d["candidates"][3], d["candidates"][0]
    rows = [
        {"candidate": perawat["nip"], "cooperative": "KKMP-KAUMAN", "role": "pengelola"},
        {"candidate": other["nip"], "cooperative": "KKMP-NOPE", "role": "pengelola"},
    ]
    placements = write(tmp_path / "draft.json", rows)
    out_plan = tmp_path / "evaluated.json"
    (code, out, err), (_, _, err_en) = both(
        capsys, "evaluate", scenario_file, placements, "-o", out_plan
    )
    assert code == 2 and out == "" and not out_plan.exists()
    assert "penempatan tidak sah: 2 masalah" in err
    who = f"placements[0] ({perawat['name']}, {perawat['nip']} → KKMP-KAUMAN)"
    assert f"[rule-1 ineligible.position] {who}: jabatan Perawat dikecualikan" in err
    assert f"[rule-1 ineligible.position] {who}: position Perawat is excluded" in err_en
    assert "placements[1].cooperative (" in err and "bukan koperasi dalam skenario" in err
    assert "not a cooperative of the scenario" in err_en
    write(placements, "x")
    (code, _, err), (_, _, err_en) = both(capsys, "evaluate", scenario_file, placements)
    assert code == 2 and "diharapkan rencana atau daftar penempatan, tertulis teks" in err
    assert "expected a plan or a list of placements, got a string" in err_en


def test_output_refusals_are_worded_and_change_nothing(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o over the input, a folder, or in a folder that does not exist: refused before any
    work, in the reader's language; the input is unchanged."""
    before = scenario_file.read_bytes()
    cases = [
        (scenario_file, "menolak menimpa berkas masukan", "refusing to write over an input file"),
        (tmp_path, "ini sebuah folder; berikan nama berkas", "it is a folder; give a file name"),
        (tmp_path / "no" / "p.json", f"folder {tmp_path / 'no'} tidak ada", "does not exist"),
    ]
    for output, indonesian, english in cases:
        (code, out, err), (_, _, err_en) = both(capsys, "solve", scenario_file, "-o", output)
        assert code == 2 and out == "" and indonesian in err and english in err_en, output
    assert scenario_file.read_bytes() == before
    (code, _, err), _ = both(capsys, "convert", scenario_file, scenario_file)
    assert code == 2 and "menolak menimpa masukan" in err
    assert scenario_file.read_bytes() == before


def test_a_conflict_of_a_workbook_names_who_and_which_opd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two locks over a floor, read from a workbook: each conflict item names the person
    and the OPD beside its path, in both languages."""
    d = tiny_scenario_data()
    d["opds"][0]["min_staff"] = 19
    a, b = d["candidates"][0], d["candidates"][1]
    d["locks"] = [
        {"candidate": a["nip"], "cooperative": "KKMP-MEDONO", "role": "pengelola"},
        {"candidate": b["nip"], "cooperative": "KKMP-KAUMAN", "role": "pengelola"},
    ]
    book = tmp_path / "locks.xlsx"
    assert run(capsys, "convert", write(tmp_path / "locks.json", d), book)[0] == 0
    (code, _, err), (code_en, _, err_en) = both(capsys, "solve", book, "-q")
    assert code == code_en == 3
    (line,) = [x for x in err.splitlines() if x.startswith("konflik:")]
    (line_en,) = [x for x in err_en.splitlines() if x.startswith("conflict:")]
    for text in (line, line_en):
        assert f"locks[0] ({a['name']}, {a['nip']} → KKMP-MEDONO)" in text
        assert f"locks[1] ({b['name']}, {b['nip']} → KKMP-KAUMAN)" in text
        assert "opds[0].min_staff (DINKOP, Dinas Koperasi)" in text


def test_workbook_places_follow_the_language_and_a_missing_sheet_is_named_alone(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad cell is at ``Kandidat, baris 3, kolom ...`` by default and at ``sheet Kandidat,
    row 3, column ...`` in English; a deleted sheet is one problem, not one per reference."""
    import openpyxl

    book = tmp_path / "s.xlsx"
    assert run(capsys, "convert", scenario_file, book)[0] == 0
    wb = openpyxl.load_workbook(book)
    wb["Kandidat"].cell(3, 1).value = 199306122020222673
    wb["Kandidat"].cell(4, 3).value = "DINSOS"  # Kode OPD of the third candidate
    wb.save(tmp_path / "bad.xlsx")
    c = tiny_scenario_data()["candidates"][2]
    (code, _, err), (_, _, err_en) = both(capsys, "validate", tmp_path / "bad.xlsx")
    name = f"({tiny_scenario_data()['candidates'][1]['name']})"  # the NIP of row 3 is the bad cell
    assert code == 2
    assert f"bad.xlsx: Kandidat, baris 3, kolom NIP {name}: NIP tersimpan sebagai angka" in err
    assert f"bad.xlsx: sheet Kandidat, row 3, column NIP {name}: the NIP is stored as a number" in (
        err_en
    )
    who = f"({c['name']}, {c['nip']})"
    assert f"Kandidat, baris 4, kolom Kode OPD {who}: OPD 'DINSOS' tidak dikenal" in err
    assert f"sheet Kandidat, row 4, column Kode OPD {who}: unknown OPD 'DINSOS'" in err_en
    del wb["OPD"]
    wb.save(tmp_path / "no-opd.xlsx")
    (code, _, err), (_, _, err_en) = both(capsys, "validate", tmp_path / "no-opd.xlsx")
    assert code == 2 and "skenario tidak sah: 2 masalah" in err
    assert err.splitlines()[1] == "  no-opd.xlsx: lembar OPD wajib ada"
    assert "sheet OPD is required" in err_en
    (tmp_path / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    code, _, err = run(capsys, "validate", tmp_path / "fake.xlsx")
    assert code == 2 and err.count("fake.xlsx") == 1 and "bukan buku kerja Excel .xlsx" in err


def test_a_bad_cell_names_the_person_opd_or_cooperative_of_its_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell that cannot be read (a date, a yes/no, an NIP Excel stored as a number, a
    count) names beside its place the record of its row: the person by name and NIP (by
    name alone when the NIP is the bad cell), the OPD or cooperative by id and name, a
    position's OPD, a need's cooperative, a lock's person and cooperative; in a workbook
    and in a CSV folder, in either language."""
    import openpyxl

    d = tiny_scenario_data()
    a, b, c = d["candidates"][:3]
    d["locks"] = [{"candidate": a["nip"], "cooperative": "KKMP-MEDONO", "role": "pengelola"}]
    book = tmp_path / "s.xlsx"
    assert run(capsys, "convert", write(tmp_path / "s.json", d), book)[0] == 0
    wb = openpyxl.load_workbook(book)
    wb["Kandidat"]["F2"] = "31-02-1990"  # Tanggal lahir of the first candidate
    wb["Kandidat"]["G3"] = "mungkin"  # Menguasai komputer of the second
    wb["Kandidat"]["A4"] = float(c["nip"])  # the third one's NIP, as Excel keeps a number
    wb["OPD"]["C3"] = "banyak"  # Jumlah pegawai of DINKES
    wb["Jabatan"]["C2"] = "sepuluh"  # a position of DINKES
    wb["Koperasi"]["E2"] = "utara"  # Lintang of KKMP-MEDONO
    wb["Kebutuhan"]["C4"] = "satu"  # Minimum of KKMP-KAUMAN's need
    wb["Kunci"]["C2"] = True  # Peran of the lock: no text
    wb.save(tmp_path / "bad.xlsx")
    (code, _, err), (code_en, _, err_en) = both(capsys, "validate", tmp_path / "bad.xlsx")
    assert code == code_en == 2
    for place, place_en in (
        (
            "OPD, baris 3, kolom Jumlah pegawai (DINKES, Dinas Kesehatan): ",
            "sheet OPD, row 3, column Jumlah pegawai (DINKES, Dinas Kesehatan): ",
        ),
        (
            "Jabatan, baris 2, kolom Jumlah pegawai (DINKES, Dinas Kesehatan): ",
            "sheet Jabatan, row 2, column Jumlah pegawai (DINKES, Dinas Kesehatan): ",
        ),
        (
            "Koperasi, baris 2, kolom Lintang (KKMP-MEDONO, Medono): diharapkan angka",
            "sheet Koperasi, row 2, column Lintang (KKMP-MEDONO, Medono): expected a number",
        ),
        (
            "Kebutuhan, baris 4, kolom Minimum (KKMP-KAUMAN, Kauman): ",
            "sheet Kebutuhan, row 4, column Minimum (KKMP-KAUMAN, Kauman): ",
        ),
        (
            f"Kandidat, baris 2, kolom Tanggal lahir ({a['name']}, {a['nip']}): ",
            f"sheet Kandidat, row 2, column Tanggal lahir ({a['name']}, {a['nip']}): ",
        ),
        (
            f"Kandidat, baris 3, kolom Menguasai komputer ({b['name']}, {b['nip']}): ",
            f"sheet Kandidat, row 3, column Menguasai komputer ({b['name']}, {b['nip']}): ",
        ),
        (
            f"Kandidat, baris 4, kolom NIP ({c['name']}): NIP tersimpan sebagai angka",
            f"sheet Kandidat, row 4, column NIP ({c['name']}): the NIP is stored as a number",
        ),
        (
            f"Kunci, baris 2, kolom Peran ({a['name']}, {a['nip']} → KKMP-MEDONO): ",
            f"sheet Kunci, row 2, column Peran ({a['name']}, {a['nip']} → KKMP-MEDONO): ",
        ),
    ):
        assert place in err, place
        assert place_en in err_en, place_en
    assert "8 masalah" in err and "8 problems" in err_en
    folder = tmp_path / "csv"
    assert run(capsys, "convert", tmp_path / "s.json", folder)[0] == 0
    kandidat = folder / "Kandidat.csv"
    kandidat.write_text(
        kandidat.read_text(encoding="utf-8").replace("1990-01-15", "15/13/1990", 1),
        encoding="utf-8",
    )
    (code, _, err), (_, _, err_en) = both(capsys, "validate", folder)
    who = f"({a['name']}, {a['nip']})"
    assert code == 2 and f"Kandidat.csv, baris 2, kolom Tanggal lahir {who}: " in err
    assert f"sheet Kandidat.csv, row 2, column Tanggal lahir {who}: " in err_en


def test_a_csv_folder_missing_a_table_names_the_table(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A CSV folder whose OPD.csv was deleted: the missing table, once, in either language."""
    folder = tmp_path / "csv"
    assert run(capsys, "convert", scenario_file, folder)[0] == 0
    (folder / "OPD.csv").unlink()
    (code, _, err), (_, _, err_en) = both(capsys, "validate", folder)
    assert code == 2 and "lembar OPD wajib ada" in err and "sheet OPD is required" in err_en
    assert "tidak ada di lembar OPD" not in err
    kandidat = folder / "Kandidat.csv"
    kandidat.write_bytes(kandidat.read_bytes().replace(b"Calon", "Calón".encode("latin-1")))
    (code, _, err), (_, _, err_en) = both(capsys, "validate", folder)
    assert code == 2 and "Kandidat.csv: bukan teks UTF-8 (byte 0xf3 pada posisi" in err
    assert 'simpan sebagai "CSV UTF-8 (Comma delimited)"' in err
    assert 'in Excel save as "CSV UTF-8 (Comma delimited)"' in err_en


def test_the_language_of_one_call_does_not_stay_for_the_next(
    scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """main(... --lang en) then main(...) in one process: the second call is Indonesian,
    its argument errors too."""
    code, out, _ = run(capsys, "validate", scenario_file, "--lang", "en")
    assert code == 0 and "valid penempatan/scenario@1" in out
    code, out, _ = run(capsys, "validate", scenario_file)
    assert code == 0 and "penempatan/scenario@1 yang sah" in out
    code, _, err = run(capsys, "solve", scenario_file, "--seed", "x", "--lang", "en")
    assert code == 2 and "expected a whole number" in err
    code, _, err = run(capsys, "solve", scenario_file, "--seed", "x")
    assert code == 2 and "diharapkan bilangan bulat, bukan 'x'" in err


def test_argparse_s_own_errors_are_worded(
    scenario_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing argument, an unknown option and an invalid choice read in Indonesian."""
    code, _, err = run(capsys, "solve")
    assert code == 2 and "galat: argumen berikut wajib diberikan: scenario" in err
    code, _, err = run(capsys, "solve", scenario_file, "--engine", "fast")
    assert code == 2 and "argumen --engine: pilihan 'fast' tidak sah (pilih dari" in err
    code, _, err = run(capsys, "solve", scenario_file, "--bogus")
    assert code == 2 and "argumen tidak dikenal: --bogus" in err
    code, _, err = run(capsys, "solve", scenario_file, "--bogus", "--lang", "en")
    assert code == 2 and "unrecognized arguments: --bogus" in err


def test_ctrl_c_while_reading_is_one_line_in_the_language(
    scenario_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C before the solve: exit 130, one line saying nothing was written."""

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli, "load_scenario", interrupted)
    (code, out, err), (code_en, _, err_en) = both(capsys, "validate", scenario_file)
    assert code == code_en == 130 and out == ""
    assert err == "penempatan: dihentikan; tidak ada yang ditulis\n"
    assert err_en == "penempatan: interrupted; nothing was written\n"


def test_diff_without_a_scenario_has_a_title(
    plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A plan file without the scenario's name still gives the diff a title: the other
    plan's name for the same scenario, else the start of the scenario's hash."""
    data = json.loads(plan_file.read_text(encoding="utf-8"))
    del data["scenario"]
    nameless = write(tmp_path / "nameless.json", data)
    code, out, _ = run(capsys, "diff", nameless, plan_file)
    assert code == 0 and out.splitlines()[0] == "perbedaan rencana: tiny"
    code, out, _ = run(capsys, "diff", nameless, nameless, "--lang", "en")
    assert out.splitlines()[0] == f"plan diff: sha256 {data['scenario_sha256'][:12]}"


def test_an_unknown_candidate_for_explain_is_worded(
    scenario_file: Path, plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """explain --candidate with an NIP not in the scenario: one sentence, nothing on stdout."""
    code, out, err = run(capsys, "explain", scenario_file, plan_file, "--candidate", "123")
    assert code == 2 and out == "" and "--candidate '123' bukan calon dalam skenario" in err
    argv = ("explain", scenario_file, plan_file, "--pseudonymise", "k", "--candidate", "P-x")
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and "--candidate 'P-x' bukan calon dalam skenario" in err


def test_a_missing_optional_dependency_is_one_worded_line(
    scenario_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A workbook without openpyxl, or any feature without its optional package: exit 2,
    one line saying what to install, in the reader's language."""
    from penempatan._optional import MissingDependency
    from penempatan.scenario import _excel

    book = tmp_path / "s.xlsx"
    assert run(capsys, "convert", scenario_file, book)[0] == 0
    real = _excel.importlib.import_module

    def without_openpyxl(name: str, *args: object) -> object:
        if name == "openpyxl":
            raise ImportError(name)
        return real(name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(_excel.importlib, "import_module", without_openpyxl)
    (code, _, err), (_, _, err_en) = both(capsys, "validate", book)
    assert code == 2 and "membaca dan menulis Excel memerlukan openpyxl" in err
    assert "reading and writing Excel needs openpyxl" in err_en

    def missing(*args: object, **kwargs: object) -> None:
        raise MissingDependency("to_dataframe()", "pandas")

    monkeypatch.setattr(_cli, "load_scenario", missing)
    (code, out, err), (_, _, err_en) = both(capsys, "validate", scenario_file)
    assert code == 2 and out == ""
    expected = "to_dataframe() memerlukan pandas, yang belum terpasang: pip install pandas"
    assert err == f"penempatan: {expected}\n"
    assert "needs pandas, which is not installed" in err_en


def test_a_conflict_of_local_rules_lists_each_rule_and_lock(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rules that cannot hold with a lock: each item named (person, rule id), one list."""
    from tests.rules.test_local_rules import _conflicting

    data = _conflicting()
    c = data["candidates"][0]
    path = write(tmp_path / "rules.json", data)
    (code, _, err), (_, _, err_en) = both(capsys, "solve", path, "-q", "-o", tmp_path / "p.json")
    named = (
        f"locks[0] ({c['name']}, {c['nip']} → KKMP-MEDONO), rules[0] ('perempuan'), "
        "rules[1] ('tanpa-perempuan')"
    )
    assert code == 3 and f"konflik: tidak dapat dipenuhi bersama-sama: {named}" in err
    assert f"conflict: cannot hold together: {named}" in err_en


def test_a_plan_that_breaks_rules_is_refused_in_the_language(
    scenario_file: Path, plan_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """diff without a scenario refuses a plan placing someone twice; explain names the
    person of a wrong score: exit 1, worded in the reader's language."""
    data = json.loads(plan_file.read_text(encoding="utf-8"))
    first = dict(data["assignments"][0])
    data["assignments"].append(dict(first))
    twice = write(tmp_path / "twice.json", data)
    (code, out, err), (_, _, err_en) = both(capsys, "diff", twice, plan_file)
    assert code == 1 and out == ""
    nip = first["candidate"]
    assert "rencana melanggar aturan (1 pelanggaran): [rule-3 placed_twice]" in err
    assert f"NIP {nip}: ditempatkan 2 kali" in err
    assert "the plan breaks the rules (1 violation)" in err_en and "placed 2 times" in err_en
    data["assignments"].pop()
    data["assignments"][0]["score"] += 1
    wrong = write(tmp_path / "wrong.json", data)
    (code, out, err), (_, _, err_en) = both(capsys, "explain", scenario_file, wrong)
    assert code == 1 and out == "" and "[score wrong_score] assignments[0].score (" in err
    assert f", seharusnya {first['score']}" in err and f", expected {first['score']}" in err_en
    assert "fit: " in err and "dihitung ulang" in err and "recomputed" in err_en


def test_a_local_rule_the_placements_break_is_worded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """evaluate with placements that break a local rule (rule 8): the rule by id and the
    group, in the reader's language."""
    d = tiny_scenario_data()
    d["rules"] = [{"id": "satu-opd", "kind": "at_most", "count": 1, "group_by": "opd"}]
    a, b = d["candidates"][0], d["candidates"][1]
    rows = [
        {"candidate": a["nip"], "cooperative": "KKMP-MEDONO", "role": "pengelola"},
        {"candidate": b["nip"], "cooperative": "KKMP-MEDONO", "role": "pengelola"},
    ]
    scenario = write(tmp_path / "s.json", d)
    placements = write(tmp_path / "draft.json", rows)
    (code, _, err), (_, _, err_en) = both(capsys, "evaluate", scenario, placements, "-q")
    assert code == 2 and "[rule-8 local_at_most] rules[0] ('satu-opd'): aturan 'satu-opd' di" in err
    assert "2 penempatan terhitung, paling banyak 1" in err
    assert "rule 'satu-opd' in" in err_en and "2 counted placements, at most 1" in err_en


def test_an_output_that_is_the_input_by_another_name_is_refused(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming a hard link to the input would write through into it: refused, unchanged."""
    import os

    alias = tmp_path / "alias.json"
    os.link(scenario_file, alias)
    before = scenario_file.read_bytes()
    code, out, err = run(capsys, "solve", scenario_file, "-o", alias)
    assert code == 2 and out == "" and "alias.json: menolak menimpa berkas masukan" in err
    assert scenario_file.read_bytes() == before


def test_an_output_over_another_scenario_is_refused(
    scenario_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o naming another scenario file (JSON or workbook), not an input: the user's data,
    refused before any work in either language; a plan file is replaced as ever."""
    other = write(tmp_path / "other.json", tiny_scenario_data())
    book = tmp_path / "other.xlsx"
    assert run(capsys, "convert", scenario_file, book)[0] == 0
    saved = {p: p.read_bytes() for p in (other, book)}
    for target in (other, book):
        (code, out, err), (_, _, err_en) = both(capsys, "solve", scenario_file, "-o", target)
        assert code == 2 and out == "" and "menolak menimpa berkas skenario" in err
        assert "refusing to write over a scenario file" in err_en
    assert {p: p.read_bytes() for p in saved} == saved
    plan = tmp_path / "plan.xlsx"
    for _ in range(2):  # a plan workbook (or plan) is an output: written again
        assert run(capsys, "solve", scenario_file, "-o", plan, "-q")[0] == 0


#: Options of ``solve`` that ``pn.solve`` refuses with a plain (English) ValueError: each
#: with the keyword arguments that make ``pn.solve`` refuse it, and the command line's own
#: sentence in Indonesian and English. "PLAN" stands for a plan of the scenario.
SOLVE_REFUSALS: list[tuple[tuple[str, ...], dict[str, object], str, str]] = [
    (
        ("--fit-tolerance", "0.1"),
        {"fit_tolerance": 0.1},
        "--fit-tolerance berlaku bersama --fairness atau --previous",
        "--fit-tolerance applies with --fairness or --previous",
    ),
    (
        ("--fairness", "opd", "--engine", "flow"),
        {"fairness": "opd", "engine": "flow"},
        "--fairness diselesaikan bertahap dengan CP-SAT, tidak dengan --engine flow",
        "--fairness is solved in stages with CP-SAT, not with --engine flow",
    ),
    (
        ("--previous", "PLAN", "--engine", "flow"),
        {"previous": "PLAN", "engine": "flow"},
        "--previous dengan batas kecocokan di bawah 1 disusun ulang dengan CP-SAT",
        "--previous with a fit tolerance below 1 re-plans with CP-SAT",
    ),
    (
        ("--previous", "PLAN", "--fit-tolerance", "0.5", "--engine", "flow"),
        {"previous": "PLAN", "fit_tolerance": 0.5, "engine": "flow"},
        "--previous dengan batas kecocokan di bawah 1 disusun ulang dengan CP-SAT",
        "--previous with a fit tolerance below 1 re-plans with CP-SAT",
    ),
    (
        ("--engine", "flow", "RULES"),
        {"engine": "flow", "rules": True},
        "aturan lokal (rules) bukan jaringan",
        "local rules are not a network",
    ),
    *(
        (
            ("--workers", text),
            {"workers": int(text)},
            f"argumen --workers: harus di antara 1 dan 256, bukan {text}",
            f"argument --workers: must be within 1 and 256, got {text}",
        )
        for text in ("0", "-3", "257", "99999999999999999999")
    ),
    *(
        (
            ("--seed", text),
            {"seed": int(text)},
            f"argumen --seed: harus di antara 0 dan 2147483647, bukan {text}",
            f"argument --seed: must be within 0 and 2147483647, got {text}",
        )
        for text in ("-1", "2147483648", "1" + "0" * 40)
    ),
    *(
        (
            ("--time-limit", text),
            {"time_limit_s": float(text)},
            f"argumen --time-limit: harus positif dan terhingga, bukan {text}",
            f"argument --time-limit: must be positive and finite, got {text}",
        )
        for text in ("0", "-5", "inf", "nan", "1e400")
    ),
    *(
        (
            ("--fairness", "both", "--fit-tolerance", text),
            {"fairness": "both", "fit_tolerance": float(text)},
            f"argumen --fit-tolerance: harus di antara 0 dan 1, bukan {text}",
            f"argument --fit-tolerance: must be within 0 and 1, got {text}",
        )
        for text in ("1.5", "-0.1", "nan", "inf")
    ),
]


@pytest.mark.parametrize(("argv", "api", "worded", "worded_en"), SOLVE_REFUSALS)
def test_options_solve_refuses_are_refused_first_in_the_reader_s_language(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    api: dict[str, object],
    worded: str,
    worded_en: str,
) -> None:
    """Every option (or pair of options) that ``pn.solve`` would refuse with its English
    ValueError is refused by ``solve`` before any work: one sentence of the catalogue in
    the reader's language, exit 2, no traceback, nothing written."""
    import penempatan as pn

    data = tiny_scenario_data()
    if api.pop("rules", False):
        data["rules"] = [{"id": "dua", "kind": "at_most", "count": 2}]
    scenario_file = write(tmp_path / "s.json", data)
    previous = tmp_path / "p.json"
    assert (
        run(
            capsys, "solve", write(tmp_path / "t.json", tiny_scenario_data()), "-q", "-o", previous
        )[0]
        == 0
    )
    given = [str(previous) if a == "PLAN" else a for a in argv if a != "RULES"]
    # pn.solve refuses these arguments itself, so the command line must not pass them on.
    kwargs = dict(api)
    if "fairness" in kwargs:
        which = kwargs["fairness"]
        kwargs["fairness"] = pn.Fairness(
            opd_burden=which in ("opd", "both"), kecamatan_coverage=which in ("kecamatan", "both")
        )
    if "previous" in kwargs:
        kwargs["previous"] = pn.Plan.from_json(previous.read_bytes())
    with pytest.raises(ValueError):
        pn.solve(pn.parse_scenario(data), **kwargs)  # type: ignore[arg-type]
    out_file = tmp_path / "out.json"
    for lang, sentence in (("id", worded), ("en", worded_en)):
        code, out, err = run(capsys, "solve", scenario_file, "-o", out_file, *given, "--lang", lang)
        assert code == 2 and out == "" and sentence in err, err
        assert not out_file.exists()
    # The English sentence of pn.solve is never what the reader sees.
    with pytest.raises(ValueError) as info:
        pn.solve(pn.parse_scenario(data), **kwargs)  # type: ignore[arg-type]
    assert str(info.value) not in err


@pytest.mark.parametrize(
    ("argv", "worded", "worded_en"),
    [
        (
            ("--fit-tolerance", "0.1"),
            "--fit-tolerance berlaku bersama --fairness",
            "--fit-tolerance applies with --fairness",
        ),
        (
            ("--fairness", "kecamatan", "--engine", "flow"),
            "--fairness diselesaikan bertahap dengan CP-SAT, tidak dengan --engine flow",
            "--fairness is solved in stages with CP-SAT, not with --engine flow",
        ),
        (("--workers", "0"), "harus di antara 1 dan 256, bukan 0", "must be within 1 and 256"),
        (("--seed", "-1"), "harus di antara 0 dan 2147483647", "must be within 0 and 2147483647"),
        (("--time-limit", "nan"), "harus positif dan terhingga", "must be positive and finite"),
    ],
)
def test_national_refuses_what_solve_would_refuse_before_any_region(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: tuple[str, ...],
    worded: str,
    worded_en: str,
) -> None:
    """``national`` checks the options it passes to every region's solve first: one
    sentence in the reader's language, exit 2, and no output folder made."""
    regions = tmp_path / "regions"
    regions.mkdir()
    write(regions / "a.json", tiny_scenario_data())
    out = tmp_path / "plans"
    for lang, sentence in (("id", worded), ("en", worded_en)):
        code, _, err = run(capsys, "national", regions, "-o", out, *argv, "--lang", lang)
        assert code == 2 and sentence in err, err
        assert not out.exists()
