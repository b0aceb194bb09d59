"""Answers are marked with the language they were written in (WCAG 3.1.2), so a
screen reader reads a German answer in German inside an English page."""

import re

from django.urls import reverse

from reporting.models import Report
from reporting.services.content import answer_save
from reporting.services.reports import report_submit
from tests.reporting.test_submission import complete


def test_text_answers_carry_the_report_language_and_the_interface_text_does_not(
    login, report, q, primary, staff
):
    complete(report, q, primary)
    answer_save(
        report=report, question=q["strategy_summary"], raw="Ein Aktionsplan seit 2019.", by=primary
    )
    report_submit(report=report, by=primary)
    Report.objects.filter(pk=report.pk).update(source_language="de")
    url = reverse(
        "reporting:report_detail", kwargs={"slug": report.city.slug, "year": report.cycle.year}
    )

    page = login(staff).get(url).content.decode()

    assert re.search(r'<span lang="de">Ein Aktionsplan seit 2019.\s*</span>', page)
    assert '<span lang="de">300000</span>' not in page  # a number is not in a language
    assert '<span lang="de"><span class="muted">' not in page  # nor is "No answer"
