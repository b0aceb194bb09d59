"""Writes of the reviews app: assignments, reviews, general feedback and letters."""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar import translation as mt
from eccar.enums import HistoryReason, NotificationKind
from eccar.errors import ServiceError
from eccar.mail import send_templated_email
from eccar.notifications import notify
from eccar.pdf import letter_logo_path, render_pdf
from reporting.enums import LANGUAGE_CHOICES, AccountRole, ReportState
from reporting.models import City, Report, ReportingCycle, User
from reporting.selectors.machine_translation import translations_for
from reporting.selectors.questionnaire import commitments_for
from reporting.services.machine_translation import texts_translate
from reporting.services.reports import report_transition

from .enums import SCORE_MAX, SCORE_MIN, LetterState, ReviewState
from .models import (
    Assessment,
    Assignment,
    ConflictOfInterest,
    Criterion,
    GeneralFeedback,
    Letter,
    LetterStateChange,
    Review,
    ReviewStateChange,
)
from .selectors import letters_to_send, reviewer_conflicts_with

logger = logging.getLogger("eccar.reviews")

# Control characters (NUL above all, which PostgreSQL refuses in text) never belong in
# feedback; tabs and line breaks stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean(value, limit: int) -> str:
    return _CONTROL.sub("", str(value or "")).strip()[:limit]


# What a reviewer may write in one field; a longer text is refused, never cut, so a
# save that reports "saved" has stored every sentence.
REVIEW_TEXT_MAX = 50_000
COMMITMENT_FEEDBACK_MAX = 20_000
ASSESSMENT_COMMENT_MAX = 5_000


def _clean_within(value, limit: int, label: str) -> str:
    text = _CONTROL.sub("", str(value or "")).strip()
    if len(text) > limit:
        raise ServiceError(
            _(
                "%(field)s is too long: %(length)s characters, at most %(limit)s. "
                "Nothing was saved; shorten it and save again."
            )
            % {"field": label, "length": f"{len(text):,}", "limit": f"{limit:,}"},
            code="too_long",
        )
    return text


# The lifecycles of a review and of a letter: the state stored now -> where it may go.
REVIEW_TRANSITIONS: dict[str, set[str]] = {
    ReviewState.DRAFT: {ReviewState.SAVED, ReviewState.FINAL},
    ReviewState.SAVED: {ReviewState.FINAL},
    ReviewState.FINAL: set(),
}
LETTER_TRANSITIONS: dict[str, set[str]] = {
    # A ready letter is claimed for sending, or its claim fails before any mail.
    LetterState.READY: {LetterState.SENDING, LetterState.FAILED},
    # SENDING -> SENDING: the office sends an interrupted letter again.
    LetterState.SENDING: {LetterState.SENT, LetterState.FAILED, LetterState.SENDING},
    # A failed letter is retried, or a reviewer finalises it again with new texts.
    LetterState.FAILED: {LetterState.SENDING, LetterState.READY},
    LetterState.SENT: set(),
}


def _state_change(obj, *, to_state, allowed, history, by, reason, refused, stamp=None):
    """Locks `obj`'s row, checks `to_state` is allowed from the state stored now, saves
    it (with the fields `stamp(locked)` sets and names) and writes one `history` row."""
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        if to_state not in allowed[locked.state]:
            labels = dict(model._meta.get_field("state").choices)
            raise ServiceError(
                refused % {"from": labels[locked.state], "to": labels[to_state]},
                code="transition",
            )
        from_state, locked.state = locked.state, to_state
        fields = ["state", "updated_at", *(stamp(locked) if stamp else [])]
        locked.save(update_fields=fields)
        history.objects.create(
            **{model._meta.model_name: locked},
            from_state=from_state,
            to_state=to_state,
            changed_by=by,
            reason=reason,
        )
    for field in fields:
        setattr(obj, field, getattr(locked, field))
    return obj


def review_state_set(*, review: Review, to_state: str, by: User | None, reason: str = "") -> Review:
    """The only function that changes a review's state: checked against the state stored
    now (row lock), with one ReviewStateChange row. A refused transition raises
    ServiceError and changes nothing."""
    return _state_change(
        review,
        to_state=to_state,
        allowed=REVIEW_TRANSITIONS,
        history=ReviewStateChange,
        by=by,
        reason=reason,
        refused=_("A review cannot go from “%(from)s” to “%(to)s”."),
    )


def _sent_stamp(letter: Letter) -> list[str]:
    if letter.state != LetterState.SENT:
        return []
    letter.sent_at, letter.error = timezone.now(), ""
    return ["sent_at", "error"]


def letter_state_set(
    *, letter: Letter, to_state: str, by: User | None = None, reason: str = ""
) -> Letter:
    """The only function that changes a letter's state: checked against the state stored
    now (row lock), with one LetterStateChange row; SENT also stamps `sent_at` and
    clears the error. A refused transition raises ServiceError and changes nothing."""
    return _state_change(
        letter,
        to_state=to_state,
        allowed=LETTER_TRANSITIONS,
        history=LetterStateChange,
        by=by,
        reason=reason,
        refused=_("A letter cannot go from “%(from)s” to “%(to)s”."),
        stamp=_sent_stamp,
    )


# A report whose review is still open: a later conflict withdraws its assignment. Once
# the letter is sent (feedback received, updated, published) the review is history and
# keeps its reviewer.
OPEN_REVIEW_STATES = (ReportState.DRAFT, ReportState.SUBMITTED)


def _open_assignments_withdraw(conflict: ConflictOfInterest) -> int:
    """Removes the reviewer's assignments to reports the conflict covers whose review is
    still open; finished reviews and sent letters keep their reviewer."""
    covered = ConflictOfInterest.objects.filter(pk=conflict.pk).cities()
    deleted, _rows = (
        Assignment.objects.filter(
            reviewer_id=conflict.reviewer_id,
            report__city__in=covered,
            report__state__in=OPEN_REVIEW_STATES,
        )
        .exclude(report__letter__state=LetterState.SENT)
        .delete()
    )
    return deleted


def conflict_declare(
    *, reviewer: User, city: City | None = None, country: str = "", reason: str
) -> ConflictOfInterest:
    """The reviewer stays away from the city's reports, or from those of every city of
    `country` (a rule on the country, so a city admitted later is covered too); their
    open assignments there are withdrawn (see `_open_assignments_withdraw`)."""
    if (city is None) == (not country):
        raise ServiceError(_("Choose a city."))
    with transaction.atomic():
        conflict, _created = ConflictOfInterest.objects.get_or_create(
            reviewer=reviewer,
            city=city,
            country="" if city is not None else country,
            defaults={"reason": reason.strip()[:300] or "—"},
        )
        _open_assignments_withdraw(conflict)
    return conflict


def conflicts_declare(
    *, reviewer: User, city: City | None, reason: str, whole_country: bool = False
) -> ConflictOfInterest:
    """Declares a conflict with the city, or with its whole country."""
    reason = (reason or "").strip()
    if city is None:
        raise ServiceError(_("Choose a city."))
    if not reason:
        raise ServiceError(_("Give a short reason, for example “own city”."))
    if whole_country:
        return conflict_declare(reviewer=reviewer, country=city.country.code, reason=reason)
    return conflict_declare(reviewer=reviewer, city=city, reason=reason)


def reviewer_assign(*, report: Report, reviewer: User, by: User) -> Assignment:
    if not reviewer.is_reviewer:
        raise ServiceError(_("Only members of the Scientific Advisory Board can review."))
    if report.state != ReportState.SUBMITTED:
        raise ServiceError(_("Only submitted reports can be assigned for review."))
    if reviewer_conflicts_with(reviewer=reviewer, city_id=report.city_id):
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


def _review_text_label(field: str) -> str:
    return {
        "general_conclusion": _("The general conclusion"),
        "individual_feedback": _("The individual feedback"),
    }[field]


def review_save(
    *,
    report: Report,
    reviewer: User,
    changes: dict,
    assessments: dict | None = None,
    expected_version: int | None = None,
) -> Review:
    """Saves what was posted of the reviewer's draft (autosave or the form): texts,
    feedback per commitment and criterion scores, all or nothing. Refuses a save based
    on an older version, so two tabs never overwrite each other silently."""
    with transaction.atomic():
        review = _assigned_review(report, reviewer)
        review = Review.objects.select_for_update().get(pk=review.pk)
        # Version 0: the page was built before the reviewer had any review; it matches
        # only a review never saved, so a second tab opened as early is refused too.
        never_saved = expected_version == 0 and review.state == ReviewState.DRAFT
        if expected_version is not None and expected_version != review.version and not never_saved:
            raise ServiceError(
                _("This review was changed in another window. Reload the page."), code="conflict"
            )
        update = {}
        for field in REVIEW_TEXT_FIELDS:
            if field in changes:
                update[field] = _clean_within(
                    changes[field], REVIEW_TEXT_MAX, _review_text_label(field)
                )
        if "commitment_feedback" in changes:
            feedback = changes["commitment_feedback"] or {}
            if not isinstance(feedback, dict) or not all(
                str(k).isdecimal() and 1 <= int(k) <= 10 for k in feedback
            ):
                raise ServiceError(_("Feedback must refer to commitments 1 to 10."))
            merged = dict(review.commitment_feedback)
            for key, value in feedback.items():
                text = _clean_within(
                    value,
                    COMMITMENT_FEEDBACK_MAX,
                    _("The feedback on commitment %(number)s") % {"number": int(key)},
                )
                if text:
                    merged[str(int(key))] = text
                else:
                    merged.pop(str(int(key)), None)
            update["commitment_feedback"] = merged
        if assessments:
            _assessments_store(review, report, assessments)
        if review.state == ReviewState.DRAFT:
            review_state_set(review=review, to_state=ReviewState.SAVED, by=reviewer)
        Review.objects.filter(pk=review.pk).update(
            **update, version=F("version") + 1, updated_at=timezone.now()
        )
        review.refresh_from_db()
    return review


def _assessments_store(review: Review, report: Report, assessments: dict) -> None:
    """{(measure id, criterion id): (score or None, comment)}; no score clears it."""
    measure_ids = set(report.measures.values_list("pk", flat=True))
    criteria = set(Criterion.objects.filter(cycle_id=report.cycle_id).values_list("pk", flat=True))
    for (measure_id, criterion_id), (score, comment) in assessments.items():
        if measure_id not in measure_ids or criterion_id not in criteria:
            raise ServiceError(_("This measure or criterion does not belong to the report."))
        if score is None:
            Assessment.objects.filter(
                review=review, measure_id=measure_id, criterion_id=criterion_id
            ).delete()
            continue
        if not SCORE_MIN <= int(score) <= SCORE_MAX:
            raise ServiceError(
                _("Give a score from %(min)s to %(max)s.") % {"min": SCORE_MIN, "max": SCORE_MAX}
            )
        Assessment.objects.update_or_create(
            review=review,
            measure_id=measure_id,
            criterion_id=criterion_id,
            defaults={
                "score": int(score),
                "comment": _clean_within(comment, ASSESSMENT_COMMENT_MAX, _("A comment")),
            },
        )


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
        defaults={
            "score": score,
            "comment": _clean_within(comment, ASSESSMENT_COMMENT_MAX, _("The comment")),
        },
    )
    if review.state == ReviewState.DRAFT:
        with transaction.atomic():
            # Another first save may have got there since this copy was read.
            stored = Review.objects.select_for_update().values_list("state", flat=True)
            if stored.get(pk=review.pk) == ReviewState.DRAFT:
                review_state_set(review=review, to_state=ReviewState.SAVED, by=reviewer)
    return assessment


def general_feedback_save(*, cycle, text: str, by: User, final: bool = False) -> GeneralFeedback:
    if not (text or "").strip():
        raise ServiceError(_("Write the general feedback first."))
    with transaction.atomic():
        latest = GeneralFeedback.objects.filter(cycle=cycle).aggregate(m=Max("version"))["m"]
        return GeneralFeedback.objects.create(
            cycle=cycle,
            version=(latest or 0) + 1,
            text=_clean(text, 100_000),
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
        if existing and existing.state == LetterState.SENDING:
            # A worker may be mailing it right now: new texts would not be what was sent.
            raise ServiceError(_("The letter is being sent."), code="sending")
        letter, created = Letter.objects.update_or_create(
            report=report,
            defaults={
                "finalised_by": by,
                "general_conclusion": review.general_conclusion,
                "individual_feedback": review.individual_feedback,
                "commitment_feedback": review.commitment_feedback,
            },
        )
        if created:
            LetterStateChange.objects.create(
                letter=letter,
                from_state="",
                to_state=LetterState.READY,
                changed_by=by,
                reason=HistoryReason.REVIEW_FINALISED,
            )
        elif letter.state == LetterState.FAILED:
            letter_state_set(
                letter=letter,
                to_state=LetterState.READY,
                by=by,
                reason=HistoryReason.REVIEW_FINALISED,
            )
        if review.state != ReviewState.FINAL:
            review_state_set(review=review, to_state=ReviewState.FINAL, by=by)
    return letter


def _letter_general_feedback(letter: Letter):
    return letter.general_feedback or (
        GeneralFeedback.objects.filter(cycle=letter.report.cycle, is_final=True)
        .order_by("-version")
        .first()
    )


def _letter_texts(letter: Letter, general) -> list[str]:
    texts = [letter.general_conclusion, letter.individual_feedback]
    texts += list(letter.commitment_feedback.values())
    if general is not None:
        texts.append(general.text)
    return [t for t in texts if t]


# The official letter is written in English; a machine translation may go with it.
LETTER_LANGUAGE = "en"


def letter_office() -> dict:
    """The letterhead's sender: the coalition's office, its postal address (only the
    parts configured) and the contact line."""
    locality = " ".join(p for p in (settings.COALITION_POSTCODE, settings.COALITION_CITY) if p)
    return {
        "name": settings.COALITION_NAME,
        "short_name": settings.COALITION_SHORT_NAME,
        "address_lines": [
            line
            for line in (settings.COALITION_STREET, locality, settings.COALITION_COUNTRY)
            if line
        ],
        "email": settings.COALITION_CONTACT_EMAIL,
        "phone": settings.COALITION_CONTACT_PHONE,
        "site_url": settings.SITE_URL,
    }


def letter_sending_problems() -> list[str]:
    """What in the platform's configuration stops any letter from going out: an official
    letter is signed by a named chair, and carries the logo the office configured."""
    problems = []
    if not settings.BOARD_CHAIR_NAME.strip():
        problems.append(
            _(
                "No chair of the Scientific Advisory Board is configured, so the letter would "
                "have no signatory. Set BOARD_CHAIR_NAME (see the README) and send again."
            )
        )
    try:
        letter_logo_path()
    except (OSError, ValueError) as error:
        problems.append(
            _("The letterhead's logo cannot be used: %(error)s Fix LETTER_LOGO or leave it empty.")
            % {"error": error}
        )
    return problems


def letter_context(letter: Letter, *, language: str = "") -> dict:
    """What the letter says. With `language`, its texts are the stored machine
    translations from English, and `translation` says whether every text has one.

    `date` is the date the letter was sent (stored when it was mailed); before that it is
    None and `planned_date` is the date it would carry if sent today."""
    report = letter.report
    general = _letter_general_feedback(letter)
    commitments = commitments_for(report.questionnaire)
    translated = {}
    translation = None
    if language and language != LETTER_LANGUAGE:
        texts = _letter_texts(letter, general)
        translated = translations_for(texts, source="en", target=language)
        translation = {
            "language": language,
            "language_name": language_name(language),
            "complete": all(t in translated for t in texts),
        }

    def text(value):
        return translated.get(value, value) if value else value

    try:
        has_logo = letter_logo_path() is not None
    except (OSError, ValueError):
        has_logo = False
    return {
        "letter": letter,
        "report": report,
        "city": report.city,
        "conclusion": text(letter.general_conclusion),
        "individual_feedback": text(letter.individual_feedback),
        "general_feedback": general,
        "general_feedback_text": text(general.text) if general else "",
        "commitment_feedback": [
            (int(k), commitments.get(int(k), ""), text(v))
            for k, v in sorted(letter.commitment_feedback.items(), key=lambda kv: int(kv[0]))
        ],
        "translation": translation,
        "letter_language": language or LETTER_LANGUAGE,
        "date": letter.dated,
        "planned_date": timezone.localdate(),
        "reference": letter.reference,
        # A sent letter keeps its signatory; an unsent one shows who would sign it now.
        "chair_name": letter.signed_by or settings.BOARD_CHAIR_NAME.strip(),
        "coalition_name": settings.COALITION_NAME,
        "coalition_office": settings.COALITION_OFFICE,
        "office": letter_office(),
        "has_logo": has_logo,
    }


def language_name(code: str) -> str:
    return dict(LANGUAGE_CHOICES).get(code, code)


def letter_render(*, letter: Letter, language: str = "") -> bytes:
    """The letter as a tagged PDF (PDF/UA-1), rendered in its own language: the English
    original, or with `language` its machine translation, every fixed word included."""
    return render_pdf(
        template="reviews/pdf/letter.html",
        context=letter_context(letter, language=language),
        language=language or LETTER_LANGUAGE,
        tagged=True,
    )


def letter_translation_request(*, letter: Letter, language: str, by: User) -> Letter:
    """Asks for a machine translation of the letter, sent with the English original;
    an empty language cancels it."""
    language = (language or "").strip().lower()
    if letter.state == LetterState.SENT:
        raise ServiceError(_("The letter has already been sent."), code="sent")
    if language and (language == "en" or language not in dict(LANGUAGE_CHOICES)):
        raise ServiceError(_("Choose one of the offered languages."))
    if language and mt.get_backend() is None:
        raise ServiceError(_("Machine translation is not configured on this platform."))
    Letter.objects.filter(pk=letter.pk).update(translation_language=language, translation_error="")
    letter.refresh_from_db()
    if language:
        from .tasks import task_letter_translate  # noqa: PLC0415 - real cycle: tasks call these services

        transaction.on_commit(lambda: task_letter_translate.delay(letter_id=letter.pk))
    return letter


def letter_translate(*, letter: Letter) -> bool:
    """Translates the letter's texts into its translation language; errors are kept on
    the letter for staff, and a transient one is raised for the task to retry."""
    if not letter.translation_language:
        return False
    backend = mt.get_backend()
    if backend is None:
        Letter.objects.filter(pk=letter.pk).update(
            translation_error=_("Machine translation is not configured.")
        )
        return False
    texts = _letter_texts(letter, _letter_general_feedback(letter))
    try:
        texts_translate(
            texts=texts, source="en", target=letter.translation_language, backend=backend
        )
    except mt.Transient:
        raise
    except mt.TranslationError as error:
        Letter.objects.filter(pk=letter.pk).update(translation_error=str(error)[:500])
        return False
    Letter.objects.filter(pk=letter.pk).update(translation_error="")
    return True


def letters_send(*, cycle, letter_id: int | None = None) -> int:
    """Queues the sending of the cycle's ready and failed letters (or of one of them)
    once the transaction commits; returns how many. Each task sends its letter once."""
    from .tasks import task_letter_send  # noqa: PLC0415 - real cycle: tasks call these services

    if not GeneralFeedback.objects.filter(cycle=cycle, is_final=True).exists():
        raise ServiceError(
            _("Letters go out once the general feedback is final."), code="no_general_feedback"
        )
    if problems := letter_sending_problems():
        raise ServiceError(" ".join(problems), code="configuration")
    ids = list(letters_to_send(cycle=cycle, letter_id=letter_id).values_list("pk", flat=True))
    for each in ids:
        transaction.on_commit(lambda i=each: task_letter_send.delay(letter_id=i))
    return len(ids)


def letter_resend(*, cycle, letter_id: int) -> Letter:
    """Sends again a letter whose sending was flagged as interrupted, after the office
    checked with the city that it did not arrive."""
    from .tasks import task_letter_send  # noqa: PLC0415 - real cycle: tasks call these services

    if not GeneralFeedback.objects.filter(cycle=cycle, is_final=True).exists():
        raise ServiceError(
            _("Letters go out once the general feedback is final."), code="no_general_feedback"
        )
    letter = (
        Letter.objects.filter(report__cycle=cycle, state=LetterState.SENDING, pk=letter_id)
        .exclude(error="")
        .first()
    )
    if letter is None:
        raise ServiceError(_("This letter is not waiting to be sent again."))
    transaction.on_commit(
        lambda: task_letter_send.delay(letter_id=letter.pk, resend_interrupted=True)
    )
    return letter


class LetterInFlight(Exception):
    """Another worker claimed the letter a moment ago and may be mailing it now."""


def letter_send(*, letter: Letter, resend_interrupted: bool = False) -> bool:
    """Renders, stores and mails the letter to the mayor (primary account in copy), then
    marks the report as evaluated. A letter is mailed once, whatever retries, double
    clicks or dying workers happen. Returns False when there was nothing to send.

    Three steps, so that no database transaction stays open while the mail server is
    talked to, and so that a worker killed at any point cannot cause a second mail:

    1. Claim (row lock, committed): checks, renders and stores the PDFs, and sets the
       state SENDING. A worker killed before this commit leaves the letter as it was:
       the redelivered task sends it (exactly one mail).
    2. Mail, with a Message-ID derived from the letter, outside any transaction.
    3. Confirm (committed): SENT, the report's state change and the notifications.

    A task that finds a fresh SENDING claim raises LetterInFlight (the task retries
    later). A claim older than LETTER_SEND_TIMEOUT means a worker died between steps 1
    and 3, and nobody can know whether the mail server accepted the message. We choose
    at most once: the letter is not mailed again automatically but flagged in the
    outbox for the office to check with the city (a missing letter is noticed and
    resent by a person; a second official letter cannot be recalled). The office then
    sends it again with `resend_interrupted=True`. Should a copy be mailed twice all
    the same, both carry the same Message-ID, which mail clients show as one message.
    A mail error (SMTP refused, connection lost) is recorded as FAILED and raised for
    the task's retry.
    """
    try:
        claim = _letter_claim(letter.pk, resend_interrupted=resend_interrupted)
    except ServiceError as error:
        # Nothing can be sent until someone fixes the cause: say so in the outbox, and do
        # not retry. The letter stays ready.
        Letter.objects.filter(pk=letter.pk).exclude(state=LetterState.SENT).update(
            error=str(error.message)[:500]
        )
        raise
    except OSError as error:
        # The claim rolled back (rendering or storage failed); record it on its own.
        _letter_fail(letter.pk, error, from_states=set(LetterState) - {LetterState.SENT})
        raise
    if claim is None:
        return False
    try:
        send_templated_email(**claim["mail"])
    except Exception as error:
        # The server refused or the connection broke: release the claim for the retry.
        _letter_fail(letter.pk, error, from_states={LetterState.SENDING})
        raise
    _letter_confirm(letter.pk)
    return True


def _letter_fail(letter_id: int, error: Exception, *, from_states: set[str]) -> None:
    """Records why sending failed and marks the letter FAILED for the retry, if it is
    still in one of `from_states` (another worker may have moved it meanwhile)."""
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        if letter.state not in from_states:
            return
        Letter.objects.filter(pk=letter_id).update(error=str(error)[:500])
        if letter.state != LetterState.FAILED:
            letter_state_set(
                letter=letter, to_state=LetterState.FAILED, reason=type(error).__name__
            )


def letter_message_id(letter: Letter) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "eccar.invalid"
    return f"<feedback-letter-{letter.pk}.{letter.report_id}@{host}>"


def _letter_claim(letter_id: int, *, resend_interrupted: bool = False) -> dict | None:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("report__city").get(pk=letter_id)
        if letter.state == LetterState.SENT:
            return None
        if letter.state == LetterState.SENDING and not resend_interrupted:
            age = (timezone.now() - letter.updated_at).total_seconds()
            if age < settings.LETTER_SEND_TIMEOUT:
                raise LetterInFlight(letter_id)
            if not letter.error:
                Letter.objects.filter(pk=letter_id).update(
                    error=_(
                        "Sending was interrupted at %(time)s: the mail server may or may not "
                        "have received the letter. Ask the city whether it arrived before "
                        "sending it again."
                    )
                    % {"time": timezone.localtime(letter.updated_at).strftime("%Y-%m-%d %H:%M")}
                )
                logger.warning("letter send interrupted, flagged for staff letter=%s", letter_id)
            return None
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
        if problems := letter_sending_problems():
            raise ServiceError(" ".join(problems), code="configuration")
        letter.general_feedback = general
        _letter_number(letter)
        # The letter carries the day it is mailed and the chair who signs it; a letter
        # sent again after an interruption keeps both, as the first copy may have arrived.
        if not (resend_interrupted and letter.dated):
            letter.dated = timezone.localdate()
            letter.signed_by = settings.BOARD_CHAIR_NAME.strip()
        pdf = letter_render(letter=letter)
        attachments = [
            (f"ECCAR-feedback-{report.cycle}-{report.city.slug}.pdf", pdf, "application/pdf")
        ]
        translated_pdf = None
        if letter.translation_language:
            context = letter_context(letter, language=letter.translation_language)
            if context["translation"]["complete"]:
                translated_pdf = letter_render(letter=letter, language=letter.translation_language)
                attachments.append(
                    (
                        f"ECCAR-feedback-{report.cycle}-{report.city.slug}-"
                        f"{letter.translation_language}.pdf",
                        translated_pdf,
                        "application/pdf",
                    )
                )
            else:
                letter.translation_error = letter.translation_error or _(
                    "The translation was not ready; only the English letter was sent."
                )
        primary = (
            report.city.accounts.filter(role=AccountRole.PRIMARY, is_active=True)
            .select_related("user")
            .first()
        )
        cc = [primary.user.email] if primary else []
        letter.pdf.save(f"{report.pk}.pdf", ContentFile(pdf), save=False)
        if translated_pdf:
            letter.pdf_translation.save(
                f"{report.pk}-{letter.translation_language}.pdf",
                ContentFile(translated_pdf),
                save=False,
            )
        letter.sent_to = [report.city.mayor_email, *cc]
        letter.error = ""
        letter.save()
        letter_state_set(
            letter=letter,
            to_state=LetterState.SENDING,
            reason=HistoryReason.SENT_AGAIN if resend_interrupted else "",
        )
    return {
        "mail": {
            "template": "reviews/emails/letter",
            "to": [report.city.mayor_email],
            "cc": cc,
            "context": {
                **letter_context(letter),
                "translated": bool(translated_pdf),
                "translation_language_name": language_name(letter.translation_language),
                "feedback_url": settings.SITE_URL.rstrip("/")
                + reverse(
                    "reviews:feedback",
                    kwargs={"slug": report.city.slug, "year": report.cycle.year},
                ),
            },
            "language": LETTER_LANGUAGE,
            "attachments": attachments,
            "headers": {"Message-ID": letter_message_id(letter)},
        }
    }


def _letter_number(letter: Letter) -> None:
    """Gives the letter its reference once, the next number of its cycle: the cycle's row
    is locked so that two letters sent at the same moment do not share a number (the
    unique constraint is the last guard)."""
    if letter.reference:
        return
    cycle = ReportingCycle.objects.select_for_update().get(pk=letter.report.cycle_id)
    latest = Letter.objects.filter(report__cycle=cycle).aggregate(n=Max("number"))["n"] or 0
    letter.number = latest + 1
    letter.reference = "/".join(
        [
            settings.COALITION_SHORT_NAME,
            str(cycle.year),
            letter.report.city.slug.upper(),
            f"{letter.number:03d}",
        ]
    )


def _letter_confirm(letter_id: int) -> None:
    with transaction.atomic():
        letter = Letter.objects.select_for_update().select_related("report__city").get(pk=letter_id)
        report = letter.report
        letter_state_set(letter=letter, to_state=LetterState.SENT, reason=HistoryReason.MAILED)
        report_transition(
            report=report,
            to_state=ReportState.FEEDBACK_RECEIVED,
            by=letter.finalised_by,
            reason=HistoryReason.FEEDBACK_SENT,
        )
        _notify_evaluated(report)
    logger.info("letter sent report=%s", report.pk)


def _notify_evaluated(report: Report) -> None:
    users = [
        account.user
        for account in report.city.accounts.filter(is_active=True).select_related("user")
    ]
    notify(
        users=users,
        kind=NotificationKind.REPORT_EVALUATED,
        params={"year": report.cycle.year, "city": report.city.name},
        url=reverse(
            "reviews:feedback", kwargs={"slug": report.city.slug, "year": report.cycle.year}
        ),
    )
