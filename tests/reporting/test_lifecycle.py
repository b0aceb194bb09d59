import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from eccar.errors import ServiceError
from reporting.enums import ReportState
from reporting.models import HelpPage, ReminderSent, ReportSnapshot
from reporting.services.content import answer_save
from reporting.services.emails import reminders_send
from reporting.services.reports import (
    report_publish,
    report_start_update,
    report_submit,
    report_transition,
)
from tests.reporting.test_report_editing import url
from tests.reporting.test_submission import complete


def _submitted_with_feedback(report, q, primary):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    report_transition(report=report, to_state=ReportState.FEEDBACK_RECEIVED, by=None)
    report.refresh_from_db()
    return report


def test_update_after_feedback_is_a_new_revision_and_the_first_stays_frozen(
    login, primary, report, q
):
    _submitted_with_feedback(report, q, primary)
    client = login(primary)

    client.post(url(report, "report_publication"), {"action": "update"})
    report.refresh_from_db()
    assert report.state == ReportState.UPDATING
    answer_save(report=report, question=q["profile_contact"], raw="New contact", by=primary)
    report_submit(report=report, by=primary)

    first, second = ReportSnapshot.objects.filter(report=report).order_by("revision")
    assert "profile_contact" not in first.data["overview"]
    assert second.data["overview"]["profile_contact"] == "New contact"
    report.refresh_from_db()
    assert report.state == ReportState.FEEDBACK_RECEIVED


def test_publish_with_feedback_makes_it_readable_by_members_then_withdraw(
    login, primary, other_primary, report, q
):
    _submitted_with_feedback(report, q, primary)
    client = login(primary)

    client.post(url(report, "report_publication"), {"action": "publish", "with_feedback": "yes"})
    report.refresh_from_db()
    assert (report.state, report.publish_feedback) == (ReportState.PUBLISHED, True)
    client.force_login(other_primary)
    assert client.get(url(report, "report_detail")).status_code == 200

    client.force_login(primary)
    client.post(url(report, "report_publication"), {"action": "withdraw"})
    client.force_login(other_primary)
    assert client.get(url(report, "report_detail")).status_code == 404


def test_secondary_cannot_publish(login, primary, secondary, report, q):
    _submitted_with_feedback(report, q, primary)

    response = login(secondary).post(url(report, "report_publication"), {"action": "publish"})

    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.FEEDBACK_RECEIVED


def test_publishing_before_feedback_is_refused(login, primary, report, q):
    complete(report, q, primary)
    report_submit(report=report, by=primary)

    response = login(primary).post(url(report, "report_publication"), {"action": "publish"})

    assert response.status_code == 403


def test_publishing_during_an_update_is_refused(primary, report, q):
    _submitted_with_feedback(report, q, primary)
    report_start_update(report=report, by=primary)

    with pytest.raises(ServiceError):
        report_publish(report=report, by=primary, with_feedback=False)


def test_reminders_are_sent_once_to_cities_that_have_not_submitted(
    primary, other_primary, report, q, cycle, mailoutbox
):
    other = other_primary.city_accounts.get().city
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    today = cycle.submission_deadline - datetime.timedelta(days=7)

    first = reminders_send(today=today)
    second = reminders_send(today=today)

    assert (first, second) == (1, 0)
    assert [m.to for m in mailoutbox] == [[other_primary.email]]
    assert ReminderSent.objects.get().city == other


def test_no_reminder_on_other_days(other_primary, cycle, mailoutbox):
    assert reminders_send(today=cycle.submission_deadline - datetime.timedelta(days=8)) == 0
    assert mailoutbox == []


def test_help_manual_is_translated(client, db):
    HelpPage.objects.create(
        slug="faq",
        title="FAQ",
        title_en="FAQ",
        title_fr="Questions",
        body="Can I?",
        body_en="Can I?",
        body_fr="Puis-je ?",
    )
    client.post(reverse("language_set"), {"language": "fr"})

    content = client.get(reverse("reporting:help")).content.decode()

    assert "Puis-je ?" in content


def test_blank_questionnaire_printable_and_pdf_for_logged_in_users(
    login, other_primary, questionnaire
):
    client = login(other_primary)
    year = questionnaire.cycle.year

    page = client.get(reverse("reporting:questionnaire", args=[year]))
    pdf = client.get(reverse("reporting:questionnaire_pdf", args=[year]))

    assert "Does the city have an action plan?" in page.content.decode()
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Does the city have an action plan?" in text


def test_blank_questionnaire_requires_login(client, questionnaire):
    response = client.get(reverse("reporting:questionnaire", args=[questionnaire.cycle.year]))

    assert response.status_code == 302
