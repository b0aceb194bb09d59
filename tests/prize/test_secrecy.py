"""The secret ballot against a full copy of the database (SQLite and PostgreSQL).

The attacker of these tests holds every row of every table, with the columns the
application never reads: SQLite's `rowid`, PostgreSQL's `xmin` (the transaction that
wrote the row) and `ctid` (where it sits on disk). With those they can pair each
participation with the vote written in the same transaction; the tests show that the
pairing works, and that what it yields is a sealed box that only the ballot's private
key opens, a key that is in no table. A copy taken after the count holds only totals.

Each vote commits in its own transaction (`transaction=True`), as in production, so
that PostgreSQL gives each one its own `xmin`.
"""

import base64

import pytest
from django.contrib import admin
from django.db import connection

from eccar.errors import ServiceError
from prize import sealing, selectors, services
from prize.enums import BallotOutcome, BallotState, TieBreakRule
from prize.models import Ballot, BallotTotal, Finalist, Participation, SealedVote
from reporting.enums import AccountRole, SizeCategory

pytestmark = pytest.mark.django_db(transaction=True)

ORDER = ["graz", "malmo", "ghent", "worgl", "bulle"]  # the cities vote in this order


def _physical_columns() -> str:
    if connection.vendor == "postgresql":
        return "xmin::text AS xmin, ctid::text AS ctid"
    return "rowid AS rowid"


def table_copy(table: str) -> list[dict]:
    """Every row and column of a table, with the engine's hidden row columns."""
    sql = f"SELECT {_physical_columns()}, * FROM {connection.ops.quote_name(table)}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def database_copy() -> dict[str, list[dict]]:
    return {table: table_copy(table) for table in connection.introspection.table_names()}


def physical_order(row: dict):
    """Where a row sits: its rowid on SQLite, its (page, item) on PostgreSQL."""
    if "ctid" in row:
        page, item = row["ctid"].strip("()").split(",")
        return (int(page), int(item))
    return row["rowid"]


def link(copy: dict, ballot: Ballot) -> dict[int, dict]:
    """The attack: each voting city paired with the sealed vote written with its
    participation, by transaction id on PostgreSQL and by row order on SQLite."""
    participations = [r for r in copy[Participation._meta.db_table] if r["ballot_id"] == ballot.pk]
    votes = [r for r in copy[SealedVote._meta.db_table] if r["ballot_id"] == ballot.pk]
    if connection.vendor == "postgresql":
        by_xmin = {vote["xmin"]: vote for vote in votes}
        return {p["city_id"]: by_xmin[p["xmin"]] for p in participations}
    participations.sort(key=physical_order)
    votes.sort(key=physical_order)
    return {p["city_id"]: v for p, v in zip(participations, votes, strict=True)}


def primary_of(city):
    return city.accounts.get(role=AccountRole.PRIMARY, is_active=True).user


def vote_all(ballot, cities, choices: dict[str, Finalist]) -> dict[str, str]:
    """Each city votes in ORDER, one transaction each; returns the receipt codes."""
    return {
        name: services.vote_cast(
            ballot=ballot,
            city=cities[name],
            finalist_id=choices[name].pk,
            by=primary_of(cities[name]),
        )
        for name in ORDER
    }


def finalists(vote_setup) -> dict[str, Finalist]:
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    return {
        name: Finalist.objects.get(edition=edition, candidature__city=cities[name])
        for name in ("graz", "malmo", "ghent")
    }


def open_large(vote_setup, staff, **extra) -> Ballot:
    return services.ballot_open(
        edition=vote_setup["edition"], category=SizeCategory.LARGE, by=staff, **extra
    )


def cells(copy: dict):
    for rows in copy.values():
        for row in rows:
            for value in row.values():
                if isinstance(value, memoryview | bytes):
                    value = bytes(value)
                    yield value.hex()
                    yield value.decode("latin-1")
                else:
                    yield str(value)


def test_a_copy_pairs_each_voter_with_a_vote_that_only_the_absent_key_opens(vote_setup, staff):
    cities, options = vote_setup["cities"], finalists(vote_setup)
    ballot = open_large(vote_setup, staff)
    choices = {
        "graz": options["ghent"],
        "malmo": options["graz"],
        "ghent": options["ghent"],
        "worgl": options["malmo"],
        "bulle": options["graz"],
    }
    vote_all(ballot, cities, choices)

    copy = database_copy()
    pairs = link(copy, ballot)

    # The pairing works: every voter is matched with one vote, a different one each.
    assert set(pairs) == {cities[name].pk for name in ORDER}
    assert len({vote["id"] for vote in pairs.values()}) == len(ORDER)
    # What the attacker gets for each voter: a ballot id, a random id, a receipt hash
    # and a sealed box of one fixed length, fresh each time (the two cities that chose
    # Ghent hold unrelated texts). No finalist anywhere, and no total yet.
    for vote in pairs.values():
        assert set(vote) - {"xmin", "ctid", "rowid"} == {
            "id",
            "ballot_id",
            "sealed",
            "receipt_hash",
        }
        assert len(vote["sealed"]) == 76
    assert len({vote["sealed"] for vote in pairs.values()}) == len(ORDER)
    assert not [r for r in copy[BallotTotal._meta.db_table] if r["ballot_id"] == ballot.pk]
    # The private key is in no cell of any table, in any encoding.
    key = sealing.private_key(ballot.public_key)
    secrets = {
        key.encode().hex(),
        base64.b64encode(key.encode()).decode(),
        key.encode().decode("latin-1"),
    }
    assert not [cell for cell in cells(copy) for secret in secrets if secret in cell]
    # Only with that key, held outside the database, does the pairing become a vote.
    opened = {
        city_id: next(iter(sealing.count(public_key=ballot.public_key, sealed=[v["sealed"]])))
        for city_id, v in pairs.items()
    }
    assert opened == {cities[name].pk: choices[name].pk for name in ORDER}


def normalised(copy: dict, ballot: Ballot) -> list:
    """The copy's vote rows as an attacker may reason on them: the hidden row columns
    and sequential ids as ranks (the transaction ids ranked across both tables, so the
    pairing stays visible), the fresh random values (the sealed text, the receipt hash,
    the UUID) as their length, the ballot's id and the times masked."""
    tables = [Participation._meta.db_table, SealedVote._meta.db_table]
    rows = {t: [r for r in copy[t] if r["ballot_id"] == ballot.pk] for t in tables}
    xmins = sorted({int(r["xmin"]) for t in tables for r in rows[t] if "xmin" in r})

    def sort_key(column, row):
        return physical_order(row) if column == "ctid" else row[column]

    shape = []
    for table in tables:
        ranked = {"ctid", "rowid"} | ({"id"} if table == Participation._meta.db_table else set())
        ranks = {
            column: sorted(sort_key(column, row) for row in rows[table])
            for column in ranked
            if rows[table] and column in rows[table][0]
        }
        for row in rows[table]:
            item = {}
            for column, value in row.items():
                if column == "xmin":
                    item[column] = xmins.index(int(value))
                elif column in ranks:
                    item[column] = ranks[column].index(sort_key(column, row))
                elif column in ("sealed", "receipt_hash", "id"):
                    item[column] = len(str(value))
                elif column in ("ballot_id", "cast_at"):
                    item[column] = "…"
                else:
                    item[column] = value
            shape.append((table, sorted(item.items())))
    return sorted(shape)


def test_the_copy_is_the_same_whatever_the_cities_chose(vote_setup, staff):
    cities, options = vote_setup["cities"], finalists(vote_setup)
    first = {"graz": "ghent", "malmo": "ghent", "ghent": "ghent", "worgl": "graz", "bulle": "malmo"}
    second = {"graz": "malmo", "malmo": "graz", "ghent": "graz", "worgl": "ghent", "bulle": "ghent"}
    shapes, sealed = [], []
    for choice in (first, second):
        ballot = open_large(vote_setup, staff)
        vote_all(ballot, cities, {city: options[f] for city, f in choice.items()})
        copy = database_copy()
        shapes.append(normalised(copy, ballot))
        sealed.append({v["sealed"] for v in link(copy, ballot).values()})
        # Start again from an empty ballot box, as if the choices had been the others.
        SealedVote.objects.filter(ballot=ballot).delete()
        Participation.objects.filter(ballot=ballot).delete()
        ballot.delete()

    # Everything but the fresh random values is identical, so the copy cannot tell
    # the first set of choices from the second better than a coin.
    assert shapes[0] == shapes[1]
    assert not sealed[0] & sealed[1]


def test_a_copy_after_the_count_holds_totals_and_receipts_only(vote_setup, staff):
    cities, options = vote_setup["cities"], finalists(vote_setup)
    ballot = open_large(vote_setup, staff)
    codes = vote_all(ballot, cities, dict.fromkeys(ORDER, options["graz"]))
    public_key = ballot.public_key

    services.ballot_close(ballot=ballot, by=staff)
    copy = database_copy()

    votes = [r for r in copy[SealedVote._meta.db_table] if r["ballot_id"] == ballot.pk]
    assert [v["sealed"] for v in votes] == [""] * len(ORDER)
    totals = {
        r["finalist_id"]: r["votes"]
        for r in copy[BallotTotal._meta.db_table]
        if r["ballot_id"] == ballot.pk
    }
    assert totals == {options["graz"].pk: 5, options["malmo"].pk: 0, options["ghent"].pk: 0}
    # The key is gone with the count; receipts still say "your vote is in the count".
    with pytest.raises(sealing.KeyMissing):
        sealing.private_key(public_key)
    assert {selectors.receipt_verify(code=code) for code in codes.values()} == {ballot}


def test_close_without_the_key_is_refused_and_the_ballot_stays_open(
    vote_setup, staff, ballot_key_dir
):
    cities, options = vote_setup["cities"], finalists(vote_setup)
    ballot = open_large(vote_setup, staff)
    vote_all(ballot, cities, dict.fromkeys(ORDER, options["ghent"]))
    key_file = ballot_key_dir / f"{ballot.public_key}.key"
    saved = key_file.read_bytes()
    key_file.unlink()

    with pytest.raises(ServiceError) as error:
        services.ballot_close(ballot=ballot, by=staff)

    assert error.value.code == "key_missing"
    ballot.refresh_from_db()
    assert (ballot.state, ballot.outcome) == (BallotState.OPEN, BallotOutcome.PENDING)
    assert not BallotTotal.objects.exists()
    # The returning officer puts the key back: the same votes are counted.
    key_file.write_bytes(saved)
    services.ballot_close(ballot=ballot, by=staff)
    assert selectors.tally(ballot=ballot)[0] == {"finalist": options["ghent"], "votes": 5}


def test_a_vote_sealed_for_another_key_refuses_the_count(vote_setup, staff):
    ballot = open_large(vote_setup, staff)
    foreign = sealing.keypair_new()
    SealedVote.objects.create(
        ballot=ballot,
        sealed=sealing.seal(public_key=foreign, finalist_id=ballot.options.first().pk),
        receipt_hash="0" * 64,
    )
    Participation.objects.create(ballot=ballot, city=vote_setup["cities"]["graz"])

    with pytest.raises(ServiceError) as error:
        services.ballot_close(ballot=ballot, by=staff)

    assert error.value.code == "seal"
    assert Ballot.objects.get(pk=ballot.pk).state == BallotState.OPEN


def test_a_sealed_choice_has_one_length_whatever_the_finalist(ballot_key_dir):
    public_key = sealing.keypair_new()
    lengths = {len(sealing.seal(public_key=public_key, finalist_id=n)) for n in (1, 9, 10**12)}

    assert lengths == {76}
    assert (ballot_key_dir / f"{public_key}.key").stat().st_mode & 0o077 == 0


def test_no_admin_page_lists_votes():
    assert not admin.site.is_registered(SealedVote)
    assert not any(
        getattr(inline, "model", None) is SealedVote
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    )


def test_ballot_state_and_outcome_changes_are_recorded(vote_setup, staff, board):
    cities, options = vote_setup["cities"], finalists(vote_setup)
    ballot = open_large(vote_setup, staff, tie_break=TieBreakRule.BOARD)
    vote_all(
        ballot,
        cities,
        {"graz": options["graz"], "malmo": options["malmo"], "ghent": options["graz"]}
        | {"worgl": options["malmo"], "bulle": options["ghent"]},
    )
    services.ballot_close(ballot=ballot, by=staff)
    services.ballot_tie_decide(ballot=ballot, finalist=options["malmo"], by=board, note="Vote")

    states = list(ballot.state_changes.values_list("from_state", "to_state", "changed_by"))
    outcomes = list(
        ballot.outcome_changes.values_list("from_outcome", "to_outcome", "changed_by", "reason")
    )
    assert states == [
        ("", BallotState.OPEN, staff.pk),
        (BallotState.OPEN, BallotState.CLOSED, staff.pk),
    ]
    assert outcomes == [
        (BallotOutcome.PENDING, BallotOutcome.TIE, staff.pk, ""),
        (BallotOutcome.TIE, BallotOutcome.BOARD_DECIDED, board.pk, "Vote"),
    ]


def test_open_refused_when_the_key_folder_cannot_be_written(vote_setup, staff, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.PRIZE_BALLOT_KEY_DIR = blocker / "keys"

    with pytest.raises(ServiceError) as error:
        open_large(vote_setup, staff)

    assert error.value.code == "key_dir"
    assert not Ballot.objects.exists()
