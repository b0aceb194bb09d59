from django.apps import AppConfig


class EccarConfig(AppConfig):
    name = "eccar"
    verbose_name = "ECCAR platform"

    def ready(self):
        from . import security_log  # noqa: F401  (connects the login signal handlers)
