"""A General Assembly delegate votes in a real browser and checks the receipt."""

import re

import pytest
from playwright.sync_api import expect

from prize import sealing, services
from prize.models import Finalist, Participation, SealedVote
from reporting.enums import SizeCategory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import screenshot  # noqa: F401  (the e2e fixture, used here too)
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_delegate_votes_and_verifies_the_receipt(
    page,
    live_server,
    vote_setup,
    staff,
    delegate,
    screenshot,  # noqa: F811 (imported fixture)
):
    edition = vote_setup["edition"]
    ballot = services.ballot_open(edition=edition, category=SizeCategory.LARGE, by=staff)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(delegate.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Prize").click()
    page.get_by_role("link", name=str(edition)).first.click()
    page.get_by_role("link", name="Ballot").click()
    expect(page.get_by_text("A run-off vote between the tied finalists")).to_be_visible()
    assert_accessible(page)
    screenshot("prize-ballot-delegate")
    page.get_by_role("radio", name=re.compile("Ghent")).check()
    page.get_by_role("button", name="Cast the vote").click()
    # The confirmation step names the choice before anything is cast.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cast the vote of Graz?")
    expect(page.get_by_text("cannot be changed afterwards")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("main").get_by_role("button", name="Cast the vote").click()

    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    assert_accessible(page)
    screenshot("prize-receipt")
    page.reload()
    expect(page.get_by_test_id("receipt-code")).to_have_count(0)
    expect(page.get_by_text("Graz has voted.")).to_be_visible()
    expect(page.get_by_role("button", name="Cast the vote")).to_have_count(0)

    page.goto(live_server.url + "/prize/verify/")
    page.get_by_label("Receipt code").fill(code.lower())
    page.get_by_role("button", name="Check").click()
    expect(page.get_by_test_id("verify-result")).to_contain_text("is in the count")
    assert_accessible(page)
    assert Participation.objects.filter(ballot=ballot).count() == 1
    vote = SealedVote.objects.get(ballot=ballot)
    (finalist_id,) = sealing.count(public_key=ballot.public_key, sealed=[vote.sealed])
    assert Finalist.objects.get(pk=finalist_id).candidature.city.name == "Ghent"
