"""Writes about personal data, one function per action, each logged in the privacy
log (`events.event_log`): a person's data produced, an erasure asked for, declined or
confirmed, a city's contacts cleared. Anonymisation itself is `anonymisation.py`, the
daily removals `retention.py`."""

import json

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar.errors import ServiceError
from reporting.enums import ReportState
from reporting.library.entries import library_index_report
from reporting.models import (
    Answer,
    City,
    MachineTranslation,
    Question,
    Report,
    ReportSnapshot,
    User,
)

from .anonymisation import person_anonymise
from .enums import ErasureRequestStatus, PrivacyEventKind
from .events import event_log
from .models import Anonymisation, ErasureRequest
from .retention import retention_run
from .selectors import person_data
from .tasks import task_erasure_request_notify

__all__ = [
    "city_contacts_clear",
    "erasure_confirm",
    "erasure_decline",
    "erasure_request",
    "person_anonymise",
    "person_data_export",
    "person_data_json",
    "retention_run",
]


# --- Access and portability --------------------------------------------------------


def person_data_export(*, person: User, by: User) -> dict:
    """The person's data (see `selectors.person_data`), logged: downloaded by the
    person themselves, or produced by staff on the person's request."""
    data = person_data(person=person)
    kind = PrivacyEventKind.DATA_DOWNLOADED if by == person else PrivacyEventKind.DATA_PRODUCED
    event_log(kind, subject=person, by=by)
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
    event_log(PrivacyEventKind.ERASURE_REQUESTED, subject=person, by=person)
    transaction.on_commit(lambda: task_erasure_request_notify.delay(request_id=request.pk))
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
    event_log(PrivacyEventKind.ERASURE_DECLINED, subject=request.user, by=by)
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
    event_log(PrivacyEventKind.CONTACTS_CLEARED, city=city, by=by, answers=cleared)
    return cleared
