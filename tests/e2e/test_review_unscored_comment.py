"""In a real browser (issue 17): a reviewer types a criterion's comment before its score;
autosave stores the rest, names the measure and criterion that need a score and marks
that score; once the score is chosen the comment is saved with it."""

import pytest
from playwright.sync_api import expect

from reporting.services.reports import report_submit
from reviews import services
from reviews.models import Assessment, Criterion, Review
from tests.e2e.test_review_journey import log_in_two_factor
from tests.reporting.test_submission import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_comment_before_its_score_is_named_then_saved_with_it(
    page, live_server, report, q, primary, reviewer, staff
):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    services.reviewer_assign(report=report, reviewer=reviewer, by=staff)
    Criterion.objects.create(cycle=report.cycle, code="impact", title="Impact")
    base = live_server.url
    log_in_two_factor(page, base, reviewer.email)
    page.goto(f"{base}/reviews/{report.cycle.year}/{report.city.slug}/")

    page.get_by_label("General conclusion").fill("A clear mandate.")
    page.get_by_label("Comment").fill("Reached 2,000 pupils.")

    status = page.locator("#save-status")
    expect(status).to_contain_text("Saved at", timeout=10_000)
    expect(status).to_contain_text("“Impact”: give a score to save your comment.")
    expect(page.get_by_label("Impact")).to_have_attribute("aria-invalid", "true")
    assert Review.objects.get().general_conclusion == "A clear mandate."

    page.get_by_label("Impact").select_option("3")

    expect(status).not_to_contain_text("give a score", timeout=10_000)
    expect(page.get_by_label("Impact")).not_to_have_attribute("aria-invalid", "true")
    assert list(Assessment.objects.values_list("score", "comment")) == [
        (3, "Reached 2,000 pupils.")
    ]
