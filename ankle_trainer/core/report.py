"""The one-page report for a physiotherapist: what goes on it, as plain data.

Pure Python (no Qt, no sqlite3). ``storage.report.gather_report`` reads the
history and calls :func:`build_report`; ``app.export.report`` draws the
result. Everything here is self-reported by the runner and is shown as such:
the report describes what was done and rated, it never diagnoses.

Clinical numbers and their sources (clinical-notes.md):

- pain is the 0-10 numeric rating scale, 0 = no pain (Farrar et al., Pain 2001);
- pain-monitoring zones during exercise, as clinicians teach them (secondary
  sources; Silbernagel et al., Am J Sports Med 2007 for the model): 0-2 safe,
  3 to the acceptable limit (a setting, 5 by default) acceptable, above it too
  much;
- the starting level is the mean of the first :data:`START_WINDOW` "before"
  ratings, the window the progress charts and the trend advice use;
- heel-rise limb symmetry index = weaker side / stronger side x 100; below
  :data:`LSI_FLAG` % is the common clinical flag (a contested threshold,
  Hébert-Losier et al., Physiotherapy 2017 for the test).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import NamedTuple

from .adherence import weeks_on_target
from .model import DoseKind, Routine, Sides, Step, Timed
from .safety import RED_FLAGS
from .text import count, sets_not_imported
from .weeks import week_start

SAFE_MAX = 2  # pain during exercise 0-2: safe zone (clinical notes, secondary sources)
START_WINDOW = 5  # ratings averaged for the runner's starting level
LSI_FLAG = 90  # percent; below this the limb symmetry index is commonly flagged
HIGHEST_PAIN_ROWS = 5  # sessions listed under "highest pain"
DISCLAIMER = "Self-reported data, not a diagnosis."

OUTCOME_WORDS = {
    "see_soon": "see a doctor or physiotherapist soon",
    "urgent": "see a doctor today",
    "emergency": "emergency care",
}


def short_date(day: date) -> str:
    """``"3 Mar 2026"``: a date a reader in any country reads the same way."""
    return f"{day.day} {day.strftime('%b')} {day.year}"


# -- the period -------------------------------------------------------------------


class Period(NamedTuple):
    """The local dates the report covers, both ends included. ``first`` is
    None for "everything"; ``label`` says it in words for the header."""

    first: date | None
    last: date
    label: str

    def contains(self, day: date) -> bool:
        """True when local date ``day`` lies in the period (both ends included)."""
        return (self.first is None or day >= self.first) and day <= self.last


def last_weeks(weeks: int, today: date, first_day: str) -> Period:
    """The ``weeks`` calendar weeks ending with the current one (so the
    adherence bars are whole weeks); raises ValueError for fewer than 1."""
    if weeks < 1:
        raise ValueError("a period is at least 1 week")
    first = week_start(today, first_day) - timedelta(days=7 * (weeks - 1))
    return Period(first, today, f"last {count(weeks, 'week')}: {short_date(first)} to {short_date(today)}")


def between(first: date | None, last: date) -> Period:
    """From ``first`` (None: the beginning of the history) to ``last``;
    raises ValueError when ``first`` is after ``last``."""
    from .times import reversed_dates

    problem = reversed_dates(first.isoformat() if first else None, last.isoformat())
    if problem:
        raise ValueError(problem)
    if first is None:
        return Period(None, last, f"all sessions up to {short_date(last)}")
    return Period(first, last, f"{short_date(first)} to {short_date(last)}")


# -- what storage hands in ---------------------------------------------------------


class SessionFacts(NamedTuple):
    """One finished session as the report reads it (pain 0-10 or None)."""

    local_date: date
    routine_id: str
    routine_name: str
    status: str  # completed, stopped, interrupted
    sets_planned: int
    sets_completed: int
    pain_before: int | None
    pain_after: int | None
    pain_next_morning: int | None
    pain_during: int | None  # the highest "pain during" rated in its sets


class ExerciseVolume(NamedTuple):
    """Sets and reps (or hold seconds) recorded for one exercise of one
    routine over the period: done against prescribed."""

    routine_id: str
    exercise_id: str
    exercise_name: str
    sets_done: int
    sets_recorded: int  # done + skipped
    reps_done: int
    reps_prescribed: int
    seconds_done: float
    seconds_prescribed: float


class AdviceFacts(NamedTuple):
    """A progression suggestion the app made, and the runner's answer."""

    made_on: date
    routine_name: str
    advice: str  # progress, hold, back_off, see_professional
    reason: str
    from_level: int
    to_level: int
    decision: str | None  # accepted, declined, None while unanswered


class HeelRiseFacts(NamedTuple):
    """One heel-rise test as stored: its local date and the rises on each leg (counts)."""
    tested_on: date
    left: int
    right: int


class SafetyFacts(NamedTuple):
    """A red-flag check before a session: the outcome and the flags answered yes."""

    checked_on: date
    outcome: str  # clear, see_soon, urgent, emergency
    flags: tuple[str, ...]  # ids answered yes


class TriageFacts(NamedTuple):
    """The runner's answers to the "where does it hurt" questions, as text
    pairs, so any triage store can hand them in without this module knowing
    its shape."""

    answered_on: date
    answers: tuple[tuple[str, str], ...]  # (question, answer)
    suggestion: str  # the programme suggested, in words ("" when none)


# -- what the page shows -----------------------------------------------------------


class WeekBar(NamedTuple):
    """One week of the adherence chart: its first local date, completed and
    cut-short sessions, and the sessions planned for it."""
    start: date
    done: int  # completed sessions
    partial: int  # stopped or interrupted sessions
    planned: int
    current: bool  # the week holding the report's last day, perhaps not over


class Adherence(NamedTuple):
    """Sessions done against planned over the period, week by week, with the
    sets and reps (or hold seconds) done against what those sets prescribed."""
    weeks: tuple[WeekBar, ...]
    sessions_done: int
    sessions_partial: int
    sessions_planned: int
    weeks_on_target: int
    # Weeks judged for "on target": every week that is over, and the running
    # week only once its target is met (till then it is "in progress", as the
    # adherence chart draws it), so "0 of 1" never counts an unfinished week.
    weeks_counted: int
    weeks_missed: tuple[date, ...]  # weeks (their first day) with no session at all
    sets_done: int
    sets_planned: int
    reps_done: int
    reps_prescribed: int
    seconds_done: float
    seconds_prescribed: float

    @property
    def sessions_total(self) -> int:
        """Every session the report counts (completed and cut short): the same
        sessions as the session list and every other figure."""
        return self.sessions_done + self.sessions_partial


def sessions_against_plan(total: int, planned: int) -> str:
    """The words under "Sessions done": against the plan, in words that fit
    when more were done than planned ("4 more than the 12 planned")."""
    if total > planned:
        return f"{total - planned:,} more than the {planned:,} planned"
    return f"of {planned:,} planned"


class PainPoint(NamedTuple):
    """Pain ratings (NRS 0-10, 0 = no pain; Farrar 2001) on one day or the mean
    over a week or month: before, after and next morning, None where unrated."""
    day: date
    before: float | None
    after: float | None
    next_morning: float | None


class PainSession(NamedTuple):
    """A session with a high rating: which rating and how high."""

    day: date
    routine_name: str
    highest: int
    what: str  # "pain 7/10 during, 6/10 after"


class Pain(NamedTuple):
    """The pain chart's points, how they are grouped, the runner's own starting
    level (mean of the first 'before' ratings) and the highest-pain sessions."""
    points: tuple[PainPoint, ...]  # per session, or averaged per week / month
    grouping: str  # "session", "week" or "month"
    start_level: float | None  # mean of the first START_WINDOW "before" ratings ever
    latest: SessionFacts | None  # the latest session with any rating
    highest: tuple[PainSession, ...]
    rated_sessions: int
    safe_max: int
    acceptable_max: int


class DoseLine(NamedTuple):
    """The current dose of one exercise in words (sets x reps or hold, tempo, load or band)."""
    exercise_id: str
    exercise: str
    dose: str  # "3 x 15 reps, each side"
    pace: str  # tempo in seconds up-hold-down, "1-0-3", or "" (holds and timed blocks)
    load: str  # "+5 kg", "red band", "balance level 2" or ""
    done: str  # over the period: "179/189 · 99%" (sets done/recorded · reps or time), or ""


class RoutineDose(NamedTuple):
    """A routine done in the period, the level it is at today (0 = as written) and its doses."""
    routine_id: str
    routine_name: str
    level: int  # 0 = as written
    level_count: int
    level_name: str
    sessions: int  # in the period (completed or not)
    lines: tuple[DoseLine, ...]


class LevelChange(NamedTuple):
    """A level change or back-off suggested and accepted: its local date, routine, what changed and why."""
    day: date
    routine_name: str
    change: str  # "up: level 1 to 2", "back off: level 2 to 1", "see a professional" (levels from 1)
    reason: str
    decision: str  # "accepted", "declined", "not answered"


class HeelRisePoint(NamedTuple):
    """A heel-rise test on the report: local date, rises left and right, and
    the limb symmetry index (weaker / stronger x 100; Hébert-Losier 2017)."""
    day: date
    left: int
    right: int

    @property
    def lsi(self) -> float | None:
        """Limb symmetry index, weaker / stronger x 100 (None when both are 0)."""
        stronger = max(self.left, self.right)
        return None if stronger == 0 else 100 * min(self.left, self.right) / stronger

    @property
    def weaker(self) -> str:
        """"left", "right" or "neither": the side with fewer rises."""
        if self.left == self.right:
            return "neither"
        return "left" if self.left < self.right else "right"


class SafetyEntry(NamedTuple):
    """A day's latest red-flag check, shown when it was not clear or when an
    earlier answer that day was corrected: its local date, outcome in words,
    the questions answered yes, and the questions answered yes earlier that
    day but no longer in the latest check (corrected)."""
    day: date
    outcome: str  # in words ("clear" after a correction)
    flags: tuple[str, ...]  # the questions answered yes, in words
    corrected: tuple[str, ...] = ()  # answered yes earlier that day, then corrected, in words


class ReportData(NamedTuple):
    """Everything on the page. Sections with nothing to show say so through
    their ``missing`` text rather than drawing empty axes."""

    runner: str  # name or initials, "" when not given
    period: Period
    made_at: datetime
    app_version: str
    routines: tuple[RoutineDose, ...]  # done in the period: those with levels first, then by sessions
    adherence: Adherence
    pain: Pain
    changes: tuple[LevelChange, ...]  # oldest first
    heel_rise: tuple[HeelRisePoint, ...]  # oldest first
    lsi_flag: int
    safety_positive: tuple[SafetyEntry, ...]
    safety_checks: int  # all checks in the period, positive or clear
    triage: TriageFacts | None
    sessions: tuple[SessionFacts, ...]  # every session in the period, oldest first
    first_day_of_week: str
    history_start: date | None = None  # the first session ever recorded

    @property
    def chart_first(self) -> date:
        """Where the charts begin: the period's start, or the first session
        ever when training began later (weeks before it are not "missed")."""
        starts = [d for d in (self.period.first, self.history_start) if d is not None]
        if not starts:
            return self.sessions[0].local_date if self.sessions else self.period.last
        return min(max(starts), self.period.last)

    @property
    def empty(self) -> bool:
        """True when the period holds no session at all."""
        return not self.sessions

    def missing(self) -> list[str]:
        """What the page cannot show yet, in plain words."""
        out = []
        if not self.sessions:
            out.append("No sessions were recorded in this period.")
        elif not self.pain.rated_sessions:
            out.append("No pain ratings were given in this period.")
        if not self.heel_rise:
            out.append("No heel-rise test was done in this period.")
        if self.triage is None:
            out.append("The questions about where it hurts have not been answered yet.")
        return out


# -- building it -------------------------------------------------------------------


def build_report(
    *,
    runner: str,
    period: Period,
    made_at: datetime,
    app_version: str,
    sessions: Sequence[SessionFacts],
    first_ratings: Sequence[int],
    volumes: Iterable[ExerciseVolume],
    routines: Iterable[Routine],
    levels: dict[str, int],
    advice: Iterable[AdviceFacts],
    heel_rise: Iterable[HeelRiseFacts],
    safety: Iterable[SafetyFacts],
    triage: TriageFacts | None,
    weekly_target: int,
    history_start: date | None = None,
    first_day_of_week: str,
    acceptable_max: int = 5,
    safe_max: int = SAFE_MAX,
    lsi_flag: int = LSI_FLAG,
) -> ReportData:
    """The report for ``period`` from facts already limited to it (sessions
    oldest first). ``first_ratings`` are the earliest "before" ratings of the
    whole history (for the starting level); ``routines`` every routine known
    (built-in and the runner's own), ``levels`` each routine's current level.
    ``weekly_target`` is sessions planned a week (a setting, all routines);
    ``history_start`` the local date of the first session ever, so weeks
    before the runner began are not counted as missed.
    Raises nothing for empty input: an empty history gives an empty report."""
    sessions = list(sessions)
    volumes = list(volumes)
    by_id = {r.id: r for r in routines}
    return ReportData(
        runner=runner.strip(),
        period=period,
        made_at=made_at,
        app_version=app_version,
        routines=_doses(sessions, volumes, by_id, levels),
        adherence=_adherence(sessions, volumes, period, history_start, weekly_target, first_day_of_week),
        pain=_pain(sessions, first_ratings, period, safe_max, acceptable_max, first_day_of_week),
        changes=tuple(_change(a) for a in advice if a.advice != "hold" and period.contains(a.made_on)),
        heel_rise=tuple(HeelRisePoint(h.tested_on, h.left, h.right) for h in heel_rise
                        if period.contains(h.tested_on)),
        lsi_flag=lsi_flag,
        safety_positive=_safety_days([s for s in safety if period.contains(s.checked_on)]),
        safety_checks=sum(1 for s in safety if period.contains(s.checked_on)),
        triage=triage,
        sessions=tuple(sessions),
        first_day_of_week=first_day_of_week,
        history_start=history_start,
    )


def _adherence(
    sessions: list[SessionFacts], volumes: list[ExerciseVolume], period: Period,
    history_start: date | None, target: int, first_day: str,
) -> Adherence:
    done = Counter(week_start(s.local_date, first_day) for s in sessions if s.status == "completed")
    partial = Counter(week_start(s.local_date, first_day) for s in sessions if s.status != "completed")
    first = period.first or (sessions[0].local_date if sessions else period.last)
    if history_start is not None:
        first = min(max(first, history_start), period.last)
    week, last = week_start(first, first_day), week_start(period.last, first_day)
    bars = []
    while week <= last:
        bars.append(WeekBar(week, done[week], partial[week], target, week == last))
        week += timedelta(days=7)
    if not sessions:
        bars = []
    met, counted = weeks_on_target([b.done for b in bars], target, bool(bars) and bars[-1].current)
    return Adherence(
        weeks=tuple(bars),
        sessions_done=sum(done.values()),
        sessions_partial=sum(partial.values()),
        sessions_planned=target * len(bars),
        weeks_on_target=met,
        weeks_counted=counted,
        weeks_missed=tuple(b.start for b in bars if b.done + b.partial == 0 and not b.current),
        sets_done=sum(v.sets_done for v in volumes),
        # a session whose sets were not imported is in neither figure (thirtieth
        # re-test: counted as 0 of 38, a session done in full lowered the share)
        sets_planned=sum(s.sets_planned for s in sessions
                         if not sets_not_imported(s.status, s.sets_completed, 0, s.sets_planned)),
        reps_done=sum(v.reps_done for v in volumes),
        reps_prescribed=sum(v.reps_prescribed for v in volumes),
        seconds_done=sum(v.seconds_done for v in volumes),
        seconds_prescribed=sum(v.seconds_prescribed for v in volumes),
    )


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def _pain(
    sessions: list[SessionFacts], first_ratings: Sequence[int], period: Period,
    safe_max: int, acceptable_max: int, first_day: str,
) -> Pain:
    rated = [s for s in sessions if (s.pain_before, s.pain_after, s.pain_next_morning) != (None,) * 3]
    span = (rated[-1].local_date - rated[0].local_date).days if rated else 0
    grouping = "session" if len(rated) <= 60 else ("week" if span <= 7 * 60 else "month")
    points: list[PainPoint] = []
    if grouping == "session":
        points = [PainPoint(s.local_date, s.pain_before, s.pain_after, s.pain_next_morning) for s in rated]
    else:
        groups: dict[date, list[SessionFacts]] = {}
        for s in rated:
            key = week_start(s.local_date, first_day) if grouping == "week" else s.local_date.replace(day=1)
            if period.first is not None and key < period.first:
                key = period.first  # a month's point is dated in the period (a week's is already)
            groups.setdefault(key, []).append(s)
        for key, items in groups.items():
            points.append(PainPoint(
                key,
                _mean([s.pain_before for s in items if s.pain_before is not None]),
                _mean([s.pain_after for s in items if s.pain_after is not None]),
                _mean([s.pain_next_morning for s in items if s.pain_next_morning is not None]),
            ))
    window = list(first_ratings[:START_WINDOW])
    highest = []
    for s in sessions:
        parts = [(name, value) for name, value in (
            ("during", s.pain_during), ("after", s.pain_after),
            ("next morning", s.pain_next_morning), ("before", s.pain_before),
        ) if value is not None]
        if parts:
            top = max(v for _, v in parts)
            what = "pain " + ", ".join(f"{v}/10 {n}" for n, v in parts if v >= top - 1)
            highest.append(PainSession(s.local_date, s.routine_name, top, what))
    highest.sort(key=lambda p: (-p.highest, -p.day.toordinal()))
    return Pain(
        points=tuple(points),
        grouping=grouping,
        start_level=_mean(window),
        latest=rated[-1] if rated else None,
        highest=tuple(highest[:HIGHEST_PAIN_ROWS]),
        rated_sessions=len(rated),
        safe_max=safe_max,
        acceptable_max=acceptable_max,
    )


def _doses(
    sessions: list[SessionFacts], volumes: list[ExerciseVolume], routines: dict[str, Routine],
    levels: dict[str, int],
) -> tuple[RoutineDose, ...]:
    counts = Counter(s.routine_id for s in sessions)
    names = {s.routine_id: s.routine_name for s in sessions}
    vol: dict[tuple[str, str], list[ExerciseVolume]] = {}
    for v in volumes:
        vol.setdefault((v.routine_id, v.exercise_id), []).append(v)
    out = []
    def order(item: tuple[str, int]) -> tuple[int, int, str]:
        routine = routines.get(item[0])
        staged = routine is not None and routine.level_count > 1
        return (0 if staged else 1, -item[1], names[item[0]])

    # Routines with levels (the progressive programmes) first, then by sessions.
    for rid, n in sorted(counts.items(), key=order):
        routine = routines.get(rid)
        if routine is None:  # a routine since deleted or renamed: what was done is still shown
            lines = tuple(
                DoseLine(v.exercise_id, v.exercise_name, "", "", "", _done(v))
                for (r, _), items in vol.items() if r == rid for v in items
            )
            out.append(RoutineDose(rid, names[rid], 0, 1, "not in your routines any more", n, lines))
            continue
        level = max(0, min(levels.get(rid, 0), routine.level_count - 1))
        at = routine.at_level(level)
        seen: set[str] = set()
        lines_list = []
        for step in at.steps:
            if step.exercise.id in seen:
                continue
            seen.add(step.exercise.id)
            done = vol.get((rid, step.exercise.id), [])
            lines_list.append(DoseLine(
                step.exercise.id, step.exercise.name, _dose(step), _pace(step), _load(step),
                _done(_sum_volumes(done)) if done else "",
            ))
        out.append(RoutineDose(
            rid, routine.name, level, routine.level_count,
            _level_name(routine, level), n, tuple(lines_list),
        ))
    return tuple(out)


def _level_name(routine: Routine, level: int) -> str:
    """The names the routine's steps give ``level`` ("+10 kg"), each once."""
    if level <= 0:
        return "as written"
    names = dict.fromkeys(s.levels[level - 1].name for s in routine.steps if level <= len(s.levels))
    return "; ".join(names) or "as written"


def _sum_volumes(items: list[ExerciseVolume]) -> ExerciseVolume:
    first = items[0]
    return first._replace(
        sets_done=sum(v.sets_done for v in items),
        sets_recorded=sum(v.sets_recorded for v in items),
        reps_done=sum(v.reps_done for v in items),
        reps_prescribed=sum(v.reps_prescribed for v in items),
        seconds_done=sum(v.seconds_done for v in items),
        seconds_prescribed=sum(v.seconds_prescribed for v in items),
    )


def percent(done: float, of: float) -> str:
    """``"97%"``, or ``"–"`` when nothing was prescribed."""
    return f"{100 * done / of:.0f}%" if of else "–"


def _done(v: ExerciseVolume) -> str:
    """``"179/189 · 99%"``: sets done of those recorded, then reps (or hold
    time) done as a share of what those sets prescribed. From 1,000 sets the
    sets too are a share (``"95% · 99%"``), to stay short on the page."""
    if v.sets_recorded >= 1000:
        sets = percent(v.sets_done, v.sets_recorded)
    else:
        sets = f"{v.sets_done}/{v.sets_recorded}"
    if v.reps_prescribed:
        return f"{sets} · {percent(v.reps_done, v.reps_prescribed)}"
    if v.seconds_prescribed:
        return f"{sets} · {percent(v.seconds_done, v.seconds_prescribed)}"
    return sets


def _dose(step: Step) -> str:
    if step.kind is DoseKind.REPS:
        text = f"{step.sets} x {step.reps}"
    elif step.kind is DoseKind.HOLD:
        text = f"{step.sets} x {step.seconds:g} s"
    else:
        seconds = round(step.seconds or 0)
        text = f"{seconds // 60} min" if seconds >= 60 and seconds % 60 == 0 else f"{seconds} s"
    return text + (" per side" if step.sides is Sides.EACH else "")


def _pace(step: Step) -> str:
    """The tempo as seconds up-hold-down (``"1-0-3"``) for reps, ``"hold"``
    for timed sets held still, ``""`` for timed blocks and for timed sets of
    a movement (leg swings are swung, not held: twenty-ninth re-test)."""
    if step.kind is DoseKind.REPS and step.tempo is not None:
        t = step.tempo
        return f"{t.up:g}-{t.hold:g}-{t.down:g}"
    return "hold" if step.kind is DoseKind.HOLD and step.exercise.timed is Timed.HOLD else ""


def _load(step: Step) -> str:
    parts = []
    if step.single_leg:
        parts.append("one leg")
    if step.load_kg:
        parts.append(f"+{step.load_kg:g} kg")
    if step.band:
        parts.append(f"{step.band} band")
    if step.balance_level:
        parts.append(f"balance level {step.balance_level}")
    return ", ".join(parts)


def _change(a: AdviceFacts) -> LevelChange:
    # Levels are stored from 0 (as written) and shown from 1, as on screen.
    from .progression import advice_words

    change = advice_words(a.advice, a.from_level, a.to_level)  # the words of the banner and history
    if a.to_level != a.from_level:
        change += f" (from {a.from_level + 1})"
    decision = {"accepted": "accepted", "declined": "declined"}.get(a.decision or "", "not answered")
    if a.advice == "see_professional":
        decision = "shown" if a.decision is None else decision
    return LevelChange(a.made_on, a.routine_name, change, a.reason, decision)


_QUESTIONS = {flag.id: flag.question for flag in RED_FLAGS}


def _question(flag: str) -> str:
    return _QUESTIONS.get(flag, flag.replace("_", " ").capitalize() + ".")


def _safety_days(safety: list[SafetyFacts]) -> tuple[SafetyEntry, ...]:
    """One entry per day (oldest first): the day's latest check decides (the
    runner may correct a wrong answer the same day); the flags of earlier
    checks that the latest no longer has are named as corrected."""
    by_day: dict[date, list[SafetyFacts]] = {}
    for s in safety:  # in the order the checks were made
        by_day.setdefault(s.checked_on, []).append(s)
    out = []
    for day in sorted(by_day):
        *earlier, latest = by_day[day]
        dropped = tuple(dict.fromkeys(f for e in earlier for f in e.flags if f not in latest.flags))
        if latest.outcome == "clear" and not dropped:
            continue
        words = OUTCOME_WORDS.get(latest.outcome, latest.outcome.replace("_", " "))
        out.append(SafetyEntry(day, words, tuple(_question(f) for f in latest.flags),
                               tuple(_question(f) for f in dropped)))
    return tuple(out)
