from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrizeConfig(AppConfig):
    name = "prize"
    verbose_name = _("ECCAR Prize")

    def ready(self):
        # backup.py reaches reporting's models, which are not loaded yet when Django
        # imports this module.
        from .backup import register_tables  # noqa: PLC0415 - needs the app registry ready

        register_tables()
