from django.apps import AppConfig


class EccarConfig(AppConfig):
    name = "eccar"
    verbose_name = "ECCAR platform"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_delete, post_save

        from . import notifications, security_log  # noqa: F401  (connect signal handlers)

        def user_changed(sender, instance, **kwargs):
            from .backends import user_cache_key
            from .cache import forget

            forget(user_cache_key(instance.pk))

        user_model = get_user_model()
        post_save.connect(user_changed, sender=user_model, dispatch_uid="auth-user-saved")
        post_delete.connect(user_changed, sender=user_model, dispatch_uid="auth-user-deleted")
