"""A comment typed before its score (issue 17): autosave no longer refuses the whole
form without naming the field; everything else is saved and the reviewer is told which
measure and criterion still need a score. A bad score is refused, naming its field."""

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Assessment, Criterion, Review

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


@pytest.fixture
def criteria(submitted):
    return [
        Criterion.objects.create(cycle=submitted.cycle, code="impact", title="Impact", order=1),
        Criterion.objects.create(cycle=submitted.cycle, code="transfer", title="Transferability"),
    ]


def _url(report):
    return reverse("reviews:review", args=[report.cycle.year, report.city.slug])


def _named(report, criterion) -> str:
    measure = report.measures.get()
    return f"Measure 1 “{measure.title}”, “{criterion.title}”"


def test_autosave_saves_the_rest_and_names_the_missing_score(login, reviewer, assigned, criteria):
    measure = assigned.measures.get()
    impact, transfer = criteria

    response = login(reviewer).post(
        _url(assigned),
        {
            "general_conclusion": "A clear plan.",
            f"score-{measure.pk}-{impact.pk}": "",
            f"comment-{measure.pk}-{impact.pk}": "Reached 2,000 pupils.",
            f"score-{measure.pk}-{transfer.pk}": "3",
        },
        **FETCH,
    )

    assert response.status_code == 200
    assert response.json()["warnings"] == {
        f"score-{measure.pk}-{impact.pk}": f"{_named(assigned, impact)}: "
        "give a score to save your comment."
    }
    assert Review.objects.get().general_conclusion == "A clear plan."
    assert list(Assessment.objects.values_list("criterion__code", "score")) == [("transfer", 3)]


def test_the_save_button_keeps_the_comment_in_the_page_and_marks_the_score(
    login, reviewer, assigned, criteria
):
    measure = assigned.measures.get()
    impact = criteria[0]

    response = login(reviewer).post(
        _url(assigned),
        {
            "general_conclusion": "A clear plan.",
            f"comment-{measure.pk}-{impact.pk}": "Reached 2,000 pupils.",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert Review.objects.get().general_conclusion == "A clear plan."
    assert "Reached 2,000 pupils." in page
    assert f"{_named(assigned, impact)}: give a score to save your comment." in page
    assert f'id="id_score_{measure.pk}-{impact.pk}" aria-invalid="true"' in page


def test_a_stored_score_is_kept_when_only_its_comment_comes(login, reviewer, assigned, criteria):
    measure = assigned.measures.get()
    impact = criteria[0]
    services.review_save(
        report=assigned,
        reviewer=reviewer,
        changes={},
        assessments={(measure.pk, impact.pk): (2, "First view.")},
    )

    login(reviewer).post(
        _url(assigned),
        {f"score-{measure.pk}-{impact.pk}": "", f"comment-{measure.pk}-{impact.pk}": "Second."},
        **FETCH,
    )

    assert list(Assessment.objects.values_list("score", "comment")) == [(2, "First view.")]


def test_a_bad_score_is_refused_naming_its_field(login, reviewer, assigned, criteria):
    measure = assigned.measures.get()
    impact = criteria[0]

    response = login(reviewer).post(
        _url(assigned),
        {"general_conclusion": "Kept?", f"score-{measure.pk}-{impact.pk}": "9"},
        **FETCH,
    )

    assert response.status_code == 400
    assert f"{_named(assigned, impact)}: Give a score from 0 to 4." in response.json()["error"]
    assert not Review.objects.exists()
