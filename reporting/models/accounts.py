"""People and their access: users, city accounts, invitations, access requests."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from eccar.models import TimeStampedModel

from ..enums import (
    AccessRequestStatus,
    AccountRole,
)
from .membership import City


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in. Roles are flags (staff, Board, Advisory Board) plus
    city accounts; one person may hold several of them."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("interface language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    is_board_member = models.BooleanField(
        _("Board member"),
        default=False,
        help_text=_("Member of the Steering Committee / Board."),
    )
    is_reviewer = models.BooleanField(
        _("Scientific Advisory Board reviewer"),
        default=False,
        help_text=_("Reads submitted reports and writes feedback. Requires two-factor login."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def requires_two_factor(self) -> bool:
        """Staff, the Scientific Advisory Board and the Board read unpublished reports,
        review drafts, exports with contact emails and membership applications: they
        must use TOTP."""
        return self.is_staff or self.is_reviewer or self.is_board_member


class CityAccount(TimeStampedModel):
    """A user's access to one city: primary (submits, publishes) or secondary (fills only)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_accounts"
    )
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="accounts")
    role = models.CharField(_("role"), max_length=20, choices=AccountRole.choices)
    is_active = models.BooleanField(_("active"), default=True)
    is_delegate = models.BooleanField(
        _("General Assembly delegate"),
        default=False,
        help_text=_("Votes for the city at the General Assembly (default: the primary account)."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deactivated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("city account")
        verbose_name_plural = _("city accounts")
        ordering = ["city__name", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "city"], name="cityaccount_unique_user_city"),
            # Exactly one person answers for a city: the database refuses a second
            # active primary account whatever the form or the admin did.
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(role=AccountRole.PRIMARY, is_active=True),
                name="cityaccount_one_active_primary_per_city",
            ),
            models.UniqueConstraint(
                fields=["city"],
                condition=Q(is_delegate=True, is_active=True),
                name="cityaccount_one_active_delegate_per_city",
            ),
            models.CheckConstraint(
                condition=Q(role__in=AccountRole.values), name="cityaccount_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.city} ({self.get_role_display()})"

    @property
    def is_primary(self) -> bool:
        return self.role == AccountRole.PRIMARY


class Invitation(TimeStampedModel):
    """A one-time link: a new person sets their password with it; a person who already
    has a login accepts with it the access a city offers them (`is_grant`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    account = models.ForeignKey(
        CityAccount, on_delete=models.CASCADE, null=True, blank=True, related_name="invitations"
    )
    nonce = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Nobody is enrolled in a city without their consent: the account of a person who
    # already has a login stays inactive until they accept this invitation.
    is_grant = models.BooleanField(
        _("access to accept"),
        default=False,
        help_text=_("The person has a login; their account becomes active when they accept."),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user.email} ({self.created_at:%Y-%m-%d})"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at


class AccessRequest(TimeStampedModel):
    """A coordinator asking the office for credentials; staff approve or reject it."""

    full_name = models.CharField(_("your name"), max_length=200)
    email = models.EmailField(_("your email address"))
    city_name = models.CharField(_("city"), max_length=150)
    country = CountryField(_("country"))
    position = models.CharField(_("your position"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    city = models.ForeignKey(
        City, on_delete=models.SET_NULL, null=True, blank=True, related_name="access_requests"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AccessRequestStatus.choices,
        default=AccessRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.full_name} <{self.email}> · {self.city_name}"
