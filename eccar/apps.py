from django.apps import AppConfig


class EccarConfig(AppConfig):
    name = "eccar"
    verbose_name = "ECCAR platform"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.core.signals import request_finished, request_started
        from django.db.models.signals import post_delete, post_save

        from . import notifications, security_log  # noqa: F401  (connect signal handlers)
        from .cache import USER_PAGE_KEYS, request_values_reset

        request_started.connect(request_values_reset, dispatch_uid="request-values-started")
        request_finished.connect(request_values_reset, dispatch_uid="request-values-finished")
        USER_PAGE_KEYS.append(notifications.unread_cache_key)

        def user_changed(sender, instance, **kwargs):
            from .backends import user_cache_key
            from .cache import forget

            forget(user_cache_key(instance.pk))

        user_model = get_user_model()
        post_save.connect(user_changed, sender=user_model, dispatch_uid="auth-user-saved")
        post_delete.connect(user_changed, sender=user_model, dispatch_uid="auth-user-deleted")
