import re
import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

# Control characters (C0, DEL and C1) other than tab, newline and carriage return: no
# form of the platform has a use for them, and PostgreSQL refuses NUL in any text.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_control_characters(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


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

    # /favicon.ico: browsers ask for it on their own, and a redirect to the set-up
    # page would queue its warning for the next page.
    EXEMPT_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and user.requires_two_factor
            and not request.path.startswith(self.EXEMPT_PREFIXES)
            and not self.has_totp(user)
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

    @staticmethod
    def has_totp(user) -> bool:
        """The flag the session's user was loaded with (eccar.backends), read in the
        same query; asked of the database for a user loaded otherwise (the request
        that logs in)."""
        flag = getattr(user, "has_totp", None)
        if flag is None:
            return is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
        return flag


class RequestSizeLimitMiddleware:
    """Refuses a request body larger than its URL allows, from the Content-Length header
    alone, before anything reads the body: REQUEST_BODY_LIMIT in general,
    UPLOAD_BODY_LIMIT on the URLs named in UPLOAD_URL_NAMES (attachments, /join/).

    A body without a Content-Length (chunked transfer) is refused with 411: Django's WSGI
    handler would read none of it anyway, and the proxy in front of gunicorn sends the
    length of every body it buffered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or ""
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if chunked and not length:
            return render(request, "413.html", {"limit_mb": None}, status=411)
        if length:
            limit = self.limit_for(request.path_info)
            # More than 12 digits is beyond any limit; int() is never asked to parse it.
            if not length.isdigit() or len(length) > 12 or int(length) > limit:
                return render(
                    request, "413.html", {"limit_mb": round(limit / 1024 / 1024)}, status=413
                )
        return self.get_response(request)

    @staticmethod
    def limit_for(path: str) -> int:
        try:
            name = resolve(path).view_name
        except Resolver404:
            return settings.REQUEST_BODY_LIMIT
        if name in settings.UPLOAD_URL_NAMES:
            return settings.UPLOAD_BODY_LIMIT
        return settings.REQUEST_BODY_LIMIT


class PostCleaningMiddleware:
    """Gives every view a copy of a form POST without control characters (tab and
    newlines kept), in field names and values alike: the one place where hostile bytes
    are removed before any view, form or service sees the text. Uploaded files are
    left as they are; numbers are bounded where they are parsed (eccar.views)."""

    FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in self.FORM_TYPES:
            cleaned = QueryDict(mutable=True)
            for key, values in request.POST.lists():
                cleaned.setlist(
                    without_control_characters(key),
                    [without_control_characters(value) for value in values],
                )
            cleaned._mutable = False
            request.POST = cleaned
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Nothing shown to a logged-in person (report pages, PDFs, the API-token page
    showing a new key once) may be kept by a shared or browser cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True)
        return response
