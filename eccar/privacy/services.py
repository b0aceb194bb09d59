"""Writes about personal data, one function per action, each logged as a
`PrivacyEvent`: a person's data produced, an erasure asked for, declined or done by
anonymisation, a city's contacts cleared, and the daily retention run.

Anonymisation keeps the person's row, so histories, reviews and letters still point
at someone: "anonymised person #n". Their name and email address are then removed
from every text column of the platform's tables, the search index is rebuilt from the
cleaned answers, and what only served the person (logins, invitations, notifications,
two-factor secrets) is deleted. Reports, scores and letters stay."""

import datetime
import json
import logging
import re

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eccar.errors import ServiceError
from eccar.models import Notification
from eccar.security_log import email_digest
from prize.models import Finalist
from reporting.enums import AccessRequestStatus, ApplicationStatus, ReportState
from reporting.library.entries import library_index_report
from reporting.library.models import LibraryEntryText
from reporting.models import (
    AccessRequest,
    Answer,
    City,
    CityAccount,
    Invitation,
    MachineTranslation,
    MembershipApplication,
    Question,
    Report,
    ReportSnapshot,
    User,
)

from .enums import ErasureRequestStatus, PrivacyEventKind
from .models import Anonymisation, ErasureRequest, PrivacyEvent, SecurityEvent
from .selectors import person_data

logger = logging.getLogger("eccar.privacy")

# The apps whose tables may hold a person's name or address in free text.
SCRUBBED_APPS = ("eccar", "reporting", "reviews", "prize", "account", "admin")
# A shorter name would match inside ordinary words.
MIN_NAME_LENGTH = 4


def _log(kind, *, subject=None, city=None, by=None, **details) -> PrivacyEvent:
    return PrivacyEvent.objects.create(
        kind=kind, subject=subject, city=city, by=by, details=details
    )


# --- Access and portability --------------------------------------------------------


def person_data_export(*, person: User, by: User) -> dict:
    """The person's data (see `selectors.person_data`), logged: downloaded by the
    person themselves, or produced by staff on the person's request."""
    data = person_data(person=person)
    kind = PrivacyEventKind.DATA_DOWNLOADED if by == person else PrivacyEventKind.DATA_PRODUCED
    _log(kind, subject=person, by=by)
    return data


def person_data_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode()


# --- Erasure -----------------------------------------------------------------------


def erasure_request(*, person: User, message: str = "") -> ErasureRequest:
    """The person asks to be anonymised; staff confirm or decline it."""
    if hasattr(person, "anonymisation"):
        raise ServiceError(_("This person is already anonymised."))
    if ErasureRequest.objects.filter(user=person, status=ErasureRequestStatus.PENDING).exists():
        raise ServiceError(_("Your request is already waiting for the office."))
    request = ErasureRequest.objects.create(user=person, message=message.strip()[:2000])
    _log(PrivacyEventKind.ERASURE_REQUESTED, subject=person, by=person)
    return request


def erasure_decline(*, request: ErasureRequest, by: User, note: str = "") -> ErasureRequest:
    """Staff keep the data (e.g. a legal obligation); the note says why."""
    if request.status != ErasureRequestStatus.PENDING:
        raise ServiceError(_("This request has already been decided."))
    if not note.strip():
        raise ServiceError(_("Say why the request is declined."))
    request.status = ErasureRequestStatus.DECLINED
    request.decided_by, request.decided_at = by, timezone.now()
    request.decision_note = note.strip()[:2000]
    request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    _log(PrivacyEventKind.ERASURE_DECLINED, subject=request.user, by=by)
    return request


@transaction.atomic
def erasure_confirm(*, request: ErasureRequest, by: User) -> Anonymisation:
    """Staff confirm the request: the person is anonymised."""
    if request.status != ErasureRequestStatus.PENDING:
        raise ServiceError(_("This request has already been decided."))
    anonymisation = person_anonymise(person=request.user, by=by)
    ErasureRequest.objects.filter(pk=request.pk).update(
        status=ErasureRequestStatus.CONFIRMED, decided_by=by, decided_at=timezone.now()
    )
    return anonymisation


def _pattern(needles: list[str]) -> re.Pattern:
    return re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)


def _replace(value, pattern: re.Pattern, placeholder: str):
    """`value` with every match replaced, through dicts and lists (JSON columns)."""
    if isinstance(value, str):
        return pattern.sub(placeholder, value)
    if isinstance(value, list):
        return [_replace(v, pattern, placeholder) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, pattern, placeholder) for k, v in value.items()}
    return value


def _text_columns():
    for app_label in SCRUBBED_APPS:
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            continue
        for model in config.get_models():
            for field in model._meta.concrete_fields:
                if field.primary_key or field.choices:
                    continue
                if isinstance(field, (models.CharField, models.TextField, models.JSONField)):
                    yield model, field


def _scrub_everywhere(needles: list[str], placeholder: str) -> int:
    """Replaces the needles in every text and JSON column of the platform's tables.
    JSON is matched as stored too (SQLite keeps non-ASCII letters as \\u escapes)."""
    pattern = _pattern(needles)
    variants = {v for n in needles for v in (n, json.dumps(n)[1:-1])}
    changed = 0
    for model, field in _text_columns():
        condition = Q()
        for variant in variants:
            condition |= Q(**{f"{field.name}__icontains": variant})
        for pk, value in model._default_manager.filter(condition).values_list("pk", field.attname):
            new = _replace(value, pattern, placeholder)
            if isinstance(new, str) and field.max_length:
                new = new[: field.max_length]
            if new != value:
                model._default_manager.filter(pk=pk).update(**{field.attname: new})
                changed += 1
    return changed


@transaction.atomic
def person_anonymise(*, person: User, by: User | None, reason: str = "") -> Anonymisation:
    """Erasure by anonymisation (GDPR Art. 17). The person's row stays, renamed
    "anonymised person #n" with an address that reaches nobody and no password; their
    city accounts are deactivated; their logins, invitations, notifications, email
    addresses and two-factor secrets are deleted; their name and email address are
    replaced by the placeholder in every text of the platform (answers, snapshots,
    reviews, letters, comments, requests, applications) and dropped from the mayor's
    and presenter's details they appear in; machine translations holding them are
    deleted and the search index is rebuilt. Logged as a PrivacyEvent."""
    person = User.objects.select_for_update().get(pk=person.pk)
    if Anonymisation.objects.filter(user=person).exists():
        raise ServiceError(_("This person is already anonymised."))
    if by is not None and by.pk == person.pk:
        raise ServiceError(_("Another member of staff must anonymise your own account."))
    old_email = person.email
    needles = [old_email]
    if len(person.full_name.strip()) >= MIN_NAME_LENGTH:
        needles.append(person.full_name.strip())
    anonymisation = Anonymisation.objects.create(user=person, by=by)
    with translation.override(settings.LANGUAGE_CODE):
        placeholder = anonymisation.placeholder
    new_email = f"anonymised-{anonymisation.pk}@anonymised.invalid"

    # Reports found in the search index through the person, rebuilt at the end.
    index_reports = set()
    for needle in needles:
        index_reports |= set(
            LibraryEntryText.objects.filter(haystack__contains=needle.casefold()).values_list(
                "entry__report_id", flat=True
            )
        )

    person.full_name = placeholder
    person.email = new_email
    person.preferred_language = ""
    person.is_active = person.is_staff = person.is_superuser = False
    person.is_board_member = person.is_reviewer = False
    person.last_login = None
    person.set_unusable_password()
    person.save()
    now = timezone.now()
    CityAccount.objects.filter(user=person, is_active=True).update(
        is_active=False, deactivated_at=now
    )
    CityAccount.objects.filter(user=person).update(is_delegate=False)
    Invitation.objects.filter(user=person).delete()
    Notification.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    SecurityEvent.objects.filter(Q(user=person) | Q(email_digest=email_digest(old_email))).delete()
    City.objects.filter(mayor_email__iexact=old_email).update(
        mayor_name="", mayor_title="", mayor_email=""
    )
    Finalist.objects.filter(presenter_email__iexact=old_email).update(
        presenter_name="", presenter_email=""
    )
    AccessRequest.objects.filter(email__iexact=old_email).update(
        full_name=placeholder, email=new_email, position="", message=""
    )
    MembershipApplication.objects.filter(contact_email__iexact=old_email).update(
        contact_name=placeholder, contact_email=new_email, contact_position=""
    )
    # A stored translation is keyed by its source text: one that names the person is
    # deleted (the cleaned source text is translated again), not edited.
    translations = Q()
    for needle in needles:
        translations |= Q(text__icontains=needle)
    MachineTranslation.objects.filter(translations).delete()
    changed = _scrub_everywhere(needles, placeholder)

    for report in Report.objects.filter(pk__in=index_reports):
        library_index_report(report=report)
    _log(
        PrivacyEventKind.ANONYMISED,
        subject=person,
        by=by,
        reason=reason,
        texts_changed=changed,
    )
    logger.info("person anonymised user=%s by=%s", person.pk, getattr(by, "pk", None))
    return anonymisation


@transaction.atomic
def city_contacts_clear(*, city: City, by: User) -> int:
    """Clears the mayor's details and every answer to a personal question (the contact
    persons) of the city's reports, frozen revisions included; the search index follows.
    Returns the number of answers cleared."""
    City.objects.filter(pk=city.pk).update(mayor_name="", mayor_title="", mayor_email="")
    answers = Answer.objects.filter(report__city=city, question__personal=True)
    texts = [v for v in answers.values_list("value", flat=True) if isinstance(v, str) and v]
    cleared = answers.count()
    answers.delete()
    personal_codes = set(
        Question.objects.filter(questionnaire__reports__city=city, personal=True).values_list(
            "code", flat=True
        )
    )
    for snapshot in ReportSnapshot.objects.filter(report__city=city):
        overview = snapshot.data.get("overview") or {}
        if personal_codes & set(overview):
            snapshot.data["overview"] = {
                k: v for k, v in overview.items() if k not in personal_codes
            }
            snapshot.save(update_fields=["data"])
    if texts:
        MachineTranslation.objects.filter(text__in=texts).delete()
    for report in Report.objects.filter(city=city, state=ReportState.PUBLISHED):
        library_index_report(report=report)
    _log(PrivacyEventKind.CONTACTS_CLEARED, city=city, by=by, answers=cleared)
    return cleared


# --- Retention -----------------------------------------------------------------------


def _months_ago(now: datetime.datetime, months: int) -> datetime.datetime:
    month_index = now.year * 12 + now.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(now.day, 28)
    return now.replace(year=year, month=month + 1, day=day)


def retention_run(*, now: datetime.datetime | None = None) -> dict:
    """Removes what is kept longer than its period (settings RETENTION_*), each step
    in its own transaction; logs the counts as a PrivacyEvent. Idempotent."""
    now = now or timezone.now()
    counts = {
        "applications": _applications_remove(now),
        "invitations": _invitations_remove(now),
        "access_requests": _access_requests_remove(now),
        "security_log": _security_log_remove(now),
        "deactivated_people": _deactivated_people_anonymise(now),
    }
    _log(PrivacyEventKind.RETENTION_RUN, **counts)
    logger.info("retention run %s", " ".join(f"{k}={v}" for k, v in counts.items()))
    return counts


@transaction.atomic
def _applications_remove(now) -> int:
    """Rejected applications, and those left waiting for information the applicant
    never sent (withdrawn), with their signed acts of accession."""
    cutoff = _months_ago(now, settings.RETENTION_APPLICATION_MONTHS)
    old = MembershipApplication.objects.filter(
        status__in=[ApplicationStatus.REJECTED, ApplicationStatus.INFO_REQUESTED],
        decided_at__lt=cutoff,
        city__isnull=True,
    )
    count = 0
    for application in old:
        if application.accession_document:
            # After the commit: a rolled-back run must not have lost the file.
            name, storage = application.accession_document.name, application.accession_document
            transaction.on_commit(lambda s=storage.storage, n=name: s.delete(n))
        application.delete()
        count += 1
    return count


@transaction.atomic
def _invitations_remove(now) -> int:
    cutoff = now - datetime.timedelta(days=settings.RETENTION_INVITATION_DAYS)
    deleted, _by_model = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lt=cutoff
    ).delete()
    return deleted


@transaction.atomic
def _access_requests_remove(now) -> int:
    cutoff = now - datetime.timedelta(days=settings.RETENTION_ACCESS_REQUEST_DAYS)
    deleted, _by_model = (
        AccessRequest.objects.exclude(status=AccessRequestStatus.PENDING)
        .filter(decided_at__lt=cutoff)
        .delete()
    )
    return deleted


@transaction.atomic
def _security_log_remove(now) -> int:
    cutoff = now - datetime.timedelta(days=settings.RETENTION_SECURITY_LOG_DAYS)
    deleted, _by_model = SecurityEvent.objects.filter(created_at__lt=cutoff).delete()
    return deleted


def _deactivated_people_anonymise(now) -> int:
    """People whose every city account was deactivated longer ago than the period,
    who hold no other role and have not logged in since."""
    cutoff = _months_ago(now, settings.RETENTION_DEACTIVATED_ACCOUNT_MONTHS)
    people = (
        User.objects.filter(anonymisation__isnull=True, city_accounts__isnull=False)
        .filter(is_staff=False, is_superuser=False, is_board_member=False, is_reviewer=False)
        .exclude(city_accounts__is_active=True)
        .annotate(last_deactivation=Max("city_accounts__deactivated_at"))
        .filter(last_deactivation__lt=cutoff)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=cutoff))
        .distinct()
    )
    count = 0
    for person in people:
        person_anonymise(person=person, by=None, reason="retention")
        count += 1
    return count
