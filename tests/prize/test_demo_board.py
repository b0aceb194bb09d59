"""The Board in the demo that `make run` loads: every link of the prize's Board pages
answers (the candidature tables and the finalists page used to send the Board to city
report pages that answer 404 to it), and each finalist reads as submitted, with scores."""

import re

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from prize.models import Finalist, PrizeEdition
from reporting.enums import SizeCategory
from reporting.models import User
from tests.conftest import _with_totp


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--quiet-logins")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def board_client(demo, db):
    user = User.objects.get(email="board@eccar.test")
    if not user.authenticator_set.exists():
        _with_totp(user)
    client = Client()
    client.force_login(user)
    return client


def test_every_link_of_the_boards_prize_pages_answers(board_client):
    edition = PrizeEdition.objects.get(year=2025)
    pages = [reverse("prize:edition", args=[edition.year])]
    for category in SizeCategory.values:
        pages += [
            reverse("prize:candidatures", args=[edition.year, category]),
            reverse("prize:finalists", args=[edition.year, category]),
        ]
    seen = set()
    for page in pages:
        response = board_client.get(page)
        assert response.status_code == 200, page
        links = set(re.findall(r'href="(/[^"#?]*)', response.content.decode()))
        for href in sorted(links - seen):
            if href.startswith(("/static/", "/accounts/", "/media/")):
                continue
            seen.add(href)
            assert board_client.get(href).status_code != 404, (page, href)


def test_each_finalist_reads_as_submitted_with_its_scores(board_client):
    finalists = Finalist.objects.filter(edition__year=2025).select_related("candidature")
    assert finalists.count() == 6
    for finalist in finalists:
        response = board_client.get(
            reverse("prize:candidature", args=[2025, finalist.candidature_id])
        )
        assert response.status_code == 200
        reading = response.context["reading"]
        assert reading["frozen"] is True, finalist.candidature.city
        assert reading["measure"] is not None
        assert response.context["scores"]["n_criteria"] == 5
