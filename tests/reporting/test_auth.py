import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from eccar.backends import StaffModelBackend
from tests.conftest import totp_code
from tests.factories import PASSWORD, UserFactory

LOGIN_URL = "/accounts/login/"


def _post_login(client, email, password=PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password})


@pytest.mark.parametrize("role", ["primary", "secondary", "delegate"])
def test_login_without_two_factor_reaches_home(client, role, request):
    user = request.getfixturevalue(role)

    response = _post_login(client, user.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert home.context["user"] == user


@pytest.mark.parametrize("role", ["staff", "reviewer", "board"])
def test_login_with_two_factor_asks_for_code_then_reaches_home(client, role, request):
    user = request.getfixturevalue(role)

    first = _post_login(client, user.email)
    assert first.status_code == 302
    assert first["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    second = client.post("/accounts/2fa/authenticate/", {"code": totp_code()})

    assert second.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get(reverse("home")).status_code == 200


def test_login_wrong_password_shows_message_and_stays_anonymous(client, primary):
    response = _post_login(client, primary.email, "not the password at all")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "The email address and/or password you specified are not correct." in (
        response.content.decode()
    )


@pytest.mark.real_cache  # the rate limiter counts in the cache
def test_login_attempts_are_rate_limited_with_a_clear_message(client, primary):
    for _ in range(5):
        _post_login(client, primary.email, "wrong password guess")

    response = _post_login(client, primary.email, PASSWORD)

    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_failed_login_is_logged(client, primary, caplog):
    with caplog.at_level("WARNING", logger="eccar.security"):
        _post_login(client, primary.email, "wrong password guess")

    assert any("login failed" in record.getMessage() for record in caplog.records)
    assert primary.email not in caplog.text


@pytest.mark.parametrize("role", ["staff", "reviewer"])
def test_two_factor_is_required_before_any_page_for(role, client, db, request):
    flags = {"staff": {"is_staff": True}, "reviewer": {"is_reviewer": True}}[role]
    user = UserFactory(**flags)
    client.force_login(user)

    for url in [reverse("home"), reverse("reporting:city_list"), "/admin/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp")


def test_two_factor_activation_lifts_the_requirement(client, db):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    # allauth asks for the password again before activation.
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session.get("mfa.totp.secret") or generate_totp_secret()

    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})

    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_session_user_carries_its_totp_flag(reviewer, db):
    """The two-factor middleware reads the flag loaded with the user, not a query more."""
    without = UserFactory(is_staff=True)

    assert StaffModelBackend().get_user(reviewer.pk).has_totp is True
    assert StaffModelBackend().get_user(without.pk).has_totp is False


def test_two_factor_is_asked_again_at_the_next_request_after_totp_is_removed(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("home")).status_code == 200
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    removed = client.post("/accounts/2fa/totp/deactivate/")
    response = client.get(reverse("home"))

    assert removed.status_code == 302
    assert not Authenticator.objects.filter(user=reviewer).exists()
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_signup_is_closed(client, db):
    response = client.get("/accounts/signup/")

    assert "Sign Up Closed" in response.content.decode()


def test_password_reset_does_not_reveal_whether_email_exists(client, primary, mailoutbox):
    known = client.post("/accounts/password/reset/", {"email": primary.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@nowhere.example"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


@pytest.mark.parametrize(
    ("password", "accepted"),
    [
        ("short pass", False),
        ("password1234", False),
        ("P@ssw0rd2025!", False),
        ("aaaaaaaaaaaaaa", False),
        ("letmeinletmein", False),
        ("violet tram harbour seven", True),
    ],
)
def test_password_rules_follow_current_guidance(password, accepted, db):
    try:
        validate_password(password)
        ok = True
    except ValidationError:
        ok = False

    assert ok is accepted


def test_session_expires_after_inactivity(client, primary, settings):
    client.force_login(primary)
    client.get(reverse("home"))
    session = client.session
    session["_last_seen"] -= settings.SESSION_IDLE_TIMEOUT + 1
    session.save()

    response = client.get(reverse("home"))

    assert response.context["user"].is_anonymous
    assert "_auth_user_id" not in client.session


def test_session_ends_at_maximum_lifetime_even_when_active(client, primary, settings):
    client.force_login(primary)
    client.get(reverse("home"))
    session = client.session
    session["_started"] -= settings.SESSION_MAX_LIFETIME + 1
    session.save()

    response = client.get(reverse("home"))

    assert response.context["user"].is_anonymous
