"""Shared fixtures: one fixture per role of the coalition, all around one city
(`city`) and a second one (`other_city`) that must stay out of reach."""

import os

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings as django_settings
from django.core.cache import cache
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from eccar.celery import app
from reporting import demo_data
from reporting.enums import AccountRole
from reporting.models import Commitment, PlanOfAction
from reporting.questionnaires import questionnaire_load
from reporting.services.reports import report_start
from tests.fakes.deepl_server import FakeDeepL

from .factories import (
    PASSWORD,
    CityAccountFactory,
    CityFactory,
    ReportingCycleFactory,
    UserFactory,
)

# Property-based tests: a modest number of hostile examples per form keeps the suite
# fast; HYPOTHESIS_PROFILE=thorough explores more when hunting a bug. The examples of one
# test share its function-scoped fixtures (one database transaction): the tests compare
# stored rows before and after each example, so they do not need a fresh database.
hypothesis_settings.register_profile(
    "ci",
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.register_profile(
    "thorough",
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Playwright cannot download its own browser here: drive Debian's chromium.
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Uploaded files of a test go to its own temporary folder, never to var/media.
    settings.STORAGES = {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Ballot keys likewise: a test never leaves a key file in var/ballot-keys.
    settings.PRIZE_BALLOT_KEY_DIR = tmp_path / "ballot-keys"
    # Letters are not sent without a signatory; a test of that clears it.
    settings.BOARD_CHAIR_NAME = "Prof. Dr. Anna Rossi"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through the test client
    activates the user's language in this thread and nothing resets it afterwards."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in the test's process unless a test starts a worker on purpose."""
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = previous


DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture(autouse=True)
def _no_cache(request, settings):
    """Every test runs with Django's DummyCache, so none passes because of a warm cache.
    Tests marked `real_cache` (the rate limiter, the translation debounce, the library's
    one results cache) keep the configured cache (Redis in CI), cleared around them."""
    if request.node.get_closest_marker("real_cache") is None:
        settings.CACHES = DUMMY_CACHE
        yield
        return
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def cycle(db):
    return ReportingCycleFactory()


@pytest.fixture
def city(db):
    return CityFactory(name="Graz", slug="graz", country="AT", population=300_000)


@pytest.fixture
def other_city(db):
    return CityFactory(name="Malmö", slug="malmo", country="SE", population=360_000)


@pytest.fixture
def primary(city):
    return CityAccountFactory(
        city=city, role=AccountRole.PRIMARY, user__email="primary@graz.example"
    ).user


@pytest.fixture
def secondary(city):
    return CityAccountFactory(
        city=city, role=AccountRole.SECONDARY, user__email="secondary@graz.example"
    ).user


@pytest.fixture
def other_primary(other_city):
    return CityAccountFactory(
        city=other_city, role=AccountRole.PRIMARY, user__email="primary@malmo.example"
    ).user


@pytest.fixture
def delegate(city):
    return CityAccountFactory(
        city=city, role=AccountRole.SECONDARY, is_delegate=True, user__email="delegate@graz.example"
    ).user


def _with_totp(user):
    TOTP.activate(user, TOTP_SECRET)
    return user


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@pytest.fixture
def reviewer(db):
    return _with_totp(UserFactory(email="reviewer@sab.example", is_reviewer=True))


@pytest.fixture
def board(db):
    return _with_totp(UserFactory(email="board@eccar.example", is_board_member=True))


@pytest.fixture
def staff(db):
    return _with_totp(UserFactory(email="office@eccar.example", is_staff=True))


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def login(client):
    """Logs a user in (or stays anonymous for None) and returns the client."""

    def _login(user):
        if user is not None:
            client.force_login(user)
        return client

    return _login


def totp_code(secret: str = TOTP_SECRET) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


@pytest.fixture
def commit_callbacks(django_capture_on_commit_callbacks):
    """`with commit_callbacks(execute=True):` runs what the code enqueued on commit
    (emails, tasks), as a real commit would, inside the test's transaction."""
    return django_capture_on_commit_callbacks


SMALL_QUESTIONNAIRE = [
    {
        "code": "profile",
        "level": 1,
        "title": {"en": "City profile", "fr": "Profil de la ville", "de": "Stadtprofil"},
        "questions": [
            {
                "code": "profile_population",
                "type": "number",
                "required": True,
                "text": {"en": "Population", "fr": "Population", "de": "Einwohnerzahl"},
            },
            {
                "code": "profile_contact",
                "type": "short_text",
                "text": {"en": "Contact person", "fr": "Personne de contact", "de": "Kontakt"},
            },
        ],
    },
    {
        "code": "strategy",
        "level": 1,
        "title": {"en": "Strategy", "fr": "Stratégie", "de": "Strategie"},
        "questions": [
            {
                "code": "strategy_has_plan",
                "type": "yes_no",
                "required": True,
                "text": {
                    "en": "Does the city have an action plan?",
                    "fr": "Plan d'action ?",
                    "de": "Aktionsplan?",
                },
            },
            {
                "code": "strategy_plan_year",
                "type": "number",
                "required": True,
                "show_if": {"question": "strategy_has_plan", "value": "yes"},
                "text": {"en": "Year adopted", "fr": "Année", "de": "Jahr"},
            },
            {
                "code": "strategy_unit",
                "type": "single_choice",
                "text": {"en": "Organisation", "fr": "Organisation", "de": "Organisation"},
                "choices": [
                    {
                        "value": "unit",
                        "label": {
                            "en": "Dedicated unit",
                            "fr": "Service dédié",
                            "de": "Eigene Stelle",
                        },
                    },
                    {"value": "none", "label": {"en": "None", "fr": "Aucun", "de": "Keine"}},
                ],
            },
            {
                "code": "strategy_summary",
                "type": "long_text",
                "text": {"en": "Summary", "fr": "Résumé", "de": "Zusammenfassung"},
            },
        ],
    },
    {
        "code": "measure",
        "level": 2,
        "title": {"en": "The measure", "fr": "La mesure", "de": "Die Maßnahme"},
        "questions": [
            {
                "code": "m_title",
                "type": "short_text",
                "required": True,
                "text": {"en": "Title", "fr": "Titre", "de": "Titel"},
            },
            {
                "code": "m_commitments",
                "type": "commitments",
                "required": True,
                "text": {"en": "Commitments", "fr": "Engagements", "de": "Verpflichtungen"},
            },
            {
                "code": "m_start",
                "type": "date",
                "text": {"en": "Start", "fr": "Début", "de": "Beginn"},
            },
            {
                "code": "m_groups",
                "type": "multiple_choice",
                "text": {"en": "Target groups", "fr": "Publics", "de": "Zielgruppen"},
                "choices": [
                    {
                        "value": "youth",
                        "label": {"en": "Young people", "fr": "Jeunes", "de": "Jugendliche"},
                    },
                    {
                        "value": "staff",
                        "label": {"en": "Municipal staff", "fr": "Personnel", "de": "Personal"},
                    },
                ],
            },
        ],
    },
]


@pytest.fixture
def plan(db):
    plan = PlanOfAction.objects.create(name="Test plan", version="1")
    for number, title in enumerate(demo_data.COMMITMENTS["en"], start=1):
        Commitment.objects.create(plan=plan, number=number, title=title, title_en=title)
    return plan


@pytest.fixture
def questionnaire(cycle, plan):
    return questionnaire_load(
        cycle=cycle, plan=plan, sections=SMALL_QUESTIONNAIRE, title={"en": "Test questionnaire"}
    )


@pytest.fixture
def report(city, cycle, questionnaire, primary):
    return report_start(city=city, cycle=cycle, by=primary)


@pytest.fixture
def q(questionnaire):
    """Questions of the small questionnaire by code."""
    return {question.code: question for question in questionnaire.questions.all()}


@pytest.fixture
def fake_deepl(settings):
    """The real `deepl` client against a fake DeepL server on 127.0.0.1."""
    import deepl  # noqa: PLC0415 - heavy (pulls in requests), only for the DeepL tests

    # An unreachable server must fail at once in tests, not after 15 s of retries.
    previous = deepl.http_client.max_network_retries
    deepl.http_client.max_network_retries = 1
    server = FakeDeepL().start()
    settings.DEEPL_AUTH_KEY = "fake-key:fx"
    settings.DEEPL_SERVER_URL = server.url
    settings.TRANSLATION_BACKEND = "deepl"
    settings.TRANSLATION_TARGET_LANGUAGES = ["en", "fr", "de"]
    yield server
    server.stop()
    deepl.http_client.max_network_retries = previous
