"""A city's report: its state and history, measures, answers, attachment and frozen
revisions."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eccar.models import LifecycleChange, TimeStampedModel

from ..enums import ReportState
from .cycles import ReportingCycle
from .membership import City
from .questionnaire import Question


class Report(TimeStampedModel):
    """A city's report for one cycle. Only `services.report_transition` changes `state`."""

    city = models.ForeignKey(City, on_delete=models.PROTECT, related_name="reports")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="reports")
    questionnaire = models.ForeignKey(
        "Questionnaire", on_delete=models.PROTECT, null=True, blank=True, related_name="reports"
    )
    source_language = models.CharField(
        _("language of the report"),
        max_length=10,
        blank=True,
        help_text=_("The language the city writes in (defaults to the city's main language)."),
    )
    deadline_extended_to = models.DateField(
        _("deadline extended to"),
        null=True,
        blank=True,
        help_text=_("Set by staff to let this city submit after the cycle's deadline."),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    publish_feedback = models.BooleanField(_("publish the feedback with the report"), default=False)
    publish_contacts = models.BooleanField(
        _("show the city's contact persons to member cities"),
        default=False,
        help_text=_(
            "When published, member cities see the contact answers of level 1 "
            "(name, function, department, email) beside the city's measures."
        ),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-cycle__year", "city__name"]
        constraints = [
            models.UniqueConstraint(fields=["city", "cycle"], name="report_one_per_city_and_cycle"),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="report_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.city} {self.cycle}"


class ReportStateChange(LifecycleChange):
    """The report's history: one row per state change (who, when, from, to, why)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=20, choices=ReportState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=ReportState.choices)

    class Meta(LifecycleChange.Meta):
        verbose_name = _("report state change")
        verbose_name_plural = _("report state changes")


class Measure(TimeStampedModel):
    """A level-2 measure of a report: its fields are answers to measure questions."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(
        _("title"), max_length=300, blank=True, help_text=_("Mirrors the answer to m_title.")
    )

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["report", "order", "pk"]

    def __str__(self):
        return self.title or str(_("Untitled measure"))


class Answer(models.Model):
    """One answer. `version` grows with every save: a save that names an older version
    than the stored one is a concurrent edit and is refused, never silently merged."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    value = models.JSONField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    carried_over = models.BooleanField(
        default=False, help_text=_("Copied from the previous cycle and not yet confirmed.")
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "question"],
                condition=Q(measure__isnull=True),
                name="answer_unique_per_report_question",
            ),
            models.UniqueConstraint(
                fields=["report", "question", "measure"],
                condition=Q(measure__isnull=False),
                name="answer_unique_per_measure_question",
            ),
        ]

    def __str__(self):
        return f"{self.question.code} = {self.value!r}"


def attachment_path(instance, filename):
    # The stored name never comes from the user: no path tricks, no collisions.
    return f"attachments/{instance.report.cycle_id}/{instance.report_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """The one attachment a report may have (at most 5 MB), private to its readers."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="attachment")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class ReportSnapshot(models.Model):
    """A frozen copy of a report: what was submitted (and each later update), kept
    exactly as it was, readable after the live answers change."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="snapshots")
    revision = models.PositiveSmallIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["report", "revision"], name="snapshot_unique_revision")
        ]

    def __str__(self):
        return f"{self.report} r{self.revision}"
