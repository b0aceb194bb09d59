"""Building questionnaires: loading one from data (seed_demo, tests), copying one to
a new version, and the guard that keeps submitted answers meaningful."""

from django.db import transaction
from django.utils.translation import gettext as _

from eccar.errors import ServiceError

from .models import Choice, PlanOfAction, Question, Questionnaire, ReportingCycle, Section


def _translated(field: str, texts: dict) -> dict:
    """{"en": "...", "fr": "..."} → {"field_en": "...", "field_fr": "..."}; the plain field
    is left to modeltranslation, which maps it to the active language."""
    return {f"{field}_{lang}": text for lang, text in (texts or {}).items() if text}


@transaction.atomic
def questionnaire_load(
    *, cycle: ReportingCycle, plan: PlanOfAction, sections: list[dict], title: dict
) -> Questionnaire:
    """Creates the cycle's questionnaire from data, unless it already has one."""
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
    from django.conf import settings
    from modeltranslation.translator import translator
    from modeltranslation.utils import build_localized_fieldname

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
