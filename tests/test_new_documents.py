"""Six documents that format 1 could not express, keyed in format 2 (tests/documents/data).

Each test reads the cited lines of the document's text, parses the printed
numbers itself and derives what an auditor expects; it does not read the
keyed CSV files for its expectations. tests/documents/EXPECTED.md describes
the documents and their defects.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib import columns as c
from budgetlib.dataset import Dataset
from budgetlib.numbers import parse_number
from budgetlib.organisations import organisation_register
from budgetlib.provenance import check_provenance
from budgetlib.table_views import table_view

DOCUMENTS = Path(__file__).resolve().parent / "documents"
DATA = DOCUMENTS / "data"
SOURCES = DATA / "sources"
# a printed figure: sign, digit groups of three joined by a (no-break) space, decimals; or a lone dash
FIGURE = re.compile(r"(?<![\d,])[-−]?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?!\d)|(?<=\s)–(?=\s|$)")


@pytest.fixture(scope="module")
def keyed() -> Dataset:
    return budgetlib.load(DATA)


@pytest.fixture(scope="module")
def findings(keyed: Dataset) -> pd.DataFrame:
    """Every finding, with the line and column of its stated figure."""
    frame = budgetlib.reconcile(keyed).to_frame()
    by_id = keyed.figures.set_index(c.FIGURE_ID)
    stated = [ids.split(", ")[0] for ids in frame["figure_ids"]]
    return frame.assign(
        stated=stated,
        line=[int(by_id.loc[i, c.LINE]) if i in by_id.index else 0 for i in stated],
        column=[str(by_id.loc[i, c.COLUMN]) if i in by_id.index else "" for i in stated],
        source_file=[str(by_id.loc[i, c.SOURCE_FILE]) if i in by_id.index else "" for i in stated],
    )


def text_lines(name: str) -> list[str]:
    return (SOURCES / name).read_text(encoding="utf-8").splitlines()


def line(name: str, number: int) -> str:
    return text_lines(name)[number - 1]


def figures_on(text: str) -> list[float]:
    """Every printed figure on a line of a table after its label, in order (a lone dash is zero).

    The label ends where two spaces begin ("Grundskola F–6   322 742 …").
    """
    label, *rest = re.split(r"\s{2,}", text.strip(), maxsplit=1)
    figures = rest[0] if rest else (label if FIGURE.fullmatch(label) else "")
    return [parse_number(token.replace("\u00a0", " ")) for token in FIGURE.findall(f" {figures}")]


def stated_in_text(name: str, number: int, pattern: str) -> float:
    """The figure a pattern (with one group) finds on a line of running text."""
    found = re.search(pattern, line(name, number))
    assert found, (name, number, pattern)
    return parse_number(found[1])


def of_document(findings: pd.DataFrame, source: str) -> pd.DataFrame:
    return findings[findings["provenance"].str.contains(source, regex=False)]


def one(findings: pd.DataFrame, source: str, number: int, column: str, check: str) -> pd.Series:
    """The finding of ``check`` whose stated figure stands on this line, in this column."""
    chosen = findings[
        (findings["source_file"] == source)
        & (findings["line"] == number)
        & (findings["column"] == column)
        & (findings["check"] == check)
    ]
    assert len(chosen) == 1, (source, number, column, check, len(chosen))
    return chosen.iloc[0]


def hierarchy(name: str, first: int, last: int, indent: int) -> Iterator[tuple[int, list[int]]]:
    """Each parent line with its child lines, read from the indentation of a printed table."""
    stack: list[tuple[int, int]] = []  # (depth, line)
    children: dict[int, list[int]] = {}
    for number in range(first, last + 1):
        text = line(name, number)
        depth = (len(text) - len(text.lstrip())) // indent
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if stack:
            children.setdefault(stack[-1][1], []).append(number)
        stack.append((depth, number))
    yield from children.items()


def test_every_keyed_value_label_and_unit_stands_on_its_line(keyed: Dataset) -> None:
    assert check_provenance(keyed).empty, check_provenance(keyed).to_string()


def test_each_document_names_an_organisation_of_the_register(keyed: Dataset) -> None:
    register = organisation_register()
    headers = {
        "kommun_driftredovisning.txt": line("kommun_driftredovisning.txt", 1).split("  ")[0],
        "region_budget_nyhet.txt": line("region_budget_nyhet.txt", 1),
        "kommun_resultatbrygga.txt": line("kommun_resultatbrygga.txt", 1).split("  ")[0],
        "region_bokslutskommunike.txt": line("region_bokslutskommunike.txt", 1),
        "namnd_budget_tkr.txt": line("namnd_budget_tkr.txt", 1).split("  ")[0].capitalize(),
    }
    documents = keyed.documents.set_index(c.SOURCE_FILE)
    for source, printed in headers.items():
        assert documents.loc[source, c.ORG_CODE] == register.resolve(printed).code, source
    assert documents.loc["nationell_fordelning.txt", c.ORG_KIND] == "stat"
    driftredovisning = documents.loc["kommun_driftredovisning.txt"]
    assert driftredovisning[c.KOLADA_ID] == driftredovisning[c.ORG_CODE]


# ---------------------------------------------------------------------- 1. driftredovisning
DRIFT = "kommun_driftredovisning.txt"
DRIFT_COLUMNS = ["Intäkter", "Kostnader", "Netto", "Budget", "Avvikelse"]


def drift_checks() -> Iterator[tuple[int, str, str, float, float]]:
    """(line, column, check, computed, printed) for every check table 14 claims, from its text."""
    rows = {n: figures_on(line(DRIFT, n)) for n in range(23, 41)}
    for number, (income, costs, net, budget, deviation) in rows.items():
        yield number, "Netto", "row_arithmetic", income + costs, net
        yield number, "Avvikelse", "row_arithmetic", net - budget, deviation
    parents = dict(hierarchy(DRIFT, 23, 39, indent=2))
    parents[40] = [n for n in range(23, 40) if not line(DRIFT, n).startswith(" ")]
    for parent, children in parents.items():
        for index, column in enumerate(DRIFT_COLUMNS):
            yield parent, column, "sum", sum(rows[n][index] for n in children), rows[parent][index]


def test_driftredovisning_finds_the_one_mistyped_netto_three_times(findings: pd.DataFrame) -> None:
    checks = list(drift_checks())
    assert len(checks) == 56
    wrong = []
    for number, column, check, computed, printed in checks:
        finding = one(findings, DRIFT, number, column, check)
        assert finding["actual"] == pytest.approx(computed), (number, column)
        assert finding["expected"] == pytest.approx(printed), (number, column)
        if abs(computed - printed) > 1e-9:
            wrong.append((number, column, round(computed - printed, 6)))
            assert finding["status"] == "mismatch", (number, column)
        else:
            assert finding["status"] == "exact", (number, column)
    netto_36 = figures_on(line(DRIFT, 36))[2]
    assert {n for n, _, _ in wrong} == {36, 33}  # the row itself and its parent, Socialnämnden
    assert {abs(d) for _, _, d in wrong} == {10.0} and len(wrong) == 3
    true_netto = figures_on(line(DRIFT, 36))[0] + figures_on(line(DRIFT, 36))[1]
    assert true_netto - netto_36 == pytest.approx(-10.0)


def test_driftredovisning_text_restates_the_table(findings: pd.DataFrame) -> None:
    restated = of_document(findings, DRIFT)
    repeated = restated[restated["check"] == "repeated"]
    assert len(repeated) >= 20 and set(repeated["status"]) == {"exact"}
    deficit = stated_in_text(DRIFT, 69, r"^(\d+,\d) mnkr")  # "negativ avvikelse på / 8,2 mnkr"
    row_36 = figures_on(line(DRIFT, 36))
    assert -deficit == pytest.approx(row_36[0] + row_36[1] - row_36[3])  # right for the true netto
    share = one(findings, DRIFT, 15, "", "percent")
    total = figures_on(line(DRIFT, 40))
    assert share["actual"] == pytest.approx(100 * total[4] / total[3])
    assert share["status"] == "rounding"


def test_a_nämnd_of_the_driftredovisning_is_selected_with_its_rows(keyed: Dataset) -> None:
    sn = keyed.select(namnd="SN")
    assert list(sn.documents[c.SOURCE_FILE]) == [DRIFT]
    table_lines = sorted(sn.figures.loc[sn.figures[c.SOURCE] == "tabell", c.LINE].unique())
    assert table_lines == [33, 34, 35, 36]
    assert set(keyed.select(namnd="KF").figures[c.LINE]) >= {40}


# ---------------------------------------------------------------------- 2. news item
NEWS = "region_budget_nyhet.txt"


def test_news_item_states_its_total_twice_with_different_figures(findings: pd.DataFrame) -> None:
    first = stated_in_text(NEWS, 7, r"omsluter (\d+,\d) miljarder")
    second = stated_in_text(NEWS, 58, r"(\d+,\d) miljarder kronor")
    finding = one(findings, NEWS, 58, "", "repeated")
    assert finding["status"] == "mismatch"
    assert finding["difference"] == pytest.approx((first - second) * 1000)  # mdkr → mkr
    assert finding["message"].startswith("Samma uppgift anges två gånger med olika belopp")
    failing = of_document(findings, NEWS)
    assert list(failing.loc[failing["status"].isin(["mismatch", "unit_slip"]), "line"]) == [58]


@pytest.mark.parametrize(
    ("percent_line", "percent_pattern", "amounts"),
    [
        (
            21,
            r"ökning med (\d+,\d) procent",
            [(20, r"ram på ([\d ]+) miljoner"), (21, r"Det är (\d+) miljoner")],
        ),
        (30, r"drygt (\d+) procent", [(29, r"till ([\d ]+)$"), (29, r"ökar med (\d+) miljoner")]),
        (
            36,
            r"minskning med (\d+,\d) procent",
            [(35, r"får (\d+) miljoner"), (35, r"vilket är (\d+) miljoner")],
        ),
    ],
)
def test_percentage_changes_are_checked_against_a_derived_base(
    findings: pd.DataFrame, percent_line: int, percent_pattern: str, amounts: list[tuple[int, str]]
) -> None:
    new, change = (stated_in_text(NEWS, n, pattern) for n, pattern in amounts)
    printed = stated_in_text(NEWS, percent_line, percent_pattern)
    decreasing = "minskning" in line(NEWS, percent_line)
    change = -change if decreasing else change
    base = new - change  # the base the document does not print
    finding = one(findings, NEWS, percent_line, "", "percent")
    assert finding["actual"] == pytest.approx(100 * change / base)
    if "drygt" in percent_pattern:  # "drygt 3 procent": a little over 3
        assert finding["actual"] > printed
    assert finding["status"] in ("exact", "rounding")


def test_the_remainder_the_news_item_names_is_explained(findings: pd.DataFrame) -> None:
    increase = stated_in_text(NEWS, 21, r"Det är (\d+) miljoner")
    named = [stated_in_text(NEWS, 23, r"(\d+) miljoner"), stated_in_text(NEWS, 24, r"(\d+) miljoner")]
    rest = stated_in_text(NEWS, 25, r"Resten, (\d+) miljoner")
    finding = one(findings, NEWS, 21, "", "residual")
    assert (finding["status"], finding["actual"]) == ("explained", sum(named) + rest)
    assert increase == sum(named) + rest


# ---------------------------------------------------------------------- 3. balanskravsutredning
BRIDGE = "kommun_resultatbrygga.txt"
YEARS = ["2025", "2024", "2023"]


def test_result_bridges_with_negative_figures_hold_at_every_step(findings: pd.DataFrame) -> None:
    results = {17: [14, 15, 16], 20: [17, 18, 19]}
    for result, steps in results.items():
        finding = one(findings, BRIDGE, result, "2025", "bridge")
        assert finding["actual"] == pytest.approx(sum(figures_on(line(BRIDGE, n))[0] for n in steps))
        assert finding["status"] == "exact"
    table_6 = {n: figures_on(line(BRIDGE, n)) for n in range(44, 61) if figures_on(line(BRIDGE, n))}
    checkpoints = [53, 58, 60]  # "= resultat efter …", "= årets balanskravsresultat", "= … att återställa"
    for index, year in enumerate(YEARS):
        running = None
        for number, values in table_6.items():
            if number in checkpoints:
                finding = one(findings, BRIDGE, number, year, "bridge")
                assert finding["actual"] * 1000 == pytest.approx(running)  # tkr in the text, mkr in findings
                assert (finding["status"], finding["expected"] * 1000) == (
                    "exact",
                    pytest.approx(values[index]),
                )
                running = values[index]
            else:
                running = values[index] if running is None else running + values[index]
    table_7 = [figures_on(line(BRIDGE, n)) for n in range(68, 72)]
    for index, year in enumerate(YEARS):
        finding = one(findings, BRIDGE, 71, year, "bridge")
        assert finding["actual"] * 1000 == pytest.approx(sum(row[index] for row in table_7[:3]))
    bridges = of_document(findings, BRIDGE)
    assert len(bridges[bridges["check"] == "bridge"]) == 2 + 3 * len(checkpoints) + 3
    assert set(bridges["status"]) <= {"exact", "rounding"}


def test_one_quantity_in_mnkr_and_tkr_agrees_within_rounding(findings: pd.DataFrame) -> None:
    in_mnkr = stated_in_text(BRIDGE, 7, r"blev ([−-][\d,]+) mnkr")
    in_tkr = figures_on(line(BRIDGE, 44))[0]
    finding = one(findings, BRIDGE, 7, "", "repeated")
    assert finding["difference"] == pytest.approx(in_tkr / 1000 - in_mnkr)
    assert finding["status"] == "rounding"


# ---------------------------------------------------------------------- 4. revised result
PRELIMINARY, FINAL = "region_bokslutskommunike.txt", "region_arsredovisning.txt"


def test_a_declared_revision_reports_its_size_without_failing(findings: pd.DataFrame) -> None:
    before = stated_in_text(PRELIMINARY, 10, r"preliminärt ([−-]\d+) miljoner")
    after = stated_in_text(FINAL, 7, r"blev ([−-]\d+) miljoner")
    adjustment = stated_in_text(FINAL, 13, r"^([−-]\d+) miljoner")  # "Justeringen, / −25 miljoner"
    finding = one(findings, FINAL, 7, "", "revision")
    assert finding["status"] == "revised"
    assert (finding["expected"], finding["actual"], finding["difference"]) == (before, after, after - before)
    assert after - before == adjustment
    steps = [figures_on(line(FINAL, n))[-1] for n in (18, 19)]
    bridge = one(findings, FINAL, 20, "mkr", "cross_document")  # table 3 starts in the other document
    assert bridge["actual"] == before + sum(steps) and bridge["status"] == "exact"


def test_an_undeclared_disagreement_between_the_documents_is_a_mismatch(findings: pd.DataFrame) -> None:
    preliminary = -stated_in_text(
        PRELIMINARY, 42, r"^på (\d+) miljoner"
    )  # "negativ budgetavvikelse / på 198"
    final = figures_on(line(FINAL, 51))[0]
    finding = one(findings, FINAL, 51, "mkr", "cross_document")
    assert finding["status"] == "mismatch"
    assert finding["difference"] == preliminary - final
    pair = findings[findings["doc_ids"].str.contains("gbk") | findings["doc_ids"].str.contains("gar")]
    failing = pair[pair["status"].isin(["mismatch", "unit_slip"])]
    assert list(failing["stated"]) == [finding["stated"]]
    assert set(pair["status"]) <= {"exact", "rounding", "revised", "mismatch"}


def test_the_committee_table_of_the_annual_report_adds_up(findings: pd.DataFrame, keyed: Dataset) -> None:
    parts = [figures_on(line(FINAL, n))[0] for n in range(50, 58)]
    finding = one(findings, FINAL, 58, "mkr", "sum")
    assert (finding["status"], finding["actual"]) == ("exact", sum(parts))
    free = {"Kultur- och kompetensnämnden", "Hållbarhetsnämnden"}
    assert free <= keyed.namnder()


# ---------------------------------------------------------------------- 5. national distribution
DISTRIBUTION = "nationell_fordelning.txt"


def populations() -> list[int]:
    """Folkmängd per region in län order, then riket, from the table in EXPECTED.md."""
    block = (DOCUMENTS / "EXPECTED.md").read_text(encoding="utf-8").split("```csv\n", 1)[1].split("```")[0]
    return [int(row["population"]) for row in csv.DictReader(io.StringIO(block))]


def test_kronor_per_invanare_follows_from_each_regions_own_population(findings: pd.DataFrame) -> None:
    people = populations()
    wrong = []
    for number, population in zip([*range(52, 73), 74], people, strict=True):
        first, extra, total, per_inhabitant = figures_on(line(DISTRIBUTION, number))
        assert one(findings, DISTRIBUTION, number, "Totalt", "row_arithmetic")["status"] == "exact"
        assert total == pytest.approx(first + extra)
        finding = one(findings, DISTRIBUTION, number, "Kronor per invånare", "per_inhabitant")
        computed = total * 1e6 / population
        assert finding["actual"] == pytest.approx(computed)
        if round(computed) != per_inhabitant:
            wrong.append(number)
            assert finding["status"] == "mismatch"
        else:
            assert finding["status"] in ("exact", "rounding")
    failing = of_document(findings, DISTRIBUTION)
    assert wrong == [57]
    assert list(failing.loc[failing["status"] == "mismatch", "line"]) == wrong


def test_the_distribution_columns_sum_to_the_printed_total(findings: pd.DataFrame) -> None:
    rows = [figures_on(line(DISTRIBUTION, n)) for n in range(52, 73)]
    total = figures_on(line(DISTRIBUTION, 74))
    for index, column in enumerate(["Befolkningsdel", "Tillägg", "Totalt"]):
        finding = one(findings, DISTRIBUTION, 74, column, "sum")
        assert finding["actual"] == pytest.approx(sum(row[index] for row in rows))
        assert (finding["status"], finding["expected"]) == ("exact", total[index])
    assert "t_sos_fordelning · Kronor per invånare" not in set(findings["subject"])  # a ratio is not summed


# ---------------------------------------------------------------------- 6. nämnd budget in tkr
TKR = "namnd_budget_tkr.txt"
TKR_COLUMNS = ["Budget 2025", "Förändring", "Budget 2026", "Varav lönekostnader"]


def test_detailed_budget_in_tkr_has_one_rounding_difference_only(findings: pd.DataFrame) -> None:
    rows = {n: figures_on(line(TKR, n)) for n in range(53, 75)}
    parents = dict(hierarchy(TKR, 53, 73, indent=2))
    parents[74] = [n for n in range(53, 74) if not line(TKR, n).startswith(" ")]
    differences = {}
    for parent, children in parents.items():
        for index, column in enumerate(TKR_COLUMNS):
            computed = sum(rows[n][index] for n in children)
            finding = one(findings, TKR, parent, column, "sum")
            assert finding["actual"] * 1000 == pytest.approx(computed), (parent, column)
            if computed != rows[parent][index]:
                differences[(parent, column)] = computed - rows[parent][index]
                assert finding["status"] == "rounding"
                assert finding["message"] == "Skillnaden 1 tkr ryms i avrundningen (±2 tkr)."
            else:
                assert finding["status"] == "exact"
    assert differences == {(66, "Varav lönekostnader"): -1}
    assert len(parents) * len(TKR_COLUMNS) == 24


def test_each_row_of_the_detailed_budget_stands_at_its_printed_depth(keyed: Dataset) -> None:
    view = table_view(keyed, "t_pit_detalj")
    printed = {}
    for row in view.rows:
        (number,) = {cell.line for cell in row.cells.values()}
        text = line(TKR, number)
        printed[row.row_id] = (len(text) - len(text.lstrip())) // 2
    assert {row.row_id: row.depth for row in view.rows} == printed
    assert printed["sko_norr"] == 2  # "    Skolområde Norr", under "  Grundskola F–6", under "Grundskola"


def test_every_row_of_the_detailed_budget_derives_its_columns(findings: pd.DataFrame) -> None:
    for number in range(53, 75):
        values = figures_on(line(TKR, number))
        budget_2025, change, budget_2026 = values[:3]
        assert one(findings, TKR, number, "Budget 2026", "row_arithmetic")["status"] == "exact"
        assert budget_2026 == budget_2025 + change
        if budget_2025 == 0:  # a new activity: no percentage printed, none checked
            assert line(TKR, number).rstrip().endswith("–")
            continue
        finding = one(findings, TKR, number, "Förändring %", "row_arithmetic")
        assert finding["actual"] == pytest.approx(100 * change / budget_2025)
        assert round(finding["actual"], 1) == values[4] and finding["status"] in ("exact", "rounding")
    failing = of_document(findings, TKR)
    assert failing["status"].isin(["exact", "rounding"]).all()


def test_the_frame_bridge_in_tkr_holds(findings: pd.DataFrame) -> None:
    steps = [figures_on(line(TKR, n))[-1] for n in range(25, 31)]
    finding = one(findings, TKR, 30, "tkr", "bridge")
    assert finding["actual"] * 1000 == pytest.approx(sum(steps[:-1]))
    assert (finding["status"], finding["expected"] * 1000) == ("exact", pytest.approx(steps[-1]))
