from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .notifications import notifications_unread_count


def coalition(request):
    return {
        "COALITION_NAME": settings.COALITION_NAME,
        "COALITION_SHORT_NAME": settings.COALITION_SHORT_NAME,
        "COALITION_CONTACT_EMAIL": settings.COALITION_CONTACT_EMAIL,
        "COALITION_OFFICE": settings.COALITION_OFFICE,
    }


def notifications(request):
    # Lazy: the count is queried only by pages that show it.
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: notifications_unread_count(user=user))}
