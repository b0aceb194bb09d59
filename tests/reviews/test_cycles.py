"""Review work across cycles (issue 16): the pages that belong to a cycle open on the
cycle with work open for the reader, not simply the newest; each has a cycle switcher
of plain links; home pages count open work in every cycle, so reviewers and the office
reach an older cycle's work by clicking only."""

import re
from html import unescape

import pytest
from django.urls import reverse

from reviews.enums import LetterState
from tests.factories import ReportingCycleFactory
from tests.reviews.test_services import _ready_letter


@pytest.fixture
def newer(cycle):
    """The next cycle, open for registration: the newest and the "current" one, with no
    report submitted yet."""
    return ReportingCycleFactory(year=cycle.year + 2)


def _href(html: str, text: str) -> str:
    """The address of the link whose text contains `text` (the way a person clicks)."""
    for href, label in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', html, re.S):
        if text in unescape(re.sub(r"<[^>]+>", "", label)):
            return unescape(href)
    raise AssertionError(f"no link {text!r}")


def test_reviews_open_on_the_cycle_with_the_reviewers_open_work(assigned, newer, reviewer, login):
    response = login(reviewer).get(reverse("reviews:worklist_current"))

    assert response.url == reverse("reviews:worklist", args=[assigned.cycle.year])


def test_reviews_open_on_the_current_cycle_without_open_work(newer, cycle, reviewer, login):
    response = login(reviewer).get(reverse("reviews:worklist_current"))

    assert response.url == reverse("reviews:worklist", args=[newer.year])


def test_the_dashboard_opens_on_the_cycle_with_open_work(assigned, newer, reviewer, login):
    response = login(reviewer).get(reverse("library:dashboard"))

    assert response.url == reverse("library:dashboard_cycle", args=[assigned.cycle.year])


@pytest.mark.parametrize(
    ("url_name", "role"),
    [
        ("reviews:worklist", "reviewer"),
        ("reviews:worklist", "staff"),
        ("reviews:general_feedback", "reviewer"),
        ("reviews:outbox", "staff"),
    ],
)
def test_every_cycle_list_has_a_cycle_switcher(url_name, role, assigned, newer, login, request):
    client = login(request.getfixturevalue(role))

    html = client.get(reverse(url_name, args=[newer.year])).content.decode()

    older = _href(html, str(assigned.cycle.year))
    assert older == reverse(url_name, args=[assigned.cycle.year])
    assert client.get(older).status_code == 200
    assert f'href="{reverse(url_name, args=[newer.year])}" aria-current="page"' in html


def test_the_switcher_counts_the_open_work_of_each_cycle(assigned, newer, reviewer, login):
    page = login(reviewer).get(reverse("reviews:worklist", args=[newer.year]))

    assert [(c["year"], c["open"]) for c in page.context["cycle_switcher"]] == [
        (newer.year, 0),
        (assigned.cycle.year, 1),
    ]


def test_the_reviewers_home_counts_open_work_in_every_cycle(assigned, newer, reviewer, login):
    client = login(reviewer)
    home = client.get(reverse("home")).content.decode()

    assert f"{assigned.cycle.year}: 1 report assigned to you is under review." in home
    worklist = client.get(_href(home, "assigned to you"))
    assert [row["report"] for row in worklist.context["rows"]] == [assigned]
    review = _href(worklist.content.decode(), assigned.city.name)
    assert client.get(review).status_code == 200


def test_the_office_reaches_an_older_cycles_ready_letter_by_clicking(
    assigned, newer, reviewer, staff, login
):
    letter = _ready_letter(assigned, reviewer, staff)
    client = login(staff)

    home = client.get(reverse("home")).content.decode()
    outbox = client.get(_href(home, f"Outbox {assigned.cycle.year}: 1 letter to send"))

    assert outbox.status_code == 200
    assert [row.pk for row in outbox.context["letters"]] == [letter.pk]
    assert letter.state == LetterState.READY
    assert f"Reviews {assigned.cycle.year}: 1 report under review" in home


def test_the_outbox_without_a_year_opens_on_the_cycle_with_a_letter_to_send(
    assigned, newer, reviewer, staff, login
):
    _ready_letter(assigned, reviewer, staff)

    response = login(staff).get(reverse("reviews:outbox_current"))

    assert response.url == reverse("reviews:outbox", args=[assigned.cycle.year])
