"""The tidy data format: every file, its columns, what each column may hold.

``data/README.md`` is the human-readable version of this module; keep them in step.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from budgetlib import columns as c
from budgetlib import vocabulary as v
from budgetlib.vocabulary import MISSING_ANSWER as MISSING_ANSWER
from budgetlib.vocabulary import Vocabulary

CURRENT_FORMAT = 2  # the format this version reads and writes (formats: how format 1 reads as format 2)
FIRST_YEAR, LAST_YEAR = 1900, 2200  # budget years, dates and reference years must lie within


class Kind(Enum):
    """What a column holds; the loader checks and converts each kind."""

    TEXT = "text"
    INT = "int"  # digits 0–9, optional leading minus, at most 15 digits
    YEAR = "year"  # an int from 1900 to 2200
    DATE = "date"
    LINE = "line"  # a line number in the document's source file (1-based)
    NUMBER = "number"  # a figure as printed, Swedish format
    UNIT = "unit"  # a unit as printed (mkr, miljoner kronor, procent …)
    SIGN = "sign"  # 1 or -1: the direction the words give ("reducerats med")
    QUANTITY = "quantity"  # number with optional unit ("41 %"); blank or "Svar saknas" = missing
    CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    """A column: what it holds, whether a cell may be blank, and for a choice its vocabulary.

    An optional line column ``locates`` an optional text column: it is given exactly when that text is.
    """

    name: str
    kind: Kind = Kind.TEXT
    required: bool = True
    vocabulary: Vocabulary | None = None
    locates: str | None = None


@dataclass(frozen=True)
class FileSchema:
    """A data file: its columns and key. Only a ``required`` file must exist in a data folder."""

    file: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    required: bool = False

    @property
    def names(self) -> list[str]:
        return [col.name for col in self.columns]


SIGN_COLUMN = Column(c.SIGN, Kind.SIGN)
PHASE_COLUMN = Column(c.PHASE, Kind.CHOICE, vocabulary=v.PHASES)
MEASURE_COLUMN = Column(c.MEASURE, Kind.CHOICE, vocabulary=v.MEASURES)

COMMITTEES = FileSchema("committees.csv", (Column(c.NAMND), Column(c.NAME)), key=(c.NAMND,))
DOCUMENTS = FileSchema(
    "documents.csv",
    (
        Column(c.DOC_ID),
        Column(c.DIARIENUMMER, required=False),
        Column(c.ORGANISATION),
        Column(c.NAMND),
        Column(c.BUDGET_YEAR, Kind.YEAR),
        Column(c.KIND, Kind.CHOICE, vocabulary=v.DOCUMENT_KINDS),
        Column(c.DATE, Kind.DATE, required=False),
        Column(c.TITLE),
        Column(c.TITLE_LINE, Kind.LINE),
        Column(c.SOURCE_FILE),
    ),
    key=(c.DOC_ID,),
    required=True,
)
NAMND_OVERRIDE = Column(c.NAMND, required=False)  # the committee, where not the document's
ORGANISATION_OVERRIDE = Column(c.ORGANISATION, required=False)  # the organisation a row is about

TABLES = FileSchema(
    "tables.csv",
    (
        Column(c.TABLE_ID),
        Column(c.DOC_ID),
        NAMND_OVERRIDE,
        Column(c.TITLE),
        Column(c.RELATION, Kind.CHOICE, vocabulary=v.TABLE_RELATIONS),
        Column(c.DERIVED, required=False),
        Column(c.FIRST_LINE, Kind.LINE),
        Column(c.LAST_LINE, Kind.LINE),
    ),
    key=(c.TABLE_ID,),
)
AMOUNTS = FileSchema(
    "amounts.csv",
    (
        Column(c.TABLE_ID),
        Column(c.ROW_ID),
        Column(c.LABEL),
        Column(c.ROLE, Kind.CHOICE, vocabulary=v.ROLES),
        Column(c.PARENT, required=False),
        NAMND_OVERRIDE,
        ORGANISATION_OVERRIDE,
        Column(c.COLUMN_ID),
        Column(c.COLUMN),
        Column(c.YEAR, Kind.YEAR),
        PHASE_COLUMN,
        MEASURE_COLUMN,
        Column(c.VALUE_TEXT, Kind.NUMBER),
        SIGN_COLUMN,
        Column(c.UNIT_TEXT, Kind.UNIT),
        Column(c.UNIT_LINE, Kind.LINE),
        Column(c.LINE, Kind.LINE),
    ),
    key=(c.TABLE_ID, c.ROW_ID, c.COLUMN_ID),
)
STATEMENTS = FileSchema(
    "statements.csv",
    (
        Column(c.STATEMENT_ID),
        Column(c.DOC_ID),
        NAMND_OVERRIDE,
        ORGANISATION_OVERRIDE,
        Column(c.LABEL),
        MEASURE_COLUMN,
        Column(c.YEAR, Kind.YEAR),
        PHASE_COLUMN,
        Column(c.QUALIFIER, Kind.CHOICE, required=False, vocabulary=v.QUALIFIERS),
        Column(c.VALUE_TEXT, Kind.NUMBER),
        SIGN_COLUMN,
        Column(c.UNIT_TEXT, Kind.UNIT),
        Column(c.UNIT_LINE, Kind.LINE),
        Column(c.LINE, Kind.LINE),
    ),
    key=(c.STATEMENT_ID,),
)
RELATIONS = FileSchema(
    "relations.csv",
    (
        Column(c.RELATION_ID),
        Column(c.KIND, Kind.CHOICE, vocabulary=v.RELATION_KINDS),
        Column(c.STATED),
        Column(c.TERMS),
        Column(c.BASE, required=False),
        Column(c.EXPLAINED_BY, required=False),
        Column(c.REMAINDER, required=False),
        Column(c.NOTE),
    ),
    key=(c.RELATION_ID,),
)
INDICATORS = FileSchema(
    "indicators.csv",
    (
        Column(c.INDICATOR_ID),
        Column(c.DOC_ID),
        Column(c.GOAL),
        Column(c.SUBGOAL, required=False),  # a kommun's table often has no delmål
        Column(c.INDICATOR),
        Column(c.UNIT),
        Column(c.UNIT_SOURCE, Kind.CHOICE, vocabulary=v.UNIT_SOURCES),
        Column(c.DESIRED_DIRECTION, Kind.CHOICE, required=False, vocabulary=v.DIRECTIONS),
        Column(c.FREQUENCY, required=False),  # periodicitet, where the table prints one
        Column(c.OUTCOME_YEAR, Kind.YEAR),
        Column(c.OUTCOME_TEXT, Kind.QUANTITY, required=False),
        Column(c.TARGET_YEAR, Kind.YEAR),
        Column(c.TARGET_TEXT, Kind.QUANTITY, required=False),
        Column(c.GOAL_LINE, Kind.LINE),
        Column(c.SUBGOAL_LINE, Kind.LINE, required=False, locates=c.SUBGOAL),
        Column(c.LINE, Kind.LINE),
        Column(c.VALUE_LINE, Kind.LINE),
        Column(c.FREQUENCY_LINE, Kind.LINE, required=False, locates=c.FREQUENCY),
    ),
    key=(c.INDICATOR_ID,),
)
ASSIGNMENTS = FileSchema(
    "assignments.csv",
    (
        Column(c.ASSIGNMENT_ID),
        Column(c.DOC_ID),
        Column(c.ASSIGNMENT),
        Column(c.STATUS, Kind.CHOICE, vocabulary=v.ASSIGNMENT_STATUSES),
        Column(c.STATUS_TEXT),
        Column(c.DIRECTED_TO, required=False),
        Column(c.FREQUENCY, required=False),
        Column(c.END_DATE, Kind.DATE, required=False),
        Column(c.AMOUNT_REF, required=False),
        Column(c.PROGRESS, required=False),
        Column(c.STATUS_LINE, Kind.LINE),
        Column(c.LINE, Kind.LINE),
        Column(c.LINE_END, Kind.LINE),
    ),
    key=(c.ASSIGNMENT_ID,),
)
MOTIONS = FileSchema(
    "motions.csv",
    (
        Column(c.MOTION_ID),
        Column(c.DOC_ID),
        Column(c.MEMBER),
        Column(c.PARTY),
        Column(c.MOTION),
        Column(c.LINE, Kind.LINE),
    ),
    key=(c.MOTION_ID,),
)
VOTES = FileSchema(
    "votes.csv",
    (
        Column(c.VOTE_ID),
        Column(c.DOC_ID),
        Column(c.QUESTION),
        Column(c.JA_MEANS),
        Column(c.NEJ_MEANS),
        Column(c.JA, Kind.INT),
        Column(c.NEJ, Kind.INT),
        Column(c.AVSTAR, Kind.INT),
        Column(c.LINE, Kind.LINE),
    ),
    key=(c.VOTE_ID,),
)
VOTERS = FileSchema(
    "voters.csv",
    (
        Column(c.VOTE_ID),
        Column(c.MEMBER),
        Column(c.PARTY),
        Column(c.MEMBER_ROLE),
        Column(c.VOTE, Kind.CHOICE, required=False, vocabulary=v.VOTE_CHOICES),
        Column(c.LINE, Kind.LINE),
    ),
    key=(c.VOTE_ID, c.MEMBER),
)
POSITIONS_FILE = FileSchema(
    "positions.csv",
    (
        Column(c.DOC_ID),
        Column(c.MEMBER),
        Column(c.PARTY),
        Column(c.POSITION, Kind.CHOICE, vocabulary=v.POSITIONS),
        Column(c.STATEMENT),
        Column(c.LINE, Kind.LINE),
        Column(c.LINE_END, Kind.LINE),
    ),
    key=(c.DOC_ID, c.MEMBER, c.POSITION),
)

CATEGORIES = FileSchema(
    "categories.csv",
    (
        Column(c.FIGURE_ID),
        Column(c.CATEGORY, Kind.CHOICE, vocabulary=v.CATEGORIES),
        Column(c.NOTE, required=False),
    ),
    key=(c.FIGURE_ID,),
)
POPULATION = FileSchema(
    "reference/population.csv",
    (
        Column(c.AREA),
        Column(c.ORG_CODE),
        Column(c.DATE, Kind.DATE),
        Column(c.POPULATION, Kind.INT),
        Column(c.REFERENCE_SOURCE),
    ),
    key=(c.ORG_CODE, c.DATE),
)
KOLADA = FileSchema(
    "reference/kolada_n70061.csv",
    (
        Column(c.KPI),
        Column(c.KPI_TITLE),
        Column(c.AREA),
        Column(c.KOLADA_ID),
        Column(c.YEAR, Kind.YEAR),
        Column(c.VALUE, Kind.INT),
        Column(c.UNIT),
        Column(c.REFERENCE_SOURCE),
    ),
    key=(c.KPI, c.KOLADA_ID, c.YEAR),
)

CONCLUSIONS = FileSchema(
    "conclusions.csv",
    (
        Column(c.CONCLUSION_ID),
        Column(c.DOC_ID),
        Column(c.CONCLUSION),
        Column(c.LINE, Kind.LINE),
        Column(c.LINE_END, Kind.LINE),
    ),
    key=(c.CONCLUSION_ID,),
)
ALL_FILES = (
    COMMITTEES,
    DOCUMENTS,
    TABLES,
    AMOUNTS,
    STATEMENTS,
    RELATIONS,
    INDICATORS,
    ASSIGNMENTS,
    MOTIONS,
    VOTES,
    VOTERS,
    POSITIONS_FILE,
    CONCLUSIONS,
    CATEGORIES,
    POPULATION,
    KOLADA,
)
