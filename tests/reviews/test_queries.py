"""The review page and the reviewer work list make a fixed number of queries, whatever
the number of measures, reviews or reports (query shape, not a cache)."""

import pytest
from django.urls import reverse

from reporting.enums import ReportState
from reporting.models import Report, ReportSnapshot
from reporting.selectors.reports import report_snapshot_data
from reporting.services.content import answer_save, measure_add
from reviews import services
from reviews.enums import LetterState
from reviews.models import Assessment, Assignment, Criterion, Letter, Review
from tests.factories import CityFactory, ReportFactory, ReportingCycleFactory, UserFactory

# Queries of the review page: session, user with its second-factor flag (2, every page,
# eccar.backends); the report with its city, cycle, questionnaire, letter, latest
# revision, the cycle's criteria and the plan's commitments (1); the reviews with their
# assessments (1); the frozen document (sections, questions, choices, commitments,
# stored translations: 5, reporting's report_document); the header's roles and
# notifications (2). The measures' rows come from the snapshot; can_see_contacts knows
# from the report's query that the reviewer has no conflict with its city.
REVIEW_PAGE_QUERIES = 11
# Session, user with its second-factor flag; the cycle; the reports with their
# progress; their assignments with the reviewers; the header's roles and notifications;
# the reviewer's conflicts and the cities to declare one; the cycle switcher (the
# cycles, and the open work in every cycle).
WORKLIST_QUERIES_REVIEWER = 11
# Staff: no conflict form, but the reviewers to assign with their conflicts and city
# accounts (so that no row offers a reviewer with a conflict).
WORKLIST_QUERIES_STAFF = 12


def _grow_report(report, *, primary, q, measures: int) -> None:
    """Adds measures to the submitted report and freezes it again, as a resubmission."""
    Report.objects.filter(pk=report.pk).update(state=ReportState.DRAFT)
    report.refresh_from_db()
    for n in range(measures):
        measure = measure_add(report=report, by=primary)
        answer_save(report=report, question=q["m_title"], measure=measure, raw=f"M{n}", by=primary)
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    report.refresh_from_db()
    revision = report.snapshots.count() + 1
    ReportSnapshot.objects.create(
        report=report, revision=revision, data=report_snapshot_data(report), created_by=primary
    )


@pytest.mark.parametrize("extra_measures", [0, 8])
def test_review_page_queries(
    extra_measures, login, reviewer, staff, assigned, primary, q, django_assert_num_queries
):
    if extra_measures:
        _grow_report(assigned, primary=primary, q=q, measures=extra_measures)
    criteria = [
        Criterion.objects.create(cycle=assigned.cycle, code=f"c{n}", title=f"C{n}")
        for n in range(3)
    ]
    colleague = UserFactory(is_reviewer=True)
    for who in (reviewer, colleague):
        services.reviewer_assign(report=assigned, reviewer=who, by=staff)
        services.review_save(
            report=assigned,
            reviewer=who,
            changes={"general_conclusion": f"View of {who.pk}"},
            assessments={
                (measure.pk, criterion.pk): (2, "ok")
                for measure in assigned.measures.all()
                for criterion in criteria
            },
        )
    services.review_finalise(report=assigned, by=colleague)
    client = login(reviewer)
    url = reverse("reviews:review", args=[assigned.cycle.year, assigned.city.slug])
    client.get(url)  # warm-up: per-process lookups (content types)

    with django_assert_num_queries(REVIEW_PAGE_QUERIES):
        response = client.get(url)

    assert response.status_code == 200
    assert Assessment.objects.count() == 2 * 3 * (1 + extra_measures)
    assert "View of" in response.content.decode()


def _worklist_reports(cycle, reviewer, n: int) -> None:
    """n submitted reports assigned to the reviewer, half reviewed, a third with a letter."""
    for i in range(n):
        report = ReportFactory(city=CityFactory(), cycle=cycle, state=ReportState.SUBMITTED)
        Assignment.objects.create(report=report, reviewer=reviewer)
        if i % 2:
            Review.objects.create(report=report, reviewer=reviewer)
        if i % 3 == 0:
            Letter.objects.create(
                report=report,
                general_conclusion="Fine.",
                state=LetterState.SENT if i % 2 else LetterState.READY,
            )


@pytest.mark.parametrize("reports", [2, 12])
@pytest.mark.parametrize("earlier_cycle", [False, True])
@pytest.mark.parametrize(
    ("role", "expected"),
    [("reviewer", WORKLIST_QUERIES_REVIEWER), ("staff", WORKLIST_QUERIES_STAFF)],
)
def test_worklist_queries(
    reports, earlier_cycle, role, expected, login, reviewer, cycle, request,
    django_assert_num_queries,
):  # fmt: skip
    shown = ReportingCycleFactory(year=cycle.year - 1) if earlier_cycle else cycle
    _worklist_reports(shown, reviewer, reports)
    _worklist_reports(
        cycle if earlier_cycle else ReportingCycleFactory(year=cycle.year - 2), reviewer, 3
    )
    client = login(request.getfixturevalue(role))
    url = reverse("reviews:worklist", args=[shown.year])
    client.get(url)

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert response.status_code == 200
    assert len(response.context["rows"]) == reports


def test_review_page_reads_criteria_commitments_and_scores_with_the_report(
    login, reviewer, staff, assigned
):
    """What the report's query brings (the cycle's criteria in their order, the plan's
    commitments in the reader's language) and the reviews' assessments read with them
    are shown as the separate queries showed them."""
    later = Criterion.objects.create(cycle=assigned.cycle, code="b", title="Beta", order=2)
    first = Criterion.objects.create(cycle=assigned.cycle, code="a", title="Alpha", order=1)
    assigned.questionnaire.plan.commitments.filter(number=1).update(title_fr="Vigilance FR")
    reviewer.preferred_language = "fr"
    reviewer.save(update_fields=["preferred_language"])
    colleague = UserFactory(is_reviewer=True)
    measure = assigned.measures.get()
    services.reviewer_assign(report=assigned, reviewer=colleague, by=staff)
    for who, score in ((reviewer, 1), (colleague, 4)):
        services.review_save(
            report=assigned,
            reviewer=who,
            changes={"general_conclusion": f"View of {who.pk}"},
            assessments={(measure.pk, later.pk): (score, f"Note {score}")},
        )

    response = login(reviewer).get(
        reverse("reviews:review", args=[assigned.cycle.year, assigned.city.slug])
    )

    context = response.context
    assert [c.code for c in context["criteria"]] == ["a", "b"]
    assert context["commitment_rows"][0]["title"] == "Vigilance FR"
    assert [
        (row["criterion"], row["score"]) for row in context["assessed_measures"][0]["rows"]
    ] == [
        (first, ""),
        (later, "1"),
    ]
    (other,) = context["others"]
    (scored,) = other["measures"][0]["assessments"]
    assert (scored.criterion.title, scored.score, scored.comment) == ("Beta", 4, "Note 4")
    assert "Vigilance FR" in response.content.decode()
