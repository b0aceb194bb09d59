"""The library's one cache: search results (counts, facets, the page's ids) keyed by
the generation that `library_index_report` bumps. The only library test with a real
cache; every other test runs with DummyCache."""

import pytest

from reporting.enums import ReportState
from reporting.library.entries import library_index_report
from reporting.models import Commitment, Report

from .conftest import write_report
from .test_query_counts import SIZES, library_of

pytestmark = [pytest.mark.django_db, pytest.mark.real_cache]

LOCMEM = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "library-results-test",
    }
}


@pytest.fixture(autouse=True)
def _results_cache(settings):
    settings.CACHES = LOCMEM
    yield


@pytest.fixture
def member(login, primary):
    client = login(primary)
    client.get("/library/")
    return client


def titles(response):
    return sorted(row["entry"].title for row in response.context["rows"])


@pytest.mark.parametrize("size", SIZES)
def test_a_repeated_search_reads_only_the_page(member, lib_cycle, django_assert_num_queries, size):
    library_of(size, lib_cycle)
    first = member.get("/library/?q=housing&commitment=1")

    # Session, user, roles, notifications; the page's entries, their commitments and
    # translations; the facets' labels.
    with django_assert_num_queries(8):
        again = member.get("/library/?q=housing&commitment=1")

    assert titles(again) == titles(first)
    assert again.context["result"].total == first.context["result"].total == size


def test_a_new_publication_shows_at_the_next_search(member, lib_cycle, other_city):
    library_of(1, lib_cycle)
    assert titles(member.get("/library/?q=housing")) == ["Housing 0", "Housing more 0"]

    write_report(other_city, lib_cycle, measures=[{"title": "Housing first", "commitments": [1]}])

    assert titles(member.get("/library/?q=housing")) == [
        "Housing 0",
        "Housing first",
        "Housing more 0",
    ]


def test_a_withdrawal_leaves_the_results_at_once(member, lib_cycle, city):
    report = write_report(city, lib_cycle, measures=[{"title": "Housing here"}])
    assert titles(member.get("/library/?q=housing")) == ["Housing here"]

    # Even without the signal (so without a new generation), the cached ids are loaded
    # through the published entries only: the cache never decides what a reader sees.
    Report.objects.filter(pk=report.pk).update(state=ReportState.FEEDBACK_RECEIVED)

    assert titles(member.get("/library/?q=housing")) == []


def test_index_report_bumps_the_generation(member, lib_cycle, city):
    report = write_report(
        city, lib_cycle, state="feedback_received", measures=[{"title": "Housing here"}]
    )
    assert titles(member.get("/library/?q=housing")) == []
    # Published behind the library's back: the cached result still stands...
    Report.objects.filter(pk=report.pk).update(state=ReportState.PUBLISHED)
    assert titles(member.get("/library/?q=housing")) == []

    # ...until the library's one write indexes it and bumps the generation.
    library_index_report(report=report)

    assert titles(member.get("/library/?q=housing")) == ["Housing here"]


def test_a_corrected_commitment_title_shows_at_once(member, lib_cycle, city):
    write_report(city, lib_cycle, measures=[{"title": "Housing here", "commitments": [1]}])
    member.get("/library/")
    Commitment.objects.filter(number=1).update(title="Corrected title")

    facets = member.get("/library/").context["result"].facets

    assert facets["commitment"][0].label == "1. Corrected title"
