"""Reads of the reporting app. Every lookup a user makes goes through a scoped
queryset here, so another city's object is a 404, never a 403 that confirms it exists."""

import copy

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .enums import AccessRequestStatus, ReportState
from .models import AccessRequest, City, CityAccount, Report, ReportingCycle
from .rules import active_roles


def cities_visible_to(user) -> QuerySet[City]:
    """The cities whose private pages the user may open: all for staff, their own otherwise."""
    if not user.is_authenticated:
        return City.objects.none()
    if user.is_staff:
        return City.objects.all()
    return City.objects.filter(pk__in=list(active_roles(user)))


def city_get_for_user(*, user, slug: str) -> City:
    return get_object_or_404(cities_visible_to(user), slug=slug)


def city_accounts(*, city: City) -> QuerySet[CityAccount]:
    return city.accounts.select_related("user").order_by("-is_active", "role", "user__email")


def cycle_current_cache_key() -> str:
    from django.utils import timezone

    return f"current-cycle:{timezone.localdate().isoformat()}"


def cycle_current() -> ReportingCycle | None:
    """The cycle people work on now: the latest one whose registration has opened,
    or the next upcoming one when none has. Asked by most pages: cached for the day,
    forgotten whenever a cycle is saved (reporting.apps)."""
    from django.utils import timezone

    from eccar.cache import cached_value

    def compute():
        today = timezone.localdate()
        cycle = (
            ReportingCycle.objects.filter(registration_opens__lte=today).order_by("-year").first()
        )
        return cycle or ReportingCycle.objects.order_by("year").first()

    return cached_value(cycle_current_cache_key(), compute, timeout=3600)


def city_list_with_report_states(*, cycles: list[ReportingCycle]) -> list[dict]:
    """Every city with its report state in each of `cycles`, in three queries."""
    cities = (
        City.objects.annotate(
            active_account_count=Count("accounts", filter=Q(accounts__is_active=True))
        )
        .prefetch_related(
            Prefetch(
                "reports",
                queryset=Report.objects.filter(cycle__in=cycles).only(
                    "city_id", "cycle_id", "state"
                ),
                to_attr="cycle_reports",
            )
        )
        .order_by("name")
    )
    rows = []
    for city in cities:
        by_cycle = {report.cycle_id: report for report in city.cycle_reports}
        rows.append({"city": city, "reports": [by_cycle.get(cycle.pk) for cycle in cycles]})
    return rows


def report_for_city(*, city: City, cycle: ReportingCycle | None) -> Report | None:
    if cycle is None:
        return None
    return Report.objects.filter(city=city, cycle=cycle).first()


def reports_awaiting_review(*, cycle: ReportingCycle | None) -> int:
    if cycle is None:
        return 0
    return Report.objects.filter(cycle=cycle, state=ReportState.SUBMITTED).count()


def access_requests_pending() -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(status=AccessRequestStatus.PENDING).select_related("city")


def home_accounts_cache_key(user_id: int) -> str:
    return f"home-accounts:{user_id}"


def home_for(*, user) -> dict:
    """What this person has to do now, one block per role they hold."""
    cycle = cycle_current()
    context: dict = {"cycle": cycle, "city_blocks": []}
    from eccar.cache import cached_value

    from .rules import ACCOUNTS_CACHE_SECONDS

    # Forgotten with the user's roles whenever an account or a city changes.
    accounts = cached_value(
        home_accounts_cache_key(user.pk),
        lambda: list(
            user.city_accounts.filter(is_active=True).select_related("city").order_by("city__name")
        ),
        timeout=ACCOUNTS_CACHE_SECONDS,
    )
    reports, with_previous = {}, set()
    if cycle is not None:
        context["cycle_open"] = cycle.current_phase in ("registration", "reporting")
        # This cycle's reports and the earlier ones (which offer to carry answers over),
        # from the reports' cached copies: a city has a report per cycle.
        cycles = [c for c in report_places()["cycles"].values() if c.year <= cycle.year]
        pairs = [(account.city_id, c.pk) for account in accounts for c in cycles]
        for (city_id, cycle_id), report in reports_cached(pairs).items():
            if report is None:
                continue
            if cycle_id == cycle.pk:
                report.cycle = cycle
                reports[city_id] = report
            elif report.questionnaire_id is not None:
                with_previous.add(city_id)
    for account in accounts:
        context["city_blocks"].append(
            {
                "account": account,
                "city": account.city,
                "report": reports.get(account.city_id),
                "has_previous": account.city_id in with_previous,
            }
        )
    if user.is_reviewer:
        context["awaiting_review"] = reports_awaiting_review(cycle=cycle)
    if user.is_staff:
        context["pending_access_requests"] = access_requests_pending().count()
        context["city_count"] = City.objects.count()
        if cycle is not None:
            context["report_counts"] = dict(
                Report.objects.filter(cycle=cycle)
                .values_list("state")
                .annotate(n=Count("pk"))
                .values_list("state", "n")
            )
    return context


# --- Reports -------------------------------------------------------------------


def reports_visible_to(user) -> QuerySet[Report]:
    """Every report the user may open; the one scoping helper for report pages."""
    from .rules import REVIEWABLE_STATES

    if not user.is_authenticated:
        return Report.objects.none()
    if user.is_staff:
        return Report.objects.all()
    own_cities = list(active_roles(user))
    visible = Q(city_id__in=own_cities)
    if user.is_reviewer:
        visible |= Q(state__in=REVIEWABLE_STATES)
    from .rules import has_member_city_account

    # Published reports are for members in good standing and the Board (which reaches
    # them from the library); a suspended city still reads its own reports (above) but
    # not the others'.
    if has_member_city_account(user) or user.is_board_member:
        visible |= Q(state=ReportState.PUBLISHED)
    return Report.objects.filter(visible)


REPORT_PLACES_KEY = "report-places"


def report_places() -> dict:
    """Every city by slug and every cycle by year, which each report page starts from:
    kept per process while current, forgotten whenever a city or a cycle is saved
    (reporting.apps). Shared: copy before use."""
    from eccar.cache import cached_shared_value

    return cached_shared_value(
        REPORT_PLACES_KEY,
        lambda: {
            "cities": {city.slug: city for city in City.objects.all()},
            "cycles": {cycle.year: cycle for cycle in ReportingCycle.objects.all()},
        },
        timeout=3600,
    )


REPORT_CACHE_SECONDS = 300


def report_cache_key(city_id: int, cycle_id: int) -> str:
    return f"report:{city_id}:{cycle_id}"


def report_forget_rows(rows) -> None:
    """Forgets the cached copies of the reports of these (city_id, cycle_id) pairs, and
    the library's cached searches, which show reports only while they are published."""
    from eccar.cache import forget

    from .library import library_changed

    if rows:
        forget(*[report_cache_key(city_id, cycle_id) for city_id, cycle_id in rows])
        library_changed()


def report_answers_key(report_id: int) -> str:
    return f"report-answers-generation:{report_id}"


def report_answers_generation(report) -> str:
    """Changes whenever an answer of the report does: a key for what is rendered from
    them (the edit pages' forms)."""
    from eccar.cache import generation

    return generation(report_answers_key(report.pk), timeout=86400)


def report_answers_changed(*report_ids: int) -> None:
    """Called by every write of answers: saves (reporting.apps), bulk writes
    (AnswerQuerySet) and the autosave's single UPDATE (report_services)."""
    from eccar.cache import forget

    if report_ids:
        forget(*[report_answers_key(pk) for pk in report_ids])


def report_is_visible_to(user, report: Report) -> bool:
    """`reports_visible_to(user)` for one report already read: the same rules, tested
    to agree (tests/reporting/test_report_cache.py)."""
    from .rules import REVIEWABLE_STATES, has_member_city_account

    if not user.is_authenticated:
        return False
    if user.is_staff or report.city_id in active_roles(user):
        return True
    if user.is_reviewer and report.state in REVIEWABLE_STATES:
        return True
    return report.state == ReportState.PUBLISHED and (
        has_member_city_account(user) or user.is_board_member
    )


def _report_place(slug: str, year: int):
    """(city, cycle) of a report page's address, or (None, None) when unknown."""
    places = report_places()
    return places["cities"].get(slug), places["cycles"].get(int(year))


def report_cache_key_at(slug: str, year: int) -> str | None:
    """The cache key of the report at a page's address (None for an unknown address),
    for a page that reads it with other keys in one round trip."""
    city, cycle = _report_place(slug, year)
    return report_cache_key(city.pk, cycle.pk) if city and cycle else None


def report_get_for_user(*, user, slug: str, year: int) -> Report:
    """The report at a page's address, if the user may open it (404 otherwise), with
    its city, cycle, questionnaire and translation status. Every report page starts
    here, so the report is cached, forgotten by every save (reporting.apps) and every
    bulk update (ReportQuerySet.update); state changes lock and re-read the row, so a
    copy can never decide a transition."""
    city, cycle = _report_place(slug, year)
    if city is None or cycle is None:
        raise Http404
    report = reports_cached([(city.pk, cycle.pk)])[(city.pk, cycle.pk)]
    if report is None or not report_is_visible_to(user, report):
        raise Http404
    report.city, report.cycle = copy.copy(city), copy.copy(cycle)
    return report


def reports_cached(pairs) -> dict:
    """{(city_id, cycle_id): Report or None}: the cached copies in one round trip, the
    missing ones in one query (then cached)."""
    from django.core.cache import cache

    from eccar.cache import get_many

    keys = {pair: report_cache_key(*pair) for pair in pairs}
    found = get_many(list(keys.values())) if keys else {}
    result = {pair: found[key][0] for pair, key in keys.items() if key in found}
    missing = [pair for pair in keys if pair not in result]
    if missing:
        rows = (
            Report.objects.select_related("questionnaire", "translation")
            .filter(
                city_id__in={city_id for city_id, _cycle in missing},
                cycle_id__in={cycle_id for _city, cycle_id in missing},
            )
            .order_by()
        )
        by_pair = {(report.city_id, report.cycle_id): report for report in rows}
        for pair in missing:
            result[pair] = by_pair.get(pair)
        cache.set_many({keys[pair]: (result[pair],) for pair in missing}, REPORT_CACHE_SECONDS)
    return result


def question_cache_key(pk: int) -> str:
    return f"question:{pk}"


def question_get(*, questionnaire_id: int, pk: int):
    """One question with its section, or None: autosave asks for one at every pause in
    typing, so it is cached, and forgotten whenever a question or section is saved
    (reporting.apps). Choices are read when a choice question needs them."""
    from eccar.cache import cached_value

    from .models import Question

    question = cached_value(
        question_cache_key(pk),
        lambda: Question.objects.select_related("section").filter(pk=pk).first(),
        timeout=3600,
    )
    if question is None or question.questionnaire_id != questionnaire_id:
        return None
    return question


STRUCTURE_LEVELS = (None, 1, 2)


def questionnaire_structure_cache_key(questionnaire_id: int, level: int | None) -> str:
    return f"questionnaire-structure-v2:{questionnaire_id}:{level}"


def questionnaire_structure(*, questionnaire, level: int | None = None):
    """Sections with their questions and choices. Every form page needs them and
    building them costs more than the rest of the page (four queries and a few
    hundred model objects), so they come from the cache, forgotten whenever a
    question, section, choice or commitment is saved (reporting.apps), and each process
    keeps them unpickled while they are current. Callers share them: read, never
    annotate."""
    return _structure_value(questionnaire, level)["sections"]


def _structure_value(questionnaire, level):
    from eccar.cache import cached_shared_value

    return cached_shared_value(
        questionnaire_structure_cache_key(questionnaire.pk, level),
        lambda: _questionnaire_structure(questionnaire=questionnaire, level=level),
        timeout=3600,
    )


def questionnaire_structure_generation(*, questionnaire, level: int | None = None) -> str:
    """Changes whenever the structure does (read it after `questionnaire_structure`)."""
    from eccar.cache import shared_value_generation

    key = questionnaire_structure_cache_key(questionnaire.pk, level)
    return shared_value_generation(key) or ""


def _questionnaire_structure(*, questionnaire, level: int | None):
    """In four queries whatever the number of sections and questions."""
    from .models import Commitment, Question, Section

    sections = Section.objects.filter(questionnaire=questionnaire)
    if level is not None:
        sections = sections.filter(level=level)
    sections = sections.order_by("level", "order", "pk").prefetch_related(
        Prefetch(
            "questions",
            queryset=Question.objects.order_by("order", "pk")
            .select_related("show_if_question")
            .prefetch_related("choices"),
        )
    )
    # With every translation of their titles: the active language picks one when read.
    commitments = Commitment.objects.filter(plan_id=questionnaire.plan_id).order_by("number")
    return {"sections": list(sections), "commitments": list(commitments)}


def answers_by_key(*, report, measure_ids=None) -> dict:
    """{(question_id, measure_id or None): Answer} for a report, in one query."""
    answers = report.answers.all()
    if measure_ids is not None:
        answers = answers.filter(Q(measure__isnull=True) | Q(measure_id__in=measure_ids))
    return {(a.question_id, a.measure_id): a for a in answers}


def report_progress(*, report) -> dict:
    """Per section: answered, total and missing required questions (level 1 and every
    measure). Conditional questions count only when their condition is met."""
    from .answers import is_answered

    structure = questionnaire_structure(questionnaire=report.questionnaire)
    measures = list(report.measures.order_by("order", "pk"))
    answers = answers_by_key(report=report)
    sections, missing = [], []
    for section in structure:
        owners = [None] if section.level == 1 else [m.pk for m in measures]
        answered = total = 0
        for owner in owners:
            for question in section.questions.all():
                if not question_is_shown(question, answers, owner):
                    continue
                total += 1
                answer = answers.get((question.pk, owner))
                if answer is not None and is_answered(answer.value):
                    answered += 1
                elif question.required:
                    missing.append({"section": section, "question": question, "measure_id": owner})
        sections.append({"section": section, "answered": answered, "total": total})
    return {"sections": sections, "missing": missing, "measures": measures}


def question_is_shown(question, answers: dict, measure_id) -> bool:
    if question.show_if_question_id is None:
        return True
    trigger = answers.get((question.show_if_question_id, measure_id))
    if trigger is None:
        return False
    value = trigger.value
    if isinstance(value, list):
        return question.show_if_value in [str(v) for v in value]
    return str(value) == question.show_if_value


def report_history(*, report):
    return report.state_changes.select_related("changed_by").order_by("changed_at", "pk")


def _display(question, value, commitments: dict) -> str | list | None:
    """An answer as a reader sees it: labels instead of stored values."""
    from django.utils.translation import gettext as _

    from .answers import is_answered
    from .enums import QuestionType

    if not is_answered(value):
        return None
    if question.type == QuestionType.YES_NO:
        return _("Yes") if value == "yes" else _("No")
    if question.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        labels = {c.value: c.label for c in question.choices.all()}
        values = value if isinstance(value, list) else [value]
        shown = [labels.get(v, v) for v in values]
        return shown if question.type == QuestionType.MULTIPLE_CHOICE else shown[0]
    if question.type == QuestionType.COMMITMENTS:
        return [f"{n}. {commitments.get(n, '')}" for n in value]
    return value


def commitments_for(questionnaire, *, level: int | None = None) -> dict[int, str]:
    """{number: title} in the active language, kept with the questionnaire's structure
    (at `level`, the one the page reads anyway)."""
    if questionnaire is None:
        return {}
    return {c.number: c.title for c in _structure_value(questionnaire, level)["commitments"]}


def report_document(*, report, revision: int | None = None, target_language: str = "") -> dict:
    """The whole report for reading and PDF: live answers, or a frozen revision; with
    `target_language`, free texts carry their machine translation where one exists."""
    structure = questionnaire_structure(questionnaire=report.questionnaire)
    commitments = commitments_for(report.questionnaire)
    snapshot = None
    if revision is not None:
        snapshot = report.snapshots.filter(revision=revision).first()
    if snapshot is not None:
        overview = snapshot.data.get("overview", {})
        measures = [
            {"title": m.get("title", ""), "values": m.get("answers", {})}
            for m in snapshot.data.get("measures", [])
        ]
    else:
        answers = {}
        for answer in report.answers.select_related("question").only(
            "value", "report_id", "measure_id", "question__code"
        ):
            answers[(answer.question.code, answer.measure_id)] = answer.value
        overview = {code: v for (code, mid), v in answers.items() if mid is None}
        measures = [
            {
                "title": m.title,
                "values": {code: v for (code, mid), v in answers.items() if mid == m.pk},
            }
            for m in report.measures.order_by("order", "pk")
        ]

    source = report.source_language or report.city.main_language
    translations = {}
    if target_language and target_language != source:
        from .translations import translations_for

        texts = [v for v in overview.values() if isinstance(v, str)]
        texts += [v for m in measures for v in m["values"].values() if isinstance(v, str)]
        translations = translations_for(texts, source=source, target=target_language)

    def sections_for(level, values):
        out = []
        for section in structure:
            if section.level != level:
                continue
            items = []
            for q in section.questions.all():
                value = _display(q, values.get(q.code), commitments)
                translated = translations.get(value) if isinstance(value, str) else None
                items.append({"question": q, "value": value, "translated": translated})
            out.append({"section": section, "items": items})
        return out

    return {
        "report": report,
        "city": report.city,
        "cycle": report.cycle,
        "snapshot": snapshot,
        "overview_sections": sections_for(1, overview),
        "measures": [
            {
                "title": m["title"],
                "title_translated": translations.get(m["title"]),
                "sections": sections_for(2, m["values"]),
            }
            for m in measures
        ],
        "source_language": source,
        "target_language": target_language if translations else "",
    }
