"""The report's PDF shows what its page shows to the same reader: the latest submitted
revision to everyone who cannot edit the report, the live answers only to those who
may (issue 15: any reviewer downloaded a city's update in progress)."""

import io

import pytest
from pypdf import PdfReader

from reporting.enums import ReportState
from reporting.services.content import answer_save
from reporting.services.reports import report_submit, report_transition
from tests.reporting.test_report_editing import url
from tests.reporting.test_submission import complete

SUBMITTED = "Office for equal treatment"
IN_PROGRESS = "Draft of the new office"


@pytest.fixture
def updating(report, q, primary):
    """A report submitted with SUBMITTED as its contact, then being updated after
    feedback, with IN_PROGRESS saved but not submitted."""
    complete(report, q, primary)
    answer_save(report=report, question=q["profile_contact"], raw=SUBMITTED, by=primary)
    report_submit(report=report, by=primary)
    report_transition(report=report, to_state=ReportState.FEEDBACK_RECEIVED, by=None)
    report_transition(report=report, to_state=ReportState.UPDATING, by=primary)
    answer_save(report=report, question=q["profile_contact"], raw=IN_PROGRESS, by=primary)
    report.refresh_from_db()
    return report


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("who", ["reviewer", "staff"])
def test_pdf_of_a_report_being_updated_is_the_submitted_revision_for_readers(
    request, login, updating, who
):
    client = login(request.getfixturevalue(who))

    page = client.get(url(updating, "report_detail")).content.decode()
    text = pdf_text(client.get(url(updating, "report_pdf")))

    assert (SUBMITTED in page, IN_PROGRESS in page) == (True, False)
    assert (SUBMITTED in text, IN_PROGRESS in text) == (True, False)


@pytest.mark.parametrize("who", ["primary", "secondary"])
def test_pdf_of_a_report_being_updated_has_the_live_answers_for_its_editors(
    request, login, updating, who
):
    text = pdf_text(login(request.getfixturevalue(who)).get(url(updating, "report_pdf")))

    assert (SUBMITTED in text, IN_PROGRESS in text) == (False, True)
