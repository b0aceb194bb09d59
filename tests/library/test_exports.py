import csv
import io

import pytest
from openpyxl import load_workbook

from reporting.enums import SectionLevel
from reporting.library.exports import export_columns, export_rows, neutralise
from reporting.models import Answer, ExportLog, MachineTranslation, Question, Section
from reporting.questionnaires import questionnaire_copy
from reporting.selectors.machine_translation import text_hash
from tests.factories import CityFactory

from .conftest import write_report

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture
def exported(lib_cycle, city, other_city):
    MachineTranslation.objects.create(
        source_hash=text_hash("Zu wenig Personal."),
        source_language="de",
        target_language="en",
        engine="deepl",
        text="Too few staff.",
    )
    graz = write_report(
        city,
        lib_cycle,
        state="published",
        overview={
            "strategy_has_plan": "yes",
            "challenges_biggest": "Zu wenig Personal.",
            "challenges_main_area": "resources",
            "needs_expectations": ["training", "eu_advocacy"],
        },
        measures=[
            {
                "title": "Beratung",
                "commitments": [3],
                "description": "=HYPERLINK(1)",
                "budget": 12000,
            },
            {"title": "Monitoring", "commitments": [1, 10], "groups": ["schools"]},
        ],
    )
    malmo = write_report(
        other_city,
        lib_cycle,
        state="submitted",
        language="sv",
        overview={"challenges_biggest": "Segregation på bostadsmarknaden."},
        measures=[{"title": "Kunskapslyft", "commitments": [8]}],
    )
    write_report(
        CityFactory(name="Draftville"), lib_cycle, state="draft", measures=[{"title": "Secret"}]
    )
    return {"graz": graz, "malmo": malmo}


def test_level1_csv_has_one_row_per_submitted_report_equal_to_the_answers(
    login, staff, exported, lib_cycle
):
    response = login(staff).get(f"/dashboard/{lib_cycle.year}/export/level1.csv")

    rows = csv_rows(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [r["city"] for r in rows] == ["Graz", "Malmö"]
    for row, report in zip(rows, [exported["graz"], exported["malmo"]], strict=True):
        stored = {
            a.question.code: a.value
            for a in Answer.objects.filter(report=report, measure=None).select_related("question")
        }
        for code, value in stored.items():
            expected = "; ".join(value) if isinstance(value, list) else str(value)
            assert row[code] == expected
    graz, malmo = rows
    assert graz["challenges_biggest__en"] == "Too few staff."
    assert graz["untranslated"] == ""
    assert malmo["challenges_biggest__en"] == ""
    assert malmo["untranslated"] == "challenges_biggest"


def test_level2_csv_has_one_row_per_measure(login, reviewer, exported, lib_cycle):
    response = login(reviewer).get(f"/dashboard/{lib_cycle.year}/export/level2.csv")

    rows = csv_rows(response)
    assert [(r["city"], r["m_title"], r["m_commitments"]) for r in rows] == [
        ("Graz", "Beratung", "3"),
        ("Graz", "Monitoring", "1; 10"),
        ("Malmö", "Kunskapslyft", "8"),
    ]
    assert rows[0]["m_budget"] == "12000"
    assert rows[0]["m_description"] == "'=HYPERLINK(1)"
    assert "Secret" not in str(rows)


def test_xlsx_export_holds_the_same_rows(login, board, exported, lib_cycle):
    response = login(board).get(f"/dashboard/{lib_cycle.year}/export/all.xlsx")

    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert workbook.sheetnames == ["level1", "level2", "questions"]
    level2 = [list(r) for r in workbook["level2"].iter_rows(values_only=True)]
    header = level2[0]
    titles = [row[header.index("m_title")] for row in level2[1:]]
    assert titles == ["Beratung", "Monitoring", "Kunskapslyft"]
    assert level2[1][header.index("m_budget")] == 12000
    # The formula is stored as text, never as a formula.
    assert level2[1][header.index("m_description")] == "'=HYPERLINK(1)"
    level1 = [list(r) for r in workbook["level1"].iter_rows(values_only=True)]
    assert [row[0] for row in level1[1:]] == ["Graz", "Malmö"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+41 44 123", "'+41 44 123"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Plain text", "Plain text"),
        (12000, 12000),
        (-3, -3),
        (None, ""),
        (["a", "=b"], "a; =b"),
    ],
)
def test_neutralise_prefixes_formula_triggers(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_formulas_in_titles(login, staff, lib_cycle, city):
    write_report(city, lib_cycle, state="submitted", measures=[{"title": '=cmd|" /C calc"!A0'}])

    rows = csv_rows(login(staff).get(f"/dashboard/{lib_cycle.year}/export/level2.csv"))

    assert rows[0]["m_title"] == '\'=cmd|" /C calc"!A0'


def test_export_of_a_cycle_without_reports_has_only_the_header(login, staff, lib_cycle):
    rows = list(export_rows(cycle=lib_cycle, level=SectionLevel.MEASURE, user=staff))
    response = login(staff).get(f"/dashboard/{lib_cycle.year}/export/level1.csv")

    assert len(rows) == 1
    assert csv_rows(response) == []


def test_export_uses_the_submitted_revision_not_the_update_in_progress(
    login, staff, lib_cycle, city
):
    report = write_report(
        city, lib_cycle, state="updating", overview={"challenges_biggest": "Submitted text"}
    )
    Answer.objects.filter(report=report, question__code="challenges_biggest").update(
        value="Unsubmitted edit"
    )

    rows = csv_rows(login(staff).get(f"/dashboard/{lib_cycle.year}/export/level1.csv"))

    assert rows[0]["challenges_biggest"] == "Submitted text"


def test_export_columns_follow_the_cycles_own_questionnaire(lib_cycle, earlier_cycle, city):
    write_report(city, earlier_cycle, state="submitted")
    section = Section.objects.get(questionnaire__cycle=lib_cycle, code="measure")
    Question.objects.create(section=section, code="m_new_question", type="short_text", text="New")

    earlier = [c.code for c in export_columns(cycle=earlier_cycle, level=SectionLevel.MEASURE)]

    assert earlier == ["m_title", "m_commitments", "m_description", "m_target_groups", "m_budget"]


def test_export_columns_keep_the_first_versions_order(lib_cycle, city, other_city):
    write_report(city, lib_cycle, state="submitted")
    copy = questionnaire_copy(questionnaire=city.reports.get().questionnaire)
    section = copy.sections.get(code="measure")
    Question.objects.create(
        section=section, code="m_added", type="short_text", text="Added", order=0
    )
    write_report(other_city, lib_cycle, state="submitted")

    codes = [c.code for c in export_columns(cycle=lib_cycle, level=SectionLevel.MEASURE)]

    assert codes == [
        "m_title",
        "m_commitments",
        "m_description",
        "m_target_groups",
        "m_budget",
        "m_added",
    ]


def test_every_export_is_logged(login, staff, exported, lib_cycle):
    client = login(staff)

    client.get(f"/dashboard/{lib_cycle.year}/export/level1.csv")
    client.get(f"/dashboard/{lib_cycle.year}/export/all.xlsx")

    logs = list(ExportLog.objects.order_by("pk").values_list("user", "format", "level"))
    assert logs == [(staff.pk, "csv", "level1"), (staff.pk, "xlsx", "all")]


@pytest.mark.parametrize(
    ("who", "status"),
    [("primary", 403), ("other_primary", 403), ("anonymous", 302), ("reviewer", 200)],
)
def test_export_permissions(request, login, exported, lib_cycle, who, status):
    response = login(request.getfixturevalue(who)).get(
        f"/dashboard/{lib_cycle.year}/export/level1.csv"
    )

    assert response.status_code == status
    assert ExportLog.objects.count() == (1 if status == 200 else 0)


@pytest.mark.parametrize(
    "path", ["level3.csv", "level1.pdf", "level1.xlsx", "all.csv", "level1.csv?x=1"]
)
def test_export_unknown_formats_are_404(login, staff, lib_cycle, path):
    response = login(staff).get(f"/dashboard/{lib_cycle.year}/export/{path}")

    assert response.status_code == (200 if path.startswith("level1.csv") else 404)


def test_export_of_an_unknown_cycle_is_404(login, staff):
    assert login(staff).get("/dashboard/1999/export/level1.csv").status_code == 404
