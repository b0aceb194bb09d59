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
from reporting.enums import AccessRequestStatus, AccountRole, MembershipStatus
from reporting.models import AccessRequest, City, CityAccount, Invitation, User
from reporting.selectors.accounts import INVITATION_SALT
from reporting.tasks import task_access_granted_notify, task_invitation_send

logger = logging.getLogger("eccar.reporting")


def city_ensure_in_good_standing(*, city: City, by: User) -> None:
    """Refuses, saying why, what a city that is not a member in good standing may not do.

    A suspended city reads its own data and may withdraw its publication (its privacy);
    everything else waits for the office (which this check never stops)."""
    if by.is_staff or city.membership_status == MembershipStatus.MEMBER:
        return
    if city.membership_status == MembershipStatus.SUSPENDED:
        message = _(
            "Your city's membership is suspended: you can read your reports and withdraw "
            "your publication, nothing else. Please write to %(contact)s."
        )
    else:
        message = _(
            "Your city is not a member of the coalition at the moment: you can read your "
            "reports and withdraw your publication, nothing else. Please write to %(contact)s."
        )
    raise ServiceError(message % {"contact": settings.COALITION_CONTACT_EMAIL}, code="standing")


def _user_get_or_create(*, email: str, full_name: str = "") -> tuple[User, bool]:
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user:
        return user, False
    user = User.objects.create_user(email=email, password=None, full_name=full_name.strip())
    return user, True


def _invitations_expire(queryset) -> int:
    return queryset.filter(accepted_at__isnull=True).update(expires_at=timezone.now())


def invitation_create(
    *, user: User, account: CityAccount | None, invited_by: User | None, is_grant: bool = False
):
    invitation = Invitation.objects.create(
        user=user,
        account=account,
        nonce=secrets.token_urlsafe(32),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        is_grant=is_grant,
    )

    transaction.on_commit(lambda: task_invitation_send.delay(invitation_id=invitation.pk))
    return invitation


def _withdrawn_message() -> str:
    return _(
        "This invitation is no longer valid: the access it offered has been withdrawn. "
        "Please write to %(contact)s if you think this is a mistake."
    ) % {"contact": settings.COALITION_CONTACT_EMAIL}


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
    # Deactivation expires every open invitation, whichever way it was done (this
    # service, the admin, a script): an old link never brings a person back.
    account = invitation.account
    account_ended = account is not None and (
        account.deactivated_at is not None or not (account.is_active or invitation.is_grant)
    )
    if not invitation.user.is_active or account_ended:
        raise ServiceError(_withdrawn_message(), code="expired")
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


def invitation_accept(*, token: str, password: str | None = None) -> User:
    """Uses the link, once: a new person sets their password with it (`password`); a
    person who already has a login accepts the city's access it offers (no password),
    which activates their account. Never activates a user the office deactivated."""
    with transaction.atomic():
        invitation = invitation_resolve(token=token)
        # Lock the row: two tabs submitting the same link cannot both use it.
        invitation = (
            Invitation.objects.select_for_update(of=("self",))
            .select_related("user", "account")
            .get(pk=invitation.pk)
        )
        if invitation.accepted_at:
            raise ServiceError(_("This invitation has already been used."), code="used")
        user = invitation.user
        if invitation.is_grant:
            _grant_accept(invitation.account)
        else:
            if not password:
                raise ServiceError(_("Choose a password."), field="password1")
            user.set_password(password)
            user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=user.email, defaults={"verified": True, "primary": True}
            )
            # The person's other password links are now pointless (offers of access
            # from other cities still wait for their answer).
            _invitations_expire(Invitation.objects.filter(user=user, is_grant=False))
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at", "updated_at"])
    logger.info("invitation accepted user=%s grant=%s", user.pk, invitation.is_grant)
    return user


def _grant_accept(account: CityAccount) -> None:
    account = (
        CityAccount.objects.select_for_update(of=("self",))
        .select_related("city")
        .get(pk=account.pk)
    )
    if account.deactivated_at:
        raise ServiceError(_withdrawn_message(), code="expired")
    account.is_active = True
    try:
        with transaction.atomic():
            account.save(update_fields=["is_active", "updated_at"])
    except IntegrityError:
        # The city got another primary account while this offer waited.
        raise ServiceError(
            _("%(city)s already has a primary account. Please write to %(contact)s.")
            % {"city": account.city.name, "contact": settings.COALITION_CONTACT_EMAIL},
            code="primary_exists",
        ) from None


def _ensure_may_be_enrolled(*, user: User, city: City, invited_by: User) -> None:
    if not user.is_active:
        raise ServiceError(
            _(
                "The login of %(email)s has been deactivated by the coalition's office; "
                "only the office can restore it."
            )
            % {"email": user.email},
            field="email",
            code="deactivated",
        )
    # A reviewer enrolled in a city would abstain on its prize entries, could not be
    # assigned to its report and would read its drafts: the office decides that.
    if (user.is_staff or user.is_reviewer or user.is_board_member) and not invited_by.is_staff:
        raise ServiceError(
            _(
                "%(email)s holds a role in the coalition (office, Board or Advisory Board): "
                "only the coalition's office can give them access to %(city)s. Please write "
                "to %(contact)s."
            )
            % {
                "email": user.email,
                "city": city.name,
                "contact": settings.COALITION_CONTACT_EMAIL,
            },
            field="email",
            code="coalition_role",
        )


def city_account_invite(
    *, city: City, email: str, role: str, invited_by: User, full_name: str = ""
) -> CityAccount:
    """Offers a person access to a city and emails them.

    New people get an active account and a one-time link to set their password. People
    who already have a login (from an earlier cycle, or another role) get an inactive
    account and a link to accept it: nobody is enrolled without their consent. Refuses a
    second active primary account, a deactivated login, a coalition role (office, Board,
    Advisory Board) unless the office invites, and any invitation from a city that is
    not in good standing.
    """
    if role not in AccountRole.values:
        raise ServiceError(_("Unknown role."), field="role")
    email = (email or "").strip().lower()
    if not email:
        raise ServiceError(_("Enter an email address."), field="email")
    city_ensure_in_good_standing(city=city, by=invited_by)
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
            user, created = _user_get_or_create(email=email, full_name=full_name)
            if not created:
                _ensure_may_be_enrolled(user=user, city=city, invited_by=invited_by)
            has_login = user.has_usable_password()
            account = CityAccount.objects.filter(user=user, city=city).first()
            if account and account.is_active:
                if account.role == role:
                    raise ServiceError(
                        _("%(email)s already has access to %(city)s.")
                        % {"email": email, "city": city.name},
                        field="email",
                        code="duplicate",
                    )
                # A new role on access the person already accepted: they are told.
                account.role = role
                account.save(update_fields=["role", "updated_at"])
                transaction.on_commit(
                    lambda: task_access_granted_notify.delay(account_id=account.pk)
                )
                return account
            if account:
                # An earlier offer still open is replaced by this one.
                _invitations_expire(account.invitations.all())
                account.role = role
                account.is_active = not has_login
                account.deactivated_at = None
                account.invited_by = invited_by
                account.save()
            else:
                account = CityAccount.objects.create(
                    user=user, city=city, role=role, invited_by=invited_by, is_active=not has_login
                )
            invitation_create(user=user, account=account, invited_by=invited_by, is_grant=has_login)
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
    """Ends a person's access to a city (or withdraws an offer not yet accepted); their
    open invitations to it expire, so no old link brings the access back."""
    if account.user_id == by.pk and not by.is_staff:
        raise ServiceError(_("You cannot deactivate your own account."), code="self")
    if account.is_primary and not by.is_staff:
        raise ServiceError(
            _("Only the coalition's office can deactivate a primary account."), code="primary"
        )
    if account.deactivated_at and not account.is_active:
        return account
    with transaction.atomic():
        account.is_active = False
        account.is_delegate = False
        account.deactivated_at = timezone.now()
        account.save(update_fields=["is_active", "is_delegate", "deactivated_at", "updated_at"])
        _invitations_expire(account.invitations.all())
    logger.info("city account deactivated account=%s by=%s", account.pk, by.pk)
    return account


def user_deactivate(*, user: User) -> None:
    """The office ends a person's login: their open invitations expire with it."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        _invitations_expire(Invitation.objects.filter(user=user))
    user.is_active = False
    logger.info("user deactivated user=%s", user.pk)


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
