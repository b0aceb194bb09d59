"""What the library's pages read: a measure with its answers, related measures, a
city's published reports across cycles."""

from django.db.models import Count, OuterRef, Subquery
from django.http import Http404

from reporting.enums import QuestionType, SectionLevel
from reporting.models import Answer, City, Commitment, LibraryEntry, Report
from reporting.rules import can_see_contacts
from reporting.selectors.machine_translation import translations_for
from reporting.selectors.questionnaire import (
    commitments_for,
    personal_codes,
    questionnaire_structure,
)
from reporting.selectors.reports import answer_display

from .entries import (
    MEASURE_COMMITMENTS_CODE,
    TARGET_GROUP_CODES,
    TITLE_CODE,
    _texts_of,
)
from .search import library_entries

RELATED_LIMIT = 6


# --- A measure, a city ---------------------------------------------------------------


def library_measure_get(*, pk: int) -> LibraryEntry:
    entry = (
        library_entries()
        .filter(kind=LibraryEntry.Kind.MEASURE, measure_id=pk)
        .select_related("city", "cycle", "report__questionnaire", "measure")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def measure_document(*, entry: LibraryEntry, user, target_language: str = "") -> dict:
    """The measure's answers section by section, with translations where stored, its
    commitments and target groups (read from the answers and the questionnaire's
    labels, as the entry was indexed), and the publishing city's contacts if `user`
    may see them (`can_see_contacts`; otherwise every personal question's answer is
    left out)."""
    report = entry.report
    structure = questionnaire_structure(
        questionnaire=report.questionnaire, level=SectionLevel.MEASURE
    )
    commitments = commitments_for(report.questionnaire)
    show_personal = can_see_contacts(user, report)
    # Answers to personal questions of the measure are left out, as on the report page.
    hidden = frozenset() if show_personal else personal_codes(structure)
    values = {
        code: value
        for code, value in Answer.objects.filter(measure_id=entry.measure_id).values_list(
            "question__code", "value"
        )
        if code not in hidden
    }
    source = entry.source_language
    translations = {}
    if target_language and target_language != source:
        texts = _texts_of(list(values.values()))
        translations = translations_for(texts, source=source, target=target_language)
    sections, numbers, groups = [], set(), []
    for section in structure:
        items = []
        for question in section.questions.all():
            if question.code in hidden:
                continue
            value = values.get(question.code)
            if question.type == QuestionType.COMMITMENTS and isinstance(value, list):
                numbers.update(int(n) for n in value if str(n).isdecimal())
            if question.code in TARGET_GROUP_CODES and isinstance(value, list):
                groups += [c.label for c in question.choices.all() if c.value in value]
            if question.code in (TITLE_CODE, MEASURE_COMMITMENTS_CODE):
                continue
            value = answer_display(question, values.get(question.code), commitments)
            if value is None:
                continue
            translated = translations.get(value) if isinstance(value, str) else None
            items.append({"question": question, "value": value, "translated": translated})
        if items:
            sections.append({"section": section, "items": items})
    return {
        "entry": entry,
        "sections": sections,
        "commitments": [{"number": n, "title": commitments.get(n, "")} for n in sorted(numbers)],
        "target_groups": groups,
        "title_translated": translations.get(entry.title),
        "contacts": report_contacts(report=report) if show_personal else [],
        "source_language": source,
        "target_language": target_language if translations else "",
    }


def report_contacts(*, report: Report) -> list[dict]:
    """The answered personal questions of level 1 (the contact persons and any other
    question flagged `personal`), in the questionnaire's order. For readers whom
    `can_see_contacts` allows only: the caller asks it."""
    rows = (
        Answer.objects.filter(report=report, measure__isnull=True, question__personal=True)
        .select_related("question")
        .order_by("question__section__order", "question__order", "question__pk")
    )
    return [
        {"question": a.question, "value": a.value, "code": a.question.code}
        for a in rows
        if isinstance(a.value, str) and a.value.strip()
    ]


def related_measures(
    *, entry: LibraryEntry, numbers: list[int], limit: int = RELATED_LIMIT
) -> list[LibraryEntry]:
    """Published measures of other cities under the commitments `numbers` (the
    entry's), those sharing the most commitments first."""
    if not numbers:
        return []
    # Ranked over the (narrow) entries grouped by id alone, so no wide row is grouped
    # or sorted; the shown ones are loaded with their count of shared commitments.
    ranked = (
        library_entries()
        .filter(kind=LibraryEntry.Kind.MEASURE, commitments__number__in=numbers)
        .exclude(city_id=entry.city_id)
        .values("pk")
        .annotate(shared=Count("commitments"))
        .order_by("-shared", "-published_at", "pk")
        .values("pk")[:limit]
    )
    shared = (
        LibraryEntry.commitments.through.objects.filter(
            libraryentry_id=OuterRef("pk"), commitment__number__in=numbers
        )
        .values("libraryentry_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return list(
        LibraryEntry.objects.filter(pk__in=ranked)
        .annotate(shared=Subquery(shared))
        .select_related("city", "cycle")
        .order_by("-shared", "-published_at", "pk")
    )


def library_city(*, slug: str) -> dict:
    """A city's published reports across cycles, with its measures per commitment in
    each, so readers see how its work developed."""
    city = City.objects.filter(slug=slug).first()
    if city is None:
        raise Http404
    reports = list(
        library_entries()
        .filter(kind=LibraryEntry.Kind.REPORT, city=city)
        .select_related("report", "cycle")
        .order_by("-cycle__year")
    )
    measures = list(
        library_entries()
        .filter(kind=LibraryEntry.Kind.MEASURE, city=city)
        .select_related("cycle")
        .prefetch_related("commitments")
        .order_by("-cycle__year", "measure__order", "pk")
    )
    numbers = sorted({c.number for m in measures for c in m.commitments.all()})
    titles = {c.number: c.title for c in Commitment.objects.order_by("plan_id", "number")}
    years = [r.cycle.year for r in reports]
    grid = []
    for number in numbers:
        counts = [
            sum(
                1
                for m in measures
                if m.cycle.year == year and number in {c.number for c in m.commitments.all()}
            )
            for year in years
        ]
        grid.append({"number": number, "title": titles.get(number, ""), "counts": counts})
    return {
        "city": city,
        "reports": [
            {
                "entry": r,
                "measures": [m for m in measures if m.report_id == r.report_id],
            }
            for r in reports
        ],
        "years": years,
        "grid": grid,
    }
