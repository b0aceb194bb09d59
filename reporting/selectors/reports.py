"""Reads of reports: the one scoping helper for report pages, progress, history and the
whole document (live or a frozen revision) for reading, PDF and the library."""

from django.conf import settings
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_countries.fields import Country

from eccar.pdf import render_pdf
from reporting.answers import is_answered
from reporting.badges import state_badge
from reporting.enums import MembershipStatus, QuestionType, ReportState
from reporting.models import (
    Attachment,
    City,
    ReminderSent,
    Report,
    ReportingCycle,
    ReportSnapshot,
    ReportStateChange,
)
from reporting.rules import (
    REVIEWABLE_STATES,
    active_roles,
    can_edit_report,
    can_see_contacts,
    has_member_city_account,
)
from reporting.selectors.machine_translation import translations_for
from reporting.selectors.questionnaire import (
    commitments_for,
    personal_codes,
    questionnaire_structure,
)


def reports_visible_to(user) -> QuerySet[Report]:
    """Every report the user may open; the one scoping helper for report pages."""
    if not user.is_authenticated:
        return Report.objects.none()
    if user.is_staff:
        return Report.objects.all()
    own_cities = list(active_roles(user))
    visible = Q(city_id__in=own_cities)
    if user.is_reviewer:
        # A reviewer reads what reached the reviewers, except the unpublished reports of
        # a city they declared a conflict with, by name or by country (reviews'
        # ConflictOfInterest, reached by its related name so that reporting does not
        # import reviews).
        visible |= Q(state=ReportState.PUBLISHED) | (
            Q(state__in=REVIEWABLE_STATES) & ~Q(city__in=user.conflicts.cities())
        )

    # Published reports are for members in good standing and the Board (which reaches
    # them from the library); a suspended city still reads its own reports (above) but
    # not the others'.
    if has_member_city_account(user) or user.is_board_member:
        visible |= Q(state=ReportState.PUBLISHED)
    return Report.objects.filter(visible)


def report_get_for_user(*, user, slug: str, year: int) -> Report:
    return get_object_or_404(
        reports_visible_to(user).select_related("city", "cycle", "questionnaire"),
        city__slug=slug,
        cycle__year=year,
    )


def report_page_get_for_user(*, user, slug: str, year: int) -> Report:
    """`report_get_for_user` with what the report's overview shows besides it, in the
    same query: its attachment, its translation status and its latest frozen revision
    (`report.latest_snapshot`, None before the first submission)."""
    latest = ReportSnapshot.objects.filter(report=OuterRef("pk")).order_by("-revision")
    report = get_object_or_404(
        reports_visible_to(user)
        .select_related("city", "cycle", "questionnaire", "attachment", "translation")
        .annotate(
            snapshot_revision=Subquery(latest.values("revision")[:1]),
            snapshot_data=Subquery(latest.values("data")[:1]),
            snapshot_created_at=Subquery(latest.values("created_at")[:1]),
        ),
        city__slug=slug,
        cycle__year=year,
    )
    report.latest_snapshot = None
    if report.snapshot_revision is not None:
        report.latest_snapshot = ReportSnapshot(
            report=report,
            revision=report.snapshot_revision,
            data=report.snapshot_data,
            created_at=report.snapshot_created_at,
        )
    return report


def report_for_city(*, city: City, cycle: ReportingCycle | None) -> Report | None:
    if cycle is None:
        return None
    return Report.objects.filter(city=city, cycle=cycle).first()


def reports_awaiting_review(*, cycle: ReportingCycle | None) -> int:
    if cycle is None:
        return 0
    return Report.objects.filter(cycle=cycle, state=ReportState.SUBMITTED).count()


def city_list_with_report_states(*, cycles: list[ReportingCycle]) -> list[dict]:
    """Every city with what the office's list shows of it (name, link, country,
    population, membership, active accounts, its report in each of `cycles`), in one
    query: the shown columns only, the report states as subqueries. Labels are looked
    up once per value and the link reversed once, not once per city."""
    states = {
        f"state_{n}": Subquery(
            # Without the report's default ordering, which would join city and cycle.
            Report.objects.filter(city=OuterRef("pk"), cycle=cycle).order_by().values("state")[:1]
        )
        for n, cycle in enumerate(cycles)
    }
    # Rows, not model instances: the list shows 200 cities, and building a City runs
    # django-countries' code clean-up and the model's __init__ for each.
    cities = (
        City.objects.annotate(
            active_account_count=Count("accounts", filter=Q(accounts__is_active=True)),
            **states,
        )
        .order_by("name")
        .values(
            "name",
            "slug",
            "country",
            "population",
            "membership_status",
            "active_account_count",
            *states,
        )
    )
    placeholder = "city-slug-placeholder"
    link = reverse("reporting:city_detail", kwargs={"slug": placeholder})
    countries, memberships, badges = {}, {}, {}
    rows = []
    for city in cities:
        code, status = city["country"], city["membership_status"]
        if code not in countries:
            countries[code] = Country(code=code).name
        if status not in memberships:
            memberships[status] = MembershipStatus(status).label
        for name in states:
            if city[name] not in badges:
                badges[city[name]] = state_badge(city[name])
        rows.append(
            {
                "city": city,
                "url": link.replace(placeholder, city["slug"]),
                "country": countries[code],
                "membership": memberships[status],
                "states": [city[name] for name in states],
                "badges": [badges[city[name]] for name in states],
            }
        )
    return rows


def answers_by_key(*, report, measure_ids=None) -> dict:
    """{(question_id, measure_id or None): Answer} for a report, in one query."""
    answers = report.answers.all()
    if measure_ids is not None:
        answers = answers.filter(Q(measure__isnull=True) | Q(measure_id__in=measure_ids))
    return {(a.question_id, a.measure_id): a for a in answers}


def report_progress(*, report) -> dict:
    """Per section: answered, total and missing required questions (level 1 and every
    measure). Conditional questions count only when their condition is met."""

    structure = questionnaire_structure(questionnaire=report.questionnaire, choices=False)
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
    carried_over = sum(1 for answer in answers.values() if answer.carried_over)
    return {
        "sections": sections,
        "missing": missing,
        "measures": measures,
        "carried_over": carried_over,
    }


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


def answer_display(question, value, commitments: dict) -> str | list | None:
    """An answer as a reader sees it: labels instead of stored values."""
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


def report_revision_for(*, user, report) -> ReportSnapshot | None:
    """The revision of the report that `user` reads, the one choice behind its page and
    its PDF: the live answers (None) for those who may edit it, the latest submitted
    revision for everyone else, so that no reader sees an update in progress. Before the
    first submission there is none (None: the live answers, which only the city and
    staff can read then). Uses `report.latest_snapshot` when the page loaded it."""
    if can_edit_report(user, report):
        return None
    if hasattr(report, "latest_snapshot"):
        return report.latest_snapshot
    return report.snapshots.order_by("-revision").first()


def report_document(
    *,
    report,
    user,
    revision: int | None = None,
    snapshot: ReportSnapshot | None = None,
    target_language: str = "",
) -> dict:
    """The whole report for reading and PDF as `user` may see it: live answers, or a
    frozen revision (by its number, or the `snapshot` already loaded); without the
    answers to personal questions (`Question.personal`: the contact persons ...) unless
    `can_see_contacts`; with `target_language`, free texts carry their machine
    translation where one exists."""
    structure = questionnaire_structure(questionnaire=report.questionnaire)
    commitments = commitments_for(report.questionnaire)
    if snapshot is None and revision is not None:
        snapshot = report.snapshots.filter(revision=revision).first()
    if snapshot is not None:
        overview = snapshot.data.get("overview", {})
        measures = [
            {"title": m.get("title", ""), "values": m.get("answers", {})}
            for m in snapshot.data.get("measures", [])
        ]
    else:
        # Plain rows, not model instances: a 30-measure report has some 1,400 answers.
        answers = {
            (code, measure_id): value
            for code, measure_id, value in report.answers.values_list(
                "question__code", "measure_id", "value"
            )
        }
        overview = {code: v for (code, mid), v in answers.items() if mid is None}
        measures = [
            {
                "title": m.title,
                "values": {code: v for (code, mid), v in answers.items() if mid == m.pk},
            }
            for m in report.measures.order_by("order", "pk")
        ]
    # Left out, not shown as unanswered: the questions are not the reader's to see.
    hidden = frozenset() if can_see_contacts(user, report) else personal_codes(structure)
    overview = {code: v for code, v in overview.items() if code not in hidden}
    for m in measures:
        m["values"] = {code: v for code, v in m["values"].items() if code not in hidden}

    source = report.source_language or report.city.main_language
    translations = {}
    if target_language and target_language != source:
        texts = [v for v in overview.values() if isinstance(v, str)]
        texts += [v for m in measures for v in m["values"].values() if isinstance(v, str)]
        translations = translations_for(texts, source=source, target=target_language)

    def sections_for(level, values):
        out = []
        for section in structure:
            if section.level != level:
                continue
            questions = section.questions.all()
            items = []
            for q in questions:
                if q.code in hidden:
                    continue
                value = answer_display(q, values.get(q.code), commitments)
                translated = translations.get(value) if isinstance(value, str) else None
                items.append({"question": q, "value": value, "translated": translated})
            # A section whose every question is left out is left out too, so that its
            # heading does not stand over nothing.
            if items or not questions:
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


def report_reading_document(*, report, user, target_language: str = "") -> dict:
    """The report as `user` reads it on its page and in its PDF: the revision
    `report_revision_for` chooses, the contacts `can_see_contacts` allows."""
    return report_document(
        report=report,
        user=user,
        snapshot=report_revision_for(user=user, report=report),
        target_language=target_language,
    )


def report_snapshot_data(report: Report) -> dict:
    """The report's content as plain data: what a frozen revision keeps."""
    answers = report.answers.select_related("question")
    measures = list(report.measures.order_by("order", "pk"))
    data = {
        "questionnaire": report.questionnaire_id,
        "source_language": report.source_language,
        "overview": {},
        "measures": [
            {"id": m.pk, "order": m.order, "title": m.title, "answers": {}} for m in measures
        ],
    }
    by_measure = {m["id"]: m for m in data["measures"]}
    for answer in answers:
        if answer.measure_id is None:
            data["overview"][answer.question.code] = answer.value
        elif answer.measure_id in by_measure:
            by_measure[answer.measure_id]["answers"][answer.question.code] = answer.value
    attachment = Attachment.objects.filter(report=report).first()
    if attachment:
        data["attachment"] = {
            "name": attachment.original_name,
            "file": attachment.file.name,
            "size": attachment.size,
        }
    return data


def report_deadline(report: Report):
    """The last day the report may be submitted: the cycle's deadline, or the later date
    staff gave it (an extension never shortens the cycle's deadline)."""
    deadline = report.cycle.submission_deadline
    if report.deadline_extended_to and report.deadline_extended_to > deadline:
        return report.deadline_extended_to
    return deadline


def report_return_notice(
    *, report: Report, history: list | None = None
) -> ReportStateChange | None:
    """The return to draft the city is working on, while it is: the history row (reason,
    by whom, when) of the last change when that was a return from submitted to draft.
    Reads `history` (oldest first) when the page has it already."""
    if report.state != ReportState.DRAFT:
        return None
    if history is not None:
        last = history[-1] if history else None
    else:
        last = report.state_changes.order_by("-changed_at", "-pk").first()
    if last is None or last.from_state != ReportState.SUBMITTED:
        return None
    return last


def report_deadline_extended(report: Report) -> dict:
    """The extension in force (a date after the cycle's deadline) and the days left to
    it, as the report's header shows them instead of the cycle's deadline; {} without."""
    deadline = report_deadline(report)
    if deadline == report.cycle.submission_deadline:
        return {}
    return {
        "extended_deadline": deadline,
        "extended_days_left": (deadline - timezone.localdate()).days,
    }


def report_revisions(*, report: Report) -> list[dict]:
    """The report's frozen revisions, oldest first ({revision, created_at}). Revisions are
    numbered 1, 2, ... by `report_submit`; the page has loaded the latest
    (`report.latest_snapshot`), so the list costs no query there."""
    latest = getattr(report, "latest_snapshot", None)
    if not hasattr(report, "latest_snapshot"):
        latest = report.snapshots.order_by("-revision").first()
    if latest is None:
        return []
    return [
        {"revision": n, "created_at": latest.created_at if n == latest.revision else None}
        for n in range(1, latest.revision + 1)
    ]


def reminders_sent(*, cycle: ReportingCycle) -> QuerySet[ReminderSent]:
    """Every deadline reminder of a cycle, newest first: city, deadline, recipient."""
    return (
        ReminderSent.objects.filter(cycle=cycle)
        .select_related("city", "recipient")
        .order_by("-sent_at", "-pk")
    )


def report_pdf(report: Report, *, user, revision: int | None = None) -> bytes:
    """The report's PDF as `user` reads it: the given frozen revision (the submission
    confirmation), or the one `report_revision_for` chooses, as on the page.

    The document is in the report's language: its headings, questions and choice labels
    are read in that language too, not in the one active where the PDF is made (the
    submission's email task, a reader's own interface language)."""
    language = report.source_language or settings.LANGUAGE_CODE
    with translation.override(language):
        if revision is None:
            context = report_reading_document(report=report, user=user)
        else:
            context = report_document(report=report, user=user, revision=revision)
    return render_pdf(template="reporting/pdf/report.html", context=context, language=language)
