"""Access and portability (GDPR Art. 15, 20): a person downloads their own data as
JSON and reads it as a page; staff produce the same for anyone, logged; a vote's
participation is given, never a choice."""

import json

import pytest
from django.urls import reverse

from eccar.models import Notification, PrivacyEvent
from eccar.privacy.enums import PrivacyEventKind
from eccar.privacy.selectors import person_data
from prize.models import Ballot, Participation, SealedVote
from reporting.models import Answer
from tests.prize.factories import PrizeEditionFactory

MY_JSON = "/account/data/download.json"
MY_SUMMARY = "/account/data/summary/"


def test_urls():
    assert (reverse("privacy:my_data_json"), reverse("privacy:my_data_summary")) == (
        MY_JSON,
        MY_SUMMARY,
    )


def test_a_person_downloads_their_own_data_as_json(login, primary, city, report, q):
    Answer.objects.create(
        report=report, question=q["profile_contact"], value="Büro für Vielfalt", updated_by=primary
    )
    Notification.objects.create(
        user=primary, kind="report_evaluated", params={"year": 2025, "city": "Graz"}, url="/x/"
    )

    response = login(primary).get(MY_JSON)

    data = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert data["profile"]["email"] == primary.email
    assert [a["city"] for a in data["city_accounts"]] == ["Graz"]
    assert [a["value"] for a in data["answers_last_saved"]] == ["Büro für Vielfalt"]
    assert len(data["notifications"]) == 1
    assert list(PrivacyEvent.objects.values_list("kind", "subject", "by")) == [
        (PrivacyEventKind.DATA_DOWNLOADED, primary.pk, primary.pk)
    ]


def test_a_person_reads_their_data_as_a_page(login, primary, city):
    page = login(primary).get(MY_SUMMARY).content.decode()
    assert primary.email in page
    assert "Graz" in page


def test_the_data_holds_a_vote_participation_and_never_its_choice(db, city, delegate):
    edition = PrizeEditionFactory()
    ballot = Ballot.objects.create(edition=edition, category="large")
    Participation.objects.create(ballot=ballot, city=city, cast_by=delegate)
    SealedVote.objects.create(ballot=ballot, sealed="SEALED-CHOICE-TEXT", receipt_hash="f" * 64)

    data = person_data(person=delegate)

    assert [sorted(p) for p in data["prize_votes_cast"]] == [
        ["ballot", "cast_at", "city", "on_paper"]
    ]
    text = json.dumps(data)
    assert ("SEALED-CHOICE-TEXT" in text, "f" * 64 in text) == (False, False)


def test_staff_produce_a_persons_data_and_it_is_logged(login, staff, secondary):
    response = login(staff).get(reverse("privacy:person_json", args=[secondary.pk]))

    assert json.loads(response.content)["profile"]["email"] == secondary.email
    assert list(PrivacyEvent.objects.values_list("kind", "subject", "by")) == [
        (PrivacyEventKind.DATA_PRODUCED, secondary.pk, staff.pk)
    ]


@pytest.mark.parametrize("who", ["primary", "reviewer", "board"])
def test_only_staff_produce_another_persons_data(request, login, who, secondary):
    response = login(request.getfixturevalue(who)).get(
        reverse("privacy:person_json", args=[secondary.pk])
    )
    assert (response.status_code, PrivacyEvent.objects.count()) == (403, 0)


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(MY_JSON)
    assert (response.status_code, response["Location"].split("?")[0]) == (
        302,
        reverse("account_login"),
    )


def test_a_login_is_kept_in_the_security_log_and_in_the_data(client, primary, password):
    client.post(reverse("account_login"), {"login": primary.email, "password": password})

    events = person_data(person=primary)["security_log"]
    assert [(e["event"], e["ip_address"]) for e in events] == [("login", "127.0.0.1")]
