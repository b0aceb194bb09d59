"""PDF rendering with WeasyPrint, behind one function so tests and callers never
import WeasyPrint themselves (it is slow to import).

Documents contain text written by users, so WeasyPrint may fetch nothing but the
project's own static files: no network, no file:// outside them."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

STATIC_PREFIX = "eccar-static:"


def _static_only_fetcher():
    # WeasyPrint is heavy (about 0.3 s to import): only the PDF views load it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 - heavy

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith(STATIC_PREFIX):
                try:
                    found = finders.find(url[len(STATIC_PREFIX) :].lstrip("/"))
                except SuspiciousFileOperation:
                    found = None
                if found:
                    path = Path(found).resolve()
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            raise ValueError(
                f"Refused to fetch {url[:80]!r}: documents load only their own static files."
            )

    return StaticOnlyFetcher(allowed_protocols=["eccar-static"])


def render_pdf(*, template: str, context: dict, language: str | None = None) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 - heavy, see above

    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(template, {**context, "STATIC_PREFIX": STATIC_PREFIX})
    return HTML(string=html, url_fetcher=_static_only_fetcher()).write_pdf()
