"""Frames for people: Swedish headers, labels and formatted numbers.

Library results stay numeric; these functions only shape them into frames
that a terminal, a spreadsheet (``budgetlib export``) or a report table shows.
How a frame is drawn is :mod:`budgetlib.table`; how one amount is written is
:mod:`budgetlib.amount_text`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from budgetlib import columns as c
from budgetlib.amount_text import money, signed_money, signed_percent
from budgetlib.findings import CHECK_LABELS, DECLARED_STATUSES, STATUS_LABELS, Check, Findings, Status
from budgetlib.numbers import format_compact, format_number, format_percent
from budgetlib.vocabulary import UNCATEGORISED

SUMMARY_HEADERS = {"region": "Region", "namnd": "Nämnd", "budget_year": "År", "documents": "Dokument"}


def summary_for_people(summary: pd.DataFrame) -> pd.DataFrame:
    """``Dataset.summary()`` with Swedish headers."""
    return summary.rename(columns=SUMMARY_HEADERS | {k: k.capitalize() for k in summary.columns[4:]})


def figures_for_people(figures: pd.DataFrame) -> pd.DataFrame:
    """Figures as printed, in mkr, and where they stand."""
    return pd.DataFrame(
        {
            "Rad": figures["label"],
            "Tryckt": figures["value_text"] + " " + figures["unit_text"],
            "I mkr": figures["value"].map(money),
            "Källa": figures["source_file"] + " rad " + figures["line"].astype(str),
        }
    )


FINDING_HEADERS = {
    "doc_ids": "Dokument",
    "check": "Kontroll",
    "relation": "Samband",
    "expected": "Angivet",
    "actual": "Beräknat",
    "difference": "Skillnad",
    "tolerance": "Tolerans",
    "unit": "Enhet",
    "status": "Status",
    "message": "Kommentar",
    "provenance": "Källa (fil:rad)",
}


def _number(value: float) -> str:
    return "" if math.isnan(value) else format_compact(value, 3)


def findings_for_people(findings: Findings, width: int | None = None) -> pd.DataFrame:
    """Findings with Swedish headers, labels and number format; relations cut to ``width``."""
    frame = findings.to_frame()
    frame["check"] = [CHECK_LABELS[Check(v)] for v in frame["check"]]
    frame["status"] = [STATUS_LABELS[Status(v)] for v in frame["status"]]
    for column in ("expected", "actual", "difference", "tolerance"):
        frame[column] = [_number(v) for v in frame[column]]
    if width is not None:
        frame["relation"] = [r if len(r) <= width else r[: width - 1] + "…" for r in frame["relation"]]
    return frame[list(FINDING_HEADERS)].rename(columns=FINDING_HEADERS)


def status_counts(findings: Findings) -> pd.DataFrame:
    """How many findings have each status, in the order of ``Status``.

    Every status is listed, zero counts too, except those that only declared
    relations give (explained, revised): they are listed where they occur.
    """
    counts = findings.to_frame()["status"].value_counts()
    shown = [s for s in Status if s not in DECLARED_STATUSES or counts.get(s.value, 0)]
    return pd.DataFrame(
        {
            "Status": [STATUS_LABELS[s] for s in shown],
            "Antal": [int(counts.get(s.value, 0)) for s in shown],
        }
    )


def documents_table(documents: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Dokument": documents["doc_id"],
            "Typ": documents["kind"],
            "Titel": documents["title"],
            "Diarienummer": documents["diarienummer"].replace("", "–"),
            "Datum": [d.strftime("%Y-%m-%d") if not pd.isna(d) else "–" for d in documents["date"]],
            "Källfil": documents["source_file"],
        }
    )


def allocation_table(allocation: pd.DataFrame, year: int) -> pd.DataFrame:
    """Budget and change per område/anslag; columns the documents leave empty are dropped."""
    table = pd.DataFrame(
        {
            "Område/anslag": allocation["label"],
            f"Budget {year - 1}": allocation["previous"].map(money),
            f"Budget {year}": allocation["budget"].map(money),
            "Förändring": allocation["change"].map(signed_money),
            "Förändring %": allocation["change_percent"].map(signed_percent),
            "Namngivna förändringar": allocation["named_changes"].map(signed_money),
        }
    )
    return table.loc[:, [True, *((table[col] != "").any() for col in table.columns[1:])]]


def supplements_table(supplements: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Grupp": supplements["group"],
            "Ändamål": supplements["label"],
            "Belopp": supplements["value"].map(money),
        }
    )


def assignments_table(assignments: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Dokument": assignments["doc_id"],
            "Uppdrag": assignments["assignment"],
            "Status": assignments["status"],
            "Slutdatum": [d.strftime("%Y-%m-%d") if not pd.isna(d) else "–" for d in assignments["end_date"]],
            "Slutdatum passerat": assignments["overdue"].map({True: "ja", False: ""}),
        }
    )


def committee_year(row: Mapping[Any, Any]) -> str:
    """``Region Värmland HSN 2025``."""
    return f"{row['region']} {row['namnd']} {row['budget_year']}"


def year_ranges(years: Iterable[int]) -> str:
    """``2024–2026, 2028``: each run of consecutive years as a range, a missing year as a break."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}" for run in runs)


def _name_list(names: Sequence[str]) -> str:
    """``HSN``, ``HSN och RS``, ``HSN, RS och RUN``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} och {names[-1]}"


def namnd_years(pairs: Iterable[tuple[str, int]]) -> str:
    """``HSN och RS 2024–2025; RUN 2025``: the nämnder (in order) that have the same years together,
    each nämnd-year named exactly once. Plain text: callers escape it (``markup.literal``, a Table)."""
    years_of: dict[str, set[int]] = {}
    for namnd, year in pairs:
        years_of.setdefault(namnd, set()).add(year)
    groups: dict[tuple[int, ...], list[str]] = {}
    for namnd in sorted(years_of):
        groups.setdefault(tuple(sorted(years_of[namnd])), []).append(namnd)
    return "; ".join(f"{_name_list(names)} {year_ranges(years)}" for years, names in groups.items())


def namnd_years_per_organisation(rows: Iterable[Mapping[Any, Any]]) -> dict[str, str]:
    """Each organisation of ``rows`` (region, nämnd, budget year), in order, with its nämnd-years in words."""
    pairs: dict[str, list[tuple[str, int]]] = {}
    for row in rows:
        pairs.setdefault(str(row[c.REGION]), []).append((str(row[c.NAMND]), int(row[c.BUDGET_YEAR])))
    return {organisation: namnd_years(pairs[organisation]) for organisation in sorted(pairs)}


def _key_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {"Region": frame["region"], "Nämnd": frame["namnd"], "År": frame["budget_year"]}


def comparison_frames_table(frames: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        _key_columns(frames)
        | {
            "Ram": [
                money(v) + (f" ({p})" if p and p != "beslut" else "")
                for v, p in zip(frames["frame"], frames["frame_phase"], strict=True)
            ],
            "Förändring": frames["change"].map(signed_money),
            "Förändring %": frames["change_percent"].map(signed_percent),
            "Invånare (per datum)": [
                f"{format_number(p)} ({d.strftime('%Y-%m-%d')})"
                if d is not None and not pd.isna(d)
                else "saknas"
                for p, d in zip(frames["population"], frames["population_date"], strict=True)
            ],
            "Kr per invånare": [
                "" if math.isnan(v) else f"{format_number(v)}\u00a0kr" for v in frames["kr_per_inhabitant"]
            ],
        }
    )


def category_share_table(totals: pd.DataFrame) -> pd.DataFrame:
    """Nämnd-years down (as in the frames table), categories across: each category's share of the
    nämnd-year's increases; a reduction, which has no share, as its amount (``−324 mkr``)."""
    shown = totals.assign(
        shown=[
            format_percent(s, 1) if not math.isnan(s) else money(v)
            for s, v in zip(totals["share"], totals["value"], strict=True)
        ]
    )
    table = shown.pivot(index=[c.REGION, c.NAMND, c.BUDGET_YEAR], columns=c.CATEGORY, values="shown")
    table = table.fillna("").reset_index()
    categories = sorted(set(totals[c.CATEGORY]), key=lambda category: (category == UNCATEGORISED, category))
    return pd.DataFrame(_key_columns(table) | {category: table[category] for category in categories})


def kolada_table(kolada: pd.DataFrame) -> pd.DataFrame:
    table = kolada.pivot(index="area", columns="year", values="value")
    table = table.map(lambda v: "" if pd.isna(v) else f"{format_number(v)}\u00a0kr")
    return table.reset_index().rename(columns={"area": "Område"}).rename_axis(columns=None)


def forecast_table(deviations: pd.DataFrame) -> pd.DataFrame:
    """Deviations with a known frame; ``report_text.forecast_notes`` says why the others have none."""
    known = deviations[deviations["percent_of_frame"].notna()]
    return pd.DataFrame(
        _key_columns(known)
        | {
            "Skede": known["phase"],
            "Avvikelse": known["deviation"].map(signed_money),
            "Ram": known["frame"].map(money),
            "Andel av ramen": known["percent_of_frame"].map(signed_percent),
        }
    )


def ambition_table(ambition: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        _key_columns(ambition)
        | {
            "Indikatorer": ambition["indicators"],
            "Med utfall, mål och riktning": ambition["comparable"],
            "Mål mindre ambitiöst än utfallet": ambition["less_ambitious"],
            "Andel": ambition["share_less_ambitious"].map(lambda v: format_percent(v, 0)),
        }
    )


def assignment_share_table(shares: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Documents down, statuses across: ``5 (83 %)``."""
    kinds = documents.set_index("doc_id")["kind"]
    shares = shares.assign(
        shown=[f"{n} ({format_percent(s, 0)})" for n, s in zip(shares["count"], shares["share"], strict=True)]
    )
    table = shares.pivot(index=["region", "namnd", "doc_id"], columns="status", values="shown")
    table = table[[s for s in ("Ej påbörjad", "Pågående", "Klar") if s in table.columns]].reset_index()
    table.insert(3, "Dokumenttyp", table["doc_id"].map(kinds))
    return table.rename(columns={"region": "Region", "namnd": "Nämnd", "doc_id": "Dokument"}).rename_axis(
        columns=None
    )
