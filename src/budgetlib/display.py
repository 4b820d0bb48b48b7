"""Swedish display frames: headers, labels and numbers formatted for people.

Library results stay numeric; these functions only shape them for a terminal
table, a CSV for a spreadsheet, or a notebook.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from budgetlib.analysis import Overview
from budgetlib.findings import CHECK_LABELS, STATUS_LABELS, Check, Findings, Status
from budgetlib.numbers import format_compact, format_number, format_percent


@dataclass(frozen=True)
class Table:
    """A frame shown in full and without its index: HTML in notebooks, plain text elsewhere."""

    frame: pd.DataFrame

    def _repr_html_(self) -> str:
        return self.frame.to_html(index=False, border=0, na_rep="")

    def __repr__(self) -> str:
        return self.frame.to_string(index=False)


BUILD_STATUS_LABELS = {"built": "klar", "unchanged": "oförändrad", "failed": "misslyckades"}
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
    """How many findings have each status, in the order of ``Status``."""
    counts = findings.to_frame()["status"].value_counts()
    return pd.DataFrame(
        {
            "Status": [STATUS_LABELS[s] for s in Status],
            "Antal": [int(counts.get(s.value, 0)) for s in Status],
        }
    )


def document_heading(document: dict[str, object]) -> str:
    """``003 · Region Värmland · HSN 2025 — Ärendebeskrivning … (diarienummer, datum)``."""
    details = [str(document[key]) for key in ("diarienummer", "kind") if document.get(key)]
    date = document.get("date")
    if isinstance(date, pd.Timestamp) and not pd.isna(date):
        details.append(date.strftime("%Y-%m-%d"))
    return (
        f"{document['doc_id']} · {document['region']} · {document['namnd']} {document['budget_year']}"
        f" — {document['title']} ({', '.join(details)})"
    )


def selection_text(region: str, namnd: str, year: int) -> str:
    """In Swedish, what a selection covers: ``Region Värmland, HSN, 2025`` or ``alla dokument``."""
    parts = [p for p in (region, namnd, str(year) if year else "") if p]
    return ", ".join(parts) if parts else "alla dokument"


def money(value: float, decimals: int = 1) -> str:
    """``9 065 mkr`` / ``3 356,1 mkr``: decimals only where the figure has them; blank for missing."""
    if math.isnan(value):
        return ""
    shown = format_compact(value, decimals)
    return f"{shown}\u00a0mkr"


def signed_money(value: float) -> str:
    """``+637 mkr`` / ``−324 mkr``."""
    return "" if math.isnan(value) else ("+" if value > 0 else "") + money(value)


def signed_percent(value: float) -> str:
    return "" if math.isnan(value) else ("+" if value > 0 else "") + format_percent(value, 1)


def overview_text(overview: Overview, year: int) -> str:
    """Översikt in two sentences: the frame with its source, and the change since last year."""
    if overview.frame is None:
        return f"Dokumenten anger ingen total ram för {year}."
    frame = overview.frame
    text = f"Ram {year}: **{money(frame.value)}** ({frame.label}, {frame.source_file} rad {frame.line})."
    if overview.previous is None:
        return text + f" Dokumenten anger ingen ram för {year - 1} att jämföra med."
    return (
        text + f" Förändring mot {year - 1} ({money(overview.previous.value)}): "
        f"**{signed_money(overview.change)} ({signed_percent(overview.change_percent)})**."
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


def _indicator_value(value: float, printed: str, unit: str) -> str:
    """``204 801`` or ``41 %`` with no-break spaces; the printed words where there is no number."""
    if math.isnan(value):
        return printed or "–"
    return format_compact(value, 1) + ("\u00a0%" if unit == "%" else "")


def indicator_table(indicators: pd.DataFrame) -> pd.DataFrame:
    def values(number: str, printed: str) -> list[str]:
        rows = zip(indicators[number], indicators[printed], indicators["unit"], strict=True)
        return [_indicator_value(v, p, u) for v, p, u in rows]

    return pd.DataFrame(
        {
            "Regionmål": indicators["goal"].str.split(".").str[0].str.replace(" ", "\u00a0"),
            "Indikator": indicators["indicator"],
            "Utfall 2023": values("outcome", "outcome_text"),
            "Mål 2025": values("target", "target_text"),
            "Enhet": indicators["unit"],
            "Önskad riktning": indicators["desired_direction"].replace("", "–"),
            "Målet under senaste utfall": indicators["below_outcome"].map({True: "ja", False: ""}),
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


def _key_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    return {"Region": frame["region"], "Nämnd": frame["namnd"], "År": frame["budget_year"]}


def comparison_frames_table(frames: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        _key_columns(frames)
        | {
            "Ram": frames["frame"].map(money),
            "Förändring": frames["change"].map(signed_money),
            "Förändring %": frames["change_percent"].map(signed_percent),
            "Invånare": [
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


def comparison_frames_notes(frames: pd.DataFrame) -> list[str]:
    """Why frames side by side must be read with care, in Swedish sentences."""
    notes = []
    kinds, years = sorted(set(frames["namnd"])), sorted(set(frames["budget_year"]))
    if len(kinds) > 1:
        notes.append(
            f"Nämnderna har olika uppdrag ({', '.join(kinds)}): deras ramar jämförs inte med varandra."
        )
    if len(years) > 1:
        notes.append(f"Ramarna gäller olika budgetår ({', '.join(str(y) for y in years)}).")
    rows = frames.to_dict("records")
    without_frame = [committee_year(r) for r in rows if math.isnan(r["frame"])]
    if without_frame:
        notes.append(f"Ingen total ram anges för {', '.join(without_frame)}.")
    with_change = [committee_year(r) for r in rows if not math.isnan(r["change"])]
    if len(with_change) < len(rows):
        shown = ", ".join(with_change) if with_change else "ingen"
        notes.append(f"Förändring mot föregående år går bara att beräkna för {shown}.")
    for r in rows:
        date, year_before = r["population_date"], r["budget_year"] - 1
        if date is None or pd.isna(date):
            notes.append(
                f"{committee_year(r)}: ingen folkmängd finns för 31 december {year_before} eller tidigare."
            )
        elif isinstance(date, pd.Timestamp) and date.year != year_before:
            notes.append(
                f"{committee_year(r)}: folkmängd för 31 december {year_before} saknas; "
                f"senaste före, {date.strftime('%Y-%m-%d')}, används."
            )
    return notes


def category_share_table(totals: pd.DataFrame) -> pd.DataFrame:
    """Categories down, nämnd-years across: share of the increases (amount for reductions)."""
    totals = totals.assign(
        column=[committee_year(r) for r in totals.to_dict("records")],
        shown=[
            f"{format_percent(s, 1)} ({money(v)})" if not math.isnan(s) else f"{money(v)} (minskning)"
            for s, v in zip(totals["share"], totals["value"], strict=True)
        ],
    )
    table = totals.pivot(index="category", columns="column", values="shown").fillna("")
    return table.reset_index().rename(columns={"category": "Kategori"}).rename_axis(columns=None)


def kolada_table(kolada: pd.DataFrame) -> pd.DataFrame:
    table = kolada.pivot(index="area", columns="year", values="value")
    table = table.map(lambda v: "" if pd.isna(v) else f"{format_number(v)}\u00a0kr")
    return table.reset_index().rename(columns={"area": "Område"}).rename_axis(columns=None)


def kolada_gaps(kolada: pd.DataFrame, regions: list[str]) -> list[str]:
    missing = [r for r in regions if r not in set(kolada["area"])]
    return [f"Kolada-värden för {r} finns inte i referensdatan." for r in missing]


def forecast_table_and_notes(deviations: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Deviations with a known frame as a table; the others as sentences saying why not."""
    known = deviations[deviations["percent_of_frame"].notna()]
    notes = [
        f"{committee_year(r)}: prognostiserad avvikelse {signed_money(r['deviation'])}, "
        f"men dokumenten anger ingen ram för {r['budget_year']} att räkna procent på."
        for r in deviations[deviations["percent_of_frame"].isna()].to_dict("records")
    ]
    table = pd.DataFrame(
        _key_columns(known)
        | {
            "Avvikelse": known["deviation"].map(signed_money),
            "Ram": known["frame"].map(money),
            "Andel av ramen": known["percent_of_frame"].map(signed_percent),
        }
    )
    return table, notes


def ambition_table(ambition: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        _key_columns(ambition)
        | {
            "Indikatorer": ambition["indicators"],
            "Med utfall och mål": ambition["comparable"],
            "Mål under senaste utfall": ambition["below_outcome"],
            "Andel": ambition["share_below"].map(lambda v: format_percent(v, 0)),
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
