from allauth.account.adapter import DefaultAccountAdapter
from django.utils import translation


class AccountAdapter(DefaultAccountAdapter):
    """Access is granted by the office or a city's coordinator, never requested by
    strangers through a sign-up form."""

    def is_open_for_signup(self, request):
        return False

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
