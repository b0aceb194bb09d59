"""Every page of the journeys, for every role that reaches it, passes axe-core
(WCAG 2.1 A and AA) with no serious or critical violation.

The journeys call `assert_accessible` on the pages they pass through; this tour
adds the pages they only glance at (worklists, dashboards, lists, the prize
office pages), so each key page is checked in the state its users see it."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from prize import services as prize_services
from prize.models import Candidature
from reporting.enums import SizeCategory
from reporting.models import LibraryEntry
from reporting.services.reports import report_publish, report_start, report_submit
from reviews import services as review_services
from tests.e2e.accessibility import axe_violations, describe
from tests.reporting.test_submission import complete
from tests.reviews.test_services import _ready_letter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# On a phone, wide tables scroll sideways: the scrolling region must then be
# reachable by keyboard, which only shows at that width.
VIEWPORTS = {"desktop": {"width": 1280, "height": 720}, "phone": {"width": 390, "height": 844}}


def sign_in(page, base, user):
    """A session cookie instead of the login form: the form and two-factor pages
    are checked in the journeys, here they would only slow the tour down."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )


def tour(page, base, user, paths) -> list[str]:
    """Visits each path as the user and returns one failure text per bad page."""
    if user is None:
        page.context.clear_cookies()
    else:
        sign_in(page, base, user)
    failures = []
    for path in paths:
        response = page.goto(base + path)
        assert response.status == 200, f"{path} answered {response.status}"
        violations = axe_violations(page)
        if violations:
            failures.append(f"{path} as {user or 'anonymous'}:\n{describe(violations)}")
    return failures


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reporting_and_review_pages_pass_axe(
    viewport,
    page,
    live_server,
    report,
    q,
    city,
    primary,
    other_city,
    other_primary,
    reviewer,
    board,
    staff,
):
    page.set_viewport_size(VIEWPORTS[viewport])
    # Graz has its letter and published; Malmö is still writing, so both states are seen.
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    review_services.reviewer_assign(report=report, reviewer=reviewer, by=staff)
    review_services.letter_send(letter=_ready_letter(report, reviewer, staff))
    report_publish(report=report, by=primary, with_feedback=True)
    entry = LibraryEntry.objects.filter(kind=LibraryEntry.Kind.MEASURE).get()
    draft = report_start(city=other_city, cycle=report.cycle, by=other_primary)
    measure = complete(draft, q, other_primary)
    year = report.cycle.year
    graz = f"/cities/{city.slug}/reports/{year}/"
    malmo = f"/cities/{other_city.slug}/reports/{year}/"
    base = live_server.url

    failures = tour(page, base, None, ["/", "/accounts/login/", "/request-access/"])
    failures += tour(
        page,
        base,
        other_primary,
        [
            "/",
            malmo,
            malmo + "sections/profile/",
            malmo + "sections/strategy/",
            malmo + "measures/",
            malmo + f"measures/{measure.pk}/",
            malmo + "submit/",
            "/library/",
            "/library/?q=Hotline",
            f"/library/measures/{entry.measure_id}/",
            f"/library/cities/{city.slug}/",
            f"/library/cities/{other_city.slug}/benchmark/",
        ],
    )
    failures += tour(
        page,
        base,
        primary,
        ["/", graz, graz + "feedback/", "/notifications/", "/help/"],
    )
    failures += tour(
        page, base, reviewer, ["/", "/reviews/", f"/reviews/{year}/{city.slug}/letter/"]
    )
    failures += tour(
        page,
        base,
        staff,
        [
            "/",
            graz,
            f"/reviews/{year}/",
            f"/reviews/{year}/outbox/",
            f"/reviews/{year}/general-feedback/",
            f"/reviews/{year}/{city.slug}/reviews/",
            f"/dashboard/{year}/",
            "/cities/",
            "/office/access-requests/",
        ],
    )
    failures += tour(page, base, board, ["/", f"/reviews/{year}/general-feedback/"])

    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_prize_pages_pass_axe(viewport, page, live_server, vote_setup, staff, board, delegate):
    page.set_viewport_size(VIEWPORTS[viewport])
    edition = vote_setup["edition"]
    ballot = prize_services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    year = edition.year
    base = live_server.url
    large = SizeCategory.LARGE

    failures = tour(page, base, delegate, ["/", "/prize/", f"/prize/{year}/", ballot_url(ballot)])
    failures += tour(
        page,
        base,
        staff,
        [
            f"/prize/{year}/",
            f"/prize/{year}/candidatures/{large}/",
            f"/prize/{year}/finalists/{large}/",
            ballot_url(ballot),
            "/prize/verify/",
        ],
    )
    failures += tour(page, base, board, [f"/prize/{year}/finalists/{large}/"])
    # A withdrawn candidature is shown faded: it must stay readable.
    Candidature.objects.filter(city=vote_setup["cities"]["bulle"]).update(
        withdrawn_at=timezone.now()
    )
    failures += tour(page, base, staff, [f"/prize/{year}/candidatures/{SizeCategory.SMALL}/"])
    prize_services.ballot_close(ballot=ballot, by=staff)
    failures += tour(page, base, staff, [ballot_url(ballot), ballot_url(ballot) + "audit/"])

    assert not failures, "\n\n".join(failures)


def ballot_url(ballot):
    return f"/prize/{ballot.edition.year}/ballots/{ballot.pk}/"


def test_error_states_and_open_menus_pass_axe(page, live_server, report, primary):
    base = live_server.url
    report_url = f"{base}/cities/{report.city.slug}/reports/{report.cycle.year}/"
    sign_in(page, base, primary)
    failures = []

    def check(state):
        violations = axe_violations(page)
        if violations:
            failures.append(f"{state} on {page.url}:\n{describe(violations)}")

    page.goto(report_url + "sections/profile/")
    for menu in page.locator("header details summary").all():
        menu.click()
    check("open header menus")

    page.get_by_label("Population").fill("many")
    expect(page.locator("[data-status]").first).not_to_be_empty()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".error-summary")).to_be_visible()
    check("answer refused")

    page.context.clear_cookies()
    page.get_by_label("Contact person").fill("Eva Pichler")
    expect(page.get_by_role("button", name="Retry")).to_be_visible()
    check("autosave failed")

    sign_in(page, base, primary)
    page.goto(report_url + "submit/")
    expect(page.locator(".error-summary")).to_be_visible()
    check("answers missing")

    assert not failures, "\n\n".join(failures)
