"""One TextChoices per lifecycle of the reporting app."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MembershipStatus(models.TextChoices):
    APPLICANT = "applicant", _("Applicant")
    MEMBER = "member", _("Member")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", pgettext_lazy("membership status", "Left")
    EXCLUDED = "excluded", _("Excluded")


class AccountRole(models.TextChoices):
    PRIMARY = "primary", _("Primary account")
    SECONDARY = "secondary", _("Secondary account")


class AccessRequestStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class SizeCategory(models.TextChoices):
    """The prize categories: exactly 50,000 inhabitants counts as the larger one."""

    SMALL = "small", _("Under 50,000 inhabitants")
    LARGE = "large", _("50,000 inhabitants and over")


SIZE_THRESHOLD = 50_000


class CyclePhase(models.TextChoices):
    UPCOMING = "upcoming", _("Not yet open")
    REGISTRATION = "registration", _("Registration")
    REPORTING = "reporting", _("Reporting")
    EVALUATION = "evaluation", _("Evaluation")
    FEEDBACK = "feedback", _("Feedback and General Assembly")
    CLOSED = "closed", pgettext_lazy("cycle phase", "Closed")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    FEEDBACK_RECEIVED = "feedback_received", _("Feedback received")
    UPDATING = "updating", _("Being updated after feedback")
    PUBLISHED = "published", _("Published")


class QuestionType(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    YES_NO = "yes_no", _("Yes / no")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    DATE = "date", _("Date")
    COMMITMENTS = "commitments", _("Commitments of the plan")


class SectionLevel(models.IntegerChoices):
    OVERVIEW = 1, _("Level 1: overview of the city")
    MEASURE = 2, _("Level 2: measures")


class ProgressStatus(models.TextChoices):
    """How far a section, a measure or the report is, counting required answers only
    (the GOV.UK task-list pattern)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETE = "complete", _("Complete")


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    INFO_REQUESTED = "info_requested", _("More information requested")
    ADMITTED = "admitted", _("Admitted")
    REJECTED = "rejected", _("Rejected")


# The languages a city may write in (its own name for each), for applications and reports.
LANGUAGE_CHOICES = [
    ("bg", "български"),
    ("ca", "català"),
    ("cs", "čeština"),
    ("da", "dansk"),
    ("de", "Deutsch"),
    ("el", "ελληνικά"),
    ("en", "English"),
    ("es", "español"),
    ("et", "eesti"),
    ("fi", "suomi"),
    ("fr", "français"),
    ("hr", "hrvatski"),
    ("hu", "magyar"),
    ("it", "italiano"),
    ("lb", "Lëtzebuergesch"),
    ("lt", "lietuvių"),
    ("lv", "latviešu"),
    ("nb", "norsk bokmål"),
    ("nl", "Nederlands"),
    ("pl", "polski"),
    ("pt", "português"),
    ("ro", "română"),
    ("sk", "slovenčina"),
    ("sl", "slovenščina"),
    ("sr", "српски"),
    ("sv", "svenska"),
    ("tr", "Türkçe"),
    ("uk", "українська"),
]
