"""The coalition's roll: applications to join, the Board's decisions, and the one
function that changes a city's membership status (each change stored as a row)."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from eccar.enums import HistoryReason
from eccar.errors import ServiceError
from reporting.enums import AccountRole, ApplicationStatus, MembershipStatus
from reporting.models import ApplicationComment, City, MembershipApplication, MembershipChange, User
from reporting.services.accounts import city_account_invite
from reporting.tasks import task_application_mail
from reporting.uploads import sniff_upload

logger = logging.getLogger("eccar.reporting")


MAX_DOCUMENT_BYTES = 5 * 1024 * 1024


MEMBERSHIP_TRANSITIONS = {
    "": {MembershipStatus.APPLICANT, MembershipStatus.MEMBER},
    MembershipStatus.APPLICANT: {MembershipStatus.MEMBER, MembershipStatus.LEFT},
    MembershipStatus.MEMBER: {
        MembershipStatus.SUSPENDED,
        MembershipStatus.LEFT,
        MembershipStatus.EXCLUDED,
    },
    MembershipStatus.SUSPENDED: {
        MembershipStatus.MEMBER,
        MembershipStatus.LEFT,
        MembershipStatus.EXCLUDED,
    },
    MembershipStatus.LEFT: {MembershipStatus.MEMBER},
    MembershipStatus.EXCLUDED: {MembershipStatus.MEMBER},
}


def city_membership_change(
    *, city: City, to_status: str, by: User | None, reason: str = "", initial: bool = False
) -> City:
    """The only function that changes `City.membership_status`; writes the history row."""
    if to_status not in MembershipStatus.values:
        raise ServiceError(_("Unknown status."), field="status")
    with transaction.atomic():
        locked = City.objects.select_for_update().get(pk=city.pk)
        from_status = "" if initial else locked.membership_status
        if to_status not in MEMBERSHIP_TRANSITIONS.get(from_status, set()):
            raise ServiceError(
                _("A city cannot go from “%(from)s” to “%(to)s”.")
                % {
                    "from": MembershipStatus(from_status).label if from_status else "—",
                    "to": MembershipStatus(to_status).label,
                },
                code="transition",
            )
        locked.membership_status = to_status
        locked.save(update_fields=["membership_status", "updated_at"])
        MembershipChange.objects.create(
            city=locked,
            from_status=from_status,
            to_status=to_status,
            changed_by=by,
            reason=reason,
        )
    city.refresh_from_db()
    logger.info(
        "membership city=%s %s->%s by=%s", city.pk, from_status, to_status, getattr(by, "pk", None)
    )
    return city


def _check_document(uploaded_file) -> None:
    if uploaded_file is None:
        raise ServiceError(
            _("Attach the signed act of accession as a PDF."), field="accession_document"
        )
    if uploaded_file.size > MAX_DOCUMENT_BYTES:
        raise ServiceError(
            _("The file is too large: at most 5 MB are allowed."), field="accession_document"
        )
    try:
        content_type, _ext = sniff_upload(uploaded_file)
    except ServiceError:
        content_type = None
    if content_type != "application/pdf":
        raise ServiceError(
            _("The act of accession must be a PDF file."), field="accession_document"
        )


def application_create(*, accession_document, **fields) -> MembershipApplication:
    name = fields["city_name"].strip()
    country = fields["country"]
    existing = City.objects.filter(name__iexact=name, country=country).first()
    if existing and existing.membership_status in (
        MembershipStatus.MEMBER,
        MembershipStatus.SUSPENDED,
    ):
        raise ServiceError(
            _(
                "%(city)s is already a member of the coalition. Its coordinator can request "
                "access to the platform instead."
            )
            % {"city": existing.name},
            field="city_name",
            code="member",
        )
    if MembershipApplication.objects.filter(
        city_name__iexact=name,
        country=country,
        status__in=[ApplicationStatus.PENDING, ApplicationStatus.INFO_REQUESTED],
    ).exists():
        raise ServiceError(
            _("An application for %(city)s is already being considered.") % {"city": name},
            field="city_name",
            code="duplicate",
        )
    _check_document(accession_document)
    application = MembershipApplication(**{**fields, "city_name": name})
    application.contact_email = application.contact_email.lower()
    accession_document.seek(0)
    application.accession_document.save("accession.pdf", accession_document, save=False)
    application.save()

    transaction.on_commit(
        lambda: task_application_mail.delay(
            application_id=application.pk, template="application_received"
        )
    )
    return application


def application_comment(*, application: MembershipApplication, author: User, text: str):
    text = (text or "").strip()
    if not text:
        raise ServiceError(_("Write a comment first."), field="text")
    return ApplicationComment.objects.create(application=application, author=author, text=text)


def _decide(application_id: int, *, allowed_from: set) -> MembershipApplication:
    application = MembershipApplication.objects.select_for_update().get(pk=application_id)
    if application.status not in allowed_from:
        raise ServiceError(_("This application has already been decided."), code="decided")
    return application


def application_admit(*, application: MembershipApplication, by: User) -> City:
    """Admits the municipality: creates the city as a member (year joined: this year) and
    invites its contact person as primary account. Clicking twice creates nothing twice."""

    with transaction.atomic():
        locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
        if locked.status == ApplicationStatus.ADMITTED:
            return locked.city
        if locked.status == ApplicationStatus.REJECTED:
            raise ServiceError(_("This application was rejected."), code="decided")
        city = City.objects.filter(name__iexact=locked.city_name, country=locked.country).first()
        if city is None:
            base = slugify(locked.city_name) or "city"
            slug, n = base, 2
            while City.objects.filter(slug=slug).exists():
                slug, n = f"{base}-{n}", n + 1
            city = City.objects.create(
                name=locked.city_name,
                slug=slug,
                country=locked.country,
                population=locked.population,
                languages=locked.languages,
                mayor_name=locked.mayor_name,
                mayor_email=locked.mayor_email,
                year_joined=timezone.localdate().year,
                membership_status=MembershipStatus.APPLICANT,
            )
            city_membership_change(
                city=city,
                to_status=MembershipStatus.APPLICANT,
                by=by,
                reason=HistoryReason.APPLICATION_RECEIVED,
                initial=True,
            )
        city_membership_change(
            city=city, to_status=MembershipStatus.MEMBER, by=by, reason=HistoryReason.ADMITTED
        )
        if not city.accounts.filter(role=AccountRole.PRIMARY, is_active=True).exists():
            city_account_invite(
                city=city,
                email=locked.contact_email,
                role=AccountRole.PRIMARY,
                invited_by=by,
                full_name=locked.contact_name,
            )
        locked.status = ApplicationStatus.ADMITTED
        locked.city = city
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save()

        transaction.on_commit(
            lambda: task_application_mail.delay(
                application_id=locked.pk, template="application_admitted"
            )
        )
    return city


def _application_answer(
    *, application, by, text: str, status: str, template: str, empty_message: str
) -> None:
    """Rejects or asks a question: both record the text and mail it to the applicant."""
    if not (text or "").strip():
        raise ServiceError(empty_message, field="reason")
    with transaction.atomic():
        locked = _decide(
            application.pk,
            allowed_from={ApplicationStatus.PENDING, ApplicationStatus.INFO_REQUESTED},
        )
        locked.status = status
        locked.decision_reason = text.strip()
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save()

        transaction.on_commit(
            lambda: task_application_mail.delay(application_id=locked.pk, template=template)
        )


def application_reject(*, application: MembershipApplication, by: User, reason: str) -> None:
    _application_answer(
        application=application,
        by=by,
        text=reason,
        status=ApplicationStatus.REJECTED,
        template="application_rejected",
        empty_message=_("Give the reason: it is sent to the applicant."),
    )


def application_request_info(
    *, application: MembershipApplication, by: User, question: str
) -> None:
    _application_answer(
        application=application,
        by=by,
        text=question,
        status=ApplicationStatus.INFO_REQUESTED,
        template="application_info_requested",
        empty_message=_("Write what you need to know: it is sent to the applicant."),
    )
