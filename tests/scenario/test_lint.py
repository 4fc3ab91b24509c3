"""Near misses: warnings with the likely intended value, from the API and from `validate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import penempatan as pn
from penempatan.cli import _main as _cli
from penempatan.i18n import MESSAGES
from penempatan.scenario import _checks, _lint, _problems
from tests.factory import EXAMPLES, candidate, tiny_scenario_data


def _codes(problems: list[pn.Problem]) -> list[tuple[str, str, Any]]:
    return [(p.path, p.code, p.values.get("suggestion")) for p in problems]


def test_a_clean_scenario_has_no_warnings() -> None:
    """The tiny scenario and the Pekalongan example give no warning at all."""
    assert pn.lint(pn.parse_scenario(tiny_scenario_data())) == []
    assert pn.lint(pn.load_scenario(EXAMPLES / "pekalongan.json")) == []


def test_each_near_miss_is_a_warning_with_the_intended_value() -> None:
    """A capitalised role, a kecamatan in lower case, a domicile spelt loosely: one warning each."""
    d = tiny_scenario_data()
    d["candidates"][0]["skills"] = {"Pengelola": 3}
    d["cooperatives"][1]["kecamatan"] = d["cooperatives"][0]["kecamatan"].lower()
    d["candidates"].append(candidate(9, domicile="medono ", skills={"pengelolaa": 2}))
    warnings = pn.lint(pn.parse_scenario(d))
    assert all(w.severity == "warning" for w in warnings)
    assert _codes(warnings) == [
        ("cooperatives[1].kecamatan", "near_miss.kecamatan", "Pekalongan Barat"),
        ("candidates[0].skills.Pengelola", "near_miss.role", "pengelola"),
        ("candidates[4].domicile", "near_miss.domicile", "Medono"),
        ("candidates[4].skills.pengelolaa", "near_miss.role", "pengelola"),
    ]
    assert "did you mean 'pengelola'?" in str(warnings[1])


def test_far_values_are_no_near_miss() -> None:
    """A skill nobody needs and a domicile outside the area are not reported."""
    d = tiny_scenario_data()
    d["candidates"].append(candidate(9, domicile="Batang", skills={"kasir": 3, "pengelola": 2}))
    assert pn.lint(pn.parse_scenario(d)) == []


def test_an_unknown_reference_suggests_the_close_one() -> None:
    """An OPD id one letter off is an error that says which OPD was likely meant."""
    d = tiny_scenario_data()
    d["candidates"][0]["opd"] = "DINKOPP"
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(d)
    (problem,) = info.value.problems
    assert problem.code == "unknown_opd" and problem.values["suggestion"] == "DINKOP"
    assert str(problem) == "candidates[0].opd: unknown OPD 'DINKOPP'; did you mean 'DINKOP'?"


def _scenario_with_near_misses(tmp_path: Path) -> Path:
    d = tiny_scenario_data()
    d["candidates"][0]["skills"] = {"Pengelola": 3}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    return path


def test_validate_lists_warnings_and_strict_makes_them_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate exits 0 with the warnings in Indonesian; --strict exits 2 on the same file."""
    path = _scenario_with_near_misses(tmp_path)
    assert _cli.main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "yang sah" in out
    assert "1 peringatan" in err
    assert "candidates[0].skills.Pengelola (Calon 1, " in err
    assert "maksud Anda 'pengelola'?" in err
    assert _cli.main(["validate", str(path), "--strict", "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert "did you mean 'pengelola'?" in err and "not valid under --strict" in err
    assert out == ""


def test_every_problem_code_has_a_message() -> None:
    """Each code of the checks, the linter and the pydantic mapping is worded in both languages."""
    codes = _checks.CODES | _lint.CODES | _problems.CODES
    assert {"duplicate_key", "unknown_opd", "near_miss.role", "missing"} <= codes
    for code in codes:
        assert set(MESSAGES[f"problem.{code}"]) == {"id", "en"}, code


def test_a_problem_renders_in_the_chosen_language_with_who_it_concerns() -> None:
    """problem_text: the path, the person beside it, the sentence in id or en."""
    d = tiny_scenario_data()
    d["candidates"][1]["opd"] = "DINKOPP"
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(d)
    (problem,) = info.value.problems
    name, nip = d["candidates"][1]["name"], d["candidates"][1]["nip"]
    assert pn.problem_text(problem, "id", d) == (
        f"candidates[1].opd ({name}, {nip}): OPD 'DINKOPP' tidak dikenal; maksud Anda 'DINKOP'?"
    )
    assert pn.problem_text(problem, "en", d).endswith(
        "unknown OPD 'DINKOPP'; did you mean 'DINKOP'?"
    )


def test_field_errors_are_worded_in_indonesian_too() -> None:
    """A bad NIP, a NIP typed as a number and a level of 7: each has a code and an id sentence."""
    d = tiny_scenario_data()
    d["candidates"][0]["nip"] = (
        d["candidates"][0]["nip"][:14] + "3" + d["candidates"][0]["nip"][15:]
    )
    d["candidates"][1]["nip"] = 199001152024211002
    d["cooperatives"][0]["needs"][1]["min_level"] = 7
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(d)
    by_path = {p.path: p for p in info.value.problems}
    sex = by_path["candidates[0].nip"]
    assert sex.code == "nip.sex" and sex.values == {"digit": "3"}
    assert "digit 15 is the sex" in str(sex)
    assert pn.problem_text(sex, "id").endswith(
        "NIP tidak sah: digit 15 adalah jenis kelamin dan harus 1 atau 2, bukan 3"
    )
    number = by_path["candidates[1].nip"]
    assert number.code == "not_text" and "kehilangan digit" in pn.problem_text(number, "id")
    level = by_path["cooperatives[0].needs[1].min_level"]
    assert pn.problem_text(level, "id").endswith("paling banyak 5")


def test_a_choice_outside_the_list_names_the_choices_in_both_languages() -> None:
    """An education level not in the list says which levels there are, in id and en."""
    d = tiny_scenario_data()
    d["candidates"][0]["education"] = "S4"
    with pytest.raises(pn.ScenarioError) as info:
        pn.parse_scenario(d)
    (problem,) = info.value.problems
    assert problem.code == "not_one_of" and "'S1'" in problem.values["expected"]
    assert "harus salah satu dari " in pn.problem_text(problem, "id")
    assert "must be one of " in pn.problem_text(problem, "en")


def test_a_rule_that_counts_nobody_is_a_warning() -> None:
    """An ``of`` that no candidate matches (an empty OPD list, a sex nobody has) is reported
    at the rule; a filter some candidate matches, and a rule without ``of``, are not."""
    d = tiny_scenario_data()
    female = [c["nip"] for c in d["candidates"] if c["nip"][14] == "2"]
    d["rules"] = [
        {"id": "kosong", "kind": "at_most", "count": 0, "of": {"opds": []}},
        {"id": "semua", "kind": "at_most", "count": 1, "group_by": "opd"},
        {"id": "dinkop", "kind": "at_most", "count": 1, "of": {"opds": ["DINKOP"]}},
        {
            "id": "perempuan",
            "kind": "at_least",
            "count": 1,
            "of": {"sex": "female", "candidates": [d["candidates"][0]["nip"]]},
        },
    ]
    assert not female or d["candidates"][0]["nip"] not in female
    warnings = pn.lint(pn.parse_scenario(d))
    assert [(w.path, w.code, w.values) for w in warnings] == [
        ("rules[0].of", "rule.matches_nobody", {"value": "kosong"}),
        ("rules[3].of", "rule.matches_nobody", {"value": "perempuan"}),
    ]
    worded = pn.problem_text(warnings[0], "id", d)
    assert worded.startswith("rules[0].of ('kosong'): peringatan: aturan 'kosong' tidak")
    assert pn.problem_text(warnings[1], "en", d).endswith(
        "rule 'perempuan' counts nobody: no candidate matches its 'of'"
    )
