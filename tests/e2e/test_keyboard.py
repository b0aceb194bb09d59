"""The report can be written and submitted with the keyboard alone, and the
focused element is always visibly marked."""

import pytest
from playwright.sync_api import expect

from reporting.enums import ReportState
from reporting.models import Answer
from reporting.services.content import answer_save, measure_add
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement?.matches(s)", selector)


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 120) -> None:
    """Presses Tab (or Shift+Tab) until the element matching `selector` has the
    focus, and checks on the way that the focused element shows a focus ring."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        assert_focus_visible(page)
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{key} never reached {selector} on {page.url}")


def press_and_load(page, key: str = "Enter") -> None:
    """Presses a key that follows a link or sends a form, and waits for the new page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def assert_focus_visible(page) -> None:
    ring = page.evaluate(
        """() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            // The first line of the element, where the caret or the label text is.
            const top = document.elementFromPoint(
                box.left + Math.min(box.width / 2, 12), box.top + Math.min(box.height / 2, 12)
            );
            return {
                tag: el.outerHTML.slice(0, 80),
                covered: top !== null && top !== el && !el.contains(top) && !top.contains(el)
                    ? top.outerHTML.slice(0, 80) : "",
                outline: style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth),
                shadow: style.boxShadow,
            };
        }"""
    )
    if ring is None:  # focus left the page's content (the browser's own UI)
        return
    # A 1px browser default ring is easy to miss: ask for the site's 3px ring or a shadow.
    assert ring["outline"] >= 2 or ring["shadow"] != "none", f"no visible focus on {ring['tag']}"
    # Sticky bars (save status, form buttons) must not hide what has the focus
    # (WCAG 2.2's "focus not obscured": at least its first line stays in sight).
    assert not ring["covered"], f"{ring['tag']} is hidden under {ring['covered']}"


def test_report_is_written_and_submitted_with_the_keyboard_alone(
    page, live_server, report, q, primary, screenshot
):
    # The other required answers are already there; the keyboard writes the strategy.
    answer_save(report=report, question=q["profile_population"], raw="300000", by=primary)
    measure = measure_add(report=report, by=primary)
    for code, raw in [("m_title", "Hotline"), ("m_commitments", ["3"])]:
        answer_save(report=report, question=q[code], measure=measure, raw=raw, by=primary)
    report_path = f"/cities/{report.city.slug}/reports/{report.cycle.year}/"
    page.goto(live_server.url + "/accounts/login/")

    tab_to(page, "input[name=login]")
    page.keyboard.type(primary.email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    press_and_load(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")

    tab_to(page, f"main a[href='{report_path}']")
    press_and_load(page)
    tab_to(page, f"a[href='{report_path}sections/strategy/']")
    press_and_load(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Strategy")

    # Radio groups: Space checks the focused option, arrow keys move and check.
    tab_to(page, f"input[name='a-{q['strategy_has_plan'].pk}'][value=yes]")
    page.keyboard.press("Space")
    tab_to(page, f"#input-{q['strategy_plan_year'].pk}")
    page.keyboard.type("2019")
    tab_to(page, f"input[name='a-{q['strategy_unit'].pk}']")
    page.keyboard.press("ArrowDown")
    tab_to(page, f"#input-{q['strategy_summary'].pk}")
    page.keyboard.type("Adopted by the council; reviewed every two years.")
    screenshot("keyboard-section")
    tab_to(page, "button[name=save]")
    # With JavaScript, Save stores the answers without leaving the page (issue 17).
    page.keyboard.press("Enter")
    expect(page.locator("#save-status")).to_contain_text("Saved at")

    # Back up to the breadcrumb, then on to the submit page.
    tab_to(page, f"nav.breadcrumbs a[href='{report_path}']", backwards=True)
    press_and_load(page)
    tab_to(page, f"a[href='{report_path}submit/']")
    press_and_load(page)
    tab_to(page, "#id_confirm")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit][data-once]")
    screenshot("keyboard-submit")
    press_and_load(page)
    expect(page.locator(".messages")).to_contain_text("submitted")

    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    answers = dict(
        Answer.objects.filter(report=report, measure=None).values_list("question__code", "value")
    )
    assert answers == {
        "profile_population": 300000,
        "strategy_has_plan": "yes",
        "strategy_plan_year": 2019,
        "strategy_unit": "none",
        "strategy_summary": "Adopted by the council; reviewed every two years.",
    }
