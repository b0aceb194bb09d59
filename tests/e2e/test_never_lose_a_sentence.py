"""Never lose a sentence, never restore someone else's: the copy of unsaved text kept in
the browser is named by user and answer, remembers the version it was typed on, and is
offered back beside the saved version (never sent by itself) after a refused save and a
reload; it is removed at logout."""

import pytest
from playwright.sync_api import expect

from reporting.models import Answer
from reporting.services.reports import report_submit
from reviews import services
from reviews.models import Review
from tests.e2e.accessibility import assert_accessible
from tests.e2e.saving import autosaved
from tests.e2e.test_report_journey import log_in, log_out
from tests.e2e.test_review_journey import log_in_two_factor
from tests.reporting.test_submission import complete

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

A_TEXT = "First paragraph by A.\n\nSecond paragraph by A."
B_TEXT = "B's own sentence, typed on the old version."


def _section_url(base, report):
    return f"{base}/cities/{report.city.slug}/reports/{report.cycle.year}/sections/strategy/"


def _accept_dialogs(page):
    # Leaving a page with unsaved text asks first; these journeys mean to leave.
    page.on("dialog", lambda dialog: dialog.accept())


def _is_autosave(status):
    return lambda r: r.url.endswith("/autosave/") and r.status == status


def _kept_copies(page, user):
    return page.evaluate(
        """(prefix) => Object.keys(localStorage).filter((k) => k.startsWith(prefix))""",
        f"eccar-draft:{user.pk}:",
    )


def _offer(page):
    return page.get_by_role("region", name="Two versions of this text")


def _no_save_runs_by_itself(page):
    """Runs every pending timer of the page (the clock is faked): an autosave scheduled
    by itself would set "Saving…" synchronously."""
    page.clock.run_for(10_000)
    expect(page.locator("#save-status")).not_to_contain_text("Saving")


def test_refused_save_then_reload_offers_both_versions_and_saves_only_on_keep_mine(
    browser, live_server, report, primary, secondary
):
    base = live_server.url
    a_context, b_context = browser.new_context(), browser.new_context()
    a, b = a_context.new_page(), b_context.new_page()
    _accept_dialogs(b)
    log_in(a, base, primary.email)
    log_in(b, base, secondary.email)
    a.goto(_section_url(base, report))
    b.goto(_section_url(base, report))

    # A saves; B, whose page still holds the old version, is refused.
    autosaved(a, lambda: a.get_by_label("Summary").fill(A_TEXT), containing="Second paragraph")
    with b.expect_response(_is_autosave(409)):
        b.get_by_label("Summary").fill(B_TEXT)
    expect(_offer(b)).to_contain_text("Second paragraph by A.")

    # B reloads: the field holds B's text again, both versions are shown, nothing is sent.
    b.clock.install()
    b.reload()
    offer = _offer(b)
    expect(offer).to_contain_text("Your version")
    expect(offer).to_contain_text(B_TEXT)
    expect(offer).to_contain_text("The saved version")
    expect(offer).to_contain_text("Second paragraph by A.")
    expect(b.get_by_label("Summary")).to_have_value(B_TEXT)
    assert_accessible(b)
    _no_save_runs_by_itself(b)
    answer = Answer.objects.get()
    assert answer.value == A_TEXT

    # The explicit choice saves B's text, against the version B has now seen.
    keep_mine = offer.get_by_role("button", name="Keep mine")
    keep_mine.focus()
    with b.expect_response(_is_autosave(200)) as saved:
        b.keyboard.press("Enter")
    assert f'name="version"\r\n\r\n{answer.version}\r\n' in saved.value.request.post_data
    expect(b.locator("#save-status")).to_contain_text("Saved at")
    expect(_offer(b)).to_have_count(0)
    assert Answer.objects.get().value == B_TEXT
    assert _kept_copies(b, secondary) == []
    a_context.close()
    b_context.close()


def test_keep_theirs_puts_the_saved_version_back_and_forgets_the_copy(
    browser, live_server, report, primary, secondary
):
    base = live_server.url
    a_context, b_context = browser.new_context(), browser.new_context()
    a, b = a_context.new_page(), b_context.new_page()
    _accept_dialogs(b)
    log_in(a, base, primary.email)
    log_in(b, base, secondary.email)
    a.goto(_section_url(base, report))
    b.goto(_section_url(base, report))
    autosaved(a, lambda: a.get_by_label("Summary").fill(A_TEXT), containing="Second paragraph")
    with b.expect_response(_is_autosave(409)):
        b.get_by_label("Summary").fill(B_TEXT)

    b.reload()
    _offer(b).get_by_role("button", name="Keep theirs").click()

    expect(b.get_by_label("Summary")).to_have_value(A_TEXT)
    expect(_offer(b)).to_have_count(0)
    assert _kept_copies(b, secondary) == []
    assert Answer.objects.get().value == A_TEXT
    a_context.close()
    b_context.close()


def _unsaved_copy(page, base, report, user, text):
    """Types `text` while every autosave fails, so only the browser's copy holds it."""
    page.route("**/autosave/", lambda route: route.abort())
    log_in(page, base, user.email)
    page.goto(_section_url(base, report))
    page.get_by_label("Summary").fill(text)
    expect(page.locator("#save-status")).to_contain_text("Not saved")
    assert len(_kept_copies(page, user)) == 1
    page.unroute("**/autosave/")


def test_another_user_on_the_same_browser_is_not_offered_the_first_users_copy(
    page, live_server, report, primary, secondary
):
    base = live_server.url
    _accept_dialogs(page)
    _unsaved_copy(page, base, report, primary, "The primary's unsaved words.")

    # The session ends without logging out (a shared office PC); a colleague logs in.
    page.context.clear_cookies()
    log_in(page, base, secondary.email)
    page.goto(_section_url(base, report))

    expect(page.get_by_label("Summary")).to_have_value("")
    expect(page.locator("[data-draft-offer]")).to_have_count(0)
    assert "The primary's unsaved words." not in page.content()
    assert not Answer.objects.exists()


def test_the_copy_is_gone_after_logout(page, live_server, report, primary):
    base = live_server.url
    _accept_dialogs(page)
    _unsaved_copy(page, base, report, primary, "Words nobody should find later.")

    log_out(page)

    assert _kept_copies(page, primary) == []
    log_in(page, base, primary.email)
    page.goto(_section_url(base, report))
    expect(page.get_by_label("Summary")).to_have_value("")
    expect(page.locator("[data-draft-offer]")).to_have_count(0)


def test_a_stale_review_tab_is_offered_its_text_after_reloading(
    context, live_server, report, q, primary, reviewer, staff
):
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    services.reviewer_assign(report=report, reviewer=reviewer, by=staff)
    base = live_server.url
    url = f"{base}/reviews/{report.cycle.year}/{report.city.slug}/"
    first, second = context.new_page(), context.new_page()
    _accept_dialogs(second)
    log_in_two_factor(first, base, reviewer.email)
    first.goto(url)
    second.goto(url)

    def is_review_save(status):
        return lambda r: r.url == url and r.request.method == "POST" and r.status == status

    with first.expect_response(is_review_save(200)):
        first.get_by_label("General conclusion").fill("Written in the first tab.")
    with second.expect_response(is_review_save(409)):
        second.get_by_label("General conclusion").fill("Written in the stale second tab.")
    expect(second.locator("#save-status")).to_contain_text("changed in another window")

    second.clock.install()
    second.reload()
    offer = _offer(second)
    expect(offer).to_contain_text("General conclusion")
    expect(offer).to_contain_text("Written in the stale second tab.")
    expect(offer).to_contain_text("Written in the first tab.")
    expect(second.get_by_label("General conclusion")).to_have_value(
        "Written in the stale second tab."
    )
    _no_save_runs_by_itself(second)
    assert Review.objects.get().general_conclusion == "Written in the first tab."

    with second.expect_response(is_review_save(200)):
        offer.get_by_role("button", name="Keep mine").click()
    expect(second.locator("#save-status")).to_contain_text("Saved at")
    assert Review.objects.get().general_conclusion == "Written in the stale second tab."
    assert _kept_copies(second, reviewer) == []
