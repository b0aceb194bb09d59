"""The migration to the sealed ballot keeps every vote: a closed ballot's choices become
its totals, an open ballot's choices are sealed with a new key, receipts stay."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from prize import sealing, selectors, services
from prize.enums import EditionPhase
from prize.models import Ballot, Finalist, SealedVote
from reporting.enums import SizeCategory

from .conftest import advance
from .factories import submitted_report

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("prize", "0001_initial")]
AFTER = [("prize", "0002_sealed_ballot")]
LATEST = [("prize", "0003_finalist_one_per_city")]


@pytest.fixture(autouse=True)
def back_to_the_latest_schema():
    """The tests step back in history: the next tests need today's schema again."""
    yield
    migrate(LATEST)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_votes_become_totals_or_sealed_votes(vote_setup, staff):
    edition = vote_setup["edition"]
    closed = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    still_open = services.ballot_open(edition=edition, category=SizeCategory.SMALL, by=staff)
    large = list(closed.options.order_by("slot").values_list("pk", flat=True))
    small = list(still_open.options.order_by("slot").values_list("pk", flat=True))

    old = migrate(BEFORE)
    Ballot_ = old.get_model("prize", "Ballot")
    Choice = old.get_model("prize", "BallotChoice")
    Ballot_.objects.filter(pk=closed.pk).update(
        state="closed", outcome="winner", winner_id=large[1]
    )
    for n, finalist in enumerate([large[1], large[1], large[0]]):
        Choice.objects.create(ballot_id=closed.pk, finalist_id=finalist, receipt_hash=f"{n:064}")
    for n, finalist in enumerate([small[0], small[1], small[1]]):
        Choice.objects.create(
            ballot_id=still_open.pk, finalist_id=finalist, receipt_hash=f"{n + 10:064}"
        )

    # Through 0002 and on to today's schema, which the reads below need.
    migrate(LATEST)

    closed = Ballot.objects.get(pk=closed.pk)
    still_open = Ballot.objects.get(pk=still_open.pk)
    totals = {row["finalist"].pk: row["votes"] for row in selectors.tally(ballot=closed)}
    assert totals == {large[0]: 1, large[1]: 2, large[2]: 0}
    assert set(SealedVote.objects.filter(ballot=closed).values_list("sealed", flat=True)) == {""}
    sealed = SealedVote.objects.filter(ballot=still_open).values_list("sealed", flat=True)
    assert sealing.count(public_key=still_open.public_key, sealed=sealed) == {
        small[0]: 1,
        small[1]: 2,
    }
    assert SealedVote.objects.count() == 6
    assert list(closed.outcome_changes.values_list("from_outcome", "to_outcome")) == [
        ("pending", "winner")
    ]


def test_second_finalist_of_a_city_in_a_category_is_removed_by_the_migration(
    with_two_of_one_city,
):
    """Before 0003 a city could hold two of the three places; the migration keeps the
    one in the lowest slot (neither is on a ballot) and copies each finalist's city."""
    first, second, other = with_two_of_one_city
    before = migrate(AFTER)
    Finalist_ = before.get_model("prize", "Finalist")
    Finalist_.objects.create(
        edition_id=first.edition_id, category=first.category, slot=1, candidature_id=first.pk
    )
    Finalist_.objects.create(
        edition_id=second.edition_id, category=second.category, slot=2, candidature_id=second.pk
    )
    Finalist_.objects.create(
        edition_id=other.edition_id, category=other.category, slot=3, candidature_id=other.pk
    )

    migrate(LATEST)

    assert sorted(Finalist.objects.values_list("candidature_id", "city_id")) == sorted(
        [(first.pk, first.city_id), (other.pk, other.city_id)]
    )


@pytest.fixture
def with_two_of_one_city(edition, staff, reviewer, city, other_city):
    submitted_report(cycle=edition.cycle, city=city, measures=2)
    submitted_report(cycle=edition.cycle, city=other_city, measures=1)
    advance(edition, staff, EditionPhase.PRESELECTION)
    graz = list(edition.candidatures.filter(city=city).order_by("pk"))
    malmo = edition.candidatures.get(city=other_city)
    return graz[0], graz[1], malmo
