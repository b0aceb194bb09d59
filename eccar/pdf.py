"""PDF rendering with WeasyPrint, behind one function so tests and callers never
import WeasyPrint themselves (it is slow to import).

Documents contain text written by users, so WeasyPrint may fetch nothing but the
project's own static files: no network, no file:// outside them."""

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

STATIC_PREFIX = "eccar-static:"


def _url_fetcher(url: str, *args, **kwargs):
    from weasyprint.urls import URLFetchingError, default_url_fetcher

    if url.startswith(STATIC_PREFIX):
        relative = url[len(STATIC_PREFIX) :].lstrip("/")
        found = finders.find(relative)
        if found:
            return default_url_fetcher(Path(found).resolve().as_uri())
    raise URLFetchingError(
        f"Refused to fetch {url[:80]!r}: documents load only their own static files."
    )


def render_pdf(*, template: str, context: dict, language: str | None = None) -> bytes:
    from weasyprint import HTML

    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(template, {**context, "STATIC_PREFIX": STATIC_PREFIX})
    return HTML(string=html, url_fetcher=_url_fetcher, base_url=STATIC_PREFIX).write_pdf()
