"""Factories of the prize tests: a reporting cycle whose deadline has passed, reports
submitted on time (or late) with their measures, and a prize edition on top."""

import datetime

import factory
from django.utils import timezone

from prize.models import PrizeEdition
from prize.selectors import deadline_cutoff
from reporting.enums import AccountRole, ReportState
from reporting.models import CityAccount, Measure, Report
from reviews.models import Assessment, Criterion, Review
from tests.factories import CityFactory, ReportingCycleFactory, UserFactory


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


class PastCycleFactory(ReportingCycleFactory):
    """A cycle whose submission deadline was 100 days ago."""

    registration_opens = factory.LazyFunction(lambda: _days(-400))
    questionnaire_opens = factory.LazyFunction(lambda: _days(-380))
    submission_deadline = factory.LazyFunction(lambda: _days(-100))
    evaluation_ends = factory.LazyFunction(lambda: _days(-30))
    general_assembly = factory.LazyFunction(lambda: _days(30))


class PrizeEditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PrizeEdition

    cycle = factory.SubFactory(PastCycleFactory)
    year = factory.LazyAttribute(lambda o: o.cycle.year)
    preselection_starts = factory.LazyFunction(lambda: _days(-20))
    finalists_start = factory.LazyFunction(lambda: _days(0))
    vote_on = factory.LazyFunction(lambda: _days(30))
    results_on = factory.LazyFunction(lambda: _days(31))


def submitted_report(
    *, cycle, city=None, measures: int = 1, days_after_deadline: int = -10, population=None
) -> Report:
    """A report of `city` submitted `days_after_deadline` days after the cycle's deadline
    (negative: before it), with `measures` level-2 measures written before submission."""
    if city is None:
        city = CityFactory(**({"population": population} if population is not None else {}))
        user = UserFactory()
        CityAccount.objects.create(user=user, city=city, role=AccountRole.PRIMARY)
    submitted_at = deadline_cutoff(cycle.submission_deadline) + datetime.timedelta(
        days=days_after_deadline, hours=-1
    )
    report = Report.objects.create(
        city=city, cycle=cycle, state=ReportState.SUBMITTED, submitted_at=submitted_at
    )
    made = Measure.objects.bulk_create(
        [
            Measure(report=report, order=n, title=f"{city.name} measure {n}")
            for n in range(1, measures + 1)
        ]
    )
    Measure.objects.filter(pk__in=[m.pk for m in made]).update(
        created_at=submitted_at - datetime.timedelta(days=5)
    )
    return report


def criteria_for(cycle, codes=("impact", "innovation")):
    return [
        Criterion.objects.get_or_create(
            cycle=cycle, code=code, defaults={"order": n, "title": code.title()}
        )[0]
        for n, code in enumerate(codes)
    ]


def assess(*, measure, reviewer, scores: dict):
    """Scores {criterion: 0-4} of one reviewer on one measure."""
    review, _created = Review.objects.get_or_create(report=measure.report, reviewer=reviewer)
    for criterion, score in scores.items():
        Assessment.objects.update_or_create(
            review=review, measure=measure, criterion=criterion, defaults={"score": score}
        )
