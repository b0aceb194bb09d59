"""The prize's list pages: a flat number of queries whatever the data size, and the
phase-1 candidature list paged, filtered and sorted by the database."""

import pytest
from django.urls import reverse

from prize import services
from prize.enums import BallotOutcome, BallotState, EditionPhase
from prize.models import Ballot, Candidature, Finalist, PrizeEdition
from reporting.enums import SizeCategory
from tests.factories import CityFactory

from .conftest import advance
from .factories import PastCycleFactory, PrizeEditionFactory, assess, criteria_for, submitted_report

pytestmark = pytest.mark.django_db

SIZES = [3, 30]


@pytest.fixture
def preselection(edition, staff, city_report, other_primary):
    advance(edition, staff, EditionPhase.PRESELECTION)
    return edition


def _grow_candidatures(edition, reviewer, n_reports):
    """`n_reports` more reports of large cities, two measures each, all scored."""
    impact, innovation = criteria_for(edition.cycle)
    for n in range(n_reports):
        report = submitted_report(cycle=edition.cycle, population=80_000, measures=2)
        for measure in report.measures.all():
            assess(measure=measure, reviewer=reviewer, scores={impact: n % 5, innovation: 2})
    services.candidatures_build(edition=edition)


@pytest.mark.parametrize("size", SIZES)
def test_candidature_list_queries_do_not_grow(
    size, preselection, reviewer, login, django_assert_num_queries
):
    _grow_candidatures(preselection, reviewer, size)
    services.preselection_mark(
        candidature=preselection.candidatures.last(), reviewer=reviewer, justification="Good"
    )
    client = login(reviewer)
    url = reverse("prize:candidatures", args=[preselection.year, SizeCategory.LARGE])
    client.get(url)  # the first request of a session writes it

    # Session, user (with its two-factor flag), notifications, edition, criteria, count,
    # page ranks, page rows, their marks, the reviewer's abstentions: 10 + the session row.
    with django_assert_num_queries(11):
        response = client.get(url + "?sort=impact")

    assert response.status_code == 200
    assert len(response.context["rows"]) == min(2 + 2 * size, 50)


def test_candidature_list_is_paged(preselection, reviewer, login):
    _grow_candidatures(preselection, reviewer, 30)
    url = reverse("prize:candidatures", args=[preselection.year, SizeCategory.LARGE])
    client = login(reviewer)

    first = client.get(url + "?sort=city&dir=asc")
    second = client.get(url + "?sort=city&dir=asc&page=2")

    shown = [row["candidature"].pk for row in first.context["rows"]]
    shown += [row["candidature"].pk for row in second.context["rows"]]
    assert len(shown) == len(set(shown)) == 62
    assert first.context["page_obj"].paginator.num_pages == 2
    assert "sort=city&amp;dir=asc&amp;page=2" in first.content.decode()


def test_candidature_list_sorted_by_total_puts_unscored_and_withdrawn_last(
    preselection, reviewer, login, primary, other_city
):
    (impact,) = criteria_for(preselection.cycle, codes=("impact",))
    submitted_report(cycle=preselection.cycle, city=other_city, measures=1)
    services.candidatures_build(edition=preselection)
    graz_first, graz_second = preselection.candidatures.filter(city__slug="graz").order_by("pk")
    malmo = preselection.candidatures.get(city__slug="malmo")
    assess(measure=graz_first.measure, reviewer=reviewer, scores={impact: 1})
    assess(measure=graz_second.measure, reviewer=reviewer, scores={impact: 4})
    services.candidature_withdraw(candidature=graz_second, by=primary)
    url = reverse("prize:candidatures", args=[preselection.year, SizeCategory.LARGE])

    response = login(reviewer).get(url + "?sort=total&dir=desc")

    rows = response.context["rows"]
    assert [row["candidature"].pk for row in rows] == [graz_first.pk, malmo.pk, graz_second.pk]
    assert [row["total"] for row in rows] == [1.0, None, 4.0]


def test_candidature_list_filters_by_city_or_title_and_by_preselection(
    preselection, reviewer, login, other_city
):
    submitted_report(cycle=preselection.cycle, city=other_city, measures=2)
    services.candidatures_build(edition=preselection)
    malmo = preselection.candidatures.filter(city__slug="malmo").order_by("pk")
    services.preselection_mark(candidature=malmo[0], reviewer=reviewer, justification="Good")
    url = reverse("prize:candidatures", args=[preselection.year, SizeCategory.LARGE])
    client = login(reviewer)

    by_city = client.get(url, {"q": "malm"})
    by_title = client.get(url, {"q": "graz measure 2"})
    marked = client.get(url, {"preselected": "on"})

    assert {row["candidature"].city.slug for row in by_city.context["rows"]} == {"malmo"}
    assert [row["candidature"].title for row in by_title.context["rows"]] == ["Graz measure 2"]
    assert [row["candidature"].pk for row in marked.context["rows"]] == [malmo[0].pk]
    assert [row["preselected"] for row in marked.context["rows"]] == [True]


def test_preselect_returns_to_the_page_the_reviewer_was_on(preselection, reviewer, login):
    candidature = preselection.candidatures.first()
    back = (
        reverse("prize:candidatures", args=[preselection.year, SizeCategory.LARGE])
        + "?sort=city&page=2"
    )

    response = login(reviewer).post(
        reverse("prize:preselect", args=[preselection.year, candidature.pk]),
        {"justification": "Exemplary", "next": back},
    )

    assert response.url == back


def _grow_votes(ballot, staff, n_cities):
    """`n_cities` more member cities, each having voted on paper."""
    finalist = ballot.options.first()
    for _n in range(n_cities):
        services.vote_cast(
            ballot=ballot, city=CityFactory(), finalist_id=finalist.pk, by=staff, on_paper=True
        )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("role", "expected"), [("delegate", 9), ("staff", 10)])
def test_ballot_page_queries_do_not_grow(
    size, role, expected, vote_setup, staff, login, request, django_assert_num_queries
):
    edition = vote_setup["edition"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    _grow_votes(ballot, staff, size)
    client = login(request.getfixturevalue(role))
    url = reverse("prize:ballot", args=[edition.year, ballot.pk])
    client.get(url)  # the first request of a session writes it

    with django_assert_num_queries(expected):
        response = client.get(url)

    assert response.status_code == 200
    assert response.context["summary"]["voted"] == size
    # The open ballot's form, found through the enum the template compares with.
    assert ("Cast the vote" if role == "delegate" else "Record the paper vote") in (
        response.content.decode()
    )


@pytest.mark.parametrize("size", SIZES)
def test_closed_ballot_page_queries_do_not_grow(
    size, vote_setup, staff, primary, login, django_assert_num_queries
):
    edition = vote_setup["edition"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    _grow_votes(ballot, staff, size)
    services.ballot_close(ballot=ballot, by=staff)
    client = login(primary)
    url = reverse("prize:ballot", args=[edition.year, ballot.pk])
    client.get(url)  # the first request of a session writes it

    with django_assert_num_queries(11):
        response = client.get(url)

    assert response.context["summary"]["tally"][0]["votes"] == size


def _past_edition(staff):
    """An edition with its results published: one large finalist, who won."""
    cycle = PastCycleFactory()
    edition = PrizeEditionFactory(cycle=cycle)
    report = submitted_report(cycle=cycle, population=90_000)
    services.candidatures_build(edition=edition)
    # Arranged directly: the phases in between are tested elsewhere.
    PrizeEdition.objects.filter(pk=edition.pk).update(phase=EditionPhase.RESULTS)
    finalist = Finalist.objects.create(
        edition=edition,
        category=SizeCategory.LARGE,
        slot=1,
        candidature=Candidature.objects.get(edition=edition, report=report),
        city=report.city,
    )
    Ballot.objects.create(
        edition=edition,
        category=SizeCategory.LARGE,
        state=BallotState.CLOSED,
        outcome=BallotOutcome.WINNER,
        winner=finalist,
    )
    return edition


@pytest.mark.parametrize("size", [1, 4])
def test_index_page_queries_do_not_grow(
    size, edition, staff, primary, login, django_assert_num_queries
):
    for _n in range(size):
        _past_edition(staff)
    client = login(primary)
    client.get(reverse("prize:index"))  # the first request of a session writes it

    with django_assert_num_queries(8):
        response = client.get(reverse("prize:index"))

    assert len(response.context["archive"]) == size
