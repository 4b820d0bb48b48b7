"""Synthetic data folders in budgetlib's data format (version 1), for benchmarks and the findings harness.

    .venv/bin/python benchmarks/synthetic_data.py OUT --figures 100000 [--seed 1]
        [--organisations N] [--committees K] [--years 2024 2025]

Organisations × nämnder × budget years, each with a plan (nämndplan: a bridge
from last year's frame, an allocation table with parent and child rows and a
derived change column, supplements, a partial investment list, goals and
assignments, statements in the running text), a delårsrapport (forecast
deviation per area, statements, links back to the plan) and sometimes a
protokoll (motions, a vote with its list, reservations, the adopted frame).
Every figure stands on its cited line of a generated source text, so the
provenance and line checks hold.

True values are drawn at full precision and every figure is rounded on its
own, as published figures are: totals then differ from the sum of their parts
within the rounding tolerance. A few deliberate faults are planted: typos in
totals (mismatch), a frame written as "9,1 mnkr" (unit slip), revised budgets
between documents, vote lists that do not match the count. The first
organisation, nämnd and year carries every kind, so a small folder has them too.

The first 21 organisations are the real regions (real names and län codes,
synthetic figures); further organisations are the register's kommuner (real
names and codes, synthetic figures), so at most 311 organisations. The output
is a pure function of the arguments: same arguments, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import random
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from budgetlib.organisations import organisation_register

GENERATOR_VERSION = "3"  # 3: real kommuner from the register after the 21 regions
FIGURES_PER_COMBINATION = 300  # a plan, a delårsrapport, sometimes a protokoll
DEFAULT_YEARS = (2022, 2023, 2024, 2025)
SYNTHETIC_SOURCE = "Syntetiska data (budgetlib benchmarks/synthetic_data.py), inga verkliga uppgifter"

REGIONS = (
    ("Region Stockholm", "Stockholms län", "01"),
    ("Region Uppsala", "Uppsala län", "03"),
    ("Region Sörmland", "Södermanlands län", "04"),
    ("Region Östergötland", "Östergötlands län", "05"),
    ("Region Jönköpings län", "Jönköpings län", "06"),
    ("Region Kronoberg", "Kronobergs län", "07"),
    ("Region Kalmar län", "Kalmar län", "08"),
    ("Region Gotland", "Gotlands län", "09"),
    ("Region Blekinge", "Blekinge län", "10"),
    ("Region Skåne", "Skåne län", "12"),
    ("Region Halland", "Hallands län", "13"),
    ("Västra Götalandsregionen", "Västra Götalands län", "14"),
    ("Region Värmland", "Värmlands län", "17"),
    ("Region Örebro län", "Örebro län", "18"),
    ("Region Västmanland", "Västmanlands län", "19"),
    ("Region Dalarna", "Dalarnas län", "20"),
    ("Region Gävleborg", "Gävleborgs län", "21"),
    ("Region Västernorrland", "Västernorrlands län", "22"),
    ("Region Jämtland Härjedalen", "Jämtlands län", "23"),
    ("Region Västerbotten", "Västerbottens län", "24"),
    ("Region Norrbotten", "Norrbottens län", "25"),
)
REGION_COMMITTEES = (
    ("HSN", "Hälso- och sjukvårdsnämnden", 0.035),  # ram ≈ share · population (mkr)
    ("RS", "Regionstyrelsen", 0.006),
    ("RUN", "Regionala utvecklingsnämnden", 0.004),
    ("TVN", "Tandvårdsnämnden", 0.0015),
    ("KN", "Kulturnämnden", 0.0008),
    ("PN", "Patientnämnden", 0.0003),
)
KOMMUN_COMMITTEES = (
    ("BUN", "Barn- och utbildningsnämnden", 0.040),
    ("SN", "Socialnämnden", 0.035),
    ("KS", "Kommunstyrelsen", 0.008),
    ("TN", "Tekniska nämnden", 0.006),
    ("KFN", "Kultur- och fritidsnämnden", 0.004),
    ("MBN", "Miljö- och byggnadsnämnden", 0.003),
)
AREAS = {
    "HSN": ("Primärvård", "Kirurgi", "Medicin", "Psykiatri", "Barn och kvinna", "Diagnostik", "Ambulans",
            "Rehabilitering", "Läkemedel", "Hjälpmedel", "Vårdval", "Remitterad vård"),
    "RS": ("Regionledning", "Ekonomi", "Personal", "Digitalisering", "Fastigheter", "Service",
           "Kommunikation", "Upphandling", "Regiongemensamt"),
    "RUN": ("Kollektivtrafik", "Näringsliv", "Kompetensförsörjning", "Infrastruktur", "Folkhögskolor",
            "Regional utveckling"),
    "TVN": ("Allmäntandvård", "Specialisttandvård", "Tandvårdsstöd", "Barntandvård"),
    "KN": ("Bibliotek", "Museer", "Scenkonst", "Kulturstöd", "Arkiv"),
    "PN": ("Patientärenden", "Stödpersoner", "Kansli"),
    "BUN": ("Förskola", "Grundskola", "Fritidshem", "Gymnasieskola", "Särskola", "Elevhälsa",
            "Vuxenutbildning", "Skolskjuts"),
    "SN": ("Äldreomsorg", "Hemtjänst", "Funktionsstöd", "Individ- och familjeomsorg",
           "Ekonomiskt bistånd", "Missbruksvård", "Boendestöd"),
    "KS": ("Kommunledning", "Ekonomi", "Personal", "IT", "Räddningstjänst", "Näringsliv", "Kansli"),
    "TN": ("Gator och vägar", "Parker", "Vatten och avlopp", "Fastigheter", "Kost", "Städ"),
    "KFN": ("Bibliotek", "Idrottsanläggningar", "Föreningsstöd", "Kulturskola", "Fritidsgårdar"),
    "MBN": ("Bygglov", "Miljötillsyn", "Lantmäteri", "Planering"),
}  # fmt: skip
UNITS_OF_WORK = (
    "Norra",
    "Södra",
    "Östra",
    "Västra",
    "Centrala",
    "Administration",
    "Utveckling",
    "Drift",
    "Stab",
    "Verksamhetsstöd",
    "Enhet A",
    "Enhet B",
    "Enhet C",
    "Kvalitet",
    "Projekt",
)
BRIDGE_COMPONENTS = (  # (row id, label, category, share of last year's frame); priorities last
    ("indexering", "Löne- och prisuppräkning", "Personal", 0.03),
    ("lakemedel", "Läkemedel och material", "Läkemedel", 0.008),
    ("demografi", "Demografisk utveckling", "Övrigt", 0.006),
    ("effektivisering", "Effektiviseringskrav", "Övrigt", -0.01),
    ("sociala_avgifter", "Sociala avgifter", "Sociala avgifter", -0.004),
    ("prioriteringar", "Politiska prioriteringar", "Prioriteringar", 0.012),
)
SUPPLEMENTS = (
    ("personal", "Personalkostnader", "Personal"),
    ("lakemedel", "Läkemedel", "Läkemedel"),
    ("material", "Medicinskt material", "Medicinskt material"),
    ("tandvard", "Förebyggande tandvård", "Tandvård"),
    ("forskning", "Forskning och utveckling", "Forskning"),
    ("primarvard", "Tillgänglighet i primärvården", "Primärvård/vårdval"),
    ("psykiatri", "Barn- och ungdomspsykiatri", "Psykiatri"),
    ("vardplatser", "Fler vårdplatser", "Vårdplatser"),
    ("nya_metoder", "Nya metoder", "Nya metoder/NHV"),
    ("ovrigt", "Övriga satsningar", "Övrigt"),
)
PRIORITIES = (("vardplatser", "vårdplatser"), ("psykiatri", "psykiatri"), ("personal", "bemanning"))
INVESTMENTS = (
    "Medicinteknisk utrustning",
    "IT-investeringar",
    "Fastighetsinvesteringar",
    "Fordon",
    "Hjälpmedel",
    "Inventarier",
    "Energieffektivisering",
)
FIRST_NAMES = (
    "Anna",
    "Erik",
    "Maria",
    "Lars",
    "Karin",
    "Anders",
    "Eva",
    "Johan",
    "Sara",
    "Per",
    "Lena",
    "Mikael",
    "Emma",
    "Nils",
    "Ida",
    "Olof",
    "Helena",
    "Jonas",
    "Sofia",
    "Magnus",
    "Linnea",
    "Fredrik",
    "Elin",
    "Gustav",
    "Malin",
    "Henrik",
    "Klara",
    "Oskar",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Lindberg",
    "Lindqvist",
    "Berg",
    "Holm",
    "Sandberg",
    "Forsberg",
    "Nyström",
    "Lund",
)
PARTIES = ("S", "M", "SD", "C", "V", "KD", "L", "MP")
INDICATORS = (  # (indicator, unit, direction, low, high)
    ("Andel invånare som har förtroende för verksamheten", "%", "öka", 40, 80),
    ("Antal medarbetare som gått utbildning i patientsäkerhet", "antal", "öka", 100, 900),
    ("Sjukfrånvaro bland medarbetarna", "%", "minska", 4, 9),
    ("Antal inhyrda årsarbetare", "antal", "minska", 10, 200),
    ("Nöjd medarbetarindex", "index", "öka", 60, 85),
)
ASSIGNMENTS = (
    "Minska kostnaderna för inhyrd personal",
    "Ta fram en plan för en budget i balans",
    "Utveckla uppföljningen av verksamhetens kvalitet",
    "Minska tjänsteresandet jämfört med föregående år",
)
ASSIGNMENT_STATUSES = ("Ej påbörjad", "Pågående", "Klar")
FREQUENCIES = ("Tertial: aug, dec", "År", "Tertial: apr, aug, dec")

HEADERS = {
    "regions.csv": ("region", "lan", "lan_code"),
    "committees.csv": ("namnd", "name"),
    "documents.csv": ("doc_id", "diarienummer", "region", "namnd", "budget_year", "kind", "date", "title",
                      "title_line", "source_file"),
    "tables.csv": ("table_id", "doc_id", "title", "relation", "derived", "first_line", "last_line"),
    "amounts.csv": ("table_id", "row_id", "label", "role", "parent", "column_id", "column", "year", "phase",
                    "measure", "value_text", "sign", "unit_text", "unit_line", "line"),
    "statements.csv": ("statement_id", "doc_id", "label", "measure", "year", "phase", "qualifier",
                       "value_text", "sign", "unit_text", "unit_line", "line"),
    "relations.csv": ("relation_id", "kind", "stated", "terms", "base", "note"),
    "indicators.csv": ("indicator_id", "doc_id", "goal", "subgoal", "indicator", "unit", "unit_source",
                       "desired_direction", "frequency", "outcome_year", "outcome_text", "target_year",
                       "target_text", "goal_line", "subgoal_line", "line", "value_line", "frequency_line"),
    "assignments.csv": ("assignment_id", "doc_id", "assignment", "status", "status_text", "directed_to",
                        "frequency", "end_date", "amount_ref", "progress", "status_line", "line",
                        "line_end"),
    "motions.csv": ("motion_id", "doc_id", "member", "party", "motion", "line"),
    "votes.csv": ("vote_id", "doc_id", "question", "ja_means", "nej_means", "ja", "nej", "avstar", "line"),
    "voters.csv": ("vote_id", "member", "party", "role", "vote", "line"),
    "positions.csv": ("doc_id", "member", "party", "position", "statement", "line", "line_end"),
    "categories.csv": ("figure_id", "category", "note"),
    "reference/population.csv": ("area", "area_code", "date", "population", "source"),
    "reference/kolada_n70061.csv": ("kpi", "kpi_title", "area", "kolada_id", "year", "value", "unit",
                                    "source"),
}  # fmt: skip

# How often a fault is planted (per table, statement or vote).
TOTAL_TYPO = 0.01
UNIT_SLIP = 0.03
REVISION = 0.03
VOTE_LIST_GAP = 0.05
PROTOKOLL = 0.35


# --- numbers as printed ---------------------------------------------------------------------------


def number_text(value: float, decimals: int) -> str:
    """``1 466,5``, ``-324``: Swedish format as the data files hold it (plain space, hyphen-minus)."""
    rounded = round(value, decimals) + 0.0  # no "-0"
    whole, _, fraction = f"{abs(rounded):,.{decimals}f}".partition(".")
    sign = "-" if rounded < 0 else ""
    body = whole.replace(",", " ")
    return f"{sign}{body},{fraction}" if fraction else f"{sign}{body}"


def printed_value(text: str) -> float:
    """The value a printed number stands for (what the loader will read)."""
    return float(text.replace(" ", "").replace(",", "."))


@dataclass(frozen=True)
class Style:
    """How one document prints numbers: thousands separator and minus sign."""

    separator: str
    minus: str

    def show(self, text: str) -> str:
        return text.replace(" ", self.separator).replace("-", self.minus)


@dataclass(frozen=True)
class Scale:
    """A table's unit: its printed name, mkr per unit and the decimals printed."""

    unit_text: str
    factor: float
    decimals: int

    def text(self, mkr: float) -> str:
        return number_text(mkr / self.factor, self.decimals)


SCALES = (
    Scale("mkr", 1.0, 1),
    Scale("miljoner kronor", 1.0, 1),
    Scale("mnkr", 1.0, 0),
    Scale("tkr", 1e-3, 0),
)


# --- writing the folder ---------------------------------------------------------------------------


class Files:
    """Open CSV writers for every data file; rows go straight to disk."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "sources").mkdir(parents=True)
        (root / "reference").mkdir()
        self._handles: list[IO[str]] = []
        self.writers: dict[str, Any] = {}
        self.counts: dict[str, int] = {}
        for name, header in HEADERS.items():
            handle = (root / name).open("w", encoding="utf-8", newline="")
            self._handles.append(handle)
            self.writers[name] = csv.writer(handle, lineterminator="\n")
            self.writers[name].writerow(header)
            self.counts[name] = 0

    def row(self, name: str, *values: object) -> None:
        self.writers[name].writerow(values)
        self.counts[name] += 1

    def close(self) -> None:
        for handle in self._handles:
            handle.close()


@dataclass
class Document:
    """One source text being written, line by line."""

    doc_id: str
    style: Style
    lines: list[str] = field(default_factory=list)

    def add(self, text: str) -> int:
        """Append a line; its 1-based number."""
        self.lines.append(text)
        return len(self.lines)

    def blank(self) -> None:
        self.add("")


@dataclass(frozen=True)
class Organisation:
    name: str
    lan: str
    code: str
    population: int
    committees: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class Area:
    """A row of the allocation table: its share of the frame and its child rows (id, label, share)."""

    row_id: str
    label: str
    share: float
    children: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True)
class Plan:
    """What a plan printed that later documents refer to."""

    closing_id: str
    closing: float
    areas: tuple[Area, ...]


# --- one (organisation, nämnd, year) --------------------------------------------------------------


class Combination:
    """Writes the documents of one organisation, nämnd and budget year."""

    def __init__(
        self,
        files: Files,
        org: Organisation,
        committee: tuple[str, str, float],
        year: int,
        budget: int,
        seed: int,
        faulty: bool = False,
    ) -> None:
        self.files = files
        self.org = org
        self.code, self.committee_name, share = committee
        self.year = year
        self.budget = budget
        self.rng = random.Random(f"{seed}|{org.name}|{self.code}|{year}")
        self.frame = org.population * share * (1.03 ** (year - 2022)) * self.rng.uniform(0.9, 1.1)
        self.decimals = 0 if self.frame >= 2000 else 1  # small frames are printed with a decimal
        self.faulty = faulty  # every planted fault, not just now and then

    def _chance(self, probability: float) -> bool:
        return self.rng.random() < probability or self.faulty

    # helpers ---------------------------------------------------------------------------------------

    def _document(self, kind: str, title: str, date: str, diarienummer: str) -> Document:
        doc_id = f"d{self.files.counts['documents.csv'] + 1:06d}"
        style = Style(self.rng.choice((" ", " ", "\u00a0")), self.rng.choice(("-", "\u2212")))
        doc = Document(doc_id, style)
        doc.add(f"{self.org.name} – {self.committee_name}")
        if diarienummer:
            doc.add(f"Diarienummer: {diarienummer}")
        title_line = doc.add(title)
        self.files.row(
            "documents.csv",
            doc_id,
            diarienummer,
            self.org.name,
            self.code,
            self.year,
            kind,
            date,
            title,
            title_line,
            f"{doc_id}.txt",
        )
        return doc

    def _finish(self, doc: Document) -> None:
        text = "\n".join(doc.lines) + "\n"
        (self.files.root / "sources" / f"{doc.doc_id}.txt").write_text(text, encoding="utf-8")

    def _statement(
        self,
        doc: Document,
        key: str,
        label: str,
        measure: str,
        phase: str,
        words: tuple[str, str],
        value_text: str,
        unit_text: str,
        sign: int = 1,
        qualifier: str = "",
        year: int | None = None,
    ) -> str:
        """A figure in the running text: ``words[0] value unit words[1]``; unit on the next line at times."""
        statement_id = f"s{doc.doc_id}_{key}"
        shown = doc.style.show(value_text)
        if self.rng.random() < 0.2:
            line = doc.add(f"{words[0]} {shown}")
            unit_line = line
            doc.add(f"{unit_text}{words[1]}")
        else:
            line = doc.add(f"{words[0]} {shown} {unit_text}{words[1]}")
            unit_line = line
        self.files.row(
            "statements.csv",
            statement_id,
            doc.doc_id,
            label,
            measure,
            year or self.year,
            phase,
            qualifier,
            value_text,
            sign,
            unit_text,
            unit_line,
            line,
        )
        return statement_id

    def _cell(
        self,
        table_id: str,
        row: tuple[str, str, str, str],
        column: tuple[str, str, int, str, str],
        value_text: str,
        unit: tuple[str, int],
        line: int,
    ) -> str:
        row_id, label, role, parent = row
        column_id, column_label, year, phase, measure = column
        unit_text, unit_line = unit
        self.files.row(
            "amounts.csv",
            table_id,
            row_id,
            label,
            role,
            parent,
            column_id,
            column_label,
            year,
            phase,
            measure,
            value_text,
            1,
            unit_text,
            unit_line,
            line,
        )
        return f"{table_id}:{row_id}" if column_id == "value" else f"{table_id}:{row_id}:{column_id}"

    def _relation(self, relation_id: str, kind: str, stated: str, terms: str, base: str, note: str) -> None:
        self.files.row("relations.csv", relation_id, kind, stated, terms, base, note)

    def _typo(self, text: str, decimals: int) -> str:
        """A total keyed with a slip of the finger, now and then."""
        if not self._chance(TOTAL_TYPO):
            return text
        return number_text(
            printed_value(text) + self.rng.choice((-1, 1)) * 10 ** (1 - decimals) * 9, decimals
        )

    def _areas(self, rows: int) -> tuple[Area, ...]:
        """Areas (some with child rows) making up ``rows`` table rows, with their shares of the frame."""
        names = AREAS[self.code]
        drawn: list[tuple[str, str, float, list[tuple[str, str, float]]]] = []
        count = 0
        while count < rows:
            index = len(drawn)
            name = names[index % len(names)]
            label = name if index < len(names) else f"{name} (del {index // len(names) + 1})"
            wanted = min(rows - count - 1, self.rng.choice((0, 0, 2, 3, 4, 6)))
            children = [
                (
                    f"a{index}_{k}",
                    f"{label} – {UNITS_OF_WORK[k % len(UNITS_OF_WORK)]}",
                    self.rng.uniform(1, 5),
                )
                for k in range(max(0, wanted))
            ]
            drawn.append((f"a{index}", label, self.rng.uniform(1, 6), children))
            count += 1 + len(children)
        total = sum(weight for _, _, weight, _ in drawn)
        areas = []
        for area_id, label, weight, children in drawn:
            share = weight / total
            child_total = sum(w for _, _, w in children)
            shares = tuple((cid, clabel, share * w / child_total) for cid, clabel, w in children)
            areas.append(Area(area_id, label, share, shares))
        return tuple(areas)

    # documents -------------------------------------------------------------------------------------

    def write(self) -> None:
        fixed = 33  # figures besides the allocation and forecast rows, on average
        rows = max(2, (self.budget - fixed) // 4)  # 3 figures per allocation row, 1 per forecast row
        plan = self._plan(rows)
        self._interim(plan)
        if self._chance(PROTOKOLL):
            self._minutes(plan)

    def _plan(self, rows: int) -> Plan:
        y, rng = self.year, self.rng
        doc = self._document(
            "nämndplan",
            f"Plan och budget {y} för {self.committee_name.lower()}",
            f"{y - 1}-11-{rng.randint(10, 28)}",
            f"{self.code} {rng.randint(100, 2999)}-{y - 1}",
        )
        doc.blank()
        opening = self.frame / (1 + rng.uniform(0.01, 0.06))
        components = [
            (row_id, label, category, opening * share * rng.uniform(0.5, 1.5))
            for row_id, label, category, share in BRIDGE_COMPONENTS
        ]
        closing = opening + sum(value for *_, value in components)
        stated_frame, stated_percent = self._frame_statements(doc, opening, closing)
        doc.blank()
        opening_id, closing_id, closing_text, component_ids = self._bridge(doc, opening, components, closing)
        self._relation(
            f"r{doc.doc_id}_ram",
            "equals",
            stated_frame,
            f"+{closing_id}",
            "",
            "Ramen i texten ska vara ramen i bryggan.",
        )
        self._relation(
            f"r{doc.doc_id}_ramokning",
            "percent",
            stated_percent,
            f"+{closing_id} -{opening_id}",
            f"+{opening_id}",
            "Ökningen i procent av föregående års ram.",
        )
        doc.blank()
        self._priorities(doc, components, component_ids)
        doc.blank()
        areas = self._areas(rows)
        total_ids = self._allocation(doc, areas, opening, closing)
        self._relation(
            f"r{doc.doc_id}_fordelning_fg",
            "equals",
            total_ids[0],
            f"+{opening_id}",
            "",
            "Summan per område föregående år ska vara föregående års ram.",
        )
        self._relation(
            f"r{doc.doc_id}_fordelning",
            "equals",
            total_ids[1],
            f"+{closing_id}",
            "",
            "Summan per område ska vara ramen i bryggan.",
        )
        doc.blank()
        self._supplements(doc, sum(value for *_, value in components if value > 0))
        doc.blank()
        self._investments(doc)
        doc.blank()
        self._goals(doc)
        self._assignments(doc)
        self._finish(doc)
        return Plan(closing_id, printed_value(closing_text), areas)

    def _frame_statements(self, doc: Document, opening: float, closing: float) -> tuple[str, str]:
        """The frame in words (now and then in the wrong unit) and its increase in per cent."""
        rng, y = self.rng, self.year
        words = ("Regionfullmäktige har fastställt nämndens nettokostnadsram för", f" för {y}.")
        label = "Nämndens nettokostnadsram enligt fullmäktige"
        if self._chance(UNIT_SLIP) and closing >= 1000:  # "9,1 mnkr" for 9 065 mkr
            value_text, unit_text = number_text(closing / 1000, 1), "mnkr"
        else:
            value_text, unit_text = (
                number_text(closing, self.decimals),
                rng.choice(("mkr", "miljoner kronor")),
            )
        stated_frame = self._statement(doc, "ram", label, "ram", "beslut", words, value_text, unit_text)
        change = 100 * (closing - opening) / opening
        qualifier = ""
        if rng.random() < 0.5:  # "drygt 4 procent" for 4,3; "knappt 5 procent" for 4,7
            qualifier = "drygt" if change - math.floor(change) < 0.5 else "knappt"
        if qualifier == "drygt":
            percent_text = number_text(math.floor(change), 0)
        elif qualifier == "knappt":
            percent_text = number_text(math.ceil(change), 0)
        else:
            percent_text = number_text(change, 1)
        stated_percent = self._statement(
            doc,
            "ramokning",
            "Ramens ökning jämfört med föregående år",
            "förändring",
            "beslut",
            (" ".join(("Ramen ökar därmed med", qualifier)).rstrip(), " jämfört med föregående år."),
            percent_text,
            rng.choice(("procent", "%")),
            qualifier=qualifier,
        )
        return stated_frame, stated_percent

    def _bridge(
        self, doc: Document, opening: float, components: list[tuple[str, str, str, float]], closing: float
    ) -> tuple[str, str, str, dict[str, str]]:
        """From last year's frame to this year's: opening, components, closing (ids, closing as printed)."""
        y, decimals = self.year, self.decimals
        table_id = f"t{doc.doc_id}_brygga"
        first = doc.add(f"Från ram {y - 1} till ram {y}")
        unit = ("miljoner kronor", doc.add("Belopp i miljoner kronor"))
        opening_text = number_text(opening, decimals)
        line = doc.add(f"Ram {y - 1} {doc.style.show(opening_text)}")
        opening_column = ("value", "Belopp", y - 1, "beslut", "ram")
        opening_row = ("ram_fg", f"Ram {y - 1}", "opening", "")
        opening_id = self._cell(table_id, opening_row, opening_column, opening_text, unit, line)
        component_ids = {}
        for row_id, label, category, value in components:
            text = number_text(value, decimals)
            line = doc.add(f"{label} {doc.style.show(text)}")
            column = ("value", "Belopp", y, "beslut", "ramtillskott")
            component_ids[row_id] = self._cell(
                table_id, (row_id, label, "component", ""), column, text, unit, line
            )
            self.files.row("categories.csv", component_ids[row_id], category, "")
        closing_text = self._typo(number_text(closing, decimals), decimals)
        last = doc.add(f"= Ram {y} {doc.style.show(closing_text)}")
        closing_column = ("value", "Belopp", y, "beslut", "ram")
        closing_id = self._cell(
            table_id, ("ram", f"Ram {y}", "closing", ""), closing_column, closing_text, unit, last
        )
        title = f"Från ram {y - 1} till ram {y}"
        self.files.row("tables.csv", table_id, doc.doc_id, title, "bridge", "", first, last)
        return opening_id, closing_id, closing_text, component_ids

    def _priorities(
        self, doc: Document, components: list[tuple[str, str, str, float]], component_ids: dict[str, str]
    ) -> None:
        """Two of the priorities named in the text (a residual), and two components summed in words."""
        rng = self.rng
        priority_total = components[-1][3]
        named_ids = [
            self._statement(
                doc,
                f"prio_{key}",
                f"Prioritering: {words}",
                "prioritering",
                "beslut",
                ("Av prioriteringarna går", f" till {words}."),
                number_text(priority_total * rng.uniform(0.2, 0.4), self.decimals),
                rng.choice(("mkr", "miljoner kronor")),
            )
            for key, words in rng.sample(PRIORITIES, 2)
        ]
        self._relation(
            f"r{doc.doc_id}_prioriteringar",
            "residual",
            component_ids["prioriteringar"],
            " ".join(f"+{i}" for i in named_ids),
            "",
            "Övriga prioriteringar anges utan belopp.",
        )
        stated_both = self._statement(
            doc,
            "index_lakemedel",
            "Uppräkning och läkemedel tillsammans",
            "ramtillskott",
            "beslut",
            ("Uppräkning och läkemedel får tillsammans", "."),
            number_text(components[0][3] + components[1][3], self.decimals),
            "mkr",
        )
        self._relation(
            f"r{doc.doc_id}_index_lakemedel",
            "sum",
            stated_both,
            f"+{component_ids['indexering']} +{component_ids['lakemedel']}",
            "",
            "Summan av de två första posterna i bryggan.",
        )

    def _allocation(
        self, doc: Document, areas: tuple[Area, ...], opening: float, closing: float
    ) -> list[str]:
        """Budget per area (child rows under some) for both years and a derived change; the total's ids."""
        rng, y = self.rng, self.year
        scale = rng.choice(SCALES)
        table_id = f"t{doc.doc_id}_fordelning"
        first = doc.add("Budget per verksamhetsområde")
        unit = (scale.unit_text, doc.add(f"Belopp i {scale.unit_text}"))
        labels = (f"Budget {y - 1}", f"Budget {y}", "Förändring")
        doc.add("Område " + " ".join(labels))
        columns = (
            (f"b{y - 1}", labels[0], y - 1, "beslut", "ram"),
            (f"b{y}", labels[1], y, "förslag", "ram"),
            ("forandring", labels[2], y, "förslag", "förändring"),
        )
        # true values: each leaf grows on its own; this year's column is scaled to add up to the frame
        leaves = {
            row_id: (share * opening, share * opening * rng.uniform(0.97, 1.06))
            for area in areas
            for row_id, _, share in (area.children or ((area.row_id, area.label, area.share),))
        }
        scaling = closing / sum(current for _, current in leaves.values())
        for area in areas:
            members = [leaves[row_id] for row_id, _, _ in area.children] or [leaves[area.row_id]]
            previous = sum(p for p, _ in members)
            current = sum(c for _, c in members) * scaling
            self._allocation_row(
                doc, table_id, (area.row_id, area.label, "part", ""), columns, scale, unit, previous, current
            )
            for row_id, label, _ in area.children:
                previous, current = leaves[row_id]
                self._allocation_row(
                    doc,
                    table_id,
                    (row_id, label, "part", area.row_id),
                    columns,
                    scale,
                    unit,
                    previous,
                    current * scaling,
                )
        texts = [
            scale.text(opening),
            self._typo(scale.text(closing), scale.decimals),
            scale.text(closing - opening),
        ]
        last = doc.add("Summa " + " ".join(doc.style.show(t) for t in texts))
        total_ids = [
            self._cell(table_id, ("summa", "Summa", "total", ""), column, text, unit, last)
            for column, text in zip(columns, texts, strict=True)
        ]
        derived = f"{labels[2]} = {labels[1]} - {labels[0]}"
        self.files.row(
            "tables.csv", table_id, doc.doc_id, "Budget per verksamhetsområde", "sum", derived, first, last
        )
        return total_ids

    def _allocation_row(
        self,
        doc: Document,
        table_id: str,
        row: tuple[str, str, str, str],
        columns: tuple[tuple[str, str, int, str, str], ...],
        scale: Scale,
        unit: tuple[str, int],
        previous: float,
        current: float,
    ) -> None:
        texts = [scale.text(previous), scale.text(current), scale.text(current - previous)]
        line = doc.add(f"{row[1]} " + " ".join(doc.style.show(t) for t in texts))
        for column, text in zip(columns, texts, strict=True):
            self._cell(table_id, row, column, text, unit, line)

    def _supplements(self, doc: Document, increases: float) -> None:
        """Supplements as a sum table, the total also stated in the text."""
        rng, y = self.rng, self.year
        chosen = rng.sample(SUPPLEMENTS, rng.randint(3, 7))
        total = increases * rng.uniform(0.3, 0.6)
        weights = [rng.uniform(1, 5) for _ in chosen]
        total_text = number_text(total, self.decimals)
        stated = self._statement(
            doc,
            "tillskott",
            "Budgettillskott att fördela",
            "tillskott",
            "förslag",
            ("Nämnden har", " i budgettillskott att fördela enligt följande."),
            total_text,
            "mkr",
        )
        table_id = f"t{doc.doc_id}_tillskott"
        title = f"Fördelning av budgettillskott {y}"
        first = doc.add(f"{title} (mkr)")
        unit = ("mkr", first)
        column = ("value", "Belopp", y, "förslag", "tillskott")
        for (row_id, label, category), weight in zip(chosen, weights, strict=True):
            text = number_text(total * weight / sum(weights), self.decimals)
            line = doc.add(f"{label} {doc.style.show(text)}")
            figure = self._cell(table_id, (row_id, label, "part", ""), column, text, unit, line)
            self.files.row("categories.csv", figure, category, "")
        printed_total = self._typo(total_text, self.decimals)
        last = doc.add(f"Summa {doc.style.show(printed_total)}")
        summa = self._cell(table_id, ("summa", "Summa", "total", ""), column, printed_total, unit, last)
        self.files.row("tables.csv", table_id, doc.doc_id, title, "sum", "", first, last)
        self._relation(
            f"r{doc.doc_id}_tillskott",
            "equals",
            stated,
            f"+{summa}",
            "",
            "Tillskottet i texten ska vara summan av fördelningen.",
        )

    def _investments(self, doc: Document) -> None:
        """Investments: the named ones cover only part of the total (a partial sum)."""
        rng, y = self.rng, self.year
        table_id = f"t{doc.doc_id}_investeringar"
        first = doc.add(f"Investeringsbudget {y} (miljoner kronor)")
        unit = ("miljoner kronor", first)
        column = ("value", f"Investeringar {y}", y, "beslut", "investering")
        total = self.frame * rng.uniform(0.02, 0.06)
        named = 0.0
        for k, label in enumerate(rng.sample(INVESTMENTS, rng.randint(2, 5))):
            value = total * rng.uniform(0.05, 0.2)
            named += value
            text = number_text(value, 1)
            line = doc.add(f"{label} {doc.style.show(text)}")
            self._cell(table_id, (f"inv{k}", label, "part", ""), column, text, unit, line)
        text = number_text(max(total, named * 1.2), 1)
        last = doc.add(f"Investeringsbudgeten totalt {doc.style.show(text)}")
        self._cell(table_id, ("totalt", "Investeringsbudgeten totalt", "total", ""), column, text, unit, last)
        title = f"Investeringsbudget {y}"
        self.files.row("tables.csv", table_id, doc.doc_id, title, "partial_sum", "", first, last)

    def _goals(self, doc: Document) -> None:
        rng, y = self.rng, self.year
        goal_line = doc.add(f"Mål 1. En verksamhet i balans {y}")
        for k, (indicator, unit, direction, low, high) in enumerate(rng.sample(INDICATORS, 3), start=1):
            subgoal_line = doc.add(f"Delmål {k}: verksamheten utvecklas enligt plan")
            line = doc.add(indicator)
            outcome = rng.randint(low, high)
            target = outcome + rng.randint(-3, 6) * (1 if direction == "öka" else -1)
            outcome_text = f"{outcome} %" if unit == "%" else str(outcome)
            target_text = f"{max(0, target)} %" if unit == "%" else str(max(0, target))
            value_line = doc.add(f" {outcome_text} {target_text}")
            frequency = rng.choice(FREQUENCIES)
            frequency_line = doc.add(frequency)
            self.files.row(
                "indicators.csv",
                f"i{doc.doc_id}_{k}",
                doc.doc_id,
                f"Mål 1. En verksamhet i balans {y}",
                f"Delmål {k}: verksamheten utvecklas enligt plan",
                indicator,
                unit,
                "indikatorns namn",
                direction,
                frequency,
                y - 2,
                outcome_text,
                y,
                target_text,
                goal_line,
                subgoal_line,
                line,
                value_line,
                frequency_line,
            )
        doc.blank()

    def _assignments(self, doc: Document) -> None:
        rng, y = self.rng, self.year
        for k, assignment in enumerate(rng.sample(ASSIGNMENTS, 2), start=1):
            line = doc.add(f"Uppdrag: {assignment}")
            doc.add("Riktas till nämnden")
            frequency = rng.choice(FREQUENCIES)
            doc.add(frequency)
            status = rng.choice(ASSIGNMENT_STATUSES)
            status_line = doc.add(f"Status: {status}")
            self.files.row(
                "assignments.csv",
                f"u{doc.doc_id}_{k}",
                doc.doc_id,
                assignment,
                status,
                status,
                "Riktas till nämnden",
                frequency,
                f"{y}-12-31",
                "",
                "",
                status_line,
                line,
                status_line,
            )
        doc.blank()

    def _interim(self, plan: Plan) -> None:
        y, rng = self.year, self.rng
        date = f"{y}-09-{rng.randint(10, 28)}"
        doc = self._document("delårsrapport", f"Delårsrapport januari–augusti {y}", date, "")
        doc.blank()
        budget = plan.closing
        if self._chance(REVISION):
            budget += rng.choice((-1, 1)) * rng.randint(5, 50)  # a revised frame, not declared as such
        stated_budget = self._statement(
            doc,
            "budget",
            "Nämndens budget för året",
            "ram",
            "beslut",
            ("Nämndens budget för året uppgår till", "."),
            number_text(budget, self.decimals),
            "mkr",
        )
        self._relation(
            f"r{doc.doc_id}_budget",
            "equals",
            stated_budget,
            f"+{plan.closing_id}",
            "",
            "Budgeten i delårsrapporten ska vara ramen i planen.",
        )
        total_id, total = self._forecast(doc, plan.areas, budget)
        doc.blank()
        # the deviation in words: "underskott på 47 mkr" is printed without a sign
        word = "underskott" if total < 0 else "överskott"
        stated_deviation = self._statement(
            doc,
            "avvikelse",
            "Prognostiserad budgetavvikelse för helåret",
            "budgetavvikelse",
            "prognos",
            (f"Prognosen för helåret visar ett {word} på", "."),
            number_text(abs(total), 0 if abs(total) >= 10 else 1),
            "miljoner kronor",
            sign=-1 if total < 0 else 1,
        )
        self._relation(
            f"r{doc.doc_id}_avvikelse",
            "equals",
            stated_deviation,
            f"+{total_id}",
            "",
            "Avvikelsen i texten ska vara summan i tabellen.",
        )
        # figures nothing else states: shown as not checkable
        self._statement(
            doc,
            "nettokostnad",
            "Nettokostnadsutveckling januari–augusti",
            "förändring",
            "utfall",
            ("Nettokostnaderna har ökat med", " jämfört med samma period föregående år."),
            number_text(rng.uniform(1, 9), 1),
            "procent",
        )
        self._statement(
            doc,
            "investeringar",
            "Investeringsutgifter januari–augusti",
            "investering",
            "utfall",
            ("Investeringsutgifterna uppgick till", " under perioden."),
            number_text(self.frame * rng.uniform(0.005, 0.02), 1),
            "mkr",
        )
        self._finish(doc)

    def _forecast(self, doc: Document, areas: tuple[Area, ...], budget: float) -> tuple[str, float]:
        """Forecast deviation per area and child row (negative = over budget); the total's id and value."""
        rng, y = self.rng, self.year
        table_id = f"t{doc.doc_id}_prognos"
        title = f"Prognos budgetavvikelse {y}"
        first = doc.add(f"{title} per område")
        unit = ("mkr", doc.add("Belopp i mkr"))
        column = ("value", title, y, "prognos", "budgetavvikelse")
        total = 0.0
        for area in areas:
            children = [
                (row_id, label, budget * share * rng.uniform(-0.04, 0.02))
                for row_id, label, share in area.children
            ]
            value = (
                sum(v for *_, v in children) if children else budget * area.share * rng.uniform(-0.04, 0.02)
            )
            total += value
            for row_id, label, parent, amount in [(area.row_id, area.label, "", value)] + [
                (row_id, label, area.row_id, amount) for row_id, label, amount in children
            ]:
                text = number_text(amount, 1)
                line = doc.add(f"{label} {doc.style.show(text)}")
                self._cell(table_id, (row_id, label, "part", parent), column, text, unit, line)
        total_text = self._typo(number_text(total, 1), 1)
        last = doc.add(f"Totalt {doc.style.show(total_text)}")
        total_id = self._cell(table_id, ("totalt", "Totalt", "total", ""), column, total_text, unit, last)
        self.files.row("tables.csv", table_id, doc.doc_id, title, "sum", "", first, last)
        return total_id, total

    def _minutes(self, plan: Plan) -> None:
        y, rng = self.year, self.rng
        doc = self._document(
            "protokoll",
            f"Protokoll: plan och budget {y}",
            f"{y - 1}-11-{rng.randint(10, 28)}",
            f"{self.code}/{rng.randint(100, 2999)}/{y - 1}",
        )
        doc.blank()
        members: list[tuple[str, str]] = []
        used: set[str] = set()
        while len(members) < rng.choice((9, 11, 13, 15)):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name not in used:
                used.add(name)
                members.append((name, rng.choice(PARTIES)))
        mover, opponent = members[3], members[0]
        first_motion = doc.add(f"{mover[0]} ({mover[1]}) yrkar att ärendet återremitteras.")
        second_motion = doc.add(f"{opponent[0]} ({opponent[1]}) yrkar avslag på återremissyrkandet.")
        self.files.row(
            "motions.csv", f"m{doc.doc_id}_1", doc.doc_id, mover[0], mover[1], "Återremiss", first_motion
        )
        self.files.row(
            "motions.csv",
            f"m{doc.doc_id}_2",
            doc.doc_id,
            opponent[0],
            opponent[1],
            "Avslag på återremissyrkandet",
            second_motion,
        )
        stated = self._statement(
            doc,
            "ram",
            "Fastställd nettokostnadsram",
            "ram",
            "beslut",
            ("Nämnden fastställer plan och budget med en nettokostnadsram om", "."),
            number_text(plan.closing, 0),
            "mkr",
        )
        self._relation(
            f"r{doc.doc_id}_ram",
            "equals",
            stated,
            f"+{plan.closing_id}",
            "",
            "Den fastställda ramen ska vara ramen i planen.",
        )
        nej = rng.randint(1, len(members) // 2 - 1)
        avstar = rng.randint(0, 1)
        ja = len(members) - nej - avstar
        doc.add("Ledamot Ja Nej Avstår")
        voter_lines = [doc.add(f"{name} ({party}), Ledamot X") for name, party in members]
        listed = members[:-1] if self._chance(VOTE_LIST_GAP) else members  # a name lost from the list
        vote_line = doc.add(f"Resultat {ja} {nej} {avstar}")
        vote_id = f"v{doc.doc_id}_1"
        self.files.row(
            "votes.csv",
            vote_id,
            doc.doc_id,
            "Omröstning om ärendet ska avgöras idag eller återremitteras",
            "Avgöra ärendet idag",
            "Återremittera ärendet",
            ja,
            nej,
            avstar,
            vote_line,
        )
        for (name, party), line in zip(listed, voter_lines, strict=False):
            self.files.row("voters.csv", vote_id, name, party, "Ledamot", "", line)
        reservers = members[3 : 3 + nej]
        first = doc.add(", ".join(f"{name} ({party})" for name, party in reservers))
        last = doc.add("reserverar sig till förmån för återremissyrkandet.")
        for name, party in reservers:
            self.files.row(
                "positions.csv",
                doc.doc_id,
                name,
                party,
                "reservation",
                "Till förmån för återremissyrkandet",
                first,
                last,
            )
        self._finish(doc)


# --- the whole folder -----------------------------------------------------------------------------


def organisations(count: int, committees: int, seed: int) -> list[Organisation]:
    """The real regions first, then the register's kommuner in code order (all with synthetic figures).

    Only organisations in the register load, so there are at most 21 + 290.
    """
    kommuner = sorted(
        (o for o in organisation_register().by_code.values() if o.kind == "kommun"), key=lambda o: o.code
    )
    result = []
    for index in range(count):
        rng = random.Random(f"{seed}|organisation|{index}")
        if index < len(REGIONS):
            name, lan, code = REGIONS[index]
            result.append(
                Organisation(name, lan, code, rng.randint(60_000, 2_400_000), REGION_COMMITTEES[:committees])
            )
            continue
        k = index - len(REGIONS)
        if k >= len(kommuner):
            raise ValueError(
                f"{count} organisationer men registret har {len(REGIONS)} regioner och {len(kommuner)} "
                "kommuner; ange fler --committees eller --years"
            )
        kommun = kommuner[k]
        result.append(
            Organisation(
                kommun.name,
                kommun.lan_name,
                kommun.code,
                rng.randint(5_000, 150_000),
                KOMMUN_COMMITTEES[:committees],
            )
        )
    return result


@dataclass(frozen=True)
class Grid:
    organisations: int
    committees: int
    years: tuple[int, ...]

    @property
    def combinations(self) -> int:
        return self.organisations * self.committees * len(self.years)


def grid_for(
    figures: int,
    organisations_count: int | None = None,
    committees: int = 6,
    years: Sequence[int] = DEFAULT_YEARS,
) -> Grid:
    """The organisations × nämnder × years to spread ``figures`` over (about 300 per combination)."""
    if organisations_count is None:
        organisations_count = max(1, math.ceil(figures / (FIGURES_PER_COMBINATION * committees * len(years))))
    return Grid(organisations_count, committees, tuple(years))


def _reference(files: Files, orgs: Sequence[Organisation], years: Sequence[int]) -> None:
    for org in orgs:
        people = org.population
        for year in range(min(years) - 3, max(years)):
            area = org.lan if len(org.code) == 2 else org.name
            files.row("reference/population.csv", area, org.code, f"{year}-12-31", people, SYNTHETIC_SOURCE)
            people = int(people * 1.004)
        if len(org.code) == 2:
            rng = random.Random(f"kolada|{org.code}|{org.population}")
            for year in range(min(years) - 3, max(years)):
                files.row(
                    "reference/kolada_n70061.csv",
                    "N70061",
                    "Nettokostnad hälso- och sjukvård totalt (inkl. läkemedel), kr/inv",
                    org.name,
                    f"00{org.code}",
                    year,
                    rng.randint(30_000, 40_000),
                    "kr/inv",
                    SYNTHETIC_SOURCE,
                )


def generate(target: Path, figures: int, seed: int = 1, grid: Grid | None = None) -> dict[str, int]:
    """Write a data folder with about ``figures`` figures to ``target`` (must not exist); row counts per file.

    Written to a temporary sibling and renamed into place, so ``target`` is complete or absent.
    """
    grid = grid or grid_for(figures)
    orgs = organisations(grid.organisations, grid.committees, seed)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        files = Files(scratch / "data")
        for org in orgs:
            files.row("regions.csv", org.name, org.lan, org.code)
        for code, name, _ in REGION_COMMITTEES + KOMMUN_COMMITTEES:
            if any(code == c for org in orgs for c, _, _ in org.committees):
                files.row("committees.csv", code, name)
        budget = max(20, figures // grid.combinations)
        for org in orgs:
            for committee in org.committees:
                for year in grid.years:
                    faulty = files.counts["documents.csv"] == 0
                    Combination(files, org, committee, year, budget, seed, faulty).write()
        _reference(files, orgs, grid.years)
        files.close()
        sums = [
            f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.name}"
            for p in sorted((scratch / "data" / "sources").glob("*.txt"))
        ]
        (scratch / "data" / "sources" / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
        (scratch / "data" / "reference" / "README.md").write_text(SYNTHETIC_SOURCE + "\n", encoding="utf-8")
        (scratch / "data").rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return dict(files.counts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("target", type=Path, help="new data folder (must not exist)")
    parser.add_argument("--figures", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--organisations", type=int, default=None)
    parser.add_argument("--committees", type=int, default=6, choices=range(1, 7))
    parser.add_argument("--years", type=int, nargs="+", default=list(DEFAULT_YEARS))
    args = parser.parse_args(argv)
    if args.target.exists():
        parser.error(f"{args.target} finns redan")
    counts = generate(
        args.target,
        args.figures,
        args.seed,
        grid_for(args.figures, args.organisations, args.committees, args.years),
    )
    figures = counts["amounts.csv"] + counts["statements.csv"]
    sys.stdout.write(f"{args.target}: {figures} värden, {counts['documents.csv']} dokument\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
