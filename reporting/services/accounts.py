"""Writes on people and their access: invitations, city accounts, access requests,
preferences. Keyword-only, validated, atomic; emails are enqueued with
`transaction.on_commit`, so nothing goes out for a change that was rolled back."""

import logging
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar.errors import ServiceError
from reporting.enums import AccessRequestStatus, AccountRole
from reporting.models import AccessRequest, City, CityAccount, Invitation, User
from reporting.selectors.accounts import INVITATION_SALT
from reporting.tasks import task_access_granted_notify, task_invitation_send

logger = logging.getLogger("eccar.reporting")


def _user_get_or_create(*, email: str, full_name: str = "") -> tuple[User, bool]:
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user, False
    user = User.objects.create_user(email=email, password=None, full_name=full_name.strip())
    return user, True


def invitation_create(*, user: User, account: CityAccount | None, invited_by: User | None):
    invitation = Invitation.objects.create(
        user=user,
        account=account,
        nonce=secrets.token_urlsafe(32),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
    )

    transaction.on_commit(lambda: task_invitation_send.delay(invitation_id=invitation.pk))
    return invitation


def invitation_resolve(*, token: str) -> Invitation:
    """The invitation behind a link, or a ServiceError saying plainly what is wrong with it."""
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
        invitation = Invitation.objects.select_related("user", "account__city").get(
            pk=int(data["i"])
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, Invitation.DoesNotExist):
        raise ServiceError(
            _("This invitation link is not valid. Please copy the whole link from the email."),
            code="invalid",
        ) from None
    if not secrets.compare_digest(invitation.nonce, str(data.get("n", ""))):
        raise ServiceError(_("This invitation link is not valid."), code="invalid")
    if invitation.accepted_at:
        raise ServiceError(
            _(
                "This invitation has already been used. Log in with your email and password, "
                "or reset your password if you have forgotten it."
            ),
            code="used",
        )
    if invitation.is_expired:
        raise ServiceError(
            _(
                "This invitation has expired. Ask %(contact)s (or your city's coordinator) "
                "for a new one."
            )
            % {"contact": settings.COALITION_CONTACT_EMAIL},
            code="expired",
        )
    return invitation


def invitation_accept(*, token: str, password: str) -> User:
    """Sets the invited person's password and marks the link used, once."""
    with transaction.atomic():
        invitation = invitation_resolve(token=token)
        # Lock the row: two tabs submitting the same link cannot both use it.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise ServiceError(_("This invitation has already been used."), code="used")
        user = invitation.user
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated_at"])
        # Other open invitations of the same person are now pointless.
        Invitation.objects.filter(user=user, accepted_at__isnull=True).update(
            expires_at=timezone.now()
        )
    logger.info("invitation accepted user=%s", user.pk)
    return user


def city_account_invite(
    *, city: City, email: str, role: str, invited_by: User, full_name: str = ""
) -> CityAccount:
    """Gives a person access to a city and emails them.

    New people get a one-time link to set their password; people who already
    have a login (from an earlier cycle, or another role) keep it and are told
    about their new access. Refuses a second active primary account.
    """
    if role not in AccountRole.values:
        raise ServiceError(_("Unknown role."), field="role")
    email = (email or "").strip().lower()
    if not email:
        raise ServiceError(_("Enter an email address."), field="email")
    try:
        with transaction.atomic():
            if role == AccountRole.PRIMARY:
                current = city.accounts.filter(role=AccountRole.PRIMARY, is_active=True).first()
                if current and current.user.email != email:
                    raise ServiceError(
                        _(
                            "%(city)s already has a primary account (%(email)s). Deactivate it "
                            "first, or invite this person as a secondary account."
                        )
                        % {"city": city.name, "email": current.user.email},
                        field="email",
                        code="primary_exists",
                    )
            user, _created = _user_get_or_create(email=email, full_name=full_name)
            account = CityAccount.objects.filter(user=user, city=city).first()
            if account and account.is_active:
                if account.role == role:
                    raise ServiceError(
                        _("%(email)s already has access to %(city)s.")
                        % {"email": email, "city": city.name},
                        field="email",
                        code="duplicate",
                    )
                account.role = role
                account.save(update_fields=["role", "updated_at"])
            elif account:
                account.role = role
                account.is_active = True
                account.deactivated_at = None
                account.invited_by = invited_by
                account.save()
            else:
                account = CityAccount.objects.create(
                    user=user, city=city, role=role, invited_by=invited_by
                )
            if user.has_usable_password():
                transaction.on_commit(
                    lambda: task_access_granted_notify.delay(account_id=account.pk)
                )
            else:
                invitation_create(user=user, account=account, invited_by=invited_by)
    except IntegrityError:
        # A concurrent invitation won the race for the primary slot.
        raise ServiceError(
            _("%(city)s already has a primary account.") % {"city": city.name},
            field="email",
            code="primary_exists",
        ) from None
    logger.info("city account invited city=%s role=%s by=%s", city.pk, role, invited_by.pk)
    return account


def city_account_deactivate(*, account: CityAccount, by: User) -> CityAccount:
    if account.user_id == by.pk and not by.is_staff:
        raise ServiceError(_("You cannot deactivate your own account."), code="self")
    if account.is_primary and not by.is_staff:
        raise ServiceError(
            _("Only the coalition's office can deactivate a primary account."), code="primary"
        )
    if not account.is_active:
        return account
    account.is_active = False
    account.is_delegate = False
    account.deactivated_at = timezone.now()
    account.save(update_fields=["is_active", "is_delegate", "deactivated_at", "updated_at"])
    logger.info("city account deactivated account=%s by=%s", account.pk, by.pk)
    return account


def access_request_create(**fields) -> AccessRequest:
    request = AccessRequest(**fields)
    request.email = request.email.strip().lower()
    request.city = City.objects.filter(
        name__iexact=request.city_name.strip(), country=request.country
    ).first()
    request.save()
    return request


def access_request_approve(
    *, access_request: AccessRequest, city: City, role: str, by: User
) -> CityAccount:
    with transaction.atomic():
        locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
        if locked.status != AccessRequestStatus.PENDING:
            raise ServiceError(_("This request has already been decided."), code="decided")
        account = city_account_invite(
            city=city, email=locked.email, role=role, invited_by=by, full_name=locked.full_name
        )
        locked.status = AccessRequestStatus.APPROVED
        locked.city = city
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.save()
    return account


def access_request_reject(*, access_request: AccessRequest, by: User, note: str = "") -> None:
    with transaction.atomic():
        locked = AccessRequest.objects.select_for_update().get(pk=access_request.pk)
        if locked.status != AccessRequestStatus.PENDING:
            raise ServiceError(_("This request has already been decided."), code="decided")
        locked.status = AccessRequestStatus.REJECTED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.decision_note = note
        locked.save()


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ServiceError(_("Unknown language."), field="language")
    if user.is_authenticated and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
