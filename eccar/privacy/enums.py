"""The lifecycles of personal-data requests and the kinds of privacy log rows."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PrivacyEventKind(models.TextChoices):
    DATA_DOWNLOADED = "data_downloaded", _("Data downloaded by the person")
    DATA_PRODUCED = "data_produced", _("Data produced by staff on request")
    ERASURE_REQUESTED = "erasure_requested", _("Erasure requested")
    ERASURE_DECLINED = "erasure_declined", _("Erasure request declined")
    ANONYMISED = "anonymised", _("Person anonymised")
    CONTACTS_CLEARED = "contacts_cleared", _("City contacts cleared")
    RETENTION_RUN = "retention_run", _("Retention run")


class ErasureRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for staff")
    CONFIRMED = "confirmed", _("Confirmed: the person is anonymised")
    DECLINED = "declined", _("Declined")


class SecurityEventKind(models.TextChoices):
    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOGOUT = "logout", _("Logout")
