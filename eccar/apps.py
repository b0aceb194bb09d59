from django.apps import AppConfig


class EccarConfig(AppConfig):
    name = "eccar"
    verbose_name = "ECCAR platform"

    def ready(self):
        # Connects the login signal handlers once the apps are loaded.
        from . import security_log  # noqa: F401, PLC0415

        # The privacy permissions build on the reporting app's predicates.
        from .privacy import rules  # noqa: F401, PLC0415
