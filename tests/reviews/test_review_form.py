"""The review form: texts, feedback per commitment and criterion scores, saved by the
Save button or by autosave (JSON), with conflicts and bad input refused whole."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.models import ReportSnapshot
from reporting.selectors.reports import report_snapshot_data
from reporting.services.content import answer_save, measure_add
from reporting.services.reports import report_return_to_draft
from reviews import services
from reviews.models import Assessment, Criterion, Review
from tests.factories import ReportFactory, UserFactory

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def criteria(submitted):
    return [
        Criterion.objects.create(cycle=submitted.cycle, code="impact", title="Impact", order=1),
        Criterion.objects.create(cycle=submitted.cycle, code="transfer", title="Transferability"),
    ]


def _url(report):
    return reverse("reviews:review", args=[report.cycle.year, report.city.slug])


def test_review_form_stores_texts_commitment_feedback_and_scores(
    login, reviewer, assigned, criteria
):
    measure = assigned.measures.get()
    impact, transfer = criteria

    response = login(reviewer).post(
        _url(assigned),
        {
            "general_conclusion": "A clear plan.",
            "cf-3": "Good monitoring.",
            "cf-4": "",
            f"score-{measure.pk}-{impact.pk}": "4",
            f"comment-{measure.pk}-{impact.pk}": "Reached 2,000 pupils.",
            f"score-{measure.pk}-{transfer.pk}": "",
        },
    )

    review = Review.objects.get()
    assert response.status_code == 302
    assert review.general_conclusion == "A clear plan."
    assert review.commitment_feedback == {"3": "Good monitoring."}
    assert list(Assessment.objects.values_list("criterion__code", "score", "comment")) == [
        ("impact", 4, "Reached 2,000 pupils.")
    ]


def test_review_page_shows_saved_scores_and_commitment_feedback(
    login, reviewer, assigned, criteria
):
    measure = assigned.measures.get()
    services.review_save(
        report=assigned,
        reviewer=reviewer,
        changes={"commitment_feedback": {"2": "Strong data work."}},
        assessments={(measure.pk, criteria[0].pk): (3, "Solid.")},
    )

    page = login(reviewer).get(_url(assigned)).content.decode()

    assert "Strong data work." in page
    assert f'name="score-{measure.pk}-{criteria[0].pk}"' in page
    assert '<option value="3" selected>' in page


@pytest.mark.parametrize("score", ["5", "-1", "abc"])
def test_bad_score_is_refused_and_nothing_is_saved(login, reviewer, assigned, criteria, score):
    measure = assigned.measures.get()

    response = login(reviewer).post(
        _url(assigned),
        {"general_conclusion": "Kept?", f"score-{measure.pk}-{criteria[0].pk}": score},
    )

    assert response.status_code == 400
    assert "Kept?" in response.content.decode()  # the text stays in the page
    assert not Review.objects.exists()


def test_comment_without_score_is_named_and_stores_no_assessment(
    login, reviewer, assigned, criteria
):
    measure = assigned.measures.get()

    response = login(reviewer).post(
        _url(assigned), {f"comment-{measure.pk}-{criteria[0].pk}": "Nice"}, **FETCH
    )

    assert response.status_code == 200
    assert f"score-{measure.pk}-{criteria[0].pk}" in response.json()["warnings"]
    assert not Assessment.objects.exists()


def test_foreign_measure_ids_are_ignored(login, reviewer, assigned, criteria, other_city):
    other = ReportFactory(city=other_city, cycle=assigned.cycle)
    foreign = other.measures.create(title="Not ours")

    login(reviewer).post(
        _url(assigned),
        {"general_conclusion": "x", f"score-{foreign.pk}-{criteria[0].pk}": "4"},
    )

    assert not Assessment.objects.exists()


def test_autosave_answers_json_with_the_new_version(login, reviewer, assigned):
    client = login(reviewer)

    first = client.post(_url(assigned), {"individual_feedback": "Draft"}, **FETCH)
    second = client.post(
        _url(assigned),
        {"individual_feedback": "Draft 2", "version": str(first.json()["version"])},
        **FETCH,
    )

    assert first.status_code == 200 and second.status_code == 200
    assert Review.objects.get().individual_feedback == "Draft 2"


def test_autosave_from_a_stale_tab_is_a_conflict(login, reviewer, assigned):
    client = login(reviewer)
    client.post(_url(assigned), {"individual_feedback": "Tab A"}, **FETCH)
    client.post(_url(assigned), {"individual_feedback": "Tab A again", "version": "2"}, **FETCH)

    stale = client.post(_url(assigned), {"individual_feedback": "Tab B", "version": "2"}, **FETCH)

    assert stale.status_code == 409
    assert Review.objects.get().individual_feedback == "Tab A again"


def test_autosave_after_logout_answers_401_in_json(client, assigned):
    response = client.post(_url(assigned), {"individual_feedback": "x"}, **FETCH)

    assert response.status_code == 401
    assert response.json()["error"]


def test_autosave_after_return_to_draft_is_refused_and_keeps_the_review(
    login, reviewer, assigned, staff
):
    client = login(reviewer)
    client.post(_url(assigned), {"individual_feedback": "Before"}, **FETCH)
    report_return_to_draft(report=assigned, by=staff, reason="Wrong file")

    response = client.post(_url(assigned), {"individual_feedback": "After"}, **FETCH)

    assert response.status_code in (400, 403)
    assert Review.objects.get().individual_feedback == "Before"


def test_co_reviewer_scores_appear_only_after_saving_ones_own(
    login, reviewer, assigned, staff, criteria
):
    colleague = UserFactory(is_reviewer=True)
    services.reviewer_assign(report=assigned, reviewer=colleague, by=staff)
    measure = assigned.measures.get()
    services.review_save(
        report=assigned,
        reviewer=colleague,
        changes={"general_conclusion": "Colleague's view"},
        assessments={(measure.pk, criteria[0].pk): (1, "Weak evidence")},
    )
    client = login(reviewer)

    before = client.get(_url(assigned)).content.decode()
    client.post(_url(assigned), {"general_conclusion": "Mine"})
    after = client.get(_url(assigned)).content.decode()

    assert "Weak evidence" not in before and "Colleague&#x27;s view" not in before
    assert "Weak evidence" in after


@pytest.mark.parametrize("frozen", [True, False])
def test_review_page_queries_do_not_grow_with_measures(
    login, reviewer, assigned, criteria, q, primary, frozen
):
    client = login(reviewer)
    url = _url(assigned)
    if not frozen:  # the live answers, as for a report without a snapshot
        assigned.snapshots.all().delete()
    client.get(url)  # warm-up: per-process caches (content types, the session)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    few_count = len(few)  # now: the next request empties the connection's query log
    type(assigned).objects.filter(pk=assigned.pk).update(state="draft")
    assigned.refresh_from_db()
    for n in range(5):
        measure = measure_add(report=assigned, by=primary)
        answer_save(
            report=assigned, question=q["m_title"], measure=measure, raw=f"M{n}", by=primary
        )
    type(assigned).objects.filter(pk=assigned.pk).update(state="submitted")
    if frozen:
        ReportSnapshot.objects.create(
            report=assigned,
            revision=2,
            data=report_snapshot_data(assigned),
            created_by=primary,
        )

    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == few_count
