"""Simultaneous requests against PostgreSQL with real threads: one state change, one
email, and no answer lost or silently overwritten."""

import pytest
from django.test import Client

from reporting.enums import ReportState
from reporting.models import Answer, ReportSnapshot, ReportStateChange
from tests.concurrency import needs_postgres, run_at_once
from tests.reporting.test_report_editing import url
from tests.reporting.test_submission import complete

pytestmark = [needs_postgres, pytest.mark.django_db(transaction=True)]


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_twenty_simultaneous_submissions_change_the_state_once(report, q, primary, mailoutbox):
    complete(report, q, primary)
    clients = [_client(primary) for _ in range(20)]

    responses = run_at_once(
        [lambda c=c: c.post(url(report, "report_submit"), {"confirm": "yes"}) for c in clients]
    )

    assert [r.status_code for r in responses] == [302] * 20
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert ReportStateChange.objects.filter(report=report, to_state="submitted").count() == 1
    assert ReportSnapshot.objects.filter(report=report).count() == 1
    confirmations = [m for m in mailoutbox if primary.email in m.to]
    assert len(confirmations) == 1


@pytest.mark.parametrize("round_", range(3))
def test_two_editors_saving_one_answer_at_once_one_wins_one_sees_the_conflict(
    report, q, primary, secondary, round_
):
    question = q["strategy_summary"]
    values = {primary: "Written by the coordinator.", secondary: "Written by the colleague."}
    clients = {user: _client(user) for user in values}

    responses = run_at_once(
        [
            lambda user=user: clients[user].post(
                url(report, "autosave"),
                {"question": question.pk, "version": 0, "value": values[user]},
            )
            for user in values
        ]
    )

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 409]
    winner, loser = sorted(responses, key=lambda r: r.status_code)
    stored = Answer.objects.get(report=report, question=question)
    assert stored.version == winner.json()["version"] == 1
    # Nothing lost: the stored value is one editor's, and the other got it back to merge.
    assert loser.json()["their_value"] == stored.value
    assert stored.value in values.values()
