from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .library import library_changed
        from .models import City

        def city_changed(sender, **kwargs):
            # Facets count cities' countries and sizes; results show their names.
            library_changed()

        post_save.connect(city_changed, sender=City, dispatch_uid="library-city-saved")
        post_delete.connect(city_changed, sender=City, dispatch_uid="library-city-deleted")
