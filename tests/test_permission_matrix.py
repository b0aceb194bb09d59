"""Every page of the project, for every role and each report state: the status each one gets.

The URL resolver is walked, so a page that nobody listed here fails
`test_every_url_has_a_row`. A row gives the address's arguments, taken from one shared
world (tests/world.py, built once for the module) and the expected answer per role:

    200 / 405 ...  the status code; 405 is the answer of an allowed role to a GET on a
                   view that only accepts POST (GET changes nothing)
    "login"        a redirect to the login page (anonymous visitors)
    302            any other redirect
    403            refused; 404: the object is out of the role's reach (another city's)

Report pages (and the review pages of a report) are checked with city A's report in each
state: draft, submitted (under review, letter ready) and published (letter sent)."""

import html
from collections.abc import Callable
from unittest import mock

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.messages import get_messages
from django.urls import reverse

from eccar.middleware import RequireTwoFactorMiddleware
from reporting.enums import MembershipStatus, ReportState
from reporting.services.membership import city_membership_change
from reviews.models import ConflictOfInterest

from .security_helpers import client_for, outcome, url_names, world_in_transaction
from .world import MINIMAL_PDF, ROLES, STATES

ANY = None  # the address does not depend on a report: one column of statuses


def roles(default, **overrides) -> dict:
    """{role: expected status}: `default` for every role but those named."""
    unknown = set(overrides) - set(ROLES)
    assert not unknown, unknown
    return {role: overrides.get(role, default) for role in ROLES}


def same(table: dict) -> dict:
    return {ANY: table}


def _value(spec, w, s):
    if spec == "a":
        return w.cities["a"].slug
    return spec(w, s)


def kw(base: str = "", **fields) -> Callable:
    """The address's arguments: `base` is "report" (city A's report in the state under
    test), "edition" or "ballot" (the prize); "a" stands for city A's slug."""

    def build(w, s):
        kwargs = {}
        if base == "report":
            kwargs.update(w.report_kwargs(s))
        elif base in ("edition", "ballot"):
            kwargs["year"] = w.objects["edition"].year
            if base == "ballot":
                kwargs["pk"] = w.objects["ballot"].pk
        kwargs.update({name: _value(spec, w, s) for name, spec in fields.items()})
        return kwargs

    build.per_state = base == "report"
    return build


def pk(key):
    return lambda w, s: w.objects[key].pk


def year(state):
    return lambda w, s: w.reports[state].cycle.year


def const(value):
    return lambda w, s: value


def measure(w, s):
    return w.measures[s].pk


def secondary_account(w, s):
    return w.users["secondary"].city_accounts.get().pk


ARGS = {
    "home": kw(),
    "healthz": kw(),
    "favicon": kw(),
    "language_set": kw(),
    "notifications": kw(),
    "notification_open": kw(pk=pk("notification")),
    "reporting:city_list": kw(),
    "reporting:city_detail": kw(slug="a"),
    "reporting:account_invite": kw(slug="a"),
    "reporting:account_deactivate": kw(slug="a", account_id=secondary_account),
    "reporting:invitation_accept": kw(token=const("not-a-real-invitation")),
    "reporting:access_request": kw(),
    "reporting:access_request_done": kw(),
    "reporting:access_request_list": kw(),
    "reporting:access_request_decide": kw(pk=pk("access_request")),
    "reporting:report_detail": kw("report"),
    "reporting:report_start": kw("report"),
    "reporting:section_edit": kw("report", code=const("profile")),
    "reporting:measure_list": kw("report"),
    "reporting:measure_add": kw("report"),
    "reporting:measure_edit": kw("report", measure_id=measure),
    "reporting:measure_delete": kw("report", measure_id=measure),
    "reporting:measure_move": kw("report", measure_id=measure),
    "reporting:autosave": kw("report"),
    "reporting:attachment": kw("report"),
    "reporting:report_submit": kw("report"),
    "reporting:report_return": kw("report"),
    "reporting:report_pdf": kw("report"),
    "reporting:report_publication": kw("report"),
    "reporting:report_translate": kw("report"),
    "reporting:report_language": kw("report"),
    "reporting:help": kw(),
    "reporting:help_page": kw(slug=const("start")),
    "reporting:questionnaire": kw(year=year("draft")),
    "reporting:questionnaire_pdf": kw(year=year("draft")),
    "reporting:join": kw(),
    "reporting:join_sent": kw(),
    "reporting:application_list": kw(),
    "reporting:application_detail": kw(pk=pk("application")),
    "reporting:application_document": kw(pk=pk("application")),
    "reporting:membership": kw(slug="a"),
    "reporting:reminder_list": kw(year=year("submitted")),
    "reporting:directory": kw(),
    "reporting:public_members": kw(),
    "reviews:worklist_current": kw(),
    "reviews:worklist": kw(year=year("submitted")),
    "reviews:outbox_current": kw(),
    "reviews:outbox": kw(year=year("submitted")),
    "reviews:general_feedback": kw(year=year("submitted")),
    "reviews:conflict": kw(year=year("submitted")),
    "reviews:review": kw("report"),
    "reviews:assign": kw("report"),
    "reviews:report_reviews": kw("report"),
    "reviews:letter": kw("report"),
    "reviews:letter_translation": kw("report"),
    "reviews:feedback": kw("report"),
    "library:index": kw(),
    "library:measure": kw(pk=lambda w, s: w.measures["published"].pk),
    "library:city": kw(slug="a"),
    "library:benchmark": kw(slug="a"),
    "library:benchmark_cycle": kw(slug="a", year=year("published")),
    "library:contact_publication": kw("report"),
    "library:api_tokens": kw(),
    "library:api_token_revoke": kw(pk=pk("token")),
    "library:dashboard": kw(),
    "library:dashboard_cycle": kw(year=year("published")),
    "library:export": kw(year=year("published"), level=const("level1"), fmt=const("csv")),
    "library:api_schema": kw(),
    "library:api_reports": kw(),
    "library:api_report": kw(slug="a", year=year("published")),
    "prize:index": kw(),
    "prize:verify": kw(),
    "prize:edition": kw("edition"),
    "prize:phase": kw("edition"),
    "prize:build": kw("edition"),
    "prize:candidatures": kw("edition", category=const("large")),
    "prize:candidature": kw("edition", pk=pk("candidature")),
    "prize:preselect": kw("edition", pk=pk("candidature")),
    "prize:comment": kw("edition", pk=pk("candidature")),
    "prize:finalist_choose": kw("edition", pk=pk("candidature")),
    "prize:finalists_notify": kw("edition"),
    "prize:finalists": kw("edition", category=const("large")),
    "prize:finalist_remove": kw("edition", pk=pk("finalist")),
    "prize:city": kw("edition", slug="a"),
    "prize:withdraw": kw("edition", slug="a", pk=pk("candidature")),
    "prize:presenter": kw("edition", slug="a", pk=pk("finalist")),
    "prize:ballot_open": kw("edition"),
    "prize:ballot": kw("ballot"),
    "prize:vote": kw("ballot"),
    "prize:receipt": kw("ballot"),
    "prize:paper_vote": kw("ballot"),
    "prize:ballot_close": kw("ballot"),
    "prize:runoff": kw("ballot"),
    "prize:tie_decide": kw("ballot"),
    "prize:audit": kw("ballot"),
    "privacy:notice": kw(),
    "privacy:my_data": kw(),
    "privacy:my_data_json": kw(),
    "privacy:my_data_summary": kw(),
    "privacy:erasure_request": kw(),
    "privacy:office": kw(),
    "privacy:person": kw(pk=lambda w, s: w.users["secondary"].pk),
    "privacy:person_json": kw(pk=lambda w, s: w.users["secondary"].pk),
    "privacy:person_summary": kw(pk=lambda w, s: w.users["secondary"].pk),
    "privacy:person_anonymise": kw(pk=lambda w, s: w.users["secondary"].pk),
    "privacy:erasure_decide": kw(pk=const(999_999)),
    "privacy:contacts_clear": kw(slug="a"),
    "admin:index": kw(),
}


EXPECT = {
    "home": same(roles(200)),
    # For load balancers and the load test's floor: says nothing, to anyone.
    "healthz": same(roles(200)),
    # Browsers ask for it on their own: the static icon, to anyone.
    "favicon": same(roles(301)),
    "language_set": same(roles(405)),
    "notifications": same(roles(200, anonymous="login")),
    "notification_open": same(roles(302, anonymous="login")),
    "reporting:city_list": same(roles(403, anonymous="login", board=200, staff=200)),
    "reporting:city_detail": same(
        roles(404, anonymous="login", secondary=200, primary=200, staff=200, delegate=200)
    ),
    "reporting:account_invite": same(
        roles(404, anonymous="login", secondary=403, primary=405, staff=405, delegate=403)
    ),
    "reporting:account_deactivate": same(
        roles(404, anonymous="login", secondary=403, primary=405, staff=405, delegate=403)
    ),
    "reporting:invitation_accept": same(roles(404)),
    "reporting:access_request": same(roles(200)),
    "reporting:access_request_done": same(roles(200)),
    "reporting:access_request_list": same(roles(403, anonymous="login", staff=200)),
    "reporting:access_request_decide": same(roles(403, anonymous="login", staff=405)),
    "reporting:report_detail": {
        "draft": roles(404, anonymous="login", secondary=200, primary=200, staff=200, delegate=200),
        "submitted": roles(200, anonymous="login", other=404, board=404),
        "published": roles(200, anonymous="login"),
    },
    # A GET leads to the report (or to the Start button), never a blank 405 (issue 17).
    "reporting:report_start": {
        state: roles(404, anonymous="login", secondary=302, primary=302, staff=403, delegate=302)
        for state in ("draft", "submitted", "published")
    },
    "reporting:section_edit": {
        "draft": roles(404, anonymous="login", secondary=200, primary=200, staff=403, delegate=200),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login"),
    },
    "reporting:measure_list": {
        "draft": roles(404, anonymous="login", secondary=200, primary=200, staff=200, delegate=200),
        "submitted": roles(200, anonymous="login", other=404, board=404),
        "published": roles(200, anonymous="login"),
    },
    "reporting:measure_add": {
        "draft": roles(404, anonymous="login", secondary=405, primary=405, staff=403, delegate=405),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login"),
    },
    "reporting:measure_edit": {
        "draft": roles(404, anonymous="login", secondary=200, primary=200, staff=403, delegate=200),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login"),
    },
    "reporting:measure_delete": {
        "draft": roles(404, anonymous="login", secondary=405, primary=405, staff=403, delegate=405),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login"),
    },
    "reporting:measure_move": {
        "draft": roles(404, anonymous="login", secondary=405, primary=405, staff=403, delegate=405),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login"),
    },
    "reporting:autosave": {
        "draft": roles(404, anonymous=401, secondary=405, primary=405, staff=403, delegate=405),
        "submitted": roles(403, anonymous=401, other=404, board=404),
        "published": roles(403, anonymous=401),
    },
    "reporting:attachment": {
        "draft": roles(404, anonymous="login", secondary=200, primary=200, staff=200, delegate=200),
        "submitted": roles(404, anonymous="login"),
        "published": roles(404, anonymous="login"),
    },
    "reporting:report_submit": {
        "draft": roles(404, anonymous="login", secondary=403, primary=200, staff=403, delegate=403),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login"),
    },
    "reporting:report_return": {
        "draft": roles(404, anonymous="login", secondary=403, primary=403, staff=403, delegate=403),
        # The return page is its own confirmation (reason and new date), a GET.
        "submitted": roles(403, anonymous="login", other=404, board=404, staff=200),
        "published": roles(403, anonymous="login"),
    },
    "reporting:report_pdf": {
        "draft": roles(404, anonymous="login", secondary=200, primary=200, staff=200, delegate=200),
        "submitted": roles(200, anonymous="login", other=404, board=404),
        "published": roles(200, anonymous="login"),
    },
    "reporting:report_publication": {
        "draft": roles(404, anonymous="login", secondary=403, primary=403, staff=403, delegate=403),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login", primary=405),
    },
    "reporting:report_translate": {
        "draft": roles(404, anonymous="login", secondary=403, primary=403, staff=405, delegate=403),
        "submitted": roles(403, anonymous="login", other=404, board=404, staff=405),
        "published": roles(403, anonymous="login", staff=405),
    },
    "reporting:report_language": {
        "draft": roles(404, anonymous="login", secondary=405, primary=405, staff=403, delegate=405),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login"),
    },
    "reporting:help": same(roles(200)),
    "reporting:help_page": same(roles(200)),
    "reporting:questionnaire": same(roles(200, anonymous="login")),
    "reporting:questionnaire_pdf": same(roles(200, anonymous="login")),
    "reporting:join": same(roles(200)),
    "reporting:join_sent": same(roles(200)),
    "reporting:application_list": same(roles(403, anonymous="login", board=200, staff=200)),
    "reporting:application_detail": same(roles(403, anonymous="login", board=200, staff=200)),
    "reporting:application_document": same(roles(403, anonymous="login", board=200, staff=200)),
    "reporting:membership": same(roles(403, anonymous="login", staff=405)),
    "reporting:reminder_list": same(roles(403, anonymous="login", staff=200)),
    "reporting:directory": same(roles(200, anonymous="login")),
    "reporting:public_members": same(roles(200)),
    "reviews:worklist_current": same(
        roles(403, anonymous="login", reviewer=302, board=302, staff=302, reviewer_coordinator=302)
    ),
    "reviews:worklist": same(
        roles(403, anonymous="login", reviewer=200, board=200, staff=200, reviewer_coordinator=200)
    ),
    "reviews:outbox_current": same(roles(403, anonymous="login", staff=302)),
    "reviews:outbox": same(roles(403, anonymous="login", staff=200)),
    "reviews:general_feedback": same(
        roles(403, anonymous="login", reviewer=200, board=200, staff=200, reviewer_coordinator=200)
    ),
    "reviews:conflict": same(roles(403, anonymous="login", reviewer=405, reviewer_coordinator=405)),
    "reviews:review": {
        "draft": roles(404, anonymous="login"),
        "submitted": roles(404, anonymous="login", reviewer=200),
        "published": roles(404, anonymous="login", reviewer=200),
    },
    "reviews:assign": {
        "draft": roles(403, anonymous="login", board=405, staff=405),
        "submitted": roles(403, anonymous="login", board=405, staff=405),
        "published": roles(403, anonymous="login", board=405, staff=405),
    },
    "reviews:report_reviews": {
        "draft": roles(403, anonymous="login", board=200, staff=200),
        "submitted": roles(403, anonymous="login", board=200, staff=200),
        "published": roles(403, anonymous="login", board=200, staff=200),
    },
    "reviews:letter": {
        "draft": roles(404, anonymous="login"),
        "submitted": roles(404, anonymous="login", reviewer=200, board=200, staff=200),
        "published": roles(404, anonymous="login", reviewer=200, board=200, staff=200),
    },
    "reviews:letter_translation": {
        "draft": roles(403, anonymous="login", staff=405),
        "submitted": roles(403, anonymous="login", staff=405),
        "published": roles(403, anonymous="login", staff=405),
    },
    "reviews:feedback": {
        "draft": roles(404, anonymous="login"),
        "submitted": roles(404, anonymous="login"),
        "published": roles(200, anonymous="login"),
    },
    "library:index": same(roles(200, anonymous="login")),
    "library:measure": same(roles(200, anonymous="login")),
    "library:city": same(roles(200, anonymous="login")),
    "library:benchmark": same(roles(302, anonymous="login", other=404, board=404)),
    "library:benchmark_cycle": same(roles(200, anonymous="login", other=404, board=404)),
    "library:contact_publication": {
        "draft": roles(404, anonymous="login", secondary=403, primary=403, staff=403, delegate=403),
        "submitted": roles(403, anonymous="login", other=404, board=404),
        "published": roles(403, anonymous="login", primary=405),
    },
    "library:api_tokens": same(roles(200, anonymous="login")),
    "library:api_token_revoke": same(roles(405, anonymous="login")),
    "library:dashboard": same(
        roles(403, anonymous="login", reviewer=302, board=302, staff=302, reviewer_coordinator=302)
    ),
    "library:dashboard_cycle": same(
        roles(403, anonymous="login", reviewer=200, board=200, staff=200, reviewer_coordinator=200)
    ),
    "library:export": same(
        roles(403, anonymous="login", reviewer=200, board=200, staff=200, reviewer_coordinator=200)
    ),
    "library:api_schema": same(roles(200)),
    "library:api_reports": same(roles(401)),
    "library:api_report": same(roles(401)),
    "prize:index": same(roles(200, anonymous="login")),
    "prize:verify": same(roles(200, anonymous="login")),
    "prize:edition": same(roles(200, anonymous="login")),
    "prize:phase": same(roles(403, anonymous="login", staff=405)),
    "prize:build": same(roles(403, anonymous="login", staff=405)),
    "prize:candidatures": same(
        roles(403, anonymous="login", reviewer=200, board=200, staff=200, reviewer_coordinator=200)
    ),
    "prize:candidature": same(
        roles(403, anonymous="login", reviewer=200, board=200, staff=200, reviewer_coordinator=200)
    ),
    "prize:preselect": same(roles(403, anonymous="login", reviewer=405, reviewer_coordinator=405)),
    "prize:comment": same(roles(403, anonymous="login", board=405, staff=405)),
    "prize:finalist_choose": same(roles(403, anonymous="login", board=405, staff=405)),
    "prize:finalists_notify": same(roles(403, anonymous="login", board=405, staff=405)),
    "prize:finalists": same(roles(403, anonymous="login", board=200, staff=200)),
    "prize:finalist_remove": same(roles(403, anonymous="login", board=405, staff=405)),
    "prize:city": same(
        roles(404, anonymous="login", secondary=200, primary=200, staff=200, delegate=200)
    ),
    # A confirmation page for the primary account (the world's vote has begun, so it
    # goes back to the city's page with the reason); nobody else may withdraw.
    "prize:withdraw": same(
        roles(404, anonymous="login", secondary=403, primary=302, staff=403, delegate=403)
    ),
    "prize:presenter": same(
        roles(404, anonymous="login", secondary=405, primary=405, staff=405, delegate=405)
    ),
    "prize:ballot_open": same(roles(403, anonymous="login", staff=405)),
    "prize:ballot": same(roles(200, anonymous="login")),
    # Nothing to confirm without a choice: back to the ballot.
    "prize:vote": same(roles(302, anonymous="login")),
    "prize:receipt": same(roles(302, anonymous="login")),
    "prize:paper_vote": same(roles(403, anonymous="login", staff=405)),
    "prize:ballot_close": same(roles(403, anonymous="login", staff=200)),
    "prize:runoff": same(roles(403, anonymous="login", staff=405)),
    "prize:tie_decide": same(roles(403, anonymous="login", board=405, staff=405)),
    "prize:audit": same(roles(403, anonymous="login", board=302, staff=302)),
    # Personal data: everyone reads the notice and their own data; staff the rest.
    "privacy:notice": same(roles(200)),
    "privacy:my_data": same(roles(200, anonymous="login")),
    "privacy:my_data_json": same(roles(200, anonymous="login")),
    "privacy:my_data_summary": same(roles(200, anonymous="login")),
    "privacy:erasure_request": same(roles(405, anonymous="login")),
    "privacy:office": same(roles(403, anonymous="login", staff=200)),
    "privacy:person": same(roles(403, anonymous="login", staff=200)),
    "privacy:person_json": same(roles(403, anonymous="login", staff=200)),
    "privacy:person_summary": same(roles(403, anonymous="login", staff=200)),
    "privacy:person_anonymise": same(roles(403, anonymous="login", staff=200)),
    "privacy:erasure_decide": same(roles(403, anonymous="login", staff=405)),
    "privacy:contacts_clear": same(roles(404, anonymous="login", primary=200, staff=200)),
    "admin:index": same(roles(302, staff=200)),
}


@pytest.fixture(autouse=True)
def _test_settings():
    """Replaces the project's per-test settings: the module's world keeps its files and
    password hasher in the settings it was built with, for the whole module."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_transaction(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        # One logged-in client per role for the module: sessions are part of the world.
        built.clients = {role: client_for(user) for role, user in built.users.items()}
        yield built


@pytest.fixture(autouse=True)
def _fake_pdf():
    """Lays out no PDF (the slow part); the template is still rendered. Patched in
    WeasyPrint, not as `eccar.pdf.render_pdf`: a view module first imported under that
    patch would keep the fake for the rest of the run."""
    with mock.patch("weasyprint.HTML.write_pdf", return_value=MINIMAL_PDF):
        yield


def _cells():
    for name, states in EXPECT.items():
        for state in states:
            yield pytest.param(name, state, id=f"{name}[{state or 'any'}]")


def test_every_url_has_a_row():
    names = set(url_names())

    missing = sorted(names - set(EXPECT))
    stale = sorted(set(EXPECT) - names - {"admin:index"})

    assert not missing, f"URLs without a row in the permission matrix: {', '.join(missing)}"
    assert not stale, f"Rows of the permission matrix for URLs that are gone: {stale}"
    assert set(ARGS) == set(EXPECT)


def test_report_rows_cover_every_state():
    for name, states in EXPECT.items():
        expected = set(STATES) if ARGS[name].per_state else {ANY}
        assert set(states) == expected, name


@pytest.mark.parametrize(("name", "state"), list(_cells()))
def test_get_status_per_role(world, db, name, state):
    url = reverse(name, kwargs=ARGS[name](world, state))
    expected = EXPECT[name][state]

    got = {role: outcome(world.clients[role].get(url)) for role in ROLES}

    wrong = [f"{role}: got {got[role]}, expected {expected[role]}" for role in ROLES]
    wrong = [line for line, role in zip(wrong, ROLES, strict=True) if got[role] != expected[role]]
    assert not wrong, f"GET {url} ({state or 'any state'}):\n  " + "\n  ".join(wrong)


def _post_only_cells():
    """(name, state, a role the view answers 405 to): the views that only accept POST."""
    for name, states in EXPECT.items():
        for state, table in states.items():
            allowed = [role for role in ROLES if table[role] == 405]
            if allowed:
                yield pytest.param(name, state, allowed[-1], id=f"{name}[{state or 'any'}]")


@pytest.mark.parametrize(("name", "state", "role"), list(_post_only_cells()))
def test_post_without_csrf_token_is_refused(world, db, name, state, role):
    url = reverse(name, kwargs=ARGS[name](world, state))
    client = client_for(world.users[role], enforce_csrf_checks=True)

    response = client.post(url, {"confirm": "yes", "action": "publish"})

    assert response.status_code == 403
    # The CSRF failure page, not the permission refusal that has the same status.
    assert response.templates[0].name == "403_csrf.html"


# --- A suspended city ------------------------------------------------------------------
# It reads its own data and may withdraw its publication (its privacy), nothing else;
# every refusal says why. Rows: what city A's primary account does once suspended, with
# its report in the state given, the status it gets, and whether the change is made.

SUSPENDED = "Your city's membership is suspended:"


def _publication(action):
    return lambda w, r: ("post", _report_url("report_publication", r), {"action": action})


def _report_url(name, report):
    return reverse(f"reporting:{name}", kwargs={"slug": "graz", "year": report.cycle.year})


SUSPENDED_CITY = {
    "read its report": (
        "published",
        lambda w, r: ("get", _report_url("report_detail", r), {}),
        200,
        "allowed",
    ),
    "read its report's PDF": (
        "published",
        lambda w, r: ("get", _report_url("report_pdf", r), {}),
        200,
        "allowed",
    ),
    "read its city page": (
        "published",
        lambda w, r: ("get", reverse("reporting:city_detail", args=["graz"]), {}),
        200,
        "allowed",
    ),
    "withdraw its publication": ("published", _publication("withdraw"), 302, "allowed"),
    "publish": ("feedback_received", _publication("publish"), 302, "refused"),
    "start an update": ("feedback_received", _publication("update"), 302, "refused"),
    "show its contacts": (
        "published",
        lambda w, r: (
            "post",
            reverse("library:contact_publication", args=["graz", r.cycle.year]),
            {"publish": "yes"},
        ),
        302,
        "refused",
    ),
    # Ending a colleague's access only narrows who reads the city's data: like
    # withdrawing the publication, it is the city's own privacy.
    "deactivate an account": (
        "published",
        lambda w, r: (
            "post",
            reverse("reporting:account_deactivate", args=["graz", secondary_account(w, None)]),
            {},
        ),
        302,
        "allowed",
    ),
    "invite an account": (
        "published",
        lambda w, r: (
            "post",
            reverse("reporting:account_invite", args=["graz"]),
            {"email": "new@graz.example", "role": "secondary"},
        ),
        400,
        "refused",
    ),
}


def _facts(report):
    """What the actions above could change."""
    report.refresh_from_db()
    return (
        report.state,
        report.publish_contacts,
        report.city.accounts.count(),
        report.city.accounts.filter(invitations__isnull=False).count(),
    )


@pytest.mark.parametrize("action", list(SUSPENDED_CITY))
def test_suspended_city_reads_and_withdraws_its_publication_nothing_else(world, db, action):
    start, build, status, expected = SUSPENDED_CITY[action]
    report = world.reports["published"]
    if start == "feedback_received":
        type(report).objects.filter(pk=report.pk).update(state=ReportState.FEEDBACK_RECEIVED)
    city = world.cities["a"]
    city_membership_change(city=city, to_status=MembershipStatus.SUSPENDED, by=None)
    before = _facts(report)
    method, url, data = build(world, report)

    # A client of its own: messages left queued by another row would count here.
    response = getattr(client_for(world.users["primary"]), method)(url, data)

    assert response.status_code == status
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    page = html.unescape(response.content.decode(errors="replace"))
    refused_with_reason = any(m.startswith(SUSPENDED) for m in shown) or SUSPENDED in page
    if expected == "allowed":
        assert not refused_with_reason
        if action == "withdraw its publication":
            assert _facts(report)[0] == ReportState.FEEDBACK_RECEIVED
        if action == "deactivate an account":
            assert not world.users["secondary"].city_accounts.get().is_active
    else:
        assert refused_with_reason, shown
        assert _facts(report) == before


# --- The conflicted reviewer and the Board's two-factor rule ------------------------------

# Pages that show a report's content (or its feedback) to a reviewer: the rows above give
# the reviewer's answer in each state; with a declared conflict the unpublished ones are 404.
REPORT_CONTENT_PAGES = ("reporting:report_detail", "reporting:report_pdf")


@pytest.mark.parametrize("name", REPORT_CONTENT_PAGES)
@pytest.mark.parametrize("state", STATES)
def test_reviewer_with_a_conflict_does_not_read_the_unpublished_report(world, db, name, state):
    reviewer = world.users["reviewer"]
    ConflictOfInterest.objects.create(reviewer=reviewer, city=world.cities["a"], reason="Own city")
    url = reverse(name, kwargs=ARGS[name](world, state))

    got = outcome(client_for(reviewer).get(url))

    expected = EXPECT[name][state]["reviewer"] if state == ReportState.PUBLISHED else 404
    assert got == expected


@pytest.mark.parametrize(("name", "state"), list(_cells()))
def test_board_member_without_two_factor_is_sent_to_set_it_up(world, db, name, state):
    board = world.users["board"]
    Authenticator.objects.filter(user=board).delete()
    url = reverse(name, kwargs=ARGS[name](world, state))
    expected = EXPECT[name][state]["board"]

    response = client_for(board).get(url)

    if expected == 200 and not url.startswith(RequireTwoFactorMiddleware.EXEMPT_PREFIXES):
        # A page the Board may open: first the second factor.
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")
    else:  # pages it may not open stay refused; the log-in and set-up pages stay open
        assert response.status_code in (expected, 302)
