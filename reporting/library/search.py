"""Searching the library: one full-text match, with the page and the facets counted
over it in the same statement, and the library's one cache.

The shape of a first search with a query: one statement (the match, materialised once
in the database, the counts per place and per commitment and target group over it, the
page's ids); without a query, one grouped count for the country, cycle and size facets
(and the total), one count each for the commitment and target group facets, the page's
entries. What is cached is only that: counts and ids, keyed by the filters and the library's
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
from django.db import connection
from django.db.models import Case, Count, F, IntegerField, QuerySet, Value, When
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


def _match(base, filters: LibraryFilters, language: str):
    """The entries the query matches as a values queryset of (id, country, cycle year,
    size class, [passes the commitment filter], [passes the target group filter], rank,
    published at), and the names of the flags.

    Full-text search with the interface language's configuration (and 'simple', for
    names and words of other languages) on PostgreSQL; every word as a case-folded
    substring elsewhere. websearch_to_tsquery accepts any input, so quotes, operators or
    SQL in a query are just words."""
    q = filters.q
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
    if filters.sort != "relevance":
        rank = Value(0, output_field=IntegerField())
    flags = many_to_many_flags(filters)
    rows = (
        _with_place(matched)
        .annotate(**flags, rank=rank)
        .order_by()
        .values_list("pk", *PLACE, *flags, "rank", "published_at")
    )
    return rows, list(flags)


# The match, then everything the page needs from it, in one statement: the match is
# computed once (MATERIALIZED) and never leaves the database; what comes back is one
# row per place (country, cycle, size) with its count, one per commitment and target
# group value with theirs, and the ids of the page. Rows: (part, key, year, size, n).
SEARCH_SQL = """
WITH m (id, country, year, size, {flag_columns}rank, published_at) AS MATERIALIZED ({match})
SELECT 'place', country, year, size, COUNT(*), 0 FROM m WHERE {places} GROUP BY country, year, size
UNION ALL
SELECT 'page', NULL, NULL, NULL, id, ord FROM (
    SELECT id, ROW_NUMBER() OVER (ORDER BY rank DESC, published_at DESC, id) AS ord FROM m
    WHERE {page} ORDER BY rank DESC, published_at DESC, id LIMIT %s OFFSET %s
) AS page
UNION ALL
SELECT 'commitment', CAST(c.number AS TEXT), NULL, NULL, COUNT(*), 0
FROM {commitments} AS link JOIN {commitment} AS c ON c.id = link.commitment_id
WHERE link.libraryentry_id IN (SELECT id FROM m WHERE {but_commitment}) GROUP BY c.number
UNION ALL
SELECT 'target', ch.value, NULL, NULL, COUNT(*), 0
FROM {targets} AS link JOIN {choice} AS ch ON ch.id = link.choice_id
WHERE link.libraryentry_id IN (SELECT id FROM m WHERE {but_target}) GROUP BY ch.value
"""


def _conditions(filters: LibraryFilters, flags: list[str], *, skip: str = "") -> tuple[str, list]:
    """The narrowing filters but `skip` as SQL over the match's columns."""
    sql, params = ["1 = 1"], []
    for name, column in (("country", "country"), ("cycle", "year"), ("size", "size")):
        value = getattr(filters, name)
        if value not in ("", None) and name != skip:
            sql.append(f"{column} = %s")
            params.append(value)
    for name, flag in (("commitment", "in_commitment"), ("target", "in_target")):
        if flag in flags and name != skip:
            sql.append(flag)
    return " AND ".join(sql), params


def _matched_page(base, filters: LibraryFilters, language: str, page) -> tuple[dict, int, list]:
    """(counts, page number, the page's ids) of a query, from one statement; a page
    beyond the last is asked again as the last."""
    rows, flags = _match(base, filters, language)
    match_sql, match_params = rows.query.sql_with_params()
    # The places are counted under the many-to-many filters only: each place facet is
    # then given the other place filters here.
    places = " AND ".join(flags) or "1 = 1"
    page_sql, page_params = _conditions(filters, flags)
    but_c, but_c_params = _conditions(filters, flags, skip="commitment")
    but_t, but_t_params = _conditions(filters, flags, skip="target")
    quote = connection.ops.quote_name
    sql = SEARCH_SQL.format(
        flag_columns="".join(f"{flag}, " for flag in flags),
        match=match_sql,
        places=places,
        page=page_sql,
        but_commitment=but_c,
        but_target=but_t,
        commitments=quote(LibraryEntry.commitments.through._meta.db_table),
        commitment=quote(Commitment._meta.db_table),
        targets=quote(LibraryEntry.target_groups.through._meta.db_table),
        choice=quote(Choice._meta.db_table),
    )

    def run(number: int):
        params = [
            *match_params,
            *page_params,
            PAGE_SIZE,
            (number - 1) * PAGE_SIZE,
            *but_c_params,
            *but_t_params,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    number = _page_number(page)
    found = run(number)
    placed = [(key, year, size, n) for part, key, year, size, n, _o in found if part == "place"]
    counts = _counts_from(placed, filters, found)
    last = Paginator(range(counts["total"]), PAGE_SIZE).get_page(number).number
    if last != number:
        number, found = last, run(last)
    ids = [n for _o, n in sorted((o, n) for part, _k, _y, _s, n, o in found if part == "page")]
    return counts, number, ids


def _page_number(page) -> int:
    try:
        return max(1, int(page))
    except (TypeError, ValueError):
        return 1


def _counts_from(placed, filters: LibraryFilters, found) -> dict:
    """The total and every facet's counts from the statement's rows."""

    def tally(position: int | None) -> dict:
        counts: dict = {}
        for *place, n in placed:
            if _passes(place, filters, skip=position):
                key = place[position] if position is not None else None
                counts[key] = counts.get(key, 0) + n
        return counts

    many = {"commitment": {}, "target": {}}
    for part, key, _year, _size, n, _ord in found:
        if part in many and key not in (None, ""):
            many[part][int(key) if part == "commitment" else key] = n
    return {
        "total": tally(None).get(None, 0),
        "country": {k: n for k, n in tally(0).items() if k},
        "cycle": tally(1),
        "size": tally(2),
        **many,
    }


def _placed(scope, filters: LibraryFilters) -> list[tuple]:
    """(country, cycle year, size class, count) of the scope narrowed by the
    many-to-many filters only, in one grouped query."""
    return list(
        _with_place(narrow(scope, _only_many(filters)))
        .order_by()
        .values(*PLACE)
        .annotate(n=Count("pk"))
        .values_list(*PLACE, "n")
    )


def _only_many(filters: LibraryFilters) -> LibraryFilters:
    return LibraryFilters(commitment=filters.commitment, target=filters.target)


def _passes(place, filters: LibraryFilters, *, skip: int | None = None) -> bool:
    wanted = _wanted(filters)
    return all(not value or place[at] == value for at, value in enumerate(wanted) if at != skip)


def _counts(scope, filters: LibraryFilters) -> dict:
    """The total and every facet's counts without a query, each facet given every other
    filter: the country, cycle and size facets and the total from one list of places,
    one query each for the two many-to-many facets."""
    placed = _placed(scope, filters)

    def many(skip: str, through, value_field: str) -> list[tuple]:
        # Counted on the link table: an entry is linked to a value at most once, so no
        # DISTINCT; a semi-join on the narrowed entries.
        entries = narrow(scope, filters, skip=skip).order_by().values("pk")
        return [
            (skip, value, None, None, n, 0)
            for value, n in through.objects.filter(libraryentry_id__in=entries)
            .values(value_field)
            .annotate(n=Count("pk"))
            .values_list(value_field, "n")
        ]

    return _counts_from(
        placed,
        filters,
        many("commitment", LibraryEntry.commitments.through, "commitment__number")
        + many("target", LibraryEntry.target_groups.through, "choice__value"),
    )


def _wanted(filters: LibraryFilters) -> tuple:
    return (filters.country, filters.cycle, filters.size)


def _search(filters: LibraryFilters, page, language: str) -> tuple[dict, list | None]:
    """The cacheable part of a search (counts and the page's ids), and the page's
    entries when the query that found the ids could load them too."""
    base = library_entries().filter(kind=filters.kind)
    if filters.q:
        counts, number, ids = _matched_page(base, filters, language, page)
        found = {
            "counts": counts,
            "number": number,
            "ids": ids,
            "full_text": uses_full_text_search(),
        }
        return found, None
    counts = _counts(base, filters)
    number = Paginator(range(counts["total"]), PAGE_SIZE).get_page(page).number
    start = (number - 1) * PAGE_SIZE
    entries = []
    if counts["total"]:
        entries = list(
            _loading(narrow(base, filters)).order_by("-published_at", "pk")[
                start : start + PAGE_SIZE
            ]
        )
    found = {"counts": counts, "number": number, "ids": [e.pk for e in entries], "full_text": False}
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
