"""A coordinator writes her report in French with the real 2025 questionnaire (issue 17):
the task list changes state as she fills a level-1 section and two measures, Save keeps
her place and her focus, the pre-submit check names each measure and its links move the
focus to the field, and after submission nothing links to a page that would refuse.

Selectors use ids and data attributes, not English words: the interface is French."""

import re

import pytest
from playwright.sync_api import expect

from reporting.enums import ReportState
from reporting.models import Answer, Question, Report
from reporting.questionnaires import questionnaire_load, questionnaire_read
from reporting.services.content import answer_save
from reporting.services.reports import report_start
from tests.e2e.accessibility import assert_accessible
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DESCRIPTION = (
    "La ville a ouvert une ligne d'écoute pour les victimes de racisme. "
    "Des juristes répondent en six langues. "
    "Les signalements sont suivis avec la police et les associations."
)


@pytest.fixture
def french_report(city, cycle, plan, primary):
    questionnaire_load(
        cycle=cycle,
        plan=plan,
        sections=questionnaire_read("questionnaire_2025"),
        title={"en": "Questionnaire", "fr": "Questionnaire"},
    )
    primary.preferred_language = "fr"
    primary.save(update_fields=["preferred_language"])
    return report_start(city=city, cycle=cycle, by=primary)


def questions(report):
    return {q.code: q for q in Question.objects.filter(questionnaire=report.questionnaire)}


def log_in(page, base, email):
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": base}])
    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def saved(page, question, action):
    """Runs `action` and waits until autosave has stored this question's answer and the
    field says so beside itself."""

    def is_the_save(response):
        body = response.request.post_data or ""
        return (
            response.url.endswith("/autosave/")
            and response.ok
            and f'name="question"\r\n\r\n{question.pk}\r\n' in body
        )

    with page.expect_response(is_the_save):
        action()
    block = page.locator(f"#q-{question.pk} [data-status]")
    expect(block).to_have_class(re.compile("field__status--saved"))
    expect(block).to_contain_text("Enregistré à")
    expect(page.locator("#save-status")).to_contain_text("Enregistré à")


def task_status(page, task):
    return page.locator(f"[data-task='{task}'] [data-progress]")


def fill_text(page, question, text):
    saved(page, question, lambda: page.locator(f"#input-{question.pk}").fill(text))


def tick_first(page, question):
    saved(page, question, lambda: page.locator(f"#input-{question.pk}").check())


def test_a_french_coordinator_writes_and_submits(
    page, live_server, french_report, primary, screenshot
):
    base = live_server.url
    report = french_report
    q = questions(report)
    overview = f"{base}/cities/{report.city.slug}/reports/{report.cycle.year}/"
    log_in(page, base, primary.email)

    # The task list before anything is written.
    page.goto(overview)
    expect(task_status(page, "profile")).to_have_attribute("data-progress", "not_started")
    expect(page.locator("#progress-summary")).to_contain_text("0")

    # A level-1 section: the city profile, its required answers and one optional one.
    page.locator("[data-task='profile'] a").click()
    fill_text(page, q["profile_population"], "320 000")
    page.goto(overview)
    expect(task_status(page, "profile")).to_have_attribute("data-progress", "in_progress")
    page.locator("[data-task='profile'] a").click()
    fill_text(page, q["profile_contact_department"], "Mission égalité")
    fill_text(page, q["profile_contact_name"], "Claire Martin")
    fill_text(page, q["profile_contact_email"], "egalite@nantes.example")
    fill_text(page, q["profile_languages"], "français, arabe, portugais")
    fill_text(page, q["profile_year_joined"], "2006")
    nav = page.locator("nav.section-nav li").first
    page.reload()
    expect(nav.locator("[data-progress]")).to_have_attribute("data-progress", "complete")
    page.goto(overview)
    expect(task_status(page, "profile")).to_have_attribute("data-progress", "complete")
    expect(task_status(page, "strategy")).to_have_attribute("data-progress", "not_started")

    # Two measures.
    for title in ["Ligne d'écoute contre le racisme", "Anti-racism hotline"]:
        page.goto(overview + "measures/")
        page.locator("form[action$='/measures/add/'] button").click()
        expect(page.locator("nav.jump-menu")).to_be_visible()
        fill_text(page, q["m_title"], title)
    measure_page = page.url
    # Back to the first measure, filled completely.
    page.goto(overview)
    expect(task_status(page, "measure-1")).to_have_attribute("data-progress", "in_progress")
    page.locator("[data-task='measure-1'] a").click()
    tick_first(page, q["m_commitments"])
    tick_first(page, q["m_target_groups"])
    tick_first(page, q["m_status"])
    saved(
        page,
        q["m_start_date"],
        lambda: page.locator(f"#input-{q['m_start_date'].pk}").fill("21/03/2025"),
    )

    # The jump menu moves to a part of the measure and the focus with it.
    page.locator("nav.jump-menu a").nth(2).click()
    assert page.evaluate("document.activeElement.id").startswith("section-")

    # Save keeps the place and the focus: a long description near the middle of the page.
    description = page.locator(f"#input-{q['m_description'].pk}")
    # The save may start by itself or from the button: either response is the one.
    with page.expect_response(lambda r: r.url.endswith("/autosave/") and r.ok):
        description.fill(DESCRIPTION)
        scroll_before = page.evaluate("window.scrollY")
        # A click where the button is on screen (the bar stays at the bottom of the
        # window), as a person clicks: Playwright's click() would first scroll it.
        box = page.locator("button[data-save-here]").bounding_box()
        assert 0 < box["y"] < page.viewport_size["height"]
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert scroll_before > 300
    expect(page.locator(f"#count-{q['m_description'].pk}")).to_contain_text("3")
    expect(page.locator("#save-status")).to_contain_text("Enregistré à")
    assert page.evaluate("window.scrollY") == scroll_before
    assert page.evaluate("document.activeElement.id") == f"input-{q['m_description'].pk}"
    assert_accessible(page)
    screenshot("writing-measure")

    page.goto(overview)
    expect(task_status(page, "measure-1")).to_have_attribute("data-progress", "complete")
    expect(task_status(page, "measure-2")).to_have_attribute("data-progress", "in_progress")
    assert_accessible(page)
    screenshot("writing-overview")

    # The rest of level 1 was written earlier by a colleague, but for one answer.
    colleague = primary
    for code, value in [
        ("strategy_council_mandate", "no"),
        ("strategy_has_action_plan", "no"),
        ("organisation_unit", q["organisation_unit"].choices.first().value),
        ("organisation_budget", "120000"),
        ("data_collects_equality_data", "no"),
        ("data_complaint_mechanism", "no"),
        ("civil_society_advisory_council", "no"),
        ("civil_society_participation", "Un conseil consultatif des habitants."),
        ("challenges_main_area", q["challenges_main_area"].choices.first().value),
        ("needs_expectations", [q["needs_expectations"].choices.first().value]),
    ]:
        answer_save(report=report, question=q[code], raw=value, by=colleague)

    # The check names each measure by number and title; its links move the focus.
    page.goto(overview + "submit/")
    summary = page.locator(".error-summary")
    expect(summary).to_contain_text(re.compile("Mesure 2|Measure 2"))
    expect(summary).to_contain_text("Anti-racism hotline")
    assert_accessible(page)
    screenshot("writing-check")
    texts = {
        q["challenges_biggest"].pk: "Le manque de données. La défiance envers les institutions.",
        q["m_description"].pk: DESCRIPTION,
    }
    for _round in range(8):
        links = page.locator(".error-summary a")
        if links.count() == 0:
            break
        link = links.first
        target = link.get_attribute("href").split("#")[1]
        link.click()
        expect(page.locator(f"#{target}")).to_be_focused()
        question = Question.objects.get(pk=int(target.split("-")[1]))
        field = page.locator(f"#{target}")
        if question.pk in texts:
            saved(page, question, lambda f=field, t=texts[question.pk]: f.fill(t))
        else:
            saved(page, question, lambda: page.keyboard.press("Space"))
        page.goto(overview + "submit/")
    expect(page.locator(".error-summary")).to_have_count(0)
    page.locator("#id_confirm").check()
    page.locator("main form button[data-once]").click()
    expect(page.locator(".messages")).to_be_visible()

    report = Report.objects.get(pk=report.pk)
    assert report.state == ReportState.SUBMITTED
    assert Answer.objects.get(question=q["m_start_date"]).value == "2025-03-21"

    # After submission: read links only, and a refused edit page says why.
    page.goto(overview + "measures/")
    edit_links = page.evaluate(
        "[...document.querySelectorAll('a')].filter(a => /\\/measures\\/\\d+\\/$/.test(a.pathname))"
        ".length"
    )
    assert edit_links == 0
    expect(page.locator("a[href$='#measure-2']")).to_have_count(1)
    page.goto(measure_page)
    expect(page.locator(".refusal-reason")).to_be_visible()
