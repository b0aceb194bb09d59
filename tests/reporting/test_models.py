import datetime

import pytest
from django.db import IntegrityError, transaction

from eccar.errors import ServiceError
from reporting.enums import CyclePhase, ReportState, SizeCategory
from reporting.models import ReportStateChange
from reporting.services.reports import report_start, report_transition
from tests.factories import CityFactory, ReportFactory, ReportingCycleFactory

D = datetime.date


@pytest.mark.parametrize(
    ("today", "phase"),
    [
        (D(2024, 10, 1), CyclePhase.UPCOMING),
        (D(2024, 11, 20), CyclePhase.REGISTRATION),
        (D(2025, 1, 23), CyclePhase.REPORTING),
        (D(2025, 4, 30), CyclePhase.REPORTING),
        (D(2025, 5, 1), CyclePhase.EVALUATION),
        (D(2025, 10, 10), CyclePhase.FEEDBACK),
        (D(2025, 12, 1), CyclePhase.CLOSED),
    ],
)
def test_cycle_phase_is_derived_from_the_date(today, phase, db):
    cycle = ReportingCycleFactory(
        year=2025,
        registration_opens=D(2024, 11, 4),
        questionnaire_opens=D(2024, 12, 2),
        submission_deadline=D(2025, 4, 30),
        evaluation_ends=D(2025, 9, 30),
        general_assembly=D(2025, 10, 23),
    )

    assert cycle.phase(today) == phase


def test_cycle_dates_out_of_order_are_refused_by_the_database(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingCycleFactory(
            year=2031, submission_deadline=D(2020, 1, 1), questionnaire_opens=D(2021, 1, 1)
        )


def test_one_report_per_city_and_cycle(db):
    report = ReportFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        ReportFactory(city=report.city, cycle=report.cycle)


@pytest.mark.parametrize(
    ("population", "category"),
    [(49_999, SizeCategory.SMALL), (50_000, SizeCategory.LARGE), (3_800_000, SizeCategory.LARGE)],
)
def test_size_category_splits_at_50000(population, category, db):
    assert CityFactory(population=population).size_category == category


def test_report_transition_records_who_when_from_to(primary, city, cycle):
    report = report_start(city=city, cycle=cycle, by=primary)

    report_transition(report=report, to_state=ReportState.SUBMITTED, by=primary)

    history = list(
        ReportStateChange.objects.filter(report=report).values_list(
            "from_state", "to_state", "changed_by"
        )
    )
    assert history == [("", "draft", primary.pk), ("draft", "submitted", primary.pk)]
    assert report.submitted_by == primary


def test_report_transition_twice_changes_nothing_the_second_time(primary, city, cycle):
    report = report_start(city=city, cycle=cycle, by=primary)
    report_transition(report=report, to_state=ReportState.SUBMITTED, by=primary)

    with pytest.raises(ServiceError):
        report_transition(report=report, to_state=ReportState.SUBMITTED, by=primary)

    assert ReportStateChange.objects.filter(report=report).count() == 2


def test_report_transition_refuses_skipping_states(primary, city, cycle):
    report = report_start(city=city, cycle=cycle, by=primary)

    with pytest.raises(ServiceError, match="cannot go"):
        report_transition(report=report, to_state=ReportState.PUBLISHED, by=primary)

    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_report_start_twice_returns_the_same_report(primary, city, cycle):
    first = report_start(city=city, cycle=cycle, by=primary)
    second = report_start(city=city, cycle=cycle, by=primary)

    assert first.pk == second.pk
