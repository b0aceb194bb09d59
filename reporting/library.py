"""The library of published reports: what it indexes, how it searches, what a measure
page and a city's page show.

Only `library_index_report` writes (on the `report_state_changed` signal whenever a
report enters or leaves the published state); everything else reads. Every read
filters on the report's state again, so even a stale entry never shows an
unpublished report."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.dispatch import receiver
from django.http import Http404
from django.utils import timezone

from .enums import SIZE_THRESHOLD, QuestionType, ReportState, SectionLevel, SizeCategory
from .models import (
    Answer,
    Choice,
    City,
    Commitment,
    LibraryEntry,
    Report,
    ReportStateChange,
)
from .signals import report_state_changed

# Question codes the library reads; stable across questionnaire versions.
TITLE_CODE = "m_title"
MEASURE_COMMITMENTS_CODE = "m_commitments"
TARGET_GROUP_CODES = ("m_target_groups",)
MEASURE_SUMMARY_CODES = ("m_description", "m_objectives", "m_results")
REPORT_SUMMARY_CODES = (
    "challenges_biggest",
    "civil_society_participation",
    "strategy_mandate_details",
)
CONTACT_CODES = (
    "profile_contact_name",
    "profile_contact_function",
    "profile_contact_department",
    "profile_contact_email",
)
TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)

PAGE_SIZE = 20
QUERY_MAX_LENGTH = 200
RELATED_LIMIT = 6

# PostgreSQL text-search configurations by language code; others use "simple".
PG_CONFIGS = {
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
}


def pg_config(language: str) -> str:
    return PG_CONFIGS.get((language or "").split("-")[0], "simple")


def uses_full_text_search() -> bool:
    return connection.vendor == "postgresql"


# --- Indexing ------------------------------------------------------------------------


def _interface_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _texts_of(values: list) -> list[str]:
    return [v for v in values if isinstance(v, str) and v.strip()]


def library_index_report(*, report: Report) -> int:
    """Rebuilds the report's library entries from its live answers (which, once
    published, are its latest submitted revision); removes them when it is not
    published. Returns the number of entries written. Idempotent."""
    from .translations import translations_for

    LibraryEntry.objects.filter(report=report).delete()
    report = Report.objects.select_related("city", "cycle", "questionnaire").get(pk=report.pk)
    if report.state != ReportState.PUBLISHED or report.questionnaire is None:
        return 0
    published_at = (
        ReportStateChange.objects.filter(report=report, to_state=ReportState.PUBLISHED)
        .order_by("-changed_at")
        .values_list("changed_at", flat=True)
        .first()
    ) or timezone.now()
    source = report.source_language or report.city.main_language
    answers = list(
        Answer.objects.filter(report=report)
        .select_related("question__section")
        .order_by("question__section__order", "question__order", "pk")
    )
    measures = {m.pk: m for m in report.measures.order_by("order", "pk")}
    all_texts = _texts_of(
        [a.value for a in answers if a.question.type in TEXT_TYPES]
        + [m.title for m in measures.values()]
    )
    translations = {
        language: translations_for(all_texts, source=source, target=language)
        for language in _interface_languages()
        if language != source
    }
    commitments = {
        c.number: c for c in Commitment.objects.filter(plan_id=report.questionnaire.plan_id)
    }
    groups = {
        c.value: c
        for c in Choice.objects.filter(
            question__questionnaire_id=report.questionnaire_id,
            question__code__in=TARGET_GROUP_CODES,
        )
    }

    by_owner: dict = {}
    for answer in answers:
        by_owner.setdefault(answer.measure_id, []).append(answer)

    def document(owner_answers, title, summary_codes):
        values = {a.question.code: a.value for a in owner_answers}
        texts = _texts_of(
            [title] + [a.value for a in owner_answers if a.question.type in TEXT_TYPES]
        )
        summary = next((values[c] for c in summary_codes if isinstance(values.get(c), str)), "")
        numbers = set()
        group_values = set()
        for a in owner_answers:
            if a.question.type == QuestionType.COMMITMENTS and isinstance(a.value, list):
                numbers.update(int(n) for n in a.value if str(n).isdecimal())
            if a.question.code in TARGET_GROUP_CODES and isinstance(a.value, list):
                group_values.update(str(v) for v in a.value)
        translated = {
            language: "\n".join(found[t] for t in texts if t in found)
            for language, found in translations.items()
        }
        haystack = "\n".join([*texts, *translated.values()]).casefold()
        return summary, texts, translated, haystack, numbers, group_values

    built = []
    for measure_id, measure in measures.items():
        owner_answers = by_owner.get(measure_id, [])
        title = next(
            (a.value for a in owner_answers if a.question.code == TITLE_CODE and a.value),
            measure.title,
        )
        built.append((LibraryEntry.Kind.MEASURE, measure, str(title or ""), owner_answers))
    overview = [
        a for a in by_owner.get(None, []) if a.question.section.level == SectionLevel.OVERVIEW
    ]
    report_numbers: set = set()
    report_groups: set = set()
    entries = []
    for kind, measure, title, owner_answers in built:
        summary, texts, translated, haystack, numbers, group_values = document(
            owner_answers, title, MEASURE_SUMMARY_CODES
        )
        report_numbers |= numbers
        report_groups |= group_values
        entries.append(
            (
                LibraryEntry(
                    kind=kind,
                    report=report,
                    measure=measure,
                    city=report.city,
                    cycle=report.cycle,
                    published_at=published_at,
                    source_language=source,
                    title=title[:300] or str(measure),
                    summary=summary,
                    haystack=haystack,
                ),
                texts,
                translated,
                numbers,
                group_values,
            )
        )
    report_title = f"{report.city.name} {report.cycle.year}"
    summary, texts, translated, haystack, numbers, group_values = document(
        overview, report_title, REPORT_SUMMARY_CODES
    )
    # A report is found by its own texts and by the titles of its measures.
    measure_titles = [e.title for e, *_ in entries]
    texts += measure_titles
    haystack += "\n" + "\n".join(measure_titles).casefold()
    entries.insert(
        0,
        (
            LibraryEntry(
                kind=LibraryEntry.Kind.REPORT,
                report=report,
                city=report.city,
                cycle=report.cycle,
                published_at=published_at,
                source_language=source,
                title=report_title,
                summary=summary,
                haystack=haystack,
            ),
            texts,
            translated,
            numbers | report_numbers,
            group_values | report_groups,
        ),
    )
    LibraryEntry.objects.bulk_create([e for e, *_ in entries])
    saved = list(LibraryEntry.objects.filter(report=report).order_by("pk"))
    by_measure = {e.measure_id: e for e in saved}
    through_commitments, through_groups = [], []
    for entry, _texts, _translated, numbers, group_values in entries:
        pk = by_measure[entry.measure.pk if entry.measure else None].pk
        through_commitments += [
            LibraryEntry.commitments.through(libraryentry_id=pk, commitment_id=commitments[n].pk)
            for n in sorted(numbers)
            if n in commitments
        ]
        through_groups += [
            LibraryEntry.target_groups.through(libraryentry_id=pk, choice_id=groups[v].pk)
            for v in sorted(group_values)
            if v in groups
        ]
    LibraryEntry.commitments.through.objects.bulk_create(through_commitments)
    LibraryEntry.target_groups.through.objects.bulk_create(through_groups)
    if uses_full_text_search():
        for entry, texts, translated, *_ in entries:
            _write_search_vector(
                by_measure[entry.measure.pk if entry.measure else None], texts, translated, source
            )
    return len(entries)


def _write_search_vector(entry, texts, translated, source) -> None:
    """Title (weight A), the original text in its language's configuration and in
    'simple' (B), and each stored translation in its language's configuration (C), so
    a query typed in any interface language finds the entry."""
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value

    body = "\n".join(texts)
    vector = SearchVector(Value(entry.title), config="simple", weight="A")
    vector += SearchVector(Value(body), config=pg_config(source), weight="B")
    vector += SearchVector(Value(body), config="simple", weight="B")
    for language, text in translated.items():
        if text:
            vector += SearchVector(Value(text), config=pg_config(language), weight="C")
    LibraryEntry.objects.filter(pk=entry.pk).update(search_vector=vector)


def library_reindex_all() -> int:
    """Rebuilds every entry (after a deploy or a change of the indexing rules)."""
    count = 0
    LibraryEntry.objects.exclude(report__state=ReportState.PUBLISHED).delete()
    for report in Report.objects.filter(state=ReportState.PUBLISHED).order_by("pk"):
        count += library_index_report(report=report)
    return count


# --- Search --------------------------------------------------------------------------


@dataclass
class LibraryFilters:
    q: str = ""
    kind: str = LibraryEntry.Kind.MEASURE
    commitment: int | None = None
    country: str = ""
    size: str = ""
    cycle: int | None = None
    target: str = ""
    sort: str = "relevance"

    def active(self) -> dict:
        """The filters that narrow the results, as query parameters."""
        names = ("commitment", "country", "size", "cycle", "target")
        return {
            name: getattr(self, name) for name in names if getattr(self, name) not in ("", None)
        }


@dataclass
class FacetItem:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class LibraryResult:
    filters: LibraryFilters
    page: object
    total: int
    facets: dict = field(default_factory=dict)
    translations: dict = field(default_factory=dict)
    full_text: bool = False


def library_entries() -> QuerySet[LibraryEntry]:
    """Every entry a library reader may see: those of published reports, nothing else."""
    return LibraryEntry.objects.filter(report__state=ReportState.PUBLISHED)


def _apply(qs, filters: LibraryFilters, *, skip: str = ""):
    # Many-to-many filters as EXISTS: no duplicate rows, so no DISTINCT over wide rows.
    from django.db.models import Exists, OuterRef

    if filters.commitment and skip != "commitment":
        qs = qs.filter(
            Exists(
                LibraryEntry.commitments.through.objects.filter(
                    libraryentry_id=OuterRef("pk"), commitment__number=filters.commitment
                )
            )
        )
    if filters.country and skip != "country":
        qs = qs.filter(city__country=filters.country)
    if filters.size and skip != "size":
        qs = (
            qs.filter(city__population__lt=SIZE_THRESHOLD)
            if filters.size == SizeCategory.SMALL
            else qs.filter(city__population__gte=SIZE_THRESHOLD)
        )
    if filters.cycle and skip != "cycle":
        qs = qs.filter(cycle__year=filters.cycle)
    if filters.target and skip != "target":
        qs = qs.filter(
            Exists(
                LibraryEntry.target_groups.through.objects.filter(
                    libraryentry_id=OuterRef("pk"), choice__value=filters.target
                )
            )
        )
    return qs


def _text_search(qs, q: str, language: str):
    """Full-text search with the interface language's configuration (and 'simple', for
    names and words of other languages) on PostgreSQL; every word as a case-folded
    substring elsewhere. websearch_to_tsquery accepts any input, so quotes, operators or
    SQL in a query are just words."""
    if not q:
        return qs, False
    if uses_full_text_search():
        from django.contrib.postgres.search import SearchQuery, SearchRank

        config = pg_config(language)
        query = SearchQuery(q, config="simple", search_type="websearch")
        if config != "simple":
            query = SearchQuery(q, config=config, search_type="websearch") | query
        qs = qs.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query))
        return qs, True
    for word in q.casefold().split()[:10]:
        qs = qs.filter(haystack__contains=word)
    return qs, False


def library_search(*, filters: LibraryFilters, page: str | int = 1, language: str = "en"):
    """One page of results with facets. The number of queries does not depend on the
    number of entries or results: count, page, two prefetches, one per facet and one
    for the translations of the titles shown."""
    base = library_entries().filter(kind=filters.kind)
    searched, ranked = _text_search(base, filters.q, language)
    # The search columns are the widest and never shown: leave them out of the sort.
    results = _apply(searched, filters).defer("haystack", "search_vector")
    if ranked and filters.sort == "relevance":
        results = results.order_by("-rank", "-published_at", "pk")
    elif filters.sort == "relevance" and filters.q:
        from django.db.models import Case, IntegerField, Value, When

        results = results.annotate(
            title_hit=Case(
                When(title__icontains=filters.q, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        ).order_by("-title_hit", "-published_at", "pk")
    else:
        results = results.order_by("-published_at", "pk")
    results = results.select_related("city", "cycle", "report").prefetch_related(
        "commitments", "target_groups"
    )
    paginator = Paginator(results, PAGE_SIZE)
    page_obj = paginator.get_page(page)
    facets = _facets(searched, filters)
    entries = list(page_obj.object_list)
    return LibraryResult(
        filters=filters,
        page=page_obj,
        total=paginator.count,
        facets=facets,
        translations=_titles_translated(entries, language),
        full_text=ranked,
    )


def _titles_translated(entries, language: str) -> dict:
    """{entry pk: (title, summary)} in the reader's language where a translation exists,
    in one query for the whole page."""
    from .models import MachineTranslation
    from .translations import text_hash

    wanted = {}
    for entry in entries:
        if entry.source_language == language:
            continue
        for text in (entry.title, entry.summary):
            if text:
                wanted[(text_hash(text), entry.source_language)] = text
    if not wanted:
        return {}
    rows = MachineTranslation.objects.filter(
        source_hash__in={h for h, _s in wanted}, target_language=language
    ).values_list("source_hash", "source_language", "text")
    found = {wanted[(h, s)]: text for h, s, text in rows if (h, s) in wanted}
    return {
        entry.pk: (found.get(entry.title), found.get(entry.summary))
        for entry in entries
        if entry.title in found or entry.summary in found
    }


def _facets(searched, filters: LibraryFilters) -> dict:
    """Counts per value of each facet, given the search and every other filter."""
    from django_countries import countries

    def counted(skip, value_field):
        rows = (
            _apply(searched, filters, skip=skip)
            .order_by()
            .values(value_field)
            .annotate(n=Count("pk", distinct=True))
            .values_list(value_field, "n")
        )
        return {value: n for value, n in rows if value not in (None, "")}

    titles = {c.number: c.title for c in Commitment.objects.order_by("plan_id", "number")}
    commitment_counts = counted("commitment", "commitments__number")
    country_counts = counted("country", "city__country")
    cycle_counts = counted("cycle", "cycle__year")
    target_counts = counted("target", "target_groups__value")
    labels = {
        c.value: c.label
        for c in Choice.objects.filter(
            question__code__in=TARGET_GROUP_CODES, value__in=list(target_counts)
        ).order_by("pk")
    }
    sizes = _apply(searched, filters, skip="size").aggregate(
        small=Count("pk", distinct=True, filter=Q(city__population__lt=SIZE_THRESHOLD)),
        large=Count("pk", distinct=True, filter=Q(city__population__gte=SIZE_THRESHOLD)),
    )
    return {
        "commitment": [
            FacetItem(str(n), f"{n}. {titles.get(n, '')}", c, filters.commitment == n)
            for n, c in sorted(commitment_counts.items())
        ],
        "country": sorted(
            (
                FacetItem(code, str(countries.name(code) or code), c, filters.country == code)
                for code, c in country_counts.items()
            ),
            key=lambda item: item.label,
        ),
        "size": [
            FacetItem(value, str(label), sizes[value], filters.size == value)
            for value, label in SizeCategory.choices
            if sizes[value]
        ],
        "cycle": [
            FacetItem(str(year), str(year), c, filters.cycle == year)
            for year, c in sorted(cycle_counts.items(), reverse=True)
        ],
        "target": sorted(
            (
                FacetItem(value, str(labels.get(value, value)), c, filters.target == value)
                for value, c in target_counts.items()
            ),
            key=lambda item: -item.count,
        ),
    }


# --- A measure, a city ---------------------------------------------------------------


def library_measure_get(*, pk: int) -> LibraryEntry:
    entry = (
        library_entries()
        .filter(kind=LibraryEntry.Kind.MEASURE, measure_id=pk)
        .select_related("city", "cycle", "report__questionnaire", "measure")
        .prefetch_related("commitments", "target_groups")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def measure_document(*, entry: LibraryEntry, target_language: str = "") -> dict:
    """The measure's answers section by section, with translations where stored, and
    the publishing city's contacts if it chose to show them."""
    from .selectors import _display, commitments_for, questionnaire_structure
    from .translations import translations_for

    report = entry.report
    structure = questionnaire_structure(
        questionnaire=report.questionnaire, level=SectionLevel.MEASURE
    )
    commitments = commitments_for(report.questionnaire)
    values = dict(
        Answer.objects.filter(measure_id=entry.measure_id).values_list("question__code", "value")
    )
    source = entry.source_language
    translations = {}
    if target_language and target_language != source:
        texts = _texts_of(list(values.values()))
        translations = translations_for(texts, source=source, target=target_language)
    sections = []
    for section in structure:
        items = []
        for question in section.questions.all():
            if question.code in (TITLE_CODE, MEASURE_COMMITMENTS_CODE):
                continue
            value = _display(question, values.get(question.code), commitments)
            if value is None:
                continue
            translated = translations.get(value) if isinstance(value, str) else None
            items.append({"question": question, "value": value, "translated": translated})
        if items:
            sections.append({"section": section, "items": items})
    return {
        "entry": entry,
        "sections": sections,
        "title_translated": translations.get(entry.title),
        "contacts": report_contacts(report=report),
        "source_language": source,
        "target_language": target_language if translations else "",
    }


def report_contacts(*, report: Report) -> list[dict]:
    """The contact answers of level 1, only if the city chose to show them."""
    if not report.publish_contacts:
        return []
    rows = Answer.objects.filter(
        report=report, measure__isnull=True, question__code__in=CONTACT_CODES
    ).select_related("question")
    found = {a.question.code: a for a in rows if isinstance(a.value, str) and a.value.strip()}
    return [
        {"question": found[code].question, "value": found[code].value, "code": code}
        for code in CONTACT_CODES
        if code in found
    ]


def related_measures(*, entry: LibraryEntry, limit: int = RELATED_LIMIT) -> list[LibraryEntry]:
    """Published measures of other cities under the same commitments, those sharing the
    most commitments first."""
    numbers = [c.number for c in entry.commitments.all()]
    if not numbers:
        return []
    return list(
        library_entries()
        .filter(kind=LibraryEntry.Kind.MEASURE, commitments__number__in=numbers)
        .exclude(city_id=entry.city_id)
        .annotate(shared=Count("commitments", distinct=True))
        .select_related("city", "cycle")
        .order_by("-shared", "-published_at", "pk")[:limit]
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


@receiver(report_state_changed, dispatch_uid="library-follows-report-state")
def _library_follow_state(sender, *, report, from_state, to_state, **kwargs):
    """The library shows published reports only: it follows every publication and
    withdrawal in the same transaction as the state change."""
    if ReportState.PUBLISHED in (from_state, to_state):
        library_index_report(report=report)
