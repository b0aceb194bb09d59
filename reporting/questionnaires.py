"""Building questionnaires: loading one from data (seed_demo, tests), copying one to
a new version, and the guard that keeps submitted answers meaningful.

A questionnaire's content lives in `reporting/data/<name>.json` as {"sections": [...]}.
Each section has a stable `code`, a `level` (1: overview of the city, 2: the fields of
one measure, answered once per measure), a `title`, an optional `intro` and its
`questions`. Each question has a `code` unique across the questionnaire (level-1 codes
start with their section's code, level-2 codes with "m_"), a `type` (a `QuestionType`
value), optional `required` and `personal` (answers that name or reach a person: see
`Question.personal`), a `text` and an optional `help`; single and multiple choice
questions have `choices` ({"value", "label"}), and a question may carry
`show_if: {"question", "value"}` to appear only when an earlier question of the same level
has that value ("yes"/"no" for yes_no, a choice value for single_choice). Texts are
{language code: text}. `questionnaire_load` checks all of this before writing a row and
names the bad section or question.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from eccar.errors import ServiceError

from .enums import QuestionType, SectionLevel
from .models import Choice, PlanOfAction, Question, Questionnaire, ReportingCycle, Section

DATA_DIR = Path(__file__).resolve().parent / "data"

_SECTION_KEYS = {"code", "level", "title", "intro", "questions"}
_QUESTION_KEYS = {"code", "type", "required", "personal", "text", "help", "choices", "show_if"}
_CHOICE_TYPES = {QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE}
# The values a condition can test, by the type of the question it depends on.
_CONDITION_TYPES = {QuestionType.YES_NO, QuestionType.SINGLE_CHOICE}


def questionnaire_read(name: str) -> list[dict]:
    """The sections stored in reporting/data/<name>.json, checked as `questionnaire_load`
    checks them, so a bad file fails here with its name in the message."""
    path = DATA_DIR / f"{name}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or set(data) != {"sections"}:
            raise ValueError('expected one object, {"sections": [...]}')
        _check_sections(data["sections"])
    except (OSError, ValueError) as error:
        raise ValueError(f"{path.name}: {error}") from error
    return data["sections"]


def _check_texts(where: str, field: str, texts, *, required: bool) -> None:
    languages = {code for code, _name in settings.LANGUAGES}
    if texts is None and not required:
        return
    if not isinstance(texts, dict) or (required and not texts.get("en")):
        raise ValueError(f"{where}: '{field}' must map language codes to texts, with 'en'")
    unknown = sorted(set(texts) - languages)
    if unknown:
        raise ValueError(f"{where}: '{field}' has unknown languages {unknown}")


def _check_keys(where: str, data, allowed: set, needed: tuple) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    missing = [key for key in needed if key not in data]
    if missing:
        raise ValueError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise ValueError(f"{where}: unknown fields {', '.join(unknown)}")


def _check_question(where: str, q: dict, *, earlier: dict) -> None:
    """`earlier` maps the codes of the questions before this one at its level to them."""
    if q["type"] not in QuestionType.values:
        raise ValueError(f"{where}: unknown type {q['type']!r}")
    if not isinstance(q.get("required", False), bool):
        raise ValueError(f"{where}: 'required' must be true or false")
    if not isinstance(q.get("personal", False), bool):
        raise ValueError(f"{where}: 'personal' must be true or false")
    _check_texts(where, "text", q["text"], required=True)
    _check_texts(where, "help", q.get("help"), required=False)
    choices = q.get("choices", [])
    if (q["type"] in _CHOICE_TYPES) != bool(choices):
        raise ValueError(f"{where}: only single and multiple choice questions have choices")
    values = []
    for number, c in enumerate(choices, start=1):
        _check_keys(f"{where}, choice {number}", c, {"value", "label"}, ("value", "label"))
        _check_texts(f"{where}, choice {c['value']!r}", "label", c["label"], required=True)
        values.append(c["value"])
    if len(set(values)) != len(values):
        raise ValueError(f"{where}: repeated choice values")
    condition = q.get("show_if")
    if condition is not None:
        _check_keys(f"{where}, show_if", condition, {"question", "value"}, ("question", "value"))
        trigger = earlier.get(condition["question"])
        if trigger is None:
            raise ValueError(
                f"{where}: show_if names {condition['question']!r}, "
                "which is not an earlier question of the same level"
            )
        if trigger["type"] not in _CONDITION_TYPES:
            raise ValueError(f"{where}: show_if depends on a {trigger['type']} question")
        allowed = (
            ["yes", "no"]
            if trigger["type"] == QuestionType.YES_NO
            else [c["value"] for c in trigger["choices"]]
        )
        if condition["value"] not in allowed:
            raise ValueError(f"{where}: show_if value {condition['value']!r} not in {allowed}")


def _check_sections(sections: list[dict]) -> None:
    """Raises ValueError naming the first bad section or question."""
    if not isinstance(sections, list):
        raise ValueError("the sections must be a list")
    section_codes: set[str] = set()
    codes: set[str] = set()
    by_level: dict[int, dict[str, dict]] = {}
    for number, data in enumerate(sections, start=1):
        where = f"section {data.get('code', number)!r}" if isinstance(data, dict) else str(number)
        _check_keys(where, data, _SECTION_KEYS, ("code", "level", "title", "questions"))
        if data["code"] in section_codes:
            raise ValueError(f"{where}: the code is used twice")
        section_codes.add(data["code"])
        if data["level"] not in SectionLevel.values:
            raise ValueError(f"{where}: unknown level {data['level']!r}")
        _check_texts(where, "title", data["title"], required=True)
        _check_texts(where, "intro", data.get("intro"), required=False)
        earlier = by_level.setdefault(data["level"], {})
        for q in data["questions"]:
            where = f"question {q.get('code')!r}" if isinstance(q, dict) else where
            _check_keys(where, q, _QUESTION_KEYS, ("code", "type", "text"))
            if q["code"] in codes:
                raise ValueError(f"{where}: the code is used twice")
            _check_question(where, q, earlier=earlier)
            codes.add(q["code"])
            earlier[q["code"]] = q


def _translated(field: str, texts: dict) -> dict:
    """{"en": "...", "fr": "..."} → {"field_en": "...", "field_fr": "..."}; the plain field
    is left to modeltranslation, which maps it to the active language."""
    return {f"{field}_{lang}": text for lang, text in (texts or {}).items() if text}


@transaction.atomic
def questionnaire_load(
    *, cycle: ReportingCycle, plan: PlanOfAction, sections: list[dict], title: dict
) -> Questionnaire:
    """Creates the cycle's questionnaire from `sections` (as `questionnaire_read` returns
    them), unless the cycle already has one; refuses bad data before writing a row."""
    _check_sections(sections)
    existing = Questionnaire.objects.filter(cycle=cycle, is_active=True).first()
    if existing:
        return existing
    questionnaire = Questionnaire.objects.create(
        cycle=cycle, plan=plan, version=1, **_translated("title", title)
    )
    by_code: dict[str, Question] = {}
    for s_order, data in enumerate(sections, start=1):
        section = Section.objects.create(
            questionnaire=questionnaire,
            level=data["level"],
            code=data["code"],
            order=s_order,
            **_translated("title", data["title"]),
            **_translated("intro", data.get("intro", {})),
        )
        for q_order, q in enumerate(data["questions"], start=1):
            condition = q.get("show_if") or {}
            question = Question(
                section=section,
                code=q["code"],
                order=q_order,
                type=q["type"],
                required=q.get("required", False),
                personal=q.get("personal", False),
                show_if_question=by_code.get(condition.get("question")),
                show_if_value=condition.get("value", ""),
                **_translated("text", q["text"]),
                **_translated("help_text", q.get("help", {})),
            )
            question.save()
            by_code[q["code"]] = question
            Choice.objects.bulk_create(
                Choice(
                    question=question, value=c["value"], order=i, **_translated("label", c["label"])
                )
                for i, c in enumerate(q.get("choices", []), start=1)
            )
    return questionnaire


@transaction.atomic
def questionnaire_copy(*, questionnaire: Questionnaire) -> Questionnaire:
    """A new, active version with the same sections, questions and choices; the old
    version stays attached to the reports that use it."""

    def fields_of(obj, model):
        names = []
        for field in translator.get_options_for_model(model).get_field_names():
            names += [build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES]
        return {name: getattr(obj, name) for name in names}

    latest = Questionnaire.objects.filter(cycle=questionnaire.cycle).order_by("-version").first()
    Questionnaire.objects.filter(cycle=questionnaire.cycle).update(is_active=False)
    copy = Questionnaire.objects.create(
        cycle=questionnaire.cycle,
        plan=questionnaire.plan,
        version=latest.version + 1,
        is_active=True,
        **fields_of(questionnaire, Questionnaire),
    )
    question_map = {}
    pending_conditions = []
    for section in questionnaire.sections.order_by("level", "order", "pk"):
        new_section = Section.objects.create(
            questionnaire=copy,
            level=section.level,
            code=section.code,
            order=section.order,
            **fields_of(section, Section),
        )
        for question in section.questions.order_by("order", "pk"):
            new_question = Question(
                section=new_section,
                code=question.code,
                order=question.order,
                type=question.type,
                required=question.required,
                personal=question.personal,
                show_if_value=question.show_if_value,
                **fields_of(question, Question),
            )
            new_question.save()
            question_map[question.pk] = new_question
            if question.show_if_question_id:
                pending_conditions.append((new_question, question.show_if_question_id))
            for choice in question.choices.all():
                Choice.objects.create(
                    question=new_question,
                    value=choice.value,
                    order=choice.order,
                    **fields_of(choice, Choice),
                )
    for new_question, old_trigger in pending_conditions:
        new_question.show_if_question = question_map.get(old_trigger)
        new_question.save(update_fields=["show_if_question"])
    return copy


def ensure_questionnaire_editable(questionnaire: Questionnaire | None, *, what: str) -> None:
    """Refuses a change that would orphan submitted answers, saying what to do instead."""
    if questionnaire is not None and questionnaire.is_locked:
        raise ServiceError(
            _(
                "%(what)s cannot be changed: reports answering this questionnaire have been "
                "submitted. Copy the questionnaire to a new version and change the copy."
            )
            % {"what": what},
            code="locked",
        )
