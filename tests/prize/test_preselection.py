import pytest

from eccar.errors import ServiceError
from prize import selectors, services
from prize.enums import EditionPhase
from reporting.enums import AccountRole, SizeCategory
from reviews.models import ConflictOfInterest
from tests.factories import CityAccountFactory

from .conftest import advance
from .factories import assess, criteria_for, submitted_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(edition, staff, past_cycle, reviewer, small_reviewer):
    """Three large candidatures scored by two reviewers on two criteria."""
    impact, innovation = criteria_for(past_cycle)
    reports = [submitted_report(cycle=past_cycle, population=100_000) for _ in range(3)]
    measures = [r.measures.get() for r in reports]
    assess(measure=measures[0], reviewer=reviewer, scores={impact: 4, innovation: 1})
    assess(measure=measures[0], reviewer=small_reviewer, scores={impact: 2, innovation: 1})
    assess(measure=measures[1], reviewer=reviewer, scores={impact: 3, innovation: 3})
    advance(edition, staff, EditionPhase.PRESELECTION)
    return {"measures": measures, "impact": impact, "innovation": innovation}


def test_candidature_table_averages_each_criterion_and_sums_them(edition, scored, reviewer):
    table = selectors.candidature_table(edition=edition, category=SizeCategory.LARGE, user=reviewer)

    by_measure = {row["candidature"].measure_id: row for row in table["rows"]}
    first = by_measure[scored["measures"][0].pk]
    assert first["scores"] == [3.0, 1.0]
    assert first["total"] == 4.0
    assert by_measure[scored["measures"][1].pk]["total"] == 6.0
    assert by_measure[scored["measures"][2].pk]["total"] is None


def test_candidature_table_sorts_by_total_then_by_a_criterion(edition, scored, reviewer):
    by_total = selectors.candidature_table(
        edition=edition, category=SizeCategory.LARGE, user=reviewer, sort="total"
    )
    by_innovation = selectors.candidature_table(
        edition=edition, category=SizeCategory.LARGE, user=reviewer, sort="innovation"
    )
    ascending = selectors.candidature_table(
        edition=edition,
        category=SizeCategory.LARGE,
        user=reviewer,
        sort="innovation",
        descending=False,
    )

    ids = [m.pk for m in scored["measures"]]
    assert [r["candidature"].measure_id for r in by_total["rows"]] == [ids[1], ids[0], ids[2]]
    assert [r["candidature"].measure_id for r in by_innovation["rows"]] == [ids[1], ids[0], ids[2]]
    assert [r["candidature"].measure_id for r in ascending["rows"]] == [ids[2], ids[0], ids[1]]


def test_candidature_table_unknown_sort_falls_back_to_total(edition, scored, reviewer):
    table = selectors.candidature_table(
        edition=edition, category=SizeCategory.LARGE, user=reviewer, sort="drop table"
    )

    assert table["sort"] == "total"


def test_preselection_mark_with_justification(edition, scored, reviewer):
    candidature = edition.candidatures.first()

    mark = services.preselection_mark(
        candidature=candidature, reviewer=reviewer, justification="  Strong   evidence "
    )

    assert mark.justification == "Strong evidence"
    assert selectors.preselected_count(edition=edition, category=SizeCategory.LARGE) == 1


def test_preselection_mark_twice_keeps_one_mark(edition, scored, reviewer):
    candidature = edition.candidatures.first()

    services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="A")
    services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="B")

    assert list(candidature.preselection_marks.values_list("justification", flat=True)) == ["B"]


@pytest.mark.parametrize("justification", ["", "   ", "x" * 501])
def test_preselection_mark_refuses_a_bad_justification(edition, scored, reviewer, justification):
    candidature = edition.candidatures.first()

    with pytest.raises(ServiceError) as error:
        services.preselection_mark(
            candidature=candidature, reviewer=reviewer, justification=justification
        )

    assert error.value.field == "justification"
    assert not candidature.preselection_marks.exists()


def test_preselection_reviewer_of_a_candidate_city_abstains(edition, scored, reviewer):
    candidature = edition.candidatures.first()
    CityAccountFactory(user=reviewer, city=candidature.city, role=AccountRole.SECONDARY)

    with pytest.raises(ServiceError) as error:
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="Own")

    assert error.value.code == "abstain"
    table = selectors.candidature_table(edition=edition, category=SizeCategory.LARGE, user=reviewer)
    abstains = {r["candidature"].pk: r["abstains"] for r in table["rows"]}
    assert abstains[candidature.pk] is True
    assert sum(abstains.values()) == 1


def test_preselection_reviewer_with_a_conflict_abstains(edition, scored, reviewer):
    candidature = edition.candidatures.first()
    ConflictOfInterest.objects.create(reviewer=reviewer, city=candidature.city, reason="Adviser")

    with pytest.raises(ServiceError) as error:
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="x")

    assert error.value.code == "abstain"


@pytest.mark.parametrize("who", ["board", "staff", "primary"])
def test_preselection_only_by_the_advisory_board(edition, scored, request, who):
    candidature = edition.candidatures.first()

    with pytest.raises(ServiceError) as error:
        services.preselection_mark(
            candidature=candidature, reviewer=request.getfixturevalue(who), justification="x"
        )

    assert error.value.code == "role"


def test_preselection_refused_outside_phase_one(edition, scored, reviewer, staff):
    advance(edition, staff, EditionPhase.FINALISTS)

    with pytest.raises(ServiceError) as error:
        services.preselection_mark(
            candidature=edition.candidatures.first(), reviewer=reviewer, justification="Late"
        )

    assert error.value.code == "phase"


def test_preselection_of_a_withdrawn_measure_refused(
    edition, staff, city_report, reviewer, primary
):
    advance(edition, staff, EditionPhase.PRESELECTION)
    candidature = edition.candidatures.first()
    services.candidature_withdraw(candidature=candidature, by=primary)

    with pytest.raises(ServiceError) as error:
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="x")

    assert error.value.code == "withdrawn"


def test_preselection_unmark(edition, scored, reviewer):
    candidature = edition.candidatures.first()
    services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="A")

    services.preselection_unmark(candidature=candidature, reviewer=reviewer)

    assert not candidature.preselection_marks.exists()
