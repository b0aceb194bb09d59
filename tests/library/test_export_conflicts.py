"""A reviewer's export leaves out the unpublished reports of cities they declared a
conflict with (by name or by country), as the report pages answer them 404; published
reports stay, as in the library (issue 15)."""

import csv
import io

import pytest
from openpyxl import load_workbook

from reviews.services import conflict_declare
from tests.factories import CityFactory

from .conftest import write_report

pytestmark = pytest.mark.django_db


def cities_in(response) -> list[str]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["city"] for row in csv.DictReader(io.StringIO(body))]


@pytest.fixture
def reports(lib_cycle, city, other_city):
    write_report(city, lib_cycle, state="published", measures=[{"title": "Beratung"}])
    write_report(other_city, lib_cycle, state="submitted", measures=[{"title": "Kunskapslyft"}])
    later = CityFactory(name="Lund", country=other_city.country)
    write_report(later, lib_cycle, state="submitted", measures=[{"title": "Lundamodellen"}])
    return {"later": later}


@pytest.mark.parametrize("level", ["level1", "level2"])
def test_a_reviewer_exports_no_unpublished_report_of_a_conflicted_city(
    login, reviewer, staff, reports, lib_cycle, city, other_city, level
):
    conflict_declare(reviewer=reviewer, city=other_city, reason="I worked there.")
    conflict_declare(reviewer=reviewer, city=city, reason="Family.")
    url = f"/dashboard/{lib_cycle.year}/export/{level}.csv"

    exported = cities_in(login(reviewer).get(url))

    assert other_city.name not in exported
    assert city.name in exported  # published: readable in the library too
    assert "Lund" in exported
    assert other_city.name in cities_in(login(staff).get(url))


def test_a_country_wide_conflict_covers_a_city_admitted_later(
    login, reviewer, reports, lib_cycle, other_city
):
    conflict_declare(reviewer=reviewer, country=other_city.country, reason="National office.")

    exported = cities_in(login(reviewer).get(f"/dashboard/{lib_cycle.year}/export/level1.csv"))

    assert "Lund" not in exported
    assert other_city.name not in exported


def test_a_reviewers_xlsx_leaves_out_the_conflicted_city(
    login, reviewer, reports, lib_cycle, other_city
):
    conflict_declare(reviewer=reviewer, city=other_city, reason="I worked there.")

    response = login(reviewer).get(f"/dashboard/{lib_cycle.year}/export/all.xlsx")

    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    cells = {
        str(value)
        for sheet in load_workbook(io.BytesIO(body), read_only=True).worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
    }
    assert "Lund" in cells
    assert other_city.name not in cells
