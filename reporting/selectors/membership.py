"""Reads of the coalition's roll: the members' directory and the public list."""

import unicodedata

from django.db.models import Prefetch, QuerySet
from django_countries import countries

from reporting.enums import SIZE_THRESHOLD, AccountRole, MembershipStatus, SizeCategory
from reporting.models import City, CityAccount, MembershipApplication


def _sort_key(name: str) -> str:
    """Names sorted as a reader expects: "Österreich" among the O, not after Z."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def member_countries() -> list[tuple[str, str]]:
    """The countries that have member cities, as (code, name) in the active language
    (django-countries' own translations), sorted by that name: the directory's filter
    offers these, not every country of the world."""
    codes = (
        City.objects.filter(membership_status=MembershipStatus.MEMBER)
        .order_by()
        .values_list("country", flat=True)
        .distinct()
    )
    pairs = [(code, countries.name(code)) for code in codes if code]
    return sorted(pairs, key=lambda pair: _sort_key(pair[1]))


def member_directory(*, country: str = "", size: str = "", q: str = "") -> QuerySet[City]:

    cities = City.objects.filter(membership_status=MembershipStatus.MEMBER)
    if country:
        cities = cities.filter(country=country)
    if size == SizeCategory.SMALL:
        cities = cities.filter(population__lt=SIZE_THRESHOLD)
    elif size == SizeCategory.LARGE:
        cities = cities.filter(population__gte=SIZE_THRESHOLD)
    if q:
        cities = cities.filter(name__icontains=q[:100])
    return cities.prefetch_related(
        Prefetch(
            "accounts",
            queryset=CityAccount.objects.filter(
                role=AccountRole.PRIMARY, is_active=True
            ).select_related("user"),
            to_attr="focal_points",
        )
    ).order_by("name")


def public_member_list() -> list[tuple[str, list[str]]]:
    """Member cities' names grouped by country name, for the public page."""
    groups: dict[str, list[str]] = {}
    for city in City.objects.filter(membership_status=MembershipStatus.MEMBER).order_by("name"):
        groups.setdefault(str(city.country.name), []).append(city.name)
    return sorted(groups.items())


def application_list() -> QuerySet[MembershipApplication]:
    return MembershipApplication.objects.select_related("decided_by").order_by(
        "status", "-created_at"
    )[:500]
