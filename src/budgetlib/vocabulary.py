"""Every allowed value of the data format, in one place.

``data/README.md`` lists the same values under *Allowed values*; a test fails
where the two disagree. A term may have aliases (other spellings analysts
use); the loader accepts them and keeps the term's own value.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Term:
    """One allowed value, what it means, and other spellings that mean the same."""

    value: str
    meaning: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """The allowed values of one kind of column."""

    name: str  # the column
    where: str  # the files that have the column
    terms: tuple[Term, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(term.value for term in self.terms)

    @property
    def spellings(self) -> Mapping[str, str]:
        """Every value and alias, to the value it stands for."""
        return MappingProxyType({s: t.value for t in self.terms for s in (t.value, *t.aliases)})

    def canonical(self, text: str) -> str | None:
        """The value ``text`` spells, or ``None`` if it is not allowed."""
        return self.spellings.get(text)


def _terms(*pairs: tuple[str, str] | tuple[str, str, tuple[str, ...]]) -> tuple[Term, ...]:
    return tuple(Term(*pair) for pair in pairs)


MEASURES = Vocabulary(
    "measure",
    "amounts.csv, statements.csv",
    _terms(
        ("intäkter", "income (intäkter), as printed: usually positive", ("intäkt",)),
        ("kostnader", "costs (kostnader); a driftredovisning prints them negative", ("kostnad",)),
        ("nettokostnad", "net cost: intäkter + kostnader when costs are printed negative", ("netto",)),
        ("budget", "the budgeted amount of a row, net unless the column says otherwise"),
        ("utfall", "the outcome of a row, net unless the column says otherwise"),
        ("prognos", "a forecast of the year's outcome"),
        ("budgetavvikelse", "deviation from budget; negative = over budget", ("avvikelse",)),
        ("resultat", "a result (årets resultat, verksamhetens resultat, finansnetto)"),
        ("balanskravsresultat", "the result after balanskravsjusteringar and RUR"),
        ("ram", "a net-cost frame (nettokostnadsram) set by fullmäktige"),
        ("anslag", "an appropriation"),
        ("förändring", "a change between two figures, in amount or percent"),
        ("tillskott", "a supplement (budgettillskott) to a frame or appropriation"),
        ("ramtillskott", "a frame increase by fullmäktige"),
        ("reducering", "a reduction of a frame or appropriation"),
        ("besparing", "a savings requirement", ("effektiviseringskrav",)),
        ("omfördelning", "money moved between committees or appropriations"),
        ("investering", "an investment (budget or outcome)"),
        ("prioritering", "a priority that the document funds"),
        ("ersättning", "a payment under a scheme (vårdval, per resource)"),
        ("åtgärdsbehov", "the savings the document says are needed"),
        ("personalkostnadsminskning", "an assignment to reduce staff costs"),
        ("fördelning", "an amount distributed to a recipient (statsbidrag per region)"),
        ("skatteintäkter", "tax revenue, with or without generella statsbidrag"),
        ("statsbidrag", "generella statsbidrag och utjämning"),
        ("lönekostnader", "staff costs (personalkostnader)", ("personalkostnader",)),
        ("reserv", "a reserve such as the resultatutjämningsreserv (RUR)"),
        ("andel", "a share, in percent"),
    ),
)

PHASES = Vocabulary(
    "phase",
    "amounts.csv, statements.csv",
    _terms(
        ("förslag", "proposed, not yet decided"),
        ("beslut", "decided (adopted budget, frame)"),
        ("prognos", "a forecast during the year"),
        ("utfall", "the outcome"),
        ("preliminär", "a preliminary outcome (bokslutskommuniké)", ("preliminärt utfall",)),
        ("bedömning", "an estimate or assessment"),
        ("reviderad", "a revised budget or frame"),
        ("plan", "a plan year after the budget year (plan 2027–2028)"),
    ),
)

DOCUMENT_KINDS = Vocabulary(
    "kind",
    "documents.csv",
    _terms(
        ("regionplan", "a region's plan and budget"),
        ("mål och budget", "a kommun's plan and budget", ("budget och plan",)),
        ("budget", "a budget document (detaljbudget, internbudget)"),
        ("beslut", "a decision"),
        ("tjänsteskrivelse", "an officials' report to a committee"),
        ("ärendebeskrivning", "a case description"),
        ("nämndplan", "a committee's plan", ("verksamhetsplan",)),
        ("tertialrapport", "a four-month report"),
        ("delårsrapport", "the statutory interim report"),
        ("månadsrapport", "a monthly follow-up"),
        ("bokslutskommuniké", "a preliminary year-end statement"),
        ("årsredovisning", "the annual report"),
        ("protokoll", "minutes"),
        ("protokollsutdrag", "an extract of minutes"),
        ("kallelse", "a notice of meeting with its papers"),
        ("pressmeddelande", "a press release"),
        ("nyhet", "a news item on the organisation's website"),
        ("fördelning", "a distribution of money to recipients (statsbidrag to regions)"),
    ),
)

TABLE_RELATIONS = Vocabulary(
    "relation",
    "tables.csv",
    _terms(
        ("sum", "parts add up to the total row per column; children to their parent"),
        ("partial_sum", "the named parts cover only part of the total"),
        ("bridge", "per column: opening + components = closing, with subtotals on the way"),
        ("none", "no claim between the rows"),
    ),
)

ROLES = Vocabulary(
    "role",
    "amounts.csv",
    _terms(
        ("part", "a part of the total (or of its parent row)"),
        ("total", "the table's total of its top-level parts"),
        ("opening", "the first figure of a bridge"),
        ("component", "a step of a bridge"),
        ("subtotal", "a running result inside a bridge: opening and components so far"),
        ("closing", "the last figure of a bridge"),
        ("item", "a row in no sum"),
    ),
)

RELATION_KINDS = Vocabulary(
    "kind",
    "relations.csv",
    _terms(
        ("equals", "the stated figure is the same quantity as the signed terms"),
        ("sum", "the stated figure is the sum of the terms"),
        ("bridge", "the stated figure closes a bridge whose steps are the terms, in order"),
        ("residual", "the terms are named parts of the stated total; the rest is unitemised or explained"),
        ("percent", "stated % = 100 · terms / base"),
        ("per_inhabitant", "stated kr/invånare = terms in kronor / the organisation's population"),
        ("repeated", "one quantity printed twice in one document: stated and its one term"),
        ("revision", "the stated (later) figure restates the term (earlier), as the document declares"),
    ),
)

QUALIFIERS = Vocabulary(
    "qualifier",
    "statements.csv",
    _terms(
        ("drygt", "a little over"),
        ("knappt", "a little under"),
        ("cirka", "about"),
    ),
)

ASSIGNMENT_STATUSES = Vocabulary(
    "status",
    "assignments.csv",
    _terms(("Ej påbörjad", "not started"), ("Pågående", "in progress"), ("Klar", "done")),
)
DIRECTIONS = Vocabulary(
    "desired_direction", "indicators.csv", _terms(("öka", "should rise"), ("minska", "should fall"))
)
UNIT_SOURCES = Vocabulary(
    "unit_source",
    "indicators.csv",
    _terms(
        ("i texten", "printed beside the figures"),
        ("indikatorns namn", "given by the indicator's name"),
        ("antagen", "not printed: assumed (see the assumptions log)"),
    ),
)
VOTE_CHOICES = Vocabulary("vote", "voters.csv", _terms(("ja", "yes"), ("nej", "no"), ("avstår", "abstains")))
POSITIONS = Vocabulary(
    "position",
    "positions.csv",
    _terms(
        ("reservation", "a dissent"),
        ("protokollsanteckning", "a note to the minutes"),
        ("deltar ej", "does not take part"),
    ),
)
CATEGORIES = Vocabulary(
    "category",
    "categories.csv",
    _terms(
        ("Personal", "staff costs"),
        ("Läkemedel", "medicines"),
        ("Primärvård/vårdval", "primary care and patient choice"),
        ("Psykiatri", "psychiatry"),
        ("Vårdplatser", "hospital beds"),
        ("Medicinskt material", "medical supplies"),
        ("Tandvård", "dental care"),
        ("Forskning", "research"),
        ("Sociala avgifter", "social security contributions"),
        ("Remitterad vård", "care bought elsewhere"),
        ("Nya metoder/NHV", "new methods, national highly specialised care"),
        ("Prioriteringar", "priorities not itemised further"),
        ("Övrigt", "none of the above (the note says what)"),
    ),
)
UNCATEGORISED = "Utan kategori"  # the category of a line item that categories.csv does not place
ORG_KINDS = Vocabulary(
    "org_kind",
    "the organisation register",
    _terms(
        ("kommun", "one of the 290 kommuner"), ("region", "one of the 21 regioner"), ("stat", "the state")
    ),
)

MISSING_ANSWER = "Svar saknas"  # printed where an indicator has no value

CHOICE_VOCABULARIES = (
    MEASURES,
    PHASES,
    DOCUMENT_KINDS,
    TABLE_RELATIONS,
    ROLES,
    RELATION_KINDS,
    QUALIFIERS,
    ASSIGNMENT_STATUSES,
    DIRECTIONS,
    UNIT_SOURCES,
    VOTE_CHOICES,
    POSITIONS,
    CATEGORIES,
    ORG_KINDS,
)


@dataclass(frozen=True)
class UnitTerm:
    """A unit as printed, its base unit and the factor to it; aliases are other spellings."""

    value: str
    base: str
    factor: float
    meaning: str
    aliases: tuple[str, ...] = ()


MKR = "mkr"
PERCENT = "%"
PERCENTAGE_POINTS = "p.e."
KR_PER_INHABITANT = "kr/inv"

UNITS = (
    UnitTerm("kr", MKR, 1e-6, "kronor", ("kronor",)),
    UnitTerm("tkr", MKR, 1e-3, "thousand kronor", ("tusen kronor",)),
    UnitTerm("mkr", MKR, 1.0, "million kronor", ("mnkr", "miljoner kronor", "miljon kronor", "miljoner")),
    UnitTerm("mdkr", MKR, 1e3, "billion kronor", ("mdr", "miljarder kronor", "miljard kronor", "miljarder")),
    UnitTerm("%", PERCENT, 1.0, "percent", ("procent",)),
    UnitTerm("p.e.", PERCENTAGE_POINTS, 1.0, "percentage points", ("procentenheter", "procentenhet")),
    UnitTerm(
        "kr/inv",
        KR_PER_INHABITANT,
        1.0,
        "kronor per inhabitant",
        ("kr/invånare", "kronor per invånare", "kr per invånare"),
    ),
)
BASE_UNITS = (MKR, PERCENT, PERCENTAGE_POINTS, KR_PER_INHABITANT)
UNIT_SPELLINGS: Mapping[str, UnitTerm] = MappingProxyType(
    {spelling: unit for unit in UNITS for spelling in (unit.value, *unit.aliases)}
)
