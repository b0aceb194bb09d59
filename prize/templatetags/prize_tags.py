"""What the prize app adds to pages of other apps (the home page's prize block), so that
`reporting` never imports `prize`."""

from django import template

from ..selectors import current_edition

register = template.Library()


@register.simple_tag(takes_context=True)
def prize_edition_for(context):
    """The edition under way, for a reader who may see the prize; None otherwise."""
    user = context["request"].user
    if not user.has_perm("prize.view_prize"):
        return None
    return current_edition()
