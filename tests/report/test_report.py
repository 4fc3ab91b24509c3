"""Reports: both languages and formats, pseudonyms, escaping, floor prices and conflicts."""

from __future__ import annotations

import html

import pytest

import penempatan as pn
from penempatan.datasets import generate
from penempatan.render import md_escape
from penempatan.report import explain_report
from tests.factory import EXAMPLES, hostile_scenario_data, infeasible_scenario_data, pseudonym


@pytest.fixture(scope="module")
def pekalongan() -> tuple[pn.Scenario, pn.Plan]:
    """The Kota Pekalongan example and its plan (not explained: the report does that)."""
    s = pn.load_scenario(EXAMPLES / "pekalongan.json")
    return s, pn.solve(s)


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("id", ["Ringkasan", "Cakupan per kecamatan", "Dampak pada OPD", "Harga batas minimum"]),
        (
            "en",
            ["Summary", "Coverage by kecamatan", "Impact on the OPD", "The price of the floors"],
        ),
    ],
)
def test_report_renders_in_each_language_and_format(
    pekalongan: tuple[pn.Scenario, pn.Plan], lang: str, words: list[str], fmt: str
) -> None:
    """The page has its sections in the chosen language, every kecamatan and kelurahan."""
    s, plan = pekalongan
    text = explain_report(s, plan, lang=lang, fmt=fmt)  # type: ignore[arg-type]
    for w in words:
        assert w in text
    for k in s.cooperatives:
        assert html.escape(k.kelurahan) in text and k.kecamatan in text
    if fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and f'lang="{lang}"' in text
        assert text.count("<table>") >= 2 + len({k.kecamatan for k in s.cooperatives})
    else:
        assert text.startswith("# ") and "| ---" not in text and "|---" in text


def test_report_says_floor_prices_are_exact(pekalongan: tuple[pn.Scenario, pn.Plan]) -> None:
    """The floor price section states that values are exact, from re-solving, in each language."""
    s, plan = pekalongan
    assert "exact, from re-solving" in explain_report(s, plan, lang="en")
    assert "Nilainya tepat" in explain_report(s, plan, lang="id")
    assert "not computed" in explain_report(s, plan, lang="en", prices=False)


def test_pseudonymised_report_holds_no_nip_or_name(pekalongan: tuple[pn.Scenario, pn.Plan]) -> None:
    """With a key, no NIP and no candidate name appears, in either language or format."""
    s, plan = pekalongan
    key = "rahasia-2026"
    wanted = [s.candidates[0].nip, plan.assignments[0].candidate]
    for lang in ("id", "en"):
        for fmt in ("md", "html"):
            text = explain_report(
                s,
                plan,
                lang=lang,  # type: ignore[arg-type]
                fmt=fmt,  # type: ignore[arg-type]
                candidate=wanted,
                pseudonymise_key=key,
            )
            assert [c.nip for c in s.candidates if c.nip in text] == []
            names = {c.name for c in s.candidates}
            for variant in (names, {html.escape(n) for n in names}, {md_escape(n) for n in names}):
                assert [n for n in variant if n in text] == []
            assert pseudonym(wanted[0], key) in text


def test_unpseudonymised_report_names_people(pekalongan: tuple[pn.Scenario, pn.Plan]) -> None:
    """Without a key, the report shows placed people by name and NIP (the check above can fail)."""
    s, plan = pekalongan
    text = explain_report(s, plan, lang="en")
    a = plan.assignments[0]
    name = next(c.name for c in s.candidates if c.nip == a.candidate)
    assert a.candidate in text and md_escape(name) in text


def test_candidate_section_by_nip_or_pseudonym(pekalongan: tuple[pn.Scenario, pn.Plan]) -> None:
    """A candidate's section gives their facts and every reason; a pseudonym finds them too."""
    s, plan = pekalongan
    placed = plan.assignments[0].candidate
    text = explain_report(s, plan, lang="en", candidate=placed)
    assert "## Candidate" in text and "score" in text and "Placed at" in text
    out = next(c.nip for c in s.candidates if c.nip not in {a.candidate for a in plan.assignments})
    key = "k"
    text = explain_report(s, plan, lang="id", candidate=pseudonym(out, key), pseudonymise_key=key)
    assert "Tidak ditempatkan." in text
    with pytest.raises(ValueError, match="not in the scenario"):
        explain_report(s, plan, candidate="199001012024211999")


def test_report_refuses_bad_arguments(pekalongan: tuple[pn.Scenario, pn.Plan]) -> None:
    """Unknown language or format, an empty key, or another scenario's plan raise ValueError."""
    s, plan = pekalongan
    with pytest.raises(ValueError):
        explain_report(s, plan, lang="fr")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        explain_report(s, plan, fmt="pdf")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        explain_report(s, plan, pseudonymise_key="")
    other = generate(n_cooperatives=4, n_candidates=20, seed=9)
    with pytest.raises(pn.PlanMismatchError):
        explain_report(other, plan)


def test_html_escapes_every_user_string() -> None:
    """No tag from the scenario survives into the HTML report."""
    s = pn.parse_scenario(hostile_scenario_data())
    plan = pn.solve(s)
    text = explain_report(s, plan, fmt="html", candidate=s.candidates[0].nip)
    for raw in ("<script>", "<b>", "<i>", "<img", "<u>"):
        assert raw not in text
    assert "&lt;script&gt;" in text and "&lt;img src=x onerror=alert(1)&gt;" in text


def test_markdown_escapes_pipes_and_tags() -> None:
    """User strings cannot add table columns or raw HTML to the Markdown report."""
    s = pn.parse_scenario(hostile_scenario_data())
    text = explain_report(s, pn.solve(s), fmt="md")
    assert "Dinas \\| Koperasi \\<u\\>" in text
    assert "<script>" not in text and "<b>" not in text
    rows = [line for line in text.splitlines() if line.startswith("| KKMP-") or "Dinas" in line]
    widths = {line.replace("\\|", "").count("|") for line in rows if line.startswith("|")}
    assert len(widths) <= 2  # kelurahan tables and the OPD table; no row has extra cells


def test_conflicts_are_shown_in_both_languages() -> None:
    """An infeasible plan's report lists its conflicts, worded in id and in en."""
    s = pn.parse_scenario(infeasible_scenario_data())
    plan = pn.solve(s)
    assert plan.status is pn.Status.INFEASIBLE and plan.conflicts
    id_text = explain_report(s, plan, lang="id")
    en_text = explain_report(s, plan, lang="en")
    assert "Konflik" in id_text and "Conflicts" in en_text


def test_text_report_has_no_markdown_and_aligned_tables(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """--format text: no Markdown escapes or pipes; each table's rows line up under the header."""
    s, plan = pekalongan
    text = explain_report(s, plan, fmt="text", prices=False)
    assert "\\_" not in text and "| " not in text and "## " not in text
    assert "simpan_pinjam" in text  # written as it is, not simpan\_pinjam
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Kecamatan  "))
    rule = lines[header + 1]
    assert set(rule) <= {"-", " "}
    row = lines[header + 2]
    assert len(row) <= len(rule) and row.split()[0] == "Pekalongan"


def test_report_names_every_unplaced_candidate(pekalongan: tuple[pn.Scenario, pn.Plan]) -> None:
    """Each candidate not placed appears by name and NIP in the report, not only in a count."""
    s, plan = pekalongan
    text = explain_report(s, plan, fmt="text", prices=False)
    names = {c.nip: c.name for c in s.candidates}
    assert plan.unplaced
    for u in plan.unplaced:
        assert f"{names[u.candidate]} ({u.candidate})" in text


def test_short_needs_for_the_same_reasons_are_one_line(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """Pekalongan's five clinic needs, short for the same people: one line, each named once."""
    s, plan = pekalongan
    text = explain_report(s, plan, fmt="text", prices=False)
    section = text.split("Kebutuhan di bawah minimum\n")[1].split("Dampak pada OPD")[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    shorts = {(sn.role, sn.cooperative) for sn in plan.short_needs}
    assert len(items) < len(shorts)
    for sn in plan.short_needs:
        assert sum(sn.cooperative in item for item in items) == 1
    held = {
        nip
        for sn in plan.short_needs
        for r in sn.reasons
        if r.code == "held_by_floor"
        for f in r.values["floors"]
        for nip in f["candidates"]
    }
    assert held
    for nip in held:
        assert text.count(nip) <= 2  # the short-needs line, and the unplaced table


def test_html_report_prints_well_and_keeps_the_hash_for_the_end(
    pekalongan: tuple[pn.Scenario, pn.Plan],
) -> None:
    """The HTML has a print stylesheet; the scenario hash comes after every other section."""
    s, plan = pekalongan
    page = explain_report(s, plan, fmt="html", prices=False)
    assert "@media print" in page and "thead{display:table-header-group}" in page
    assert page.index(plan.scenario_sha256) > page.index("Calon yang tidak ditempatkan")
    assert page.index(plan.scenario_sha256) > page.index("Catatan audit")
