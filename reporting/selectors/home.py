"""The home page of a logged-in person."""

from django.db.models import Count

from reporting.enums import CyclePhase, MembershipStatus, ReportState
from reporting.models import City, MembershipChange, Report, ReportStateChange
from reporting.selectors.accounts import access_requests_pending
from reporting.selectors.cycles import cycle_current
from reporting.selectors.reports import report_deadline, report_return_notice


def city_reports(*, city_ids: list[int]) -> dict[int, list[Report]]:
    """{city_id: its reports of every cycle, newest first}, each with `returned` (the
    history row of a return to draft the city is working on, or None), in two queries."""
    if not city_ids:
        return {}
    rows = list(
        Report.objects.filter(city_id__in=city_ids)
        .select_related("cycle")
        .order_by("city_id", "-cycle__year")
    )
    history: dict[int, list[ReportStateChange]] = {}
    drafts = [r.pk for r in rows if r.state == ReportState.DRAFT]
    if drafts:
        for change in ReportStateChange.objects.filter(report_id__in=drafts).order_by(
            "changed_at", "pk"
        ):
            history.setdefault(change.report_id, []).append(change)
    by_city: dict[int, list[Report]] = {}
    for report in rows:
        report.returned = report_return_notice(report=report, history=history.get(report.pk, []))
        report.resubmit_until = report_deadline(report)
        by_city.setdefault(report.city_id, []).append(report)
    return by_city


def city_standing_changes(*, city_ids: list[int]) -> dict[int, MembershipChange]:
    """{city_id: the membership change that put it in its present status} for cities
    that are not members in good standing: the date and reason their page tells them."""
    if not city_ids:
        return {}
    latest = {}
    for change in MembershipChange.objects.filter(city_id__in=city_ids).order_by(
        "changed_at", "pk"
    ):
        latest[change.city_id] = change
    return latest


def home_for(*, user) -> dict:
    """What this person has to do now, one block per role they hold."""
    cycle = cycle_current()
    context: dict = {"cycle": cycle, "city_blocks": []}
    accounts = (
        user.city_accounts.filter(is_active=True).select_related("city").order_by("city__name")
    )
    accounts = list(accounts)
    # Every report of the account's cities in one read: the current one, the earlier
    # ones (listed, and offered as the start of a new report) and any return to draft.
    every_report = city_reports(city_ids=[a.city_id for a in accounts])
    if cycle is not None:
        context["cycle_open"] = cycle.current_phase in (
            CyclePhase.REGISTRATION,
            CyclePhase.REPORTING,
        )
    standing = city_standing_changes(
        city_ids=[
            a.city_id for a in accounts if a.city.membership_status != MembershipStatus.MEMBER
        ]
    )
    for account in accounts:
        own = every_report.get(account.city_id, [])
        context["city_blocks"].append(
            {
                "account": account,
                "city": account.city,
                "report": next((r for r in own if cycle and r.cycle_id == cycle.pk), None),
                "has_previous": any(
                    r.questionnaire_id is not None and r.cycle.year < cycle.year for r in own
                )
                if cycle
                else False,
                # Every report of the city, newest cycle first: earlier ones by navigation.
                "reports": own,
                "in_good_standing": account.city.membership_status == MembershipStatus.MEMBER,
                "standing_change": standing.get(account.city_id),
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
