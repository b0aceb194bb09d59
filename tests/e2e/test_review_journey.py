"""The reviewer's journey of the reviews issue, in a real browser: two-factor login,
feedback with autosave, scores, finalising, letter preview; then the office sends it."""

import re

import pytest
from playwright.sync_api import expect

from reporting.enums import ReportState
from reporting.services.reports import report_submit
from reviews import services
from reviews.enums import LetterState
from reviews.models import Criterion, Letter, Review
from tests.conftest import totp_code
from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD
from tests.reporting.test_submission import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in_two_factor(page, base, email):
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign In|Log in")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")


def test_reviewer_writes_feedback_and_the_office_sends_the_letter(
    page, live_server, report, q, primary, reviewer, staff, mailoutbox, screenshot
):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    services.reviewer_assign(report=report, reviewer=reviewer, by=staff)
    Criterion.objects.create(cycle=report.cycle, code="impact", title="Impact")
    services.general_feedback_save(
        cycle=report.cycle, by=staff, final=True, text="Cities asked for shared indicators."
    )
    base = live_server.url
    year, slug = report.cycle.year, report.city.slug

    log_in_two_factor(page, base, reviewer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").click()
    page.get_by_role("link", name=report.city.name).click()
    page.wait_for_load_state()
    conclusion = page.get_by_label("General conclusion")
    conclusion.fill("A clear mandate and a funded office; equality data would help.")
    expect(page.locator("#save-status")).to_contain_text("Saved at", timeout=10_000)
    page.reload()
    expect(page.get_by_label("General conclusion")).to_have_value(
        "A clear mandate and a funded office; equality data would help."
    )
    version = Review.objects.get().version
    page.wait_for_timeout(2500)  # longer than the autosave delay
    assert Review.objects.get().version == version  # opening the page saves nothing
    page.get_by_label("Impact").select_option("3")
    page.get_by_text("Feedback per commitment").click()
    page.get_by_label(re.compile(r"^3\. ")).fill("The counselling office is a model.")
    assert_accessible(page)
    screenshot("review-form")
    page.get_by_role("button", name="Save and finalise the letter").click()
    expect(page.locator(".messages")).to_contain_text("ready")
    page.get_by_role("link", name="Preview the letter").click()
    expect(page.get_by_role("article")).to_contain_text("A clear mandate and a funded office")
    expect(page.get_by_role("article")).to_contain_text("Cities asked for shared indicators.")
    assert_accessible(page)
    screenshot("letter-preview")
    review = Review.objects.get()
    assert review.assessments.get().score == 3
    assert review.commitment_feedback == {"3": "The counselling office is a model."}

    page.context.clear_cookies()
    log_in_two_factor(page, base, staff.email)
    page.goto(f"{base}/reviews/{year}/outbox/")
    assert_accessible(page)
    screenshot("outbox")
    page.get_by_role("button", name="Send…", exact=True).click()
    # The confirmation page names the letter and its recipients before anything is mailed.
    expect(page.get_by_role("table")).to_contain_text(report.city.mayor_email)
    assert [m for m in mailoutbox if m.to == [report.city.mayor_email]] == []
    assert_accessible(page)
    screenshot("letter-send-confirm")
    page.get_by_role("button", name="Yes, send the letter").click()
    expect(page.locator(".messages")).to_contain_text("being sent")

    letter = Letter.objects.get()
    assert letter.state == LetterState.SENT
    to_mayor = [m for m in mailoutbox if m.to == [report.city.mayor_email]]
    assert len(to_mayor) == 1 and primary.email in to_mayor[0].cc
    report.refresh_from_db()
    assert report.state == ReportState.FEEDBACK_RECEIVED
    assert letter.pdf.name.endswith(".pdf") and slug
