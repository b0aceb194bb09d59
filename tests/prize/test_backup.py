"""A cycle archive carries its prize edition: phases, candidatures, preselection,
finalists, ballots and votes, with the ballot still secret and the count unchanged."""

import io

import pytest
from django.core.management import call_command

from prize import selectors, services
from prize.models import (
    Ballot,
    Candidature,
    EditionPhaseChange,
    Finalist,
    Participation,
    PreselectionMark,
    PrizeEdition,
    SealedVote,
)
from reporting.enums import SizeCategory
from tests.prize.test_vote import cast, finalist_of


def prize_content(year: int) -> dict:
    edition = PrizeEdition.objects.get(cycle__year=year)
    ballot = Ballot.objects.get(edition=edition)
    return {
        "edition": (edition.year, edition.phase),
        "phases": list(
            EditionPhaseChange.objects.filter(edition=edition).values_list(
                "from_phase", "to_phase", "changed_by__email", "changed_at"
            )
        ),
        "candidatures": sorted(
            Candidature.objects.filter(edition=edition).values_list(
                "city__slug", "title", "category", "population"
            )
        ),
        "marks": sorted(
            PreselectionMark.objects.filter(candidature__edition=edition).values_list(
                "candidature__city__slug", "reviewer__email", "justification"
            )
        ),
        "finalists": sorted(
            Finalist.objects.filter(edition=edition).values_list("candidature__city__slug")
        ),
        "ballot": (
            ballot.category,
            ballot.state,
            ballot.tie_break,
            ballot.winner.candidature.city.slug if ballot.winner else None,
            sorted(ballot.options.values_list("candidature__city__slug", flat=True)),
        ),
        "voted": sorted(
            Participation.objects.filter(ballot=ballot).values_list("city__slug", "cast_by__email")
        ),
        "tally": sorted(
            (row["finalist"].candidature.city.slug, row["votes"])
            for row in selectors.tally(ballot=ballot)
        ),
        "receipts": sorted(
            SealedVote.objects.filter(ballot=ballot).values_list("receipt_hash", flat=True)
        ),
    }


@pytest.mark.django_db(transaction=True)
def test_cycle_archive_round_trip_keeps_the_prize_and_its_votes(vote_setup, staff, tmp_path):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    ghent = finalist_of(edition, cities["ghent"])
    for name in ("graz", "malmo", "ghent"):
        cast(ballot, cities[name], ghent)
    services.ballot_close(ballot=ballot, by=staff)
    year = edition.cycle.year
    before = prize_content(year)
    archive = tmp_path / "cycle.zip"

    call_command("cycle_export", str(year), str(archive), stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    call_command("cycle_import", str(archive), stdout=io.StringIO())

    assert prize_content(year) == before
    assert before["tally"][0][1] + before["tally"][1][1] + before["tally"][2][1] == 3
