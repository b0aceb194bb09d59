from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SAVED = "saved", _("Saved")
    FINAL = "final", _("Final")


class LetterState(models.TextChoices):
    READY = "ready", _("Ready to send")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")


class ReviewProgress(models.TextChoices):
    """Where a submitted report stands in the review, as the work list shows it (derived
    from its assignments, reviews and letter; not stored)."""

    UNASSIGNED = "unassigned", _("Unassigned")
    ASSIGNED = "assigned", _("Assigned")
    IN_REVIEW = "in_review", _("In review")
    LETTER_READY = "letter_ready", _("Letter ready")
    SENT = "sent", _("Sent")


SCORE_MIN, SCORE_MAX = 0, 4
