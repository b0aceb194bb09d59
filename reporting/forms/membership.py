from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.enums import LANGUAGE_CHOICES, SizeCategory
from reporting.models import MembershipApplication


class ApplicationForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages the city works in"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    # A honeypot, hidden by CSS: robots fill it, people do not.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = MembershipApplication
        fields = [
            "city_name",
            "country",
            "population",
            "languages",
            "contact_name",
            "contact_position",
            "contact_email",
            "mayor_name",
            "mayor_email",
            "motivation",
            "accession_document",
        ]
        widgets = {
            "motivation": forms.Textarea(attrs={"rows": 6, "maxlength": 5000}),
            "accession_document": forms.ClearableFileInput(attrs={"accept": ".pdf"}),
        }
        help_texts = {
            "accession_document": _(
                "The 10-Point Plan of Action signed by the mayor, as a PDF of at most 5 MB."
            ),
            "motivation": _(
                "Why does your city want to join, and what does it already do against racism?"
            ),
        }

    def clean_population(self):
        population = self.cleaned_data["population"]
        if population < 1 or population > 50_000_000:
            raise forms.ValidationError(_("Enter the number of inhabitants."))
        return population


class DirectoryFilterForm(forms.Form):
    """`countries`: the (code, name) pairs to offer, the countries of member cities in
    the reader's language (see member_countries)."""

    country = forms.ChoiceField(label=_("Country"), choices=[("", "—")], required=False)
    size = forms.ChoiceField(
        label=_("Size"), choices=[("", "—"), *SizeCategory.choices], required=False
    )
    q = forms.CharField(label=_("Name"), required=False, max_length=100)

    def __init__(self, *args, countries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—"), *countries]
