import re
from datetime import timedelta

import pytest
from django.contrib import admin
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from eccar.errors import ServiceError
from reporting.enums import AccessRequestStatus, AccountRole
from reporting.models import AccessRequest, CityAccount, Invitation, User
from reporting.services.accounts import (
    city_account_deactivate,
    city_account_invite,
    invitation_accept,
    user_deactivate,
)
from tests.factories import CityAccountFactory, UserFactory

NEW_PASSWORD = "violet tram harbour seven"


def _link_from(mail) -> str:
    return re.search(r"https?://\S+/accounts/invitation/\S+/", mail.body).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


def test_staff_invites_primary_account_which_sets_password_and_logs_in(
    login, staff, city, mailoutbox, commit_callbacks
):
    client = login(staff)

    with commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:account_invite", args=[city.slug]),
            {"email": "Coordinator@Graz.example", "full_name": "Eva Pichler", "role": "primary"},
        )

    assert response.status_code == 302
    account = CityAccount.objects.get(city=city, role=AccountRole.PRIMARY)
    assert account.user.email == "coordinator@graz.example"
    assert not account.user.has_usable_password()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["coordinator@graz.example"]
    link = _link_from(mailoutbox[0])

    client.logout()
    page = client.get(_path(link))
    assert page.status_code == 200
    done = client.post(_path(link), {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert done.status_code == 302
    user = User.objects.get(email="coordinator@graz.example")
    assert user.check_password(NEW_PASSWORD)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_invitation_link_used_twice_is_refused_with_message(
    client, city, staff, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        city_account_invite(
            city=city, email="new@graz.example", role=AccountRole.PRIMARY, invited_by=staff
        )
    path = _path(_link_from(mailoutbox[0]))
    client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    response = client.post(path, {"password1": "another long passphrase", "password2": "x"})

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert User.objects.get(email="new@graz.example").check_password(NEW_PASSWORD)


def test_invitation_link_expired_is_refused_with_message(
    client, city, staff, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        city_account_invite(
            city=city, email="late@graz.example", role=AccountRole.PRIMARY, invited_by=staff
        )
    Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(_path(_link_from(mailoutbox[0])))

    assert response.status_code == 410
    assert "expired" in response.content.decode()


def test_invitation_link_tampered_is_refused(client, city, staff, mailoutbox, commit_callbacks):
    with commit_callbacks(execute=True):
        city_account_invite(
            city=city, email="x@graz.example", role=AccountRole.PRIMARY, invited_by=staff
        )
    path = _path(_link_from(mailoutbox[0]))

    response = client.get(path[:-3] + "xx/")

    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_invitation_weak_password_is_refused_and_link_stays_usable(
    client, city, staff, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        city_account_invite(
            city=city, email="w@graz.example", role=AccountRole.PRIMARY, invited_by=staff
        )
    path = _path(_link_from(mailoutbox[0]))

    response = client.post(path, {"password1": "password1234", "password2": "password1234"})

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert Invitation.objects.get().accepted_at is None


def test_second_primary_account_is_refused_with_message(login, staff, city, primary):
    client = login(staff)

    response = client.post(
        reverse("reporting:account_invite", args=[city.slug]),
        {"email": "second@graz.example", "role": "primary"},
    )

    assert response.status_code == 400
    assert "already has a primary account" in response.content.decode()
    assert CityAccount.objects.filter(city=city, role=AccountRole.PRIMARY).count() == 1
    assert not User.objects.filter(email="second@graz.example").exists()


def test_database_refuses_second_active_primary_account(city, primary):
    with pytest.raises(IntegrityError), transaction.atomic():
        CityAccountFactory(city=city, role=AccountRole.PRIMARY)


def test_database_allows_a_new_primary_after_the_old_one_is_deactivated(city, primary):
    CityAccount.objects.filter(user=primary).update(is_active=False)

    CityAccountFactory(city=city, role=AccountRole.PRIMARY)

    assert CityAccount.objects.filter(city=city, role=AccountRole.PRIMARY).count() == 2


def test_duplicate_email_for_same_city_is_refused(city, primary, secondary):
    with pytest.raises(ServiceError, match="already has access"):
        city_account_invite(
            city=city, email=secondary.email.upper(), role=AccountRole.SECONDARY, invited_by=primary
        )

    assert CityAccount.objects.filter(user=secondary).count() == 1


def test_existing_login_from_earlier_cycle_is_offered_access_to_accept(
    city, other_city, staff, mailoutbox, commit_callbacks
):
    veteran = UserFactory(email="veteran@example.org", preferred_language="en")
    CityAccountFactory(user=veteran, city=other_city, role=AccountRole.SECONDARY)

    with commit_callbacks(execute=True):
        account = city_account_invite(
            city=city, email="veteran@example.org", role=AccountRole.SECONDARY, invited_by=staff
        )

    assert User.objects.filter(email="veteran@example.org").count() == 1
    assert not account.is_active
    assert Invitation.objects.get().is_grant
    assert "existing login" in mailoutbox[0].body
    assert "Accept the access" in mailoutbox[0].body


def _grant_to(user, *, city, by, mailoutbox, commit_callbacks) -> str:
    with commit_callbacks(execute=True):
        city_account_invite(city=city, email=user.email, role=AccountRole.SECONDARY, invited_by=by)
    return _path(_link_from(mailoutbox[-1]))


def test_primary_adding_an_existing_login_gives_no_access_until_they_accept(
    login, primary, other_primary, city, mailoutbox, commit_callbacks
):
    path = _grant_to(
        other_primary,
        city=city,
        by=primary,
        mailoutbox=mailoutbox,
        commit_callbacks=commit_callbacks,
    )
    city_page = login(primary).get(city.get_absolute_url()).content.decode()
    client = login(other_primary)

    before = client.get(city.get_absolute_url())
    page = client.get(path)
    accepted = client.post(path)
    after = client.get(city.get_absolute_url())

    assert "Waiting for acceptance" in city_page
    assert before.status_code == 404
    assert page.status_code == 200
    assert "Accept access" in page.content.decode()
    assert accepted.status_code == 302
    assert accepted.url == reverse("home")
    assert after.status_code == 200
    assert CityAccount.objects.get(user=other_primary, city=city).is_active


def test_grant_accepted_from_the_email_link_keeps_the_password_and_logs_nobody_in(
    client, primary, other_primary, city, mailoutbox, commit_callbacks
):
    path = _grant_to(
        other_primary,
        city=city,
        by=primary,
        mailoutbox=mailoutbox,
        commit_callbacks=commit_callbacks,
    )
    password_before = User.objects.get(pk=other_primary.pk).password

    response = client.post(path, {"password1": "x", "password2": "x"})

    assert response.status_code == 302
    assert response.url == reverse("account_login")
    assert "_auth_user_id" not in client.session
    assert User.objects.get(pk=other_primary.pk).password == password_before
    assert CityAccount.objects.get(user=other_primary, city=city).is_active


def test_grant_withdrawn_by_the_city_cannot_be_accepted(
    client, primary, other_primary, city, mailoutbox, commit_callbacks
):
    path = _grant_to(
        other_primary,
        city=city,
        by=primary,
        mailoutbox=mailoutbox,
        commit_callbacks=commit_callbacks,
    )
    city_account_deactivate(
        account=CityAccount.objects.get(user=other_primary, city=city), by=primary
    )

    response = client.post(path)

    assert response.status_code == 410
    assert "withdrawn" in response.content.decode()
    assert not CityAccount.objects.get(user=other_primary, city=city).is_active


@pytest.mark.parametrize("role", ["reviewer", "board", "staff"])
def test_city_cannot_enrol_a_coalition_role_without_the_office(
    role, login, primary, city, request, mailoutbox, commit_callbacks
):
    person = request.getfixturevalue(role)
    client = login(primary)

    with commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:account_invite", args=[city.slug]),
            {"email": person.email, "role": "secondary"},
        )

    assert response.status_code == 400
    assert "office can give them access to Graz" in response.content.decode()
    assert not CityAccount.objects.filter(user=person).exists()
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_office_may_offer_a_reviewer_access_which_they_accept(
    reviewer, staff, city, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        account = city_account_invite(
            city=city, email=reviewer.email, role=AccountRole.SECONDARY, invited_by=staff
        )

    assert not account.is_active
    assert Invitation.objects.get(user=reviewer).is_grant


def test_invitation_open_from_before_does_not_reactivate_a_deactivated_user(
    client, city, staff, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        city_account_invite(
            city=city, email="gone@graz.example", role=AccountRole.PRIMARY, invited_by=staff
        )
    path = _path(_link_from(mailoutbox[0]))
    # Staff deactivate the login directly (the admin's checkbox, a script).
    User.objects.filter(email="gone@graz.example").update(is_active=False)

    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 410
    assert "no longer valid" in response.content.decode()
    user = User.objects.get(email="gone@graz.example")
    assert not user.is_active
    assert not user.has_usable_password()
    assert "_auth_user_id" not in client.session


def test_deactivating_a_user_expires_their_open_invitations(
    city, staff, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        city_account_invite(
            city=city, email="gone@graz.example", role=AccountRole.PRIMARY, invited_by=staff
        )
    user = User.objects.get(email="gone@graz.example")

    user_deactivate(user=user)
    # Even if the office restores the login later, the old link stays dead.
    User.objects.filter(pk=user.pk).update(is_active=True)

    with pytest.raises(ServiceError, match="expired"):
        invitation_accept(token=_path(_link_from(mailoutbox[0])).split("/")[-2], password="x")


def test_admin_deactivating_a_user_expires_their_open_invitations(
    rf, staff, city, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        city_account_invite(
            city=city, email="gone@graz.example", role=AccountRole.PRIMARY, invited_by=staff
        )
    user = User.objects.get(email="gone@graz.example")
    model_admin = admin.site._registry[User]
    request = rf.post("/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    form_class = model_admin.get_form(request, user, change=True)
    data = {"email": user.email, "full_name": "", "preferred_language": "", "is_active": ""}
    form = form_class(data, instance=user)
    assert form.is_valid(), form.errors

    model_admin.save_model(request, form.save(commit=False), form, change=True)

    assert Invitation.objects.get(user=user).is_expired


def test_deactivating_a_city_account_expires_its_invitation(
    client, city, primary, mailoutbox, commit_callbacks
):
    with commit_callbacks(execute=True):
        account = city_account_invite(
            city=city, email="new@graz.example", role=AccountRole.SECONDARY, invited_by=primary
        )
    path = _path(_link_from(mailoutbox[0]))

    city_account_deactivate(account=account, by=primary)
    response = client.post(path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert response.status_code == 410
    assert Invitation.objects.get().is_expired
    assert not User.objects.get(email="new@graz.example").has_usable_password()


def test_city_cannot_invite_a_deactivated_login(primary, city):
    gone = UserFactory(email="gone@example.org", is_active=False)

    with pytest.raises(ServiceError, match="deactivated by the coalition's office"):
        city_account_invite(
            city=city, email=gone.email, role=AccountRole.SECONDARY, invited_by=primary
        )

    assert not CityAccount.objects.filter(user=gone).exists()


def test_primary_invites_secondary_from_city_page(
    login, primary, city, mailoutbox, commit_callbacks
):
    client = login(primary)

    with commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:account_invite", args=[city.slug]),
            {"email": "colleague@graz.example", "role": "secondary"},
        )

    assert response.status_code == 302
    assert CityAccount.objects.get(user__email="colleague@graz.example").role == "secondary"
    assert len(mailoutbox) == 1


def test_primary_cannot_invite_a_primary_account(login, primary, city):
    client = login(primary)

    response = client.post(
        reverse("reporting:account_invite", args=[city.slug]),
        {"email": "coup@graz.example", "role": "primary"},
    )

    assert response.status_code == 400
    assert not User.objects.filter(email="coup@graz.example").exists()


def test_secondary_cannot_invite_or_deactivate(login, secondary, primary, city):
    client = login(secondary)
    account = CityAccount.objects.get(user=primary)

    invite = client.post(
        reverse("reporting:account_invite", args=[city.slug]),
        {"email": "c@graz.example", "role": "secondary"},
    )
    deactivate = client.post(reverse("reporting:account_deactivate", args=[city.slug, account.pk]))

    assert invite.status_code == 403
    assert deactivate.status_code == 403
    assert CityAccount.objects.get(pk=account.pk).is_active


def test_primary_deactivates_secondary_who_then_loses_access(login, primary, secondary, city):
    client = login(primary)
    account = CityAccount.objects.get(user=secondary)

    response = client.post(reverse("reporting:account_deactivate", args=[city.slug, account.pk]))

    assert response.status_code == 302
    assert not CityAccount.objects.get(pk=account.pk).is_active
    client.force_login(secondary)
    assert client.get(city.get_absolute_url()).status_code == 404


def test_primary_cannot_deactivate_itself(login, primary, city):
    client = login(primary)
    account = CityAccount.objects.get(user=primary)

    client.post(reverse("reporting:account_deactivate", args=[city.slug, account.pk]))

    assert CityAccount.objects.get(pk=account.pk).is_active


def test_deactivate_is_post_only(login, primary, secondary, city):
    client = login(primary)
    account = CityAccount.objects.get(user=secondary)

    response = client.get(reverse("reporting:account_deactivate", args=[city.slug, account.pk]))

    assert response.status_code == 405
    assert CityAccount.objects.get(pk=account.pk).is_active


def test_access_request_is_stored_and_approved_by_staff(
    client, city, staff, mailoutbox, commit_callbacks
):
    client.post(
        reverse("reporting:access_request"),
        {
            "full_name": "Eva Pichler",
            "email": "eva@graz.example",
            "city_name": "graz",
            "country": "AT",
            "message": "I coordinate the report.",
        },
    )
    request = AccessRequest.objects.get()
    assert request.city == city

    client.force_login(staff)
    with commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:access_request_decide", args=[request.pk]),
            {"decision": "approve", "city": city.pk, "role": "primary"},
        )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequestStatus.APPROVED
    assert CityAccount.objects.get(city=city, role="primary").user.email == "eva@graz.example"
    assert len(mailoutbox) == 1


def test_access_request_decided_twice_creates_nothing_twice(client, city, staff):
    request = AccessRequest.objects.create(
        full_name="A", email="a@graz.example", city_name="Graz", country="AT"
    )
    client.force_login(staff)
    url = reverse("reporting:access_request_decide", args=[request.pk])
    data = {"decision": "approve", "city": city.pk, "role": "secondary"}

    client.post(url, data)
    client.post(url, data)

    assert CityAccount.objects.filter(user__email="a@graz.example").count() == 1
    assert Invitation.objects.count() == 1


def test_access_request_honeypot_stores_nothing(client, db):
    response = client.post(
        reverse("reporting:access_request"),
        {
            "full_name": "Bot",
            "email": "bot@spam.example",
            "city_name": "X",
            "country": "DE",
            "website": "http://spam.example",
        },
    )

    assert response.status_code == 302
    assert not AccessRequest.objects.exists()


@pytest.mark.real_cache  # the rate limiter counts in the cache
def test_access_request_is_rate_limited(client, db):
    data = {"full_name": "P", "email": "p@x.example", "city_name": "X", "country": "DE"}
    for _ in range(5):
        client.post(reverse("reporting:access_request"), data)

    response = client.post(reverse("reporting:access_request"), data)

    assert response.status_code == 200
    assert "Too many requests" in response.content.decode()
    assert AccessRequest.objects.count() == 5


def test_access_requests_page_is_staff_only(login, primary, db):
    assert login(primary).get(reverse("reporting:access_request_list")).status_code == 403
