"""The coalition's office in a real browser: two-factor login, a new reporting
cycle, a submitted report returned to draft, and a prize ballot opened and closed."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from prize.enums import BallotState, TieBreakRule
from prize.models import Ballot, Finalist
from reporting.enums import ReportState, SizeCategory
from reporting.models import ReportingCycle
from reporting.services.reports import report_submit
from tests.conftest import totp_code
from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD
from tests.reporting.test_submission import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_office_opens_a_cycle_returns_a_report_and_runs_a_ballot(
    page, live_server, report, q, primary, staff, vote_setup, screenshot
):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    # The office's account administers cycles in the Django admin, as the demo's
    # office account does (seed_demo makes it a superuser).
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    edition = vote_setup["edition"]
    base = live_server.url
    new_year = report.cycle.year + 1
    today = timezone.localdate()
    new_date = report.cycle.submission_deadline + datetime.timedelta(days=10)

    # Two-factor login.
    page.goto(base + "/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_label("Code")).to_be_visible()
    assert_accessible(page)
    screenshot("two-factor")
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign In|Log in")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    assert_accessible(page)
    screenshot("staff-home")

    # A new cycle, in the admin.
    page.goto(base + "/admin/reporting/reportingcycle/add/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("reporting cycle")
    dates = {
        "Year": str(new_year),
        "Registration opens": today + datetime.timedelta(days=300),
        "Questionnaire opens": today + datetime.timedelta(days=330),
        "Submission deadline": today + datetime.timedelta(days=420),
        "Evaluation ends": today + datetime.timedelta(days=540),
        "General Assembly": today + datetime.timedelta(days=570),
    }
    for label, value in dates.items():
        page.get_by_label(re.compile(f"^{label}")).fill(str(value))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    cycle = ReportingCycle.objects.get(year=new_year)
    assert cycle.submission_deadline == dates["Submission deadline"]

    # A submitted report goes back to draft, with the reason in its history.
    page.goto(f"{base}/cities/{report.city.slug}/reports/{report.cycle.year}/")
    assert_accessible(page)
    page.get_by_role("link", name="Return the report to draft…").click()
    # One page: what will happen, who is told, the reason and the new date together.
    expect(page.get_by_role("main")).to_contain_text(primary.email)
    page.get_by_label(re.compile("^Reason")).fill("The city asked to add a measure.")
    page.get_by_label("The city may submit again until").fill(str(new_date))
    assert_accessible(page)
    screenshot("staff-report-return")
    page.get_by_role("button", name="Return the report to draft").click()
    expect(page.locator(".messages")).to_contain_text("back in draft")
    expect(page.get_by_role("region", name="History")).to_contain_text(
        "The city asked to add a measure."
    )
    assert_accessible(page)
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    assert report.deadline_extended_to == new_date

    # The prize ballot of the larger cities: opened, one paper vote, closed and counted.
    page.goto(f"{base}/prize/{edition.year}/")
    assert_accessible(page)
    screenshot("prize-edition")
    page.get_by_label("Category").select_option(SizeCategory.LARGE.value)
    page.get_by_label("If there is a tie").select_option(TieBreakRule.RUNOFF.value)
    page.get_by_role("button", name="Open the ballot").click()
    expect(page.locator(".messages")).to_contain_text("The ballot is open.")
    assert_accessible(page)
    screenshot("prize-ballot-open")
    page.get_by_label("City", exact=True).select_option(label="Ghent")
    graz = Finalist.objects.get(candidature__city__name="Graz")
    page.get_by_label("Finalist chosen on paper").select_option(str(graz.pk))
    page.get_by_role("button", name="Record the paper vote").click()
    expect(page.get_by_text("Ghent (on paper)")).to_be_visible()
    page.get_by_role("button", name="Close the ballot and count").click()
    # The confirmation step shows the turnout and, below the quorum, asks again.
    expect(page.get_by_test_id("turnout")).to_contain_text("member cities has voted")
    page.get_by_role("checkbox", name=re.compile("Close although")).check()
    page.get_by_role("main").get_by_role("button", name="Close the ballot and count").click()
    expect(page.locator(".messages")).to_contain_text("closed and counted")
    assert_accessible(page)
    screenshot("prize-ballot-result")

    ballot = Ballot.objects.get(edition=edition, category=SizeCategory.LARGE)
    assert ballot.state == BallotState.CLOSED
    assert ballot.winner == graz
