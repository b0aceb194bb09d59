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
from django.db.models.expressions import RawSQL
from django_countries import countries

from reporting.enums import SIZE_THRESHOLD, ReportState, SizeCategory
from reporting.models import Choice, Commitment, LibraryEntry, MachineTranslation
from reporting.selectors.machine_translation import text_hash

from .entries import TARGET_GROUP_CODES, library_generation, pg_config, uses_full_text_search
from .filters import QUERY_MAX_LENGTH, LibraryFilters, many_to_many_flags, narrow

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


# Where an entry's city is and how big: one row of these per entry or per group.
PLACE = ("city__country", "cycle__year", "size_class")


def _with_place(qs):
    return qs.annotate(
        size_class=Case(
            When(city__population__lt=SIZE_THRESHOLD, then=Value(SizeCategory.SMALL.value)),
            default=Value(SizeCategory.LARGE.value),
        )
    )


def _matched(base, filters: LibraryFilters, language: str) -> tuple[list[tuple] | None, bool]:
    """(id, country, cycle year, size class, passes the commitment filter, passes the
    target group filter) of every entry the query matches, in the order of the
    results, in one query; None without a query.

    Full-text search with the interface language's configuration (and 'simple', for
    names and words of other languages) on PostgreSQL; every word as a case-folded
    substring elsewhere. websearch_to_tsquery accepts any input, so quotes, operators or
    SQL in a query are just words."""
    q = filters.q
    if not q:
        return None, False
    ordering = ("-published_at", "pk")
    full_text = uses_full_text_search()
    if full_text:
        config = pg_config(language)
        query = SearchQuery(q, config="simple", search_type="websearch")
        if config != "simple":
            query = SearchQuery(q, config=config, search_type="websearch") | query
        matched = base.filter(text__search_vector=query)
        rank = SearchRank(F("text__search_vector"), query)
    else:
        matched = base
        for word in q.casefold().split()[:10]:
            matched = matched.filter(text__haystack__contains=word)
        # Without full-text search, an entry whose title holds the query comes first.
        rank = Case(
            When(title__icontains=q, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    if filters.sort == "relevance":
        matched = matched.annotate(rank=rank)
        ordering = ("-rank", *ordering)
    flags = many_to_many_flags(filters)
    rows = (
        _with_place(matched).annotate(**flags).order_by(*ordering).values_list("pk", *PLACE, *flags)
    )
    found = []
    for pk, country, year, size, *many in rows:
        # A many-to-many filter that is not active passes every entry.
        passes = dict(zip(flags, many, strict=True))
        found.append(
            (
                pk,
                country,
                year,
                size,
                passes.get("in_commitment", True),
                passes.get("in_target", True),
            )
        )
    return found, full_text


def _placed(scope, filters: LibraryFilters, narrowed: list[tuple] | None) -> list[tuple]:
    """(country, cycle year, size class, count) of the scope narrowed by the
    many-to-many filters only: from the match's own rows after a query, else one
    grouped query."""
    if narrowed is None:
        return list(
            _with_place(narrow(scope, _only_many(filters)))
            .order_by()
            .values(*PLACE)
            .annotate(n=Count("pk"))
            .values_list(*PLACE, "n")
        )
    counts: dict = {}
    for _pk, *place, in_commitment, in_target in narrowed:
        if in_commitment and in_target:
            counts[tuple(place)] = counts.get(tuple(place), 0) + 1
    return [(*place, n) for place, n in counts.items()]


def _only_many(filters: LibraryFilters) -> LibraryFilters:
    return LibraryFilters(commitment=filters.commitment, target=filters.target)


def _passes(place, filters: LibraryFilters, *, skip: int | None = None) -> bool:
    wanted = _wanted(filters)
    return all(not value or place[at] == value for at, value in enumerate(wanted) if at != skip)


def _counts(scope, filters: LibraryFilters, narrowed) -> dict:
    """The total and every facet's counts, each facet given every other filter: the
    country, cycle and size facets and the total from one list of places, one query
    each for the two many-to-many facets."""
    rows = _placed(scope, filters, narrowed)

    def tally(position: int | None) -> dict:
        counts: dict = {}
        for *place, n in rows:
            if _passes(place, filters, skip=position):
                key = place[position] if position is not None else None
                counts[key] = counts.get(key, 0) + n
        return counts

    def many(skip: str, through, value_field: str) -> dict:
        # Counted on the link table: an entry is linked to a value at most once, so no
        # DISTINCT. After a query the entries are the match's ids that pass the other
        # filters, known here already; otherwise a semi-join on the narrowed entries.
        if narrowed is None:
            entries = narrow(scope, filters, skip=skip).order_by().values("pk")
        else:
            passing = _passing_but(filters, narrowed, skip)
            if not passing:
                return {}
            entries = _ids_of(passing)
        found = (
            through.objects.filter(libraryentry_id__in=entries)
            .values(value_field)
            .annotate(n=Count("pk"))
            .values_list(value_field, "n")
        )
        return {value: n for value, n in found if value not in (None, "")}

    return {
        "total": tally(None).get(None, 0),
        "country": {k: n for k, n in tally(0).items() if k},
        "cycle": tally(1),
        "size": tally(2),
        "commitment": many("commitment", LibraryEntry.commitments.through, "commitment__number"),
        "target": many("target", LibraryEntry.target_groups.through, "choice__value"),
    }


def _passing_but(filters: LibraryFilters, rows: list[tuple], skip: str) -> list[int]:
    """The ids of the match's rows that pass every filter but `skip` (a many-to-many
    one)."""
    # Thousands of rows: the tests that apply are chosen once, not per row.
    wanted = [(at, value) for at, value in enumerate(_wanted(filters), 1) if value]
    need_commitment = skip != "commitment" and filters.commitment
    need_target = skip != "target" and filters.target
    return [
        row[0]
        for row in rows
        if (not need_commitment or row[4])
        and (not need_target or row[5])
        and all(row[at] == value for at, value in wanted)
    ]


def _wanted(filters: LibraryFilters) -> tuple:
    return (filters.country, filters.cycle, filters.size)


def _ids_of(ids: list[int]):
    """The matched ids for `pk__in`. On PostgreSQL as one array: thousands of literals
    in an IN list cost more to plan than the count they feed. The array is sent as its
    text form, which the driver passes as it is (adapting a list of thousands of ints
    took longer than the count)."""
    if uses_full_text_search():
        return RawSQL("SELECT unnest(%s::bigint[])", ("{" + ",".join(map(str, ids)) + "}",))
    return ids


EMPTY = {"total": 0, "country": {}, "cycle": {}, "size": {}, "commitment": {}, "target": {}}


def _search(filters: LibraryFilters, page, language: str) -> tuple[dict, list | None]:
    """The cacheable part of a search (counts and the page's ids), and the page's
    entries when the query that found the ids could load them too."""
    base = library_entries().filter(kind=filters.kind)
    matched, full_text = _matched(base, filters, language)
    counts = EMPTY if matched == [] else _counts(base, filters, matched)
    number = Paginator(range(counts["total"]), PAGE_SIZE).get_page(page).number
    start = (number - 1) * PAGE_SIZE
    entries = None
    if not counts["total"]:
        ids, entries = [], []
    elif matched is None:
        entries = list(
            _loading(narrow(base, filters)).order_by("-published_at", "pk")[
                start : start + PAGE_SIZE
            ]
        )
        ids = [entry.pk for entry in entries]
    else:
        # The match's order, kept for the entries every filter leaves.
        left = _passing_but(filters, matched, skip="")
        ids = left[start : start + PAGE_SIZE]
    found = {"counts": counts, "number": number, "ids": ids, "full_text": full_text}
    return found, entries


def _loading(qs):
    return qs.select_related("city", "cycle").prefetch_related("commitments")


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
    found, entries = cache.get(key), None
    if found is None:
        found, entries = _search(filters, page, language)
        cache.set(key, found, RESULTS_TIMEOUT)
    counts = found["counts"]
    if entries is None:
        # Loaded again through the published entries: a cached id never shows more.
        loaded = {e.pk: e for e in _loading(library_entries().filter(pk__in=found["ids"]))}
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
