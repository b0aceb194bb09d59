"""The reporting app's models, one module per domain. Every model is imported here:
Django finds an app's models in `<app>.models`, and `from reporting.models import Report`
works everywhere. The migrations name `attachment_path`, `accession_path` and
`UserManager` through this module too."""

from .accounts import AccessRequest, CityAccount, Invitation, User, UserManager
from .cycles import ReminderSent, ReportingCycle
from .help import HelpPage
from .machine_translation import GlossaryTerm, MachineTranslation, ReportTranslationStatus
from .membership import (
    ApplicationComment,
    City,
    MembershipApplication,
    MembershipChange,
    accession_path,
)
from .questionnaire import Choice, Commitment, PlanOfAction, Question, Questionnaire, Section
from .reports import (
    Answer,
    Attachment,
    Measure,
    Report,
    ReportSnapshot,
    ReportStateChange,
    attachment_path,
)

# isort: split
# Last: the library's models build on the ones above.
from reporting.library.models import ApiToken, ExportLog, LibraryEntry

__all__ = [
    "AccessRequest",
    "Answer",
    "ApiToken",
    "ApplicationComment",
    "Attachment",
    "Choice",
    "City",
    "CityAccount",
    "Commitment",
    "ExportLog",
    "GlossaryTerm",
    "HelpPage",
    "Invitation",
    "LibraryEntry",
    "MachineTranslation",
    "Measure",
    "MembershipApplication",
    "MembershipChange",
    "PlanOfAction",
    "Question",
    "Questionnaire",
    "ReminderSent",
    "Report",
    "ReportSnapshot",
    "ReportStateChange",
    "ReportTranslationStatus",
    "ReportingCycle",
    "Section",
    "User",
    "UserManager",
    "accession_path",
    "attachment_path",
]
