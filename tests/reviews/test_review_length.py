"""A review text over its limit is refused with a message and nothing is stored: cutting
it while autosave reports "saved" would lose the end of the text without a word."""

import pytest
from django.urls import reverse

from eccar.errors import ServiceError
from reviews import services
from reviews.models import Review

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}
TOO_LONG = "a" * (services.REVIEW_TEXT_MAX + 1)


def _url(report):
    return reverse("reviews:review", args=[report.cycle.year, report.city.slug])


def test_review_save_refuses_a_conclusion_over_the_limit(assigned, reviewer):
    with pytest.raises(ServiceError) as refused:
        services.review_save(
            report=assigned, reviewer=reviewer, changes={"general_conclusion": TOO_LONG}
        )

    assert refused.value.code == "too_long"
    assert refused.value.message == (
        "The general conclusion is too long: 50,001 characters, at most 50,000. "
        "Nothing was saved; shorten it and save again."
    )
    assert not Review.objects.exclude(general_conclusion="").exists()


def test_review_save_keeps_a_conclusion_at_the_limit_whole(assigned, reviewer):
    text = "a" * services.REVIEW_TEXT_MAX

    review = services.review_save(
        report=assigned, reviewer=reviewer, changes={"general_conclusion": text}
    )

    assert review.general_conclusion == text


def test_review_save_refuses_long_commitment_feedback_and_stores_none_of_the_post(
    assigned, reviewer
):
    with pytest.raises(ServiceError) as refused:
        services.review_save(
            report=assigned,
            reviewer=reviewer,
            changes={
                "general_conclusion": "A clear plan.",
                "commitment_feedback": {"3": "b" * (services.COMMITMENT_FEEDBACK_MAX + 1)},
            },
        )

    assert refused.value.code == "too_long"
    assert not Review.objects.exclude(general_conclusion="").exists()


def test_autosave_of_an_over_long_text_answers_400_with_the_message(login, reviewer, assigned):
    response = login(reviewer).post(
        _url(assigned), {"individual_feedback": TOO_LONG, "general_conclusion": "Fine."}, **FETCH
    )

    assert response.status_code == 400
    assert response.json() == {
        "error": "The individual feedback is too long: 50,001 characters, at most 50,000. "
        "Nothing was saved; shorten it and save again."
    }
    assert not Review.objects.exclude(general_conclusion="").exists()


def test_form_post_of_an_over_long_text_shows_the_message_and_keeps_the_text(
    login, reviewer, assigned
):
    response = login(reviewer).post(_url(assigned), {"general_conclusion": TOO_LONG})

    assert response.status_code == 400
    assert "is too long: 50,001 characters" in response.content.decode()
    assert TOO_LONG in response.content.decode()
    assert not Review.objects.exclude(general_conclusion="").exists()


def test_a_second_page_built_before_the_first_save_is_refused(assigned, reviewer):
    """Version 0 is what a page built before any review existed sends: the first save
    based on it is stored, the next one based on it is refused."""
    services.review_save(
        report=assigned,
        reviewer=reviewer,
        changes={"general_conclusion": "First tab."},
        expected_version=0,
    )

    with pytest.raises(ServiceError) as refused:
        services.review_save(
            report=assigned,
            reviewer=reviewer,
            changes={"general_conclusion": "Second tab."},
            expected_version=0,
        )

    assert refused.value.code == "conflict"
    assert Review.objects.get().general_conclusion == "First tab."
