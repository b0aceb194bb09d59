"""Simultaneous shortlisting on PostgreSQL with real threads: one finalist row per
candidature, never more than three finalists per category, one preselection mark."""

import pytest
from django.test import Client
from django.urls import reverse

from prize import services
from prize.enums import EditionPhase
from prize.models import Finalist, PreselectionMark
from tests.concurrency import needs_postgres, run_at_once
from tests.prize.conftest import advance
from tests.prize.factories import submitted_report

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shortlist(edition, staff, reviewer):
    """Six large candidatures, all preselected, the edition choosing its finalists."""
    for _ in range(6):
        submitted_report(cycle=edition.cycle, population=120_000)
    advance(edition, staff, EditionPhase.PRESELECTION)
    for candidature in edition.candidatures.all():
        services.preselection_mark(candidature=candidature, reviewer=reviewer, justification="Good")
    return advance(edition, staff, EditionPhase.FINALISTS)


def test_twenty_simultaneous_clicks_make_one_finalist(shortlist, board):
    candidature = shortlist.candidatures.first()
    url = reverse("prize:finalist_choose", args=[shortlist.year, candidature.pk])
    clients = [_client(board) for _ in range(20)]

    responses = run_at_once([lambda c=c: c.post(url) for c in clients])

    assert [r.status_code for r in responses] == [302] * 20
    assert Finalist.objects.filter(candidature=candidature).count() == 1


def test_six_simultaneous_choices_leave_exactly_three_finalists(shortlist, board, staff):
    clients = [_client(board if n % 2 else staff) for n in range(6)]
    urls = [
        reverse("prize:finalist_choose", args=[shortlist.year, c.pk])
        for c in shortlist.candidatures.order_by("pk")
    ]

    responses = run_at_once(
        [lambda c=c, u=u: c.post(u) for c, u in zip(clients, urls, strict=True)]
    )

    assert [r.status_code for r in responses] == [302] * 6
    assert Finalist.objects.filter(edition=shortlist).count() == 3


def test_twenty_simultaneous_preselection_marks_make_one(edition, staff, reviewer):
    submitted_report(cycle=edition.cycle, population=120_000)
    advance(edition, staff, EditionPhase.PRESELECTION)
    candidature = edition.candidatures.get()
    url = reverse("prize:preselect", args=[edition.year, candidature.pk])
    clients = [_client(reviewer) for _ in range(20)]

    responses = run_at_once(
        [lambda c=c: c.post(url, {"justification": "Strong results"}) for c in clients]
    )

    assert [r.status_code for r in responses] == [302] * 20
    assert PreselectionMark.objects.filter(candidature=candidature).count() == 1
