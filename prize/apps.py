from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrizeConfig(AppConfig):
    name = "prize"
    verbose_name = _("ECCAR Prize")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .backup import register_tables
        from .models import PrizeEdition

        register_tables()

        from eccar.cache import USER_PAGE_KEYS

        from .selectors import CURRENT_EDITION_KEY

        USER_PAGE_KEYS.append(lambda _user_id: CURRENT_EDITION_KEY)

        def edition_changed(sender, **kwargs):
            from eccar.cache import forget

            from .selectors import CURRENT_EDITION_KEY

            forget(CURRENT_EDITION_KEY)

        post_save.connect(edition_changed, sender=PrizeEdition, dispatch_uid="edition-saved")
        post_delete.connect(edition_changed, sender=PrizeEdition, dispatch_uid="edition-deleted")
