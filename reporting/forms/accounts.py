from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.utils.translation import gettext_lazy as _

from reporting.enums import AccountRole
from reporting.models import AccessRequest, City


class AccountInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=AccountRole.choices, initial="secondary")

    def __init__(self, *args, can_invite_primary: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_invite_primary:
            self.fields["role"].choices = [(AccountRole.SECONDARY, AccountRole.SECONDARY.label)]


class SetPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A few unrelated words make a good password."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            try:
                validate_password(p1, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    @staticmethod
    def rules_text():
        return password_validators_help_texts()


class GrantAcceptForm(forms.Form):
    """A person who already has a login accepts the access a city offers: one button,
    no password (the link in their email is the proof, their login stays as it is)."""

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)


class AccessRequestForm(forms.ModelForm):
    # A honeypot: hidden from people by CSS, filled in by form-spamming robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AccessRequest
        fields = ["full_name", "email", "position", "city_name", "country", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}


class AccessRequestApproveForm(forms.Form):
    city = forms.ModelChoiceField(label=_("City"), queryset=City.objects.all())
    role = forms.ChoiceField(label=_("Role"), choices=AccountRole.choices)


class AccessRequestRejectForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=settings.LANGUAGES)
    next = forms.CharField(required=False)
