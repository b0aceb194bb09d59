"""Searching the library: one full-text match, then the page and the facets counted
over the ids it found, and the library's one cache.

The shape of a first search: the match (ids in order, once), the filtered ids when a
filter narrows them, one grouped count for the country, cycle and size facets (and the
total), one count each for the commitment and target group facets, the page's ids.
What is cached is only that: counts and ids, keyed by the filters and the library's
generation (bumped by `library_index_report`). Who may search is decided before, by
the view's permission; the entries of the page are loaded again through
`library_entries()`, so even a stale id never shows an unpublished report; labels and
translations are read on every request, so a corrected title shows at once."""

import hashlib
import json
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
from django_countries import countries

from reporting.enums import SIZE_THRESHOLD, ReportState, SizeCategory
from reporting.models import Choice, Commitment, LibraryEntry, MachineTranslation
from reporting.translations import text_hash

from .entries import TARGET_GROUP_CODES, library_generation, pg_config, uses_full_text_search
from .filters import QUERY_MAX_LENGTH, LibraryFilters, narrow

PAGE_SIZE = 20
RESULTS_TIMEOUT = 600

__all__ = ["QUERY_MAX_LENGTH", "LibraryFilters", "library_entries", "library_search"]


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


def _matched(base, filters: LibraryFilters, language: str) -> tuple[list[int] | None, bool]:
    """The ids the query matches, in the order of the results, in one query; None
    without a query.

    Full-text search with the interface language's configuration (and 'simple', for
    names and words of other languages) on PostgreSQL; every word as a case-folded
    substring elsewhere. websearch_to_tsquery accepts any input, so quotes, operators or
    SQL in a query are just words."""
    q = filters.q
    if not q:
        return None, False
    relevance = filters.sort == "relevance"
    full_text = uses_full_text_search()
    if full_text:
        config = pg_config(language)
        query = SearchQuery(q, config="simple", search_type="websearch")
        if config != "simple":
            query = SearchQuery(q, config=config, search_type="websearch") | query
        matched = base.filter(search_vector=query)
        if relevance:
            matched = matched.annotate(rank=SearchRank(F("search_vector"), query))
            ordering = ("-rank", "-published_at", "pk")
    else:
        matched = base
        for word in q.casefold().split()[:10]:
            matched = matched.filter(haystack__contains=word)
        if relevance:
            matched = matched.annotate(
                rank=Case(
                    When(title__icontains=q, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            ordering = ("-rank", "-published_at", "pk")
    if not relevance:
        ordering = ("-published_at", "pk")
    return list(matched.order_by(*ordering).values_list("pk", flat=True)), full_text


def _by_place(scope, filters: LibraryFilters) -> list[tuple]:
    """(country, cycle year, size class, count) of the scope narrowed by the
    many-to-many filters only: the country, cycle and size facets and the total are
    summed from these few rows, each leaving out its own filter."""
    only_many = LibraryFilters(commitment=filters.commitment, target=filters.target)
    return list(
        narrow(scope, only_many)
        .order_by()
        .annotate(
            size_class=Case(
                When(city__population__lt=SIZE_THRESHOLD, then=Value(SizeCategory.SMALL.value)),
                default=Value(SizeCategory.LARGE.value),
            )
        )
        .values("city__country", "cycle__year", "size_class")
        .annotate(n=Count("pk"))
        .values_list("city__country", "cycle__year", "size_class", "n")
    )


def _counts(scope, filters: LibraryFilters) -> dict:
    """The total and every facet's counts, each facet given every other filter: one
    grouped query for country, cycle and size, one each for the two many-to-many facets."""
    rows = _by_place(scope, filters)
    wanted = {0: filters.country, 1: filters.cycle, 2: filters.size}

    def tally(position: int | None) -> dict:
        counts: dict = {}
        for row in rows:
            if all(not value or row[at] == value for at, value in wanted.items() if at != position):
                key = row[position] if position is not None else None
                counts[key] = counts.get(key, 0) + row[3]
        return counts

    def many(skip: str, value_field: str) -> dict:
        found = (
            narrow(scope, filters, skip=skip)
            .order_by()
            .values(value_field)
            .annotate(n=Count("pk", distinct=True))
            .values_list(value_field, "n")
        )
        return {value: n for value, n in found if value not in (None, "")}

    return {
        "total": tally(None).get(None, 0),
        "country": {k: n for k, n in tally(0).items() if k},
        "cycle": tally(1),
        "size": tally(2),
        "commitment": many("commitment", "commitments__number"),
        "target": many("target", "target_groups__value"),
    }


def _search(filters: LibraryFilters, page, language: str) -> dict:
    """The cacheable part of a search: counts and the page's ids."""
    base = library_entries().filter(kind=filters.kind)
    matched, full_text = _matched(base, filters, language)
    scope = base if matched is None else base.filter(pk__in=matched)
    if matched == []:
        counts = {"total": 0, "country": {}, "cycle": {}, "size": {}}
        counts |= {"commitment": {}, "target": {}}
    else:
        counts = _counts(scope, filters)
    paginator = Paginator(range(counts["total"]), PAGE_SIZE)
    number = paginator.get_page(page).number
    start = (number - 1) * PAGE_SIZE
    if not counts["total"]:
        ids = []
    elif matched is None:
        ids = list(
            narrow(scope, filters)
            .order_by("-published_at", "pk")
            .values_list("pk", flat=True)[start : start + PAGE_SIZE]
        )
    elif filters.active():
        # The match's order, kept for the ids the filters leave.
        left = set(narrow(scope, filters).values_list("pk", flat=True))
        ids = [pk for pk in matched if pk in left][start : start + PAGE_SIZE]
    else:
        ids = matched[start : start + PAGE_SIZE]
    return {"counts": counts, "number": number, "ids": ids, "full_text": full_text}


def _results_key(filters: LibraryFilters, page, language: str) -> str:
    described = json.dumps(
        [library_generation(), vars(filters), str(page), language], sort_keys=True, default=str
    )
    return "library:results:" + hashlib.sha256(described.encode()).hexdigest()


def library_search(*, filters: LibraryFilters, page: str | int = 1, language: str = "en"):
    """One page of results with facets, the counts and ids from the results cache when
    the library has not changed since. Queries: on a first search the match, up to
    four counts and the page's ids; then, always, the page's entries, their commitments,
    the facets' labels and the translations of the titles shown."""
    key = _results_key(filters, page, language)
    found = cache.get(key)
    if found is None:
        found = _search(filters, page, language)
        cache.set(key, found, RESULTS_TIMEOUT)
    counts = found["counts"]
    loaded = {
        entry.pk: entry
        for entry in library_entries()
        .filter(pk__in=found["ids"])
        .defer("haystack", "search_vector")
        .select_related("city", "cycle")
        .prefetch_related("commitments")
    }
    entries = [loaded[pk] for pk in found["ids"] if pk in loaded]
    page_obj = Paginator(range(counts["total"]), PAGE_SIZE).get_page(found["number"])
    page_obj.object_list = entries
    return LibraryResult(
        filters=filters,
        page=page_obj,
        total=counts["total"],
        facets=_facets(counts, filters),
        translations=_titles_translated(entries, language),
        full_text=found["full_text"],
    )


def _titles_translated(entries, language: str) -> dict:
    """{entry pk: (title, summary)} in the reader's language where a translation exists,
    in one query for the whole page."""
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


def _facets(counts: dict, filters: LibraryFilters) -> dict:
    """The facet items with today's labels (read now, never cached)."""
    titles = {}
    if counts["commitment"]:
        titles = {c.number: c.title for c in Commitment.objects.order_by("plan_id", "number")}
    labels = {}
    if counts["target"]:
        labels = {
            c.value: c.label
            for c in Choice.objects.filter(
                question__code__in=TARGET_GROUP_CODES, value__in=list(counts["target"])
            ).order_by("pk")
        }
    return {
        "commitment": [
            FacetItem(str(n), f"{n}. {titles.get(n, '')}", c, filters.commitment == n)
            for n, c in sorted(counts["commitment"].items())
        ],
        "country": sorted(
            (
                FacetItem(code, str(countries.name(code) or code), c, filters.country == code)
                for code, c in counts["country"].items()
            ),
            key=lambda item: item.label,
        ),
        "size": [
            FacetItem(value, str(label), counts["size"][value], filters.size == value)
            for value, label in SizeCategory.choices
            if counts["size"].get(value)
        ],
        "cycle": [
            FacetItem(str(year), str(year), c, filters.cycle == year)
            for year, c in sorted(counts["cycle"].items(), reverse=True)
        ],
        "target": sorted(
            (
                FacetItem(value, str(labels.get(value, value)), c, filters.target == value)
                for value, c in counts["target"].items()
            ),
            key=lambda item: -item.count,
        ),
    }
