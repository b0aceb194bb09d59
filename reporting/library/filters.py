"""The library's filters, written once: a django-filter `FilterSet` reads them from a
query string for the library page and the API, and `narrow` applies them to entries
(also with one left out, for that filter's facet)."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from reporting.enums import SIZE_THRESHOLD, SizeCategory
from reporting.models import LibraryEntry

QUERY_MAX_LENGTH = 200
# The filters that narrow the results (as opposed to the query, the kind and the sort).
NARROWING = ("commitment", "country", "size", "cycle", "target")
SORTS = [("relevance", _("Relevance")), ("date", _("Newest first"))]
KINDS = [(LibraryEntry.Kind.MEASURE, _("Measures")), (LibraryEntry.Kind.REPORT, _("Reports"))]


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
        return {
            name: getattr(self, name) for name in NARROWING if getattr(self, name) not in ("", None)
        }


class CountryField(forms.RegexField):
    """Two letters, in either case: `at` and `AT` both mean Austria."""

    def __init__(self, **kwargs):
        super().__init__(regex=r"^[A-Za-z]{2}$", **kwargs)

    def clean(self, value):
        return super().clean(value).upper()


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class CountryFilter(django_filters.Filter):
    field_class = CountryField


class SlugFilter(django_filters.Filter):
    field_class = forms.SlugField


class LibraryFilterSet(django_filters.FilterSet):
    """The query string of the library page and of the API's report list. The kind, the
    query and the sort are read here and applied by the search (library_search)."""

    q = django_filters.CharFilter(
        label=_("Search"), max_length=QUERY_MAX_LENGTH, method="_by_search"
    )
    kind = django_filters.ChoiceFilter(
        label=_("Show"), choices=KINDS, method="_by_search", empty_label=None
    )
    commitment = IntegerFilter(min_value=1, max_value=10, method="_commitment")
    country = CountryFilter(field_name="city__country")
    size = django_filters.ChoiceFilter(choices=SizeCategory.choices, method="_size")
    cycle = IntegerFilter(field_name="cycle__year", min_value=2000, max_value=2200)
    target = SlugFilter(max_length=60, method="_target")
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORTS, method="_by_search", empty_label=None
    )

    class Meta:
        model = LibraryEntry
        fields: list[str] = []

    def _by_search(self, queryset, name, value):
        return queryset

    def _commitment(self, queryset, name, value):
        return queryset.filter(commitment_exists(value))

    def _target(self, queryset, name, value):
        return queryset.filter(target_exists(value))

    def _size(self, queryset, name, value):
        if value == SizeCategory.SMALL:
            return queryset.filter(city__population__lt=SIZE_THRESHOLD)
        return queryset.filter(city__population__gte=SIZE_THRESHOLD)

    def library_filters(self) -> LibraryFilters:
        """The valid values; an invalid one is dropped, never an error page."""
        self.form.is_valid()
        data = {
            name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")
        }
        # Control characters never belong in a search; the length is capped by the field.
        data["q"] = " ".join((data.get("q") or "").split())
        return LibraryFilters(**data)


# Many-to-many filters as EXISTS: no duplicate rows, so no DISTINCT over wide rows; the
# search also reads them as a column of its one match (many_to_many_flags).
def commitment_exists(number: int) -> Exists:
    return Exists(
        LibraryEntry.commitments.through.objects.filter(
            libraryentry_id=OuterRef("pk"), commitment__number=number
        )
    )


def target_exists(value: str) -> Exists:
    return Exists(
        LibraryEntry.target_groups.through.objects.filter(
            libraryentry_id=OuterRef("pk"), choice__value=value
        )
    )


def many_to_many_flags(filters: LibraryFilters) -> dict[str, Exists]:
    """The active many-to-many filters as annotations, by the name of a column."""
    flags = {}
    if filters.commitment:
        flags["in_commitment"] = commitment_exists(filters.commitment)
    if filters.target:
        flags["in_target"] = target_exists(filters.target)
    return flags


# One instance: its filters are bound to it, and they keep no state between calls.
_FILTERS = LibraryFilterSet(queryset=LibraryEntry.objects.none())


def narrow(queryset, filters: LibraryFilters, *, skip: str = ""):
    """The entries that pass every narrowing filter but `skip`."""
    for name in NARROWING:
        value = getattr(filters, name)
        if value not in ("", None) and name != skip:
            queryset = _FILTERS.filters[name].filter(queryset, value)
    return queryset
