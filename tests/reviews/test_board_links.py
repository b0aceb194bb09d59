"""Review pages link the Board and the reviewers only to pages that open (issue 16: the
review pages linked the Board to /cities/<city>/reports/<year>/, a 404 before the
report is published); the Board reads the frozen submitted report beside the reviews."""

import re
from html import unescape

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Criterion


def _links(html: str) -> list[str]:
    """The site's own addresses the page links to (not anchors, downloads or mail)."""
    main = html.split("<main", 1)[-1].split("</main>", 1)[0]
    return sorted(
        {
            unescape(href)
            for href in re.findall(r'<a [^>]*href="([^"#?][^"]*)"', main)
            if href.startswith("/") and not href.startswith(("/static/", "/media/"))
        }
    )


def _broken(client, html: str) -> list[str]:
    return [href for href in _links(html) if client.get(href).status_code == 404]


@pytest.fixture
def reviewed(assigned, reviewer):
    criterion = Criterion.objects.create(cycle=assigned.cycle, code="impact", title="Impact")
    measure = assigned.measures.get()
    services.review_save(
        report=assigned,
        reviewer=reviewer,
        changes={"general_conclusion": "A clear plan."},
        assessments={(measure.pk, criterion.pk): (3, "Solid.")},
    )
    return assigned


def test_the_board_reads_the_frozen_report_beside_the_reviews(login, board, reviewed):
    client = login(board)
    assert (
        client.get(
            reverse("reporting:report_detail", args=[reviewed.city.slug, reviewed.cycle.year])
        ).status_code
        == 404
    )

    page = client.get(
        reverse("reviews:report_reviews", args=[reviewed.cycle.year, reviewed.city.slug])
    )

    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["snapshot"].revision == 1
    assert reviewed.measures.get().title in html
    assert "Impact: <strong>3</strong>" in html
    assert _broken(client, html) == []


@pytest.mark.parametrize("role", ["board", "staff", "reviewer"])
def test_no_link_of_the_review_pages_leads_to_a_404(role, login, reviewed, request):
    client = login(request.getfixturevalue(role))
    year, slug = reviewed.cycle.year, reviewed.city.slug
    pages = [
        reverse("reviews:worklist", args=[year]),
        reverse("reviews:general_feedback", args=[year]),
    ]
    if role == "reviewer":
        pages.append(reverse("reviews:review", args=[year, slug]))
    else:
        pages.append(reverse("reviews:report_reviews", args=[year, slug]))

    broken = {page: _broken(client, client.get(page).content.decode()) for page in pages}

    assert broken == {page: [] for page in pages}
