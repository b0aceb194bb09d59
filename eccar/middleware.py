import time

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


class SessionLifetimeMiddleware:
    """Ends a session after a period of inactivity and after a maximum lifetime.

    The last-seen time is written at most once a minute, so a busy page does not
    write the session on every request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("_started", now)
            last_seen = session.get("_last_seen", now)
            if (
                now - last_seen > settings.SESSION_IDLE_TIMEOUT
                or now - started > settings.SESSION_MAX_LIFETIME
            ):
                logout(request)
                messages.info(request, _("Your session has expired. Please log in again."))
            elif now - last_seen >= 60 or "_last_seen" not in session:
                session["_last_seen"] = now
        return self.get_response(request)


class UserLanguageMiddleware:
    """A logged-in user's chosen language wins over the browser's, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        language = getattr(user, "preferred_language", "") if user.is_authenticated else ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                httponly=True,
            )
        return response


class RequireTwoFactorMiddleware:
    """Staff and Advisory Board reviewers reach no page but the two-factor set-up
    (and logout, language, static files) until they have activated TOTP."""

    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.requires_two_factor
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _(
                    "Your role gives access to unpublished reports: set up two-factor "
                    "authentication to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
