"""Bench and load data, written in bulk on top of `seed_demo`.

The services would take many minutes for 200 cities and 10,000 measures, so the rows
are written with `bulk_create`; publication still goes through the one signal the
library listens to, so the library indexes exactly as it does in production. Only the
models and that signal are imported here: pages are reached over HTTP by URL name."""

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import connection
from django.db.models import Count

from prize.models import Candidature, PrizeEdition
from reporting.enums import AccountRole, QuestionType, ReportState
from reporting.models import (
    Answer,
    City,
    CityAccount,
    Measure,
    Report,
    ReportingCycle,
    ReportStateChange,
    User,
)
from reporting.signals import report_state_changed
from reviews.models import Assessment, Assignment, Criterion, Review

PREFIX = "bench-city-"
WORDS = [
    "housing", "schools", "training", "hate", "speech", "victims", "counselling",
    "monitoring", "police", "youth", "employment", "data", "equality", "mediation",
    "festival", "memory", "street", "names", "campaign", "network",
]  # fmt: skip
CRITERIA = ["impact", "innovation", "sustainability"]


def cycles() -> dict[int, ReportingCycle]:
    return {c.year: c for c in ReportingCycle.objects.order_by("year")}


def bench_cities(total: int) -> list[City]:
    """Adds bench cities (each with a primary account and a draft report in every cycle)
    until there are `total` cities, and returns the bench cities in order."""
    have = City.objects.count()
    first = City.objects.filter(slug__startswith=PREFIX).count()
    new = range(first, first + max(0, total - have))
    cities = City.objects.bulk_create(
        City(
            name=f"Bench city {n}",
            slug=f"{PREFIX}{n}",
            country="DE",
            population=20_000 + n * 1000,
            languages=["de"],
        )
        for n in new
    )
    users = User.objects.bulk_create(
        User(
            email=f"bench{n}@cities.eccar.test",
            password=UNUSABLE_PASSWORD_PREFIX,
            full_name=f"Bench {n}",
        )
        for n in new
    )
    CityAccount.objects.bulk_create(
        CityAccount(user=user, city=city, role=AccountRole.PRIMARY)
        for user, city in zip(users, cities, strict=True)
    )
    Report.objects.bulk_create(
        Report(city=city, cycle=cycle, questionnaire=cycle.questionnaires.get(is_active=True))
        for cycle in cycles().values()
        for city in cities
    )
    return list(City.objects.filter(slug__startswith=PREFIX).order_by("pk"))


def _value(question, n: int, title: str):
    if question.code == "m_title":
        return title
    if question.type in (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT):
        return " ".join(WORDS[(n + i) % len(WORDS)] for i in range(12))
    if question.type == QuestionType.NUMBER:
        return 12000 + n
    if question.type == QuestionType.YES_NO:
        return "yes" if n % 2 else "no"
    if question.type == QuestionType.DATE:
        return "2025-01-15"
    if question.type == QuestionType.COMMITMENTS:
        return [n % 10 + 1, (n + 3) % 10 + 1]
    choices = [c.value for c in question.choices.all()]
    if not choices:
        return None
    value = choices[n % len(choices)]
    return [value] if question.type == QuestionType.MULTIPLE_CHOICE else value


def fill(reports: list[Report], measures: int) -> None:
    """Gives each report its level-1 answers (once) and complete measures up to
    `measures`, in bulk."""
    questions_by = {}
    have = dict(
        Report.objects.filter(pk__in=[r.pk for r in reports])
        .annotate(n=Count("measures"))
        .values_list("pk", "n")
    )
    answered = set(
        Answer.objects.filter(report__in=reports, measure=None).values_list("report_id", flat=True)
    )
    new_measures = []
    for report in reports:
        new_measures += [
            Measure(
                report=report,
                order=n,
                title=f"{WORDS[n % len(WORDS)]} {WORDS[(n + 7) % len(WORDS)]} {report.pk}-{n}",
            )
            for n in range(have[report.pk] + 1, measures + 1)
        ]
    Measure.objects.bulk_create(new_measures, batch_size=2000)
    by_report = {}
    for measure in new_measures:
        by_report.setdefault(measure.report_id, []).append(measure)
    answers = []
    for report in reports:
        if report.questionnaire_id not in questions_by:
            questions_by[report.questionnaire_id] = list(
                report.questionnaire.questions.select_related("section").prefetch_related("choices")
            )
        owners = by_report.get(report.pk, [])
        if report.pk not in answered:
            owners = [None, *owners]
        for owner in owners:
            n = owner.order if owner else 0
            for question in questions_by[report.questionnaire_id]:
                if (question.section.level == 1) != (owner is None):
                    continue
                value = _value(question, n + report.pk, owner.title if owner else "")
                if value is not None:
                    answers.append(
                        Answer(report=report, question=question, measure=owner, value=value)
                    )
        if len(answers) > 20_000:
            Answer.objects.bulk_create(answers)
            answers = []
    Answer.objects.bulk_create(answers)


def publish(reports: list[Report]) -> None:
    """Marks the reports published and tells the library, as `report_transition` does."""
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(state=ReportState.PUBLISHED)
    ReportStateChange.objects.bulk_create(
        ReportStateChange(report=r, from_state=r.state, to_state=ReportState.PUBLISHED)
        for r in reports
    )
    for report in reports:
        from_state, report.state = report.state, ReportState.PUBLISHED
        report_state_changed.send(
            sender=Report, report=report, from_state=from_state, to_state=report.state, by=None
        )


def library(cities: list[City], years: list[int], measures: int) -> None:
    """The cities' reports of `years`, filled with `measures` measures and published."""
    reports = list(
        Report.objects.filter(city__in=cities, cycle__year__in=years)
        .exclude(state=ReportState.PUBLISHED)
        .select_related("questionnaire", "city", "cycle")
    )
    fill(reports, measures)
    publish(reports)


def submit_in_bulk(reports: list[Report]) -> None:
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(state=ReportState.SUBMITTED)
    ReportStateChange.objects.bulk_create(
        ReportStateChange(report=r, from_state=r.state, to_state=ReportState.SUBMITTED)
        for r in reports
    )


def candidatures(year: int, size: int, reviewer: User) -> PrizeEdition:
    """The edition of `year` with `size` candidatures (the measures of its submitted
    reports), each scored by `reviewer` on three criteria."""
    cycle = ReportingCycle.objects.get(year=year)
    edition, _created = PrizeEdition.objects.get_or_create(
        year=year,
        defaults={
            "cycle": cycle,
            "phase": "preselection",
            "preselection_starts": f"{year}-05-15",
            "finalists_start": f"{year}-09-01",
            "vote_on": f"{year}-10-20",
            "results_on": f"{year}-10-21",
        },
    )
    taken = Candidature.objects.filter(edition=edition).values("measure_id")
    measures = list(
        Measure.objects.filter(report__cycle=cycle, report__state=ReportState.SUBMITTED)
        .exclude(pk__in=taken)
        .select_related("report__city")
        .order_by("pk")[: max(0, size - Candidature.objects.filter(edition=edition).count())]
    )
    Candidature.objects.bulk_create(
        Candidature(
            edition=edition,
            measure=m,
            report=m.report,
            city=m.report.city,
            title=m.title,
            population=max(m.report.city.population, 50_000),
            category="large",
        )
        for m in measures
    )
    criteria = [
        Criterion.objects.get_or_create(
            cycle=cycle, code=code, defaults={"order": n, "title": code.title()}
        )[0]
        for n, code in enumerate(CRITERIA)
    ]
    report_ids = {m.report_id for m in measures}
    reviews = {r.report_id: r for r in Review.objects.filter(reviewer=reviewer)}
    Review.objects.bulk_create(
        Review(report_id=pk, reviewer=reviewer) for pk in report_ids if pk not in reviews
    )
    reviews = {r.report_id: r for r in Review.objects.filter(reviewer=reviewer)}
    Assignment.objects.bulk_create(
        [Assignment(report_id=pk, reviewer=reviewer) for pk in report_ids], ignore_conflicts=True
    )
    Assessment.objects.bulk_create(
        Assessment(review=reviews[m.report_id], measure=m, criterion=c, score=(m.pk + i) % 5)
        for m in measures
        for i, c in enumerate(criteria)
    )
    return edition


def analyse() -> None:
    """A production database is analysed by autovacuum; a bulk load is not yet."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
