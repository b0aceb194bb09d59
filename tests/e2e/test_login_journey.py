import pytest
from playwright.sync_api import expect

from reporting.services.reports import report_start
from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_city_coordinator_logs_in_and_reaches_home(
    page, live_server, primary, city, cycle, screenshot
):
    report_start(city=city, cycle=cycle, by=primary)

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Log in").first.click()
    page.get_by_label("Email").fill(primary.email)
    page.get_by_label("Password").fill(PASSWORD)
    assert_accessible(page)
    screenshot("login")
    page.get_by_role("button", name="Log in").click()

    expect(page.get_by_role("heading", level=2, name="Graz")).to_be_visible()
    expect(page.get_by_text(f"Your {cycle} report:")).to_be_visible()
    expect(page.get_by_text(f"Your {cycle} report:").locator(".badge")).to_have_text("In progress")
    # Every report of the city is listed too, this one included.
    expect(page.get_by_role("list", name="All your reports")).to_contain_text(f"Report {cycle}")
    assert_accessible(page)
    screenshot("home-city")


def test_language_switcher_changes_language_by_keyboard(page, live_server, primary):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(primary.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(live_server.url + "/")

    page.locator(".language-menu summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Deutsch").click()

    expect(page.locator("html")).to_have_attribute("lang", "de")
    primary.refresh_from_db()
    assert primary.preferred_language == "de"
