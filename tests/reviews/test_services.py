import io
import smtplib

import pytest
from django.core.mail.backends.locmem import EmailBackend
from pypdf import PdfReader

from eccar.errors import ServiceError
from reporting.enums import AccountRole, ReportState
from reporting.services.reports import report_return_to_draft
from reviews import services
from reviews.enums import LetterState, ReviewState
from reviews.models import Assignment, Criterion, Letter
from tests.factories import CityAccountFactory, UserFactory


def test_assignment_refused_after_conflict_of_interest(submitted, reviewer, staff):
    services.conflict_declare(reviewer=reviewer, city=submitted.city, reason="Own city")

    with pytest.raises(ServiceError, match="conflict of interest"):
        services.reviewer_assign(report=submitted, reviewer=reviewer, by=staff)

    assert not Assignment.objects.exists()


def test_assignment_refused_for_a_reviewer_who_holds_an_account_of_the_city(submitted, staff):
    coordinator = CityAccountFactory(
        city=submitted.city, role=AccountRole.SECONDARY, user__is_reviewer=True
    ).user

    with pytest.raises(ServiceError, match="conflict of interest"):
        services.reviewer_assign(report=submitted, reviewer=coordinator, by=staff)

    assert not Assignment.objects.filter(reviewer=coordinator).exists()


def test_declaring_a_conflict_withdraws_an_assignment(assigned, reviewer):
    services.conflict_declare(reviewer=reviewer, city=assigned.city, reason="Former employer")

    assert not Assignment.objects.exists()


def test_only_reviewers_and_submitted_reports_are_assigned(report, staff, primary, reviewer):
    with pytest.raises(ServiceError):
        services.reviewer_assign(report=report, reviewer=reviewer, by=staff)  # a draft
    with pytest.raises(ServiceError):
        services.reviewer_assign(report=report, reviewer=primary, by=staff)


def test_review_save_refuses_stale_version_and_unassigned_reviewers(assigned, reviewer):
    review = services.review_save(
        report=assigned, reviewer=reviewer, changes={"general_conclusion": "Strong plan."}
    )

    with pytest.raises(ServiceError, match="another window"):
        services.review_save(
            report=assigned,
            reviewer=reviewer,
            changes={"general_conclusion": "Other"},
            expected_version=1,
        )
    other = UserFactory(is_reviewer=True)
    with pytest.raises(ServiceError, match="not assigned"):
        services.review_save(report=assigned, reviewer=other, changes={})
    review.refresh_from_db()
    assert (review.general_conclusion, review.state) == ("Strong plan.", ReviewState.SAVED)


@pytest.mark.parametrize("score", [-1, 5, "x", None])
def test_assessment_score_outside_the_scale_is_refused(assigned, reviewer, score):
    criterion = Criterion.objects.create(cycle=assigned.cycle, code="impact", title="Impact")
    measure = assigned.measures.get()

    with pytest.raises(ServiceError):
        services.assessment_save(
            report=assigned, reviewer=reviewer, measure=measure, criterion=criterion, score=score
        )


def test_finalise_needs_a_general_conclusion(assigned, reviewer):
    with pytest.raises(ServiceError, match="general conclusion"):
        services.review_finalise(report=assigned, by=reviewer)


def test_report_returned_to_draft_cannot_be_reviewed(assigned, reviewer, staff):
    report_return_to_draft(report=assigned, by=staff, reason="Mistake")

    with pytest.raises(ServiceError, match="no longer under review"):
        services.review_save(
            report=assigned, reviewer=reviewer, changes={"general_conclusion": "x"}
        )


def _ready_letter(report, reviewer, staff):
    services.review_save(
        report=report,
        reviewer=reviewer,
        changes={
            "general_conclusion": "The city has a clear mandate and a funded office.",
            "individual_feedback": "Equality data would show the effect of the measures.",
            "commitment_feedback": {"3": "The counselling office is a model for others."},
        },
    )
    services.general_feedback_save(
        cycle=report.cycle,
        by=staff,
        final=True,
        text="Most cities asked for common equality indicators.",
    )
    return services.review_finalise(report=report, by=reviewer)


def test_letter_pdf_contains_mayor_conclusion_and_general_feedback(assigned, reviewer, staff):
    letter = _ready_letter(assigned, reviewer, staff)

    pdf = services.letter_render(letter=letter)

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Małgorzata Wiśniewska-Παπαδοπούλου" in text
    assert "clear mandate and a funded office" in text
    assert "common equality indicators" in text
    assert "3. Better support for the victims" in text


def test_letter_is_sent_once_to_the_mayor_with_primary_in_copy(
    assigned, reviewer, staff, primary, mailoutbox
):
    letter = _ready_letter(assigned, reviewer, staff)

    first = services.letter_send(letter=letter)
    second = services.letter_send(letter=letter)

    assert (first, second) == (True, False)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [assigned.city.mayor_email] and mail.cc == [primary.email]
    assert mail.attachments[0][2] == "application/pdf"
    letter.refresh_from_db()
    assert letter.state == LetterState.SENT and letter.pdf.name
    assigned.refresh_from_db()
    assert assigned.state == ReportState.FEEDBACK_RECEIVED


def test_letter_waits_for_final_general_feedback_and_a_mayor_email(
    assigned, reviewer, staff, mailoutbox
):
    services.review_save(
        report=assigned, reviewer=reviewer, changes={"general_conclusion": "Good."}
    )
    letter = services.review_finalise(report=assigned, by=reviewer)

    with pytest.raises(ServiceError, match="general feedback"):
        services.letter_send(letter=letter)
    services.general_feedback_save(cycle=assigned.cycle, text="All cities...", by=staff, final=True)
    assigned.city.mayor_email = ""
    assigned.city.save()
    with pytest.raises(ServiceError, match="mayor"):
        services.letter_send(letter=letter)

    assert mailoutbox == []
    assert Letter.objects.get().state == LetterState.READY


def test_mail_failure_is_visible_and_retry_sends_exactly_one(
    assigned, reviewer, staff, mailoutbox, monkeypatch
):
    letter = _ready_letter(assigned, reviewer, staff)
    original = EmailBackend.send_messages
    monkeypatch.setattr(
        EmailBackend,
        "send_messages",
        lambda self, messages: (_ for _ in ()).throw(smtplib.SMTPServerDisconnected("down")),
    )

    with pytest.raises(OSError):
        services.letter_send(letter=letter)
    letter.refresh_from_db()
    assert letter.state == LetterState.FAILED and "down" in letter.error

    monkeypatch.setattr(EmailBackend, "send_messages", original)
    assert services.letter_send(letter=letter) is True
    assert services.letter_send(letter=letter) is False
    assert len(mailoutbox) == 1
