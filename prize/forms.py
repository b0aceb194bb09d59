from django import forms
from django.utils.translation import gettext_lazy as _

from reporting.enums import SizeCategory

from .enums import EditionPhase, TieBreakRule
from .services import COMMENT_MAX, JUSTIFICATION_MAX


class PhaseForm(forms.Form):
    to_phase = forms.ChoiceField(label=_("New phase"), choices=EditionPhase.choices)
    reason = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000)


class PreselectionForm(forms.Form):
    justification = forms.CharField(
        label=_("Why this measure (short justification)"), max_length=JUSTIFICATION_MAX
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=COMMENT_MAX, widget=forms.Textarea)


class PresenterForm(forms.Form):
    presenter_name = forms.CharField(label=_("Who will present the measure"), max_length=200)
    presenter_email = forms.EmailField(label=_("Presenter's email"))


class BallotOpenForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=SizeCategory.choices)
    tie_break = forms.ChoiceField(
        label=_("If there is a tie"), choices=TieBreakRule.choices, initial=TieBreakRule.RUNOFF
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Receipt code"), max_length=40)


class CandidatureFilterForm(forms.Form):
    """The filters above the long phase-1 list (sent by GET, so pages can be linked)."""

    q = forms.CharField(label=_("City or measure"), required=False, max_length=200)
    preselected = forms.BooleanField(label=_("Preselected only"), required=False)
