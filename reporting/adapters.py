from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation

from eccar.security_log import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """Access is granted by the office or a city's coordinator, never requested by
    strangers through a sign-up form."""

    def is_open_for_signup(self, request):
        return False

    def get_client_ip(self, request):
        # One reading of the client's address for allauth's rate limits and the app's
        # (TRUSTED_PROXY_COUNT). allauth's own refuses a request whose X-Forwarded-For
        # is shorter than the count with ImproperlyConfigured, a 500 on the login page
        # for anyone who reaches the server without the proxy.
        return client_ip(request)

    def login(self, request, user):
        super().login(request, user)
        # The login page was served in the browser's language (the user was still
        # anonymous); from here on the request speaks the user's chosen language, so
        # allauth's "Successfully signed in" message is rendered in it, not in the
        # browser's, and stored in that language for the next page.
        language = getattr(user, "preferred_language", "")
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
