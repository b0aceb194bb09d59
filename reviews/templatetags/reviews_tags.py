"""What the reviews app adds to the pages of `reporting`: the link to a report's
feedback letter, the feedback a city published with its report, and the home page's
count of open review work in every cycle. Registered here so
that `reporting` never imports `reviews`; its templates load these tags."""

from django import template
from django.urls import reverse

from reporting.enums import ReportState

from ..enums import LetterState
from ..models import Letter
from ..selectors import review_work

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_url(context, report) -> str:
    """The address of the report's feedback page, for a reader who may open it once the
    letter is sent; "" otherwise."""
    user = context["request"].user
    sent = Letter.objects.filter(report=report, state=LetterState.SENT).exists()
    if not sent or not user.has_perm("reviews.read_feedback", report):
        return ""
    return reverse("reviews:feedback", kwargs={"slug": report.city.slug, "year": report.cycle.year})


@register.simple_tag
def published_feedback(report) -> Letter | None:
    """The sent letter of a report published *with* its feedback; a report published
    without it never shows it."""
    if not report.publish_feedback or report.state != ReportState.PUBLISHED:
        return None
    return Letter.objects.filter(report=report, state=LetterState.SENT).first()


@register.simple_tag(takes_context=True)
def review_work_for(context) -> list[dict]:
    """The reader's open review work per cycle, newest first ({year, open, unassigned,
    in_review, letters}), for the home page: every cycle counts, not only the newest.
    Empty for a reader who is neither a reviewer nor staff nor on the Board."""
    user = context["request"].user
    if not user.has_perm("reviews.view_worklist"):
        return []
    return [{"year": year, **counts} for year, counts in review_work(user=user).items()]
