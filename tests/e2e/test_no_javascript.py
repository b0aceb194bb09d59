"""The report form without JavaScript: every answer is saved by the Save buttons,
shown again after a reload, and the report can be submitted."""

import re

import pytest
from playwright.sync_api import expect

from reporting.enums import ReportState
from reporting.models import Answer, Measure
from reporting.services.reports import report_start
from tests.e2e.test_report_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_report_is_written_and_submitted_without_javascript(
    no_js_page, live_server, primary, city, questionnaire
):
    page = no_js_page
    report = report_start(city=city, cycle=questionnaire.cycle, by=primary)
    base = live_server.url
    report_url = f"{base}/cities/{city.slug}/reports/{report.cycle.year}/"
    log_in(page, base, primary.email)

    page.goto(report_url + "sections/profile/")
    page.get_by_label("Population").fill("300000")
    page.get_by_label("Contact person").fill("Eva Pichler")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved at")

    # Without the script the conditional question stays on screen; it is simply left empty.
    page.goto(report_url + "sections/strategy/")
    page.get_by_role("group", name=re.compile("action plan")).get_by_label("No").check()
    page.get_by_label("Summary").fill("Written without JavaScript.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved at")

    page.goto(report_url + "measures/")
    page.get_by_role("button", name="Add a measure").click()
    page.get_by_label("Title").fill("Anti-racism hotline")
    page.get_by_role("checkbox", name=re.compile("Better support")).check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Saved at")

    page.reload()
    expect(page.get_by_label("Title")).to_have_value("Anti-racism hotline")
    expect(page.get_by_role("checkbox", name=re.compile("Better support"))).to_be_checked()
    page.goto(report_url + "sections/strategy/")
    expect(page.get_by_label("Summary")).to_have_value("Written without JavaScript.")
    expect(
        page.get_by_role("group", name=re.compile("action plan")).get_by_label("No")
    ).to_be_checked()
    page.goto(report_url + "sections/profile/")
    expect(page.get_by_label("Contact person")).to_have_value("Eva Pichler")

    page.goto(report_url + "submit/")
    page.get_by_label(re.compile("I confirm")).check()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".messages")).to_contain_text("submitted")

    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert Measure.objects.get(report=report).title == "Anti-racism hotline"
    assert Answer.objects.get(question__code="strategy_summary").value == (
        "Written without JavaScript."
    )
