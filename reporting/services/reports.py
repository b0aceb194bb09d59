"""A report's life: the one function that changes its state (`report_transition`) and
the steps built on it (start, submit, return, update, publish, withdraw)."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eccar import translation as mt
from eccar.celery import app
from eccar.enums import HistoryReason
from eccar.errors import ServiceError
from reporting.enums import AccountRole, MembershipStatus, ReportState
from reporting.models import City, Questionnaire, Report, ReportSnapshot, ReportStateChange, User
from reporting.rules import EDITABLE_STATES, active_roles
from reporting.selectors.reports import report_deadline, report_progress, report_snapshot_data
from reporting.services.accounts import city_ensure_in_good_standing
from reporting.signals import report_state_changed
from reporting.tasks import (
    task_report_returned_notify,
    task_report_translate,
    task_submission_confirm,
)

logger = logging.getLogger("eccar.reporting")


ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    "": {ReportState.DRAFT},
    ReportState.DRAFT: {ReportState.SUBMITTED},
    ReportState.SUBMITTED: {ReportState.DRAFT, ReportState.FEEDBACK_RECEIVED},
    ReportState.FEEDBACK_RECEIVED: {ReportState.UPDATING, ReportState.PUBLISHED},
    ReportState.UPDATING: {ReportState.FEEDBACK_RECEIVED, ReportState.PUBLISHED},
    ReportState.PUBLISHED: {ReportState.FEEDBACK_RECEIVED},
}


def report_transition(
    *, report: Report, to_state: str, by: User | None, reason: str = ""
) -> Report:
    """The only function that changes a report's state.

    Locks the row, checks the transition is allowed from the state stored now
    (so a double click changes nothing the second time), saves, and writes one
    ReportStateChange row. Callers add their own checks (who, deadlines).
    """
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.state == to_state:
            raise ServiceError(_("The report is already in this state."), code="same_state")
        if to_state not in ALLOWED_TRANSITIONS.get(locked.state, set()):
            raise ServiceError(
                _("A report cannot go from “%(from)s” to “%(to)s”.")
                % {"from": locked.get_state_display(), "to": ReportState(to_state).label},
                code="transition",
            )
        from_state = locked.state
        locked.state = to_state
        if to_state == ReportState.SUBMITTED:
            locked.submitted_at = timezone.now()
            locked.submitted_by = by
        locked.save()
        ReportStateChange.objects.create(
            report=locked, from_state=from_state, to_state=to_state, changed_by=by, reason=reason
        )
        report_state_changed.send(
            sender=Report, report=locked, from_state=from_state, to_state=to_state, by=by
        )
    report.refresh_from_db()
    return report


def report_start(*, city: City, cycle, by: User) -> Report:
    """Opens the city's report for a cycle, or returns the one it already has: there is
    never a second report (the database refuses one too)."""

    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            city=city,
            cycle=cycle,
            defaults={
                "questionnaire": Questionnaire.objects.filter(cycle=cycle, is_active=True).first(),
                "source_language": city.main_language,
            },
        )
        if created:
            ReportStateChange.objects.create(
                report=report, from_state="", to_state=ReportState.DRAFT, changed_by=by
            )
    return report


def report_submit(*, report: Report, by: User) -> Report:
    """Submits the report: the only way a draft becomes submitted.

    Checks what `submission_refusal` checks (the primary account, good standing, the
    deadline for a first submission) and that every required answer is there; freezes
    the content as a ReportSnapshot; changes the state through report_transition (history row);
    emails the confirmation after commit. A second click finds the report already
    submitted and changes nothing.
    """

    with transaction.atomic():
        # Checked on the locked row (its city and cycle read with it, only the report
        # locked): a return to draft or an extension may have just changed it.
        locked = (
            Report.objects.select_for_update(of=("self",))
            .select_related("city", "cycle")
            .get(pk=report.pk)
        )
        refusal = submission_refusal(report=locked, by=by)
        if refusal is not None:
            raise refusal
        if locked.state not in EDITABLE_STATES:
            raise ServiceError(_("This report has already been submitted."), code="same_state")
        missing = report_progress(report=locked)["missing"]
        if missing:
            raise ServiceError(
                ngettext(
                    "%(n)s required answer is missing.",
                    "%(n)s required answers are missing.",
                    len(missing),
                )
                % {"n": len(missing)},
                code="incomplete",
            )
        revision = (locked.snapshots.aggregate(m=Max("revision"))["m"] or 0) + 1
        ReportSnapshot.objects.create(
            report=locked, revision=revision, data=report_snapshot_data(locked), created_by=by
        )
        to_state = (
            ReportState.SUBMITTED
            if locked.state == ReportState.DRAFT
            else ReportState.FEEDBACK_RECEIVED
        )
        report_transition(report=locked, to_state=to_state, by=by)

        transaction.on_commit(lambda: task_submission_confirm.delay(report_id=locked.pk))
        # The submitted version is translated completely, without waiting for a debounce
        # (in the background: with no worker configured, staff start it from the report).
        if not app.conf.task_always_eager:
            transaction.on_commit(lambda: task_report_translate.delay(report_id=locked.pk))
    report.refresh_from_db()
    logger.info("report submitted report=%s by=%s", report.pk, by.pk)
    return report


def submission_refusal(*, report: Report, by: User) -> ServiceError | None:
    """Why `by` may not submit `report` now (None: they may), before the answers are
    looked at; the check page shows the same reason before anyone presses Submit.

    The deadline (or the extension staff gave with a return to draft) binds the first
    submission only: an update after feedback is a new revision of a report that was
    submitted in time, so it may go in whenever the city is ready."""
    # The request's roles, read from the database once per request (rules' memo).
    if active_roles(by).get(report.city_id) != AccountRole.PRIMARY:
        return ServiceError(
            _("Only the city's primary account can submit the report."), code="role"
        )
    if report.city.membership_status != MembershipStatus.MEMBER:
        return ServiceError(_("Only member cities in good standing can submit."), code="standing")
    if report.state == ReportState.DRAFT and timezone.localdate() > report_deadline(report):
        return ServiceError(
            _(
                "The submission deadline (%(date)s) has passed. Please contact %(contact)s "
                "to ask for an extension."
            )
            % {
                "date": report_deadline(report).isoformat(),
                "contact": settings.COALITION_CONTACT_EMAIL,
            },
            code="deadline",
        )
    return None


def report_return_to_draft(
    *, report: Report, by: User, reason: str, resubmit_until: datetime.date | None = None
) -> Report:
    """Staff return a submitted report to draft, in one step: the reason (shown in the
    history) and the date until which the city may submit again (stored as the report's
    extension, shown in its header, reminded of by `reminders_send`).

    Without `resubmit_until` the deadline in force stays, which must not have passed.
    After commit, the city's primary and secondary accounts get an email and a
    notification (`task_report_returned_notify`)."""
    if not by.is_staff:
        raise ServiceError(_("Only the coalition's office can return a report."), code="role")
    if not (reason or "").strip():
        raise ServiceError(
            _("Give a reason: the city sees it in the report's history."), field="reason"
        )
    today = timezone.localdate()
    in_force = report_deadline(report)
    until = resubmit_until or in_force
    if until < today:
        raise ServiceError(
            _("Give the date until which the city may submit again: today (%(today)s) or later.")
            % {"today": today.isoformat()},
            field="resubmit_until",
        )
    if until < in_force:
        # An extension never shortens the deadline the city already has.
        raise ServiceError(
            _(
                "The city may already submit until %(date)s (the deadline in force): give "
                "that date or a later one."
            )
            % {"date": in_force.isoformat()},
            field="resubmit_until",
        )
    with transaction.atomic():
        report = report_transition(
            report=report, to_state=ReportState.DRAFT, by=by, reason=reason.strip()
        )
        if until != report_deadline(report):
            Report.objects.filter(pk=report.pk).update(deadline_extended_to=until)
        change_id = report.state_changes.order_by("-changed_at", "-pk").values_list(
            "pk", flat=True
        )[0]
        transaction.on_commit(
            lambda: task_report_returned_notify.delay(report_id=report.pk, change_id=change_id)
        )
    report.refresh_from_db()
    logger.info("report returned report=%s by=%s until=%s", report.pk, by.pk, until)
    return report


def _ensure_primary(report: Report, by: User) -> None:
    if not by.city_accounts.filter(
        city_id=report.city_id, role=AccountRole.PRIMARY, is_active=True
    ).exists():
        raise ServiceError(_("Only the city's primary account can do this."), code="role")


def report_start_update(*, report: Report, by: User) -> Report:
    """After feedback the city may update its report: a new revision is written in the
    live answers while every submitted revision stays frozen in its snapshot."""
    _ensure_primary(report, by)
    city_ensure_in_good_standing(city=report.city, by=by)
    return report_transition(report=report, to_state=ReportState.UPDATING, by=by)


def report_publish(
    *, report: Report, by: User, with_feedback: bool, with_contacts: bool | None = None
) -> Report:
    """Publishes the latest submitted revision to every member city; `with_contacts`
    (None: keep the earlier choice) shows the contact answers in the library."""
    _ensure_primary(report, by)
    city_ensure_in_good_standing(city=report.city, by=by)
    if report.state == ReportState.UPDATING:
        raise ServiceError(
            _("Submit your update first; the published report is always a submitted version."),
            code="updating",
        )
    with transaction.atomic():
        report = report_transition(report=report, to_state=ReportState.PUBLISHED, by=by)
        Report.objects.filter(pk=report.pk).update(publish_feedback=with_feedback)
        if with_contacts is not None:
            Report.objects.filter(pk=report.pk).update(publish_contacts=with_contacts)
    report.refresh_from_db()
    return report


def report_set_contact_publication(*, report: Report, by: User, publish: bool) -> Report:
    """The city's primary account shows or hides its contact persons to member cities."""
    _ensure_primary(report, by)
    city_ensure_in_good_standing(city=report.city, by=by)
    Report.objects.filter(pk=report.pk).update(publish_contacts=publish)
    report.refresh_from_db()
    logger.info("report contacts published=%s report=%s by=%s", publish, report.pk, by.pk)
    return report


def report_withdraw_publication(*, report: Report, by: User) -> Report:
    """Takes the report out of the library. A city that is not in good standing may
    still do this: its publication is its own privacy."""
    _ensure_primary(report, by)
    return report_transition(
        report=report,
        to_state=ReportState.FEEDBACK_RECEIVED,
        by=by,
        reason=HistoryReason.PUBLICATION_WITHDRAWN,
    )


def translation_rerun(*, report: Report) -> None:
    """Staff run a report's translation again (after a quota or an outage)."""
    if mt.get_backend() is None:
        raise ServiceError(_("Machine translation is not configured (DEEPL_AUTH_KEY)."), code="off")
    # Nothing to roll back here: the task starts at once.
    task_report_translate.delay(report_id=report.pk)
