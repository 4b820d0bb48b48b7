"""The reports' Swedish headings and sentences, as Markdown in which every piece of data is literal.

Notebooks show these with ``IPython.display.Markdown`` and build no Markdown
from data themselves: names, labels, titles and messages pass through
:func:`budgetlib.markup.literal` here, so data never becomes markup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from budgetlib.analysis import Overview
from budgetlib.display import committee_year, money, signed_money, signed_percent
from budgetlib.findings import STATUS_LABELS, Findings
from budgetlib.markup import code, literal


def bullets(sentences: Iterable[str]) -> str:
    """A Markdown list of sentences that are already Markdown (from this module)."""
    return "\n".join(f"- {sentence}" for sentence in sentences)


def namnd_heading(committee: str, namnd: str, region: str, year: int) -> str:
    """``## Hälso- och sjukvårdsnämnden (HSN), Region Värmland, budgetår 2025``."""
    return f"## {literal(committee)} ({literal(namnd)}), {literal(region)}, budgetår {year}"


def overview_text(overview: Overview, year: int) -> str:
    """Översikt in two sentences: the frame with its source, and the change since last year."""
    if overview.frame is None:
        return f"Dokumenten anger ingen total ram för {year}."
    frame = overview.frame
    text = (
        f"Ram {year}: **{money(frame.value)}** "
        f"({literal(frame.label)}, {literal(frame.source_file)} rad {frame.line})."
    )
    if overview.previous is None:
        return text + f" Dokumenten anger ingen ram för {year - 1} att jämföra med."
    return (
        text + f" Förändring mot {year - 1} ({money(overview.previous.value)}): "
        f"**{signed_money(overview.change)} ({signed_percent(overview.change_percent)})**."
    )


def failing_text(findings: Findings) -> str:
    """``**Stämmer inte:**`` and a list of the checks that fail: relation and message."""
    lines = bullets(f"{literal(f.relation)}: {literal(f.message)}" for f in findings.failing)
    return "**Stämmer inte:**\n\n" + lines


def failing_by_status(findings: Findings) -> str:
    """The checks that fail, each with its status in bold: ``- **avvikelse**: relation — message``."""
    return bullets(
        f"**{STATUS_LABELS[f.status]}**: {literal(f.relation)} — {literal(f.message)}"
        for f in findings.failing
    )


def reconciliation_text(findings: Findings) -> str:
    """How many checks fail, with document, relation and message; or that everything adds up."""
    failing = findings.failing
    if not len(failing):
        return (
            "Inga avvikelser eller enhetsfel: allt som kan kontrolleras stämmer, exakt eller inom avrundning."
        )
    return f"**{len(failing)} kontroller stämmer inte** (avvikelse eller enhetsfel):\n\n" + bullets(
        f"{literal(', '.join(f.doc_ids))}: {literal(f.relation)} — {literal(f.message)}" for f in failing
    )


def selection_text(region: str, namnd: str, year: int) -> str:
    """In Swedish, what a selection covers: ``Region Värmland, HSN, 2025`` or ``alla dokument``."""
    parts = [p for p in (region, namnd, str(year) if year else "") if p]
    return literal(", ".join(parts)) if parts else "alla dokument"


def selection_summary(region: str, namnd: str, year: int, documents: int, checks: int) -> str:
    """``Urval: **Region Värmland** (1 dokument, 30 kontroller).``"""
    return f"Urval: **{selection_text(region, namnd, year)}** ({documents} dokument, {checks} kontroller)."


def document_heading(document: Mapping[str, object]) -> str:
    """``### 003 · Region Värmland · HSN 2025 — Ärendebeskrivning … (diarienummer, datum)``."""
    details = [str(document[key]) for key in ("diarienummer", "kind") if document.get(key)]
    date = document.get("date")
    if isinstance(date, pd.Timestamp) and not pd.isna(date):
        details.append(date.strftime("%Y-%m-%d"))
    heading = (
        f"{document['doc_id']} · {document['region']} · {document['namnd']} {document['budget_year']}"
        f" — {document['title']} ({', '.join(details)})"
    )
    return f"### {literal(heading)}"


def compared_text(rows: Iterable[Mapping[Any, Any]]) -> str:
    """``Jämförs: Region Värmland HSN 2025, Region Västerbotten HSN 2025.``"""
    return f"Jämförs: {literal(', '.join(committee_year(row) for row in rows))}."


def frames_notes(frames: pd.DataFrame) -> list[str]:
    """Why frames side by side must be read with care, in Swedish sentences."""
    notes = []
    kinds, years = sorted(set(frames["namnd"])), sorted(set(frames["budget_year"]))
    if len(kinds) > 1:
        shown = literal(", ".join(kinds))
        notes.append(f"Nämnderna har olika uppdrag ({shown}): deras ramar jämförs inte med varandra.")
    if len(years) > 1:
        notes.append(f"Ramarna gäller olika budgetår ({', '.join(str(y) for y in years)}).")
    rows = frames.to_dict("records")
    without_frame = [committee_year(r) for r in rows if math.isnan(r["frame"])]
    if without_frame:
        notes.append(f"Ingen total ram anges för {literal(', '.join(without_frame))}.")
    with_change = [committee_year(r) for r in rows if not math.isnan(r["change"])]
    if len(with_change) < len(rows):
        shown = literal(", ".join(with_change)) if with_change else "ingen"
        notes.append(f"Förändring mot föregående år går bara att beräkna för {shown}.")
    for r in rows:
        date, year_before, who = r["population_date"], r["budget_year"] - 1, literal(committee_year(r))
        if date is None or pd.isna(date):
            notes.append(f"{who}: ingen folkmängd finns för 31 december {year_before} eller tidigare.")
        elif isinstance(date, pd.Timestamp) and date.year != year_before:
            notes.append(
                f"{who}: folkmängd för 31 december {year_before} saknas; "
                f"senaste före, {date.strftime('%Y-%m-%d')}, används."
            )
    return notes


def forecast_notes(deviations: pd.DataFrame) -> list[str]:
    """Forecast deviations without a known frame, each as a sentence saying why there is no percentage."""
    return [
        f"{literal(committee_year(r))}: prognostiserad avvikelse {signed_money(r['deviation'])}, "
        f"men dokumenten anger ingen ram för {r['budget_year']} att räkna procent på."
        for r in deviations[deviations["percent_of_frame"].isna()].to_dict("records")
    ]


def ambition_note(ambition: pd.DataFrame) -> str:
    """Why target ambition cannot be compared when fewer than two nämnder report it."""
    who = literal(", ".join(committee_year(r) for r in ambition.to_dict("records")))
    return (
        f"Bara {who or 'ingen av de valda nämnderna'} redovisar indikatorer med både utfall och mål, "
        "så ambitionsnivån kan inte jämföras mellan nämnder."
    )


def kolada_gaps(kolada: pd.DataFrame, regions: list[str]) -> list[str]:
    missing = [r for r in regions if r not in set(kolada["area"])]
    return [f"Kolada-värden för {literal(r)} finns inte i referensdatan." for r in missing]


def build_result(report: object, status: str) -> str:
    """``Rapporten `region-varmland/hsn-2025.html`: **klar**.``"""
    return f"Rapporten {code(report)}: **{literal(status)}**."
