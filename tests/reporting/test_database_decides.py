"""The database decides, at every request: a change of rights, state or wording made by
any write (a bulk `update()` included, which sends no signal) shows at the very next
request, in every worker, also while others are reading. Nothing held in a process or a
cache may answer in its place."""

import threading
import time

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.urls import reverse

from reporting.enums import AccountRole, MembershipStatus, ReportState
from reporting.models import (
    Answer,
    CityAccount,
    Commitment,
    Question,
    Report,
    ReportSnapshot,
    User,
)
from reporting.rules import can_read_report
from reporting.selectors.reports import reports_visible_to
from reporting.services.reports import report_submit, report_withdraw_publication
from reviews.models import ConflictOfInterest
from tests.concurrency import needs_postgres, run_at_once
from tests.factories import CityAccountFactory, UserFactory
from tests.reporting.test_report_editing import url
from tests.reporting.test_submission import complete

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _set_state(report, state):
    Report.objects.filter(pk=report.pk).update(state=state)
    report.refresh_from_db()
    return report


# --- Rights -----------------------------------------------------------------------------


def test_secondary_deactivated_by_a_bulk_update_loses_the_report_at_the_next_request(
    report, q, secondary
):
    client = _client(secondary)
    assert client.get(url(report, "report_detail")).status_code == 200

    CityAccount.objects.filter(user=secondary).update(is_active=False)

    assert client.get(url(report, "report_detail")).status_code == 404
    saved = client.post(
        url(report, "autosave"),
        {"question": q["strategy_summary"].pk, "version": 0, "value": "After leaving."},
    )
    assert saved.status_code in (403, 404)
    assert not Answer.objects.filter(report=report, question=q["strategy_summary"]).exists()


def test_user_deactivated_by_a_bulk_update_is_logged_out_at_the_next_request(report, secondary):
    client = _client(secondary)
    assert client.get(url(report, "report_detail")).status_code == 200

    User.objects.filter(pk=secondary.pk).update(is_active=False)

    response = client.get(url(report, "report_detail"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_staff_status_removed_by_a_bulk_update_closes_staff_pages_at_the_next_request(staff):
    client = _client(staff)
    assert client.get(reverse("reporting:city_list")).status_code == 200

    User.objects.filter(pk=staff.pk).update(is_staff=False)

    assert client.get(reverse("reporting:city_list")).status_code == 403


def test_a_removed_account_loses_the_report_at_the_next_request(report, secondary):
    client = _client(secondary)
    assert client.get(url(report, "report_detail")).status_code == 200

    CityAccount.objects.filter(user=secondary).delete()

    assert client.get(url(report, "report_detail")).status_code == 404


def test_suspension_by_a_bulk_update_closes_other_cities_reports_at_the_next_request(
    report, q, primary, other_primary, other_city
):
    complete(report, q, primary)
    _set_state(report, ReportState.PUBLISHED)
    reader = _client(other_primary)
    assert reader.get(url(report, "report_detail")).status_code == 200

    type(other_city).objects.filter(pk=other_city.pk).update(
        membership_status=MembershipStatus.SUSPENDED
    )

    assert reader.get(url(report, "report_detail")).status_code == 404


def test_return_to_draft_closes_the_report_to_reviewers_at_the_next_request(
    report, q, primary, reviewer
):
    complete(report, q, primary)
    _set_state(report, ReportState.SUBMITTED)
    client = _client(reviewer)
    assert client.get(url(report, "report_detail")).status_code == 200

    _set_state(report, ReportState.DRAFT)

    assert client.get(url(report, "report_detail")).status_code == 404


# --- Wording ----------------------------------------------------------------------------


def test_corrected_question_wording_shows_on_a_submitted_report_at_the_next_request(
    report, q, primary, staff
):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    client = _client(staff)
    assert "Does the city have an action plan?" in client.get(url(report, "report_detail")).text

    Question.objects.filter(pk=q["strategy_has_plan"].pk).update(
        text="Has the city adopted an action plan?",
        text_en="Has the city adopted an action plan?",
    )

    page = client.get(url(report, "report_detail")).text
    assert "Has the city adopted an action plan?" in page
    assert "Does the city have an action plan?" not in page


def test_corrected_commitment_title_shows_on_the_report_at_the_next_request(
    report, q, primary, staff, plan
):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    client = _client(staff)
    client.get(url(report, "report_detail"))

    Commitment.objects.filter(plan=plan, number=3).update(
        title="Corrected title of the third commitment",
        title_en="Corrected title of the third commitment",
    )

    assert (
        "Corrected title of the third commitment" in client.get(url(report, "report_detail")).text
    )


# --- One rule, written twice --------------------------------------------------------------

ROLES = ["anonymous", "primary", "secondary", "other_primary", "reviewer", "board", "staff"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", list(ReportState))
@pytest.mark.parametrize("reader_city_standing", [MembershipStatus.MEMBER, "suspended"])
def test_visibility_queryset_and_predicate_agree(
    request, report, role, state, reader_city_standing, other_city
):
    """`reports_visible_to` (the scoping queryset of every report page) and
    `can_read_report` (the predicate of templates and services) state one rule."""
    user = request.getfixturevalue(role) or AnonymousUser()
    _set_state(report, state)
    if reader_city_standing != MembershipStatus.MEMBER:
        type(other_city).objects.filter(pk=other_city.pk).update(
            membership_status=MembershipStatus.SUSPENDED
        )
    fresh = User.objects.get(pk=user.pk) if user.is_authenticated else user

    in_queryset = reports_visible_to(fresh).filter(pk=report.pk).exists()
    fresh = User.objects.get(pk=user.pk) if user.is_authenticated else user
    by_predicate = can_read_report.test(fresh, Report.objects.get(pk=report.pk))

    assert in_queryset == by_predicate


def test_visibility_agrees_for_a_suspended_city_reading_its_own_report(report, primary, city):
    type(city).objects.filter(pk=city.pk).update(membership_status=MembershipStatus.SUSPENDED)
    user = User.objects.get(pk=primary.pk)

    in_queryset = reports_visible_to(user).filter(pk=report.pk).exists()
    by_predicate = can_read_report.test(
        User.objects.get(pk=primary.pk), Report.objects.get(pk=report.pk)
    )

    assert in_queryset is by_predicate is True


# --- Under concurrent reading (PostgreSQL, real threads) ---------------------------------


def _wait_for(condition, limit: float = 30.0) -> None:
    """Polls until `condition()` holds (bounded: a slow machine only waits longer)."""
    give_up = time.monotonic() + limit
    while not condition() and time.monotonic() < give_up:
        time.sleep(0.01)


@needs_postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_withdrawal_under_concurrent_reading_is_seen_by_every_later_request(
    report, q, primary, other_primary, round_
):
    complete(report, q, primary)
    _set_state(report, ReportState.PUBLISHED)
    reads: list[tuple[float, int]] = []
    stop = threading.Event()
    withdrawn_at: list[float] = []

    def read():
        client = _client(other_primary)
        try:
            while not stop.is_set():
                started = time.monotonic()
                status = client.get(url(report, "report_detail")).status_code
                reads.append((started, status))
        finally:
            connection.close()

    readers = [threading.Thread(target=read) for _ in range(4)]
    for thread in readers:
        thread.start()
    _wait_for(lambda: len(reads) >= 8)
    report_withdraw_publication(report=report, by=primary)
    withdrawn_at.append(time.monotonic())
    _wait_for(lambda: sum(1 for started, _ in list(reads) if started > withdrawn_at[0]) >= 8)
    stop.set()
    for thread in readers:
        thread.join(timeout=30)

    after = [status for started, status in reads if started > withdrawn_at[0]]
    before = [status for started, status in reads if started < withdrawn_at[0]]
    assert after and before
    assert set(after) == {404}
    assert 200 in before


@needs_postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("round_", range(3))
def test_twenty_autosaves_racing_a_submission_leave_the_snapshot_equal_to_the_answers(
    report, q, primary, secondary, round_
):
    complete(report, q, primary)
    question = q["strategy_summary"]
    Answer.objects.filter(report=report, question=question).delete()
    clients = [_client(secondary) for _ in range(20)]
    submitter = _client(primary)

    def autosave(index, client):
        return client.post(
            url(report, "autosave"),
            {"question": question.pk, "value": f"Typed by tab {index}."},
        )

    results = run_at_once(
        [lambda: submitter.post(url(report, "report_submit"), {"confirm": "yes"})]
        + [lambda i=i, c=c: autosave(i, c) for i, c in enumerate(clients)]
    )

    assert results[0].status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    snapshot = ReportSnapshot.objects.get(report=report)
    stored = {
        a.question.code: a.value
        for a in Answer.objects.filter(report=report, measure=None).select_related("question")
    }
    assert snapshot.data["overview"] == stored
    # Saves that lost the race were refused, never written after the frozen copy.
    refused = [r for r in results[1:] if r.status_code != 200]
    assert all(r.status_code in (400, 403) for r in refused)
    late = _client(secondary).post(
        url(report, "autosave"), {"question": question.pk, "value": "Written after submission."}
    )
    assert late.status_code in (400, 403)
    assert snapshot.data["overview"] == {
        a.question.code: a.value
        for a in Answer.objects.filter(report=report, measure=None).select_related("question")
    }


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_second_city_account_sees_its_new_role_in_every_worker(city, report):
    """Without a shared cache, rights held in one process could differ from another's:
    here the change is made by one connection and read by many others at once."""
    user = UserFactory(email="newcomer@graz.example")
    account = CityAccountFactory(city=city, user=user, role=AccountRole.SECONDARY)
    clients = [_client(user) for _ in range(6)]
    assert {c.get(url(report, "report_detail")).status_code for c in clients} == {200}

    CityAccount.objects.filter(pk=account.pk).update(is_active=False)

    statuses = run_at_once(
        [lambda c=c: c.get(url(report, "report_detail")).status_code for c in clients]
    )
    assert set(statuses) == {404}


@pytest.mark.parametrize("state", list(ReportState))
def test_visibility_agrees_for_a_reviewer_with_a_conflict(report, reviewer, city, state):
    ConflictOfInterest.objects.create(reviewer=reviewer, city=city, reason="Own city")
    _set_state(report, state)

    in_queryset = reports_visible_to(User.objects.get(pk=reviewer.pk)).filter(pk=report.pk)
    by_predicate = can_read_report.test(
        User.objects.get(pk=reviewer.pk), Report.objects.get(pk=report.pk)
    )

    assert in_queryset.exists() == by_predicate == (state == ReportState.PUBLISHED)


def test_a_new_conflict_closes_the_submitted_report_at_the_next_request(
    report, q, primary, reviewer, city
):
    complete(report, q, primary)
    _set_state(report, ReportState.SUBMITTED)
    client = _client(reviewer)
    assert client.get(url(report, "report_detail")).status_code == 200

    ConflictOfInterest.objects.create(reviewer=reviewer, city=city, reason="Own city")

    assert client.get(url(report, "report_detail")).status_code == 404
    assert client.get(url(report, "report_pdf")).status_code == 404
