"""The coordinator's journey of the reporting issue, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from reporting.enums import ReportState
from reporting.models import Answer, Measure, Report
from tests.conftest import totp_code
from tests.e2e.accessibility import assert_accessible
from tests.e2e.saving import autosaved
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def log_out(page):
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("main").get_by_role("link", name="Log in")).to_be_visible()


def test_coordinator_reports_from_start_to_submission(
    page,
    live_server,
    primary,
    secondary,
    reviewer,
    city,
    questionnaire,
    tmp_path,
    settings,
    screenshot,
):
    base = live_server.url

    # First session: start the report and write, relying on autosave.
    log_in(page, base, primary.email)
    assert_accessible(page)
    page.get_by_role("button", name="Start your report").click()
    assert_accessible(page)
    page.get_by_role("link", name="City profile").click()
    autosaved(page, lambda: page.get_by_label("Population").fill("300000"), containing="300000")
    autosaved(
        page,
        lambda: page.get_by_label("Contact person").fill("Eva Pichler"),
        containing="Eva Pichler",
    )
    assert_accessible(page)
    screenshot("report-section")
    page.reload()
    expect(page.get_by_label("Contact person")).to_have_value("Eva Pichler")
    log_out(page)

    # Second session: the rest of level 1, with the explicit Save button.
    log_in(page, base, primary.email)
    page.get_by_role("link", name="Continue your report").click()
    page.get_by_role("link", name="Strategy").click()
    page.get_by_role("group", name=re.compile("action plan")).get_by_label("No").check()
    page.get_by_role("button", name="Save", exact=True).click()
    # With JavaScript, Save stores the answers where the person is (issue 17).
    expect(page.locator("#save-status")).to_contain_text("Saved at")

    # Three measures.
    page.get_by_role("link", name="Level 2: measures").click()
    for title in ["Anti-racism hotline", "Street names review", "Staff training"]:
        page.get_by_role("button", name="Add a measure").click()
        page.get_by_label("Title").fill(title)
        page.get_by_role("checkbox", name=re.compile("Better support")).check()
        page.get_by_role("button", name="Save and continue").click()
    expect(page.locator(".measure-list > li")).to_have_count(3)
    assert_accessible(page)
    screenshot("report-measures")

    # The attachment.
    page.get_by_role("link", name=re.compile("· report")).click()
    attachment = tmp_path / "council-decision.pdf"
    attachment.write_bytes(PDF)
    page.get_by_label("File").set_input_files(str(attachment))
    page.get_by_role("button", name="Upload").click()
    expect(page.locator(".messages")).to_contain_text("attachment is saved")
    log_out(page)

    # A colleague with a secondary account edits but cannot submit.
    log_in(page, base, secondary.email)
    page.get_by_role("link", name="Continue your report").click()
    expect(page.get_by_role("link", name="Check and submit")).to_have_count(0)
    page.get_by_role("link", name="Strategy").click()
    autosaved(
        page,
        lambda: page.get_by_label("Summary").fill("Written by the colleague."),
        containing="Written by the colleague.",
    )
    report = Report.objects.get(city=city)
    response = page.request.post(
        f"{base}/cities/{city.slug}/reports/{report.cycle.year}/submit/",
        form={"confirm": "yes"},
        headers={
            "X-CSRFToken": next(
                c["value"] for c in page.context.cookies() if c["name"] == "csrftoken"
            )
        },
    )
    assert response.status == 403
    log_out(page)

    # The coordinator submits and can no longer edit.
    log_in(page, base, primary.email)
    page.get_by_role("link", name="Continue your report").click()
    page.get_by_role("link", name="Check and submit").click()
    page.get_by_label(re.compile("I confirm")).check()
    assert_accessible(page)
    screenshot("report-submit")
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    expect(page.get_by_role("link", name="Check and submit")).to_have_count(0)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert Measure.objects.filter(report=report).count() == 3
    assert Answer.objects.get(question__code="strategy_summary").value == (
        "Written by the colleague."
    )
    page.goto(f"{base}/cities/{city.slug}/reports/{report.cycle.year}/sections/profile/")
    expect(page.get_by_text("403")).to_be_visible()
    log_out(page)

    # The reviewer (two-factor) reads the submitted report.
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(reviewer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign In|Log in")).click()
    page.goto(f"{base}/cities/{city.slug}/reports/{report.cycle.year}/")
    expect(page.get_by_role("heading", name="Measure 1: Anti-racism hotline")).to_be_visible()
    expect(page.get_by_text("Written by the colleague.")).to_be_visible()
    assert_accessible(page)
    screenshot("report-reviewer")
