"""The questionnaire of a cycle: the plan of action and its commitments, sections,
questions and choices."""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from eccar.models import TimeStampedModel

from ..enums import (
    QuestionType,
    SectionLevel,
)
from .cycles import ReportingCycle


class PlanOfAction(TimeStampedModel):
    """A coalition's ten-point plan. Data, not code: other regional coalitions of
    UNESCO's ICCAR have their own plans, and a plan may be revised."""

    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=20, default="2004")

    class Meta:
        verbose_name = _("plan of action")
        verbose_name_plural = _("plans of action")
        constraints = [
            models.UniqueConstraint(fields=["name", "version"], name="plan_unique_name_version")
        ]

    def __str__(self):
        return f"{self.name} ({self.version})"


class Commitment(models.Model):
    """One of the ten commitments of a plan, cited in the interface with its number."""

    plan = models.ForeignKey(PlanOfAction, on_delete=models.CASCADE, related_name="commitments")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="commitment_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=10), name="commitment_number_1_to_10"
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Questionnaire(TimeStampedModel):
    """The questions of one cycle. Versioned: once a report of the cycle has been
    submitted, changes that would orphan answers go into a copy (a new version)."""

    cycle = models.ForeignKey(
        ReportingCycle, on_delete=models.PROTECT, related_name="questionnaires"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("New reports of the cycle use the active version.")
    )
    plan = models.ForeignKey(PlanOfAction, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-cycle__year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "version"], name="questionnaire_unique_cycle_version"
            ),
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(is_active=True),
                name="questionnaire_one_active_per_cycle",
            ),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"

    @property
    def is_locked(self) -> bool:
        """True once any report using it was submitted: its answers must stay meaningful."""
        return self.reports.filter(submitted_at__isnull=False).exists()


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="sections"
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=SectionLevel.choices)
    code = models.SlugField(_("code"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["questionnaire", "level", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="section_unique_code_per_questionnaire"
            ),
            models.CheckConstraint(
                condition=Q(level__in=SectionLevel.values), name="section_level_valid"
            ),
        ]

    def __str__(self):
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", editable=False
    )
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    code = models.SlugField(_("code"), max_length=60, help_text=_("Stable across cycles."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    required = models.BooleanField(_("required"), default=False)
    # Data minimisation (GDPR Art. 5(1)(c)): answers to a personal question (a contact's
    # name, function, department, email) are never sent to a translation engine, never
    # indexed for search unless the city published its contacts, left out of exports to
    # members unless published, and shown on pages like the contact persons (the city,
    # staff, and other readers once the city publishes its contacts).
    personal = models.BooleanField(
        _("personal data"),
        default=False,
        help_text=_(
            "Answers name or reach a person: never machine-translated; shown to other "
            "readers, searched and exported to members only when the city publishes its "
            "contacts."
        ),
    )
    text = models.TextField(_("question"))
    help_text = models.TextField(_("help text"), blank=True)
    show_if_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("show only if question"),
    )
    show_if_value = models.CharField(_("has the value"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__level", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="question_unique_code_per_questionnaire"
            ),
            models.CheckConstraint(
                condition=Q(type__in=QuestionType.values), name="question_type_valid"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.text[:60]}"

    def save(self, *args, **kwargs):
        self.questionnaire_id = self.section.questionnaire_id
        super().save(*args, **kwargs)

    def clean(self):
        """Refuses what the questionnaire loader refuses in data files: a condition on a
        question of another questionnaire or level, or on a value that question cannot
        have; and a question that becomes required once reports were submitted (their
        answers would be incomplete after the fact)."""
        super().clean()
        try:
            section = self.section
        except ObjectDoesNotExist:
            return  # The form reports the missing section.
        errors = {}
        trigger = self.show_if_question
        if trigger is not None:
            errors.update(self._condition_errors(section, trigger))
        elif self.show_if_value:
            errors["show_if_value"] = _(
                "Choose the question this value belongs to, or leave it empty."
            )
        questionnaire = section.questionnaire
        becomes_required = self.required and (
            self.pk is None or not Question.objects.filter(pk=self.pk, required=True).exists()
        )
        if becomes_required and questionnaire.pk and questionnaire.is_locked:
            errors["required"] = _(
                "A required question cannot be added to this questionnaire: reports answering "
                "it have been submitted without it. Add the question as optional, or copy the "
                "questionnaire to a new version and add it there."
            )
        if errors:
            raise ValidationError(errors)

    def _condition_errors(self, section, trigger) -> dict:
        if trigger.pk is not None and trigger.pk == self.pk:
            return {"show_if_question": _("A question cannot depend on itself.")}
        if trigger.questionnaire_id != section.questionnaire_id:
            return {
                "show_if_question": _(
                    "The condition must be a question of the same questionnaire "
                    "(%(questionnaire)s, cycle %(year)s)."
                )
                % {"questionnaire": section.questionnaire, "year": section.questionnaire.cycle.year}
            }
        if trigger.section.level != section.level:
            return {
                "show_if_question": _(
                    "The condition must be a question of the same level as this one."
                )
            }
        allowed = trigger.condition_values()
        if not allowed:
            return {
                "show_if_question": _("Only a yes/no or single choice question can be a condition.")
            }
        if not self.show_if_value:
            return {
                "show_if_value": _(
                    "Enter the answer of “%(code)s” that shows this question: one of %(allowed)s."
                )
                % {"code": trigger.code, "allowed": ", ".join(allowed)}
            }
        if self.show_if_value not in allowed:
            return {
                "show_if_value": _(
                    "“%(value)s” is not an answer of the question “%(code)s”: enter one of "
                    "%(allowed)s."
                )
                % {
                    "value": self.show_if_value,
                    "code": trigger.code,
                    "allowed": ", ".join(allowed),
                }
            }
        return {}

    def condition_values(self) -> list[str]:
        """The stored values a condition on this question can test (none for types
        that cannot be a condition)."""
        if self.type == QuestionType.YES_NO:
            return ["yes", "no"]
        if self.type == QuestionType.SINGLE_CHOICE:
            return list(self.choices.values_list("value", flat=True))
        return []

    @property
    def is_measure_question(self) -> bool:
        return self.section.level == SectionLevel.MEASURE


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    value = models.SlugField(_("stored value"), max_length=60)
    label = models.CharField(_("label"), max_length=300)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="choice_unique_value")
        ]

    def __str__(self):
        return self.label
