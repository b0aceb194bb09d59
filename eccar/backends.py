from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend

USER_CACHE_SECONDS = 300


def user_cache_key(user_id) -> str:
    return f"auth-user:{user_id}"


class StaffOnlyModelPermissions:
    """Model permissions (the admin's) only for staff accounts.

    Everyone else's rights are django-rules predicates; asking the database for the
    model permissions of a city account on every page (two queries per backend) can
    only answer "none", since only staff reach the admin."""

    def get_user(self, user_id):
        """The logged-in user of a request, from the cache: every request needs it and
        it changes rarely. Every save of a user forgets it (eccar.apps), so a new
        password, a deactivation or new rights apply at the next request; whether the
        account may log in is checked on every request as before."""
        from django.core.cache import cache

        from .cache import prefetch_for_user

        key = user_cache_key(user_id)
        user = prefetch_for_user(key, user_id)
        if user is None:
            user = super().get_user(user_id)
            if user is not None:
                cache.set(key, user, USER_CACHE_SECONDS)
            return user
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not getattr(user_obj, "is_staff", False):
            return set()
        return super().get_all_permissions(user_obj, obj)

    def get_user_permissions(self, user_obj, obj=None):
        if not getattr(user_obj, "is_staff", False):
            return set()
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        if not getattr(user_obj, "is_staff", False):
            return set()
        return super().get_group_permissions(user_obj, obj)


class StaffModelBackend(StaffOnlyModelPermissions, ModelBackend):
    pass


class StaffAuthenticationBackend(StaffOnlyModelPermissions, AuthenticationBackend):
    """allauth's login backend (a ModelBackend too), with the same permission rule."""
