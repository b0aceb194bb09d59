"""The report's progress in the task-list pattern (issue 17): a status per section and
per measure counting required answers only, an overall "n of m required answers", the
same marks in the section menu and the measure's jump menu, optional questions labelled
as such, in a fixed number of queries whatever the number of measures."""

import pytest
from django.urls import reverse

from reporting.enums import ProgressStatus
from reporting.models import Answer
from reporting.selectors.progress import report_task_list
from reporting.services.content import answer_save, measure_add
from tests.reporting.test_page_queries import add_measures
from tests.reporting.test_submission import complete

NOT_STARTED, IN_PROGRESS, COMPLETE = (
    ProgressStatus.NOT_STARTED,
    ProgressStatus.IN_PROGRESS,
    ProgressStatus.COMPLETE,
)


def url(report, name="report_detail", **kwargs):
    return reverse(
        f"reporting:{name}", kwargs={"slug": report.city.slug, "year": report.cycle.year, **kwargs}
    )


def statuses(report):
    tasks = report_task_list(report=report)
    return (
        {row.section.code: row.progress.status for row in tasks.sections},
        [row.progress.status for row in tasks.measures],
    )


def test_sections_go_from_not_started_to_in_progress_to_complete(primary, report, q):
    assert statuses(report)[0] == {"profile": NOT_STARTED, "strategy": NOT_STARTED}

    # An optional answer starts the section, it does not complete it.
    answer_save(report=report, question=q["profile_contact"], raw="Eva Pichler", by=primary)
    assert statuses(report)[0]["profile"] == IN_PROGRESS

    answer_save(report=report, question=q["profile_population"], raw="300000", by=primary)
    assert statuses(report)[0]["profile"] == COMPLETE


def test_a_conditional_required_question_counts_once_its_condition_is_met(primary, report, q):
    answer_save(report=report, question=q["strategy_has_plan"], raw="no", by=primary)
    assert statuses(report)[0]["strategy"] == COMPLETE

    answer_save(report=report, question=q["strategy_has_plan"], raw="yes", by=primary)
    tasks = report_task_list(report=report)
    strategy = next(row for row in tasks.sections if row.section.code == "strategy")
    assert (strategy.progress.status, strategy.progress.required) == (IN_PROGRESS, 2)
    assert [m.question.code for m in tasks.missing] == ["profile_population", "strategy_plan_year"]


def test_measures_have_their_own_status_and_the_report_an_overall_figure(primary, report, q):
    first = measure_add(report=report, by=primary)
    second = measure_add(report=report, by=primary)
    answer_save(report=report, question=q["m_title"], measure=first, raw="Hotline", by=primary)
    answer_save(report=report, question=q["m_commitments"], measure=first, raw=["3"], by=primary)
    answer_save(report=report, question=q["m_title"], measure=second, raw="Streets", by=primary)

    tasks = report_task_list(report=report)

    assert [row.progress.status for row in tasks.measures] == [COMPLETE, IN_PROGRESS]
    assert [(row.number, row.title) for row in tasks.measures] == [(1, "Hotline"), (2, "Streets")]
    # Level 1: population and the action plan; each measure: title and commitments.
    assert (tasks.overall.required_answered, tasks.overall.required) == (3, 6)
    missing = [(m.number, m.question.code) for m in tasks.missing]
    assert missing == [
        (None, "profile_population"),
        (None, "strategy_has_plan"),
        (2, "m_commitments"),
    ]


def test_empty_and_null_values_are_not_answers(primary, report, q):
    measure = measure_add(report=report, by=primary)
    for question, value in [
        (q["profile_population"], None),
        (q["profile_contact"], ""),
        (q["strategy_has_plan"], []),
    ]:
        Answer.objects.create(report=report, question=question, value=value)
    Answer.objects.create(report=report, question=q["m_title"], measure=measure, value="")

    tasks = report_task_list(report=report)

    assert tasks.overall.answered == 0
    assert statuses(report) == ({"profile": NOT_STARTED, "strategy": NOT_STARTED}, [NOT_STARTED])


def test_overview_shows_the_task_list_with_the_overall_figure(login, primary, report, q):
    answer_save(report=report, question=q["profile_population"], raw="300000", by=primary)
    measure = measure_add(report=report, by=primary)
    answer_save(report=report, question=q["m_title"], measure=measure, raw="Hotline", by=primary)

    content = login(primary).get(url(report)).content.decode()

    assert "2 of 4 required answers" in content
    assert 'data-task="profile"' in content
    assert 'id="task-status-' in content
    assert 'data-progress="complete">Complete<' in content
    assert 'data-progress="not_started">Not started<' in content
    assert "Measure 1: Hotline" in content
    assert 'data-progress="in_progress">In progress<' in content


def test_section_menu_shows_each_sections_status(login, primary, report, q):
    answer_save(report=report, question=q["profile_population"], raw="300000", by=primary)

    content = login(primary).get(url(report, "section_edit", code="strategy")).content.decode()

    assert 'section-nav__item section-nav__item--complete"' in content
    assert 'section-nav__item section-nav__item--not_started"' in content
    assert content.count('class="section-nav__status"') == 2


def test_optional_questions_are_labelled_optional(login, primary, report, q):
    content = login(primary).get(url(report, "section_edit", code="profile")).content.decode()

    label = content.split(f'<label for="input-{q["profile_contact"].pk}">')[1].split("</label>")[0]
    assert "(optional)" in label
    required = content.split(f'<label for="input-{q["profile_population"].pk}">')[1]
    assert "(optional)" not in required.split("</label>")[0]


def test_measure_page_has_a_jump_menu_to_its_parts(login, primary, report, q, questionnaire):
    measure = measure_add(report=report, by=primary)
    # A second part, as the real questionnaire has three.
    section = questionnaire.sections.create(level=2, code="results", order=9, title="Results")
    questionnaire.questions.create(section=section, code="m_results", type="long_text", order=1)

    content = login(primary).get(url(report, "measure_edit", measure_id=measure.pk)).content
    content = content.decode()

    menu = content.split('<nav class="jump-menu"')[1].split("</nav>")[0]
    for part in questionnaire.sections.filter(level=2):
        assert f'href="#section-{part.pk}"' in menu
        assert f'<h2 id="section-{part.pk}" tabindex="-1">' in content
    assert "(optional)" in menu  # the results part asks nothing that is required


@pytest.mark.parametrize("measures", [2, 20])
def test_task_list_reads_four_queries(primary, report, q, django_assert_num_queries, measures):
    complete(report, q, primary)
    add_measures(report, q, measures - 1)

    with django_assert_num_queries(4):
        tasks = report_task_list(report=report)

    assert len(tasks.measures) == measures
    assert all(row.progress.status == COMPLETE for row in tasks.measures)


@pytest.mark.parametrize("measures", [2, 20])
def test_submit_check_reads_a_fixed_number_of_queries(
    login, primary, report, q, django_assert_num_queries, measures
):
    complete(report, q, primary)
    add_measures(report, q, measures - 1)
    client = login(primary)
    client.get(url(report, "report_submit"))

    with django_assert_num_queries(9):
        response = client.get(url(report, "report_submit"))

    assert response.status_code == 200
