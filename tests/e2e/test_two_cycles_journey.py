"""One city through two reporting cycles, in a real browser (issue 16's journey).

Cycle A: the city submits; the deadline passes; a reviewer finalises the feedback and
the office sends the letter from the outbox; the city reads the notification, updates
the report after the deadline, submits the update and publishes it with the feedback.
Cycle B opens: report A stays reachable from home; the city submits B, the office
returns it to draft with a new date, the city is told on its home page and submits
again. The reviewer and the office reach both cycles' work lists by clicking only.

(The Board reading each candidature and choosing three finalist cities is the
browser journey tests/prize/test_browser_board.py.)"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reporting.enums import ReportState
from reporting.models import Report
from reporting.questionnaires import questionnaire_load
from reporting.services.content import answer_save
from reviews import services
from reviews.enums import LetterState
from reviews.models import Letter
from tests.conftest import SMALL_QUESTIONNAIRE
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_report_journey import log_in, log_out
from tests.e2e.test_review_journey import log_in_two_factor
from tests.factories import ReportingCycleFactory
from tests.reporting.test_submission import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _days(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def submit_from_home(page, base, *, button: str):
    """Home -> the report -> the check page -> confirm -> submitted."""
    page.goto(base + "/")
    page.get_by_role("link", name=button).first.click()
    page.get_by_role("link", name=re.compile("^Check and submit")).click()
    page.get_by_label(re.compile("^I confirm that this report is complete")).check()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".messages")).to_contain_text("submitted")


def test_one_city_through_two_cycles(
    page, live_server, report, q, primary, reviewer, staff, plan, mailoutbox, screenshot
):
    base = live_server.url
    cycle_a = report.cycle
    slug = report.city.slug
    measure = complete(report, q, primary)

    # --- Cycle A: submission in time ------------------------------------------------
    log_in(page, base, primary.email)
    submit_from_home(page, base, button="Continue your report")
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED

    # The deadline passes; a reviewer finalises the feedback; the general feedback is
    # final: the letter waits in cycle A's outbox.
    cycle_a.registration_opens = _days(-400)
    cycle_a.questionnaire_opens = _days(-380)
    cycle_a.submission_deadline = _days(-200)
    cycle_a.evaluation_ends = _days(-100)
    cycle_a.general_assembly = _days(-60)
    cycle_a.save()
    services.reviewer_assign(report=report, reviewer=reviewer, by=staff)
    services.review_save(
        report=report, reviewer=reviewer, changes={"general_conclusion": "A clear mandate."}
    )
    services.review_finalise(report=report, by=reviewer)
    services.general_feedback_save(
        cycle=cycle_a, by=staff, final=True, text="Cities asked for shared indicators."
    )

    # Cycle B opens (registration and questionnaire today, deadline ahead).
    cycle_b = ReportingCycleFactory(year=cycle_a.year + 2)
    questionnaire_load(
        cycle=cycle_b, plan=plan, sections=SMALL_QUESTIONNAIRE, title={"en": "Questionnaire B"}
    )

    # --- The office reaches cycle A's outbox by clicking and sends the letter ---------
    log_out(page)
    log_in_two_factor(page, base, staff.email)
    page.get_by_role("link", name="Reviews and letters").click()
    switcher = page.get_by_role("navigation", name="Cycles")
    switcher.get_by_role("link", name=re.compile(f"^{cycle_a.year}")).click()
    expect(page.get_by_role("main")).to_contain_text(report.city.name)
    page.get_by_role("link", name="Outbox of letters").click()
    page.get_by_role("button", name="Send…", exact=True).click()
    page.get_by_role("button", name="Yes, send the letter").click()
    expect(page.locator(".messages")).to_contain_text("being sent")
    assert Letter.objects.get(report=report).state == LetterState.SENT

    # --- The city reads the notification, updates after the deadline, publishes ------
    log_out(page)
    log_in(page, base, primary.email)
    page.get_by_role("link", name=re.compile("^Notifications")).click()
    page.get_by_role("listitem").filter(has_text="has been evaluated").get_by_role(
        "button", name="Open"
    ).click()
    expect(page.get_by_role("main")).to_contain_text("A clear mandate.")
    page.goto(f"{base}/cities/{slug}/reports/{cycle_a.year}/")
    page.get_by_role("button", name="Update the report").click()
    answer_save(
        report=report, question=q["m_title"], measure=measure, raw="Hotline 24/7", by=primary
    )
    page.get_by_role("link", name="Check and submit the update").click()
    expect(page.get_by_role("main")).not_to_contain_text("deadline (")
    page.get_by_label(re.compile("^I confirm that this report is complete")).check()
    page.get_by_role("button", name="Submit the report").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    page.get_by_label("Publish the Board's feedback with it").check()
    page.get_by_role("button", name="Publish to all member cities").click()
    report.refresh_from_db()
    assert (report.state, report.publish_feedback) == (ReportState.PUBLISHED, True)
    assert list(report.snapshots.values_list("revision", flat=True).order_by("revision")) == [
        1,
        2,
    ]
    # The first submission stays readable beside the update.
    page.get_by_role("link", name=re.compile("^Revision 1")).click()
    expect(page.get_by_role("main")).to_contain_text("You are reading revision 1")
    assert_accessible(page)

    # --- Cycle B: report A stays reachable from home ----------------------------------
    page.goto(base + "/")
    reports = page.get_by_role("list", name="All your reports")
    reports.get_by_role("link", name=f"Report {cycle_a.year}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(cycle_a.year))
    screenshot("two-cycles-earlier-report")
    page.goto(base + "/")
    page.get_by_role("button", name="Start your report").click()
    report_b = Report.objects.get(city=report.city, cycle=cycle_b)
    complete(report_b, {x.code: x for x in report_b.questionnaire.questions.all()}, primary)
    submit_from_home(page, base, button="Continue your report")

    # The office returns B to draft with a new date, on one page.
    new_date = cycle_b.submission_deadline + datetime.timedelta(days=14)
    log_out(page)
    log_in_two_factor(page, base, staff.email)
    page.goto(f"{base}/cities/{slug}/reports/{cycle_b.year}/")
    page.get_by_role("link", name="Return the report to draft…").click()
    page.get_by_label(re.compile("^Reason")).fill("Please add the 2027 budget.")
    page.get_by_label("The city may submit again until").fill(new_date.isoformat())
    page.get_by_role("button", name="Return the report to draft").click()
    expect(page.locator(".messages")).to_contain_text("back in draft")
    expect(page.locator(".cycle-banner")).to_contain_text("Extended deadline")

    log_out(page)

    # The city is told on its home page and by email, and submits again.
    log_in(page, base, primary.email)
    expect(page.get_by_role("main")).to_contain_text("returned it to draft")
    expect(page.get_by_role("main")).to_contain_text("Please add the 2027 budget.")
    assert any("Please add the 2027 budget." in m.body for m in mailoutbox if primary.email in m.to)
    submit_from_home(page, base, button="Continue your report")
    report_b.refresh_from_db()
    assert report_b.state == ReportState.SUBMITTED
    assert report_b.deadline_extended_to == new_date

    # The reviewer reaches both cycles' work lists by clicking only.
    services.reviewer_assign(report=report_b, reviewer=reviewer, by=staff)
    log_out(page)
    log_in_two_factor(page, base, reviewer.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Reviews").click()
    expect(page.get_by_role("main")).to_contain_text(report.city.name)
    switcher = page.get_by_role("navigation", name="Cycles")
    switcher.get_by_role("link", name=re.compile(f"^{cycle_a.year}")).click()
    expect(page.get_by_role("main")).to_contain_text(report.city.name)
    switcher = page.get_by_role("navigation", name="Cycles")
    switcher.get_by_role("link", name=re.compile(f"^{cycle_b.year}")).click()
    expect(page.get_by_role("main")).to_contain_text(report.city.name)
    assert_accessible(page)
    screenshot("two-cycles-reviewer-worklist")
