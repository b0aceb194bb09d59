from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import NotificationKind, history_reason_text

# What each kind of notification says, in the reader's language (rendered when shown).
NOTIFICATION_MESSAGES = {
    NotificationKind.REPORT_EVALUATED: _(
        "The %(year)s report of %(city)s has been evaluated: the feedback of the Scientific "
        "Advisory Board is ready to read."
    ),
    NotificationKind.REPORT_RETURNED: _(
        "The coalition's office returned the %(year)s report of %(city)s to draft "
        "(“%(reason)s”). You may submit it again until %(until)s."
    ),
}


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class LifecycleChange(models.Model):
    """One row of a lifecycle's history: who changed it, when and why. Subclasses add the
    object and the from/to fields of their own enum."""

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    # A HistoryReason code when the platform made the change, else the text typed.
    reason = models.TextField(blank=True)

    # The names of the subclass's from/to fields (a report has states, an edition phases).
    from_field, to_field = "from_state", "to_state"

    class Meta:
        abstract = True
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{getattr(self, self.from_field) or '—'} → {getattr(self, self.to_field)}"

    @property
    def reason_text(self) -> str:
        return history_reason_text(self.reason)


class Notification(models.Model):
    """A message in the platform for one person ("your report has been evaluated").

    The text is stored as a kind and its parameters, not as a sentence, so each reader
    sees it in their own language. One notification per person, kind and link: a
    retried task never notifies twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=40, choices=NotificationKind.choices)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "url"], name="notification_once")
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self):
        return f"{self.kind} → {self.user_id}"

    @property
    def message(self) -> str:
        return str(NOTIFICATION_MESSAGES[self.kind]) % self.params


# isort: split
# Last: the privacy models (eccar.privacy) are the eccar app's too.
from eccar.privacy.models import (  # noqa: E402
    Anonymisation,
    ErasureRequest,
    PrivacyEvent,
    SecurityEvent,
)

__all__ = [
    "Anonymisation",
    "ErasureRequest",
    "LifecycleChange",
    "Notification",
    "PrivacyEvent",
    "SecurityEvent",
    "TimeStampedModel",
]
