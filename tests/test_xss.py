"""Script and markup written by users stay text: in every page that shows them, in the PDF
letters and reports, and in the exports (where a leading formula character is defused).

One world is built for the module with an attack payload in every free text a user can
write: answers, measure titles, the city's and the mayor's names, people's names, review
feedback, the general feedback, prize justifications and comments, applications."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from reporting.selectors.reports import report_pdf
from reviews.services import letter_render

from .security_helpers import client_for, world_in_transaction
from .test_permission_matrix import ARGS

MARKUP = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }} javascript:alert(1)'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
# Each text also starts with what a spreadsheet would run as a formula.
TEXT = {
    "city": "-2+3 Graz" + MARKUP[:60],
    "mayor": "=1+2 " + MARKUP,
    "person": "@SUM(1+1) " + MARKUP,
    "contact": "@SUM(A1:A9) " + MARKUP,
    "summary": '=HYPERLINK("http://evil.example","open") ' + MARKUP,
    "measure": "=1+2 " + MARKUP,
    "conclusion": MARKUP,
    "individual": MARKUP,
    "commitment": MARKUP,
    "general": MARKUP,
    "justification": MARKUP,
    "comment": MARKUP,
    "application": MARKUP,
}
RAW = ("<script>alert", "<img src=x", "onerror=alert(1)>", 'href="javascript:')


@pytest.fixture(autouse=True)
def _test_settings():
    """The module's world keeps the settings it was built with (see security_helpers)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with world_in_transaction(django_db_blocker, media, text=TEXT, fake_pdf=False) as built:
        yield built


# (url name, state, role, query): every page that shows one of the texts above.
PAGES = [
    ("home", None, "primary", ""),
    ("notifications", None, "primary", ""),
    ("reporting:city_list", None, "board", ""),
    ("reporting:city_detail", None, "primary", ""),
    ("reporting:report_detail", "draft", "primary", ""),
    ("reporting:report_detail", "submitted", "reviewer", ""),
    ("reporting:report_detail", "published", "other", ""),
    ("reporting:report_detail", "published", "other", "?read=original"),
    ("reporting:section_edit", "draft", "primary", ""),
    ("reporting:measure_list", "draft", "secondary", ""),
    ("reporting:measure_edit", "draft", "primary", ""),
    ("reporting:report_submit", "draft", "primary", ""),
    ("reporting:access_request_list", None, "staff", ""),
    ("reporting:application_list", None, "staff", ""),
    ("reporting:application_detail", None, "board", ""),
    ("reporting:directory", None, "other", ""),
    ("reporting:public_members", None, "anonymous", ""),
    ("reviews:worklist", None, "staff", ""),
    ("reviews:general_feedback", None, "board", ""),
    ("reviews:review", "submitted", "reviewer", ""),
    ("reviews:report_reviews", "submitted", "board", ""),
    ("reviews:letter", "submitted", "reviewer", ""),
    ("reviews:outbox", None, "staff", ""),
    ("reviews:feedback", "published", "primary", ""),
    ("library:index", None, "other", ""),
    ("library:index", None, "other", "?q=alert"),
    ("library:index", None, "other", "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
    ("library:measure", None, "other", ""),
    ("library:city", None, "other", ""),
    ("library:benchmark_cycle", None, "primary", ""),
    ("library:dashboard_cycle", None, "board", ""),
    ("prize:edition", None, "delegate", ""),
    ("prize:candidatures", None, "reviewer", ""),
    ("prize:finalists", None, "board", ""),
    ("prize:city", None, "primary", ""),
    ("prize:ballot", None, "staff", ""),
]


@pytest.mark.parametrize(
    ("name", "state", "role", "query"),
    PAGES,
    ids=[f"{n}[{s or 'any'}]-{r}{q}" for n, s, r, q in PAGES],
)
def test_page_shows_user_text_escaped(world, db, name, state, role, query):
    url = reverse(name, kwargs=ARGS[name](world, state)) + query

    response = client_for(world.users[role]).get(url)

    html = response.content.decode()
    assert response.status_code == 200, url
    assert ESCAPED in html or "&lt;script&gt;alert(1)" in html, f"{url} shows none of the texts"
    raw = [marker for marker in RAW if marker in html]
    assert not raw, f"{url} contains raw markup: {raw}"


def _pdf_text(data: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_letter_pdf_prints_markup_as_text(world, db):
    text = _pdf_text(letter_render(letter=world.objects["letter_submitted"], language=""))

    # The PDF has no scripts; the point is that nothing was interpreted as HTML on the
    # way (an <img> would have been fetched, a tag would have vanished).
    assert "<script>alert(1)</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert "{{ 7*7 }}" in text


def test_report_pdf_prints_markup_as_text(world, db):
    text = _pdf_text(report_pdf(world.reports["published"], user=world.users["other"]))

    assert "<script>alert(1)</script>" in text
    assert "=HYPERLINK(" in text


def _export(world, level, fmt):
    url = reverse(
        "library:export",
        kwargs={"year": world.reports["published"].cycle.year, "level": level, "fmt": fmt},
    )
    response = client_for(world.users["staff"]).get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _cells_with(rows, marker):
    return [cell for row in rows for cell in row if isinstance(cell, str) and marker in cell]


@pytest.mark.parametrize("level", ["level1", "level2"])
def test_csv_export_defuses_formulas(world, db, level):
    rows = list(csv.reader(io.StringIO(_export(world, level, "csv").decode("utf-8-sig"))))

    written = _cells_with(rows, "alert(1)")
    assert written, "the export holds none of the texts"
    # Every cell that begins like a formula is preceded by a quote, so it stays text.
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(cell.startswith("'=") or cell.startswith("'@") for cell in written)


def test_xlsx_export_defuses_formulas(world, db):
    book = load_workbook(io.BytesIO(_export(world, "all", "xlsx")))

    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    texts = [c.value for c in cells if isinstance(c.value, str) and "alert(1)" in c.value]
    assert texts
    assert all(c.data_type != "f" for c in cells), "a cell is stored as a formula"
    assert all(not t.startswith(("=", "+", "-", "@")) for t in texts)
