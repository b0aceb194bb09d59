"""What tests/reporting/test_auth.py leaves open about logging in: the per-address limit
across accounts, a wrong second factor, and password reset mail."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import totp_code
from tests.factories import PASSWORD, UserFactory

LOGIN_URL = "/accounts/login/"


def _post_login(client, email, password=PASSWORD):
    return client.post(LOGIN_URL, {"login": email, "password": password})


@pytest.mark.real_cache  # the rate limiter counts in the cache
def test_login_failures_across_accounts_block_the_address(client, primary):
    # Ten guesses a minute from one address, each against another account ...
    for n in range(10):
        _post_login(client, f"guess{n}@graz.example", "wrong password guess")

    # ... and the eleventh is refused even with a right password.
    response = _post_login(client, primary.email, PASSWORD)

    assert "_auth_user_id" not in client.session
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()


def test_login_limit_is_per_address(client, primary):
    for _ in range(5):
        _post_login(client, primary.email, "wrong password guess")

    # Another person of the same city, elsewhere, still logs in.
    other = UserFactory(email="colleague@graz.example")
    elsewhere = Client(REMOTE_ADDR="198.51.100.7")
    response = _post_login(elsewhere, other.email, PASSWORD)

    assert response.status_code == 302
    assert elsewhere.session["_auth_user_id"] == str(other.pk)


@pytest.mark.parametrize("role", ["staff", "reviewer"])
def test_wrong_two_factor_code_leaves_the_user_logged_out(client, role, request):
    user = request.getfixturevalue(role)
    _post_login(client, user.email)
    wrong = "000000" if totp_code() != "000000" else "111111"

    response = client.post("/accounts/2fa/authenticate/", {"code": wrong})

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("reporting:city_list")).status_code == 302


@pytest.mark.parametrize("role", ["staff", "reviewer"])
def test_password_alone_reaches_no_page_for(client, role, request):
    user = request.getfixturevalue(role)
    _post_login(client, user.email)

    response = client.get(reverse("reviews:worklist_current"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_password_reset_mails_only_existing_accounts(client, primary, mailoutbox):
    known = client.post("/accounts/password/reset/", {"email": primary.email})
    unknown = client.post("/accounts/password/reset/", {"email": "nobody@nowhere.example"})

    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mailoutbox] == [[primary.email]]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_password_reset_page_reads_the_same_for_any_email(client, primary):
    known = client.post("/accounts/password/reset/", {"email": primary.email}, follow=True)
    unknown = client.post(
        "/accounts/password/reset/", {"email": "nobody@nowhere.example"}, follow=True
    )

    assert _without_csrf_token(known.content) == _without_csrf_token(unknown.content)


def _without_csrf_token(html: bytes) -> bytes:
    # The token is masked anew in each response; nothing else may differ.
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)
