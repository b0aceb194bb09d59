"""Writes of the reviews app: assignments, reviews, general feedback and letters."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar.errors import ServiceError
from reporting.enums import AccountRole, ReportState
from reporting.models import Report, User
from reporting.services import report_transition

from .enums import SCORE_MAX, SCORE_MIN, LetterState, ReviewState
from .models import (
    Assessment,
    Assignment,
    ConflictOfInterest,
    Criterion,
    GeneralFeedback,
    Letter,
    Review,
)

logger = logging.getLogger("eccar.reviews")


def conflict_declare(*, reviewer: User, city, reason: str) -> ConflictOfInterest:
    """The reviewer stays away from the city's reports; an assignment is withdrawn."""
    with transaction.atomic():
        conflict, _created = ConflictOfInterest.objects.get_or_create(
            reviewer=reviewer, city=city, defaults={"reason": reason.strip() or "—"}
        )
        Assignment.objects.filter(reviewer=reviewer, report__city=city).delete()
    return conflict


def reviewer_assign(*, report: Report, reviewer: User, by: User) -> Assignment:
    if not reviewer.is_reviewer:
        raise ServiceError(_("Only members of the Scientific Advisory Board can review."))
    if report.state != ReportState.SUBMITTED:
        raise ServiceError(_("Only submitted reports can be assigned for review."))
    if ConflictOfInterest.objects.filter(reviewer=reviewer, city_id=report.city_id).exists():
        raise ServiceError(
            _("%(name)s declared a conflict of interest with %(city)s.")
            % {"name": reviewer, "city": report.city.name},
            code="conflict",
        )
    try:
        with transaction.atomic():
            assignment, _created = Assignment.objects.get_or_create(
                report=report, reviewer=reviewer, defaults={"assigned_by": by}
            )
    except IntegrityError:
        assignment = Assignment.objects.get(report=report, reviewer=reviewer)
    return assignment


def _assigned_review(report: Report, reviewer: User) -> Review:
    if not Assignment.objects.filter(report=report, reviewer=reviewer).exists():
        raise ServiceError(_("You are not assigned to this report."), code="not_assigned")
    if report.state != ReportState.SUBMITTED:
        raise ServiceError(
            _(
                "This report is no longer under review (it was returned to the city or its "
                "letter has been sent)."
            ),
            code="state",
        )
    review, _created = Review.objects.get_or_create(report=report, reviewer=reviewer)
    return review


REVIEW_TEXT_FIELDS = ("general_conclusion", "individual_feedback")


def review_save(
    *, report: Report, reviewer: User, changes: dict, expected_version: int | None = None
) -> Review:
    """Saves some fields of the reviewer's draft (autosave or the form). Refuses a save
    based on an older version, so two tabs never overwrite each other silently."""
    with transaction.atomic():
        review = _assigned_review(report, reviewer)
        review = Review.objects.select_for_update().get(pk=review.pk)
        if expected_version is not None and expected_version != review.version:
            raise ServiceError(
                _("This review was changed in another window. Reload the page."), code="conflict"
            )
        update = {}
        for field in REVIEW_TEXT_FIELDS:
            if field in changes:
                update[field] = str(changes[field] or "").strip()[:50_000]
        if "commitment_feedback" in changes:
            feedback = changes["commitment_feedback"] or {}
            if not isinstance(feedback, dict) or not all(
                str(k).isdigit() and 1 <= int(k) <= 10 for k in feedback
            ):
                raise ServiceError(_("Feedback must refer to commitments 1 to 10."))
            update["commitment_feedback"] = {
                str(int(k)): str(v).strip()[:20_000] for k, v in feedback.items() if str(v).strip()
            }
        if review.state == ReviewState.DRAFT:
            update["state"] = ReviewState.SAVED
        Review.objects.filter(pk=review.pk).update(
            **update, version=F("version") + 1, updated_at=timezone.now()
        )
        review.refresh_from_db()
    return review


def assessment_save(
    *, report: Report, reviewer: User, measure, criterion: Criterion, score, comment: str = ""
) -> Assessment:
    review = _assigned_review(report, reviewer)
    if measure.report_id != report.pk:
        raise ServiceError(_("This measure does not belong to the report."), code="foreign")
    if criterion.cycle_id != report.cycle_id:
        raise ServiceError(_("This criterion belongs to another cycle."), code="foreign")
    try:
        score = int(score)
    except (TypeError, ValueError):
        raise ServiceError(
            _("Give a score from %(min)s to %(max)s.") % {"min": SCORE_MIN, "max": SCORE_MAX}
        ) from None
    if not SCORE_MIN <= score <= SCORE_MAX:
        raise ServiceError(
            _("Give a score from %(min)s to %(max)s.") % {"min": SCORE_MIN, "max": SCORE_MAX}
        )
    assessment, _created = Assessment.objects.update_or_create(
        review=review,
        measure=measure,
        criterion=criterion,
        defaults={"score": score, "comment": (comment or "").strip()[:5000]},
    )
    if review.state == ReviewState.DRAFT:
        Review.objects.filter(pk=review.pk).update(state=ReviewState.SAVED)
    return assessment


def general_feedback_save(*, cycle, text: str, by: User, final: bool = False) -> GeneralFeedback:
    if not (text or "").strip():
        raise ServiceError(_("Write the general feedback first."))
    with transaction.atomic():
        latest = GeneralFeedback.objects.filter(cycle=cycle).aggregate(m=Max("version"))["m"]
        return GeneralFeedback.objects.create(
            cycle=cycle,
            version=(latest or 0) + 1,
            text=text.strip(),
            is_final=final,
            created_by=by,
        )


def review_finalise(*, report: Report, by: User) -> Letter:
    """The reviewers agreed: the finalising reviewer's texts become the letter's."""
    with transaction.atomic():
        review = _assigned_review(report, by)
        if not review.general_conclusion:
            raise ServiceError(
                _("Write the general conclusion before finalising."), code="incomplete"
            )
        existing = Letter.objects.select_for_update().filter(report=report).first()
        if existing and existing.state == LetterState.SENT:
            raise ServiceError(_("The letter has already been sent."), code="sent")
        letter, _created = Letter.objects.update_or_create(
            report=report,
            defaults={
                "finalised_by": by,
                "general_conclusion": review.general_conclusion,
                "individual_feedback": review.individual_feedback,
                "commitment_feedback": review.commitment_feedback,
                "state": LetterState.READY,
            },
        )
        Review.objects.filter(pk=review.pk).update(state=ReviewState.FINAL)
    return letter


def letter_context(letter: Letter) -> dict:
    from reporting.selectors import commitments_for

    report = letter.report
    general = letter.general_feedback or (
        GeneralFeedback.objects.filter(cycle=report.cycle, is_final=True).first()
    )
    commitments = commitments_for(report.questionnaire)
    return {
        "letter": letter,
        "report": report,
        "city": report.city,
        "general_feedback": general,
        "commitment_feedback": [
            (int(k), commitments.get(int(k), ""), v)
            for k, v in sorted(letter.commitment_feedback.items(), key=lambda kv: int(kv[0]))
        ],
        "date": timezone.localdate(),
        "chair_name": settings.BOARD_CHAIR_NAME,
        "coalition_name": settings.COALITION_NAME,
        "coalition_office": settings.COALITION_OFFICE,
    }


def letter_render(*, letter: Letter) -> bytes:
    from eccar.pdf import render_pdf

    return render_pdf(
        template="reviews/pdf/letter.html", context=letter_context(letter), language="en"
    )


def letter_send(*, letter: Letter) -> bool:
    """Renders, stores and mails the letter to the mayor (primary account in copy), then
    marks the report as evaluated. Idempotent: a letter is sent once, whatever retries or
    double clicks happen; a mail failure is recorded for staff and raised for the retry."""
    try:
        return _letter_send_locked(letter.pk)
    except OSError as error:
        # The transaction above rolled back; record the failure on its own.
        Letter.objects.filter(pk=letter.pk).update(state=LetterState.FAILED, error=str(error)[:500])
        raise


def _letter_send_locked(letter_id: int) -> bool:
    from eccar.mail import send_templated_email

    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("report__city").get(pk=letter_id)
        if letter.state == LetterState.SENT:
            return False
        report = letter.report
        general = (
            GeneralFeedback.objects.filter(cycle=report.cycle, is_final=True)
            .order_by("-version")
            .first()
        )
        if general is None:
            raise ServiceError(
                _("Letters go out once the general feedback is final."), code="no_general_feedback"
            )
        if not report.city.mayor_email:
            raise ServiceError(
                _("%(city)s has no mayor's email address. Add it on the city first.")
                % {"city": report.city.name},
                code="no_mayor_email",
            )
        if report.state != ReportState.SUBMITTED:
            raise ServiceError(_("This report is not waiting for feedback."), code="state")
        letter.general_feedback = general
        pdf = letter_render(letter=letter)
        primary = (
            report.city.accounts.filter(role=AccountRole.PRIMARY, is_active=True)
            .select_related("user")
            .first()
        )
        cc = [primary.user.email] if primary else []
        # Mailing inside the locked transaction: a concurrent retry waits, then finds SENT.
        send_templated_email(
            template="reviews/emails/letter",
            to=[report.city.mayor_email],
            cc=cc,
            context={"report": report, "city": report.city},
            attachments=[
                (f"ECCAR-feedback-{report.cycle}-{report.city.slug}.pdf", pdf, "application/pdf")
            ],
        )
        letter.pdf.save(f"{report.pk}.pdf", ContentFile(pdf), save=False)
        letter.state = LetterState.SENT
        letter.sent_at = timezone.now()
        letter.sent_to = [report.city.mayor_email, *cc]
        letter.error = ""
        letter.save()
        report_transition(
            report=report,
            to_state=ReportState.FEEDBACK_RECEIVED,
            by=letter.finalised_by,
            reason=_("Feedback letter sent."),
        )
    logger.info("letter sent report=%s", report.pk)
    return True
