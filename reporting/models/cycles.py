"""Reporting cycles (the phase is derived from the dates) and the deadline reminders."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eccar.models import TimeStampedModel

from ..enums import CyclePhase
from .membership import City


class ReportingCycle(TimeStampedModel):
    """One reporting round. Its phase is derived from today's date, never stored."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    registration_opens = models.DateField(_("registration opens"))
    questionnaire_opens = models.DateField(_("questionnaire opens"))
    submission_deadline = models.DateField(_("submission deadline"))
    evaluation_ends = models.DateField(_("evaluation ends"))
    general_assembly = models.DateField(_("General Assembly"))

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(registration_opens__lte=F("questionnaire_opens"))
                & Q(questionnaire_opens__lt=F("submission_deadline"))
                & Q(submission_deadline__lte=F("evaluation_ends"))
                & Q(evaluation_ends__lte=F("general_assembly")),
                name="cycle_dates_in_order",
            ),
        ]

    def __str__(self):
        return str(self.year)

    def phase(self, today: datetime.date | None = None) -> str:
        today = today or timezone.localdate()
        if today < self.registration_opens:
            return CyclePhase.UPCOMING
        if today < self.questionnaire_opens:
            return CyclePhase.REGISTRATION
        if today <= self.submission_deadline:
            return CyclePhase.REPORTING
        if today <= self.evaluation_ends:
            return CyclePhase.EVALUATION
        if today <= self.general_assembly:
            return CyclePhase.FEEDBACK
        return CyclePhase.CLOSED

    @property
    def current_phase(self) -> str:
        return self.phase()

    @property
    def current_phase_label(self) -> str:
        return CyclePhase(self.phase()).label

    @property
    def days_to_deadline(self) -> int:
        return (self.submission_deadline - timezone.localdate()).days


class ReminderSent(models.Model):
    """One row per reminder mailed: to whom, for which deadline (the cycle's, or the
    extension staff gave a report), how many days before. Written before the mail under
    a unique constraint, so beat running twice never mails twice; staff read them per
    cycle."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="+")
    deadline = models.DateField(_("deadline"))
    extended = models.BooleanField(_("extended deadline"), default=False)
    days_before = models.PositiveSmallIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField(_("sent to"), blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["city", "cycle", "deadline", "days_before"],
                name="reminder_once_per_city_deadline_day",
            )
        ]

    def __str__(self):
        return f"{self.city} {self.cycle} {self.deadline} -{self.days_before}d"
