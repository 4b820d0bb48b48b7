"""Drafts of the seed documents load, stand on their lines, and reconcile as hand-keyed data does."""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib.errors import DataError
from budgetlib.extract.checking import DraftCheck, check_draft
from budgetlib.extract.failure import ExtractionError
from budgetlib.extract.format2 import PAGES_FILE, REVIEW_FILE, format2_files
from budgetlib.extract.identity import Options
from budgetlib.extract.pipeline import draft_document
from budgetlib.extract.writing import write_folder
from budgetlib.findings import Check, Status
from budgetlib.organisations import organisation_register
from budgetlib.provenance import check_provenance
from budgetlib.reconciliation import reconcile
from tests.conftest import DATA_DIR
from tests.extraction.builders import write_pdf

DOCUMENTS = pd.read_csv(DATA_DIR / "documents.csv", dtype=str, keep_default_na=False)


def draft_of(path: Path, out: Path, options: Options, doc_id: str | None = None) -> DraftCheck:
    return write_folder(format2_files(draft_document(path, options, doc_id)), out, check_draft)


def seed(doc_id: str) -> tuple[Path, Options]:
    row = DOCUMENTS.set_index("doc_id").to_dict("index")[doc_id]
    return DATA_DIR / "sources" / row["source_file"], Options(
        row["organisation"], row["namnd"], int(row["budget_year"])
    )


@pytest.mark.parametrize("doc_id", list(DOCUMENTS["doc_id"]))
def test_every_seed_draft_loads_and_every_row_stands_on_its_line(tmp_path: Path, doc_id: str) -> None:
    path, options = seed(doc_id)
    check = draft_of(path, tmp_path / "draft", options, doc_id)
    assert check.provenance.empty, check.provenance.to_string()
    dataset = budgetlib.load(tmp_path / "draft")
    assert len(dataset.figures) > 0
    assert (tmp_path / "draft" / "sources" / path.name).read_bytes() == path.read_bytes()


def test_the_supplement_list_adds_up_to_its_summa_row(tmp_path: Path) -> None:
    path, options = seed("000")
    lines = path.read_text(encoding="utf-8").splitlines()
    summa_line = next(i for i, line in enumerate(lines, start=1) if line.startswith("Summa"))
    printed_total = re.search(r"(\d[\d ]*) mkr", lines[summa_line - 1]).group(1)  # type: ignore[union-attr]
    bullets = [re.search(r"(\d+) mkr\s*$", line) for line in lines if line.startswith("•")]
    check = draft_of(path, tmp_path / "draft", options)
    dataset = budgetlib.load(tmp_path / "draft")
    total = dataset.figures[dataset.figures["role"] == "total"].iloc[0]
    assert (total["value_text"], total["line"]) == (printed_total, summa_line)
    (sum_finding,) = [f for f in check.findings if f.check is Check.SUM]
    assert sum_finding.status is Status.EXACT
    assert sum_finding.actual == sum(int(m.group(1)) for m in bullets if m)


def test_a_frame_restated_in_the_wrong_unit_is_flagged_as_a_unit_slip(tmp_path: Path) -> None:
    path, options = seed("003")
    lines = path.read_text(encoding="utf-8").splitlines()
    stated_line = next(i for i, line in enumerate(lines, start=1) if "mnkr (RS/" in line)
    stated = re.search(r"(\d+,\d) mnkr", lines[stated_line - 1]).group(1)  # type: ignore[union-attr]
    closing_line = next(i for i, line in enumerate(lines, start=1) if line.startswith("= Ram"))
    closing = re.search(r"(\d \d{3})\s*$", lines[closing_line - 1]).group(1)  # type: ignore[union-attr]
    check = draft_of(path, tmp_path / "draft", options)
    slips = [f for f in check.findings if f.status is Status.UNIT_SLIP]
    equals = [  # the text repeats the bridge's closing figure: one quantity printed twice
        f
        for f in slips
        if f.check is Check.REPEATED and f.provenance.endswith(f"{stated_line}, {closing_line}")
    ]
    assert len(equals) == 1
    relation = equals[0].relation.replace("\u00a0", " ")  # digit groups are joined by no-break spaces
    assert stated in relation and closing in relation
    assert equals[0].expected == pytest.approx(float(stated.replace(",", ".")))  # read as mkr, as printed


def test_a_pdf_draft_keeps_each_rows_page(tmp_path: Path) -> None:
    path = write_pdf(
        tmp_path / "budget.pdf",
        [
            ["Region Kronoberg", "Halso- och sjukvardsnamnden", "Namndbudget 2026", "Ramen ar 6 020,9 mkr."],
            [
                "Investeringar (tkr)",
                ("Investering", "Budget 2026"),
                ("Utrustning", "42 500"),
                ("Summa", "42 500"),
            ],
        ],
    )
    draft_of(path, tmp_path / "draft", Options(committee="HSN"))
    with (tmp_path / "draft" / PAGES_FILE).open(encoding="utf-8") as stream:
        page_of = {int(r["line"]): int(r["page"]) for r in csv.DictReader(stream)}
    with (tmp_path / "draft" / REVIEW_FILE).open(encoding="utf-8") as stream:
        review = list(csv.DictReader(stream))
    assert {(r["value_text"], r["page"]) for r in review} == {("6 020,9", "1"), ("42 500", "2")}
    assert all(page_of[int(r["line"])] == int(r["page"]) for r in review)
    assert check_provenance(budgetlib.load(tmp_path / "draft")).empty


def test_nothing_is_left_behind_when_the_check_fails(tmp_path: Path) -> None:
    path, options = seed("000")
    files = format2_files(draft_document(path, options))

    def failing_check(folder: Path) -> None:
        assert (folder / "amounts.csv").is_file()  # written, but not yet published
        raise ExtractionError("kontrollen avbröts")

    with pytest.raises(ExtractionError):
        write_folder(files, tmp_path / "draft", failing_check)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_folder_is_never_overwritten(tmp_path: Path) -> None:
    path, options = seed("000")
    out = tmp_path / "draft"
    out.mkdir()
    (out / "amounts.csv").write_text("granskad\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="finns redan"):
        draft_of(path, out, options)
    assert (out / "amounts.csv").read_text(encoding="utf-8") == "granskad\n"


def test_assignments_in_a_status_table_are_drafted_as_keyed_by_hand(tmp_path: Path) -> None:
    path, options = seed("001")
    draft_of(path, tmp_path / "draft", options, "001")
    drafted = budgetlib.load(tmp_path / "draft")
    keyed = budgetlib.load(DATA_DIR).assignments
    keyed = keyed[keyed["doc_id"] == "001"]
    columns = ["assignment", "status", "status_text", "directed_to", "frequency", "end_date"]
    columns += ["status_line", "line", "line_end"]
    assert drafted.assignments[columns].reset_index(drop=True).equals(keyed[columns].reset_index(drop=True))
    # the amount an assignment names is linked to the same printed figure
    values = {
        dataset_name: dict(zip(frame["figure_id"], frame["value_text"], strict=True))
        for dataset_name, frame in (("drafted", drafted.figures), ("keyed", budgetlib.load(DATA_DIR).figures))
    }
    drafted_refs = [values["drafted"].get(ref, "") for ref in drafted.assignments["amount_ref"]]
    keyed_refs = [values["keyed"].get(ref, "") for ref in keyed["amount_ref"]]
    assert drafted_refs == keyed_refs == ["", "250", "", "", "", "15"]


def test_an_assignment_list_that_breaks_its_layout_is_listed_not_guessed(tmp_path: Path) -> None:
    from budgetlib.extract.assignments import find_assignments
    from budgetlib.extract.reading import read_document

    path = tmp_path / "uppdrag.txt"
    path.write_text(
        "Status Uppdrag Periodicitet Slutdatum\n\nPågående\n\nMinska hyrberoendet\n"
        "Riktas till alla nämnder\n\nTertial: aug, dec 2025-12-31\n\nOklart\n\nNågot annat\n",
        encoding="utf-8",
    )
    found = find_assignments(read_document(path), "x", ())
    assert [(a.text, a.status, a.end_date, a.line, a.line_end) for a in found.assignments] == [
        ("Minska hyrberoendet", "Pågående", "2025-12-31", 5, 8)
    ]
    assert [(u.line, u.text) for u in found.unplaced] == [(10, "Oklart")]


def test_a_folder_that_cannot_be_written_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(**_: object) -> str:
        raise PermissionError(13, "Åtkomst nekad")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    with pytest.raises(ExtractionError, match="kan inte skriva här"):
        write_folder({"amounts.csv": b""}, tmp_path / "draft", check_draft)
    assert list(tmp_path.iterdir()) == []


DRIFTREDOVISNING = """Hudiksvalls kommun
Kommunfullmäktige
Årsredovisning 2025

Driftredovisning 2025, mnkr
                           Intäkter  Kostnader     Netto    Budget  Avvikelse
Kommunstyrelsen                97,5     -303,7    -206,2    -210,3        4,1
Socialnämnden                 187,7   -1 219,8  -1 032,1  -1 026,3       -5,8
Folkhälsonämnden               10,0      -50,0     -40,0     -41,0        1,0
Summa nämnder                 295,2   -1 573,5  -1 278,3  -1 277,6       -0,7
"""


def test_a_driftredovisning_per_namnd_is_drafted_in_format_2(tmp_path: Path) -> None:
    """Organisation by SCB code, a committee per row, the document's own measures, both derived columns."""
    path = tmp_path / "drift.txt"
    path.write_text(DRIFTREDOVISNING, encoding="utf-8")
    draft = draft_document(path, Options())
    check = write_folder(format2_files(draft), tmp_path / "draft", check_draft)
    assert (tmp_path / "draft" / "FORMAT").read_text(encoding="utf-8") == "2\n"
    dataset = budgetlib.load(tmp_path / "draft")
    assert dataset.format_version == 2
    (document,) = dataset.documents.to_dict("records")
    assert (document["display_name"], document["org_kind"], document["namnd"]) == (
        "Hudiksvalls kommun",
        "kommun",
        "KF",
    )
    assert document["org_code"] == organisation_register().resolve("Hudiksvall").code
    # every derived column the headings announce, each checked on every row
    (derived,) = dataset.tables["derived"]
    assert derived == "Netto = Intäkter + Kostnader; Avvikelse = Netto - Budget"
    row_checks = [f for f in check.findings if f.check is Check.ROW_ARITHMETIC]
    assert len(row_checks) == 2 * 4 and not check.findings.failing
    # the measure each heading names, not a fallback
    figures = dataset.figures
    measures = dict(zip(figures["column"], figures["measure"], strict=True))
    assert measures == {
        "Intäkter": "intäkter",
        "Kostnader": "kostnader",
        "Netto": "nettokostnad",
        "Budget": "budget",
        "Avvikelse": "budgetavvikelse",
    }
    # a committee per row: register codes, a free name kept as written (and doubted), the total the document's
    namnd_of = dict(zip(figures["label"], figures["namnd"], strict=True))
    assert namnd_of == {
        "Kommunstyrelsen": "KS",
        "Socialnämnden": "SN",
        "Folkhälsonämnden": "Folkhälsonämnden",
        "Summa nämnder": "KF",
    }
    assert [d.record for d in draft.doubts if "Folkhälsonämnden" in d.message] == [draft.tables[0].table_id]
    assert set(dataset.select(namnd="Socialnämnden").figures["label"]) == {"Socialnämnden"}


def test_the_source_is_pinned_as_sha256sum_writes_it(tmp_path: Path) -> None:
    path, options = seed("000")
    draft_of(path, tmp_path / "draft", options)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    sums = (tmp_path / "draft" / "sources" / "SHA256SUMS").read_text(encoding="utf-8")
    assert sums == f"{digest}  {path.name}\n"
    (tmp_path / "draft" / "sources" / path.name).write_bytes(path.read_bytes() + b"\n")
    with pytest.raises(DataError, match=f"SHA256SUMS, rad 1.*källfilen '{path.name}' har ändrats"):
        budgetlib.load(tmp_path / "draft")


DISTRIBUTION = (
    "Fördelning av statsbidrag 2025\n\nStatsbidrag per region 2025\nRegion\tMkr\tKr/invånare\n"
    "Region Stockholm\t1 200\t480\nRegion Uppsala\t200\t500\nTotalt\t1 400\t140\n"
)
POPULATION = {"01": 2_500_000, "03": 400_000, "0000": 10_000_000}  # chosen so that the document adds up


def test_a_distribution_per_region_checks_kronor_per_inhabitant_row_by_row_never_summed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fordelning.txt"
    path.write_text(DISTRIBUTION, encoding="utf-8")
    draft = draft_document(path, Options("0000", "Regeringen", 2025))
    check = write_folder(format2_files(draft), tmp_path / "draft", check_draft)
    dataset = budgetlib.load(tmp_path / "draft")
    assert list(dataset.tables["derived"]) == ["Kr/invånare = Mkr / invånare 2024-12-31"]
    assert any("befolkningen 2024-12-31 (antagen" in d.message for d in draft.doubts)
    org_of = dict(zip(dataset.figures["label"], dataset.figures["org_code"], strict=True))
    assert org_of == {"Region Stockholm": "01", "Region Uppsala": "03", "Totalt": "0000"}
    (money_sum,) = [f for f in check.findings if f.check is Check.SUM]
    assert money_sum.subject.endswith("Mkr") and money_sum.status is Status.EXACT  # kr/inv is never summed
    per_inhabitant = [f for f in check.findings if f.check is Check.PER_INHABITANT]
    assert [f.status for f in per_inhabitant] == [Status.NOT_CHECKABLE] * 3  # the draft has no population
    rows = [f"Folkmängd,{code},2024-12-31,{people},test" for code, people in POPULATION.items()]
    (tmp_path / "draft" / "reference" / "population.csv").write_text(
        "area,org_code,date,population,source\n" + "\n".join(rows) + "\n", encoding="utf-8"
    )
    findings = reconcile(budgetlib.load(tmp_path / "draft"))
    checked = {f.subject.rsplit(" · ", 1)[1]: f for f in findings if f.check is Check.PER_INHABITANT}
    assert {row: f.status for row, f in checked.items()} == dict.fromkeys(
        ["region_stockholm", "region_uppsala", "totalt"], Status.EXACT
    )
    assert checked["region_uppsala"].actual == pytest.approx(200e6 / POPULATION["03"])
