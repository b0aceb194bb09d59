"""A read-only JSON API of published reports for member cities, with token auth, and
the services of its tokens.

A token acts for its owner and only while the owner may read the library: a city
suspended after the token was made loses access at once. The list's parameters are
read by the library page's own `LibraryFilterSet`, so both accept the same values.

Why not django-ninja: the API is three GET endpoints whose parameters are already
validated by the library's FilterSet; ninja would bring Pydantic (and its compiled
core) for them, a second way of declaring and validating the same filters, and an
OpenAPI document generated from Pydantic models that we would still have to check
against the one clients use today (the tests validate every answer against it). The
hand-written schema below is short, versioned with the views it describes, and tested;
if the API grows past a handful of endpoints, ninja is the first choice."""

import hashlib
import secrets

from django.core.paginator import Paginator
from django.db import transaction
from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from eccar.errors import ServiceError
from eccar.security_log import log_permission_refused
from eccar.views import bounded_int
from reporting.enums import SectionLevel
from reporting.models import Answer, ApiToken, LibraryEntry, Report
from reporting.rules import can_see_contacts

from .filters import LibraryFilterSet
from .search import library_entries

# Not a secret: a marker that makes leaked keys easy to recognise and scan for.
TOKEN_PREFIX = "eccar_"  # noqa: S105
API_PAGE_SIZE = 50
MAX_TOKENS_PER_USER = 10


def _hash(key: str) -> str:
    # Keys are 256 random bits: a plain SHA-256 is enough and allows an indexed lookup.
    return hashlib.sha256(key.encode()).hexdigest()


# --- Services ----------------------------------------------------------------------------


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Creates a token and returns it with its key, which is never stored nor shown again."""
    name = (name or "").strip()[:100]
    if not name:
        raise ServiceError(_("Give the token a name, e.g. the tool that will use it."))
    with transaction.atomic():
        active = ApiToken.objects.select_for_update().filter(user=user, revoked_at__isnull=True)
        if active.count() >= MAX_TOKENS_PER_USER:
            raise ServiceError(_("You have too many active tokens; revoke one first."))
        key = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user, name=name, prefix=key[: len(TOKEN_PREFIX) + 6], key_hash=_hash(key)
        )
    return token, key


def api_token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_user(key: str):
    """The active user a key belongs to, or None."""
    if not key or not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_hash(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 300:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- Views ---------------------------------------------------------------------------------


def _error(status: int, message: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="eccar"'
    return response


class ApiView(View):
    """Token in `Authorization: Bearer <key>`; sessions are not accepted, so a page can
    never make the browser call the API on a member's behalf."""

    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _sep, key = header.partition(" ")
        user = api_token_user(key.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            return _error(401, "A valid API token is required (Authorization: Bearer <token>).")
        if not user.has_perm("reporting.browse_library"):
            request.user = user
            log_permission_refused(request, "api")
            return _error(403, "Only member cities in good standing may use this API.")
        request.user = user
        return super().dispatch(request, *args, **kwargs)


def _int_param(request, name: str, *, default=None, low=1, high=10**6):
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    value = bounded_int(raw)
    if value is None or not low <= value <= high:
        raise ValueError(name)
    return value


def _report_summary(entry: LibraryEntry, request) -> dict:
    return {
        "city": entry.city.name,
        "city_slug": entry.city.slug,
        "country": entry.city.country.code,
        "size_category": entry.city.size_category,
        "cycle": entry.cycle.year,
        "published_at": entry.published_at.isoformat(),
        "language": entry.source_language,
        "commitments": sorted(c.number for c in entry.commitments.all()),
        "url": request.build_absolute_uri(
            reverse("library:api_report", args=[entry.city.slug, entry.cycle.year])
        ),
    }


class ReportListApi(ApiView):
    def get(self, request):
        try:
            page = _int_param(request, "page", default=1)
        except ValueError as error:
            return _error(400, f"Invalid parameter: {error}.")
        filterset = LibraryFilterSet(
            request.GET, queryset=library_entries().filter(kind=LibraryEntry.Kind.REPORT)
        )
        if not filterset.is_valid():
            return _error(400, f"Invalid parameter: {', '.join(sorted(filterset.errors))}.")
        entries = (
            filterset.qs.select_related("city", "cycle")
            .prefetch_related("commitments")
            .order_by("-cycle__year", "city__name", "pk")
        )
        paginator = Paginator(entries, API_PAGE_SIZE)
        if page > max(paginator.num_pages, 1):
            return _error(404, "No such page.")
        page_obj = paginator.page(page)
        return JsonResponse(
            {
                "count": paginator.count,
                "page": page,
                "pages": paginator.num_pages,
                "results": [_report_summary(e, request) for e in page_obj.object_list],
            }
        )


class ReportDetailApi(ApiView):
    def get(self, request, slug, year):
        entry = (
            library_entries()
            .filter(kind=LibraryEntry.Kind.REPORT, city__slug=slug, cycle__year=year)
            .select_related("city", "cycle", "report")
            .prefetch_related("commitments")
            .first()
        )
        if entry is None:
            return _error(404, "No published report of this city and cycle.")
        report: Report = entry.report
        rows = Answer.objects.filter(report=report).values_list(
            "measure_id",
            "question__code",
            "question__section__level",
            "question__personal",
            "value",
        )
        # Answers to personal questions (the contact persons and any other question
        # flagged personal) only if the token's owner may see them: the city published
        # its contacts, or the owner is the city itself; otherwise they are left out.
        show_personal = can_see_contacts(request.user, report)
        overview, by_measure = {}, {}
        for measure_id, code, level, personal, value in rows:
            if personal and not show_personal:
                continue
            if measure_id is None and level == SectionLevel.OVERVIEW:
                overview[code] = value
            elif measure_id is not None:
                by_measure.setdefault(measure_id, {})[code] = value
        measures = [
            {
                "id": m.pk,
                "title": m.title,
                "answers": by_measure.get(m.pk, {}),
                "url": request.build_absolute_uri(reverse("library:measure", args=[m.pk])),
            }
            for m in report.measures.order_by("order", "pk")
        ]
        return JsonResponse(
            {
                **_report_summary(entry, request),
                "overview": overview,
                "measures": measures,
            }
        )


class SchemaApi(View):
    """The OpenAPI document; public, it describes and exposes no data."""

    def get(self, request):
        return JsonResponse(openapi_schema(request))


def openapi_schema(request=None) -> dict:
    server = request.build_absolute_uri("/api/v1") if request else "/api/v1"
    error = {"$ref": "#/components/schemas/Error"}

    def responses(ok_ref):
        return {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": {"$ref": ok_ref}}},
            },
            "400": {
                "description": "Invalid parameter",
                "content": {"application/json": {"schema": error}},
            },
            "401": {
                "description": "No or unknown token",
                "content": {"application/json": {"schema": error}},
            },
            "403": {
                "description": "The token's owner is not a member in good standing",
                "content": {"application/json": {"schema": error}},
            },
            "404": {"description": "Not found", "content": {"application/json": {"schema": error}}},
        }

    summary_properties = {
        "city": {"type": "string"},
        "city_slug": {"type": "string"},
        "country": {"type": "string", "pattern": "^[A-Z]{2}$"},
        "size_category": {"type": "string", "enum": ["small", "large"]},
        "cycle": {"type": "integer"},
        "published_at": {"type": "string", "format": "date-time"},
        "language": {"type": "string"},
        "commitments": {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 10}},
        "url": {"type": "string", "format": "uri"},
    }
    answer_map = {
        "type": "object",
        "description": "Answers by question code (see the cycle's questionnaire).",
        "additionalProperties": {
            "anyOf": [
                {"type": "string"},
                {"type": "number"},
                {"type": "array", "items": {"type": ["string", "integer"]}},
                {"type": "null"},
            ]
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ECCAR Online City Reporting: published reports",
            "version": "1.0.0",
            "description": (
                "Read-only access to the reports member cities have published. Create a "
                "token on the platform (Library → API tokens) and send it as "
                "`Authorization: Bearer <token>`."
            ),
        },
        "servers": [{"url": server}],
        "security": [{"bearerAuth": []}],
        "paths": {
            "/reports/": {
                "get": {
                    "operationId": "listReports",
                    "summary": "Published reports, newest cycle first",
                    "parameters": [
                        {
                            "name": "cycle",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 2000, "maximum": 2200},
                        },
                        {
                            "name": "commitment",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1, "maximum": 10},
                        },
                        {
                            "name": "country",
                            "in": "query",
                            "schema": {"type": "string", "pattern": "^[A-Za-z]{2}$"},
                        },
                        {
                            "name": "size",
                            "in": "query",
                            "schema": {"type": "string", "enum": ["small", "large"]},
                        },
                        {
                            "name": "target",
                            "in": "query",
                            "description": "A target group's value, as in the questionnaire.",
                            "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                        },
                        {
                            "name": "page",
                            "in": "query",
                            "schema": {"type": "integer", "minimum": 1},
                        },
                    ],
                    "responses": responses("#/components/schemas/ReportList"),
                }
            },
            "/reports/{city_slug}/{cycle}/": {
                "get": {
                    "operationId": "getReport",
                    "summary": "One published report with its answers and measures",
                    "parameters": [
                        {
                            "name": "city_slug",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
                        },
                        {
                            "name": "cycle",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "integer"},
                        },
                    ],
                    "responses": responses("#/components/schemas/Report"),
                }
            },
        },
        "components": {
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string"}},
                    "additionalProperties": False,
                },
                "ReportSummary": {
                    "type": "object",
                    "required": list(summary_properties),
                    "properties": summary_properties,
                    "additionalProperties": False,
                },
                "ReportList": {
                    "type": "object",
                    "required": ["count", "page", "pages", "results"],
                    "properties": {
                        "count": {"type": "integer", "minimum": 0},
                        "page": {"type": "integer", "minimum": 1},
                        "pages": {"type": "integer", "minimum": 1},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/ReportSummary"},
                        },
                    },
                    "additionalProperties": False,
                },
                "Measure": {
                    "type": "object",
                    "required": ["id", "title", "answers", "url"],
                    "properties": {
                        "id": {"type": "integer"},
                        "title": {"type": "string"},
                        "answers": answer_map,
                        "url": {"type": "string", "format": "uri"},
                    },
                    "additionalProperties": False,
                },
                "Report": {
                    "type": "object",
                    "required": [*summary_properties, "overview", "measures"],
                    "properties": {
                        **summary_properties,
                        "overview": answer_map,
                        "measures": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Measure"},
                        },
                    },
                    "additionalProperties": False,
                },
            },
        },
    }
