"""The privacy notice: public, in every interface language, linked from the footer
and the login page, replaceable by staff per language like a help page."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from reporting.models import HelpPage

NOTICE = "/privacy/"


def test_notice_url_is_public(client, db):
    response = client.get(NOTICE)
    assert (reverse("privacy:notice"), response.status_code) == (NOTICE, 200)


def test_notice_names_the_controller_processors_and_periods(client, db, settings):
    settings.RETENTION_APPLICATION_MONTHS = 7
    settings.PRIVACY_PROCESSORS = ["Hosting: Example Host GmbH", "Machine translation: DeepL SE"]
    page = client.get(NOTICE).content.decode()
    for expected in (
        settings.COALITION_NAME,
        settings.COALITION_OFFICE,
        settings.COALITION_CONTACT_EMAIL,
        "Example Host GmbH",
        "DeepL SE",
        "7 months",
        "90 days",
        "Art. 17",
    ):
        assert expected in page


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_notice_is_shown_in_every_interface_language(client, db, language):
    response = client.get(NOTICE, HTTP_ACCEPT_LANGUAGE=language)
    assert (response.status_code, response.context["LANGUAGE_CODE"]) == (200, language)


def test_footer_of_every_page_links_the_notice(client, db):
    assert f'href="{NOTICE}"' in client.get("/").content.decode()


def test_login_page_links_the_notice(client, db):
    assert f'href="{NOTICE}"' in client.get(reverse("account_login")).content.decode()


def test_staff_text_replaces_the_default_in_its_language_only(client, db):
    HelpPage.objects.create(
        slug="privacy",
        title_en="Our privacy notice",
        body_en="We keep what we must.\n\nWrite to us.",
    )
    english = client.get(NOTICE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    with translation.override("fr"):
        french = client.get(NOTICE, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert ("We keep what we must." in english, "We keep what we must." in french) == (True, False)
    assert "leur effacement (art. 17)" in french
