"""Every question flagged `personal` is hidden like the contact persons (issue 18): on
the report page, in its PDF, in the library API and on the library measure page, a
reader whom `can_see_contacts` refuses (another member city, the Board, while the city
has not published its contacts) reads none of their answers, whatever the question's
code; the city itself, staff and the reviewers read them, and so does everyone once the
city publishes its contacts. The flag is read from the database, not from a list of
codes."""

import copy
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reporting.library.api import api_token_create
from reporting.models import Answer, Measure, Question, ReportSnapshot
from reporting.questionnaires import questionnaire_load
from reporting.selectors.reports import report_snapshot_data
from reporting.services.reports import report_transition
from tests.factories import ReportingCycleFactory
from tests.library.conftest import LIBRARY_SECTIONS, PATHS, write_report

# Personal questions that are none of the four contact questions of 2025.
LEAD_CODE, PARTNER_CODE = "strategy_lead_name", "m_partner_contact"
LEAD, PARTNER = "Ottokar Brunnhuber", "hotline.partner@graz.example"
# Who reads a published report, and whether they see personal answers the city did not
# publish.
READERS = {
    "primary": True,
    "secondary": True,
    "staff": True,
    "reviewer": True,
    "other_primary": False,
    "board": False,
}


def with_personal_questions(sections):
    """The library's test questionnaire with a level-1 short text and a level-2 short
    text flagged personal."""
    sections = copy.deepcopy(sections)
    by_code = {s["code"]: s for s in sections}
    by_code["strategy"]["questions"].append(
        {
            "code": LEAD_CODE,
            "type": "short_text",
            "personal": True,
            "text": {"en": "Who leads the action plan?"},
        }
    )
    by_code["measure"]["questions"].append(
        {
            "code": PARTNER_CODE,
            "type": "short_text",
            "personal": True,
            "text": {"en": "Partner's contact"},
        }
    )
    return sections


@pytest.fixture
def personal_cycle(db, plan):
    cycle = ReportingCycleFactory()
    questionnaire_load(
        cycle=cycle,
        plan=plan,
        sections=with_personal_questions(LIBRARY_SECTIONS),
        title={"en": f"Q {cycle.year}"},
    )
    return cycle


def published(city, cycle, *, publish_contacts):
    """A published report (its frozen revision included) answering both personal
    questions."""
    report = write_report(
        city,
        cycle,
        state="draft",
        overview={LEAD_CODE: LEAD, "strategy_has_plan": "yes"},
        measures=[{"title": "Hotline", "commitments": [3], "description": "Advice."}],
        publish_contacts=publish_contacts,
    )
    Answer.objects.create(
        report=report,
        question=report.questionnaire.questions.get(code=PARTNER_CODE),
        measure=Measure.objects.get(report=report),
        value=PARTNER,
    )
    for step in PATHS["published"]:
        if step == "submitted":
            ReportSnapshot.objects.create(
                report=report, revision=1, data=report_snapshot_data(report)
            )
        report_transition(report=report, to_state=step, by=None)
    report.refresh_from_db()
    return report


def report_url(report, name):
    return reverse(
        f"reporting:{name}", kwargs={"slug": report.city.slug, "year": report.cycle.year}
    )


def shown(text: str) -> tuple[bool, bool]:
    return LEAD in text, PARTNER in text


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_the_test_questionnaire_flags_two_questions_beside_the_contacts(personal_cycle):
    personal = Question.objects.filter(questionnaire__cycle=personal_cycle, personal=True)
    assert sorted(personal.values_list("code", flat=True)) == sorted(
        ["profile_contact_name", "profile_contact_email", LEAD_CODE, PARTNER_CODE]
    )


@pytest.mark.parametrize("publish_contacts", [False, True])
@pytest.mark.parametrize("who", READERS)
def test_report_page_and_pdf_hide_every_personal_answer_by_the_contacts_rule(
    request, login, city, personal_cycle, who, publish_contacts
):
    report = published(city, personal_cycle, publish_contacts=publish_contacts)
    client = login(request.getfixturevalue(who))
    expected = READERS[who] or publish_contacts

    page = client.get(report_url(report, "report_detail"))
    pdf = client.get(report_url(report, "report_pdf"))

    content = page.content.decode()
    assert "Action plan?" in content  # the document is shown
    assert shown(content) == (expected, expected)
    # Left out, not shown as unanswered: the question itself is not there either.
    assert ("Who leads the action plan?" in content) == expected
    assert shown(pdf_text(pdf)) == (expected, expected)


@pytest.mark.parametrize("publish_contacts", [False, True])
@pytest.mark.parametrize("who", ["staff", "reviewer", "primary", "other_primary", "board"])
def test_library_measure_page_hides_every_personal_answer_by_the_contacts_rule(
    request, login, city, personal_cycle, who, publish_contacts
):
    report = published(city, personal_cycle, publish_contacts=publish_contacts)
    measure = report.measures.get()
    expected = READERS[who] or publish_contacts

    page = login(request.getfixturevalue(who)).get(reverse("library:measure", args=[measure.pk]))

    assert page.status_code == 200
    assert "Advice." in page.content.decode()  # the measure is shown
    # The level-1 answer in the contact block, the level-2 one among the measure's.
    assert shown(page.content.decode()) == (expected, expected)


@pytest.mark.parametrize("publish_contacts", [False, True])
@pytest.mark.parametrize("who", ["primary", "other_primary"])
def test_api_report_hides_every_personal_answer_by_the_contacts_rule(
    request, client, city, personal_cycle, who, publish_contacts
):
    published(city, personal_cycle, publish_contacts=publish_contacts)
    _token, key = api_token_create(user=request.getfixturevalue(who), name="script")
    expected = READERS[who] or publish_contacts

    response = client.get(
        reverse("library:api_report", args=[city.slug, personal_cycle.year]),
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )

    body = response.json()
    assert response.status_code == 200
    assert body["overview"].get("strategy_has_plan") == "yes"
    assert (body["overview"].get(LEAD_CODE), body["measures"][0]["answers"].get(PARTNER_CODE)) == (
        (LEAD, PARTNER) if expected else (None, None)
    )
