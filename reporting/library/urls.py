"""Addresses of the library, the cycle dashboard, benchmarks, exports and the API.
Included from eccar/urls.py as the `library` namespace."""

from django.urls import path

from . import api
from . import views as lv

app_name = "library"

urlpatterns = [
    path("library/", lv.LibraryView.as_view(), name="index"),
    path("library/measures/<int:pk>/", lv.MeasureView.as_view(), name="measure"),
    path("library/cities/<slug:slug>/", lv.CityLibraryView.as_view(), name="city"),
    path(
        "library/cities/<slug:slug>/benchmark/",
        lv.BenchmarkView.as_view(),
        name="benchmark",
    ),
    path(
        "library/cities/<slug:slug>/benchmark/<int:year>/",
        lv.BenchmarkView.as_view(),
        name="benchmark_cycle",
    ),
    path(
        "library/cities/<slug:slug>/reports/<int:year>/contacts/",
        lv.ContactPublicationView.as_view(),
        name="contact_publication",
    ),
    path("library/api-tokens/", lv.ApiTokenListView.as_view(), name="api_tokens"),
    path(
        "library/api-tokens/<int:pk>/revoke/",
        lv.ApiTokenRevokeView.as_view(),
        name="api_token_revoke",
    ),
    path("dashboard/", lv.DashboardView.as_view(), name="dashboard"),
    path("dashboard/<int:year>/", lv.DashboardView.as_view(), name="dashboard_cycle"),
    path(
        "dashboard/<int:year>/export/<slug:level>.<slug:fmt>",
        lv.ExportView.as_view(),
        name="export",
    ),
    path("api/v1/openapi.json", api.SchemaApi.as_view(), name="api_schema"),
    path("api/v1/reports/", api.ReportListApi.as_view(), name="api_reports"),
    path(
        "api/v1/reports/<slug:slug>/<int:year>/",
        api.ReportDetailApi.as_view(),
        name="api_report",
    ),
]
