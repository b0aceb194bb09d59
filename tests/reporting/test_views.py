import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.enums import ReportState
from reporting.services.reports import report_start
from tests.factories import CityAccountFactory, CityFactory, ReportFactory, ReportingCycleFactory


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("primary", 200),
        ("secondary", 200),
        ("delegate", 200),
        ("other_primary", 404),
        ("reviewer", 404),
        ("board", 404),
        ("staff", 200),
    ],
)
def test_city_page_is_reachable_only_by_its_accounts_and_staff(
    role, expected, login, city, request
):
    client = login(request.getfixturevalue(role))

    response = client.get(reverse("reporting:city_detail", args=[city.slug]))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("primary", 403),
        ("secondary", 403),
        ("reviewer", 403),
        ("board", 200),
        ("staff", 200),
    ],
)
def test_city_list_permissions(role, expected, login, city, request):
    client = login(request.getfixturevalue(role))

    assert client.get(reverse("reporting:city_list")).status_code == expected


def test_other_citys_invite_form_answers_404_and_creates_nothing(login, other_primary, city):
    client = login(other_primary)

    response = client.post(
        reverse("reporting:account_invite", args=[city.slug]),
        {"email": "intruder@example.org", "role": "secondary"},
    )

    assert response.status_code == 404
    assert not city.accounts.filter(user__email="intruder@example.org").exists()


def test_refused_permission_is_logged(login, secondary, city, caplog):
    with caplog.at_level("WARNING", logger="eccar.security"):
        login(secondary).post(
            reverse("reporting:account_invite", args=[city.slug]), {"email": "a@b.example"}
        )

    assert any("permission refused" in r.getMessage() for r in caplog.records)


def test_city_list_shows_report_state_per_cycle(login, staff, city, other_city):
    older = ReportingCycleFactory(year=2097)
    current = ReportingCycleFactory(year=2099)
    ReportFactory(city=city, cycle=older, state=ReportState.PUBLISHED)
    ReportFactory(city=city, cycle=current, state=ReportState.SUBMITTED)

    response = login(staff).get(reverse("reporting:city_list"))

    rows = {row["city"]["name"]: row["states"] for row in response.context["rows"]}
    assert [c.year for c in response.context["cycles"]] == [2099, 2097]
    assert rows == {"Graz": ["submitted", "published"], "Malmö": [None, None]}
    page = response.content.decode()
    assert '<span class="badge badge--submitted">Submitted</span>' in page
    assert page.count('<span class="badge badge--none">Not started</span>') == 2


def _queries_for_city_list(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reporting:city_list"))
    assert response.status_code == 200
    return len(queries)


def test_city_list_query_count_does_not_grow_with_cities(login, staff):
    cycle = ReportingCycleFactory()
    client = login(staff)
    for city in CityFactory.create_batch(3):
        ReportFactory(city=city, cycle=cycle)
    _queries_for_city_list(client)  # the first request also writes the session
    small = _queries_for_city_list(client)

    for city in CityFactory.create_batch(30):
        ReportFactory(city=city, cycle=cycle)
        CityAccountFactory(city=city)
    large = _queries_for_city_list(client)

    assert small == large


def test_home_shows_city_report_status(login, primary, city, cycle):
    client = login(primary)
    before = client.get(reverse("home")).content.decode()
    report = report_start(city=city, cycle=cycle, by=primary)
    after = client.get(reverse("home")).content.decode()

    assert "Not started" in before
    assert report.get_state_display() in after
    assert f"Your {cycle.year} report" in after


def test_home_for_reviewer_counts_reports_waiting(login, reviewer, cycle, city, other_city):
    submitted = ReportFactory(city=city, cycle=cycle, state=ReportState.SUBMITTED)
    ReportFactory(city=other_city, cycle=cycle, state=ReportState.DRAFT)
    submitted.assignments.create(reviewer=reviewer)

    response = login(reviewer).get(reverse("home"))

    assert f"{cycle.year}: 1 report assigned to you is under review." in response.content.decode()


def test_home_for_staff_shows_office_tasks(login, staff, city):
    response = login(staff).get(reverse("home"))

    assert response.context["city_count"] == 1
    assert "Access requests" in response.content.decode()


def test_landing_page_for_anonymous_offers_login_and_access_request(client, db):
    content = client.get(reverse("home")).content.decode()

    assert reverse("account_login") in content
    assert reverse("reporting:access_request") in content


def test_language_switch_remembers_choice_on_user(login, primary):
    client = login(primary)

    response = client.post(reverse("language_set"), {"language": "fr", "next": "/"})

    assert response.status_code == 302
    primary.refresh_from_db()
    assert primary.preferred_language == "fr"
    page = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="de")
    assert '<html lang="fr">' in page.content.decode()


def test_language_switch_for_anonymous_sets_cookie(client, db):
    response = client.post(reverse("language_set"), {"language": "de", "next": "/"})

    assert response.cookies["django_language"].value == "de"
    assert '<html lang="de">' in client.get("/").content.decode()


def test_unknown_language_code_gets_message_and_keeps_preference(login, primary):
    primary.preferred_language = "it"
    primary.save()
    client = login(primary)

    response = client.post(reverse("language_set"), {"language": "xx", "next": "/"}, follow=True)

    primary.refresh_from_db()
    assert primary.preferred_language == "it"
    assert response.status_code == 200
    # The message comes in the user's own language (Italian here).
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert "lingua" in response.content.decode().lower()


def test_language_switch_refuses_foreign_redirect(client, db):
    response = client.post(
        reverse("language_set"), {"language": "fr", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/"


def test_language_switch_is_post_only(client, db):
    assert client.get(reverse("language_set") + "?language=fr").status_code == 405


def test_dates_follow_the_chosen_locale(login, primary, city):
    ReportingCycleFactory(submission_deadline=datetime.date.today() + datetime.timedelta(days=30))
    client = login(primary)
    client.post(reverse("language_set"), {"language": "de"})

    content = client.get(reverse("home")).content.decode()

    deadline = datetime.date.today() + datetime.timedelta(days=30)
    assert f"{deadline.day}. " in content


def test_pages_send_content_security_policy_without_inline_scripts(client, db):
    response = client.get(reverse("account_login"))

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()
