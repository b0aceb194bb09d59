"""Hostile form posts on every POST endpoint of the project: control characters, numbers
too long for int() and Decimal, markup and huge values never cause a server error, a
refused post changes no stored row, and no stored text keeps a control character.

The endpoints are found by walking the URL resolver; their arguments and the role that
may use each come from the permission matrix's tables (ARGS, EXPECT), so an endpoint
added there is attacked here too. The regression tests at the top pin the fields that
answered 500 before eccar.middleware.PostCleaningMiddleware and the bounded parsers."""

import pytest
from django.apps import apps
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reporting.enums import MembershipStatus
from reviews.models import Criterion

from .hostile import CONTROL, MARKUP, hostile_text
from .security_helpers import client_for, url_names, world_in_transaction
from .test_permission_matrix import ARGS, EXPECT
from .world import ROLES

pytestmark = pytest.mark.django_db

NUL = "Family\x00 ties\x07 to the mayor"
CLEANED = "Family ties to the mayor"
HUGE_NUMBER = "9" * 5000
APPS = ("reporting", "reviews", "prize", "eccar")
# Control characters the cleaner removes (tab, newline and carriage return are text).
REMOVED = set(CONTROL[:32] + "\x7f") - set("\t\n\r")


@pytest.fixture(autouse=True)
def _test_settings():
    """The module's world keeps the settings it was built with (as in the matrix)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_transaction(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _stored() -> list:
    """Every row of the project's own tables (sessions and Django's tables excluded)."""
    return [
        list(model.objects.order_by("pk").values())
        for label in APPS
        for model in apps.get_app_config(label).get_models()
    ]


def _texts(snapshot) -> list[str]:
    found = []

    def walk(value):
        if isinstance(value, str):
            found.append(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(key)
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(snapshot)
    return found


def _with_control_characters(snapshot) -> list[str]:
    return [text for text in _texts(snapshot) if REMOVED & set(text)]


def _url(world, name, state=None):
    return reverse(name, kwargs=ARGS[name](world, state))


def _year(world, state):
    return world.reports[state].cycle.year


# --- Regression: the fields that answered 500 (PostgreSQL) or stored NUL (SQLite) ---


def _text_cases():
    """(case id, url name, state, role, data): the text fields read straight from POST."""
    return [
        ("conflict reason", "reviews:conflict", "submitted", "reviewer", {"reason": NUL}),
        (
            "return reason",
            "reporting:report_return",
            "submitted",
            "staff",
            {"reason": NUL, "resubmit_until": "2099-12-31"},
        ),
        (
            "membership reason",
            "reporting:membership",
            None,
            "staff",
            {"status": MembershipStatus.SUSPENDED, "reason": NUL},
        ),
        (
            "application comment",
            "reporting:application_detail",
            None,
            "staff",
            {"action": "comment", "text": NUL},
        ),
        (
            "application question",
            "reporting:application_detail",
            None,
            "staff",
            {"action": "ask", "reason": NUL},
        ),
        (
            "presenter name",
            "prize:presenter",
            None,
            "primary",
            {"presenter_name": NUL, "presenter_email": "presenter@graz.example"},
        ),
        ("api token name", "library:api_tokens", None, "primary", {"name": NUL}),
    ]


@pytest.mark.parametrize(
    ("name", "state", "role", "data"),
    [pytest.param(*case[1:], id=case[0]) for case in _text_cases()],
)
def test_control_characters_are_removed_before_anything_is_stored(world, name, state, role, data):
    if name == "reviews:conflict":
        data = {**data, "city": world.cities["b"].pk}

    response = client_for(world.users[role]).post(_url(world, name, state), data)

    assert response.status_code < 500
    stored = _stored()
    assert CLEANED in _texts(stored)
    assert _with_control_characters(stored) == []


def test_autosave_with_a_version_of_5000_digits_is_a_conflict(world, q_of):
    client = client_for(world.users["primary"])
    before = _stored()

    response = client.post(
        _url(world, "reporting:autosave", "draft"),
        {"question": q_of("strategy_summary").pk, "value": "New text", "version": HUGE_NUMBER},
    )

    assert response.status_code == 409
    assert _stored() == before


def test_autosave_with_a_question_id_of_5000_digits_is_unknown(world):
    client = client_for(world.users["primary"])
    before = _stored()

    response = client.post(
        _url(world, "reporting:autosave", "draft"), {"question": HUGE_NUMBER, "value": "x"}
    )

    assert (response.status_code, response.json()) == (400, {"error": "Unknown question."})
    assert _stored() == before


def test_number_answer_1e999999999_is_refused_with_a_message(world, q_of):
    client = client_for(world.users["primary"])
    before = _stored()

    response = client.post(
        _url(world, "reporting:autosave", "draft"),
        {"question": q_of("profile_population").pk, "value": "1e999999999"},
    )

    assert response.status_code == 400
    assert response.json()["error"] == "This number is out of range."
    assert _stored() == before


def test_review_score_of_5000_digits_is_refused_with_a_message(world):
    report = world.reports["submitted"]
    criterion = Criterion.objects.create(cycle=report.cycle, code="impact", title="Impact")
    key = f"{world.measures['submitted'].pk}-{criterion.pk}"
    client = client_for(world.users["reviewer"])
    before = _stored()

    response = client.post(
        _url(world, "reviews:review", "submitted"), {f"score-{key}": HUGE_NUMBER}
    )

    assert response.status_code == 400
    assert "Give a score from" in response.content.decode()
    assert _stored() == before


@pytest.mark.parametrize("next_url", ["1e999999999", "home", "//evil.example/", "https://x.y/"])
def test_a_next_address_that_is_not_a_path_on_this_site_is_ignored(world, next_url):
    candidature = world.objects["candidature"]
    url = reverse("prize:preselect", args=[world.objects["edition"].year, candidature.pk])

    response = client_for(world.users["reviewer"]).post(
        url, {"justification": "Strong", "next": next_url}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/prize/")


@pytest.fixture
def q_of(world):
    questionnaire = world.reports["draft"].questionnaire
    return lambda code: questionnaire.questions.get(code=code)


# --- Every POST endpoint, random and hostile fields ---

# Every field name a view or form of the project reads, so the random posts reach the
# code behind them rather than only "missing field" answers.
FIELDS = sorted(
    {
        *("action", "city", "code", "category", "comment", "confirm", "decision"),
        *("direction", "email", "final", "finalise", "finalist", "full_name", "city_name"),
        *("justification", "language", "letter", "measure", "message", "name", "next"),
        *("note", "prefill", "presenter_email", "presenter_name", "publish", "question"),
        *("reason", "resend", "reviewer", "role", "save_next", "status", "text", "to_phase"),
        *("tie_break", "value", "version", "whole_country", "with_contacts"),
        *("with_feedback", "general_conclusion", "individual_feedback", "cf-1", "cf-3"),
        *("contact_name", "contact_email", "mayor_name", "population", "motivation"),
    }
)
numbers_as_text = st.one_of(
    st.sampled_from([HUGE_NUMBER, "1e999999999", "-1e-999999999", "9" * 19, "NaN", "-0"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
post_data = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(alphabet=CONTROL + "ab-", max_size=8)),
    st.one_of(hostile_text, numbers_as_text, st.lists(hostile_text, max_size=3)),
    max_size=8,
)
PREFERENCE = ("primary", "staff", "reviewer", "board", "delegate", "secondary", "other")


def _views_taking_post() -> set[str]:
    """The namespaced names of the project's URLs whose view has a post() method."""
    found = set()

    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace != "admin":
                    walk(entry, namespace + (f"{entry.namespace}:" if entry.namespace else ""))
            elif hasattr(getattr(entry.callback, "view_class", None), "post"):
                found.add(namespace + str(entry.name))

    walk(get_resolver(), "")
    return found & set(url_names())


def _post_cells():
    """(url name, state, role): each endpoint that takes a POST, in each report state,
    posted by a role that may use it (200, 302 or 405 to a GET in the matrix); where no
    role may (an invitation that does not exist), by the first role of PREFERENCE."""
    for name in sorted(_views_taking_post()):
        for state, table in EXPECT[name].items():
            allowed = [role for role in PREFERENCE if table[role] in (200, 302, 405)]
            role = (allowed or PREFERENCE)[0]
            yield pytest.param(name, state, role, id=f"{name}[{state or 'any'}]")


CELLS = list(_post_cells())


def test_the_cells_cover_every_post_endpoint():
    covered = {cell.values[0] for cell in CELLS}

    assert covered == _views_taking_post()
    assert {"reporting:autosave", "reviews:review", "prize:vote", "reporting:join"} <= covered
    assert set(PREFERENCE) < set(ROLES)


@pytest.mark.parametrize(("name", "state", "role"), CELLS)
# A tenth of the profile's examples per endpoint (three in CI) besides the five explicit
# ones: there are some eighty endpoints, and each example compares every stored row.
# HYPOTHESIS_PROFILE=thorough explores fifty per endpoint.
@settings(max_examples=max(3, settings.default.max_examples // 10))
@given(data=post_data)
@example(data=dict.fromkeys(FIELDS, "a\x00b\x1b[31m"))
@example(data=dict.fromkeys(FIELDS, HUGE_NUMBER))
@example(data=dict.fromkeys(FIELDS, "1e999999999"))
@example(data=dict.fromkeys(FIELDS, "9" * 19))  # over a 64-bit id column
@example(data=dict.fromkeys(FIELDS, MARKUP[0]))
def test_hostile_posts_never_fail_and_refusals_change_nothing(world, name, state, role, data):
    client = client_for(world.users[role])
    url = _url(world, name, state)
    before = _stored()

    response = client.post(url, data)

    assert response.status_code < 500
    after = _stored()
    if response.status_code >= 400:
        assert after == before
    assert _with_control_characters(after) == []
