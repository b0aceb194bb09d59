"""Reads about cities and access. Every lookup a user makes goes through a scoped
queryset, so another city's object is a 404, never a 403 that confirms it exists."""

from django.core import signing
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from reporting.enums import AccessRequestStatus
from reporting.models import AccessRequest, City, CityAccount, Invitation
from reporting.rules import active_roles


def cities_visible_to(user) -> QuerySet[City]:
    """The cities whose private pages the user may open: all for staff, their own otherwise."""
    if not user.is_authenticated:
        return City.objects.none()
    if user.is_staff:
        return City.objects.all()
    return City.objects.filter(pk__in=list(active_roles(user)))


def city_get_for_user(*, user, slug: str) -> City:
    return get_object_or_404(cities_visible_to(user), slug=slug)


def city_accounts(*, city: City) -> QuerySet[CityAccount]:
    return city.accounts.select_related("user").order_by("-is_active", "role", "user__email")


def access_requests_pending() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(status=AccessRequestStatus.PENDING).select_related("city")


def access_request_list() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.select_related("city", "decided_by").order_by(
        "status", "-created_at"
    )


INVITATION_SALT = "eccar.invitation"


def invitation_token(invitation: Invitation) -> str:
    """The secret in the link: signed with SECRET_KEY, so a leaked database alone
    cannot be turned into working links."""
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=INVITATION_SALT)


def invitation_url(invitation: Invitation) -> str:
    return reverse("reporting:invitation_accept", kwargs={"token": invitation_token(invitation)})
