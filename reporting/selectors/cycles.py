"""Reads about reporting cycles."""

from django.utils import timezone

from reporting.enums import ReportState
from reporting.models import Report, ReportingCycle


def cycle_current() -> ReportingCycle | None:
    """The cycle people work on now: the latest one whose registration has opened,
    or the next upcoming one when none has."""

    today = timezone.localdate()
    cycle = ReportingCycle.objects.filter(registration_opens__lte=today).order_by("-year").first()
    return cycle or ReportingCycle.objects.order_by("year").first()


def cycle_with_open_work(*, user) -> ReportingCycle | None:
    """The cycle a page that belongs to a cycle opens on when none is named (the review
    work list, the dashboard): the newest with a report under review for this person
    (for a reviewer, one assigned to them: reviews' Assignment, reached by its related
    name), not simply the newest cycle; else the current cycle."""
    under_review = Report.objects.filter(state=ReportState.SUBMITTED)
    if not (user.is_staff or user.is_board_member):
        under_review = under_review.filter(assignments__reviewer=user)
    cycle = (
        ReportingCycle.objects.filter(pk__in=under_review.values("cycle_id"))
        .order_by("-year")
        .first()
    )
    return cycle or cycle_current() or ReportingCycle.objects.order_by("-year").first()
