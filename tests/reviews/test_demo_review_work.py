"""In the demo (`make run`), during the 2027 cycle, the reviewer and the office reach the
2025 review work from their home pages by clicking only (issue 16): Nantes in review,
its letter ready in the 2025 outbox. Seeded once for the module, rolled back after it."""

import pytest
from django.core.management import call_command
from django.db import transaction

from reporting.models import User
from reviews.enums import LetterState
from tests.reviews.test_cycles import _href


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--quiet-logins")
        yield
        transaction.set_rollback(True)


def _client(client, email):
    client.force_login(User.objects.get(email=email))
    return client


def test_the_demo_reviewer_reaches_nantes_2025_from_home(demo, db, client):
    reviewer = _client(client, "reviewer@eccar.test")

    home = reviewer.get("/").content.decode()
    assert "0 submitted reports" not in home
    worklist = reviewer.get(_href(home, "2025: 1 report assigned to you is under review."))
    review = reviewer.get(_href(worklist.content.decode(), "Nantes"))

    assert review.status_code == 200
    assert review.context["report"].city.name == "Nantes"


def test_the_demo_office_reaches_the_2025_outbox_with_a_ready_letter(demo, db, client):
    office = _client(client, "office@eccar.test")

    home = office.get("/").content.decode()
    outbox = office.get(_href(home, "Outbox 2025: 1 letter to send"))

    unsent = [
        (letter.report.city.name, letter.state)
        for letter in outbox.context["letters"]
        if letter.state != LetterState.SENT
    ]
    assert unsent == [("Nantes", LetterState.READY)]
