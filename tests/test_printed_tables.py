"""Tables as printed: several derived columns, ratio columns, bridges per column with subtotals, dashes."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import budgetlib
from budgetlib.numbers import parse_number
from tests.folders import make_folder

SOURCE = "\n".join(f"rad {n}" for n in range(1, 21)) + "\n"


def findings(folder: Path) -> pd.DataFrame:
    return budgetlib.reconcile(budgetlib.load(folder)).to_frame().set_index("subject")


def cells(table: str, rows: dict[str, tuple[str, str, list[str]]], columns: list[str]) -> str:
    """Amount rows: row_id → (role, parent, printed values per column), on line 2; mkr, or % in Andel."""
    return "".join(
        f'{table},{row_id},{row_id.upper()},{role},{parent},k{i},{column},2025,utfall,budget,"{value}",1,'
        f"{'%' if column == 'Andel' else 'mkr'},2,2\n"
        for row_id, (role, parent, values) in rows.items()
        for i, (column, value) in enumerate(zip(columns, values, strict=True))
    )


DRIFT_COLUMNS = ["Intäkter", "Kostnader", "Netto", "Budget", "Avvikelse", "Andel"]
DRIFT_DERIVED = "Netto = Intäkter + Kostnader; Avvikelse = Netto - Budget; Andel = 100 · Netto / Budget"
DRIFT_ROWS = {
    "a": ("part", "", ["10,0", "-30,0", "-20,0", "-25,0", "5,0", "80,0"]),
    "b": ("part", "", ["5,0", "-15,0", "-10,0", "-10,0", "0,0", "100,0"]),
    "summa": ("total", "", ["15,0", "-45,0", "-30,0", "-35,0", "5,0", "85,7"]),
}


@pytest.fixture
def drift(tmp_path: Path) -> Path:
    files = {
        "tables.csv": f't_drift,d1,Drift,sum,"{DRIFT_DERIVED}",1,3\n',
        "amounts.csv": cells("t_drift", DRIFT_ROWS, DRIFT_COLUMNS),
    }
    return make_folder(tmp_path / "drift", SOURCE, files)


def test_every_derived_column_is_checked_on_every_row(drift: Path) -> None:
    found = findings(drift)
    derived = found[found["check"] == "row_arithmetic"]
    assert len(derived) == 3 * len(DRIFT_ROWS)
    assert set(derived["status"]) <= {"exact", "rounding"}
    share = found.loc["t_drift · Andel · summa"]
    netto, budget = (parse_number(DRIFT_ROWS["summa"][2][i]) for i in (2, 3))
    assert share["actual"] == pytest.approx(100 * netto / budget)
    assert share["status"] == "rounding"  # 85,714… printed 85,7


def test_a_ratio_column_is_not_summed(drift: Path) -> None:
    found = findings(drift)
    assert "t_drift · Andel" not in found.index
    assert found.loc["t_drift · Netto", "status"] == "exact"


def test_a_wrong_netto_fails_every_check_it_is_in(drift: Path) -> None:
    amounts = drift / "amounts.csv"
    amounts.write_text(amounts.read_text(encoding="utf-8").replace('"-20,0"', '"-21,0"'), encoding="utf-8")
    found = findings(drift)
    failing = found[found["status"] == "mismatch"]
    in_mkr = ["t_drift · Avvikelse · a", "t_drift · Netto", "t_drift · Netto · a"]
    assert sorted(failing.index) == sorted([*in_mkr, "t_drift · Andel · a"])
    assert set(failing.loc[in_mkr, "difference"].abs().round(6)) == {1.0}
    assert failing.loc["t_drift · Andel · a", "actual"] == pytest.approx(100 * 21 / 25)


BRIDGE = {  # opening, steps and results of a balanskravsutredning per year, tkr
    "resultat": ("opening", ["-38 614", "12 418"]),
    "realisation": ("component", ["-4 213", "-1 806"]),
    "orealiserat": ("component", ["3 127", "-2 312"]),
    "justerat": ("subtotal", ["-39 700", "8 300"]),
    "rur": ("component", ["25 000", "-8 300"]),
    "balanskrav": ("closing", ["-14 700", "0"]),
}


def bridge_folder(root: Path, bridge: dict[str, tuple[str, list[str]]]) -> Path:
    amounts = "".join(
        f't_bk,{row_id},{row_id},{role},,y{year},{year},{year},utfall,balanskravsresultat,"{value}",1,tkr,2,2\n'
        for row_id, (role, values) in bridge.items()
        for year, value in zip((2025, 2024), values, strict=True)
    )
    tables = "t_bk,d1,Balanskravsutredning,bridge,,1,3\n"
    return make_folder(root, SOURCE, {"tables.csv": tables, "amounts.csv": amounts})


def test_a_bridge_is_checked_per_column_at_every_subtotal(tmp_path: Path) -> None:
    found = findings(bridge_folder(tmp_path / "bk", BRIDGE))
    bridges = found[found["check"] == "bridge"]
    assert sorted(bridges.index) == [
        "t_bk · 2024",
        "t_bk · 2024 · justerat",
        "t_bk · 2025",
        "t_bk · 2025 · justerat",
    ]
    assert set(bridges["status"]) == {"exact"}
    steps_2025 = [parse_number(BRIDGE[r][1][0]) / 1000 for r in ("resultat", "realisation", "orealiserat")]
    assert found.loc["t_bk · 2025 · justerat", "actual"] == pytest.approx(sum(steps_2025))
    assert found.loc["t_bk · 2025", "relation"] == "−39\u00a0700 + 25\u00a0000 = −14\u00a0700"


def test_a_wrong_bridge_result_is_a_mismatch(tmp_path: Path) -> None:
    broken = BRIDGE | {"balanskrav": ("closing", ["-14 600", "0"])}
    found = findings(bridge_folder(tmp_path / "bk", broken))
    assert found.loc["t_bk · 2025", "status"] == "mismatch"
    assert found.loc["t_bk · 2025", "difference"] == pytest.approx(-0.1)  # 100 tkr, in mkr


def test_a_bridge_column_needs_its_opening_and_closing(tmp_path: Path) -> None:
    folder = bridge_folder(tmp_path / "bk", {k: v for k, v in BRIDGE.items() if k != "resultat"})
    with pytest.raises(
        budgetlib.DataError, match="i kolumnen '2025' först en rad opening och sist en rad closing"
    ):
        budgetlib.load(folder)


def test_a_dash_is_exactly_zero(tmp_path: Path) -> None:
    rows = {
        "a": ("part", "", ["12,5"]),
        "b": ("part", "", ["–"]),
        "summa": ("total", "", ["12,5"]),
    }
    files = {"tables.csv": "t,d1,Tillägg,sum,,1,3\n", "amounts.csv": cells("t", rows, ["Tillägg"])}
    dataset = budgetlib.load(make_folder(tmp_path / "dash", SOURCE, files))
    dash = dataset.figures.set_index("figure_id").loc["t:b:k0"]
    assert (dash["value"], dash["step"]) == (0.0, 0.0)
    assert findings(dataset.data_dir).loc["t · Tillägg", "tolerance"] == pytest.approx(0.05 + 0.05)


def test_a_column_mixing_units_is_rejected(tmp_path: Path) -> None:
    rows = {"a": ("part", "", ["1,0"]), "summa": ("total", "", ["1,0"])}
    amounts = cells("t", rows, ["Belopp"]).replace('budget,"1,0",1,mkr', 'budget,"1,0",1,%', 1)
    files = {"tables.csv": "t,d1,Blandat,sum,,1,3\n", "amounts.csv": amounts}
    with pytest.raises(budgetlib.DataError, match="kolumnen 'Belopp' blandar enheterna %, mkr"):
        budgetlib.load(make_folder(tmp_path / "mixed", SOURCE, files))
