from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        # The library listens to report state changes (reporting.signals).
        from .library import entries  # noqa: F401, PLC0415 - connect receivers once apps are ready
