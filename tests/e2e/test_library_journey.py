"""A member city's colleague searches the library and opens a measure, in a real browser."""

import pytest
from playwright.sync_api import expect

from tests.factories import ReportingCycleFactory
from tests.library.conftest import load_questionnaire, write_report

from .test_report_journey import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_member_searches_the_library_and_opens_a_measure(
    page, live_server, other_primary, city, plan, screenshot
):
    cycle = ReportingCycleFactory()
    load_questionnaire(cycle, plan)
    write_report(
        city,
        cycle,
        measures=[
            {
                "title": "Menschenrechts-Wahlkampfmonitoring",
                "commitments": [1, 10],
                "description": "Der Menschenrechtsbeirat beobachtet den Wahlkampf.",
            },
            {"title": "Antidiskriminierungsberatung", "commitments": [3]},
        ],
    )
    base = live_server.url

    log_in(page, base, other_primary.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Library").click()
    page.get_by_label("Search the library").fill("Wahlkampf")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    screenshot("library-search")

    page.get_by_role("link", name="Menschenrechts-Wahlkampfmonitoring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Menschenrechts-Wahlkampfmonitoring")
    expect(page.get_by_text("Der Menschenrechtsbeirat beobachtet den Wahlkampf.")).to_be_visible()
    expect(page.get_by_role("heading", name="Related measures of other cities")).to_be_visible()
    screenshot("library-measure")
