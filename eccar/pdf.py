"""PDF rendering with WeasyPrint, behind one function so tests and callers never
import WeasyPrint themselves (it is slow to import).

Documents contain text written by users, so WeasyPrint may fetch nothing but the
project's own static files and the letterhead's logo (LETTER_LOGO): no network, no
file:// outside them."""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from django.utils import translation

STATIC_PREFIX = "eccar-static:"
LOGO_URL = "eccar-logo:letterhead"
LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}


def letter_logo_path() -> Path | None:
    """The configured letterhead logo, or None when none is configured. Raises
    FileNotFoundError or ValueError when one is configured but cannot be used, so that
    an official letter never goes out without the logo the office asked for."""
    if not settings.LETTER_LOGO:
        return None
    path = Path(settings.LETTER_LOGO)
    if not path.is_absolute():
        path = Path(settings.BASE_DIR) / path
    if path.suffix.lower() not in LOGO_TYPES:
        raise ValueError(f"LETTER_LOGO must be a PNG, JPEG or SVG file, not {path.name!r}.")
    if not path.is_file():
        raise FileNotFoundError(f"LETTER_LOGO {str(path)!r} does not exist.")
    return path


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
            if url == LOGO_URL and (logo := letter_logo_path()):
                kind = LOGO_TYPES[logo.suffix.lower()]
                return URLFetcherResponse(url, logo.read_bytes(), {"Content-Type": kind})
            raise ValueError(
                f"Refused to fetch {url[:80]!r}: documents load only their own static files."
            )

    return StaticOnlyFetcher(allowed_protocols=["eccar-static", "eccar-logo"])


def render_pdf(
    *, template: str, context: dict, language: str | None = None, tagged: bool = False
) -> bytes:
    """Renders `template` in `language`. `tagged` makes a PDF/UA-1 document (tagged
    structure, the document's language and title from <html lang> and <title>), which
    screen readers can read in order; official letters use it."""
    from weasyprint import HTML  # noqa: PLC0415 - heavy, see above

    with translation.override(language or settings.LANGUAGE_CODE):
        html = render_to_string(
            template, {**context, "STATIC_PREFIX": STATIC_PREFIX, "LOGO_URL": LOGO_URL}
        )
    options = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    return HTML(string=html, url_fetcher=_static_only_fetcher()).write_pdf(**options)
