"""The home page of a logged-in person."""

from django.db.models import Count

from reporting.enums import CyclePhase
from reporting.models import City, Report
from reporting.selectors.accounts import access_requests_pending
from reporting.selectors.cycles import cycle_current


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
    with_previous = set()
    if cycle is not None:
        context["cycle_open"] = cycle.current_phase in (
            CyclePhase.REGISTRATION,
            CyclePhase.REPORTING,
        )
        with_previous = set(
            Report.objects.filter(
                city__in=[a.city_id for a in accounts], cycle__year__lt=cycle.year
            )
            .exclude(questionnaire=None)
            .values_list("city_id", flat=True)
        )
    for account in accounts:
        context["city_blocks"].append(
            {
                "account": account,
                "city": account.city,
                "report": reports.get(account.city_id),
                "has_previous": account.city_id in with_previous,
            }
        )
    # A reviewer's and the office's open review work, in every cycle, comes from the
    # reviews app's `review_work_for` tag.
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
