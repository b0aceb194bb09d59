"""Simultaneous votes on SQLite, the embedded default of `make run`: every vote is
counted, none answers 500 "database is locked" (settings: transaction_mode IMMEDIATE and
a busy timeout)."""

import sqlite3

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from prize import services
from prize.models import Finalist, Participation
from reporting.enums import AccountRole, SizeCategory
from tests.concurrency import run_at_once

CLICKS = 10
pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own write lock"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def on_a_file_database(tmp_path):
    """Threads need a SQLite file: the in-memory test database is shared-cache, whose
    table locks ignore the busy timeout, so it cannot show what `make run` does. Called
    once the test's data is committed, this copies the database into a file (sqlite3's
    backup API) and points the connections opened from then on, one per thread, at it.
    The test's own connection keeps the in-memory database, which pytest-django empties
    afterwards as usual."""
    original = connections.settings["default"]

    def switch():
        connection.ensure_connection()
        target = sqlite3.connect(tmp_path / "votes.sqlite3")
        connection.connection.backup(target)
        target.close()
        connections.settings["default"] = {**original, "NAME": str(tmp_path / "votes.sqlite3")}

    yield switch
    connections.settings["default"] = original


def test_five_cities_voting_at_once_on_sqlite_all_count(vote_setup, staff, on_a_file_database):
    edition, cities = vote_setup["edition"], vote_setup["cities"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    finalist = Finalist.objects.get(edition=edition, candidature__city=cities["graz"])
    url = reverse("prize:vote", args=[edition.year, ballot.pk])
    clients = []
    for city in cities.values():
        client = Client()
        client.force_login(city.accounts.get(role=AccountRole.PRIMARY).user)
        clients.append(client)
    on_a_file_database()

    def click_repeatedly(client):
        # Impatient clicks: the first counts, the others are refused with a message. The
        # repetitions make the transactions overlap, as gunicorn's workers' would.
        return [
            client.post(url, {"finalist": finalist.pk, "confirm": "yes"}).status_code
            for _ in range(CLICKS)
        ]

    results = run_at_once([lambda c=c: click_repeatedly(c) for c in clients])

    assert results == [[302] * CLICKS] * 5
    [count] = run_at_once([Participation.objects.filter(ballot_id=ballot.pk).count])
    assert count == 5
