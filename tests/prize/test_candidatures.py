import datetime

import pytest

from eccar.errors import ServiceError
from prize import selectors, services
from prize.enums import EditionPhase
from prize.models import Candidature, CityCategory, EditionPhaseChange
from reporting.enums import ReportState, SizeCategory
from reporting.models import Measure
from tests.factories import CityFactory

from .conftest import advance
from .factories import PastCycleFactory, PrizeEditionFactory, submitted_report

pytestmark = pytest.mark.django_db


def test_candidatures_appear_when_the_preselection_starts(edition, staff, city_report):
    advance(edition, staff, EditionPhase.PRESELECTION)

    titles = sorted(edition.candidatures.values_list("title", flat=True))
    assert titles == ["Graz measure 1", "Graz measure 2"]


def test_candidature_late_report_is_not_a_candidature(edition, staff, past_cycle):
    late = submitted_report(cycle=past_cycle, days_after_deadline=1)
    on_time = submitted_report(cycle=past_cycle, days_after_deadline=0)

    advance(edition, staff, EditionPhase.PRESELECTION)

    cities = set(edition.candidatures.values_list("city_id", flat=True))
    assert cities == {on_time.city_id}
    assert late.city_id not in cities


def test_candidature_report_submitted_on_the_deadline_day_counts(edition, staff, past_cycle):
    # 23:00 on the deadline day, local time.
    report = submitted_report(cycle=past_cycle, days_after_deadline=0)

    services.candidatures_build(edition=edition)

    assert edition.candidatures.filter(report=report).count() == 1


def test_candidature_deadline_extension_is_honoured(edition, staff, past_cycle):
    report = submitted_report(cycle=past_cycle, days_after_deadline=5)
    report.deadline_extended_to = past_cycle.submission_deadline + datetime.timedelta(days=7)
    report.save()
    too_late = submitted_report(cycle=past_cycle, days_after_deadline=9)
    too_late.deadline_extended_to = past_cycle.submission_deadline + datetime.timedelta(days=7)
    too_late.save()

    services.candidatures_build(edition=edition)

    assert set(edition.candidatures.values_list("report_id", flat=True)) == {report.pk}


def test_candidature_measure_added_after_the_deadline_is_not_one(edition, past_cycle):
    report = submitted_report(cycle=past_cycle, measures=1)
    Measure.objects.create(report=report, order=9, title="Added in the update")

    services.candidatures_build(edition=edition)

    assert list(edition.candidatures.values_list("title", flat=True)) == [
        f"{report.city.name} measure 1"
    ]


def test_candidature_report_returned_to_draft_is_not_one(edition, past_cycle):
    report = submitted_report(cycle=past_cycle)
    report.state = ReportState.DRAFT
    report.save()

    assert services.candidatures_build(edition=edition) == 0


@pytest.mark.parametrize(
    ("population", "category"),
    [(49_999, SizeCategory.SMALL), (50_000, SizeCategory.LARGE), (50_001, SizeCategory.LARGE)],
)
def test_candidature_category_splits_at_fifty_thousand(edition, past_cycle, population, category):
    submitted_report(cycle=past_cycle, population=population)

    services.candidatures_build(edition=edition)

    assert list(edition.candidatures.values_list("category", flat=True)) == [category]


def test_candidature_category_keeps_the_population_at_the_deadline(edition, past_cycle):
    report = submitted_report(cycle=past_cycle, population=49_000, measures=1)
    services.candidatures_build(edition=edition)
    report.city.population = 60_000
    report.city.save()
    Measure.objects.filter(report=report).update(title="Renamed")
    Measure.objects.create(report=report, order=2, title="Second")
    Measure.objects.filter(report=report, order=2).update(
        created_at=report.submitted_at - datetime.timedelta(days=1)
    )

    services.candidatures_build(edition=edition)

    assert sorted(edition.candidatures.values_list("category", "population")) == [
        (SizeCategory.SMALL, 49_000),
        (SizeCategory.SMALL, 49_000),
    ]
    assert CityCategory.objects.get(edition=edition).population == 49_000


def test_candidatures_build_twice_creates_nothing_new(edition, city_report):
    first = services.candidatures_build(edition=edition)
    second = services.candidatures_build(edition=edition)

    assert (first, second) == (2, 0)
    assert Candidature.objects.filter(edition=edition).count() == 2


def test_candidature_keeps_its_title_when_the_measure_is_deleted(edition, city_report):
    services.candidatures_build(edition=edition)
    city_report.measures.all().delete()

    assert sorted(edition.candidatures.values_list("title", flat=True)) == [
        "Graz measure 1",
        "Graz measure 2",
    ]


def test_phase_change_is_recorded_with_who_and_when(edition, staff, city_report):
    advance(edition, staff, EditionPhase.PRESELECTION)

    change = EditionPhaseChange.objects.filter(edition=edition).last()
    assert (change.from_phase, change.to_phase, change.changed_by) == (
        EditionPhase.PREPARATION,
        EditionPhase.PRESELECTION,
        staff,
    )
    assert change.changed_at is not None


def test_phase_cannot_skip_a_step(edition, staff):
    with pytest.raises(ServiceError) as error:
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.VOTE, by=staff)

    assert error.value.code == "transition"
    edition.refresh_from_db()
    assert edition.phase == EditionPhase.PREPARATION
    assert edition.phase_changes.count() == 1


def test_phase_same_phase_twice_changes_nothing(edition, staff):
    advance(edition, staff, EditionPhase.PRESELECTION)

    with pytest.raises(ServiceError):
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.PRESELECTION, by=staff)

    assert edition.phase_changes.count() == 2


def test_phase_preselection_waits_for_the_deadline(staff, db):
    edition = PrizeEditionFactory(
        cycle__submission_deadline=datetime.date.today() + datetime.timedelta(days=1),
        cycle__evaluation_ends=datetime.date.today() + datetime.timedelta(days=2),
        cycle__general_assembly=datetime.date.today() + datetime.timedelta(days=3),
    )

    with pytest.raises(ServiceError) as error:
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.PRESELECTION, by=staff)

    assert error.value.code == "early"


def test_phase_change_refused_to_non_staff(edition, board):
    with pytest.raises(ServiceError):
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.PRESELECTION, by=board)

    edition.refresh_from_db()
    assert edition.phase == EditionPhase.PREPARATION


def test_withdraw_by_the_primary_account(edition, staff, city_report, primary):
    advance(edition, staff, EditionPhase.PRESELECTION)
    candidature = edition.candidatures.first()

    services.candidature_withdraw(candidature=candidature, by=primary)

    candidature.refresh_from_db()
    assert candidature.is_withdrawn
    assert candidature.withdrawn_by == primary


@pytest.mark.parametrize("who", ["secondary", "other_primary", "staff"])
def test_withdraw_refused_to_others(edition, staff, city_report, request, who):
    advance(edition, staff, EditionPhase.PRESELECTION)
    candidature = edition.candidatures.first()

    with pytest.raises(ServiceError):
        services.candidature_withdraw(candidature=candidature, by=request.getfixturevalue(who))

    candidature.refresh_from_db()
    assert not candidature.is_withdrawn


def test_withdraw_refused_once_the_vote_started(vote_setup, primary):
    candidature = vote_setup["edition"].candidatures.get(city=vote_setup["cities"]["graz"])

    with pytest.raises(ServiceError) as error:
        services.candidature_withdraw(candidature=candidature, by=primary)

    assert error.value.code == "phase"


def test_eligible_measures_ignore_other_cycles(edition, past_cycle):
    other = PastCycleFactory()
    submitted_report(cycle=other, city=CityFactory())

    assert list(selectors.eligible_measures(cycle=past_cycle)) == []


def test_candidatures_build_refused_once_the_preselection_ended(edition, staff, city_report):
    advance(edition, staff, EditionPhase.PRESELECTION, EditionPhase.FINALISTS)
    submitted_report(cycle=edition.cycle, population=90_000)

    with pytest.raises(ServiceError) as refused:
        services.candidatures_build(edition=edition)

    assert refused.value.code == "phase"
    assert edition.candidatures.count() == 2
