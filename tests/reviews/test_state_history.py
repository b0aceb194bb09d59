"""Review and letter states change through one function each, which checks the move
against the state stored now and writes one history row (who, when, from, to)."""

import smtplib

import pytest
from django.urls import reverse

from eccar import mail
from eccar.errors import ServiceError
from reviews import services
from reviews.enums import LetterState, ReviewState
from reviews.models import ConflictOfInterest, Criterion, Letter, LetterStateChange, Review
from tests.factories import CityFactory
from tests.reviews.test_services import _ready_letter


def _history(obj) -> list[tuple]:
    return list(obj.state_changes.values_list("from_state", "to_state", "changed_by"))


def test_first_review_save_writes_one_row_draft_to_saved(assigned, reviewer):
    review = services.review_save(
        report=assigned, reviewer=reviewer, changes={"general_conclusion": "Clear mandate."}
    )
    services.review_save(report=assigned, reviewer=reviewer, changes={"individual_feedback": "x"})

    change = review.state_changes.get()
    assert (change.from_state, change.to_state, change.changed_by, review.state) == (
        ReviewState.DRAFT,
        ReviewState.SAVED,
        reviewer,
        ReviewState.SAVED,
    )
    assert change.changed_at is not None


def test_finalising_writes_review_final_and_letter_created_rows(assigned, reviewer, staff):
    letter = _ready_letter(assigned, reviewer, staff)

    review = Review.objects.get(report=assigned, reviewer=reviewer)
    assert _history(review) == [
        (ReviewState.DRAFT, ReviewState.SAVED, reviewer.pk),
        (ReviewState.SAVED, ReviewState.FINAL, reviewer.pk),
    ]
    assert _history(letter) == [("", LetterState.READY, reviewer.pk)]


def test_finalising_again_before_sending_writes_no_second_row(assigned, reviewer, staff):
    letter = _ready_letter(assigned, reviewer, staff)

    services.review_finalise(report=assigned, by=reviewer)

    review = Review.objects.get(report=assigned, reviewer=reviewer)
    assert (review.state_changes.count(), letter.state_changes.count()) == (2, 1)


def test_refused_review_transition_changes_nothing(assigned, reviewer, staff):
    _ready_letter(assigned, reviewer, staff)
    review = Review.objects.get(report=assigned, reviewer=reviewer)
    before = review.updated_at

    with pytest.raises(ServiceError) as error:
        services.review_state_set(review=review, to_state=ReviewState.SAVED, by=reviewer)

    review.refresh_from_db()
    assert (error.value.code, review.state, review.updated_at) == (
        "transition",
        ReviewState.FINAL,
        before,
    )
    assert review.state_changes.count() == 2


def test_review_transition_is_checked_against_the_stored_state(assigned, reviewer):
    review = services.review_save(
        report=assigned, reviewer=reviewer, changes={"general_conclusion": "Clear mandate."}
    )
    Review.objects.filter(pk=review.pk).update(state=ReviewState.FINAL)
    stale = Review.objects.get(pk=review.pk)
    stale.state = ReviewState.DRAFT  # what an old copy in memory believes

    with pytest.raises(ServiceError):
        services.review_state_set(review=stale, to_state=ReviewState.SAVED, by=reviewer)

    assert Review.objects.get(pk=review.pk).state == ReviewState.FINAL


def test_sending_writes_ready_sending_sent(assigned, reviewer, staff, mailoutbox):
    letter = _ready_letter(assigned, reviewer, staff)

    services.letter_send(letter=letter)

    assert _history(letter) == [
        ("", LetterState.READY, reviewer.pk),
        (LetterState.READY, LetterState.SENDING, None),
        (LetterState.SENDING, LetterState.SENT, None),
    ]
    letter.refresh_from_db()
    assert (letter.state, letter.sent_at is not None, len(mailoutbox)) == (
        LetterState.SENT,
        True,
        1,
    )


def test_refused_mail_writes_sending_failed_and_the_retry_sends_once(
    assigned, reviewer, staff, mailoutbox, monkeypatch
):
    letter = _ready_letter(assigned, reviewer, staff)
    real_send = mail.EmailMultiAlternatives.send

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refuse)
    with pytest.raises(smtplib.SMTPException):
        services.letter_send(letter=letter)
    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", real_send)
    services.letter_send(letter=letter)

    assert [row[:2] for row in _history(letter)] == [
        ("", LetterState.READY),
        (LetterState.READY, LetterState.SENDING),
        (LetterState.SENDING, LetterState.FAILED),
        (LetterState.FAILED, LetterState.SENDING),
        (LetterState.SENDING, LetterState.SENT),
    ]
    assert len(mailoutbox) == 1


def test_refused_letter_transition_changes_nothing(assigned, reviewer, staff, mailoutbox):
    letter = _ready_letter(assigned, reviewer, staff)
    services.letter_send(letter=letter)
    letter.refresh_from_db()
    sent_at = letter.sent_at

    with pytest.raises(ServiceError) as error:
        services.letter_state_set(letter=letter, to_state=LetterState.READY, by=staff)

    letter.refresh_from_db()
    assert (error.value.code, letter.state, letter.sent_at) == (
        "transition",
        LetterState.SENT,
        sent_at,
    )
    assert LetterStateChange.objects.filter(letter=letter).count() == 3


def test_finalising_is_refused_while_the_letter_is_being_sent(assigned, reviewer, staff):
    letter = _ready_letter(assigned, reviewer, staff)
    Letter.objects.filter(pk=letter.pk).update(state=LetterState.SENDING)

    with pytest.raises(ServiceError) as error:
        services.review_finalise(report=assigned, by=reviewer)

    assert error.value.code == "sending"
    assert Letter.objects.get(pk=letter.pk).state == LetterState.SENDING


def test_conflicts_declared_for_a_whole_country(login, reviewer, city):
    neighbour = CityFactory(name="Wien", slug="wien", country=city.country)
    CityFactory(name="Malmö", slug="malmo", country="SE")

    response = login(reviewer).post(
        reverse("reviews:conflict", args=[2027]),
        {"city": city.pk, "reason": "Own country", "whole_country": "yes"},
    )

    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get()
    assert (conflict.city, conflict.country.code) == (None, city.country.code)
    assert set(ConflictOfInterest.objects.cities().values_list("slug", flat=True)) == {
        city.slug,
        neighbour.slug,
    }


def test_conflict_without_a_reason_is_refused_and_stores_nothing(reviewer, city):
    with pytest.raises(ServiceError):
        services.conflicts_declare(reviewer=reviewer, city=city, reason="  ")

    assert not ConflictOfInterest.objects.exists()


def test_scoring_a_draft_marks_it_saved_once(assigned, reviewer):
    criterion = Criterion.objects.create(cycle=assigned.cycle, code="c", title="C")
    measure = assigned.measures.get()

    for score in (3, 4):
        services.assessment_save(
            report=assigned, reviewer=reviewer, measure=measure, criterion=criterion, score=score
        )

    review = Review.objects.get(report=assigned, reviewer=reviewer)
    assert _history(review) == [(ReviewState.DRAFT, ReviewState.SAVED, reviewer.pk)]
