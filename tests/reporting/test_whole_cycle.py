"""The whole cycle as the calendar runs it (issue 16, reporting side): feedback arrives
after the deadline, a return to draft comes with a new date, reports of earlier cycles
stay within reach, and a suspended city is told where it stands."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from eccar.enums import NotificationKind
from eccar.models import Notification
from reporting.enums import MembershipStatus, ReportState
from reporting.models import LibraryEntry, MembershipChange, ReminderSent, Report
from reporting.services.content import answer_save
from reporting.services.emails import reminders_send
from reporting.services.membership import city_membership_change
from reporting.services.reports import (
    report_publish,
    report_return_to_draft,
    report_start,
    report_start_update,
    report_submit,
    report_transition,
)
from tests.factories import ReportingCycleFactory
from tests.reporting.test_report_editing import url
from tests.reporting.test_submission import complete

TODAY = timezone.localdate


def _days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def _deadline_passed(cycle, *, days_ago: int = 30) -> None:
    """Moves the cycle into evaluation: the deadline was `days_ago` days ago."""
    cycle.registration_opens = _days(-200)
    cycle.questionnaire_opens = _days(-150)
    cycle.submission_deadline = _days(-days_ago)
    cycle.evaluation_ends = _days(60)
    cycle.general_assembly = _days(90)
    cycle.save()


def _submitted(report, q, primary):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    report.refresh_from_db()
    return report


def _feedback_received(report, q, primary):
    """Submitted in time; the deadline passes; the letter arrives (as reviews' letter_send
    moves it)."""
    _submitted(report, q, primary)
    _deadline_passed(report.cycle)
    report_transition(report=report, to_state=ReportState.FEEDBACK_RECEIVED, by=None)
    report.refresh_from_db()
    return report


# --- Update after feedback ------------------------------------------------------------


def test_update_after_feedback_is_resubmitted_after_the_deadline(login, primary, report, q):
    _feedback_received(report, q, primary)
    client = login(primary)
    client.post(url(report, "report_publication"), {"action": "update"})

    response = client.post(url(report, "report_submit"), {"confirm": "yes"}, follow=True)

    report.refresh_from_db()
    assert report.state == ReportState.FEEDBACK_RECEIVED
    assert [s.revision for s in report.snapshots.all()] == [1, 2]
    assert "deadline (" not in response.content.decode()


def test_update_page_offers_submission_and_says_no_deadline_applies(login, primary, report, q):
    _feedback_received(report, q, primary)
    report_start_update(report=report, by=primary)

    content = login(primary).get(url(report, "report_detail")).content.decode()

    assert "Check and submit the update" in content
    assert "the deadline of the cycle does not apply" in content


def test_updated_report_is_published_with_feedback_and_the_library_shows_the_update(
    login, primary, other_primary, report, q
):
    measure = _feedback_received(report, q, primary).measures.get()
    report_publish(report=report, by=primary, with_feedback=False)
    client = login(primary)
    client.post(url(report, "report_publication"), {"action": "withdraw"})
    client.post(url(report, "report_publication"), {"action": "update"})
    answer_save(
        report=report, question=q["m_title"], measure=measure, raw="Hotline 24/7", by=primary
    )
    client.post(url(report, "report_submit"), {"confirm": "yes"})

    client.post(url(report, "report_publication"), {"action": "publish", "with_feedback": "yes"})

    report.refresh_from_db()
    assert (report.state, report.publish_feedback) == (ReportState.PUBLISHED, True)
    assert LibraryEntry.objects.get(report=report, measure=measure).title == "Hotline 24/7"
    client.force_login(other_primary)
    assert "Hotline 24/7" in client.get(url(report, "report_detail")).content.decode()


def test_first_submitted_revision_stays_readable_after_the_update(login, primary, report, q):
    measure = _feedback_received(report, q, primary).measures.get()
    report_start_update(report=report, by=primary)
    answer_save(
        report=report, question=q["m_title"], measure=measure, raw="Hotline 24/7", by=primary
    )
    report_submit(report=report, by=primary)
    client = login(primary)

    page = client.get(url(report, "report_detail")).content.decode()
    first = client.get(url(report, "report_detail") + "?revision=1").content.decode()

    assert "?revision=1" in page and "?revision=2" in page
    assert "You are reading revision 1" in first
    assert "Hotline 24/7" not in first and "Hotline" in first
    assert client.get(url(report, "report_detail") + "?revision=9").status_code == 404


def test_member_city_reads_only_the_published_revision_not_the_list(
    login, primary, other_primary, report, q
):
    _feedback_received(report, q, primary)
    report_publish(report=report, by=primary, with_feedback=False)

    content = login(other_primary).get(url(report, "report_detail")).content.decode()

    assert "?revision=1" not in content


def test_check_page_warns_when_the_deadline_refuses_a_first_submission(login, primary, report, q):
    complete(report, q, primary)
    _deadline_passed(report.cycle, days_ago=1)

    content = login(primary).get(url(report, "report_submit")).content.decode()

    assert "The submission deadline" in content
    assert "Submit the report</button>" not in content
    assert "Every required question is answered.</p>" not in content


# --- Return to draft with a new date --------------------------------------------------


def test_return_to_draft_page_states_what_will_happen(login, staff, primary, secondary, report, q):
    _submitted(report, q, primary)

    response = login(staff).get(url(report, "report_return"))

    content = response.content.decode()
    assert response.status_code == 200
    assert primary.email in content and secondary.email in content
    assert 'name="resubmit_until"' in content and 'name="reason"' in content


def test_return_to_draft_with_a_date_tells_primary_and_secondary_and_reopens_until_then(
    login, staff, primary, secondary, report, q, mailoutbox, commit_callbacks
):
    _submitted(report, q, primary)
    _deadline_passed(report.cycle)
    mailoutbox.clear()
    until = _days(20)

    with commit_callbacks(execute=True):
        response = login(staff).post(
            url(report, "report_return"),
            {"reason": "The measure lacks its results.", "resubmit_until": until.isoformat()},
        )

    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.deadline_extended_to) == (ReportState.DRAFT, until)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([primary.email, secondary.email])
    assert "The measure lacks its results." in mailoutbox[0].body
    assert set(
        Notification.objects.filter(kind=NotificationKind.REPORT_RETURNED).values_list(
            "user", flat=True
        )
    ) == {primary.pk, secondary.pk}
    report_submit(report=report, by=primary)
    assert report.state == ReportState.SUBMITTED


def test_returned_report_shows_reason_and_new_date_on_home_and_in_its_header(
    login, staff, primary, report, q
):
    _submitted(report, q, primary)
    _deadline_passed(report.cycle)
    until = _days(20)
    report_return_to_draft(report=report, by=staff, reason="Wrong file", resubmit_until=until)
    client = login(primary)

    home = client.get(reverse("home")).content.decode()
    page = client.get(url(report, "report_detail")).content.decode()

    assert "Wrong file" in home and "returned it to draft" in home
    assert f'datetime="{until.isoformat()}"' in page
    assert "Extended deadline for this report" in page
    assert f'datetime="{report.cycle.submission_deadline.isoformat()}"' not in page


def test_return_to_draft_refuses_a_date_in_the_past_and_changes_nothing(
    login, staff, primary, report, q
):
    _submitted(report, q, primary)

    response = login(staff).post(
        url(report, "report_return"),
        {"reason": "Wrong file", "resubmit_until": _days(-1).isoformat()},
    )

    assert response.status_code == 400
    assert "Choose today or a later date." in response.content.decode()
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_return_to_draft_refuses_a_date_before_the_deadline_in_force(
    login, staff, primary, report, q
):
    """A return before the deadline keeps the cycle's date: a shorter 'extension' would
    say one date in the email and enforce another."""
    _submitted(report, q, primary)
    earlier = report.cycle.submission_deadline - datetime.timedelta(days=5)

    response = login(staff).post(
        url(report, "report_return"), {"reason": "Wrong file", "resubmit_until": earlier}
    )

    assert response.status_code == 400
    assert "(the deadline in force)" in response.content.decode()
    report.refresh_from_db()
    assert (report.state, report.deadline_extended_to) == (ReportState.SUBMITTED, None)


@pytest.mark.parametrize("value", ["", "31.02.2027", "99999-01-01", "2027-13-01"])
def test_return_to_draft_with_a_bad_date_is_a_message(login, staff, primary, report, q, value):
    _submitted(report, q, primary)

    response = login(staff).post(
        url(report, "report_return"), {"reason": "Wrong file", "resubmit_until": value}
    )

    assert response.status_code == 400
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_second_return_notifies_again(staff, primary, report, q, commit_callbacks):
    _submitted(report, q, primary)
    until = report.cycle.submission_deadline + datetime.timedelta(days=9)
    with commit_callbacks(execute=True):
        report_return_to_draft(report=report, by=staff, reason="One", resubmit_until=until)
    report_submit(report=report, by=primary)
    with commit_callbacks(execute=True):
        report_return_to_draft(report=report, by=staff, reason="Two", resubmit_until=until)

    assert (
        Notification.objects.filter(user=primary, kind=NotificationKind.REPORT_RETURNED).count()
        == 2
    )


# --- Reminders ------------------------------------------------------------------------


def test_extension_gets_its_own_reminders_and_the_cycle_deadline_none(
    staff, primary, report, q, mailoutbox
):
    _submitted(report, q, primary)
    until = report.cycle.submission_deadline + datetime.timedelta(days=30)
    report_return_to_draft(report=report, by=staff, reason="Wrong file", resubmit_until=until)
    mailoutbox.clear()

    on_cycle_deadline = reminders_send(
        today=report.cycle.submission_deadline - datetime.timedelta(days=7)
    )
    on_extension = reminders_send(today=until - datetime.timedelta(days=7))

    assert (on_cycle_deadline, on_extension) == (0, 1)
    row = ReminderSent.objects.get()
    assert (row.deadline, row.extended, row.email, row.recipient) == (
        until,
        True,
        primary.email,
        primary,
    )
    assert mailoutbox[0].to == [primary.email]


def test_staff_see_per_cycle_which_reminders_went_to_whom(
    login, staff, primary, other_primary, report, cycle
):
    reminders_send(today=cycle.submission_deadline - datetime.timedelta(days=7))
    other_cycle = ReportingCycleFactory()

    response = login(staff).get(reverse("reporting:reminder_list", args=[cycle.year]))
    elsewhere = login(staff).get(reverse("reporting:reminder_list", args=[other_cycle.year]))

    content = response.content.decode()
    assert primary.email in content and other_primary.email in content
    assert primary.email not in elsewhere.content.decode()


def test_only_staff_see_the_reminders(login, primary, cycle):
    response = login(primary).get(reverse("reporting:reminder_list", args=[cycle.year]))
    assert response.status_code == 403


# --- Every report of a city, by navigation ---------------------------------------------


def test_home_and_city_page_list_every_report_of_the_city(login, primary, city, report, q):
    earlier_cycle = ReportingCycleFactory(year=report.cycle.year - 2)
    earlier = Report.objects.create(city=city, cycle=earlier_cycle, state=ReportState.PUBLISHED)
    client = login(primary)

    home = client.get(reverse("home")).content.decode()
    page = client.get(city.get_absolute_url()).content.decode()

    for content in (home, page):
        assert url(earlier, "report_detail") in content
        assert url(report, "report_detail") in content
        assert str(ReportState.PUBLISHED.label) in content


# --- A suspended city -----------------------------------------------------------------


def _suspend(city, staff, reason="Membership fee unpaid"):
    city.year_joined = 2006
    city.save()
    city_membership_change(city=city, to_status=MembershipStatus.SUSPENDED, by=staff, reason=reason)


def test_suspended_city_is_told_on_its_home_page_with_date_and_reason(
    login, staff, primary, city, report
):
    _suspend(city, staff)
    change = MembershipChange.objects.filter(city=city).last()

    content = login(primary).get(reverse("home")).content.decode()

    assert "Membership fee unpaid" in content
    assert "Suspended since" in content
    assert "Continue your report" not in content
    assert change.changed_at.year == TODAY().year


def test_suspended_city_page_gives_the_date_of_the_suspension_not_the_year_joined(
    login, staff, primary, city
):
    _suspend(city, staff)

    content = login(primary).get(city.get_absolute_url()).content.decode()

    assert "since 2006" not in content.replace("member since 2006", "")
    assert "Membership fee unpaid" in content


def test_suspended_city_is_not_offered_to_start_a_report(
    login, staff, primary, city, cycle, questionnaire
):
    _suspend(city, staff)

    content = login(primary).get(reverse("home")).content.decode()

    assert "Start your report" not in content


# --- Only the actions the viewer may take ---------------------------------------------


@pytest.mark.parametrize("viewer", ["staff", "board"])
@pytest.mark.parametrize("state", ["draft", "submitted", "feedback", "published"])
def test_office_and_board_see_no_city_only_buttons_on_the_report(
    request, login, primary, report, q, viewer, state
):
    complete(report, q, primary)
    if state != "draft":
        report_submit(report=report, by=primary)
    if state in ("feedback", "published"):
        report_transition(report=report, to_state=ReportState.FEEDBACK_RECEIVED, by=None)
    if state == "published":
        report_publish(report=report, by=primary, with_feedback=False)

    response = login(request.getfixturevalue(viewer)).get(url(report, "report_detail"))

    content = response.content.decode()
    for city_only in ("report_submit", "report_publication", "report_language", "measure_add"):
        assert url(report, city_only) not in content
    assert "Only your city's primary account" not in content


def test_start_report_for_an_earlier_cycle_is_not_needed_to_read_it(login, primary, city, report):
    """An earlier report opens from the city's list, also after a new cycle began."""
    newer = ReportingCycleFactory(year=report.cycle.year + 2)
    report_start(city=city, cycle=newer, by=primary)

    response = login(primary).get(url(report, "report_detail"))

    assert response.status_code == 200
