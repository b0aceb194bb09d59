"""The city's contact persons (name, function, department, email of level 1) are shown
to readers other than the city itself, staff and the reviewers only when the city
published them (issue 15: member cities and the Board read them on the report page and
in its PDF whatever the city chose). One predicate, `can_see_contacts`, decides every
surface: the report page, its PDF, the library, the API and the exports."""

import csv
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reporting.library.api import api_token_create
from reporting.models import LibraryEntry
from tests.factories import ReportingCycleFactory
from tests.library.conftest import load_questionnaire, write_report

NAME, EMAIL = "Eva Pichler", "eva@graz.example"
# Who reads a published report, and whether they see contacts the city did not publish.
READERS = {
    "primary": True,
    "secondary": True,
    "staff": True,
    "reviewer": True,
    "other_primary": False,
    "board": False,
}


@pytest.fixture
def lib_cycle(db, plan):
    cycle = ReportingCycleFactory()
    load_questionnaire(cycle, plan)
    return cycle


def published(city, cycle, *, publish_contacts):
    return write_report(
        city,
        cycle,
        overview={
            "profile_contact_name": NAME,
            "profile_contact_email": EMAIL,
            "strategy_has_plan": "yes",
        },
        measures=[{"title": "Hotline", "commitments": [3], "description": "Advice."}],
        publish_contacts=publish_contacts,
    )


def report_url(report, name):
    return reverse(
        f"reporting:{name}", kwargs={"slug": report.city.slug, "year": report.cycle.year}
    )


def shown(text: str) -> tuple[bool, bool]:
    return NAME in text, EMAIL in text


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


@pytest.mark.parametrize("publish_contacts", [False, True])
@pytest.mark.parametrize("who", READERS)
def test_report_page_and_pdf_show_contacts_only_to_those_who_may_see_them(
    request, login, city, lib_cycle, who, publish_contacts
):
    report = published(city, lib_cycle, publish_contacts=publish_contacts)
    client = login(request.getfixturevalue(who))
    expected = READERS[who] or publish_contacts

    page = client.get(report_url(report, "report_detail"))
    pdf = client.get(report_url(report, "report_pdf"))

    assert "Action plan?" in page.content.decode()  # the document is shown
    assert shown(page.content.decode()) == (expected, expected)
    assert shown(pdf_text(pdf)) == (expected, expected)


@pytest.mark.parametrize("publish_contacts", [False, True])
@pytest.mark.parametrize("who", ["staff", "reviewer", "primary", "other_primary", "board"])
def test_library_measure_page_shows_contacts_by_the_same_rule(
    request, login, city, lib_cycle, who, publish_contacts
):
    report = published(city, lib_cycle, publish_contacts=publish_contacts)
    measure = report.measures.get()
    expected = READERS[who] or publish_contacts

    page = login(request.getfixturevalue(who)).get(reverse("library:measure", args=[measure.pk]))

    assert page.status_code == 200
    assert shown(page.content.decode()) == (expected, expected)


def test_library_city_page_shows_no_unpublished_contacts(login, other_primary, city, lib_cycle):
    published(city, lib_cycle, publish_contacts=False)

    page = login(other_primary).get(reverse("library:city", args=[city.slug]))

    assert page.status_code == 200
    assert shown(page.content.decode()) == (False, False)


@pytest.mark.parametrize("publish_contacts", [False, True])
@pytest.mark.parametrize("who", ["primary", "other_primary"])
def test_api_report_shows_contacts_by_the_same_rule(
    request, client, city, lib_cycle, who, publish_contacts
):
    report = published(city, lib_cycle, publish_contacts=publish_contacts)
    assert LibraryEntry.objects.filter(report=report).exists()
    _token, key = api_token_create(user=request.getfixturevalue(who), name="script")
    expected = READERS[who] or publish_contacts

    response = client.get(
        reverse("library:api_report", args=[city.slug, lib_cycle.year]),
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    overview = response.json()["overview"]
    contacts = {
        k: overview[k] for k in ("profile_contact_name", "profile_contact_email") if k in overview
    }
    assert contacts == (
        {"profile_contact_name": NAME, "profile_contact_email": EMAIL} if expected else {}
    )


@pytest.mark.parametrize("publish_contacts", [False, True])
@pytest.mark.parametrize("who", ["staff", "reviewer", "board"])
def test_export_has_the_contacts_its_reader_may_see(
    request, login, city, other_city, lib_cycle, who, publish_contacts
):
    published(city, lib_cycle, publish_contacts=publish_contacts)
    write_report(
        other_city, lib_cycle, state="submitted", overview={"profile_contact_name": "Sven Olsson"}
    )
    expected = READERS[who] or publish_contacts
    url = reverse("library:export", args=[lib_cycle.year, "level1", "csv"])

    response = login(request.getfixturevalue(who)).get(url)

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["city_slug"]: row for row in csv.DictReader(io.StringIO(body))}
    graz = rows[city.slug]
    assert (graz["profile_contact_name"], graz["profile_contact_email"]) == (
        (NAME, EMAIL) if expected else ("", "")
    )
    # A submitted report's contacts: to staff and the reviewers, never to the Board.
    assert rows[other_city.slug]["profile_contact_name"] == ("Sven Olsson" if READERS[who] else "")
