"""The rendered document of a submitted revision is reused, and renewed when new
machine translations arrive."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting import report_services
from reporting.models import MachineTranslation, ReportTranslationStatus
from reporting.translations import text_hash
from tests.reporting.test_submission import complete


def _document(page: str) -> str:
    return page.split('<div class="document">', 1)[1].split('id="history-heading"', 1)[0]


def test_submitted_document_is_rendered_once_and_renewed_by_translations(login, report, q, primary):
    complete(report, q, primary)
    report_services.answer_save(
        report=report, question=q["strategy_summary"], raw="Ein Aktionsplan.", by=primary
    )
    report_services.report_submit(report=report, by=primary)
    client = login(primary)
    url = reverse("reporting:report_detail", args=[report.city.slug, report.cycle.year])
    url += "?read=translated"

    with CaptureQueriesContext(connection) as first:
        before = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as second:
        again = client.get(url).content.decode()
    # Counted now: the next request empties the connection's query log.
    first_count, second_count = len(first), len(second)
    MachineTranslation.objects.create(
        source_hash=text_hash("Ein Aktionsplan."),
        source_language=report.source_language or report.city.main_language,
        target_language="en",
        engine="deepl",
        text="An action plan.",
    )
    ReportTranslationStatus.objects.update_or_create(report=report, defaults={"state": "done"})
    translated = client.get(url).content.decode()

    assert "Ein Aktionsplan." in before
    assert _document(before) == _document(again)
    assert second_count < first_count
    assert "An action plan." in translated
