"""A feedback letter is mailed once: retries, double clicks, dying workers and an
interrupted mail server never make it zero or two (see services.letter_send)."""

import datetime
import smtplib
import threading

import psycopg
import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from eccar import mail
from eccar.celery import app
from reviews import services
from reviews.enums import LetterState
from reviews.models import Letter
from reviews.tasks import task_letter_send
from tests.concurrency import needs_postgres, run_at_once
from tests.fakes.smtp_server import FakeSMTP
from tests.reviews.test_services import _ready_letter
from tests.workers import Worker, needs_worker, new_queue, wait_for, worker_env


def _age(letter, seconds):
    Letter.objects.filter(pk=letter.pk).update(
        updated_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_letter_mail_carries_a_message_id_derived_from_the_letter(
    assigned, reviewer, staff, mailoutbox
):
    letter = _ready_letter(assigned, reviewer, staff)

    services.letter_send(letter=letter)

    assert mailoutbox[0].extra_headers["Message-ID"] == services.letter_message_id(letter)


def test_letter_claimed_a_moment_ago_is_left_to_its_sender(assigned, reviewer, staff, mailoutbox):
    letter = _ready_letter(assigned, reviewer, staff)
    Letter.objects.filter(pk=letter.pk).update(state=LetterState.SENDING)

    with pytest.raises(services.LetterInFlight):
        services.letter_send(letter=letter)

    assert mailoutbox == []


def test_interrupted_letter_is_flagged_for_the_office_not_mailed_again(
    assigned, reviewer, staff, mailoutbox, settings
):
    letter = _ready_letter(assigned, reviewer, staff)
    Letter.objects.filter(pk=letter.pk).update(state=LetterState.SENDING)
    _age(letter, settings.LETTER_SEND_TIMEOUT + 1)

    sent = services.letter_send(letter=letter)

    letter.refresh_from_db()
    assert (sent, mailoutbox, letter.state) == (False, [], LetterState.SENDING)
    assert "Ask the city whether it arrived" in letter.error


def test_office_resends_an_interrupted_letter_on_purpose(
    assigned, reviewer, staff, mailoutbox, settings
):
    letter = _ready_letter(assigned, reviewer, staff)
    Letter.objects.filter(pk=letter.pk).update(state=LetterState.SENDING)
    _age(letter, settings.LETTER_SEND_TIMEOUT + 1)

    sent = services.letter_send(letter=letter, resend_interrupted=True)

    letter.refresh_from_db()
    assert (sent, len(mailoutbox), letter.state, letter.error) == (True, 1, LetterState.SENT, "")


def test_outbox_sends_a_flagged_letter_again_only_on_request(
    login, assigned, reviewer, staff, mailoutbox, settings, commit_callbacks
):
    letter = _ready_letter(assigned, reviewer, staff)
    Letter.objects.filter(pk=letter.pk).update(state=LetterState.SENDING)
    _age(letter, settings.LETTER_SEND_TIMEOUT + 1)
    services.letter_send(letter=letter)  # the retry flags it
    client = login(staff)
    url = reverse("reviews:outbox", args=[assigned.cycle.year])

    with commit_callbacks(execute=True):
        client.post(url, {"confirmed": "1"})  # "send all" leaves a flagged letter alone
    assert "Send again" in client.get(url).content.decode()
    assert mailoutbox == []
    with commit_callbacks(execute=True):
        client.post(url, {"resend": letter.pk, "confirmed": "1"})

    letter.refresh_from_db()
    assert (len(mailoutbox), letter.state) == (1, LetterState.SENT)


def test_outbox_refuses_to_resend_a_letter_still_in_flight(
    login, assigned, reviewer, staff, mailoutbox, commit_callbacks
):
    letter = _ready_letter(assigned, reviewer, staff)
    Letter.objects.filter(pk=letter.pk).update(state=LetterState.SENDING)

    with commit_callbacks(execute=True):
        login(staff).post(
            reverse("reviews:outbox", args=[assigned.cycle.year]),
            {"resend": letter.pk, "confirmed": "1"},
        )

    assert mailoutbox == []


def test_refused_mail_releases_the_claim_and_the_retry_sends_once(
    assigned, reviewer, staff, mailoutbox, monkeypatch
):
    letter = _ready_letter(assigned, reviewer, staff)
    real_send = mail.EmailMultiAlternatives.send

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection lost")

    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", refuse)
    with pytest.raises(smtplib.SMTPException):
        services.letter_send(letter=letter)
    letter.refresh_from_db()
    assert letter.state == LetterState.FAILED
    monkeypatch.setattr(mail.EmailMultiAlternatives, "send", real_send)

    assert services.letter_send(letter=letter) is True
    assert services.letter_send(letter=letter) is False
    assert len(mailoutbox) == 1


# --- A real worker, killed mid-task --------------------------------------------------


def _lock_letter_elsewhere(letter):
    """Holds the letter's row lock from another connection: the worker's claim waits."""
    db = connection.settings_dict
    other = psycopg.connect(
        host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=db["NAME"]
    )
    other.execute("SELECT id FROM reviews_letter WHERE id = %s FOR UPDATE", [letter.pk])
    return other


def _waiting_on_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


def _send_through_worker(letter, queue):
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        task_letter_send.apply_async(kwargs={"letter_id": letter.pk}, queue=queue)
    finally:
        app.conf.task_always_eager = previous


@needs_worker
@pytest.mark.django_db(transaction=True)
def test_worker_killed_before_the_claim_leads_to_exactly_one_letter(assigned, reviewer, staff):
    letter = _ready_letter(assigned, reviewer, staff)
    smtp = FakeSMTP().start()
    queue = new_queue()
    env = worker_env(EMAIL_URL=smtp.url)
    first = Worker(queue, env).start()
    second = Worker(queue, env)
    lock = _lock_letter_elsewhere(letter)
    try:
        _send_through_worker(letter, queue)
        assert wait_for(_waiting_on_lock), "the worker never reached the letter"
        first.kill()
        lock.rollback()
        second.start()
        assert wait_for(lambda: Letter.objects.get(pk=letter.pk).state == LetterState.SENT)
        wait_for(lambda: False, timeout=3)  # a second delivery would arrive by now
    finally:
        lock.close()
        first.stop()
        second.stop()
        smtp.stop()

    assert len(smtp.messages) == 1
    assert smtp.messages[0]["Message-ID"] == services.letter_message_id(letter)
    assigned.refresh_from_db()
    assert assigned.state == "feedback_received"
    assert assigned.state_changes.filter(to_state="feedback_received").count() == 1


@needs_worker
@pytest.mark.django_db(transaction=True)
def test_worker_killed_while_the_mail_server_answers_never_mails_twice(assigned, reviewer, staff):
    letter = _ready_letter(assigned, reviewer, staff)
    smtp = FakeSMTP()
    smtp.hold = threading.Event()
    smtp.start()
    queue = new_queue()
    # The redelivered task must see the claim as interrupted, not as in flight.
    env = worker_env(EMAIL_URL=smtp.url, LETTER_SEND_TIMEOUT="1")
    first = Worker(queue, env).start()
    second = Worker(queue, env)
    try:
        _send_through_worker(letter, queue)
        assert smtp.held.wait(60), "the worker never reached the mail server"
        first.kill()
        smtp.hold.set()
        second.start()
        assert wait_for(lambda: Letter.objects.get(pk=letter.pk).error != "")
    finally:
        first.stop()
        second.stop()
        smtp.stop()

    letter.refresh_from_db()
    assert len(smtp.messages) == 1
    assert letter.state == LetterState.SENDING
    assert "Ask the city whether it arrived" in letter.error


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_sends_mail_one_letter(assigned, reviewer, staff, mailoutbox):
    letter = _ready_letter(assigned, reviewer, staff)

    results = run_at_once([lambda: services.letter_send(letter=letter)] * 20)

    sent = [r for r in results if r is True]
    others = [r for r in results if r is not True]
    assert len(sent) == 1
    assert all(r is False or isinstance(r, services.LetterInFlight) for r in others), others
    # (The submission's confirmation went out when the fixture committed.)
    assert len([m for m in mailoutbox if assigned.city.mayor_email in m.to]) == 1
    assert assigned.state_changes.filter(to_state="feedback_received").count() == 1
