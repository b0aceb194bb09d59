"""Erasure by anonymisation (GDPR Art. 17).

The person's row stays, so histories, reviews and letters still point at someone:
"anonymised person #n". Their name and email address are then removed from every text
column of the platform's tables and from the metadata of the stored PDFs, the search
index is rebuilt from the cleaned answers, and what only served the person (logins,
invitations, notifications, two-factor secrets) is deleted. Reports, scores and letters stay."""

import json
import logging
import re

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from eccar.errors import ServiceError
from eccar.models import Notification
from eccar.security_log import email_digest
from prize.models import Finalist
from reporting.library.entries import library_index_report
from reporting.library.models import LibraryEntryText
from reporting.models import (
    AccessRequest,
    City,
    CityAccount,
    Invitation,
    MachineTranslation,
    MembershipApplication,
    Report,
    User,
)

from .enums import PrivacyEventKind
from .events import event_log
from .media import media_metadata_scrub
from .models import Anonymisation, SecurityEvent

logger = logging.getLogger("eccar.privacy")

# The apps whose tables may hold a person's name or address in free text.
SCRUBBED_APPS = ("eccar", "reporting", "reviews", "prize", "account", "admin")
# A shorter name would match inside ordinary words.
MIN_NAME_LENGTH = 4


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
    deleted and the search index is rebuilt. After the commit, the document metadata of
    the stored PDFs naming them is rewritten (`media.media_metadata_scrub`). Logged as a
    PrivacyEvent."""
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
    # After the commit, so a rolled-back anonymisation leaves the files as they were; in
    # this process rather than a task, so the name and email never wait in the broker's
    # queue. Robust: the erasure is committed whatever a damaged file does.
    transaction.on_commit(
        lambda: media_metadata_scrub(needles=needles, placeholder=placeholder), robust=True
    )

    for report in Report.objects.filter(pk__in=index_reports):
        library_index_report(report=report)
    event_log(
        PrivacyEventKind.ANONYMISED,
        subject=person,
        by=by,
        reason=reason,
        texts_changed=changed,
    )
    logger.info("person anonymised user=%s by=%s", person.pk, getattr(by, "pk", None))
    return anonymisation
