"""Reads about reporting cycles."""

from django.utils import timezone

from reporting.models import ReportingCycle


def cycle_current() -> ReportingCycle | None:
    """The cycle people work on now: the latest one whose registration has opened,
    or the next upcoming one when none has."""

    today = timezone.localdate()
    cycle = ReportingCycle.objects.filter(registration_opens__lte=today).order_by("-year").first()
    return cycle or ReportingCycle.objects.order_by("year").first()
