"""The personal-data pages read a fixed number of queries whatever the number of
people, requests and log rows, and nothing logged-in is cached."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eccar.models import ErasureRequest, PrivacyEvent
from eccar.privacy.enums import PrivacyEventKind
from tests.factories import UserFactory

SIZES = [2, 20]


NUMBERS = itertools.count()


def people(count):
    users = [UserFactory(email=f"searched{next(NUMBERS)}@city.example") for _n in range(count)]
    for user in users:
        ErasureRequest.objects.create(user=user)
        PrivacyEvent.objects.create(kind=PrivacyEventKind.DATA_DOWNLOADED, subject=user, by=user)
    return users


@pytest.fixture
def queries_at(login, staff):
    def count(size, url):
        people(size)
        client = login(staff)
        client.get(url)  # the session and the language settle first
        with CaptureQueriesContext(connection) as context:
            client.get(url)
        return len(context.captured_queries)

    return count


@pytest.mark.parametrize("url", ["/office/personal-data/", "/office/personal-data/?q=searched"])
def test_the_office_page_reads_the_same_queries_at_two_sizes(queries_at, url, db):
    assert reverse("privacy:office") == "/office/personal-data/"
    small = queries_at(SIZES[0], url)
    large = queries_at(SIZES[1] - SIZES[0], url)
    assert (small, small <= 12) == (large, True)


def test_a_data_download_is_never_cached(login, primary):
    response = login(primary).get(reverse("privacy:my_data_json"))
    assert "no-store" in response["Cache-Control"]
