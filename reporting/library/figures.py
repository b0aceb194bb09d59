"""Figures of a reporting cycle for the coalition's bodies (and the dashboard's charts
built from them), and a city's benchmark.

Plain functions of their arguments with a fixed number of queries, whatever the
number of cities, reports or measures: the dashboard, the reviewers' overview and
the benchmark all read them."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries.fields import Country

from reporting.enums import (
    SIZE_THRESHOLD,
    MembershipStatus,
    QuestionType,
    ReportState,
    SectionLevel,
)
from reporting.models import (
    Answer,
    Choice,
    City,
    Commitment,
    Measure,
    Question,
    Questionnaire,
    Report,
    ReportingCycle,
)
from reporting.rules import REVIEWABLE_STATES

CHALLENGE_CODES = ("challenges_main_area",)
NEED_CODES = ("needs_expectations",)
MEASURE_COMMITMENTS_CODE = "m_commitments"
EVALUATED_STATES = (ReportState.FEEDBACK_RECEIVED, ReportState.UPDATING)
# Averages of fewer reports than this would let a city work out another's figures.
MIN_GROUP = 3


@dataclass
class Bar:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class CityName:
    """What the dashboard shows of a city: its name and country."""

    name: str
    country: Country


@dataclass(frozen=True)
class ReportRow:
    """What the figures read of a report."""

    city: CityName
    state: str
    deadline_extended_to: datetime.date | None
    submitted_at: datetime.datetime | None
    measure_count: int


@dataclass
class CityRow:
    city: CityName
    state: str
    state_label: str
    submitted_at: datetime.datetime | None
    on_time: bool | None
    measures: int


@dataclass
class CycleFigures:
    cycle: ReportingCycle
    deadline: datetime.date
    days_to_deadline: int
    member_cities: int
    registered: int
    drafting: int
    submitted: int
    evaluated: int
    published: int
    reached_reviewers: int
    on_time: int
    late: int
    by_state: dict[str, int]
    measures_total: int
    measures_per_commitment: list[Bar]
    challenges: list[Bar]
    needs: list[Bar]
    cities: list[CityRow] = field(default_factory=list)

    @property
    def not_registered(self) -> int:
        return max(self.member_cities - self.registered, 0)


def _choice_labels(cycle_ids, codes) -> dict[int, dict[tuple[str, str], str]]:
    """{cycle id: {(question code, value): label}}, later questionnaire versions last."""
    choices = Choice.objects.filter(
        question__questionnaire__cycle_id__in=cycle_ids, question__code__in=codes
    ).select_related("question__questionnaire")
    labels: dict[int, dict] = {}
    for choice in choices.order_by("question__questionnaire__version", "order", "pk"):
        cycle_labels = labels.setdefault(choice.question.questionnaire.cycle_id, {})
        cycle_labels[(choice.question.code, choice.value)] = choice.label
    return labels


def _count_choices(counted: Counter, code_set, labels) -> list[Bar]:
    """Bars of the choices of the questions `code_set` from {(code, choice): count}."""
    order: dict[str, int] = {}
    for index, ((code, value), _label) in enumerate(labels.items()):
        if code in code_set:
            order.setdefault(value, index)
    bars = [
        Bar(key=value, label=str(labels.get((code, value), value)), value=n)
        for (code, value), n in counted.items()
        if code in code_set
    ]
    return sorted(bars, key=lambda b: (-b.value, order.get(b.key, 999), b.label))


def cycle_figures(cycle: ReportingCycle) -> CycleFigures:
    """Registration, states, deadline, measures per commitment, challenges and needs of
    one cycle, and one row per city with a report. Six queries."""
    return cycles_figures([cycle])[cycle.pk]


def cycles_figures(cycles: list[ReportingCycle]) -> dict[int, CycleFigures]:
    """`cycle_figures` of several cycles at once, by cycle id, in the same six queries
    (the dashboard shows a cycle beside the one before)."""
    ids = [c.pk for c in cycles]
    reports: dict[int, list[ReportRow]] = {pk: [] for pk in ids}
    measures_per_report = (
        Measure.objects.filter(report=OuterRef("pk"))
        .order_by()
        .values("report")
        .annotate(n=Count("pk"))
        .values("n")
    )
    countries: dict[str, Country] = {}
    for row in (
        Report.objects.filter(cycle_id__in=ids)
        # Counted per report on the measures' index, not by grouping every report's
        # and city's columns over a join with all measures.
        .annotate(measure_count=Coalesce(Subquery(measures_per_report), 0))
        .order_by("city__name")
        # Rows, not Report and City objects: two cycles of 200 reports each.
        .values(
            "cycle_id",
            "state",
            "deadline_extended_to",
            "submitted_at",
            "measure_count",
            "city__name",
            "city__country",
        )
    ):
        code = row["city__country"]
        if code not in countries:
            countries[code] = Country(code=code)
        reports[row["cycle_id"]].append(
            ReportRow(
                city=CityName(name=row["city__name"], country=countries[code]),
                state=row["state"],
                deadline_extended_to=row["deadline_extended_to"],
                submitted_at=row["submitted_at"],
                measure_count=row["measure_count"],
            )
        )
    member_cities = City.objects.filter(membership_status=MembershipStatus.MEMBER).count()
    per_commitment, level1 = _answer_counts(ids)
    plans = {}
    for questionnaire in Questionnaire.objects.filter(cycle_id__in=ids).order_by(
        "-is_active", "-version"
    ):
        plans.setdefault(questionnaire.cycle_id, questionnaire.plan_id)
    titles: dict[int, dict[int, str]] = {pk: {} for pk in ids}
    for commitment in Commitment.objects.filter(plan_id__in=set(plans.values())):
        for cycle_id, plan_id in plans.items():
            if plan_id == commitment.plan_id:
                titles[cycle_id][commitment.number] = commitment.title
    labels = _choice_labels(ids, CHALLENGE_CODES + NEED_CODES)
    return {
        cycle.pk: _figures(
            cycle,
            reports[cycle.pk],
            member_cities=member_cities,
            per_commitment=per_commitment[cycle.pk],
            titles=titles[cycle.pk],
            level1=level1[cycle.pk],
            labels=labels.get(cycle.pk, {}),
        )
        for cycle in cycles
    }


def _counted_answers(ids):
    # The commitments of every measure and the level-1 choices of the cycles' reports.
    # Reached from the few questions of the cycles' questionnaires (the answers' index
    # on the question), not by scanning every answer of every cycle.
    questions = Question.objects.filter(
        questionnaire__cycle_id__in=ids,
        code__in=(MEASURE_COMMITMENTS_CODE, *CHALLENGE_CODES, *NEED_CODES),
    ).values("pk")
    return Answer.objects.filter(
        Q(measure__isnull=False, question__code=MEASURE_COMMITMENTS_CODE)
        | Q(measure__isnull=True, question__code__in=CHALLENGE_CODES + NEED_CODES),
        question_id__in=questions,
        report__cycle_id__in=ids,
        report__state__in=REVIEWABLE_STATES,
    ).values_list("report__cycle_id", "question__code", "value")


# Every item of each answer counted by the database: one row per (cycle, question,
# item) instead of thousands of JSON values decoded here. A measure's commitments
# count only as a list of numbers; a level-1 choice also as a single value.
ITEM_COUNTS_SQL = """
SELECT a.cycle_id, a.code, item.value, COUNT(*)
FROM ({answers}) AS a (cycle_id, code, value),
    jsonb_array_elements_text(
        CASE
            WHEN jsonb_typeof(a.value) = 'array' THEN a.value
            WHEN a.code = %s OR a.value IS NULL OR jsonb_typeof(a.value) = 'null'
                OR a.value = '""'::jsonb THEN '[]'::jsonb
            ELSE jsonb_build_array(a.value)
        END
    ) AS item (value)
WHERE item.value IS NOT NULL
GROUP BY 1, 2, 3
"""


def _answer_counts(ids) -> tuple[dict[int, Counter], dict[int, Counter]]:
    """({cycle id: {commitment number: measures}}, {cycle id: {(question code, choice):
    reports}}) in one query; counted in SQL on PostgreSQL, here elsewhere (SQLite)."""
    per_commitment: dict[int, Counter] = {pk: Counter() for pk in ids}
    level1: dict[int, Counter] = {pk: Counter() for pk in ids}
    answers = _counted_answers(ids)
    if connection.vendor == "postgresql":
        sql, params = answers.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(ITEM_COUNTS_SQL.format(answers=sql), (*params, MEASURE_COMMITMENTS_CODE))
            rows = cursor.fetchall()
    else:
        counted: Counter = Counter()
        for cycle_id, code, value in answers:
            if isinstance(value, list):
                items = value
            elif code == MEASURE_COMMITMENTS_CODE or value in (None, ""):
                items = []
            else:
                items = [value]
            counted.update((cycle_id, code, str(item)) for item in items if item is not None)
        rows = [(*key, n) for key, n in counted.items()]
    for cycle_id, code, item, n in rows:
        if code != MEASURE_COMMITMENTS_CODE:
            level1[cycle_id][(code, item)] += n
        elif item.isdecimal():
            per_commitment[cycle_id][int(item)] += n
    return per_commitment, level1


def _figures(
    cycle, reports: list[ReportRow], *, member_cities, per_commitment, titles, level1, labels
):
    by_state = Counter(r.state for r in reports)
    state_labels = dict(ReportState.choices)
    rows, on_time, late = [], 0, 0
    for report in reports:
        deadline = report.deadline_extended_to or cycle.submission_deadline
        timely = None
        if report.submitted_at is not None:
            timely = timezone.localdate(report.submitted_at) <= deadline
            on_time += timely
            late += not timely
        rows.append(
            CityRow(
                city=report.city,
                state=report.state,
                state_label=str(state_labels[report.state]),
                submitted_at=report.submitted_at,
                on_time=timely,
                measures=report.measure_count,
            )
        )
    measures_total = sum(r.measure_count for r in reports if r.state in REVIEWABLE_STATES)
    return CycleFigures(
        cycle=cycle,
        deadline=cycle.submission_deadline,
        days_to_deadline=(cycle.submission_deadline - timezone.localdate()).days,
        member_cities=member_cities,
        registered=len(reports),
        drafting=by_state[ReportState.DRAFT],
        submitted=by_state[ReportState.SUBMITTED],
        evaluated=sum(by_state[s] for s in EVALUATED_STATES),
        published=by_state[ReportState.PUBLISHED],
        reached_reviewers=sum(by_state[s] for s in REVIEWABLE_STATES),
        on_time=on_time,
        late=late,
        by_state={state: by_state[state] for state in ReportState.values},
        measures_total=measures_total,
        measures_per_commitment=[
            Bar(key=str(n), label=f"{n}. {titles.get(n, '')}", value=per_commitment[n])
            for n in sorted(set(titles) | set(per_commitment))
        ],
        challenges=_count_choices(level1, set(CHALLENGE_CODES), labels),
        needs=_count_choices(level1, set(NEED_CODES), labels),
        cities=rows,
    )


# --- Charts --------------------------------------------------------------------------

CHART_LABEL_WIDTH = 260
CHART_BAR_WIDTH = 300
CHART_ROW = 24


def bar_chart(*, title: str, series: list[tuple[str, list[Bar]]], chart_id: str) -> dict:
    """Geometry of a horizontal bar chart in whole pixels (SVG attributes must never be
    localised like "1,5"). `series` is one or two (name, bars) pairs sharing labels: the
    second is drawn thinner below the first, e.g. the previous cycle."""
    keys, labels = [], {}
    for _name, bars in series:
        for bar in bars:
            if bar.key not in labels:
                keys.append(bar.key)
                labels[bar.key] = bar.label
    values = [{b.key: b.value for b in bars} for _name, bars in series]
    top = max([v for d in values for v in d.values()] + [1])
    rows = []
    per_row = CHART_ROW * len(series)
    for index, key in enumerate(keys):
        y = index * (per_row + 8)
        rows.append(
            {
                "label": labels[key],
                "label_y": y + 15,
                "bars": [
                    {
                        "series": position,
                        "name": name,
                        "value": values[position].get(key, 0),
                        "y": y + position * CHART_ROW,
                        "text_y": y + position * CHART_ROW + 15,
                        "width": round(CHART_BAR_WIDTH * values[position].get(key, 0) / top),
                        "text_x": CHART_LABEL_WIDTH
                        + round(CHART_BAR_WIDTH * values[position].get(key, 0) / top)
                        + 6,
                    }
                    for position, (name, _bars) in enumerate(series)
                ],
            }
        )
    return {
        "id": chart_id,
        "title": title,
        "rows": rows,
        "series": [name for name, _bars in series],
        "height": max(len(keys), 1) * (per_row + 8),
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 60,
        "label_width": CHART_LABEL_WIDTH,
    }


# --- The cycle dashboard ---------------------------------------------------------------


def dashboard(*, year: int) -> dict | None:
    """The dashboard of the cycle of `year` beside the one before (None without such a
    cycle): every cycle for the menu, the figures, the comparison table and the chart
    series. Seven queries, whatever the number of cities."""
    cycles = list(ReportingCycle.objects.order_by("-year"))
    cycle = next((c for c in cycles if c.year == year), None)
    if cycle is None:
        return None
    before = next((c for c in cycles if c.year < year), None)
    found = cycles_figures([c for c in (cycle, before) if c is not None])
    current = found[cycle.pk]
    previous = found[before.pk] if before else None

    def series(attribute):
        pairs = [(str(cycle.year), getattr(current, attribute))]
        if previous is not None:
            pairs.append((str(before.year), getattr(previous, attribute)))
        return pairs

    state_bars = [
        Bar("registered", _("Registered"), current.registered),
        Bar("drafting", _("Drafting"), current.drafting),
        Bar("submitted", _("Submitted, awaiting feedback"), current.submitted),
        Bar("evaluated", _("Evaluated"), current.evaluated),
        Bar("published", _("Published"), current.published),
    ]
    state_series = [(str(cycle.year), state_bars)]
    if previous is not None:
        state_series.append(
            (str(before.year), [Bar(b.key, b.label, getattr(previous, b.key)) for b in state_bars])
        )
    comparison = [
        (label, getattr(current, key), getattr(previous, key) if previous else None)
        for key, label in [
            ("member_cities", _("Member cities in good standing")),
            ("registered", _("Cities registered (report started)")),
            ("drafting", _("Drafting")),
            ("submitted", _("Submitted, awaiting feedback")),
            ("evaluated", _("Evaluated (feedback received or updating)")),
            ("published", _("Published")),
            ("on_time", _("Submitted by the deadline")),
            ("late", _("Submitted after the deadline")),
            ("measures_total", _("Measures in submitted reports")),
        ]
    ]
    return {
        "cycle": cycle,
        "cycles": cycles,
        "previous_cycle": before,
        "figures": current,
        "previous": previous,
        "comparison": comparison,
        "charts": [
            bar_chart(title=_("Reports by stage"), series=state_series, chart_id="chart-states"),
            bar_chart(
                title=_("Measures per commitment"),
                series=series("measures_per_commitment"),
                chart_id="chart-commitments",
            ),
            bar_chart(
                title=_("Main challenges reported"),
                series=series("challenges"),
                chart_id="chart-challenges",
            ),
            bar_chart(
                title=_("What cities expect from the coalition"),
                series=series("needs"),
                chart_id="chart-needs",
            ),
        ],
    }


# --- Benchmark -----------------------------------------------------------------------


@dataclass
class BenchmarkRow:
    key: str
    label: str
    own: float | None
    size_class: float | None
    coalition: float | None


@dataclass
class Benchmark:
    city: City
    cycle: ReportingCycle
    report: Report | None
    size_class_reports: int
    coalition_reports: int
    measures_per_commitment: list[BenchmarkRow]
    plan_commitments: list[BenchmarkRow]
    indicators: list[BenchmarkRow]

    @property
    def has_own_figures(self) -> bool:
        return self.report is not None and self.report.state in REVIEWABLE_STATES


def _average(values: list[float]) -> float | None:
    if len(values) < MIN_GROUP:
        return None
    return round(sum(values) / len(values), 1)


def city_benchmark(*, city: City, cycle: ReportingCycle) -> Benchmark:
    """The city's measures per commitment and level-1 indicators beside the average of
    its size class and of every submitted report of the cycle. Other cities appear
    only inside averages of at least MIN_GROUP reports. Six queries."""
    reports = list(
        Report.objects.filter(cycle=cycle, state__in=REVIEWABLE_STATES).values_list(
            "pk", "city_id", "city__population"
        )
    )
    own = Report.objects.filter(city=city, cycle=cycle).first()
    small = city.population < SIZE_THRESHOLD
    same_class = {pk for pk, _c, population in reports if (population < SIZE_THRESHOLD) == small}
    all_ids = {pk for pk, _c, _p in reports}
    own_id = own.pk if own is not None and own.pk in all_ids else None

    answers = Answer.objects.filter(
        report_id__in=all_ids,
    ).filter(
        Q(measure__isnull=False, question__code=MEASURE_COMMITMENTS_CODE)
        | Q(
            measure__isnull=True,
            question__section__level=SectionLevel.OVERVIEW,
            question__type__in=[QuestionType.YES_NO, QuestionType.COMMITMENTS],
        )
    )
    measures: dict[int, Counter] = {pk: Counter() for pk in all_ids}
    level1: dict[tuple[int, str], object] = {}
    for report_id, code, value, measure_id in answers.values_list(
        "report_id", "question__code", "value", "measure_id"
    ):
        if measure_id is not None:
            if isinstance(value, list):
                measures[report_id].update(int(n) for n in value if str(n).isdecimal())
        else:
            level1[(report_id, code)] = value

    questionnaire = (own.questionnaire if own and own.questionnaire_id else None) or (
        cycle.questionnaires.order_by("-is_active", "-version").first()
    )
    titles, questions = {}, []
    if questionnaire is not None:
        titles = {
            c.number: c.title for c in Commitment.objects.filter(plan_id=questionnaire.plan_id)
        }
        questions = list(
            Question.objects.filter(
                questionnaire=questionnaire,
                section__level=SectionLevel.OVERVIEW,
                type__in=[QuestionType.YES_NO, QuestionType.COMMITMENTS],
            ).order_by("section__order", "order")
        )

    def row(key, label, per_report):
        return BenchmarkRow(
            key=key,
            label=label,
            own=per_report(own_id) if own_id else None,
            size_class=_average([per_report(pk) for pk in same_class]),
            coalition=_average([per_report(pk) for pk in all_ids]),
        )

    per_commitment = [
        row(str(n), f"{n}. {title}", lambda pk, n=n: measures[pk][n])
        for n, title in sorted(titles.items())
    ]
    plan_rows, indicator_rows = [], []
    for question in questions:
        if question.type == QuestionType.COMMITMENTS:
            for n, title in sorted(titles.items()):
                plan_rows.append(
                    row(
                        f"{question.code}-{n}",
                        f"{n}. {title}",
                        lambda pk, n=n, code=question.code: (
                            100.0
                            * (
                                n
                                in [
                                    int(x)
                                    for x in (level1.get((pk, code)) or [])
                                    if str(x).isdecimal()
                                ]
                            )
                        ),
                    )
                )
        else:
            indicator_rows.append(
                row(
                    question.code,
                    question.text,
                    lambda pk, code=question.code: 100.0 * (level1.get((pk, code)) == "yes"),
                )
            )
    return Benchmark(
        city=city,
        cycle=cycle,
        report=own,
        size_class_reports=len(same_class),
        coalition_reports=len(all_ids),
        measures_per_commitment=per_commitment,
        plan_commitments=plan_rows,
        indicators=indicator_rows,
    )
