"""Rows the privacy work keeps: its own log, erasure requests, the anonymisation
placeholders and the security log with client addresses (kept 90 days).

Imported by `eccar.models`, so the models belong to the `eccar` app. They point at
users through `settings.AUTH_USER_MODEL` and import nothing from the other apps,
which themselves build on `eccar.models`."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import ErasureRequestStatus, PrivacyEventKind, SecurityEventKind


class PrivacyEvent(models.Model):
    """One row per privacy action (who, when, about whom, what): every download of a
    person's data, every erasure decision, every anonymisation and retention run."""

    kind = models.CharField(max_length=30, choices=PrivacyEventKind.choices)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_events",
    )
    city = models.ForeignKey(
        "reporting.City", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Counts and reasons only: never a name, an address or a ballot choice.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("privacy log entry")
        verbose_name_plural = _("privacy log")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=PrivacyEventKind.values), name="privacyevent_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d}"


class Anonymisation(models.Model):
    """The placeholder an anonymised person keeps in histories, reviews and letters:
    "anonymised person #<number>". Its number is this row's id, never the user's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="anonymisation"
    )
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("anonymisation")
        verbose_name_plural = _("anonymisations")

    def __str__(self):
        return self.placeholder

    @property
    def placeholder(self) -> str:
        return str(_("anonymised person #%(number)s") % {"number": self.pk})


class ErasureRequest(models.Model):
    """A person asking from their account page to be anonymised; staff confirm it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_requests"
    )
    message = models.TextField(_("message to the office"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ErasureRequestStatus.choices,
        default=ErasureRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # A second click while one is waiting asks nothing twice.
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status=ErasureRequestStatus.PENDING),
                name="erasurerequest_one_pending_per_user",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ErasureRequestStatus.values),
                name="erasurerequest_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.user_id} {self.status}"


class SecurityEvent(models.Model):
    """A login, failed login or logout with the client's address, for the office to
    trace an attack. Kept RETENTION_SECURITY_LOG_DAYS (the retention task)."""

    kind = models.CharField(max_length=20, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="security_events",
    )
    # A failed login names no user: a short digest of the address typed instead.
    email_digest = models.CharField(max_length=12, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("security log entry")
        verbose_name_plural = _("security log")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SecurityEventKind.values), name="securityevent_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
