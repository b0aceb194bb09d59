"""Showing a person's data (eccar.privacy.selectors.person_data) as a readable page."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The readable name of each field of the data file, whose keys stay English.
FIELD_LABELS = {
    "accepted_at": _("accepted"),
    "active": _("active"),
    "advisory_board_reviewer": _("Scientific Advisory Board reviewer"),
    "at": _("when"),
    "ballot": _("ballot"),
    "board_member": _("Board member"),
    "bureau_staff": _("Bureau staff"),
    "candidature": _("candidature"),
    "cast_at": _("cast"),
    "city": _("city"),
    "comment": _("comment"),
    "contact_email": _("contact person's email"),
    "contact_name": _("contact person"),
    "contact_position": _("contact person's position"),
    "country": _("country"),
    "created_at": _("created"),
    "criterion": _("criterion"),
    "cycle": _("cycle"),
    "deactivated_at": _("deactivated"),
    "decided_at": _("decided"),
    "edition": _("edition"),
    "email": _("email address"),
    "email_addresses": _("email addresses"),
    "event": _("event"),
    "expires_at": _("expires"),
    "feedback_per_commitment": _("feedback per commitment"),
    "full_name": _("full name"),
    "general_assembly_delegate": _("General Assembly delegate"),
    "general_conclusion": _("general conclusion"),
    "individual_feedback": _("individual feedback"),
    "interface_language": _("interface language"),
    "ip_address": _("IP address"),
    "joined": _("joined"),
    "justification": _("justification"),
    "last_login": _("last login"),
    "link": _("link"),
    "measure": _("measure"),
    "message": _("message"),
    "name": _("name"),
    "on": _("on"),
    "on_paper": _("on paper"),
    "position": _("position"),
    "primary": _("primary"),
    "question": _("question"),
    "read_at": _("read"),
    "reason": _("reason"),
    "role": _("role"),
    "roles": _("roles"),
    "saved_at": _("saved"),
    "score": _("score"),
    "scores": _("scores"),
    "since": _("since"),
    "state": _("state"),
    "status": _("status"),
    "text": _("text"),
    "two_factor_methods": _("two-factor methods"),
    "updated_at": _("updated"),
    "value": _("value"),
    "verified": _("verified"),
}


@register.filter
def data_label(key) -> str:
    return str(FIELD_LABELS.get(key, str(key).replace("_", " ")))


@register.filter
def data_kind(value) -> str:
    """'mapping', 'list' or 'scalar', for the template to recurse."""
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return "scalar"
