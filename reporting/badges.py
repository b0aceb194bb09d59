"""A report's state as the badge every list shows (the template tag
`report_state_badge` and the office's list of cities, which renders each state once)."""

import html

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from reporting.enums import ReportState


def state_badge(state) -> SafeString:
    """A report's state as a badge; no state: not started."""
    if not state:
        return SafeString(f'<span class="badge badge--none">{html.escape(_("Not started"))}</span>')
    state = ReportState(state)
    return SafeString(
        f'<span class="badge badge--{html.escape(state.value)}">{html.escape(state.label)}</span>'
    )
