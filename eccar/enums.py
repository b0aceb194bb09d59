from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    REPORT_EVALUATED = "report_evaluated", _("Report evaluated")
