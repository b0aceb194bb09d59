import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, models, transaction

from eccar.errors import ServiceError
from prize import sealing, selectors, services
from prize.enums import BallotOutcome, BallotState, EditionPhase, TieBreakRule
from prize.models import Ballot, Finalist, Participation, SealedVote
from reporting.enums import AccountRole, MembershipStatus, SizeCategory
from reporting.models import City, CityAccount
from reporting.services.membership import city_membership_change
from tests.factories import CityAccountFactory, CityFactory

pytestmark = pytest.mark.django_db


def primary_of(city):
    return city.accounts.get(role=AccountRole.PRIMARY, is_active=True).user


def finalist_of(edition, city):
    return Finalist.objects.get(edition=edition, candidature__city=city)


@pytest.fixture
def large_ballot(vote_setup, staff):
    return services.ballot_open(
        edition=vote_setup["edition"], category=SizeCategory.LARGE, by=staff
    )


def cast(ballot, city, finalist, by=None):
    return services.vote_cast(
        ballot=ballot, city=city, finalist_id=finalist.pk, by=by or primary_of(city)
    )


def test_vote_full_ballot_with_a_winner(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    graz = finalist_of(edition, cities["graz"])
    malmo = finalist_of(edition, cities["malmo"])
    cast(large_ballot, cities["graz"], malmo)
    cast(large_ballot, cities["malmo"], graz)
    cast(large_ballot, cities["ghent"], graz)

    services.ballot_close(ballot=large_ballot, by=staff)

    large_ballot.refresh_from_db()
    assert (large_ballot.outcome, large_ballot.winner) == (BallotOutcome.WINNER, graz)
    tally = {row["finalist"].pk: row["votes"] for row in selectors.tally(ballot=large_ballot)}
    assert tally == {graz.pk: 2, malmo.pk: 1, finalist_of(edition, cities["ghent"]).pk: 0}
    assert large_ballot.eligible_count == 5


def test_vote_tally_equals_the_stored_votes(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    for name in ("graz", "malmo", "ghent", "worgl"):
        cast(large_ballot, cities[name], finalist_of(edition, cities["ghent"]))
    services.ballot_close(ballot=large_ballot, by=staff)

    tally = selectors.tally(ballot=large_ballot)

    assert (
        sum(row["votes"] for row in tally) == SealedVote.objects.filter(ballot=large_ballot).count()
    )
    assert (
        sum(row["votes"] for row in tally)
        == Participation.objects.filter(ballot=large_ballot).count()
    )
    assert selectors.audit(ballot=large_ballot)["consistent"] is True


def test_vote_tie_then_runoff_between_the_tied(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    graz = finalist_of(edition, cities["graz"])
    malmo = finalist_of(edition, cities["malmo"])
    cast(large_ballot, cities["graz"], malmo)
    cast(large_ballot, cities["malmo"], graz)
    services.ballot_close(ballot=large_ballot, by=staff)
    large_ballot.refresh_from_db()
    assert large_ballot.outcome == BallotOutcome.TIE
    assert selectors.category_winner(edition=edition, category=SizeCategory.LARGE) is None

    runoff = services.ballot_runoff_open(ballot=large_ballot, by=staff)
    cast(runoff, cities["graz"], malmo)
    cast(runoff, cities["ghent"], malmo)
    cast(runoff, cities["malmo"], graz)
    services.ballot_close(ballot=runoff, by=staff)

    assert runoff.round == 2
    assert set(runoff.options.all()) == {graz, malmo}
    runoff.refresh_from_db()
    assert runoff.winner == malmo
    assert selectors.category_winner(edition=edition, category=SizeCategory.LARGE) == malmo


def test_vote_runoff_refuses_a_finalist_not_tied(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    cast(large_ballot, cities["graz"], finalist_of(edition, cities["malmo"]))
    cast(large_ballot, cities["malmo"], finalist_of(edition, cities["graz"]))
    services.ballot_close(ballot=large_ballot, by=staff)
    runoff = services.ballot_runoff_open(ballot=large_ballot, by=staff)

    with pytest.raises(ServiceError) as error:
        cast(runoff, cities["ghent"], finalist_of(edition, cities["ghent"]))

    assert error.value.field == "finalist"
    assert not runoff.participations.exists()


def test_vote_runoff_opened_twice_is_refused(vote_setup, large_ballot, staff):
    services.ballot_close(ballot=large_ballot, by=staff)  # no votes: a three-way tie
    services.ballot_runoff_open(ballot=large_ballot, by=staff)

    with pytest.raises(ServiceError):
        services.ballot_runoff_open(ballot=large_ballot, by=staff)

    assert Ballot.objects.filter(category=SizeCategory.LARGE).count() == 2


def test_vote_tie_decided_by_the_board(vote_setup, staff, board):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    ballot = services.ballot_open(
        edition=edition, category=SizeCategory.SMALL, by=staff, tie_break=TieBreakRule.BOARD
    )
    worgl = finalist_of(edition, cities["worgl"])
    bulle = finalist_of(edition, cities["bulle"])
    cast(ballot, cities["graz"], worgl)
    cast(ballot, cities["malmo"], bulle)
    services.ballot_close(ballot=ballot, by=staff)

    with pytest.raises(ServiceError):
        services.ballot_runoff_open(ballot=ballot, by=staff)
    services.ballot_tie_decide(ballot=ballot, finalist=bulle, by=board, note="Minutes 4.2")

    ballot.refresh_from_db()
    assert (ballot.outcome, ballot.winner, ballot.decided_by) == (
        BallotOutcome.BOARD_DECIDED,
        bulle,
        board,
    )


def test_tie_break_rule_cannot_change_after_opening(vote_setup, large_ballot, staff):
    with pytest.raises(ServiceError):
        services.ballot_open(
            edition=vote_setup["edition"],
            category=SizeCategory.LARGE,
            by=staff,
            tie_break=TieBreakRule.BOARD,
        )

    large_ballot.refresh_from_db()
    assert large_ballot.tie_break == TieBreakRule.RUNOFF


def test_vote_secrecy_choice_has_no_link_to_city_user_or_participation():
    related = {
        field.related_model
        for field in SealedVote._meta.get_fields()
        if field.is_relation and field.related_model
    }
    assert related == {Ballot}
    assert not related & {City, CityAccount, get_user_model(), Participation}
    assert not any(
        field.is_relation and field.related_model is SealedVote
        for field in Participation._meta.get_fields()
    )


def test_vote_secrecy_choice_has_nothing_to_order_it_with_participations():
    columns = {field.name: field for field in SealedVote._meta.concrete_fields}

    assert set(columns) == {"id", "ballot", "sealed", "receipt_hash"}
    assert isinstance(columns["id"], models.UUIDField)
    assert not any(
        isinstance(field, models.DateTimeField | models.DateField | models.AutoField)
        for field in columns.values()
    )
    assert SealedVote._meta.ordering == ["receipt_hash"]


def test_vote_receipt_verifies_and_a_wrong_code_does_not(vote_setup, large_ballot):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    code = cast(large_ballot, cities["graz"], finalist_of(edition, cities["ghent"]))

    assert selectors.receipt_verify(code=code) == large_ballot
    assert selectors.receipt_verify(code=code.lower().replace("-", " ")) == large_ballot
    assert selectors.receipt_verify(code="AAAA-BBBB-CCCC") is None
    assert selectors.receipt_verify(code="") is None
    # The code itself is never stored.
    assert not SealedVote.objects.filter(receipt_hash__icontains=code.replace("-", "")).exists()


def test_vote_audit_lists_fingerprints_not_cities(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    codes = [
        cast(large_ballot, cities[n], finalist_of(edition, cities["ghent"]))
        for n in ("graz", "malmo")
    ]
    services.ballot_close(ballot=large_ballot, by=staff)

    audit = selectors.audit(ballot=large_ballot)

    assert audit["fingerprints"] == sorted(selectors.receipt_hash(c)[:16] for c in codes)
    assert (audit["voted"], audit["n_choices"], audit["eligible"]) == (2, 2, 5)


def test_vote_delegate_votes_and_the_primary_then_cannot(vote_setup, large_ballot, delegate):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    graz = cities["graz"]

    with pytest.raises(ServiceError) as error:
        cast(large_ballot, graz, finalist_of(edition, graz), by=primary_of(graz))
    assert error.value.code == "role"

    cast(large_ballot, graz, finalist_of(edition, graz), by=delegate)
    assert large_ballot.participations.get().cast_by == delegate


def test_vote_twice_refused_and_the_first_kept(vote_setup, large_ballot):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    cast(large_ballot, cities["graz"], finalist_of(edition, cities["ghent"]))

    with pytest.raises(ServiceError) as error:
        cast(large_ballot, cities["graz"], finalist_of(edition, cities["malmo"]))

    assert error.value.code == "already_voted"
    assert Participation.objects.count() == 1
    vote = SealedVote.objects.get()
    counted = sealing.count(public_key=large_ballot.public_key, sealed=[vote.sealed])
    assert counted == {finalist_of(edition, cities["ghent"]).pk: 1}


def test_vote_unique_constraint_refuses_a_second_participation(vote_setup, large_ballot):
    city = vote_setup["cities"]["graz"]
    Participation.objects.create(ballot=large_ballot, city=city)

    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(ballot=large_ballot, city=city)


def test_vote_refused_when_the_ballot_is_closed(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    services.ballot_close(ballot=large_ballot, by=staff)

    with pytest.raises(ServiceError) as error:
        cast(large_ballot, cities["graz"], finalist_of(edition, cities["ghent"]))

    assert error.value.code == "closed"
    assert not Participation.objects.exists()
    assert not SealedVote.objects.exists()


def test_vote_refused_before_the_ballot_opens(vote_setup):
    # No ballot exists before staff open it: nothing to vote on, and a ballot cannot be
    # opened outside the vote phase.
    edition = vote_setup["edition"]
    services.edition_phase_set(
        edition=edition, to_phase=EditionPhase.FINALISTS, by=edition.phase_changes.last().changed_by
    )

    with pytest.raises(ServiceError) as error:
        services.ballot_open(
            edition=edition,
            category=SizeCategory.LARGE,
            by=edition.phase_changes.last().changed_by,
        )

    assert error.value.code == "phase"


def test_vote_refused_from_a_suspended_city(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    city_membership_change(city=cities["ghent"], to_status=MembershipStatus.SUSPENDED, by=staff)
    cities["ghent"].refresh_from_db()

    with pytest.raises(ServiceError):
        cast(large_ballot, cities["ghent"], finalist_of(edition, cities["graz"]))

    assert not Participation.objects.exists()


def test_vote_refused_from_a_non_member(vote_setup, large_ballot):
    edition = vote_setup["edition"]
    applicant = CityFactory(membership_status=MembershipStatus.APPLICANT)
    account = CityAccountFactory(city=applicant, role=AccountRole.PRIMARY)

    with pytest.raises(ServiceError):
        cast(
            large_ballot,
            applicant,
            finalist_of(edition, vote_setup["cities"]["graz"]),
            account.user,
        )

    assert not Participation.objects.exists()


@pytest.mark.parametrize("forged", ["", "abc", "999999", None, "-1"])
def test_vote_forged_finalist_refused(vote_setup, large_ballot, forged):
    city = vote_setup["cities"]["graz"]

    with pytest.raises(ServiceError) as error:
        services.vote_cast(ballot=large_ballot, city=city, finalist_id=forged, by=primary_of(city))

    assert error.value.field == "finalist"
    assert not Participation.objects.exists()


def test_vote_for_a_finalist_of_the_other_category_refused(vote_setup, large_ballot):
    edition, cities = vote_setup["edition"], vote_setup["cities"]

    with pytest.raises(ServiceError):
        cast(large_ballot, cities["graz"], finalist_of(edition, cities["worgl"]))

    assert not Participation.objects.exists()


def test_vote_on_paper_by_staff_is_marked(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]

    services.vote_cast(
        ballot=large_ballot,
        city=cities["malmo"],
        finalist_id=finalist_of(edition, cities["ghent"]).pk,
        by=staff,
        on_paper=True,
    )

    participation = Participation.objects.get()
    assert (participation.on_paper, participation.cast_by) == (True, staff)


def test_vote_on_paper_refused_to_non_staff(vote_setup, large_ballot, board):
    edition, cities = vote_setup["edition"], vote_setup["cities"]

    with pytest.raises(ServiceError):
        services.vote_cast(
            ballot=large_ballot,
            city=cities["malmo"],
            finalist_id=finalist_of(edition, cities["ghent"]).pk,
            by=board,
            on_paper=True,
        )


def test_results_need_a_winner_in_each_category(vote_setup, large_ballot, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    cast(large_ballot, cities["graz"], finalist_of(edition, cities["ghent"]))
    services.ballot_close(ballot=large_ballot, by=staff)

    with pytest.raises(ServiceError) as error:
        services.edition_phase_set(edition=edition, to_phase=EditionPhase.RESULTS, by=staff)
    assert error.value.code == "no_winner"

    small = services.ballot_open(edition=edition, category=SizeCategory.SMALL, by=staff)
    cast(small, cities["graz"], finalist_of(edition, cities["bulle"]))
    services.ballot_close(ballot=small, by=staff)
    services.edition_phase_set(edition=edition, to_phase=EditionPhase.RESULTS, by=staff)

    archive = selectors.archive()
    assert [e.pk for e in archive] == [edition.pk]
    winners = {
        cat["category"]: [
            r["finalist"].candidature.city.name for r in cat["finalists"] if r["is_winner"]
        ]
        for cat in archive[0].categories
    }
    assert winners == {SizeCategory.LARGE: ["Ghent"], SizeCategory.SMALL: ["Bulle"]}


def test_vote_cannot_go_back_to_finalists_after_a_ballot(vote_setup, large_ballot, staff):
    with pytest.raises(ServiceError):
        services.edition_phase_set(
            edition=vote_setup["edition"], to_phase=EditionPhase.FINALISTS, by=staff
        )


# --- Concurrency (PostgreSQL only: SQLite serialises every writer) -------------------------

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrent transactions need PostgreSQL (set DATABASE_URL); SQLite locks the file.",
)


def _in_threads(functions):
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as error:  # collected for the assertions
            results[index] = error
        finally:
            connection.close()  # the proxy closes this thread's own connection

    threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_vote_two_delegates_at_once_exactly_one_counts(vote_setup, staff, delegate):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    graz = cities["graz"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    # A second person votes for Graz: staff recording the paper ballot at the same moment.
    ghent, malmo = finalist_of(edition, cities["ghent"]), finalist_of(edition, cities["malmo"])

    results = _in_threads(
        [
            lambda: services.vote_cast(ballot=ballot, city=graz, finalist_id=ghent.pk, by=delegate),
            lambda: services.vote_cast(
                ballot=ballot, city=graz, finalist_id=malmo.pk, by=staff, on_paper=True
            ),
        ]
    )

    codes = [r for r in results if isinstance(r, str)]
    errors = [r for r in results if isinstance(r, ServiceError)]
    assert (len(codes), len(errors)) == (1, 1), results
    assert errors[0].code == "already_voted"
    assert Participation.objects.filter(ballot=ballot).count() == 1
    assert SealedVote.objects.filter(ballot=ballot).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_vote_many_cities_at_once_all_count(vote_setup, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    target = finalist_of(edition, cities["graz"])

    results = _in_threads(
        [
            (
                lambda c=c: services.vote_cast(
                    ballot=ballot, city=c, finalist_id=target.pk, by=primary_of(c)
                )
            )
            for c in cities.values()
        ]
    )

    assert all(isinstance(r, str) for r in results), results
    services.ballot_close(ballot=ballot, by=staff)
    assert selectors.tally(ballot=ballot)[0]["votes"] == 5


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_vote_and_close_at_once_every_vote_counted_or_refused(vote_setup, staff):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    target = finalist_of(edition, cities["graz"])
    voters = [
        (
            lambda c=c: services.vote_cast(
                ballot=ballot, city=c, finalist_id=target.pk, by=primary_of(c)
            )
        )
        for c in cities.values()
    ]

    results = _in_threads([*voters, lambda: services.ballot_close(ballot=ballot, by=staff)])

    accepted = sum(isinstance(r, str) for r in results[:-1])
    ballot.refresh_from_db()
    assert ballot.state == BallotState.CLOSED
    assert selectors.tally(ballot=ballot)[0]["votes"] == accepted
    assert Participation.objects.filter(ballot=ballot).count() == accepted
