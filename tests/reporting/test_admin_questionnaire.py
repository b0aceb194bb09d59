"""The questionnaire builder in the admin, used as the office uses it: the add and change
pages, filled from the form the page sent (as a browser would) and posted back."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from reporting.models import Choice, Question, Questionnaire, Section
from reporting.questionnaires import questionnaire_load
from reporting.services.reports import report_start, report_submit
from tests.conftest import SMALL_QUESTIONNAIRE
from tests.factories import ReportingCycleFactory
from tests.reporting.test_submission import complete


class _FormReader(HTMLParser):
    """The values a browser would send for the admin's main form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.options: dict[str, list[tuple[str, str]]] = {}
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if attrs.get("type") in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "select" and name:
            self._select = name
            self.options[name] = []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value", ""), ""]
            if "selected" in attrs:
                self.data.setdefault(self._select, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._textarea:
            self.data[self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self.options[self._select].append((self._option[0], self._option[1].strip()))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            if self._textarea:
                self.data[self._textarea][0] = self.data[self._textarea][0].lstrip("\n")
            self._textarea = None


def read_form(response) -> _FormReader:
    assert response.status_code == 200
    reader = _FormReader()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def office(staff):
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    return staff


@pytest.fixture
def three_cycles(questionnaire, plan):
    """The same questionnaire in three cycles, as the demo has it."""
    others = [
        questionnaire_load(
            cycle=ReportingCycleFactory(year=year),
            plan=plan,
            sections=SMALL_QUESTIONNAIRE,
            title={"en": "Test questionnaire"},
        )
        for year in (2023, 2025)
    ]
    return [questionnaire, *others]


def question_add_url():
    return reverse("admin:reporting_question_add")


def question_change_url(question):
    return reverse("admin:reporting_question_change", args=[question.pk])


def post_form(client, url, reader, **changes):
    data = dict(reader.data)
    for name, value in changes.items():
        data[name] = [value]
    data.pop("_saveasnew", None)
    data["_save"] = ["Save"]
    return client.post(url, data)


def test_section_dropdown_names_each_sections_cycle_and_version(login, office, three_cycles):
    client = login(office)

    reader = read_form(client.get(question_add_url()))

    labels = [label for value, label in reader.options["section"] if value]
    assert len(labels) == Section.objects.count() == 9
    assert len(set(labels)) == len(labels)
    strategy = sorted(label for label in labels if label.endswith("· Strategy"))
    cycles = sorted(q.cycle.year for q in three_cycles)
    expected = [f"{year} · v1 · Level 1: overview of the city · Strategy" for year in cycles]
    assert strategy == expected


def test_condition_dropdown_offers_only_questions_of_the_same_questionnaire(
    login, office, three_cycles
):
    question = three_cycles[0].questions.get(code="strategy_plan_year")
    client = login(office)

    reader = read_form(client.get(question_change_url(question)))

    offered = [label for value, label in reader.options["show_if_question"] if value]
    year = three_cycles[0].cycle.year
    assert offered == [
        f"{year} · v1 · strategy_has_plan: Does the city have an action plan?",
        f"{year} · v1 · strategy_unit: Organisation",
    ]


def test_condition_on_a_question_of_another_cycle_is_refused(login, office, three_cycles):
    question = three_cycles[0].questions.get(code="strategy_plan_year")
    elsewhere = three_cycles[1].questions.get(code="strategy_has_plan")
    client = login(office)
    reader = read_form(client.get(question_change_url(question)))

    response = post_form(
        client, question_change_url(question), reader, show_if_question=str(elsewhere.pk)
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    question.refresh_from_db()
    assert question.show_if_question == three_cycles[0].questions.get(code="strategy_has_plan")


def test_model_clean_refuses_a_condition_on_another_questionnaire(three_cycles):
    question = three_cycles[0].questions.get(code="strategy_plan_year")
    question.show_if_question = three_cycles[2].questions.get(code="strategy_has_plan")

    with pytest.raises(Exception, match="same questionnaire") as caught:
        question.full_clean()

    assert "show_if_question" in caught.value.message_dict


def test_new_question_conditional_on_another_cycle_is_refused_on_the_add_page(
    login, office, three_cycles
):
    section = three_cycles[0].sections.get(code="strategy")
    elsewhere = three_cycles[1].questions.get(code="strategy_has_plan")
    client = login(office)
    reader = read_form(client.get(question_add_url()))

    response = post_form(
        client,
        question_add_url(),
        reader,
        section=str(section.pk),
        code="strategy_budget",
        type="number",
        text_en="Budget of the plan",
        show_if_question=str(elsewhere.pk),
        show_if_value="yes",
    )

    assert response.status_code == 200
    assert "must be a question of the same questionnaire" in response.content.decode()
    assert not Question.objects.filter(code="strategy_budget").exists()


def test_condition_value_that_the_question_cannot_have_is_refused(login, office, questionnaire):
    question = questionnaire.questions.get(code="strategy_plan_year")
    client = login(office)
    reader = read_form(client.get(question_change_url(question)))

    response = post_form(client, question_change_url(question), reader, show_if_value="perhaps")

    page = response.content.decode()
    assert response.status_code == 200
    assert "“perhaps” is not an answer of the question “strategy_has_plan”" in page
    assert "enter one of yes, no" in page
    question.refresh_from_db()
    assert question.show_if_value == "yes"


def test_condition_value_must_be_a_choice_code_of_a_single_choice_question(
    login, office, questionnaire
):
    question = questionnaire.questions.get(code="strategy_summary")
    unit = questionnaire.questions.get(code="strategy_unit")
    client = login(office)
    reader = read_form(client.get(question_change_url(question)))

    refused = post_form(
        client,
        question_change_url(question),
        reader,
        show_if_question=str(unit.pk),
        show_if_value="Dedicated unit",
    )
    accepted = post_form(
        client,
        question_change_url(question),
        reader,
        show_if_question=str(unit.pk),
        show_if_value="unit",
    )

    assert "enter one of unit, none" in refused.content.decode()
    assert accepted.status_code == 302
    question.refresh_from_db()
    assert (question.show_if_question, question.show_if_value) == (unit, "unit")


def test_valid_condition_is_saved_from_the_change_page(login, office, questionnaire):
    question = questionnaire.questions.get(code="strategy_plan_year")
    client = login(office)
    reader = read_form(client.get(question_change_url(question)))

    response = post_form(client, question_change_url(question), reader, show_if_value="no")

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.show_if_value == "no"


@pytest.fixture
def locked(questionnaire, city, primary):
    report = report_start(city=city, cycle=questionnaire.cycle, by=primary)
    q = {question.code: question for question in questionnaire.questions.all()}
    complete(report, q, primary)
    report_submit(report=report, by=primary)
    assert questionnaire.is_locked
    return questionnaire


def add_question(client, section, **changes):
    reader = read_form(client.get(question_add_url()))
    fields = {
        "section": str(section.pk),
        "code": "strategy_evaluation",
        "type": "long_text",
        "text_en": "How is the plan evaluated?",
        **changes,
    }
    return post_form(client, question_add_url(), reader, **fields)


def test_new_required_question_on_a_locked_questionnaire_is_refused(login, office, locked):
    client = login(office)

    response = add_question(client, locked.sections.get(code="strategy"), required="on")

    page = response.content.decode()
    assert response.status_code == 200
    assert "A required question cannot be added to this questionnaire" in page
    assert not Question.objects.filter(code="strategy_evaluation").exists()


def test_new_optional_question_on_a_locked_questionnaire_is_accepted(login, office, locked):
    client = login(office)

    response = add_question(client, locked.sections.get(code="strategy"))

    assert response.status_code == 302
    assert Question.objects.get(code="strategy_evaluation").required is False


def test_new_required_question_on_an_open_questionnaire_is_accepted(login, office, questionnaire):
    client = login(office)

    response = add_question(client, questionnaire.sections.get(code="strategy"), required="on")

    assert response.status_code == 302
    assert Question.objects.get(code="strategy_evaluation").required is True


def test_making_a_question_required_on_a_locked_questionnaire_is_refused(login, office, locked):
    question = locked.questions.get(code="strategy_summary")
    client = login(office)
    reader = read_form(client.get(question_change_url(question)))

    response = post_form(client, question_change_url(question), reader, required="on")

    assert "A required question cannot be added" in response.content.decode()
    question.refresh_from_db()
    assert question.required is False


def test_required_question_added_inline_to_a_locked_section_is_refused(login, office, locked):
    section = locked.sections.get(code="strategy")
    url = reverse("admin:reporting_section_change", args=[section.pk])
    client = login(office)
    reader = read_form(client.get(url))
    total = int(reader.data["questions-TOTAL_FORMS"][0])
    prefix = f"questions-{total}"

    response = post_form(
        client,
        url,
        reader,
        **{
            "questions-TOTAL_FORMS": str(total + 1),
            f"{prefix}-code": "strategy_evaluation",
            f"{prefix}-order": "9",
            f"{prefix}-type": "long_text",
            f"{prefix}-required": "on",
            f"{prefix}-text_en": "How is the plan evaluated?",
            f"{prefix}-section": str(section.pk),
        },
    )

    assert response.status_code == 200
    assert "A required question cannot be added" in response.content.decode()
    assert not Question.objects.filter(code="strategy_evaluation").exists()


def test_section_questionnaire_dropdown_names_cycle_and_version(login, office, three_cycles):
    client = login(office)

    reader = read_form(client.get(reverse("admin:reporting_section_add")))

    labels = sorted(label for value, label in reader.options["questionnaire"] if value)
    assert labels == sorted(
        f"{q.cycle.year} · v1 · Test questionnaire" for q in Questionnaire.objects.all()
    )


def test_choice_of_the_questionnaire_is_untouched_by_a_refused_save(login, office, questionnaire):
    question = questionnaire.questions.get(code="strategy_plan_year")
    client = login(office)
    reader = read_form(client.get(question_change_url(question)))
    before = list(Choice.objects.values_list("pk", "value"))

    post_form(client, question_change_url(question), reader, show_if_value="perhaps")

    assert list(Choice.objects.values_list("pk", "value")) == before
