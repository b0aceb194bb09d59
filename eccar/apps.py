from django.apps import AppConfig


class EccarConfig(AppConfig):
    name = "eccar"
    verbose_name = "ECCAR platform"

    def ready(self):
        from . import notifications, security_log  # noqa: F401  (connect signal handlers)
