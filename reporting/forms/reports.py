"""The office's form to return a report to draft: the reason and the new date, in one step."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reporting.selectors.reports import report_deadline

# How long a returned report gets by default when its deadline is near or past.
DEFAULT_EXTENSION_DAYS = 14


class ReportReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the city reads it in the email and in the report's history)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    resubmit_until = forms.DateField(
        label=_("The city may submit again until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Stored as the report's extended deadline; reminders follow it."),
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        soon = timezone.localdate() + datetime.timedelta(days=DEFAULT_EXTENSION_DAYS)
        self.fields["resubmit_until"].initial = max(report_deadline(report), soon)

    def clean_resubmit_until(self):
        value = self.cleaned_data["resubmit_until"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later date."))
        return value
