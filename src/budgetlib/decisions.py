"""The decision record of a meeting (protokoll): motions, votes, reservations and notes to the minutes."""

from __future__ import annotations

from dataclasses import dataclass

from budgetlib import columns as c
from budgetlib.dataset import Dataset

POSITION_ORDER = ("reservation", "protokollsanteckning", "deltar ej")


@dataclass(frozen=True)
class Member:
    name: str
    party: str


@dataclass(frozen=True)
class Motion:
    """A motion (yrkande) and who made it."""

    member: Member
    motion: str
    source_file: str
    line: int


@dataclass(frozen=True)
class Vote:
    """A vote (votering): the question, what ja and nej mean, the counts and the voting list."""

    question: str
    ja_means: str
    nej_means: str
    ja: int
    nej: int
    avstar: int
    listed: int  # members and substitutes on the voting list
    individual_known: int  # of them, how many have their own vote in the data
    source_file: str
    line: int

    @property
    def carried(self) -> str:
        """What won: ``ja_means``, ``nej_means``, or empty on a tie (the chair's casting vote decides)."""
        if self.ja == self.nej:
            return ""
        return self.ja_means if self.ja > self.nej else self.nej_means


@dataclass(frozen=True)
class Position:
    """Members who together enter a reservation, a note to the minutes, or do not take part."""

    position: str
    members: tuple[Member, ...]
    statement: str
    source_file: str
    line: int
    line_end: int


@dataclass(frozen=True)
class DecisionRecord:
    doc_id: str
    motions: tuple[Motion, ...]
    votes: tuple[Vote, ...]
    positions: tuple[Position, ...]


def decision_records(dataset: Dataset) -> tuple[DecisionRecord, ...]:
    """One record per document that holds motions, votes or positions, in document order."""
    records = []
    for doc_id in dataset.documents[c.DOC_ID]:
        motions = tuple(
            Motion(
                Member(str(r[c.MEMBER]), str(r[c.PARTY])),
                str(r[c.MOTION]),
                str(r[c.SOURCE_FILE]),
                int(r[c.LINE]),
            )
            for r in dataset.motions[dataset.motions[c.DOC_ID] == doc_id]
            .sort_values(c.LINE)
            .to_dict("records")
        )
        votes = []
        for r in dataset.votes[dataset.votes[c.DOC_ID] == doc_id].to_dict("records"):
            listed = dataset.voters[dataset.voters[c.VOTE_ID] == r[c.VOTE_ID]]
            votes.append(
                Vote(
                    str(r[c.QUESTION]),
                    str(r[c.JA_MEANS]),
                    str(r[c.NEJ_MEANS]),
                    int(r[c.JA]),
                    int(r[c.NEJ]),
                    int(r[c.AVSTAR]),
                    len(listed),
                    int((listed[c.VOTE] != "").sum()),
                    str(r[c.SOURCE_FILE]),
                    int(r[c.LINE]),
                )
            )
        positions = dataset.positions[dataset.positions[c.DOC_ID] == doc_id]
        grouped = []
        for (position, statement, line, line_end), group in positions.groupby(
            [c.POSITION, c.STATEMENT, c.LINE, c.LINE_END], sort=False
        ):
            members = tuple(
                Member(str(m), str(p)) for m, p in zip(group[c.MEMBER], group[c.PARTY], strict=True)
            )
            grouped.append(
                Position(
                    str(position),
                    members,
                    str(statement),
                    str(group[c.SOURCE_FILE].iloc[0]),
                    int(line),
                    int(line_end),
                )
            )
        grouped.sort(
            key=lambda p: (POSITION_ORDER.index(p.position) if p.position in POSITION_ORDER else 9, p.line)
        )
        if motions or votes or grouped:
            records.append(DecisionRecord(str(doc_id), motions, tuple(votes), tuple(grouped)))
    return tuple(records)
