"""Figures stated in running text: a number followed by its unit, read with the words around it.

Lines that belong to a table are left out. Paragraphs are read as one text so
that a figure whose unit runs onto the next line ("21,3 / miljoner kronor") is
found; the figure's line is where the number stands, the unit line where the
unit starts. The words before a figure give its qualifier (drygt, knappt,
cirka), its direction ("underskott", "minskat med": sign −1, reported as a
doubt), and suggest its measure, phase and year.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from budgetlib.extract.draft import Confidence, Doubt, DoubtKind, Printed, Statement, Unplaced
from budgetlib.extract.phases import DECISION_WORDS, PhaseContext, document_phase, report_phase
from budgetlib.extract.reading import SourceLine, SourceText
from budgetlib.extract.tokens import (
    canonical,
    is_number,
    is_writable_unit,
    normalise_unit,
    number_before,
    unit_pattern,
)
from budgetlib.extract.vocabulary import (
    DECREASE,
    DEFAULT_PHASE,
    FREQUENCY,
    FUNCTION_WORDS,
    INCREASE,
    PERSONNEL_CUT,
    PHASE_RULES,
    QUALIFIER_BEFORE,
    QUALIFIERS,
    first_match,
    measure_in_context,
    years_in,
)

LABEL_WORDS = 10
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|^\s*[•·▪●○◦■\-–*]\s+|\n\s*[•·▪●○◦■\-–*]\s+")
RANGE_BEFORE = re.compile(r"\d\s*[-–]\s*\d+(?:,\d+)?$")
MONEY_CONTEXT = re.compile(
    r"kron|\bkr\b|budget|kostnad|\bram|intäkt|anslag|tillskott|ersättning|investering|underskott|överskott|"
    r"besparing|medel|pengar|resultat|avvikelse",
    re.IGNORECASE,
)
BARE_MILLIONS = re.compile(r"^(miljoner|miljarder)$", re.IGNORECASE)
REALLOCATION = re.compile(r"\b(omfördelning|omfördelas|överförs|överföring)\w*", re.IGNORECASE)
OUTGOING = re.compile(r"\s*(?:\S+\s+){0,2}?till\b", re.IGNORECASE)


@dataclass(frozen=True)
class FoundStatements:
    statements: tuple[Statement, ...]
    doubts: tuple[Doubt, ...]
    unplaced: tuple[Unplaced, ...]


@dataclass(frozen=True)
class _Paragraph:
    """Consecutive lines of running text, read as one text joined by newlines."""

    lines: tuple[SourceLine, ...]

    @cached_property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @cached_property
    def _starts(self) -> list[int]:
        starts = [0]
        for line in self.lines[:-1]:
            starts.append(starts[-1] + len(line.text) + 1)
        return starts

    def line_at(self, offset: int) -> int:
        """The source line a character of the text stands on."""
        return self.lines[bisect.bisect_right(self._starts, offset) - 1].number


def _numbers_only(text: str) -> bool:
    """A line of bare figures ("204 801 150 000", "41 % 60 % År"): values without a label.

    A reporting frequency after the figures (an indicator table's last column) does not make
    them a sentence.
    """
    tokens = [t for t in text.replace("%", " % ").split() if t != "%"]
    figures = 0
    while figures < len(tokens) and is_number(tokens[figures]):
        figures += 1
    rest = " ".join(tokens[figures:])
    return figures > 0 and (not rest or FREQUENCY.match(rest) is not None)


def _paragraphs(source: SourceText, claimed: frozenset[int]) -> tuple[list[_Paragraph], list[SourceLine]]:
    """Runs of text lines outside tables, and the lines that hold bare figures."""
    paragraphs: list[_Paragraph] = []
    bare: list[SourceLine] = []
    current: list[SourceLine] = []
    for line in source.lines:
        bare_figures = line.number not in claimed and _numbers_only(line.text)
        if line.number in claimed or not line.text.strip() or bare_figures:
            bare += [line] if bare_figures else []
            paragraphs += [_Paragraph(tuple(current))] if current else []
            current = []
        else:
            current.append(line)
    return paragraphs + ([_Paragraph(tuple(current))] if current else []), bare


HEADING_LINE = re.compile(r"(?:^|\n)\s*[A-ZÅÄÖ][^\n.!?:;,]{0,40}\n(?=\s*[A-ZÅÄÖ])")


def _sentence_start(text: str, position: int) -> int:
    """Where the sentence holding ``position`` starts; a short heading line ends a sentence too."""
    starts = [m.end() for m in SENTENCE_END.finditer(text, 0, position)]
    starts += [m.end() for m in HEADING_LINE.finditer(text, 0, position) if len(m.group(0).split()) <= 4]
    return max(starts, default=0)


def _label(before: str, sentence: str) -> str:
    """What the figure is about, in the document's words: the clause before it (or its sentence)."""
    words = before.split()
    if not any(ch.isalpha() for ch in before):
        words = unit_pattern().sub(" ", re.sub(r"\d[\d ,]*", " ", sentence)).split()
    while words and (words[-1].lower().strip(",") in FUNCTION_WORDS or QUALIFIER_BEFORE.search(words[-1])):
        words.pop()
    words = words[-LABEL_WORDS:]
    text = " ".join(words).strip(" ,;:–-")
    return (text[:1].upper() + text[1:]) if text else "Uppgift i löptext"


@dataclass(frozen=True)
class _Direction:
    """The direction words give, carried through a sentence until a clause says otherwise."""

    sentence: int = -1
    sign: int = 1
    word: str = ""


def _direction(clause: str, after: str, sentence: int, carried: _Direction) -> _Direction:
    """The sign the words give; a reallocation *to* another area leaves this one (sign −1)."""
    if REALLOCATION.search(clause) and OUTGOING.match(after):
        return _Direction(sentence, -1, f"{REALLOCATION.search(clause).group(0)} … till")  # type: ignore[union-attr]
    down, up = DECREASE.search(clause), INCREASE.search(clause)
    if down and (not up or down.start() > up.start()):
        return _Direction(sentence, -1, down.group(0))
    if up:
        return _Direction(sentence, 1, "")
    return carried if carried.sentence == sentence else _Direction(sentence)


@dataclass(frozen=True)
class _Span:
    """A number and its unit in a paragraph's text, with the sentence around them."""

    start: int
    unit_start: int
    end: int  # end of the unit
    number: str
    unit_text: str
    sentence: tuple[int, int]


def _sentence_end(text: str, position: int) -> int:
    found = SENTENCE_END.search(text, position)
    return found.start() if found else len(text)


def _spans(paragraph: _Paragraph, unplaced: list[Unplaced], source: SourceText) -> list[_Span]:
    text = paragraph.text
    spans = []
    for match in unit_pattern().finditer(text):
        found = number_before(text, match.start())
        if found is None:
            if RANGE_BEFORE.search(text[: match.start()].rstrip()):
                line = paragraph.line_at(match.start())
                unplaced.append(
                    Unplaced(line, source.line(line).text.strip(), "ett intervall, inget enskilt tal")
                )
            continue
        start, number = found
        sentence = (_sentence_start(text, start), _sentence_end(text, match.end()))
        spans.append(
            _Span(start, match.start(), match.end(), number, normalise_unit(match.group(0)), sentence)
        )
    return spans


def _unplaceable(span: _Span, text: str) -> str:
    """Why a figure cannot be a statement ('' when it can)."""
    if not is_writable_unit(span.unit_text):
        return f"enheten '{span.unit_text}' är ingen av dataformatets enheter"
    if BARE_MILLIONS.match(span.unit_text) and not MONEY_CONTEXT.search(text[slice(*span.sentence)]):
        return f"'{span.number} {span.unit_text}' utan kronor i meningen; oklart om det är ett belopp"
    return ""


def _statement(
    paragraph: _Paragraph,
    spans: Sequence[_Span],
    index: int,
    carried: _Direction,
    statement_id: str,
    doc_year: int,
    document: PhaseContext,
) -> tuple[Statement, _Direction]:
    """The statement a figure makes, read with the words of its clause and sentence."""
    text, span = paragraph.text, spans[index]
    previous_end = spans[index - 1].end if index else 0
    following = spans[index + 1].start if index + 1 < len(spans) else len(text)
    sentence_start, sentence_end = span.sentence
    clause = text[max(sentence_start, previous_end) : span.start]
    context = text[max(sentence_start, previous_end) : min(sentence_end, following)]
    sentence = text[sentence_start:sentence_end]
    direction = _direction(clause, text[span.end :], sentence_start, carried)
    sign, measure = _sign_and_measure(span, clause, sentence, direction)
    reasons = ["belopp och enhet i löptext"] + (
        [f"tecken −1 av ordet '{direction.word}'"] if sign < 0 else []
    )
    qualifier = QUALIFIER_BEFORE.search(text[: span.start])
    years = [y for y in years_in(context) if str(y) != canonical(span.number)]
    number_line, unit_line = paragraph.line_at(span.start), paragraph.line_at(span.unit_start)
    statement = Statement(
        statement_id,
        _label(clause, sentence),
        Printed(canonical(span.number), sign, span.unit_text, unit_line, number_line),
        QUALIFIERS[qualifier.group(1).lower()] if qualifier else "",
        measure,
        _phase(sentence, text, document),
        years[0] if len(set(years)) == 1 else doc_year,
        Confidence.CHECK if sign < 0 else Confidence.CERTAIN,
        "; ".join(reasons),
        " ".join(context.split()),
    )
    return statement, direction


def _phase(sentence: str, paragraph: str, document: PhaseContext) -> str:
    """The sentence's own phase word; else the report its paragraph speaks of ("i delårsrapporten per
    augusti …"), else the document's phase in an annual or follow-up report (an outcome is never
    drafted as a decision); else a decision."""
    own = first_match(PHASE_RULES, sentence, "")
    if own:
        return own
    if DECISION_WORDS.search(sentence):
        return "beslut"
    return report_phase(paragraph) or document.phase or DEFAULT_PHASE


def find_statements(
    source: SourceText, claimed: frozenset[int], doc_id: str, doc_year: int
) -> FoundStatements:
    """Every figure with a unit in the running text outside tables."""
    statements: list[Statement] = []
    doubts: list[Doubt] = []
    paragraphs, bare = _paragraphs(source, claimed)
    document = document_phase(source.lines)
    unplaced = [Unplaced(line.number, line.text.strip(), "tal utan text (rubrik saknas)") for line in bare]
    for paragraph in paragraphs:
        carried = _Direction()
        spans = _spans(paragraph, unplaced, source)
        for index, span in enumerate(spans):
            reason = _unplaceable(span, paragraph.text)
            if reason:
                line = paragraph.line_at(span.start)
                unplaced.append(Unplaced(line, source.line(line).text.strip(), reason))
                continue
            statement_id = f"s{doc_id}_{len(statements) + 1:02d}"
            statement, carried = _statement(
                paragraph, spans, index, carried, statement_id, doc_year, document
            )
            statements.append(statement)
            if statement.printed.sign < 0:
                message = (
                    f"Talet {span.number} {span.unit_text} läses som negativt av ordet '{carried.word}'."
                )
                doubts.append(Doubt(DoubtKind.SIGN, statement.printed.line, message, statement_id))
    return FoundStatements(tuple(statements), tuple(doubts), tuple(sorted(unplaced, key=lambda u: u.line)))


def _sign_and_measure(span: _Span, clause: str, sentence: str, direction: _Direction) -> tuple[int, str]:
    """The sign the words give and the measure they suggest.

    A cut in personnel costs is its own measure, printed positive ("minska personalkostnaden
    motsvarande 250 miljoner kronor"); a figure printed with a minus keeps sign 1.
    """
    if PERSONNEL_CUT.search(sentence) and re.search(r"minsk|sänk", sentence, re.IGNORECASE):
        return 1, "personalkostnadsminskning"
    measure = measure_in_context(clause, sentence)
    printed_negative = canonical(span.number).startswith(("-", "−", "–"))
    return (-1 if direction.sign < 0 and not printed_negative else 1), measure
