"""Relations between figures keyed anywhere: bridges, repeated figures, explained remainders,
revisions, kronor per inhabitant, and the units a relation may combine."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib.findings import Status
from tests.folders import make_folder, pin_sources

SOURCE = "\n".join(f"rad {n}" for n in range(1, 21)) + "\n"
TWO_DOCUMENTS = (
    "d1,RS 1-2026,Region Gävleborg,RS,2025,bokslutskommuniké,2026-01-29,Bokslutskommuniké,1,d1.txt\n"
    "d2,RS 2-2026,Region Gävleborg,RS,2025,årsredovisning,2026-04-07,Årsredovisning,1,d2.txt\n"
)


def statement(name: str, value: str, unit: str = "mkr", line: int = 1, doc: str = "d1", **extra: str) -> str:
    """A statements.csv row; ``sign``, ``phase``, ``measure``, ``qualifier`` may be given."""
    sign, phase = extra.get("sign", "1"), extra.get("phase", "beslut")
    measure, qualifier = extra.get("measure", "resultat"), extra.get("qualifier", "")
    return f'{name},{doc},{name},{measure},2025,{phase},{qualifier},"{value}",{sign},{unit},{line},{line}\n'


def folder(tmp_path: Path, statements: list[str], relations: list[str], **files: str) -> Path:
    root = make_folder(
        tmp_path / "data",
        SOURCE,
        {"statements.csv": "".join(statements), "relations.csv": "".join(relations), **files},
        documents=TWO_DOCUMENTS,
    )
    (root / "sources" / "d2.txt").write_text(SOURCE, encoding="utf-8")
    return pin_sources(root)


def found(root: Path) -> pd.DataFrame:
    return budgetlib.reconcile(budgetlib.load(root)).to_frame().set_index("subject")


def test_a_bridge_over_figures_keyed_elsewhere(tmp_path: Path) -> None:
    statements = [
        statement("prel", "-286", doc="d1", phase="preliminär"),
        statement("pension", "-17", line=2, doc="d2"),
        statement("aktier", "-8", line=3, doc="d2"),
        statement("slutligt", "-311", line=4, doc="d2", phase="utfall"),
    ]
    relations = ["r_bridge,bridge,slutligt,+prel +pension +aktier,,,Från preliminärt till slutligt\n"]
    bridge = found(folder(tmp_path, statements, relations)).loc["r_bridge"]
    assert (bridge["check"], bridge["status"], bridge["actual"]) == ("cross_document", "exact", -286 - 17 - 8)
    assert bridge["relation"] == "−286 − 17 − 8 = −311"


def test_one_figure_printed_twice_must_agree(tmp_path: Path) -> None:
    statements = [
        statement("omsluter", "14,2", "miljarder kronor", line=7),
        statement("total", "14,4", "miljarder kronor", line=12),
    ]
    relations = ["r_total,repeated,total,+omsluter,,,Samma totala budget två gånger\n"]
    finding = found(folder(tmp_path, statements, relations)).loc["r_total"]
    assert (finding["check"], finding["status"]) == ("repeated", "mismatch")
    assert finding["difference"] == pytest.approx(14_200 - 14_400)
    assert finding["message"].startswith(
        "Samma uppgift anges två gånger med olika belopp: 14,2\u00a0miljarder kronor (rad 7) "
        "och 14,4\u00a0miljarder kronor (rad 12)."
    )
    assert "±100 mkr" in finding["message"]  # each figure ± 0,05 mdkr


def test_a_figure_restated_in_another_unit_agrees_within_rounding(tmp_path: Path) -> None:
    statements = [statement("mnkr", "-38,6", "mnkr", line=7), statement("tkr", "-38 614", "tkr", line=9)]
    relations = ["r_resultat,repeated,mnkr,+tkr,,,Årets resultat i mnkr och i tkr\n"]
    finding = found(folder(tmp_path, statements, relations)).loc["r_resultat"]
    assert finding["status"] == "rounding"
    assert finding["message"].startswith(
        "Samma uppgift anges två gånger: −38\u00a0614\u00a0tkr (rad 9) och −38,6\u00a0mnkr (rad 7)."
    )


def test_repeated_belongs_to_one_document(tmp_path: Path) -> None:
    statements = [statement("a", "120"), statement("b", "120", doc="d2")]
    relations = ["r,repeated,b,+a,,,Samma uppgift\n"]
    with pytest.raises(
        budgetlib.DataError,
        match="en upprepad uppgift står två gånger i samma dokument; mellan dokument: equals",
    ):
        budgetlib.load(folder(tmp_path, statements, relations))


def test_a_remainder_the_document_names_is_explained(tmp_path: Path) -> None:
    statements = [
        statement("okning", "452", measure="ram"),
        statement("primarvard", "95", line=2, measure="tillskott"),
        statement("lakemedel", "120", line=3, measure="tillskott"),
        statement("resten", "237", line=4, measure="tillskott"),
    ]
    relations = [
        "r_okning,residual,okning,+primarvard +lakemedel,,+resten,Resten är löne- och prisökningar\n"
    ]
    finding = found(folder(tmp_path, statements, relations)).loc["r_okning"]
    assert (finding["status"], finding["actual"]) == ("explained", 95 + 120 + 237)
    assert finding["message"] == "Resten, 237 mkr, förklaras i dokumentet: resten 237 mkr."
    assert Status.EXPLAINED not in budgetlib.findings.FAILING


def test_a_named_remainder_that_does_not_fit_is_a_mismatch(tmp_path: Path) -> None:
    statements = [
        statement("okning", "452", measure="ram"),
        statement("primarvard", "95", line=2, measure="tillskott"),
        statement("resten", "237", line=4, measure="tillskott"),
    ]
    relations = ["r_okning,residual,okning,+primarvard,,+resten,Resten namnges\n"]
    finding = found(folder(tmp_path, statements, relations)).loc["r_okning"]
    assert finding["status"] == "mismatch"
    assert (
        "Resten, 357 mkr, ska enligt dokumentet vara resten 237 mkr, men det skiljer 120 mkr"
        in finding["message"]
    )


def test_only_a_residual_can_be_explained(tmp_path: Path) -> None:
    statements = [statement("a", "10"), statement("b", "10", line=2)]
    relations = ["r,equals,a,+b,,+b,Förklarad\n"]
    with pytest.raises(budgetlib.DataError, match="bara en restpost"):
        budgetlib.load(folder(tmp_path, statements, relations))


def test_a_declared_revision_reports_its_size_and_does_not_fail(tmp_path: Path) -> None:
    statements = [
        statement("prel", "286", "miljoner kronor", line=10, sign="-1", phase="preliminär"),
        statement("slutligt", "-311", "miljoner kronor", line=7, doc="d2", phase="utfall"),
    ]
    relations = ["r_rev,revision,slutligt,+prel,,,Justerat efter bokslutskommunikén\n"]
    findings = budgetlib.reconcile(budgetlib.load(folder(tmp_path, statements, relations)))
    revision = findings.to_frame().set_index("subject").loc["r_rev"]
    assert (revision["check"], revision["status"]) == ("revision", "revised")
    assert (revision["expected"], revision["actual"], revision["difference"]) == (-286, -311, -25)
    assert "revideringen är −25 mkr" in revision["message"]
    assert (
        "−286 miljoner kronor (preliminär, rad 10) blev −311 miljoner kronor (utfall, rad 7)"
        in revision["message"]
    )
    assert len(findings.failing) == 0


def test_an_undeclared_disagreement_between_documents_stays_a_mismatch(tmp_path: Path) -> None:
    statements = [
        statement("hsn_bk", "198", line=5, sign="-1", phase="preliminär", measure="budgetavvikelse"),
        statement("hsn_ar", "-214", line=6, doc="d2", phase="utfall", measure="budgetavvikelse"),
    ]
    relations = ["r_hsn,equals,hsn_ar,+hsn_bk,,,Samma avvikelse\n"]
    finding = found(folder(tmp_path, statements, relations)).loc["r_hsn"]
    assert (finding["check"], finding["status"], finding["difference"]) == ("cross_document", "mismatch", 16)


RIKET = "Riket,0000,2024-12-31,10587710,SCB\n"


def test_kronor_per_inhabitant_from_the_organisations_population(tmp_path: Path) -> None:
    statements = [
        statement("befolkningsdel", "1 300", "miljoner kronor", measure="fördelning"),
        statement("per_inv", "123", "kronor per invånare", line=2, measure="fördelning", qualifier="cirka"),
    ]
    relations = ["r_inv,per_inhabitant,per_inv,+befolkningsdel,invånare 2024-12-31,,Per invånare\n"]
    root = folder(tmp_path, statements, relations)
    documents = (root / "documents.csv").read_text(encoding="utf-8").replace("Region Gävleborg", "Staten")
    (root / "documents.csv").write_text(documents, encoding="utf-8")
    population = "area,org_code,date,population,source\n"
    (root / "reference").mkdir()
    (root / "reference" / "population.csv").write_text(population, encoding="utf-8")
    missing = found(root).loc["r_inv"]
    assert (missing["status"], missing["message"]) == (
        "not_checkable",
        "Folkmängd för Svenska staten (0000) per 2024-12-31 saknas i referensdatan.",
    )
    (root / "reference" / "population.csv").write_text(population + RIKET, encoding="utf-8")
    finding = found(root).loc["r_inv"]
    assert finding["actual"] == pytest.approx(1300e6 / 10_587_710)
    assert (finding["check"], finding["status"], finding["unit"]) == ("per_inhabitant", "rounding", "kr/inv")


@pytest.mark.parametrize(
    ("statements", "relation", "message"),
    [
        (
            [
                statement("mal", "0,5", "procentenheter"),
                statement("a", "1,5", "%", 2),
                statement("b", "1", "%", 3),
            ],
            "r,percent,mal,+a,+b,,Över målet\n",
            "procentenheter är skillnaden mellan två procenttal",
        ),
        (
            [statement("mal", "0,5", "procent"), statement("a", "1,5", "%", 2), statement("b", "1", "%", 3)],
            "r,equals,mal,+a -b,,,Över målet\n",
            "uppgifterna har olika enheter (%) och kan inte jämföras",
        ),
        (
            [statement("a", "10", "mkr"), statement("b", "10", "kr/invånare", 2)],
            "r,equals,a,+b,,,Blandat\n",
            "uppgifterna har olika enheter (kr/inv, mkr)",
        ),
    ],
)
def test_percent_points_and_amounts_are_kept_apart(
    tmp_path: Path, statements: list[str], relation: str, message: str
) -> None:
    with pytest.raises(budgetlib.DataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        budgetlib.load(folder(tmp_path, statements, [relation]))


def test_percentage_points_are_a_difference_of_percentages(tmp_path: Path) -> None:
    statements = [
        statement("over", "0,5", "procentenheter"),
        statement("resultat", "1,5", "procent", 2, measure="andel"),
        statement("mal", "1", "procent", 3, measure="andel"),
    ]
    relations = ["r_over,equals,over,+resultat -mal,,,Över målet\n"]
    finding = found(folder(tmp_path, statements, relations)).loc["r_over"]
    assert (finding["status"], finding["unit"]) == ("exact", "p.e.")
