from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Access is granted by the office or a city's coordinator, never requested by
    strangers through a sign-up form."""

    def is_open_for_signup(self, request):
        return False
