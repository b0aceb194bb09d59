"""Conflicts of interest, the Board's reading of every review, and the general feedback
with the cycle overview it draws on."""

import pytest
from django.urls import reverse

from reporting.enums import AccountRole, ReportState
from reporting.models import Answer, Measure, Report
from reporting.services.reports import report_submit
from reviews import services
from reviews.models import ConflictOfInterest, GeneralFeedback
from tests.factories import CityAccountFactory, CityFactory, ReportFactory
from tests.reporting.test_submission import complete


def test_reviewer_declares_a_conflict_with_every_city_of_a_country(
    login, reviewer, submitted, staff
):
    CityFactory(country="AT", name="Linz")
    CityFactory(country="SE", name="Umeå")

    login(reviewer).post(
        reverse("reviews:conflict", args=[submitted.cycle.year]),
        {"city": submitted.city.pk, "reason": "Own country", "whole_country": "yes"},
    )

    assert sorted(ConflictOfInterest.objects.cities().values_list("name", flat=True)) == [
        "Graz",
        "Linz",
    ]
    response = login(staff).post(
        reverse("reviews:assign", args=[submitted.cycle.year, submitted.city.slug]),
        {"reviewer": reviewer.pk},
        follow=True,
    )
    assert "conflict of interest" in response.content.decode()
    assert not submitted.assignments.exists()


@pytest.mark.parametrize("post", [{}, {"city": "999999", "reason": "x"}, {"city": "abc"}])
def test_conflict_form_with_bad_input_records_nothing(login, reviewer, submitted, post):
    response = login(reviewer).post(
        reverse("reviews:conflict", args=[submitted.cycle.year]), post, follow=True
    )

    assert response.status_code == 200
    assert not ConflictOfInterest.objects.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("primary", 403), ("reviewer", 403), ("board", 200), ("staff", 200)],
)
def test_review_drafts_are_read_only_by_staff_and_board(
    role, expected, login, assigned, reviewer, request
):
    services.review_save(
        report=assigned, reviewer=reviewer, changes={"general_conclusion": "Draft"}
    )
    user = request.getfixturevalue(role) if role != "anonymous" else None

    response = login(user).get(
        reverse("reviews:report_reviews", args=[assigned.cycle.year, assigned.city.slug])
    )

    assert response.status_code == expected
    if expected == 200:
        assert "Draft" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("primary", 403), ("reviewer", 200), ("board", 200), ("staff", 200)],
)
def test_general_feedback_page_permissions(role, expected, login, submitted, request):
    user = request.getfixturevalue(role) if role != "anonymous" else None

    response = login(user).get(reverse("reviews:general_feedback", args=[submitted.cycle.year]))

    assert response.status_code == expected


def test_board_writes_versions_and_marks_one_final(login, board, submitted):
    client = login(board)
    url = reverse("reviews:general_feedback", args=[submitted.cycle.year])

    client.post(url, {"text": "First thoughts"})
    client.post(url, {"text": "Cities need common indicators.", "final": "yes"})
    client.post(url, {"text": "   "})

    assert list(GeneralFeedback.objects.values_list("version", "is_final", "text")) == [
        (2, True, "Cities need common indicators."),
        (1, False, "First thoughts"),
    ]


def test_reviewers_cannot_write_the_general_feedback(login, reviewer, submitted):
    response = login(reviewer).post(
        reverse("reviews:general_feedback", args=[submitted.cycle.year]), {"text": "Mine"}
    )

    assert response.status_code == 403
    assert not GeneralFeedback.objects.exists()


def test_overview_figures_equal_independent_counts(login, board, submitted, q, plan):
    other = CityFactory(name="Ghent")
    other_primary = CityAccountFactory(city=other, role=AccountRole.PRIMARY).user
    second = ReportFactory(city=other, cycle=submitted.cycle, questionnaire=submitted.questionnaire)
    complete(second, q, other_primary)
    report_submit(report=second, by=other_primary)
    ReportFactory(city=CityFactory(), cycle=submitted.cycle, questionnaire=submitted.questionnaire)

    context = (
        login(board).get(reverse("reviews:general_feedback", args=[submitted.cycle.year])).context
    )

    states = {bar["label"]: bar["bars"][0]["value"] for bar in context["charts"][0]["rows"]}
    reports = Report.objects.filter(cycle=submitted.cycle)
    assert states[str(ReportState.SUBMITTED.label)] == reports.filter(state="submitted").count()
    assert states[str(ReportState.DRAFT.label)] == reports.filter(state="draft").count()
    assert (
        context["figures"].measures_total
        == Measure.objects.filter(report__state="submitted").count()
    )
    assert Answer.objects.exists()
