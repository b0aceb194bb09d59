"""Reads about a person: everything the platform holds about them (for the download
and the office's answer to an access request), and the office's lists."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.utils import timezone

from eccar.models import Notification
from prize.models import CandidatureComment, Finalist, Participation, PreselectionMark
from reporting.models import (
    AccessRequest,
    Answer,
    ApplicationComment,
    CityAccount,
    Invitation,
    MembershipApplication,
    User,
)
from reviews.models import Assessment, ConflictOfInterest, Review

from .enums import ErasureRequestStatus
from .models import ErasureRequest, PrivacyEvent, SecurityEvent

FORMAT_VERSION = 1


def _when(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def person_data(*, person: User) -> dict:
    """Everything stored about `person`, as plain JSON values, by category: profile,
    city accounts and roles, invitations, notifications, the answers they last saved,
    the reviews they wrote, the prize ballots their city took part in through them
    (never a choice: the platform cannot read one), requests and the security log.

    Rows are read by the person's id, and for forms a person filled in before having
    a login (access requests, applications) by their email address."""
    email = person.email
    data: dict = {
        "format_version": FORMAT_VERSION,
        "produced_at": _when(timezone.now()),
        "profile": {
            "email": email,
            "full_name": person.full_name,
            "interface_language": person.preferred_language,
            "joined": _when(person.date_joined),
            "last_login": _when(person.last_login),
            "active": person.is_active,
            "roles": {
                "bureau_staff": person.is_staff,
                "board_member": person.is_board_member,
                "advisory_board_reviewer": person.is_reviewer,
            },
            "email_addresses": list(
                EmailAddress.objects.filter(user=person).values("email", "verified", "primary")
            ),
            "two_factor_methods": sorted(
                Authenticator.objects.filter(user=person).values_list("type", flat=True)
            ),
        },
    }
    data["city_accounts"] = [
        {
            "city": account.city.name,
            "role": account.get_role_display(),
            "general_assembly_delegate": account.is_delegate,
            "active": account.is_active,
            "since": _when(account.created_at),
            "deactivated_at": _when(account.deactivated_at),
        }
        for account in CityAccount.objects.filter(user=person).select_related("city")
    ]
    data["invitations"] = [
        {
            "city": invitation.account.city.name if invitation.account else None,
            "created_at": _when(invitation.created_at),
            "expires_at": _when(invitation.expires_at),
            "accepted_at": _when(invitation.accepted_at),
        }
        for invitation in Invitation.objects.filter(user=person).select_related("account__city")
    ]
    data["notifications"] = [
        {
            "message": notification.message,
            "link": notification.url,
            "created_at": _when(notification.created_at),
            "read_at": _when(notification.read_at),
        }
        for notification in Notification.objects.filter(user=person)
    ]
    data["answers_last_saved"] = [
        {
            "city": answer.report.city.name,
            "cycle": answer.report.cycle.year,
            "question": answer.question.code,
            "measure": answer.measure.title if answer.measure else None,
            "value": answer.value,
            "saved_at": _when(answer.updated_at),
        }
        for answer in Answer.objects.filter(updated_by=person)
        .select_related("report__city", "report__cycle", "question", "measure")
        .order_by("report__cycle__year", "report__city__name", "question__code", "pk")
    ]
    assessments: dict = {}
    for assessment in Assessment.objects.filter(review__reviewer=person).select_related(
        "measure", "criterion"
    ):
        assessments.setdefault(assessment.review_id, []).append(
            {
                "measure": str(assessment.measure),
                "criterion": assessment.criterion.title,
                "score": assessment.score,
                "comment": assessment.comment,
            }
        )
    data["reviews_written"] = [
        {
            "city": review.report.city.name,
            "cycle": review.report.cycle.year,
            "state": review.state,
            "general_conclusion": review.general_conclusion,
            "individual_feedback": review.individual_feedback,
            "feedback_per_commitment": review.commitment_feedback,
            "scores": assessments.get(review.pk, []),
            "updated_at": _when(review.updated_at),
        }
        for review in Review.objects.filter(reviewer=person).select_related(
            "report__city", "report__cycle"
        )
    ]
    data["conflicts_of_interest"] = [
        {"city": c.city.name if c.city else None, "country": str(c.country), "reason": c.reason}
        for c in ConflictOfInterest.objects.filter(reviewer=person).select_related("city")
    ]
    # Who cast a city's vote, when, on paper or not. There is no choice to give: the
    # vote itself is sealed apart from its participation (prize.models.SealedVote).
    data["prize_votes_cast"] = [
        {
            "ballot": str(participation.ballot),
            "city": participation.city.name,
            "cast_at": _when(participation.cast_at),
            "on_paper": participation.on_paper,
        }
        for participation in Participation.objects.filter(cast_by=person).select_related(
            "ballot__edition", "city"
        )
    ]
    data["prize_preselections"] = [
        {
            "candidature": mark.candidature.title,
            "justification": mark.justification,
            "at": _when(mark.marked_at),
        }
        for mark in PreselectionMark.objects.filter(reviewer=person).select_related("candidature")
    ]
    data["comments"] = [
        {"on": "membership application", "text": c.text, "at": _when(c.created_at)}
        for c in ApplicationComment.objects.filter(author=person)
    ] + [
        {"on": "prize candidature", "text": c.text, "at": _when(c.created_at)}
        for c in CandidatureComment.objects.filter(author=person)
    ]
    data["prize_presenter"] = [
        {"edition": f.edition.year, "city": f.city.name, "name": f.presenter_name}
        for f in Finalist.objects.filter(presenter_email__iexact=email).select_related(
            "edition", "city"
        )
    ]
    data["access_requests"] = [
        {
            "name": r.full_name,
            "email": r.email,
            "city": r.city_name,
            "position": r.position,
            "message": r.message,
            "status": r.status,
            "created_at": _when(r.created_at),
        }
        for r in AccessRequest.objects.filter(email__iexact=email)
    ]
    data["membership_applications"] = [
        {
            "city": a.city_name,
            "contact_name": a.contact_name,
            "contact_email": a.contact_email,
            "contact_position": a.contact_position,
            "status": a.status,
            "created_at": _when(a.created_at),
        }
        for a in MembershipApplication.objects.filter(
            Q(contact_email__iexact=email) | Q(mayor_email__iexact=email)
        )
    ]
    data["erasure_requests"] = [
        {"status": r.status, "created_at": _when(r.created_at), "decided_at": _when(r.decided_at)}
        for r in ErasureRequest.objects.filter(user=person)
    ]
    data["security_log"] = [
        {"event": e.kind, "ip_address": e.ip, "at": _when(e.created_at)}
        for e in SecurityEvent.objects.filter(user=person)
    ]
    data["privacy_log"] = [
        {"event": e.kind, "at": _when(e.created_at)}
        for e in PrivacyEvent.objects.filter(subject=person)
    ]
    return data


def pending_erasure_requests():
    return ErasureRequest.objects.filter(status=ErasureRequestStatus.PENDING).select_related("user")


def pending_erasure_request_for(*, person: User) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=person, status=ErasureRequestStatus.PENDING).first()


def people_search(*, query: str, limit: int = 50):
    """People whose email or name contains `query` (the office's search), anonymised
    ones included so that their placeholder can be looked up."""
    query = query.strip()
    if not query:
        return User.objects.none()
    return (
        User.objects.filter(Q(email__icontains=query) | Q(full_name__icontains=query))
        .select_related("anonymisation")
        .order_by("email")[:limit]
    )


def privacy_log(*, limit: int = 100):
    return PrivacyEvent.objects.select_related("subject", "by", "city")[:limit]
