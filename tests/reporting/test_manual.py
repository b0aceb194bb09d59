"""The user manual (issue 17): its calendar comes from the current cycle's dates, its
pages have headings, lists and screenshots the browser tests made, all escaped."""

import datetime

from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from eccar.templatetags.eccar_tags import manual_text
from reporting.help_content import PAGES
from reporting.models import HelpPage
from tests.factories import ReportingCycleFactory


def test_calendar_page_gives_the_current_cycles_dates_in_the_readers_language(client, db):
    cycle = ReportingCycleFactory(
        year=2127,
        registration_opens=datetime.date(2126, 11, 1),
        questionnaire_opens=datetime.date(2126, 12, 1),
        submission_deadline=datetime.date(2127, 4, 30),
        evaluation_ends=datetime.date(2127, 9, 30),
        general_assembly=datetime.date(2127, 10, 20),
    )
    HelpPage.objects.create(slug="calendar", title="The 2025 calendar", body="- 30 April 2025")
    client.cookies["django_language"] = "fr"

    with translation.override("fr"):
        page = client.get(reverse("reporting:help_page", args=["calendar"])).content.decode()
        index = client.get(reverse("reporting:help")).content.decode()

    assert f"Le calendrier {cycle.year}" in page
    assert "30 avril 2127" in page and "20 octobre 2127" in page
    assert "2025" not in page
    assert reverse("reporting:help_page", args=["calendar"]) in index


def test_manual_text_makes_headings_lists_and_pictures_and_escapes_the_rest():
    html = manual_text(
        "## Before you start\n\n- one <b>\n- two\n\n1. First\n\n"
        "![The home page](city-home.png)\n\n2. Second\n\n![x](../secret.png)"
    )

    assert "<h2>Before you start</h2>" in html
    assert "<ul><li>one &lt;b&gt;</li><li>two</li></ul>" in html
    assert "<ol><li>First</li></ol>" in html
    assert '<ol start="2"><li>Second</li></ol>' in html
    assert 'src="/static/manual/city-home.png"' in html
    assert "<figcaption>The home page</figcaption>" in html
    assert "<p>![x](../secret.png)</p>" in html


def test_manual_pictures_are_screenshots_the_project_ships():
    names = {
        line.rsplit("(", 1)[1].rstrip(")")
        for page in PAGES
        for body in page["body"].values()
        for line in body.splitlines()
        if line.startswith("![")
    }

    assert names
    assert all(finders.find(f"manual/{name}") for name in names)


def test_how_to_page_shows_its_screenshots(client, db):
    page = PAGES[0]
    HelpPage.objects.create(
        slug=page["slug"], title=page["title"]["en"], body=page["body"]["en"], order=1
    )

    content = client.get(reverse("reporting:help")).content.decode()

    assert 'src="/static/manual/city-home.png"' in content
    assert '<ol start="3">' in content
