"""The phase of a figure: outcome (utfall), forecast (prognos), decision (beslut) or proposal (förslag).

A column's own heading decides first: *Utfall 2024*, *Bokslut 2024*,
*Redovisat 2024* are outcomes, *Prognos* a forecast, *Förslag* or *Ram 2026
(förslag)* a proposal, *Budget 2025*, *Beslutad budget* or *Ram* a decision.
A heading without such a word (*Netto*, *Avvikelse*, *2024*) takes the phase
of its table's caption ("Driftredovisning per nämnd 2024"), else of the
document's title and head ("Årsredovisning 2024", "Delårsrapport … prognos"),
and says so; only where nothing says anything is it a decision. A follow-up
report that says neither *prognos* nor *utfall* leaves its phase unclear:
read as an outcome, and listed for the reviewer. An outcome is never drafted
as a decision because a heading is silent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from budgetlib.extract.reading import SourceLine
from budgetlib.extract.vocabulary import PHASE_RULES, first_match

DECISION_WORDS = re.compile(r"\b(budget|ram|ramar|beslut|beslutad|beslutade|anslag)", re.IGNORECASE)
FOLLOW_UP = re.compile(
    r"delårsrapport|delårsbokslut|tertialrapport|tertialuppföljning|månadsrapport|månadsuppföljning"
    r"|uppföljning",
    re.IGNORECASE,
)
OUTCOME = re.compile(
    r"årsredovisning|årsbokslut|bokslut|driftredovisning|verksamhetsberättelse|resultaträkning",
    re.IGNORECASE,
)
FORECAST = re.compile(r"prognos", re.IGNORECASE)
OUTCOME_WORD = re.compile(r"utfall", re.IGNORECASE)
PROPOSAL = re.compile(r"förslag", re.IGNORECASE)
HEAD_LINES = 8  # the non-blank lines of a document's head, where its title names what it is
TITLE_WORDS = 8  # a title or letterhead line is short and starts a line, not a sentence running on


@dataclass(frozen=True)
class PhaseContext:
    """The phase some words give a figure without a phase of its own; blank where they give none."""

    phase: str = ""
    words: str = ""  # the words it was read from, for the reviewer
    clear: bool = True


def context_phase(text: str) -> PhaseContext:
    """The phase a caption or a document's head gives the figures under it."""
    words = " ".join(text.split())
    if FOLLOW_UP.search(words):
        if FORECAST.search(words):
            return PhaseContext("prognos", words)
        if OUTCOME_WORD.search(words):
            return PhaseContext("utfall", words)
        return PhaseContext("utfall", words, clear=False)
    if OUTCOME.search(words):
        return PhaseContext("utfall", words)
    if FORECAST.search(words):
        return PhaseContext("prognos", words)
    if PROPOSAL.search(words):
        return PhaseContext("förslag", words)
    return PhaseContext()


REPORT_NAMED = re.compile(
    r"delårsrapport\w*|tertialrapport\w*|årsredovisning\w*|bokslut\w*|driftredovisning\w*", re.IGNORECASE
)


def report_phase(paragraph: str) -> str:
    """The phase of the report a paragraph speaks of (``i delårsrapporten per augusti``), or ''."""
    return (
        context_phase(" ".join(REPORT_NAMED.findall(paragraph))).phase
        if REPORT_NAMED.search(paragraph)
        else ""
    )


def document_phase(lines: Sequence[SourceLine]) -> PhaseContext:
    """The phase a document's title and head give its figures (see :func:`context_phase`)."""
    head = [line.text.strip() for line in lines if line.text.strip()][:HEAD_LINES]
    titles = [
        text
        for text in head
        if len(text.split()) <= TITLE_WORDS
        and not text[:1].islower()
        and not re.search(r"\t|\S\s{2,}\S", text)
    ]  # a table's heading row, laid out in cells, is no title
    for text in titles:  # the first title line that names a kind of document decides
        found = context_phase(text)
        if found.phase and (len(text.split()) > 1 or OUTCOME.search(text) or FOLLOW_UP.search(text)):
            return found  # a lone "Förslag" or "Prognos" is a column heading's fragment, no title
    return PhaseContext()


@dataclass(frozen=True)
class ColumnPhase:
    phase: str
    origin: str  # blank: the heading's own word (or the default); else where the phase came from
    clear: bool = True


def column_phase(heading: str, caption: str, document: PhaseContext) -> ColumnPhase:
    """A column's phase: its heading's word, else its caption's, else the document's, else beslut."""
    own = first_match(PHASE_RULES, heading, "")
    if own:
        return ColumnPhase(own, "")
    if DECISION_WORDS.search(heading):
        return ColumnPhase("beslut", "")
    from_rules = first_match(PHASE_RULES, caption, "")
    if from_rules:
        return ColumnPhase(from_rules, "")
    from_caption = context_phase(caption)
    if from_caption.phase:
        return ColumnPhase(from_caption.phase, f"tabellens rubrik '{from_caption.words}'", from_caption.clear)
    if document.phase:
        return ColumnPhase(document.phase, f"dokumentets titel '{document.words}'", document.clear)
    return ColumnPhase("beslut", "")
