"""Loading the shipped data: typed frames, lookups, and key figures per document."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.goals import goal_tree
from budgetlib.locations import DATA_DIR_ENV

SOURCES = Path(__file__).resolve().parents[1] / "data" / "sources"


def value(dataset: Dataset, figure_id: str) -> float:
    row = dataset.figures.loc[dataset.figures[c.FIGURE_ID] == figure_id, c.VALUE]
    assert len(row) == 1, figure_id
    return float(row.iloc[0])


def source_line(name: str, line: int) -> str:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()[line - 1]


def test_sources_are_kept_unchanged() -> None:
    """SHA256SUMS pins every source text, and each still has its pinned hash."""
    import hashlib

    entries = (line.split("  ", 1) for line in (SOURCES / "SHA256SUMS").read_text().splitlines())
    pinned = {name: digest for digest, name in entries}
    texts = {path.name for path in SOURCES.iterdir()} - {"SHA256SUMS"}
    assert sorted(pinned) == sorted(texts) and len(texts) == 5
    for name, digest in pinned.items():
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name


def test_register_holds_the_five_documents(dataset: Dataset) -> None:
    docs = dataset.documents.set_index(c.DOC_ID)
    assert list(docs.index) == ["000", "001", "002", "003", "004"]
    assert docs.loc["002", c.DIARIENUMMER] == "HSN/1798/2023"
    assert docs.loc["002", c.DATE] == pd.Timestamp("2023-11-22")
    assert docs[c.DATE].isna()["003"]
    assert docs.loc["003", c.REGION] == "Region Värmland"
    assert docs[c.BUDGET_YEAR].dtype == "int64"


def test_frame_columns_are_typed(dataset: Dataset) -> None:
    figures = dataset.figures
    assert figures[c.VALUE].dtype == "float64"
    assert figures[c.LINE].dtype == "int64"
    assert set(figures[c.UNIT]) == {"mkr", "%"}
    assert figures[c.FIGURE_ID].is_unique
    assert {c.SOURCE_FILE, c.LINE} <= set(dataset.indicators.columns) & set(dataset.assignments.columns)


def test_supplement_list_of_000(dataset: Dataset) -> None:
    # 000, lines 19–29: nine items and "Summa: 190 mkr"
    rows = dataset.figures[dataset.figures[c.TABLE_ID] == "t000_tillskott"]
    parts = rows[rows[c.ROLE] == "part"]
    assert len(parts) == 9
    assert value(dataset, "t000_tillskott:summa") == 190.0
    assert value(dataset, "t000_tillskott:nya_metoder_nhv") == 50.0
    assert "50 mkr" in source_line("000_a9a73f1fbb1b2d92.txt", 25)


def test_appropriations_of_001_in_mkr(dataset: Dataset) -> None:
    budgets = dataset.figures[
        (dataset.figures[c.TABLE_ID] == "t001_anslag") & (dataset.figures[c.COLUMN_ID] == "budget")
    ]
    expected = pd.Series([1466.5, 148.7, 1065.2, 1262.8, 3943.2], name=c.VALUE)
    pdt.assert_series_equal(budgets[c.VALUE].reset_index(drop=True), expected)
    # "Budgeten har reducerats med 21,3 miljoner kronor": words give the sign
    assert value(dataset, "t001_anslag:tandvard:reducering") == -21.3


def test_forecast_deviation_of_001_is_negative_when_over_budget(dataset: Dataset) -> None:
    assert value(dataset, "t001_prognos:totalt") == -104.0
    assert value(dataset, "t001_prognos:regionforvaltningen") == -47.0
    assert value(dataset, "t001_prognos:primarvard") == 30.0


def test_net_frame_of_002(dataset: Dataset) -> None:
    assert value(dataset, "s002_ram") == pytest.approx(3356.1)


def test_bridge_and_areas_of_003(dataset: Dataset) -> None:
    assert value(dataset, "t003_bridge:ram2024") == 8428.0
    assert value(dataset, "t003_bridge:sociala_avgifter") == -324.0
    assert value(dataset, "t003_omraden:medicinska_spec:f2025") == 2019.0
    # "9,1 mnkr" is kept as printed; its base value is 9,1 mkr (the slip is for the checks to find)
    stated = dataset.figures.set_index(c.FIGURE_ID).loc["s003_ram"]
    assert (stated[c.VALUE_TEXT], stated[c.UNIT_TEXT], stated[c.VALUE]) == ("9,1", "mnkr", pytest.approx(9.1))
    assert value(dataset, "s003_fysio_ersattning") == pytest.approx(0.885)


def test_personnel_cost_reduction_of_004(dataset: Dataset) -> None:
    assert value(dataset, "s004_personalkostnad") == 213.0
    assert "213 miljoner kronor" in source_line("004_3edf439f794cb21d.txt", 20)


def test_indicators_keep_missing_answers_missing(dataset: Dataset) -> None:
    indicators = dataset.indicators.set_index(c.INDICATOR_ID)
    assert len(indicators) == 29
    missing = indicators[indicators[c.OUTCOME_TEXT] == "Svar saknas"]
    assert len(missing) == 8 and missing[c.OUTCOME].isna().all()
    assert indicators.loc[indicators[c.OUTCOME_TEXT] == "", c.OUTCOME].isna().all()
    assert list(indicators.loc[indicators[c.OUTCOME] == 0, c.OUTCOME_TEXT]) == ["0"]
    digital = indicators[indicators[c.INDICATOR] == "Antal interna och externa digitala möten"].iloc[0]
    assert (digital[c.OUTCOME], digital[c.TARGET]) == (204801.0, 150000.0)
    share = indicators[indicators[c.INDICATOR] == "Andel chefer som har mellan 15 till 35 anställda"].iloc[0]
    assert (share[c.OUTCOME], share[c.TARGET], share[c.UNIT]) == (41.0, 60.0, "%")


def test_assignments_of_001_and_004(dataset: Dataset) -> None:
    status = dataset.assignments.groupby([c.DOC_ID, c.STATUS]).size().to_dict()
    assert status == {("001", "Ej påbörjad"): 5, ("001", "Pågående"): 1, ("004", "Pågående"): 7}
    first = dataset.assignments.iloc[0]
    assert first[c.END_DATE] == pd.Timestamp("2024-12-31")


def test_decision_record_of_002(dataset: Dataset) -> None:
    vote = dataset.votes.iloc[0]
    assert (vote[c.JA], vote[c.NEJ], vote[c.AVSTAR]) == (7, 5, 1)
    assert len(dataset.voters) == vote[c.JA] + vote[c.NEJ] + vote[c.AVSTAR]
    assert dataset.voters[c.VOTE].eq("").all(), "the voting marks are lost in the source text"
    reservations = dataset.positions[dataset.positions[c.POSITION] == "reservation"]
    assert reservations[c.PARTY].value_counts().to_dict() == {"M": 3, "C": 2}
    assert list(dataset.motions[c.MEMBER]) == ["Jennie Klaesson", "Elin Hoffner", "Magnus Rönnerfjäll"]


def test_select_by_region_namnd_and_year(dataset: Dataset) -> None:
    vasterbotten_hsn = dataset.select(region="Region Västerbotten", namnd="HSN", year=2025)
    assert sorted(vasterbotten_hsn.documents[c.DOC_ID]) == ["000", "004"]
    assert set(vasterbotten_hsn.figures[c.DOC_ID]) == {"000", "004"}
    assert vasterbotten_hsn.voters.empty
    assert set(dataset.select(year=2024).voters[c.DOC_ID]) == {"002"}


@pytest.mark.parametrize(
    ("selection", "message"),
    [
        ({"region": "Region Skåne"}, "okänt värde för region: 'Region Skåne'"),
        ({"namnd": "KN"}, "okänt värde för namnd: 'KN'"),
        ({"year": 1999}, "okänt värde för budget_year: 1999"),
    ],
)
def test_unknown_selection_is_a_clear_error(
    dataset: Dataset, selection: dict[str, object], message: str
) -> None:
    with pytest.raises(budgetlib.SelectionError, match=message):
        dataset.select(**selection)  # type: ignore[arg-type]


def test_data_directory_from_environment(data_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(data_copy))
    assert budgetlib.load().data_dir == data_copy


def readme_example(heading: str, folder: Path) -> Path:
    """Write the files of a worked example of data/README.md (its fenced blocks) into ``folder``."""
    readme = (SOURCES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n## {heading}\n", 1)[1].split("\n## ", 1)[0]
    for name, body in re.findall(r"```(?:text|csv) (\S+)\n(.*?)```", section, flags=re.S):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    sources = folder / "sources"
    pins = "".join(
        f"{hashlib.sha256(text.read_bytes()).hexdigest()}  {text.name}\n"
        for text in sorted(sources.glob("*.txt"))
    )
    (sources / "SHA256SUMS").write_text(pins, encoding="utf-8")  # the README's pinning step
    return folder


def test_worked_example_of_a_kommun_loads_adds_up_and_stands_on_its_lines(tmp_path: Path) -> None:
    from budgetlib.provenance import check_provenance

    example = budgetlib.load(readme_example("Worked example: a kommun's budget", tmp_path / "umea"))
    assert check_provenance(example).empty
    held = example.combinations()[["region", "namnd", "budget_year"]].values.tolist()
    assert held == [["Umeå", "BUN", 2026], ["Umeå", "KF", 2026]]  # the table's nämnd and the document's
    findings = budgetlib.reconcile(example).to_frame().set_index("subject")
    assert findings.loc["t_bun_ram", "status"] == "exact"
    assert findings.loc["r_okning", "actual"] == pytest.approx(100 * (1977.3 - 1931.0) / 1931.0)
    assert findings.loc["r_okning", "status"] == "rounding"
    (goal,) = goal_tree(example)  # KF's goal, its indicator on one line with its values, no delmål
    ((name, outcome, target),) = [(i.indicator, i.outcome_text, i.target_text) for i in goal.indicators]
    printed = (example.data_dir / "sources" / "umea_2026.txt").read_text(encoding="utf-8").splitlines()[11]
    assert printed.split() == [*f"{name}, %".split(), outcome, target] and goal.subgoals == ()


def test_worked_example_of_a_multi_namnd_table(tmp_path: Path) -> None:
    from budgetlib.provenance import check_provenance

    example = budgetlib.load(
        readme_example("Worked example: a table with several nämnder", tmp_path / "drift")
    )
    assert check_provenance(example).empty
    findings = budgetlib.reconcile(example).to_frame()
    assert findings["check"].value_counts().to_dict() == {"row_arithmetic": 10, "sum": 10}
    assert set(findings["status"]) == {"exact"}
    assert sorted(example.combinations()["namnd"]) == ["KF", "KS", "SN"]
    assert sorted(example.select(namnd="SN").figures["line"].unique()) == [4, 5, 6]


def test_sources_through_links_inside_the_folder_load_as_the_files_themselves(
    dataset: Dataset, data_copy: Path
) -> None:
    """A linked sources/ or source file is followed (and checked to stay inside); the data is the same."""
    sources = data_copy / "sources"
    sources.rename(data_copy / "texts")
    sources.symlink_to("texts")
    pdt.assert_frame_equal(budgetlib.load(data_copy).figures, dataset.figures)
    sources.unlink()
    (data_copy / "texts").rename(sources)
    first = sorted(sources.glob("*.txt"))[0]
    first.rename(data_copy / "kept.txt")
    first.symlink_to("../kept.txt")
    pdt.assert_frame_equal(budgetlib.load(data_copy).documents, dataset.documents)
