from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .library import library_changed
        from .models import City, CityAccount, Question, ReportingCycle, Section

        def forget_accounts(user_ids):
            from eccar.cache import forget

            from .rules import city_accounts_cache_key

            forget(*[city_accounts_cache_key(pk) for pk in user_ids])

        def account_changed(sender, instance, **kwargs):
            forget_accounts([instance.user_id])

        def city_changed(sender, instance, **kwargs):
            # Facets count cities' countries and sizes; results show their names; the
            # membership status decides what the city's accounts may read.
            library_changed()
            forget_accounts(
                list(
                    CityAccount.objects.filter(city_id=instance.pk).values_list(
                        "user_id", flat=True
                    )
                )
            )

        def cycle_changed(sender, **kwargs):
            from eccar.cache import forget

            from .selectors import cycle_current_cache_key

            forget(cycle_current_cache_key())

        def question_changed(sender, instance, **kwargs):
            from eccar.cache import forget

            from .selectors import question_cache_key

            ids = (
                [instance.pk]
                if sender is Question
                else list(instance.questions.values_list("pk", flat=True))
            )
            forget(*[question_cache_key(pk) for pk in ids])

        for model in (Question, Section):
            post_save.connect(question_changed, sender=model, dispatch_uid=f"{model.__name__}-q")
            post_delete.connect(question_changed, sender=model, dispatch_uid=f"{model.__name__}-qd")
        post_save.connect(cycle_changed, sender=ReportingCycle, dispatch_uid="cycle-saved")
        post_delete.connect(cycle_changed, sender=ReportingCycle, dispatch_uid="cycle-deleted")
        post_save.connect(account_changed, sender=CityAccount, dispatch_uid="accounts-saved")
        post_delete.connect(account_changed, sender=CityAccount, dispatch_uid="accounts-deleted")

        post_save.connect(city_changed, sender=City, dispatch_uid="library-city-saved")
        post_delete.connect(city_changed, sender=City, dispatch_uid="library-city-deleted")
