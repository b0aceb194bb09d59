"""A coordinator whose session ends while writing loses nothing."""

import pytest
from playwright.sync_api import expect

from reporting.models import Answer
from reporting.services.reports import report_start
from tests.e2e.test_report_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_expired_session_keeps_text_and_saves_after_logging_in_again(
    page, live_server, primary, city, questionnaire
):
    report = report_start(city=city, cycle=questionnaire.cycle, by=primary)
    base = live_server.url
    log_in(page, base, primary.email)
    page.goto(f"{base}/cities/{city.slug}/reports/{report.cycle.year}/sections/strategy/")

    # The session ends (timeout, or logged out in another tab) while the person writes.
    page.context.clear_cookies()
    page.get_by_label("Summary").fill("An hour of careful writing.")

    expect(page.locator("#save-status")).to_contain_text("session has ended")
    expect(page.get_by_label("Summary")).to_have_value("An hour of careful writing.")
    assert not Answer.objects.exists()

    # They log in again in a new tab and press Retry in the first one.
    other = page.context.new_page()
    log_in(other, base, primary.email)
    other.close()
    page.get_by_role("button", name="Retry").click()

    expect(page.locator("#save-status")).to_contain_text("Saved at")
    assert Answer.objects.get().value == "An hour of careful writing."
