"""The migration to the sealed ballot keeps every vote: a closed ballot's choices become
its totals, an open ballot's choices are sealed with a new key, receipts stay."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from prize import sealing, selectors, services
from prize.models import Ballot, SealedVote
from reporting.enums import SizeCategory

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("prize", "0001_initial")]
AFTER = [("prize", "0002_sealed_ballot")]


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

    migrate(AFTER)

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
