"""Goals (mål), sub-goals (delmål) and their indicators, with a status as regions' follow-up systems show it.

A region's plan sorts indicators under delmål; a kommun's table often lists
them directly under the goal, which is where they stay here.

A plan states each indicator's last outcome (utfall) and a target (mål) for
a later year. The status compares them in the direction the indicator should
move: for one that should rise, a target at or below the outcome is already
met; for one that should fall, a target at or above it is. A zero outcome is
an outcome (no publications yet), never a missing one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import pandas as pd

from budgetlib import columns as c
from budgetlib.dataset import Dataset

RISES, FALLS = "öka", "minska"
ASSUMED_UNIT = "antagen"


class GoalStatus(Enum):
    """Where the last outcome stands against the target."""

    MET = "met"  # the outcome already reaches the target
    GAP = "gap"  # the target asks for more than the outcome
    UNKNOWN = "unknown"  # outcome, target or direction missing: cannot be judged


@dataclass(frozen=True)
class Indicator:
    """One indicator with its outcome, target and status, and the lines they stand on."""

    indicator: str
    unit: str
    unit_assumed: bool
    direction: str
    frequency: str  # periodicitet; blank where the document prints none
    outcome: float
    outcome_text: str
    outcome_year: int
    target: float
    target_text: str
    target_year: int
    status: GoalStatus
    less_ambitious: bool  # the target is worse than the outcome already is
    source_file: str
    line: int
    value_line: int

    @property
    def comparable(self) -> bool:
        """Outcome and target both given (a zero outcome counts), and a direction to compare them in."""
        return self.status is not GoalStatus.UNKNOWN

    @property
    def change_needed(self) -> float:
        """Target minus outcome: what the plan asks for (negative for a fall)."""
        return self.target - self.outcome


@dataclass(frozen=True)
class SubGoal:
    text: str
    source_file: str
    line: int
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Goal:
    """A goal with the indicators printed directly under it (no delmål) and its delmål."""

    text: str
    source_file: str
    line: int
    indicators: tuple[Indicator, ...]
    subgoals: tuple[SubGoal, ...]

    def all_indicators(self) -> list[Indicator]:
        """The goal's own indicators, then each delmål's, in printed order."""
        return [*self.indicators, *(i for sub in self.subgoals for i in sub.indicators)]


@dataclass(frozen=True)
class GoalCounts:
    """How many indicators there are, how many can be compared, and how their targets stand."""

    indicators: int
    comparable: int
    met: int
    gap: int
    less_ambitious_rising: int  # targets below the outcome for indicators that should rise
    less_ambitious_falling: int  # targets above the outcome for indicators that should fall

    @property
    def less_ambitious(self) -> int:
        return self.less_ambitious_rising + self.less_ambitious_falling


def judge(direction: str, outcome: float, target: float) -> tuple[GoalStatus, bool]:
    """The status of a target against the outcome, and whether the target is worse than the outcome."""
    if math.isnan(outcome) or math.isnan(target) or direction not in (RISES, FALLS):
        return GoalStatus.UNKNOWN, False
    better = target - outcome if direction == RISES else outcome - target  # > 0: the target asks for more
    return (GoalStatus.GAP if better > 0 else GoalStatus.MET), better < 0


def indicator_of(row: Mapping[Any, Any]) -> Indicator:
    outcome, target = float(row[c.OUTCOME]), float(row[c.TARGET])
    status, less = judge(str(row[c.DESIRED_DIRECTION]), outcome, target)
    return Indicator(
        indicator=str(row[c.INDICATOR]),
        unit=str(row[c.UNIT]),
        unit_assumed=row[c.UNIT_SOURCE] == ASSUMED_UNIT,
        direction=str(row[c.DESIRED_DIRECTION]),
        frequency=str(row[c.FREQUENCY]),
        outcome=outcome,
        outcome_text=str(row[c.OUTCOME_TEXT]),
        outcome_year=int(row[c.OUTCOME_YEAR]),
        target=target,
        target_text=str(row[c.TARGET_TEXT]),
        target_year=int(row[c.TARGET_YEAR]),
        status=status,
        less_ambitious=less,
        source_file=str(row[c.SOURCE_FILE]),
        line=int(row[c.LINE]),
        value_line=int(row[c.VALUE_LINE]),
    )


def goal_tree(dataset: Dataset) -> tuple[Goal, ...]:
    """Goals → (delmål →) indicators, in printed order."""
    rows = dataset.indicators.sort_values([c.DOC_ID, c.LINE], kind="stable")
    goals = []
    for _, in_goal in rows.groupby([c.SOURCE_FILE, c.GOAL, c.GOAL_LINE], sort=False):
        first = in_goal.iloc[0]
        direct = in_goal[in_goal[c.SUBGOAL] == ""]
        under_subgoals = in_goal[in_goal[c.SUBGOAL] != ""]
        subgoals = tuple(
            SubGoal(
                str(group[c.SUBGOAL].iloc[0]),
                str(first[c.SOURCE_FILE]),
                int(group[c.SUBGOAL_LINE].iloc[0]),
                tuple(indicator_of(r) for r in group.to_dict("records")),
            )
            for _, group in under_subgoals.groupby([c.SUBGOAL, c.SUBGOAL_LINE], sort=False)
        )
        goals.append(
            Goal(
                str(first[c.GOAL]),
                str(first[c.SOURCE_FILE]),
                int(first[c.GOAL_LINE]),
                tuple(indicator_of(r) for r in direct.to_dict("records")),
                subgoals,
            )
        )
    return tuple(goals)


def all_indicators(goals: tuple[Goal, ...]) -> list[Indicator]:
    return [i for goal in goals for i in goal.all_indicators()]


def counts(goals: tuple[Goal, ...]) -> GoalCounts:
    indicators = all_indicators(goals)
    comparable = [i for i in indicators if i.comparable]
    return GoalCounts(
        indicators=len(indicators),
        comparable=len(comparable),
        met=sum(i.status is GoalStatus.MET for i in comparable),
        gap=sum(i.status is GoalStatus.GAP for i in comparable),
        less_ambitious_rising=sum(i.less_ambitious and i.direction == RISES for i in comparable),
        less_ambitious_falling=sum(i.less_ambitious and i.direction == FALLS for i in comparable),
    )


def indicator_frame(dataset: Dataset) -> pd.DataFrame:
    """One row per indicator: outcome, target and ``less_ambitious``, for comparisons across nämnder."""
    rows = [
        {
            c.INDICATOR: i.indicator,
            c.DESIRED_DIRECTION: i.direction,
            c.OUTCOME: i.outcome,
            c.TARGET: i.target,
            "comparable": i.comparable,
            "less_ambitious": i.less_ambitious,
        }
        for i in all_indicators(goal_tree(dataset))
    ]
    columns = [c.INDICATOR, c.DESIRED_DIRECTION, c.OUTCOME, c.TARGET, "comparable", "less_ambitious"]
    return pd.DataFrame(rows, columns=columns)
