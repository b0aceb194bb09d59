"""Exports give each choice answer's label beside its code, in the language chosen on the
dashboard, and the workbook's header rows stay in view with filters."""

import io

import pytest
from openpyxl import load_workbook

from reporting.models import Choice, Commitment, Question

from .conftest import write_report
from .test_exports import csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def labelled(lib_cycle, city):
    Choice.objects.filter(value="resources").update(label_fr="Financement et personnel")
    Choice.objects.filter(value="training").update(label_fr="Formation")
    Commitment.objects.filter(number=3).update(title_fr="Meilleur soutien aux victimes")
    return write_report(
        city,
        lib_cycle,
        state="published",
        overview={
            "strategy_has_plan": "yes",
            "challenges_main_area": "resources",
            "needs_expectations": ["training", "eu_advocacy"],
        },
        measures=[{"title": "Beratung", "commitments": [3, 10]}],
    )


def export(client, lib_cycle, name, **params):
    return client.get(f"/dashboard/{lib_cycle.year}/export/{name}", params)


def test_level1_csv_has_choice_labels_in_the_chosen_language_beside_the_codes(
    login, staff, labelled, lib_cycle
):
    rows = csv_rows(export(login(staff), lib_cycle, "level1.csv", language="fr"))

    graz = rows[0]
    assert (graz["strategy_has_plan"], graz["strategy_has_plan__label_fr"]) == ("yes", "Oui")
    assert graz["challenges_main_area"] == "resources"
    assert graz["challenges_main_area__label_fr"] == "Financement et personnel"
    # A label without a French text falls back to the English one.
    assert graz["needs_expectations__label_fr"] == "Formation; Advocacy at EU level"
    header = list(graz)
    assert header.index("challenges_main_area__label_fr") == (
        header.index("challenges_main_area") + 1
    )


def test_level2_csv_labels_commitments_by_number_and_title(login, staff, labelled, lib_cycle):
    rows = csv_rows(export(login(staff), lib_cycle, "level2.csv", language="fr"))

    assert rows[0]["m_commitments"] == "3; 10"
    assert rows[0]["m_commitments__label_fr"] == (
        "3. Meilleur soutien aux victimes; 10. Hate crimes and conflict management"
    )


def test_labels_default_to_the_interface_language(login, staff, labelled, lib_cycle):
    rows = csv_rows(export(login(staff), lib_cycle, "level1.csv"))

    assert rows[0]["challenges_main_area__label_en"] == "Funding and staff"
    assert rows[0]["strategy_has_plan__label_en"] == "Yes"


def test_unknown_label_language_is_refused(login, staff, labelled, lib_cycle):
    response = export(login(staff), lib_cycle, "level1.csv", language="xx")

    assert response.status_code == 404


def workbook_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_xlsx_sheets_have_a_frozen_header_row_with_filters(login, staff, labelled, lib_cycle):
    workbook = workbook_of(export(login(staff), lib_cycle, "all.xlsx", language="de"))

    for name in ["level1", "level2", "questions"]:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        last = sheet.cell(row=1, column=sheet.max_column).column_letter
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}", name
    header = [cell.value for cell in workbook["level1"][1]]
    assert "challenges_main_area__label_de" in header


def test_dashboard_offers_the_label_language_with_each_export(login, staff, lib_cycle):
    page = login(staff).get(f"/dashboard/{lib_cycle.year}/").content.decode()

    assert '<select name="language" id="id_export_language">' in page
    assert '<option value="en" selected>' in page
    for name in ["all.xlsx", "level1.csv", "level2.csv"]:
        assert f'formaction="/dashboard/{lib_cycle.year}/export/{name}"' in page


def test_xlsx_questions_sheet_is_in_the_chosen_language(login, staff, labelled, lib_cycle):
    Question.objects.filter(code="strategy_has_plan").update(text_fr="Plan d'action ?")

    workbook = workbook_of(export(login(staff), lib_cycle, "all.xlsx", language="fr"))

    rows = {row[1]: row[3] for row in workbook["questions"].iter_rows(values_only=True)}
    assert rows["strategy_has_plan"] == "Plan d'action ?"
    # A question without a French text keeps its English one.
    assert rows["m_title"] == "Title"
