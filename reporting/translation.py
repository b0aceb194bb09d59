"""Fields staff write in every interface language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Choice, Commitment, HelpPage, Question, Questionnaire, Section


@register(Commitment)
class CommitmentTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Questionnaire)
class QuestionnaireTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("title", "intro")


@register(Question)
class QuestionTranslationOptions(TranslationOptions):
    fields = ("text", "help_text")


@register(Choice)
class ChoiceTranslationOptions(TranslationOptions):
    fields = ("label",)


@register(HelpPage)
class HelpPageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
