from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    REPORT_EVALUATED = "report_evaluated", _("Report evaluated")
    REPORT_RETURNED = "report_returned", _("Report returned to draft")


class HistoryReason(models.TextChoices):
    """The reasons the platform itself gives for a change of state. A history row stores
    the code, so each reader sees the reason in their own language; a reason a person
    typed (a return, a staff note) is stored as typed."""

    APPLICATION_RECEIVED = "application_received", _("Application received.")
    ADMITTED = "admitted", _("Admitted by the Board.")
    JOINED = "joined", _("Joined the coalition.")
    PUBLICATION_WITHDRAWN = "publication_withdrawn", _("Publication withdrawn by the city.")
    REVIEW_FINALISED = "review_finalised", _("Review finalised.")
    SENT_AGAIN = "sent_again", _("Sent again after an interruption.")
    MAILED = "mailed", _("Mailed to the mayor.")
    FEEDBACK_SENT = "feedback_sent", _("Feedback letter sent.")


def history_reason_text(reason: str) -> str:
    """A history row's reason for the reader: the label of a platform code in the active
    language, or the text a person typed."""
    if reason in HistoryReason.values:
        return HistoryReason(reason).label
    return reason
