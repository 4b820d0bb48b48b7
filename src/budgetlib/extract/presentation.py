"""The extraction summary for people, in Swedish: where the reviewer should look first.

Order: what does not add up (and any row not found on its line), what the
extractor was unsure of, what it could not place, then what adds up, the
remainders of partial sums, and what cannot be checked (a population missing). Text
from the document is shown with control characters escaped, never raw.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

from budgetlib import columns as c
from budgetlib.extract.checking import DraftCheck
from budgetlib.extract.draft import Doubt, Draft, Unplaced
from budgetlib.extract.format2 import REVIEW_FILE
from budgetlib.extract.review import KINDS, DocumentComparison, KeyedFigure, MatchStatus
from budgetlib.findings import CHECK_LABELS, FAILING, Check, Finding, Status
from budgetlib.numbers import format_number

WIDTH = 110
REGISTER_WORDS = {
    c.ORGANISATION: "organisation",
    c.NAMND: "nämnd",
    c.BUDGET_YEAR: "budgetår",
    c.KIND: "dokumenttyp",
    c.DIARIENUMMER: "diarienummer",
    c.TITLE_LINE: "titelrad",
}
OTHER_READING = {"measure": "annat mått", "phase": "annan fas", "year": "annat år", "namnd": "annan nämnd"}
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}


def safe(text: str) -> str:
    """Text from a document as it may be shown in a terminal: control and bidi characters escaped."""
    return "".join(
        f"\\x{ord(ch):02x}"
        if ord(ch) < 0x20 or ord(ch) == 0x7F
        else f"\\u{ord(ch):04x}"
        if ch in _BIDI
        else ch
        for ch in text
    )


def _short(text: str, width: int = WIDTH) -> str:
    text = safe(" ".join(text.split()))
    return text if len(text) <= width else f"{text[: width - 1]}…"


def _where(draft: Draft, line: int | None) -> str:
    if line is None:
        return "dokumentet"
    page = draft.page_of(line)
    return f"sida {page}, rad {line}" if page is not None else f"rad {line}"


def _lines_of(finding: Finding) -> str:
    numbers = sorted({int(n) for n in re.findall(r"(?<=[:,] )\d+|(?<=:)\d+", finding.provenance)})
    if not numbers:
        return ""
    return f"rad {numbers[0]}" if len(numbers) == 1 else f"rad {numbers[0]}–{numbers[-1]}"


def _finding_line(finding: Finding) -> str:
    where = f"{CHECK_LABELS[finding.check]}, {_lines_of(finding)}"
    return f"  {finding.subject} ({where}): {_short(finding.relation, 70)} — {safe(finding.message)}"


def _passing_lines(findings: Sequence[Finding]) -> list[str]:
    """Passing checks, one line each, except row arithmetic: one line per table and column."""
    lines: list[str] = []
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.check is Check.ROW_ARITHMETIC:
            grouped.setdefault(finding.subject.rsplit(" · ", 1)[0], []).append(finding)
        else:
            lines.append(_finding_line(finding))
    for subject, rows in grouped.items():
        rounding = sum(f.status is Status.ROUNDING for f in rows)
        within = f" ({rounding} inom avrundningen)" if rounding else ""
        lines.append(f"  {subject} (radberäkning): alla {len(rows)} rader stämmer{within}.")
    return lines


def _section(title: str, lines: Sequence[str]) -> list[str]:
    return [f"{title} ({len(lines)}):", *lines, ""] if lines else []


def _doubt_line(draft: Draft, doubt: Doubt) -> str:
    record = f" {doubt.record}" if doubt.record else ""
    return f"  {_where(draft, doubt.line)} [{doubt.kind.value}{record}]: {safe(doubt.message)}"


def _unplaced_line(draft: Draft, item: Unplaced) -> str:
    return f'  {_where(draft, item.line)}: "{_short(item.text, 60)}" — {safe(item.reason)}'


def _organisation(draft: Draft) -> str:
    organisation = draft.facts.organisation
    return f"{safe(organisation.display_name)} ({organisation.code})"


def _committee(draft: Draft) -> str:
    committee = draft.facts.committee
    if not committee.registered:
        return f"{safe(committee.name)} (fri benämning)"
    return f"{safe(committee.name)} ({safe(committee.code)})"


def summary(draft: Draft, check: DraftCheck, folder: Path) -> str:
    """Everything the reviewer needs to know about a written draft, most urgent first."""
    facts = draft.facts
    source = draft.source
    pages = {line.page for line in source.lines if line.page is not None}
    origin = f"{source.name}, {len(pages)} sidor" if pages else source.name
    cells = draft.cell_count
    failing = [f for f in check.findings if f.status in FAILING]
    passing = [f for f in check.findings if f.status not in FAILING and f.check is not Check.UNLINKED]
    unlinked = [f for f in check.findings if f.check is Check.UNLINKED]
    residual = [f for f in passing if f.status is Status.RESIDUAL]
    not_checkable = [f for f in passing if f.status is Status.NOT_CHECKABLE]
    agreeing = [f for f in passing if f.status not in (Status.RESIDUAL, Status.NOT_CHECKABLE)]
    lines = [
        f"Utkast skrivet: {safe(str(folder))}",
        f"  Källa: {safe(origin)} → {len(source.lines)} rader text",
        f"  Dokument: {_short(facts.title, 80)} · {_organisation(draft)} · {_committee(draft)} "
        f"· {facts.year} · {facts.kind}" + (f" · {safe(facts.diarienummer)}" if facts.diarienummer else ""),
        "  Varifrån: " + "; ".join(f"{field} – {safe(origin)}" for field, origin in facts.origins),
        f"  Hittat: {len(draft.tables)} tabeller med {cells} belopp, "
        f"{len(draft.statements)} uppgifter i löptext, {len(draft.assignments)} uppdrag, "
        f"{len(draft.indicators)} indikatorer"
        + (
            f" ({check.indicators} i indicators.csv, alla i extraction/indicators.csv)."
            if draft.indicators
            else "."
        ),
        "",
    ]
    provenance = [
        f"  {safe(str(row.record))} {row.field}: '{_short(str(row.expected), 40)}' "
        f"står inte på rad {row.lines}"
        for row in check.provenance.itertuples()
    ]
    lines += _section("Stämmer inte – granska först", [_finding_line(f) for f in failing])
    lines += _section("Står inte där utkastet säger (spårbarhet)", provenance)
    lines += _section("Osäkert – kontrollera", [_doubt_line(draft, d) for d in draft.doubts])
    lines += _section("Kunde inte placeras", [_unplaced_line(draft, u) for u in draft.unplaced])
    lines += _section("Stämmer", _passing_lines(agreeing))
    lines += _section("Restposter (delarna täcker en del av totalen)", [_finding_line(f) for f in residual])
    lines += _section("Kan inte kontrolleras", [_finding_line(f) for f in not_checkable])
    if unlinked:
        lines += [
            f"Ej avstämda: {len(unlinked)} uppgifter har inget i utkastet att stämmas av mot.",
            "",
        ]
    if draft.statements:
        lines.append("Mått, fas och år för uppgifter i löptext är förslag; granska dem i statements.csv.")
    review = safe(str(folder / REVIEW_FILE))
    lines.append(f"Granskningslista med sida, rad och säkerhet för varje värde: {review}")
    return "\n".join(lines) + "\n"


def _printed(figure: KeyedFigure | None) -> str:
    if figure is None:
        return "–"
    return f"{'−' if figure.sign < 0 else ''}{figure.value_text} {figure.unit_text}"


def _percent(value: float) -> str:
    return "–" if math.isnan(value) else f"{format_number(100 * value, 1)} %"


def _lines(numbers: Sequence[int]) -> str:
    return f"rad {numbers[0]}" if numbers[0] == numbers[-1] else f"rad {numbers[0]}–{numbers[-1]}"


def comparison_text(compared: DocumentComparison, folder: Path) -> str:
    """The draft against hand-keyed data: the register row, figure by figure, then recall and precision."""
    comparison = compared.figures
    lines = [f"Jämförelse med handinmatade uppgifter (dokument {compared.doc_id} i {safe(str(folder))}):"]
    for name, keyed, drafted in compared.register:
        keyed, drafted = safe(keyed) or "–", safe(drafted) or "–"
        lines.append(f"  Dokumentets {REGISTER_WORDS[name]}: handinmatat {keyed}, utkast {drafted}.")
    if not compared.register:
        lines.append(f"  Dokumentets {', '.join(REGISTER_WORDS.values())} är lika.")
    for match in comparison.matches:
        if match.status is MatchStatus.SAME:
            continue
        figure = match.keyed or match.drafted
        assert figure is not None
        status = f"{match.status.value} ({match.note})" if match.note else match.status.value
        lines.append(
            f"  rad {figure.anchor[1]}: {status}: {_short(figure.label, 50)}: "
            f"handinmatat {_printed(match.keyed)}, utkast {_printed(match.drafted)}"
        )
    same = sum(m.status is MatchStatus.SAME for m in comparison.matches)
    lines.append(f"  {same} lika värden.")
    for differs in comparison.reinterpretations():
        count = len(differs.lines)
        values = f"{count} {'värde' if count == 1 else 'värden'}, {_lines(differs.lines)}"
        lines.append(
            f"  Lika värde, {OTHER_READING[differs.field]}: handinmatat {safe(differs.keyed)}, "
            f"utkast {safe(differs.drafted)} ({values})."
        )
    for kind in KINDS:
        word = "tabellvärden" if kind == "tabell" else "värden i löptext"
        lines.append(
            f"  {word.capitalize()}: täckning {_percent(comparison.recall(kind))} "
            f"({comparison.found(kind)} av {comparison.keyed_count(kind)} handinmatade), "
            f"precision {_percent(comparison.precision(kind))} "
            f"({comparison.right(kind)} av {comparison.drafted_count(kind)} i utkastet)."
        )
    return "\n".join(lines) + "\n"
