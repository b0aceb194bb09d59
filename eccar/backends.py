from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef


def user_with_totp_flag(user_id):
    """The user of a session, in one query with `has_totp`: whether they activated TOTP,
    which the two-factor middleware asks on every page of staff, reviewers and the
    Board (read from the database on every request, never cached)."""
    totp = Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)
    return (
        get_user_model()._default_manager.annotate(has_totp=Exists(totp)).filter(pk=user_id).first()
    )


class StaffOnlyModelPermissions:
    """Model permissions (the admin's) only for staff accounts.

    Everyone else's rights are django-rules predicates; asking the database for the
    model permissions of a city account on every page (two queries per backend) can
    only answer "none", since only staff reach the admin.

    The user of each request is loaded with its TOTP flag (`user_with_totp_flag`)."""

    def get_user(self, user_id):
        user = user_with_totp_flag(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None

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
