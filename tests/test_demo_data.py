"""The demo that `make run` loads looks like real data on the cycles' real calendars:
people's names, years, euro amounts, measure titles and dates a coordinator would
recognise. Seeded once for the module (it takes a while) and rolled back after it."""

import pytest
from django.core.management import call_command
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from reporting.enums import ReportState
from reporting.models import Answer, City, Measure, Report, ReportStateChange, User
from reviews.models import Letter

# The order a report passes through its states in the demo.
PATH = [
    ReportState.DRAFT,
    ReportState.SUBMITTED,
    ReportState.FEEDBACK_RECEIVED,
    ReportState.PUBLISHED,
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", "--quiet-logins")
        yield
        transaction.set_rollback(True)


@pytest.fixture
def answers(demo, db):
    def of(code):
        return list(
            Answer.objects.filter(question__code=code, measure=None).select_related(
                "report__city", "report__cycle"
            )
        )

    return of


def test_contact_persons_have_peoples_names_not_city_names(answers):
    contacts = answers("profile_contact_name")
    city_names = set(City.objects.values_list("name", flat=True))

    assert len(contacts) >= 30
    assert [a.value for a in contacts if a.value in city_names] == []
    assert [a.value for a in contacts if len(a.value.split()) < 2] == []


def test_contact_departments_and_functions_are_not_city_names(answers):
    city_names = set(City.objects.values_list("name", flat=True))

    departments = answers("profile_contact_department")

    assert [a.value for a in departments if a.value in city_names] == []


def test_year_joined_is_the_citys_real_year(answers):
    years = answers("profile_year_joined")

    assert len(years) >= 30
    assert [
        (a.report.city.name, a.value)
        for a in years
        if a.value != a.report.city.year_joined or not 2004 <= a.value <= a.report.cycle.year
    ] == []


def test_budgets_are_real_amounts_in_euros(answers):
    budgets = answers("organisation_budget")

    assert len(budgets) >= 30
    # Whole euros, as the help asks ("a whole number, e.g. 250000"), never "2" or "8000.0".
    assert [
        (a.report.city.name, a.value)
        for a in budgets
        if not isinstance(a.value, int) or a.value < 5_000
    ] == []


def test_long_answers_are_sentences_not_city_names(answers):
    city_names = set(City.objects.values_list("name", flat=True))

    for code in ["civil_society_participation", "challenges_biggest"]:
        assert [a.value for a in answers(code) if a.value in city_names] == [], code


def test_email_answers_are_valid_addresses(answers):
    for answer in answers("profile_contact_email"):
        validate_email(answer.value)


def test_measure_titles_are_real_titles(demo, db):
    measures = list(Measure.objects.select_related("report__city"))
    descriptions = {
        a.measure_id: a.value
        for a in Answer.objects.filter(question__code="m_description", measure__isnull=False)
    }

    assert len(measures) >= 30
    # Not "Wörgl: 21 March": a city's name and a date are not the title of a measure.
    assert [m.title for m in measures if m.title.startswith(f"{m.report.city.name}:")] == []
    assert [m.title for m in measures if m.title == m.report.city.name] == []
    city_names = set(City.objects.values_list("name", flat=True))
    assert [d for d in descriptions.values() if d in city_names] == []


def test_reports_were_submitted_before_their_deadline(demo, db):
    submitted = list(Report.objects.filter(submitted_at__isnull=False).select_related("cycle"))

    assert len(submitted) >= 25
    late = [
        (r.city_id, r.cycle.year, timezone.localdate(r.submitted_at))
        for r in submitted
        if not r.cycle.questionnaire_opens
        <= timezone.localdate(r.submitted_at)
        <= r.cycle.submission_deadline
    ]
    assert late == []


def test_no_2025_report_is_dated_on_the_day_the_demo_was_loaded(demo, db):
    today = timezone.localdate()
    dated_today = [
        (change.report.city.name, change.to_state)
        for change in ReportStateChange.objects.filter(report__cycle__year__lt=2027)
        .select_related("report__city")
        .order_by("pk")
        if timezone.localdate(change.changed_at) == today
    ]

    assert dated_today == []


def test_each_reports_history_follows_the_calendar_in_order(demo, db):
    now = timezone.now()
    for report in Report.objects.select_related("cycle").prefetch_related("state_changes"):
        changes = sorted(report.state_changes.all(), key=lambda c: c.changed_at)
        states = [c.to_state for c in changes]
        assert states == PATH[: len(states)], report
        assert all(c.changed_at <= now for c in changes), report
        cycle = report.cycle
        for change in changes:
            day = timezone.localdate(change.changed_at)
            if change.to_state == ReportState.FEEDBACK_RECEIVED:
                assert cycle.submission_deadline < day <= cycle.evaluation_ends, report
            if change.to_state == ReportState.SUBMITTED:
                assert change.changed_at == report.submitted_at, report


def test_feedback_letters_were_sent_during_the_evaluation(demo, db):
    letters = list(Letter.objects.filter(sent_at__isnull=False).select_related("report__cycle"))

    assert letters
    for letter in letters:
        cycle = letter.report.cycle
        assert (
            cycle.submission_deadline < timezone.localdate(letter.sent_at) <= cycle.evaluation_ends
        )


def test_primary_accounts_carry_the_contact_persons_name(demo, db):
    graz = User.objects.get(email="graz@cities.eccar.test")

    assert (
        graz.full_name
        == Answer.objects.get(
            report__city__slug="graz",
            report__cycle__year=2025,
            question__code="profile_contact_name",
        ).value
    )
