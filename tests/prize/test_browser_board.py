"""The Advisory Board's candidature table in a real browser at 1280 px: every column,
the preselection one included, fits without scrolling; a title opens the candidature
as submitted (issue 16 and 17)."""

import re

import pytest
from playwright.sync_api import expect

from prize import services as prize_services
from prize.enums import EditionPhase
from prize.models import Finalist
from reporting.enums import SizeCategory
from reviews.models import Criterion
from tests.conftest import totp_code
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import screenshot  # noqa: F401  (the e2e fixture, used here too)
from tests.factories import PASSWORD, CityFactory

from .conftest import advance
from .factories import assess, submitted_report

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# The demo's criteria: long single words, which a column cannot wrap between.
CRITERIA = [
    ("relevance", "Relevance"),
    ("results", "Results"),
    ("participation", "Participation"),
    ("sustainability", "Sustainability"),
    ("transferability", "Transferability"),
]


def test_candidature_table_fits_1280_pixels_and_opens_a_candidature(
    page,
    live_server,
    edition,
    staff,
    reviewer,
    screenshot,  # noqa: F811 (imported fixture)
):
    criteria = [
        Criterion.objects.create(cycle=edition.cycle, code=code, title=title, order=n)
        for n, (code, title) in enumerate(CRITERIA)
    ]
    for name in ("Villeurbanne", "Esch-sur-Alzette", "Monheim am Rhein", "Reggio nell'Emilia"):
        city = CityFactory(name=name, population=1_700_000)
        report = submitted_report(cycle=edition.cycle, city=city, measures=2)
        report.measures.update(
            title="A long measure title: anti-discrimination training for every municipal "
            "department, with a complaints office"
        )
    advance(edition, staff, EditionPhase.PRESELECTION)
    first = edition.candidatures.order_by("pk").first()
    assess(measure=first.measure, reviewer=reviewer, scores=dict.fromkeys(criteria[:3], 3))

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(reviewer.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign In|Log in")).click()
    page.goto(live_server.url + f"/prize/{edition.year}/candidatures/{SizeCategory.LARGE}/")

    wrap = page.locator(".table-wrap").first
    overflow = wrap.evaluate("el => el.scrollWidth - el.clientWidth")
    heading = page.get_by_role("columnheader", name="Preselection").bounding_box()
    box = wrap.bounding_box()
    right = box["x"] + box["width"] + 1
    assert overflow <= 0
    assert heading["x"] + heading["width"] <= right
    # The preselection form itself, not only its heading, is within the table's frame.
    for control in (
        page.get_by_role("button", name="Preselect", exact=True).all()
        + page.get_by_role("textbox", name=re.compile("short justification")).all()
    ):
        edge = control.bounding_box()
        assert edge["x"] + edge["width"] <= right
    expect(page.get_by_text("1,700,000").first).to_be_visible()
    expect(page.get_by_text("Partial total: 3 of 5 criteria scored.")).to_be_visible()
    assert_accessible(page)
    screenshot("prize-candidatures-1280")

    page.get_by_role("link", name=first.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    expect(page.get_by_role("heading", name="The reviewers' scores")).to_be_visible()
    assert_accessible(page)
    screenshot("prize-candidature")


def test_board_reads_each_candidature_and_chooses_three_different_cities(
    page,
    live_server,
    edition,
    staff,
    reviewer,
    board,
    city,
    other_city,
    screenshot,  # noqa: F811 (imported fixture)
):
    (impact,) = [Criterion.objects.create(cycle=edition.cycle, code="impact", title="Impact")]
    submitted_report(cycle=edition.cycle, city=city, measures=2)
    submitted_report(cycle=edition.cycle, city=other_city, measures=1)
    submitted_report(cycle=edition.cycle, city=CityFactory(name="Ghent", population=260_000))
    advance(edition, staff, EditionPhase.PRESELECTION)
    for candidature in edition.candidatures.all():
        assess(measure=candidature.measure, reviewer=reviewer, scores={impact: 3})
        prize_services.preselection_mark(
            candidature=candidature, reviewer=reviewer, justification="Convincing"
        )
    advance(edition, staff, EditionPhase.FINALISTS)

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(board.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name=re.compile("Sign In|Log in")).click()
    finalists_url = live_server.url + f"/prize/{edition.year}/finalists/{SizeCategory.LARGE}/"
    page.goto(finalists_url)

    for title in ("Graz measure 1", "Malmö measure 1", "Ghent measure 1"):
        page.get_by_role("link", name=title, exact=True).first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_text("1 of 1 reviewer scored this measure.")).to_be_visible()
        page.get_by_role("button", name="Choose as finalist").click()
        expect(page.locator(".messages")).to_contain_text("is a finalist")
        page.goto(finalists_url)

    expect(page.get_by_role("heading", name="Finalists chosen: 3 of 3")).to_be_visible()
    # Graz's second measure is not offered: Graz already holds a place.
    expect(page.get_by_role("button", name="Choose as finalist")).to_have_count(0)
    assert_accessible(page)
    screenshot("prize-finalists-chosen")
    assert sorted(
        Finalist.objects.filter(edition=edition).values_list("city__name", flat=True)
    ) == ["Ghent", "Graz", "Malmö"]
