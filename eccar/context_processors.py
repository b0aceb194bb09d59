from django.conf import settings


def coalition(request):
    return {
        "COALITION_NAME": settings.COALITION_NAME,
        "COALITION_SHORT_NAME": settings.COALITION_SHORT_NAME,
        "COALITION_CONTACT_EMAIL": settings.COALITION_CONTACT_EMAIL,
        "COALITION_OFFICE": settings.COALITION_OFFICE,
    }
