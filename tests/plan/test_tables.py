"""The plan as tables: DataFrames of who goes where, coverage and impact; the published schema."""

from __future__ import annotations

import json

import pytest

import penempatan as pn
from penempatan.cli import _main as cli
from tests.factory import EXAMPLES, ROOT, tiny_scenario_data

EXAMPLE = EXAMPLES / "pekalongan.json"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return exit status, standard output and standard error."""
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_plan_tables_as_dataframes() -> None:
    """Who goes where joins names, OPD, kelurahan and kecamatan; impact and coverage add up."""
    pytest.importorskip("pandas")
    s = pn.parse_scenario(tiny_scenario_data())
    plan = pn.solve(s)
    placed = plan.to_dataframe(s)
    assert len(placed) == len(plan.assignments)
    first = placed.iloc[0]
    cand = s.candidates[s.candidate_index[first["candidate"]]]
    coop = s.cooperatives[s.cooperative_index[first["cooperative"]]]
    assert (first["name"], first["opd"], first["kelurahan"], first["kecamatan"]) == (
        cand.name,
        cand.opd,
        coop.kelurahan,
        coop.kecamatan,
    )
    assert plan.coverage_dataframe()["covered"].sum() == plan.coverage
    assert plan.coverage_dataframe("kecamatan")["covered"].sum() == plan.coverage
    impact = plan.impact_dataframe()
    assert impact[impact["position"].isna()]["released"].sum() == len(plan.assignments)
    unplaced = plan.unplaced_dataframe(s)
    assert len(unplaced) == len(plan.unplaced) and all(unplaced["reasons"].str.len() > 0)
    other = pn.parse_scenario({**tiny_scenario_data(), "name": "other"})
    with pytest.raises(pn.PlanMismatchError):
        plan.to_dataframe(other)


SCHEMA_DIR = ROOT / "schema"


def _without_id_and_title(schema: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in schema.items() if k not in ("$id", "title")}


def test_published_plan_schema_matches_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    """schema/plan-v1.schema.json is Plan.model_json_schema(), as `schema --plan` prints it."""
    on_disk = json.loads((SCHEMA_DIR / "plan-v1.schema.json").read_text(encoding="utf-8"))
    assert on_disk["title"] == "penempatan/plan@1"
    assert _without_id_and_title(on_disk) == _without_id_and_title(pn.Plan.model_json_schema())
    code, out, _ = run(capsys, "schema", "--plan")
    assert code == 0 and json.loads(out) == on_disk
    assert {"format", "status", "coverage", "fit", "assignments", "scenario_sha256"} <= set(
        on_disk["properties"]  # type: ignore[arg-type]
    )


def test_a_solved_plan_is_valid_against_the_published_schema() -> None:
    """A plan file of Kota Pekalongan validates against schema/plan-v1.schema.json."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMA_DIR / "plan-v1.schema.json").read_text(encoding="utf-8"))
    written = json.loads(pn.solve(pn.load_scenario(EXAMPLE)).to_json())
    jsonschema.validate(written, schema)
    written["status"] = "DONE"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(written, schema)
