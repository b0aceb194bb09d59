"""The privacy log: one row per privacy action, written by the services."""

from .models import PrivacyEvent


def event_log(kind, *, subject=None, city=None, by=None, **details) -> PrivacyEvent:
    """Counts and reasons only in `details`: never a name, an address or a choice."""
    return PrivacyEvent.objects.create(
        kind=kind, subject=subject, city=city, by=by, details=details
    )
