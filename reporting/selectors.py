"""Reads of the reporting app. Every lookup a user makes goes through a scoped
queryset here, so another city's object is a 404, never a 403 that confirms it exists."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from .enums import AccessRequestStatus, ReportState
from .models import AccessRequest, City, CityAccount, Report, ReportingCycle
from .rules import active_roles


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


def cycle_current() -> ReportingCycle | None:
    """The cycle people work on now: the latest one whose registration has opened,
    or the next upcoming one when none has."""
    from django.utils import timezone

    today = timezone.localdate()
    cycle = ReportingCycle.objects.filter(registration_opens__lte=today).order_by("-year").first()
    return cycle or ReportingCycle.objects.order_by("year").first()


def city_list_with_report_states(*, cycles: list[ReportingCycle]) -> list[dict]:
    """Every city with its report state in each of `cycles`, in three queries."""
    cities = (
        City.objects.annotate(
            active_account_count=Count("accounts", filter=Q(accounts__is_active=True))
        )
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(cycle__in=cycles).only(
                    "city_id", "cycle_id", "state"
                ),
                to_attr="cycle_reports",
            )
        )
        .order_by("name")
    )
    rows = []
    for city in cities:
        by_cycle = {report.cycle_id: report for report in city.cycle_reports}
        rows.append({"city": city, "reports": [by_cycle.get(cycle.pk) for cycle in cycles]})
    return rows


def report_for_city(*, city: City, cycle: ReportingCycle | None) -> Report | None:
    if cycle is None:
        return None
    return Report.objects.filter(city=city, cycle=cycle).first()


def reports_awaiting_review(*, cycle: ReportingCycle | None) -> int:
    if cycle is None:
        return 0
    return Report.objects.filter(cycle=cycle, state=ReportState.SUBMITTED).count()


def access_requests_pending() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(status=AccessRequestStatus.PENDING).select_related("city")


def home_for(*, user) -> dict:
    """What this person has to do now, one block per role they hold."""
    cycle = cycle_current()
    context: dict = {"cycle": cycle, "city_blocks": []}
    accounts = (
        user.city_accounts.filter(is_active=True).select_related("city").order_by("city__name")
    )
    reports = {}
    if cycle is not None:
        reports = {
            r.city_id: r
            for r in Report.objects.filter(cycle=cycle, city__in=[a.city_id for a in accounts])
        }
    for account in accounts:
        context["city_blocks"].append(
            {"account": account, "city": account.city, "report": reports.get(account.city_id)}
        )
    if user.is_reviewer:
        context["awaiting_review"] = reports_awaiting_review(cycle=cycle)
    if user.is_staff:
        context["pending_access_requests"] = access_requests_pending().count()
        context["city_count"] = City.objects.count()
        if cycle is not None:
            context["report_counts"] = dict(
                Report.objects.filter(cycle=cycle)
                .values_list("state")
                .annotate(n=Count("pk"))
                .values_list("state", "n")
            )
    return context
