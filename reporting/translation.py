"""Fields staff write in every interface language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Commitment


@register(Commitment)
class CommitmentTranslationOptions(TranslationOptions):
    fields = ("title", "description")
