from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend


class StaffOnlyModelPermissions:
    """Model permissions (the admin's) only for staff accounts.

    Everyone else's rights are django-rules predicates; asking the database for the
    model permissions of a city account on every page (two queries per backend) can
    only answer "none", since only staff reach the admin."""

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
