import functools

from django.conf import settings


def coalition(request):
    return {
        "COALITION_NAME": settings.COALITION_NAME,
        "COALITION_SHORT_NAME": settings.COALITION_SHORT_NAME,
        "COALITION_CONTACT_EMAIL": settings.COALITION_CONTACT_EMAIL,
        "COALITION_OFFICE": settings.COALITION_OFFICE,
    }


def notifications(request):
    # Lazy: the count is queried only by pages that show it.
    from django.utils.functional import SimpleLazyObject

    from .notifications import notifications_unread_count

    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: notifications_unread_count(user=user))}


# Rules permissions only (no model permissions): these are the pages' own rules, and
# asking every authentication backend for each link cost more than the rest of the
# header.
NAV_PERMISSIONS = {
    "can_list_cities": "reporting.list_cities",
    "can_library": "reporting.browse_library",
    "can_dashboard": "reporting.view_cycle_dashboard",
    "can_review": "reviews.view_worklist",
    "can_directory": "reporting.view_directory",
    "can_prize": "prize.view_prize",
    "can_applications": "reporting.decide_applications",
    "can_decide": "reporting.decide_access_requests",
}


def _nav_flags(user) -> dict:
    import rules

    if not user.is_authenticated or not user.is_active:
        return {}
    return {flag: rules.has_perm(name, user) for flag, name in NAV_PERMISSIONS.items()}


@functools.cache
def language_menu() -> list[tuple[str, str]]:
    from django.utils.text import capfirst
    from django.utils.translation import get_language_info

    return [
        (code, capfirst(get_language_info(code)["name_local"])) for code, _n in settings.LANGUAGES
    ]


def navigation(request):
    from django.utils.functional import SimpleLazyObject

    user = getattr(request, "user", None)
    context = {"LANGUAGE_MENU": language_menu()}
    if user is not None:
        context["nav"] = SimpleLazyObject(lambda: _nav_flags(user))
    return context
