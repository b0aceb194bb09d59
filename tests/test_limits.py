"""Limits and headers around every request: the body-size cap before parsing, the client
address behind a trusted proxy, private caching of logged-in pages, plain-text emails
without HTML entities, and "not yours" answered 404."""

from unittest import mock

import pytest
from allauth.account.adapter import get_adapter
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from eccar.mail import send_templated_email
from eccar.security_log import client_ip
from reporting.models import Report

from .security_helpers import client_for, world_in_transaction
from .world import MINIMAL_PDF

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _test_settings():
    """The module's world keeps the settings it was built with (as in the matrix)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_transaction(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


# --- Body size: refused from Content-Length, before anything reads the body ---


class _Unreadable:
    """A wsgi.input that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def _post_with_length(path: str, length: int | str, **extra):
    return Client().generic(
        "POST",
        path,
        b"",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **{"wsgi.input": _Unreadable(), **extra},
    )


def test_a_300_mb_application_is_refused_before_its_body_is_read():
    response = _post_with_length(reverse("reporting:join"), 300 * MB)

    assert response.status_code == 413
    assert "6 MB at most" in response.content.decode()
    assert response.templates[0].name == "413.html"


def test_an_ordinary_form_over_the_general_limit_is_refused(world):
    response = _post_with_length(reverse("reporting:access_request"), 3 * MB + 1)

    assert response.status_code == 413
    assert "3 MB at most" in response.content.decode()


def test_an_attachment_under_the_upload_limit_passes_the_size_check(world):
    kwargs = world.report_kwargs("draft")
    url = reverse("reporting:attachment", kwargs=kwargs)
    client = client_for(world.users["primary"])

    upload = SimpleUploadedFile("plan.pdf", MINIMAL_PDF + b" " * (5 * MB - 100), "application/pdf")

    response = client.post(url, {"file": upload})

    assert response.status_code != 413


def test_a_content_length_of_5000_digits_is_refused():
    response = _post_with_length(reverse("reporting:join"), "9" * 5000)

    assert response.status_code == 413


def test_a_chunked_body_without_length_is_refused():
    response = Client().generic(
        "POST",
        reverse("reporting:join"),
        b"",
        content_type="multipart/form-data; boundary=x",
        HTTP_TRANSFER_ENCODING="chunked",
        CONTENT_LENGTH="",
        **{"wsgi.input": _Unreadable()},
    )

    assert response.status_code == 411


def test_django_upload_limits_agree_with_the_request_limits(settings):
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.REQUEST_BODY_LIMIT
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < settings.UPLOAD_BODY_LIMIT
    assert settings.REQUEST_BODY_LIMIT < settings.UPLOAD_BODY_LIMIT == 6 * MB


# --- The client's address behind a proxy ---


def _request_from_proxy():
    # The client forged the first address; the proxy (127.0.0.1) appended what it saw.
    return RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7"
    )


def test_with_one_trusted_proxy_the_client_address_is_used(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = _request_from_proxy()

    assert client_ip(request) == "203.0.113.7"
    assert get_adapter().get_client_ip(request) == "203.0.113.7"


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = _request_from_proxy()

    assert client_ip(request) == "127.0.0.1"
    assert get_adapter().get_client_ip(request) == "127.0.0.1"


def test_allauth_and_the_app_read_the_same_proxy_count(settings):
    assert settings.ALLAUTH_TRUSTED_PROXY_COUNT == settings.TRUSTED_PROXY_COUNT == 0


def test_a_forwarded_header_shorter_than_the_proxy_count_falls_back(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_ip(request) == "10.0.0.1"
    assert get_adapter().get_client_ip(request) == "10.0.0.1"


def test_login_without_the_proxys_header_is_no_server_error(world, db, client, settings):
    """Two proxies configured, one on the way (or a request from inside the network)."""
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 2

    response = client.post(
        "/accounts/login/",
        {"login": world.users["primary"].email, "password": "wrong"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="203.0.113.7",
    )

    assert response.status_code == 200
    assert "not correct" in response.content.decode()


# --- Cache-Control on everything a logged-in person sees ---


@pytest.mark.parametrize(
    "page",
    ["home", "report", "report_pdf", "api_tokens", "api_token_created"],
)
def test_logged_in_responses_are_private_and_not_stored(world, page):
    client = client_for(world.users["primary"])
    kwargs = world.report_kwargs("published")
    with mock.patch("weasyprint.HTML.write_pdf", return_value=MINIMAL_PDF):
        response = {
            "home": lambda: client.get(reverse("home")),
            "report": lambda: client.get(reverse("reporting:report_detail", kwargs=kwargs)),
            "report_pdf": lambda: client.get(reverse("reporting:report_pdf", kwargs=kwargs)),
            "api_tokens": lambda: client.get(reverse("library:api_tokens")),
            # The new key is shown once, on the page the creation redirects to.
            "api_token_created": lambda: client.post(
                reverse("library:api_tokens"), {"name": "Script"}, follow=True
            ),
        }[page]()

    assert response.status_code == 200
    assert set(response["Cache-Control"].replace(" ", "").split(",")) >= {"private", "no-store"}


def test_anonymous_public_pages_keep_their_caching(world):
    response = Client().get(reverse("home"))

    assert "no-store" not in response.get("Cache-Control", "")


# --- Emails are plain text: no HTML entities ---


def test_email_subject_and_text_show_l_aquila_unescaped(world):
    city = world.cities["a"]
    city.name = "L'Aquila"

    send_templated_email(
        template="reporting/emails/submission_confirmation",
        to=["primary@graz.example"],
        context={"city": city, "cycle": 2026, "submitted_at": timezone.now()},
    )

    [message] = mail.outbox
    assert message.subject == "Report 2026 of L'Aquila submitted"
    assert "The 2026 report of L'Aquila was submitted" in message.body
    html = message.alternatives[0][0]
    assert "L&#x27;Aquila" in html


# --- Not yours: 404 ---


def test_feedback_a_city_did_not_publish_is_a_404_to_other_cities(world):
    report = world.reports["published"]
    Report.objects.filter(pk=report.pk).update(publish_feedback=False)
    url = reverse("reviews:feedback", kwargs=world.report_kwargs("published"))

    assert client_for(world.users["other"]).get(url).status_code == 404
    assert client_for(world.users["primary"]).get(url).status_code == 200
