"""Pages of the library (members), the cycle dashboard, benchmarks and exports (the
coalition's bodies), and the API tokens page. Thin: reads come from `search`,
`selectors`, `figures` and `exports`, writes from `api` and reporting's services."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View

from eccar.errors import ServiceError
from eccar.security_log import client_ip
from eccar.views import PostOnlyMixin, RulesPermissionMixin
from reporting.models import ApiToken, City, LibraryEntry, ReportingCycle
from reporting.rules import active_roles
from reporting.selectors.cycles import cycle_with_open_work
from reporting.services.reports import report_set_contact_publication
from reporting.views.reading import reading_context
from reporting.views.reports import ReportMixin, reading_language

from . import exports, figures, search, selectors
from .api import api_token_create, api_token_revoke
from .filters import LibraryFilterSet


def _interface_language() -> str:
    return (get_language() or "en").split("-")[0]


def _url_with(params: dict, **changes) -> str:
    merged = {**params, **changes}
    merged.pop("page", None)
    return "?" + urlencode({k: v for k, v in merged.items() if v not in (None, "")})


class LibraryView(RulesPermissionMixin, View):
    permission_required = "reporting.browse_library"

    def get(self, request):
        filterset = LibraryFilterSet(request.GET)
        filters = filterset.library_filters()
        form = filterset.form
        result = search.library_search(
            filters=filters, page=request.GET.get("page") or 1, language=_interface_language()
        )
        params = {"q": filters.q, "kind": filters.kind, "sort": filters.sort, **filters.active()}
        facet_groups = []
        names = {
            "commitment": _("Commitment"),
            "cycle": _("Cycle"),
            "country": _("Country"),
            "size": _("City size"),
            "target": _("Target group"),
        }
        for key, title in names.items():
            items = [
                {
                    "item": item,
                    "url": _url_with(params, **{key: "" if item.selected else item.value}),
                }
                for item in result.facets.get(key, [])
            ]
            facet_groups.append({"key": key, "title": title, "items": items})
        rows = [
            {
                "entry": entry,
                "title": (result.translations.get(entry.pk) or (None, None))[0],
                "summary": (result.translations.get(entry.pk) or (None, None))[1],
            }
            for entry in result.page.object_list
        ]
        return render(
            request,
            "library/search.html",
            {
                "form": form,
                "filters": filters,
                "result": result,
                "rows": rows,
                "page_obj": result.page,
                "facet_groups": facet_groups,
                "page_params": _url_with(params)[1:],
                "kind_urls": {
                    "measure": _url_with(params, kind="measure"),
                    "report": _url_with(params, kind="report"),
                },
                "clear_url": _url_with({"kind": filters.kind}),
                "dropped_filters": bool(form.errors),
            },
        )


class MeasureView(RulesPermissionMixin, View):
    permission_required = "reporting.browse_library"

    def get(self, request, pk):
        entry = selectors.library_measure_get(pk=pk)
        target = reading_language(request, entry.report)
        context = selectors.measure_document(entry=entry, user=request.user, target_language=target)
        context.update(
            {
                "related": selectors.related_measures(
                    entry=entry, numbers=[c["number"] for c in context["commitments"]]
                ),
                **reading_context(request, context),
            }
        )
        return render(request, "library/measure.html", context)


class CityLibraryView(RulesPermissionMixin, View):
    permission_required = "reporting.browse_library"

    def get(self, request, slug):
        context = selectors.library_city(slug=slug)
        context["can_benchmark"] = request.user.has_perm(
            "reporting.view_benchmark", context["city"]
        )
        context["can_choose_contacts"] = (
            active_roles(request.user).get(context["city"].pk) == "primary"
        )
        return render(request, "library/city.html", context)


class DashboardView(RulesPermissionMixin, View):
    permission_required = "reporting.view_cycle_dashboard"

    def get(self, request, year=None):
        if year is None:
            # The cycle with work open for this person (a report under review), so the
            # dashboard never opens on an empty new cycle while an older one is running.
            cycle = cycle_with_open_work(user=request.user)
            if cycle is None:
                return render(request, "library/dashboard.html", {"figures": None})
            return redirect("library:dashboard_cycle", year=cycle.year)
        context = figures.dashboard(year=year)
        if context is None:
            raise Http404
        context["can_export"] = request.user.has_perm("reporting.export_cycle_data")
        context["export_languages"] = settings.LANGUAGES
        context["export_language"] = _interface_language()
        return render(request, "library/dashboard.html", context)


class BenchmarkView(RulesPermissionMixin, View):
    """A city's figures beside the averages: for the city itself, reviewers and staff.
    Another city's benchmark is a 404, as its private pages are."""

    permission_required = "reporting.view_benchmark"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.city = get_object_or_404(City, slug=kwargs["slug"])
        if not request.user.has_perm("reporting.view_benchmark", self.city):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_permission_object(self):
        return self.city

    def get(self, request, slug, year=None):
        cycles = list(
            ReportingCycle.objects.filter(reports__city=self.city).order_by("-year").distinct()
        )
        if year is None:
            if not cycles:
                return render(
                    request, "library/benchmark.html", {"city": self.city, "benchmark": None}
                )
            return redirect("library:benchmark_cycle", slug=slug, year=cycles[0].year)
        cycle = get_object_or_404(ReportingCycle, year=year)
        benchmark = figures.city_benchmark(city=self.city, cycle=cycle)
        return render(
            request,
            "library/benchmark.html",
            {
                "city": self.city,
                "benchmark": benchmark,
                "cycles": cycles,
                "min_group": figures.MIN_GROUP,
            },
        )


class ExportView(RulesPermissionMixin, View):
    permission_required = "reporting.export_cycle_data"

    def get(self, request, year, level, fmt):
        if fmt not in exports.FORMATS or (fmt == "csv" and level not in exports.LEVELS):
            raise Http404
        if fmt == "xlsx" and level != "all":
            raise Http404
        # Choice labels in the language chosen on the dashboard (the interface's by
        # default); codes stay as they are whatever the language.
        language = request.GET.get("language") or _interface_language()
        if language not in dict(settings.LANGUAGES):
            raise Http404
        cycle = get_object_or_404(ReportingCycle, year=year)
        exports.export_log(
            user=request.user, cycle=cycle, fmt=fmt, level=level, ip=client_ip(request)
        )
        filename = exports.export_filename(cycle=cycle, level=level, fmt=fmt)
        if fmt == "csv":
            response = StreamingHttpResponse(
                exports.csv_stream(
                    exports.export_rows(
                        cycle=cycle,
                        level=exports.LEVELS[level],
                        user=request.user,
                        language=language,
                    )
                ),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
        else:
            response = FileResponse(
                exports.xlsx_file(cycle=cycle, user=request.user, language=language),
                as_attachment=True,
                filename=filename,
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenListView(RulesPermissionMixin, View):
    permission_required = "reporting.manage_api_tokens"

    def get(self, request):
        return render(
            request,
            "library/api_tokens.html",
            {
                "tokens": ApiToken.objects.filter(user=request.user),
                "new_key": request.session.pop("library_new_api_key", None),
            },
        )

    def post(self, request):
        try:
            _token, key = api_token_create(user=request.user, name=request.POST.get("name", ""))
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            # Shown once on the next page, then gone: the key is not stored anywhere.
            request.session["library_new_api_key"] = key
        return redirect("library:api_tokens")


class ApiTokenRevokeView(RulesPermissionMixin, PostOnlyMixin, View):
    permission_required = "reporting.manage_api_tokens"

    def post(self, request, pk):
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        api_token_revoke(token=token)
        messages.success(request, _("The token is revoked."))
        return redirect("library:api_tokens")


class ContactPublicationView(ReportMixin, PostOnlyMixin, View):
    """The city's primary account shows or hides its contacts on a published report."""

    permission_required = "reporting.manage_publication"

    def post(self, request, slug, year):
        try:
            report_set_contact_publication(
                report=self.report, by=request.user, publish=request.POST.get("publish") == "yes"
            )
        except ServiceError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your choice about the contacts is saved."))
        return redirect(reverse("library:city", args=[slug]))


def entry_url(entry: LibraryEntry) -> str:
    if entry.kind == LibraryEntry.Kind.MEASURE:
        return reverse("library:measure", args=[entry.measure_id])
    return reverse("reporting:report_detail", args=[entry.city.slug, entry.cycle.year])
