import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Letter
from tests.factories import CityFactory, ReportFactory
from tests.reviews.test_services import _ready_letter


@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("primary", 403), ("reviewer", 200), ("board", 200), ("staff", 200)],
)
def test_worklist_permissions(role, expected, login, submitted, request):
    url = reverse("reviews:worklist", args=[submitted.cycle.year])

    assert login(request.getfixturevalue(role)).get(url).status_code == expected


def test_staff_assign_and_reviewer_writes_and_finalises(login, staff, reviewer, submitted):
    year, slug = submitted.cycle.year, submitted.city.slug
    login(staff).post(reverse("reviews:assign", args=[year, slug]), {"reviewer": reviewer.pk})
    client = login(reviewer)

    page = client.get(reverse("reviews:review", args=[year, slug]))
    client.post(
        reverse("reviews:review", args=[year, slug]),
        {"general_conclusion": "Clear mandate.", "finalise": "1"},
    )

    assert page.status_code == 200
    assert Letter.objects.get().general_conclusion == "Clear mandate."


def test_unassigned_reviewer_gets_404_on_the_review_page(login, reviewer, submitted):
    url = reverse("reviews:review", args=[submitted.cycle.year, submitted.city.slug])

    assert login(reviewer).get(url).status_code == 404


def test_outbox_sends_each_letter_once(
    login, staff, reviewer, assigned, mailoutbox, commit_callbacks
):
    _ready_letter(assigned, reviewer, staff)
    client = login(staff)
    url = reverse("reviews:outbox", args=[assigned.cycle.year])

    with commit_callbacks(execute=True):
        client.post(url, {"confirmed": "1"})
        client.post(url, {"confirmed": "1"})

    assert len(mailoutbox) == 1
    preview = client.get(reverse("reviews:letter", args=[assigned.cycle.year, assigned.city.slug]))
    assert "clear mandate" in preview.content.decode()


def test_worklist_query_count_does_not_grow_with_reports(login, staff, submitted):
    client = login(staff)
    url = reverse("reviews:worklist", args=[submitted.cycle.year])
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for _ in range(20):
        ReportFactory(city=CityFactory(), cycle=submitted.cycle, state="submitted")
    with CaptureQueriesContext(connection) as large:
        client.get(url)

    assert len(small) == len(large)
