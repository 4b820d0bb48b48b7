"""The reports' Swedish headings and sentences, as Markdown in which every piece of data is literal.

Notebooks show these with ``IPython.display.Markdown`` and build no Markdown
from data themselves: names, labels, titles and messages pass through
:func:`budgetlib.markup.literal` here, so data never becomes markup.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from budgetlib.amount_text import figure_text, money, signed_money, signed_percent
from budgetlib.analysis import BreakdownView, Change, DocumentStatus, Frame
from budgetlib.assignments import Assignment
from budgetlib.compare import REGIONS_IN_SWEDEN, KoladaStanding
from budgetlib.decisions import DecisionRecord, Member
from budgetlib.display import committee_year, namnd_years_per_organisation
from budgetlib.findings import STATUS_LABELS, Findings
from budgetlib.goals import GoalCounts
from budgetlib.markup import Link, code, literal
from budgetlib.numbers import MKR, format_number
from budgetlib.report_links import COMPARISON_PAGE, INDEX_PAGE, RECONCILIATION_PAGE, Links
from budgetlib.summary import NamndSummary
from budgetlib.table_views import is_unit


def bullets(sentences: Iterable[str]) -> str:
    """A Markdown list of sentences that are already Markdown (from this module)."""
    return "\n".join(f"- {sentence}" for sentence in sentences)


def namnd_heading(committee: str, namnd: str, region: str, year: int) -> str:
    """``## Hälso- och sjukvårdsnämnden (HSN), Region Värmland, budgetår 2025``."""
    return f"## {literal(committee)} ({literal(namnd)}), {literal(region)}, budgetår {year}"


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
    return f"**{_count(len(failing), CHECKS)} stämmer inte** (avvikelse eller enhetsfel):\n\n" + bullets(
        f"{literal(', '.join(f.doc_ids))}: {literal(f.relation)} — {literal(f.message)}" for f in failing
    )


CHECKS = ("kontroll", "kontroller")


def _count(n: int, forms: tuple[str, str]) -> str:
    """``1 kontroll``, ``1 628 kontroller``: a count in Swedish figures, the noun agreeing with it."""
    return f"{format_number(n)} {forms[0] if n == 1 else forms[1]}"


def selection_text(region: str, namnd: str, year: int) -> str:
    """In Swedish, what a selection covers: ``Region Värmland, HSN, 2025`` or ``alla dokument``."""
    parts = [p for p in (region, namnd, str(year) if year else "") if p]
    return literal(", ".join(parts)) if parts else "alla dokument"


def selection_summary(region: str, namnd: str, year: int, documents: int, checks: int) -> str:
    """``Urval: **Region Värmland** (1 dokument, 30 kontroller).``"""
    counted = f"{format_number(documents)} dokument, {_count(checks, CHECKS)}"
    return f"Urval: **{selection_text(region, namnd, year)}** ({counted})."


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


_FAILING_THEN_RESIDUAL = (
    "först det som inte stämmer (enhetsfel, avvikelser), sedan den del av en summa som dokumenten inte "
    "anger med belopp (restposter)"
)


def not_exact_text(count: int, rounding_elsewhere: int = 0) -> str:
    """What the list of checks that are not exact holds; ``rounding_elsewhere`` of them, differences
    within the rounding, are left to the nämnd reports."""
    heading = f"**{_count(count, CHECKS)} är inte {'exakt' if count == 1 else 'exakta'}.**"
    if not rounding_elsewhere:
        return (
            f"{heading} {_FAILING_THEN_RESIDUAL.capitalize()} och sist skillnader som ryms i avrundningen; "
            "störst skillnad först inom varje grupp."
        )
    listed = count - rounding_elsewhere
    shown = (
        f"Här står {'den' if listed == 1 else f'de {format_number(listed)}'} som inte ryms i avrundningen: "
        f"{_FAILING_THEN_RESIDUAL}; störst skillnad först inom varje grupp."
        if listed
        else "Alla skillnader ryms i avrundningen."
    )
    return (
        f"{heading} {shown} De kontroller som bara skiljer inom avrundningen "
        f"({format_number(rounding_elsewhere)} st.) står med källtextens rader i dokumentens nämndrapporter."
    )


def namnd_report_link(document: Mapping[str, object], href: str) -> str:
    """``Nämndrapport: HSN 2025, Region Värmland`` linked to the nämnd report of the document."""
    text = f"{document['namnd']} {document['budget_year']}, {document['region']}"
    return f"Nämndrapport: {Link(text, href).markdown()}"


def compared_text(rows: Iterable[Mapping[Any, Any]]) -> str:
    """The nämnd-years compared, per organisation: ``Jämförs: Region Västerbotten HSN och RS 2025.``,
    or for several organisations their count and a line each (``Region Blekinge: HSN och RS 2024–2027``)."""
    rows = list(rows)
    covered = namnd_years_per_organisation(rows)
    if not covered:
        return "Jämförs: inga nämnd-år (urvalet har inga dokument)."
    if len(covered) == 1:
        ((organisation, text),) = covered.items()
        return f"Jämförs: {literal(f'{organisation} {text}')}."
    count = len({(row["region"], row["namnd"], row["budget_year"]) for row in rows})
    lines = bullets(f"{literal(organisation)}: {literal(text)}" for organisation, text in covered.items())
    return f"Jämförs {count} nämnd-år i {len(covered)} organisationer:\n\n{lines}"


def frames_notes(frames: pd.DataFrame) -> list[str]:
    """Why frames side by side must be read with care, in Swedish sentences."""
    notes = []
    kinds, years = sorted(set(frames["namnd"])), sorted(set(frames["budget_year"]))
    if len(kinds) > 1:
        shown = literal(", ".join(kinds))
        notes.append(f"Nämnderna har olika uppdrag ({shown}): deras ramar jämförs inte med varandra.")
    notes.append(
        "Även nämnder med samma namn kan ha olika uppdrag i olika regioner (till exempel om tandvård, "
        "läkemedel eller regional utveckling ligger i nämnden eller utanför), så ram per invånare jämför "
        "budgetar, inte kostnaden för samma verksamhet."
    )
    if len(years) > 1:
        notes.append(
            f"Ramarna gäller olika budgetår ({', '.join(str(y) for y in years)}); "
            "ram per invånare jämförs bara inom samma år."
        )
    rows = frames.to_dict("records")
    without_frame = [committee_year(r) for r in rows if math.isnan(r["frame"])]
    if without_frame:
        notes.append(f"Ingen total ram anges för {literal(', '.join(without_frame))}.")
    proposals = [committee_year(r) for r in rows if r.get("frame_phase") == "förslag"]
    if proposals:
        notes.append(f"Ramen är ett förslag, inte beslutad, för {literal(', '.join(proposals))}.")
    with_change = [committee_year(r) for r in rows if not math.isnan(r["change"])]
    if not with_change:
        notes.append("Förändring mot föregående år går inte att beräkna för någon av de jämförda nämnderna.")
    elif len(with_change) < len(rows):
        notes.append(
            f"Förändring mot föregående år går bara att beräkna för {literal(', '.join(with_change))}."
        )
    for year in years:
        in_year = [r for r in rows if r["budget_year"] == year]
        date = in_year[0]["population_date"]
        if date is None or pd.isna(date):
            notes.append(
                f"Budgetår {year}: referensdatan har ingen folkmängd per 31 december {year - 1} "
                "eller tidigare "
                "som alla jämförda regioner har; ingen ram per invånare beräknas."
            )
        elif isinstance(date, pd.Timestamp) and date != in_year[0]["rule_date"]:
            notes.append(
                f"Budgetår {year}: folkmängd per 31 december {year - 1} saknas för minst en region, så alla "
                f"regioner det året räknas med folkmängden per {date.strftime('%Y-%m-%d')}."
            )
    notes += [literal(r["population_note"]) for r in rows if r.get("population_note")]
    return notes


def per_inhabitant_note(groups: int) -> str:
    """Why no chart of frames per inhabitant is drawn."""
    if groups:
        return ""
    return (
        "Inget diagram över ram per invånare: det kräver minst två nämnder av samma slag med beslutad "
        "eller föreslagen ram samma budgetår."
    )


def kolada_standings_text(standings: Sequence[KoladaStanding]) -> list[str]:
    """Each region against the country, and its rank among all regions where the reference data allows."""
    sentences = []
    for s in standings:
        text = f"{literal(s.area)} {s.year}: {format_number(s.value)} kr per invånare"
        if not math.isnan(s.percent_of_country):
            text += f", {signed_percent(s.percent_of_country - 100)} mot riket"
        if s.rank is not None:
            text += f"; plats {s.rank} av {REGIONS_IN_SWEDEN} regioner (1 = högst kostnad)"
        else:
            text += (
                f"; ingen rangordning: referensdatan har värden för {s.regions_with_value} av "
                f"{REGIONS_IN_SWEDEN} regioner det året"
            )
        sentences.append(text + ".")
    return sentences


def forecast_notes(deviations: pd.DataFrame) -> list[str]:
    """Deviations without a known frame, each as a sentence saying why there is no percentage."""
    words = {"prognos": "prognostiserad avvikelse", "utfall": "avvikelse i utfallet"}
    return [
        f"{literal(committee_year(r))}: {words.get(r['phase'], 'avvikelse')} {signed_money(r['deviation'])}, "
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


# ---- the nämnd report --------------------------------------------------------------------------

MISSING_WORDS = {
    "bridges": "ingen brygga från föregående års ram",
    "allocations": "ingen fördelning av ramen på områden eller anslag",
    "changes": "inga tillskott, reduceringar eller omfördelningar",
    "forecasts": "inga utfall, prognoser eller budgetavvikelser",
    "investments": "inga investeringar",
    "goals": "inga mål eller indikatorer",
    "assignments": "inga uppdrag",
    "decisions": "inga yrkanden, voteringar eller reservationer",
}
SECTION_HEADINGS = {
    "bridges": "Bryggor",
    "allocations": "Fördelning",
    "changes": "Tillskott, reduceringar och omfördelningar",
    "forecasts": "Utfall, prognos och budgetavvikelse",
    "investments": "Investeringar",
    "goals": "Mål och indikatorer",
    "assignments": "Uppdrag",
    "decisions": "Beslut och protokoll",
    "other": "Övriga tabeller",
}
POSITION_HEADINGS = {
    "reservation": "Reservationer",
    "protokollsanteckning": "Protokollsanteckningar",
    "deltar ej": "Deltar inte i beslutet",
}
PHASE_NAMES = {"preliminär": "preliminärt utfall"}


def and_list(items: Sequence[str]) -> str:
    """``a, b och c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} och {items[-1]}" if items else ""


def years_text(years: Sequence[int]) -> str:
    """``2025`` or ``2024–2025`` or ``2023, 2025``."""
    if len(years) > 1 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _line(links: Links, source_file: str, first: int, last: int = 0) -> str:
    text = f"rad {first}" if not last or last == first else f"rad {first}–{last}"
    return Link(text, links.source(source_file, first)).markdown()


FRAME_BRIDGES_HEADING = "Från föregående års ram"


def section_heading(section: str, frames_only: bool = False) -> str:
    """``## Investeringar``; bridges that all lead from one frame to the next are headed as such."""
    return (
        f"## {FRAME_BRIDGES_HEADING if section == 'bridges' and frames_only else SECTION_HEADINGS[section]}"
    )


def partial_caption(title: str, committee: str) -> str:
    """The caption of a table shared with other nämnder, of which only one nämnd's rows are shown."""
    return f"{title} (utdrag: {committee}s rader; tabellens summor gäller alla nämnder i den)"


def missing_text(missing: Sequence[str]) -> str:
    """One line for every section the documents hold nothing for."""
    if not missing:
        return ""
    return f"Dokumenten innehåller {and_list([MISSING_WORDS[m] for m in missing])}."


def _document_line(document: DocumentStatus, links: Links) -> str:
    phases = ", ".join(f"{PHASE_NAMES.get(p, p)} {years_text(y)}" for p, y in document.phases)
    details = [
        literal(document.kind),
        f"**{literal(document.status)}**" if document.status else "skede anges inte",
        f"diarienummer {literal(document.diarienummer)}"
        if document.diarienummer
        else "diarienummer anges inte",
        f"daterat {document.date.strftime('%Y-%m-%d')}" if document.date is not None else "datum anges inte",
    ]
    link = Link(document.doc_id, links.source(document.source_file, document.title_line)).markdown()
    text = f"**Dokument {link}:** {literal(document.title)} ({'; '.join(details)})."
    return text + (f" Uppgifterna gäller {phases}." if phases else "")


def _amount(figure: Frame | Change, value: float | None = None, signed: bool = False) -> str:
    """A figure (or an amount computed from it) in the unit the document printed it in."""
    shown = figure.value if value is None else value
    return figure_text(shown, MKR, figure.unit_text, figure.decimals, signed)


def _frame_line(summary: NamndSummary, links: Links) -> list[str]:
    year, frame, previous = summary.year, summary.frame, summary.previous
    lines = []
    if frame is None:
        lines.append(f"**Ram {year}:** anges inte i dokumenten.")
    else:
        text = (
            f"**Ram {year}: {_amount(frame)}** ({literal(frame.phase)}, "
            f"{_line(links, frame.source_file, frame.line)})"
        )
        if previous is None:
            text += f"; dokumenten anger ingen ram för {year - 1} att jämföra med."
        else:
            text += (
                f"; förändring mot ram {year - 1} ({_amount(previous)}, "
                f"{_line(links, previous.source_file, previous.line)}): "
                f"**{_amount(frame, summary.change, signed=True)} "
                f"({signed_percent(summary.change_percent)})**."
            )
        lines.append(text)
    for change in summary.stated_changes if previous is None else ():
        lines.append(
            f"**Ramens förändring:** {literal(change.label)}: **{_amount(change, signed=True)}** "
            f"({literal(change.phase)}, {_line(links, change.source_file, change.line)})."
        )
    return lines


def _change_text(change: Change, links: Links) -> str:
    generic = change.column in ("Belopp", change.label) or is_unit(change.column) or change.column.isdigit()
    label = change.label if generic else f"{change.label}, {change.column.lower()}"
    return (
        f"**{_amount(change, signed=True)}**, {literal(label)} ({literal(change.table_title)}; "
        f"{literal(change.phase)}; {_line(links, change.source_file, change.line)})"
    )


def summary_box(summary: NamndSummary, links: Links) -> str:
    """The first screen as a boxed list: who, which documents, the frame, the largest changes,
    the documents' conclusions and every figure that does not add up."""
    head = (
        f"**{literal(summary.committee)} ({literal(summary.namnd)})** · {literal(summary.organisation)}"
        f" · budgetår {summary.year}"
    )
    items = [_document_line(d, links) for d in summary.documents]
    items += _frame_line(summary, links)
    up, down = summary.increase, summary.decrease
    items.append(
        "**Största ökning:** "
        + (_change_text(up, links) if up else "ingen ökning redovisas med belopp")
        + "."
    )
    items.append(
        "**Största minskning:** "
        + (_change_text(down, links) if down else "ingen minskning redovisas med belopp")
        + "."
    )
    for result in summary.results:
        end, budget = result.outcome, result.budget
        text = (
            f"**{literal(end.label)} {end.year}: {money(end.value)}** "
            f"({literal(PHASE_NAMES.get(end.phase, end.phase))}, {_line(links, end.source_file, end.line)}"
        )
        if budget is not None:
            text += f"; budget {money(budget.value)}"
        items.append(text + ").")
    stage = {document.doc_id: document.status for document in summary.documents}
    for conclusion in summary.conclusions:
        said = "Förslag till beslut" if stage.get(conclusion.doc_id) == "förslag" else "Dokumentets slutsats"
        items.append(
            f"**{said}** ({literal(conclusion.doc_id)}, "
            f"{_line(links, conclusion.source_file, conclusion.line, conclusion.line_end)}): "
            f"”{literal(conclusion.text)}”"
        )
    if summary.discrepancies:
        for item in summary.discrepancies:
            where = ", ".join(
                Link(f"rad {n}", links.source(name, n)).markdown()
                for name, lines in item.places
                for n in lines
            )
            items.append(
                f"**Stämmer inte ({STATUS_LABELS[item.status]}):** {literal(item.relation)} — "
                f"{literal(item.message)} ({where})"
            )
    else:
        items.append(
            "**Avstämning:** inga avvikelser; allt som kan kontrolleras stämmer, exakt eller inom avrundning."
        )
    body = "\n".join(f"> - {item}" for item in items)
    return f"> {head}\n>\n{body}"


def _page_name(page: str, organisation: str, everything: bool, of_all: str, of_selection: str) -> str:
    """``Avstämning för Region X`` for an organisation's own page, else the page of all the data
    (``Avstämning av alla dokument``) or of the build's selection."""
    if organisation:
        return f"{page} för {organisation}"
    return f"{page} {of_all if everything else of_selection}"


def report_links_text(links: Links) -> str:
    """Links from a report to the index and to the reconciliation and comparison its build
    wrote (of all the data, of the build's selection, or the report's own organisation's
    reconciliation or comparison); never to itself."""
    reconciliation = _page_name(
        "Avstämning",
        links.reconciliation_of,
        links.reconciliation == RECONCILIATION_PAGE,
        "av alla dokument",
        "av urvalet",
    )
    comparison = _page_name(
        "Jämförelse",
        links.comparison_of,
        links.comparison == COMPARISON_PAGE,
        "mellan nämnder",
        "inom urvalet",
    )
    return " · ".join(
        Link(text, links.report(page)).markdown()
        for text, page in (
            ("Alla rapporter", INDEX_PAGE),
            (reconciliation, links.reconciliation),
            (comparison, links.comparison),
        )
        if page != links.page
    )


def assumed_status_note(documents: Sequence[str]) -> str:
    """Which documents give one status for all their assignments instead of one each."""
    if not documents:
        return ""
    return (
        f"I {literal(and_list(list(documents)))} står statusen gemensamt för alla uppdrag, inte vid varje "
        "uppdrag; andelen visar den gemensamma uppgiften."
    )


NO_CHECKS = "Inga kontroller."
CHECKS_WITH_SOURCE_LINES = "Varje kontroll med de rader i källtexten där siffrorna står."
CHECKS_IN_NAMND_REPORTS = (
    "Varje dokuments kontroller står med källtextens rader i dokumentets nämndrapport. Här står hur många "
    "kontroller varje dokument har per status, med en länk till nämndrapportens avstämning. En kontroll "
    "som jämför siffror i två dokument räknas under båda."
)
NO_SUPPLEMENTS = "Inga tillskott eller prioriteringar finns i de valda dokumenten."
CATEGORY_CHARTS_ELSEWHERE = (
    "Diagrammen över tillskottens sammansättning, ett per nämnd och år, står på varje organisations "
    "egen jämförelsesida (länkad nedan); tabellen därefter visar alla andelar, en rad per nämnd och år."
)
CATEGORY_SHARES_CAPTION = "Andel av nämndens ökningar det året; en minskning har ingen andel och står i mkr."
NO_ASSIGNMENTS = "Inga uppdrag finns i de valda dokumenten."
NO_FORECASTS = "Inga prognoser finns i de valda dokumenten."
ASSIGNMENT_TIMES = (
    "Dokumenten redovisar status vid olika tidpunkter (nämndplan före året, delårsrapport under året), "
    "så andelarna beskriver olika skeden."
)
CHART_IN_TABLE_BELOW = "*Diagrammet i siffror:* tabellen nedan."


def from_zero_text(indicators: Sequence[tuple[str, str]]) -> str:
    """Indicators left out of a chart in percent of the outcome because the outcome is zero."""
    listed = "; ".join(f"{literal(name)}: utfall 0, mål {target}" for name, target in indicators)
    return f"Inte i diagrammet (utfallet är 0, så målet kan inte anges i procent av det): {listed}."


def chart_values(items: Sequence[tuple[str, str]]) -> str:
    """The chart's figures in words, its text alternative: ``Diagrammet i siffror: A 81 mkr; B 19 mkr.``"""
    return "*Diagrammet i siffror:* " + "; ".join(f"{literal(label)} {value}" for label, value in items) + "."


def breakdown_text(view: BreakdownView, links: Links) -> str:
    """``Prioritering: 513 mkr (beslut, rad 47). Dokumentet anger delar på 332 mkr; resten, 181 mkr, får
    inget eget belopp.`` Where the document names the rest itself, it says so."""
    text = (
        f"{literal(view.total.label)}: {money(view.total.value)} "
        f"({literal(view.total.phase)}, {_line(links, view.total.source_file, view.total.line)})."
    )
    rest = view.remainder
    if rest is None:
        text += " Dokumentet anger själv vad hela beloppet består av, också resten."
    else:
        named = sum(p.value for p in view.parts if not p.remainder)
        text += f" Dokumentet anger delar på {money(named)}; resten, **{money(rest.value)}**,"
        text += " får inget eget belopp"
        text += f" men förklaras: ”{literal(view.remainder_words)}”." if view.remainder_words else "."
    return text + (f" Om sambandet: {literal(view.note)}" if view.note and not view.remainder_words else "")


def text_figures_text(figures: pd.DataFrame, links: Links) -> str:
    """Figures stated in running text, each with phase, year and line."""
    return "Uppgifter i texten:\n\n" + bullets(
        f"{literal(r['label'])}: **{signed_money(r['value']) if r['value'] < 0 else money(r['value'])}**"
        f"{' (' + literal(r['qualifier']) + ')' if r['qualifier'] else ''} "
        f"({literal(PHASE_NAMES.get(r['phase'], r['phase']))} {r['year']}, "
        f"{_line(links, r['source_file'], r['line'])})"
        for r in figures.to_dict("records")
    )


def goal_counts_text(counts: GoalCounts, goals: int, outcome_year: str, target_year: str) -> str:
    """How many indicators, how many can be compared (a zero outcome counts), and how the targets stand."""
    text = (
        f"{counts.indicators} indikatorer under {goals} mål; **{counts.comparable}** har både utfall "
        f"{outcome_year} och mål {target_year} och en riktning att jämföra dem i."
    )
    if counts.comparable:
        text += f" Av dem når {counts.met} redan målnivån och {counts.gap} kräver en förbättring."
    if counts.less_ambitious:
        parts = []
        if counts.less_ambitious_rising:
            parts.append(f"{counts.less_ambitious_rising} lägre än utfallet för indikatorer som ska öka")
        if counts.less_ambitious_falling:
            parts.append(f"{counts.less_ambitious_falling} högre än utfallet för indikatorer som ska minska")
        text += f" **{counts.less_ambitious}** mål är mindre ambitiösa än utfallet: {and_list(parts)}."
    return text


def goal_legend(outcome_year: str, target_year: str, any_assumed: bool) -> str:
    text = (
        f"● nått: utfallet {outcome_year} når redan målet för {target_year} · "
        "▲ ej nått: målet kräver en förbättring från utfallet · "
        "○ kan inte bedömas: utfall eller mål saknas, eller indikatorn besvaras med ja/nej. "
        "Riktning: ↑ ska öka, ↓ ska minska. Ett utfall på 0 är ett utfall, inte ett saknat värde."
    )
    if any_assumed:
        text += " \\* Enheten står inte i dokumentet utan är antagen (se datans antaganden)."
    return text


STATUS_FORMS = {
    "Klar": ("klart", "klara"),
    "Pågående": ("pågående", "pågående"),
    "Ej påbörjad": ("ej påbörjat", "ej påbörjade"),
}


def assignments_text(assignments: Sequence[Assignment], links: Links, year: int) -> str:
    """Per document: assignments per status, those past their end date, and statuses given for all at once."""
    sentences = []
    for doc_id in dict.fromkeys(a.doc_id for a in assignments):
        own = [a for a in assignments if a.doc_id == doc_id]
        counted = [
            _count(n, forms)
            for status, forms in STATUS_FORMS.items()
            if (n := sum(a.status == status for a in own))
        ]
        text = f"Dokument {literal(doc_id)}: {len(own)} uppdrag, {and_list(counted)}."
        overdue = [a for a in own if a.overdue]
        if overdue:
            text += (
                f" {len(overdue)} passerade sitt slutdatum före {year} utan att vara "
                f"{'klart' if len(overdue) == 1 else 'klara'}."
            )
        assumed = [a for a in own if a.status_assumed]
        if assumed:
            lines = sorted({(a.source_file, a.status_line) for a in assumed})
            where = ", ".join(_line(links, name, line) for name, line in lines)
            text += (
                f" \\* Statusen för {len(assumed)} av dem står inte vid uppdraget utan gemensamt för alla"
                f" på {where}: ”{literal(assumed[0].status_text)}”."
            )
        sentences.append(text)
    return bullets(sentences)


def _members(members: Sequence[Member]) -> str:
    return and_list([f"{literal(m.name)} ({literal(m.party)})" for m in members])


def decision_text(record: DecisionRecord, links: Links) -> str:
    """Motions, votes, reservations and notes to the minutes, each with its line."""
    parts = [f"### Protokoll, dokument {literal(record.doc_id)}"]
    if record.motions:
        parts.append(
            "**Yrkanden**\n\n"
            + bullets(
                f"{_members([m.member])}: {literal(m.motion)} ({_line(links, m.source_file, m.line)})"
                for m in record.motions
            )
        )
    for vote in record.votes:
        result = f"{vote.ja}–{vote.nej}–{vote.avstar}"
        carried = (
            f" {'Ja' if vote.ja > vote.nej else 'Nej'}-sidan vann: "
            f"{literal(vote.carried[:1].lower() + vote.carried[1:])}."
            if vote.carried
            else " Lika röstetal."
        )
        text = (
            f"**Votering** ({_line(links, vote.source_file, vote.line)}): {literal(vote.question)}. "
            f"Ja: {literal(vote.ja_means)}; nej: {literal(vote.nej_means)}. "
            f"Resultat **{vote.ja} ja, {vote.nej} nej, {vote.avstar} avstår ({result})**.{carried}"
        )
        if vote.individual_known < vote.listed:
            text += (
                f" Hur var och en röstade framgår inte av källtexten ({vote.listed} ledamöter och ersättare"
                " på voteringslistan; markeringarna har fallit bort)."
            )
        parts.append(text)
    for position in POSITION_HEADINGS:
        group = [p for p in record.positions if p.position == position]
        if group:
            parts.append(
                f"**{POSITION_HEADINGS[position]}**\n\n"
                + bullets(
                    f"{_members(p.members)}: {literal(p.statement)} "
                    f"({_line(links, p.source_file, p.line, p.line_end)})"
                    for p in group
                )
            )
    return "\n\n".join(parts)
