"""Queries per library page, pinned at two data sizes: the count does not grow with the
library, and stays within issue 14's budget of 12 per page. The requests after the
first of a session (which also reads the session and the user's roles)."""

import pytest

from reporting.models import LibraryEntry
from tests.factories import CityFactory

from .conftest import write_report

pytestmark = pytest.mark.django_db

SIZES = [2, 6]


def library_of(size, cycle):
    """`size` published reports of as many cities, two measures each, in two countries
    and both size classes."""
    for n in range(size):
        write_report(
            CityFactory(country="FR" if n % 2 else "DE", population=10_000 + n * 40_000),
            cycle,
            measures=[
                {"title": f"Housing {n}", "commitments": [1, 2], "groups": ["schools"]},
                {"title": f"Housing more {n}", "commitments": [3], "groups": ["young_people"]},
            ],
        )


@pytest.fixture
def member(login, primary):
    client = login(primary)
    client.get("/library/")
    return client


SEARCHES = {
    # path: queries (session, user, roles; then the search's own)
    "/library/": 12,
    # With a query: the match, the facets' counts and the page's ids are one statement.
    "/library/?q=housing": 10,
    "/library/?q=housing&commitment=1&size=large": 10,
    "/library/?kind=report&cycle=2101&country=FR": 12,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("path", "queries"), SEARCHES.items())
def test_library_search_queries(member, lib_cycle, django_assert_num_queries, size, path, queries):
    library_of(size, lib_cycle)

    with django_assert_num_queries(queries):
        response = member.get(path.replace("2101", str(lib_cycle.year)))

    assert response.status_code == 200
    assert response.context["result"].total > 0


@pytest.mark.parametrize("size", SIZES)
def test_measure_page_queries(member, lib_cycle, django_assert_num_queries, size):
    library_of(size, lib_cycle)
    entry = LibraryEntry.objects.filter(kind="measure").first()

    with django_assert_num_queries(12):
        response = member.get(f"/library/measures/{entry.measure_id}/")

    assert response.status_code == 200


@pytest.mark.parametrize("size", SIZES)
def test_dashboard_queries(login, staff, lib_cycle, earlier_cycle, django_assert_num_queries, size):
    library_of(size, lib_cycle)
    library_of(size, earlier_cycle)
    client = login(staff)
    client.get("/dashboard/")

    # The staff's second factor is read with their user row (eccar.backends).
    with django_assert_num_queries(11):
        response = client.get(f"/dashboard/{lib_cycle.year}/")

    assert response.status_code == 200
