"""A colleague with a secondary account writes level 1 and a measure, relying on
autosave, and cannot submit: the page offers no way to, and the server refuses."""

import re

import pytest
from playwright.sync_api import expect

from reporting.enums import ReportState
from reporting.models import Answer, Measure
from tests.e2e.accessibility import assert_accessible
from tests.e2e.saving import autosaved
from tests.e2e.test_report_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def csrf_token(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")


def test_secondary_account_edits_with_autosave_but_cannot_submit(
    page, live_server, report, secondary, screenshot
):
    base = live_server.url
    report_url = f"{base}/cities/{report.city.slug}/reports/{report.cycle.year}/"

    log_in(page, base, secondary.email)
    assert_accessible(page)
    screenshot("secondary-home")
    page.get_by_role("link", name="Continue your report").click()
    expect(page.get_by_text("Only your city's primary account can submit")).to_be_visible()
    expect(page.get_by_role("link", name="Check and submit")).to_have_count(0)
    assert_accessible(page)

    # Level 1: answers saved by autosave alone survive a reload.
    page.get_by_role("link", name="City profile").click()
    autosaved(page, lambda: page.get_by_label("Population").fill("301000"), containing="301000")
    autosaved(
        page,
        lambda: page.get_by_label("Contact person").fill("Jakob Huber"),
        containing="Jakob Huber",
    )
    page.reload()
    expect(page.get_by_label("Population")).to_have_value("301000")
    expect(page.get_by_label("Contact person")).to_have_value("Jakob Huber")
    assert_accessible(page)
    screenshot("secondary-section")

    # Level 2: a measure, again by autosave, then reloaded.
    page.get_by_role("link", name="Level 2: measures").click()
    assert_accessible(page)
    page.get_by_role("button", name="Add a measure").click()
    autosaved(
        page,
        lambda: page.get_by_label("Title").fill("Intercultural calendar"),
        containing="Intercultural calendar",
    )
    commitment = page.get_by_role("checkbox", name=re.compile("Better support"))
    ticked = f'name="value"\r\n\r\n{commitment.get_attribute("value")}\r\n'
    autosaved(page, commitment.check, containing=ticked)
    page.reload()
    expect(page.get_by_label("Title")).to_have_value("Intercultural calendar")
    expect(page.get_by_role("checkbox", name=re.compile("Better support"))).to_be_checked()
    assert_accessible(page)
    screenshot("secondary-measure")

    # Submitting is refused, whether the page is opened or the form is forged.
    opened = page.goto(report_url + "submit/")
    forged = page.request.post(
        report_url + "submit/", form={"confirm": "yes"}, headers={"X-CSRFToken": csrf_token(page)}
    )

    assert opened.status == 403
    assert forged.status == 403
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT
    answers = dict(Answer.objects.filter(measure=None).values_list("question__code", "value"))
    assert answers == {"profile_population": 301000, "profile_contact": "Jakob Huber"}
    assert Measure.objects.get(report=report).title == "Intercultural calendar"
