"""The questionnaire's content as data: reporting/data/questionnaire_2025.json, read by
`questionnaire_read` and turned into rows by `questionnaire_load`."""

import copy
import json
from collections import Counter

import pytest

from reporting import questionnaires
from reporting.models import Question, Questionnaire, Section
from reporting.questionnaires import questionnaire_load, questionnaire_read
from tests.conftest import SMALL_QUESTIONNAIRE

# Checked against the rows the former Python module (reporting/questionnaire_2025.py)
# created: the same 124 rows, field for field, in en/fr/de.
SECTIONS_2025 = [
    ("profile", 1, 1, 9),
    ("strategy", 1, 2, 8),
    ("organisation", 1, 3, 7),
    ("data", 1, 4, 7),
    ("civil_society", 1, 5, 7),
    ("challenges", 1, 6, 4),
    ("needs", 1, 7, 4),
    ("measure", 2, 8, 7),
    ("measure_implementation", 2, 9, 9),
    ("measure_results", 2, 10, 6),
]
CONDITIONS_2025 = {
    "strategy_mandate_details": ("strategy_council_mandate", "yes"),
    "strategy_plan_year": ("strategy_has_action_plan", "yes"),
    "strategy_plan_title": ("strategy_has_action_plan", "yes"),
    "strategy_plan_commitments": ("strategy_has_action_plan", "yes"),
    "strategy_plan_evaluation": ("strategy_has_action_plan", "yes"),
    "data_complaint_details": ("data_complaint_mechanism", "yes"),
    "data_complaints_count": ("data_complaint_mechanism", "yes"),
    "civil_society_council_details": ("civil_society_advisory_council", "yes"),
    "civil_society_funding_details": ("civil_society_funding", "yes"),
    "needs_exchange_topic": ("needs_host_peer_exchange", "yes"),
    "m_community_involvement_details": ("m_community_involvement", "yes"),
    "m_evaluation_details": ("m_evaluated", "yes"),
}


def test_questionnaire_2025_loads_from_data_into_the_expected_rows(cycle, plan):
    loaded = questionnaire_load(
        cycle=cycle,
        plan=plan,
        sections=questionnaire_read("questionnaire_2025"),
        title={"en": "Q 2025", "fr": "Q 2025 fr", "de": "Q 2025 de"},
    )

    sections = [(s.code, s.level, s.order, s.questions.count()) for s in loaded.sections.all()]
    assert sections == SECTIONS_2025
    questions = {q.code: q for q in loaded.questions.select_related("show_if_question")}
    assert len(questions) == 68
    assert Counter(q.type for q in questions.values()) == {
        "long_text": 27,
        "short_text": 12,
        "number": 9,
        "yes_no": 9,
        "multiple_choice": 4,
        "single_choice": 3,
        "commitments": 2,
        "date": 2,
    }
    conditions = {
        q.code: (q.show_if_question.code, q.show_if_value)
        for q in questions.values()
        if q.show_if_question
    }
    assert conditions == CONDITIONS_2025
    assert [q.code for q in loaded.sections.get(code="measure").questions.all()] == [
        "m_title",
        "m_commitments",
        "m_description",
        "m_starting_point",
        "m_objectives",
        "m_target_groups",
        "m_target_groups_details",
    ]
    title = questions["m_title"]
    assert (title.required, title.order) == (True, 1)
    assert (title.text_en, title.text_fr, title.text_de) == (
        "Title of the measure",
        "Titre de la mesure",
        "Titel der Maßnahme",
    )
    population = questions["profile_population"]
    assert population.help_text_fr.startswith("Indiquez le dernier chiffre officiel")
    assert population.help_text_de.endswith("oder 50.000 und mehr.")
    section = loaded.sections.get(code="measure")
    assert (section.title_en, section.title_fr, section.title_de) == (
        "The measure",
        "La mesure",
        "Die Maßnahme",
    )
    assert section.intro_en and section.intro_fr and section.intro_de
    status = questions["m_status"]
    assert list(status.choices.values_list("value", "order")) == [
        ("planned", 1),
        ("ongoing", 2),
        ("completed", 3),
        ("recurring", 4),
    ]
    completed = status.choices.get(value="completed")
    assert (completed.label_en, completed.label_fr, completed.label_de) == (
        "Completed",
        "Terminée",
        "Abgeschlossen",
    )
    assert sum(q.choices.count() for q in questions.values()) == 45


def test_questionnaire_2025_data_is_pretty_printed_utf8():
    path = questionnaires.DATA_DIR / "questionnaire_2025.json"
    text = path.read_text(encoding="utf-8")

    data = json.loads(text)

    assert text == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert "Maßnahme" in text


def _broken(change):
    sections = copy.deepcopy(SMALL_QUESTIONNAIRE)
    change({q["code"]: q for s in sections for q in s["questions"]}, sections)
    return sections


BROKEN = {
    "unknown type": (
        lambda q, s: q["profile_contact"].update(type="free_text"),
        "question 'profile_contact': unknown type 'free_text'",
    ),
    "missing text": (
        lambda q, s: q["profile_contact"].pop("text"),
        "question 'profile_contact': missing text",
    ),
    "misspelt field": (
        lambda q, s: q["profile_contact"].update(requried=True),
        "question 'profile_contact': unknown fields requried",
    ),
    "choices missing": (
        lambda q, s: q["strategy_has_plan"].update(type="single_choice"),
        "question 'strategy_has_plan': only single and multiple choice questions have choices",
    ),
    "condition on a later question": (
        lambda q, s: q["profile_population"].update(
            show_if={"question": "strategy_has_plan", "value": "yes"}
        ),
        "question 'profile_population': show_if names 'strategy_has_plan', "
        "which is not an earlier question of the same level",
    ),
    "condition on an impossible value": (
        lambda q, s: q["strategy_plan_year"].update(
            show_if={"question": "strategy_has_plan", "value": "maybe"}
        ),
        "question 'strategy_plan_year': show_if value 'maybe' not in ['yes', 'no']",
    ),
    "repeated code": (
        lambda q, s: q["profile_contact"].update(code="profile_population"),
        "question 'profile_population': the code is used twice",
    ),
    "unknown level": (
        lambda q, s: s[0].update(level=3),
        "section 'profile': unknown level 3",
    ),
    "text without English": (
        lambda q, s: q["profile_contact"].update(text={"fr": "Contact"}),
        "question 'profile_contact': 'text' must map language codes to texts, with 'en'",
    ),
}


@pytest.mark.parametrize("change, message", BROKEN.values(), ids=BROKEN.keys())
def test_questionnaire_load_refuses_bad_data_naming_the_question(cycle, plan, change, message):
    with pytest.raises(ValueError) as error:
        questionnaire_load(cycle=cycle, plan=plan, sections=_broken(change), title={"en": "Q"})

    assert str(error.value) == message
    assert not Questionnaire.objects.exists()
    assert not Section.objects.exists()
    assert not Question.objects.exists()


def test_questionnaire_read_names_the_file_and_the_bad_question(tmp_path, monkeypatch):
    change, message = BROKEN["unknown type"]
    (tmp_path / "broken.json").write_text(json.dumps({"sections": _broken(change)}))
    (tmp_path / "not_json.json").write_text("{")
    (tmp_path / "bare_list.json").write_text("[]")
    monkeypatch.setattr(questionnaires, "DATA_DIR", tmp_path)

    messages = {}
    for name in ("broken", "not_json", "bare_list", "missing"):
        with pytest.raises(ValueError) as error:
            questionnaire_read(name)
        messages[name] = str(error.value)

    assert messages["broken"] == f"broken.json: {message}"
    assert messages["not_json"].startswith("not_json.json: Expecting property name")
    assert messages["bare_list"] == 'bare_list.json: expected one object, {"sections": [...]}'
    assert messages["missing"].startswith("missing.json: [Errno 2] No such file")
