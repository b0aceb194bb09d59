"""Personal data in a real browser: a coordinator downloads their data from the account
menu, and the office anonymises a colleague through the confirmation page."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from eccar.models import Anonymisation, PrivacyEvent
from eccar.privacy.enums import PrivacyEventKind
from tests.conftest import totp_code
from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()


def test_a_person_downloads_their_data_and_staff_anonymise_another(
    page, live_server, primary, secondary, staff, screenshot
):
    base = live_server.url

    # The privacy notice is linked from the login page.
    page.goto(base + "/accounts/login/")
    page.get_by_role("link", name=re.compile("privacy notice")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    assert_accessible(page)

    # The primary account downloads their data from the account menu.
    log_in(page, base, primary.email)
    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Your data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your data")
    assert_accessible(page)
    screenshot("privacy-your-data")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as a file (JSON)").click()
    data = json.loads(Path(download_info.value.path()).read_text(encoding="utf-8"))
    assert data["profile"]["email"] == primary.email
    page.get_by_role("link", name="Read it as a page").click()
    expect(page.get_by_role("heading", name="City accounts and roles")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Graz")
    assert_accessible(page)

    # The office finds the colleague and anonymises them after a confirmation page.
    page.context.clear_cookies()
    log_in(page, base, staff.email)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign In|Log in")).click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Personal data").click()
    page.get_by_label("Name or email address").fill(secondary.email)
    page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    page.get_by_role("link", name=str(secondary)).click()
    assert_accessible(page)
    page.get_by_role("link", name="Anonymise this person…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anonymise")
    assert_accessible(page)
    screenshot("privacy-anonymise")
    page.get_by_label("Reason (for the privacy log)").fill("Left the city's service")
    page.get_by_role("button", name="Anonymise").click()

    anonymisation = Anonymisation.objects.get(user=secondary)
    expect(page.get_by_role("status")).to_contain_text(anonymisation.placeholder)
    expect(page.get_by_role("heading", level=1)).to_have_text(anonymisation.placeholder)
    assert sorted(PrivacyEvent.objects.values_list("kind", flat=True)) == sorted(
        [
            PrivacyEventKind.DATA_DOWNLOADED,
            PrivacyEventKind.DATA_DOWNLOADED,
            PrivacyEventKind.ANONYMISED,
        ]
    )
