"""Shared pieces of the security tests: a world built once per module inside a
transaction that is rolled back at the end, and the walk over the URL resolver."""

from contextlib import ExitStack, contextmanager
from unittest import mock

from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from .world import MINIMAL_PDF, build_world


def url_names() -> dict[str, str]:
    """{namespaced name: route} of every URL of the project, walking nested resolvers.

    Left out, on purpose:
    - the admin site (`admin:`): Django's own views behind one permission, is_staff;
      its index is one row of the matrix, which is enough to prove that gate;
    - allauth (`accounts/`): the library's login, two-factor and password views, whose
      rate limits, two-factor requirement and answers are proven in test_login_security.
    """
    found = {}

    def walk(resolver, prefix, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                module = getattr(entry.urlconf_name, "__name__", entry.urlconf_name)
                if entry.namespace == "admin" or module == "allauth.urls":
                    continue
                inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
                walk(entry, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                found[namespace + (entry.name or f"<unnamed {prefix}{entry.pattern}>")] = (
                    prefix + str(entry.pattern)
                )

    walk(get_resolver(), "", "")
    return found


def _storages(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@contextmanager
def world_in_transaction(django_db_blocker, media_dir, *, text=None, fake_pdf=True):
    """Builds the world inside a transaction that is rolled back afterwards, so a module
    builds it once and every test of the module reads it (each test's own changes are
    rolled back to a savepoint by pytest-django, as usual)."""
    settings = {
        "STORAGES": _storages(str(media_dir)),
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        # The published report's letter is sent, which needs a signatory.
        "BOARD_CHAIR_NAME": "Prof. Dr. Anna Rossi",
    }
    with ExitStack() as stack:
        stack.enter_context(override_settings(**settings))
        if fake_pdf:
            # WeasyPrint takes a second a document; permission checks need no real PDF.
            stack.enter_context(mock.patch("weasyprint.HTML.write_pdf", return_value=MINIMAL_PDF))
        stack.enter_context(django_db_blocker.unblock())
        stack.enter_context(transaction.atomic())
        yield build_world(text=text)
        transaction.set_rollback(True)


def client_for(user, **kwargs) -> Client:
    client = Client(**kwargs)
    if user is not None:
        client.force_login(user)
    return client


def outcome(response) -> int | str:
    """A status code, or "login" for a redirect to the login page."""
    if response.status_code == 302 and response["Location"].startswith("/accounts/login/"):
        return "login"
    return response.status_code
