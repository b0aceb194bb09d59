"""A conflict of interest declared late (issue 16): it withdraws only the reviewer's open
assignments, leaves finished reviews and sent letters their reviewer, flags a finalised
letter not yet sent, and a conflict with a country is a rule on the country that covers
cities admitted later, wherever conflicts are read."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from eccar.errors import ServiceError
from prize.selectors import abstaining_city_ids
from reporting.enums import ReportState
from reporting.models import Report, User
from reporting.rules import can_read_report, can_see_contacts
from reporting.selectors.reports import reports_visible_to
from reviews import services
from reviews.enums import LetterState, ReviewState
from reviews.models import Assignment, ConflictOfInterest, Letter, Review
from tests.factories import (
    CityAccountFactory,
    CityFactory,
    ReportFactory,
    ReportingCycleFactory,
    UserFactory,
)
from tests.reviews.test_services import _ready_letter


def _fresh(user) -> User:
    """The user as a new request sees them (nothing remembered on the object)."""
    return User.objects.get(pk=user.pk)


@pytest.fixture
def earlier_sent(city, cycle, reviewer):
    """The city's report of the cycle before, evaluated: a final review and a sent letter."""
    earlier = ReportFactory(
        city=city,
        cycle=ReportingCycleFactory(year=cycle.year - 2),
        state=ReportState.FEEDBACK_RECEIVED,
    )
    Assignment.objects.create(report=earlier, reviewer=reviewer)
    Review.objects.create(
        report=earlier, reviewer=reviewer, state=ReviewState.FINAL, general_conclusion="Good."
    )
    Letter.objects.create(
        report=earlier,
        finalised_by=reviewer,
        general_conclusion="Good.",
        state=LetterState.SENT,
    )
    return earlier


def test_a_late_conflict_withdraws_only_the_open_assignment(
    assigned, earlier_sent, reviewer, login, staff
):
    services.conflicts_declare(reviewer=reviewer, city=assigned.city, reason="New employer")

    assert list(Assignment.objects.values_list("report_id", flat=True)) == [earlier_sent.pk]
    assert Review.objects.get(report=earlier_sent).reviewer == reviewer
    page = login(staff).get(reverse("reviews:worklist", args=[earlier_sent.cycle.year]))
    assert [row["reviewers"] for row in page.context["rows"]] == [str(reviewer)]


def test_a_late_country_conflict_keeps_the_sent_letters_reviewer(assigned, earlier_sent, reviewer):
    services.conflicts_declare(
        reviewer=reviewer, city=assigned.city, reason="Own country", whole_country=True
    )

    assert not Assignment.objects.filter(report=assigned).exists()
    assert Assignment.objects.filter(report=earlier_sent, reviewer=reviewer).exists()


def test_a_finalised_unsent_letter_is_flagged_when_its_reviewer_withdraws(
    assigned, reviewer, staff, login
):
    _ready_letter(assigned, reviewer, staff)
    client = login(staff)
    outbox = reverse("reviews:outbox", args=[assigned.cycle.year])
    assert "has withdrawn" not in client.get(outbox).content.decode()

    services.conflicts_declare(reviewer=reviewer, city=assigned.city, reason="New employer")

    page = client.get(outbox).content.decode()
    assert f"{reviewer}, who finalised this letter, has withdrawn from this report" in page
    assert Letter.objects.get(report=assigned).state == LetterState.READY


def test_a_country_conflict_covers_a_city_admitted_later(reviewer, city, cycle, staff):
    services.conflicts_declare(
        reviewer=reviewer, city=city, reason="Own country", whole_country=True
    )
    newcomer = CityFactory(name="Linz", slug="linz", country=city.country)
    report = ReportFactory(city=newcomer, cycle=cycle, state=ReportState.SUBMITTED)

    assert ConflictOfInterest.objects.count() == 1
    assert not reports_visible_to(_fresh(reviewer)).filter(pk=report.pk).exists()
    assert not can_read_report.test(_fresh(reviewer), Report.objects.get(pk=report.pk))
    assert not can_see_contacts.test(_fresh(reviewer), Report.objects.get(pk=report.pk))
    assert newcomer.pk in abstaining_city_ids(_fresh(reviewer))
    with pytest.raises(ServiceError, match="conflict of interest"):
        services.reviewer_assign(report=report, reviewer=reviewer, by=staff)


def test_a_country_conflict_leaves_other_countries_alone(reviewer, city, other_city, cycle):
    services.conflicts_declare(
        reviewer=reviewer, city=city, reason="Own country", whole_country=True
    )
    report = ReportFactory(city=other_city, cycle=cycle, state=ReportState.SUBMITTED)

    assert reports_visible_to(_fresh(reviewer)).filter(pk=report.pk).exists()
    assert other_city.pk not in abstaining_city_ids(_fresh(reviewer))


def test_declaring_the_same_country_twice_keeps_one_rule(reviewer, city):
    for _n in range(2):
        services.conflicts_declare(
            reviewer=reviewer, city=city, reason="Own country", whole_country=True
        )

    assert ConflictOfInterest.objects.filter(country=city.country).count() == 1


@pytest.mark.parametrize("values", [{"country": "AT"}, {}], ids=["both", "neither"])
def test_a_conflict_names_a_city_or_a_country_not_both(reviewer, city, values):
    fields = {"city": city, **values} if values else {"city": None}
    with pytest.raises(IntegrityError), transaction.atomic():
        ConflictOfInterest.objects.create(reviewer=reviewer, reason="x", **fields)


def test_the_assign_dropdown_leaves_out_conflicted_reviewers(submitted, staff, login):
    by_city = UserFactory(is_reviewer=True, email="city@sab.test")
    by_country = UserFactory(is_reviewer=True, email="country@sab.test")
    by_account = UserFactory(is_reviewer=True, email="account@sab.test")
    free = UserFactory(is_reviewer=True, email="free@sab.test")
    services.conflicts_declare(reviewer=by_city, city=submitted.city, reason="Own city")
    neighbour = CityFactory(country=submitted.city.country)
    services.conflicts_declare(
        reviewer=by_country, city=neighbour, reason="Own country", whole_country=True
    )
    CityAccountFactory(city=submitted.city, user=by_account)

    page = login(staff).get(reverse("reviews:worklist", args=[submitted.cycle.year]))

    (row,) = page.context["rows"]
    choices = [r.email for r in row["reviewer_choices"]]
    assert free.email in choices
    assert not {by_city.email, by_country.email, by_account.email} & set(choices)
    html = page.content.decode()
    assert f'value="{by_country.pk}"' not in html
    assert f'value="{free.pk}"' in html


def test_a_kept_review_of_a_conflicted_city_is_listed_but_not_reopened(
    earlier_sent, reviewer, login
):
    services.conflicts_declare(reviewer=reviewer, city=earlier_sent.city, reason="New employer")
    client = login(reviewer)
    year, slug = earlier_sent.cycle.year, earlier_sent.city.slug

    page = client.get(reverse("reviews:worklist", args=[year]))

    assert [(row["report"], row["is_mine"]) for row in page.context["rows"]] == [
        (earlier_sent, False)
    ]
    assert reverse("reviews:review", args=[year, slug]) not in page.content.decode()
    assert client.get(reverse("reviews:review", args=[year, slug])).status_code == 404
