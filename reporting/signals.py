"""Signals the reporting app sends. Other parts of the platform (the library, reviews)
follow a report's life by listening here instead of being called by it."""

from django.dispatch import Signal

# Sent by `services.report_transition`, the one function that changes a report's state,
# inside its transaction: keyword arguments `report`, `from_state`, `to_state`, `by`.
report_state_changed = Signal()
