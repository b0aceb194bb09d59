"""The read-only API: token handling, refusals, and every response checked against the
OpenAPI document it serves (a schema-driven walk in the manner of schemathesis)."""

import itertools

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from reporting.enums import MembershipStatus
from reporting.library.api import api_token_create, api_token_revoke, openapi_schema
from reporting.models import ApiToken
from tests.factories import CityFactory, UserFactory

from .conftest import write_report

pytestmark = pytest.mark.django_db


def validator_for(schema_document: dict, ref: str) -> Draft202012Validator:
    # The OpenAPI 3.1 document's schemas are JSON Schema 2020-12.
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(schema_document))
    return Draft202012Validator({"$ref": f"urn:api{ref}"}, registry=registry)


def assert_matches_schema(response, method="get", path_template=None):
    """The status is documented for the operation and the body matches its schema."""
    document = openapi_schema()
    operation = document["paths"][path_template][method]
    documented = operation["responses"]
    assert str(response.status_code) in documented, response.status_code
    schema = documented[str(response.status_code)]["content"]["application/json"]["schema"]
    ref = schema["$ref"].removeprefix("#")
    errors = list(validator_for(document, "#" + ref).iter_errors(response.json()))
    assert errors == []


@pytest.fixture
def published(lib_cycle, city, other_city):
    graz = write_report(
        city,
        lib_cycle,
        overview={"profile_contact_email": "eva@graz.at", "strategy_has_plan": "yes"},
        measures=[
            {"title": "Beratung", "commitments": [3], "groups": ["schools"], "budget": 12000}
        ],
    )
    write_report(other_city, lib_cycle, state="submitted", measures=[{"title": "Unpublished"}])
    return graz


@pytest.fixture
def api(client):
    def _get(path, key=None, **extra):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
        return client.get(path, **headers, **extra)

    return _get


@pytest.fixture
def key(other_primary):
    return api_token_create(user=other_primary, name="analysis")[1]


def test_schema_is_served_and_valid(client):
    response = client.get("/api/v1/openapi.json")

    document = response.json()
    assert document["openapi"].startswith("3.1")
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_api_lists_only_published_reports(api, key, published, lib_cycle):
    response = api("/api/v1/reports/", key)

    assert response.status_code == 200
    assert [r["city"] for r in response.json()["results"]] == ["Graz"]
    assert_matches_schema(response, path_template="/reports/")


def test_api_report_detail_matches_schema_and_answers(api, key, published, lib_cycle):
    response = api(f"/api/v1/reports/graz/{lib_cycle.year}/", key)

    body = response.json()
    assert_matches_schema(response, path_template="/reports/{city_slug}/{cycle}/")
    assert body["overview"] == {"strategy_has_plan": "yes"}  # contacts not published
    assert [(m["title"], m["answers"]["m_commitments"]) for m in body["measures"]] == [
        ("Beratung", [3])
    ]


def test_api_report_detail_includes_contacts_when_published(api, key, lib_cycle, city):
    write_report(
        city, lib_cycle, overview={"profile_contact_email": "eva@graz.at"}, publish_contacts=True
    )

    body = api(f"/api/v1/reports/graz/{lib_cycle.year}/", key).json()

    assert body["overview"] == {"profile_contact_email": "eva@graz.at"}


def test_api_unpublished_report_is_404(api, key, published, lib_cycle):
    response = api(f"/api/v1/reports/malmo/{lib_cycle.year}/", key)

    assert response.status_code == 404
    assert_matches_schema(response, path_template="/reports/{city_slug}/{cycle}/")


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Bearer",
        "Bearer nonsense",
        "Bearer eccar_" + "x" * 43,
        "Token eccar_abc",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "eccar_" + "y" * 500,
    ],
)
def test_api_refuses_requests_without_a_valid_token(client, published, header):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}

    response = client.get("/api/v1/reports/", **extra)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert_matches_schema(response, path_template="/reports/")


def test_api_refuses_a_logged_in_session_without_token(login, other_primary, published):
    assert login(other_primary).get("/api/v1/reports/").status_code == 401


@pytest.mark.parametrize(
    "status", [MembershipStatus.SUSPENDED, MembershipStatus.LEFT, MembershipStatus.EXCLUDED]
)
def test_api_refuses_non_members(api, member_of, published, status):
    user = member_of()
    key = api_token_create(user=user, name="t")[1]
    user.city_accounts.update(city=CityFactory(membership_status=status))

    response = api("/api/v1/reports/", key)

    assert response.status_code == 403
    assert_matches_schema(response, path_template="/reports/")


def test_api_refuses_a_user_without_a_city(api, published):
    key = api_token_create(user=UserFactory(), name="t")[1]

    assert api("/api/v1/reports/", key).status_code == 403


def test_api_refuses_a_revoked_token(api, other_primary, published):
    token, key = api_token_create(user=other_primary, name="t")
    api_token_revoke(token=token)

    assert api("/api/v1/reports/", key).status_code == 401


def test_api_token_is_stored_only_as_a_hash(other_primary):
    token, key = api_token_create(user=other_primary, name="t")

    stored = ApiToken.objects.filter(pk=token.pk).values_list("key_hash", "prefix").get()
    assert key not in stored[0]
    assert key.startswith(stored[1])


# Documented parameters with values inside and outside their schema: every answer must
# be documented and match its schema; none may be a server error.
PARAMETER_VALUES = {
    "cycle": ["2101", "1999", "abc", "", "99999999999999999999", "9" * 5000],
    "commitment": ["3", "0", "11", "x"],
    "country": ["AT", "at", "Austria", "'; DROP TABLE x;--"],
    "page": ["1", "2", "0", "-1", "999999", "9" * 5000],
}


@pytest.mark.parametrize(
    ("name", "value"),
    [(n, v) for n, values in PARAMETER_VALUES.items() for v in values],
)
def test_api_list_answers_every_parameter_value_as_documented(api, key, published, name, value):
    response = api("/api/v1/reports/", key, data={name: value})

    assert response.status_code < 500
    assert_matches_schema(response, path_template="/reports/")


@pytest.mark.parametrize(
    ("slug", "year"),
    list(itertools.product(["graz", "malmo", "nowhere", "x-" * 40], ["2101", "1", "99999"])),
)
def test_api_detail_answers_every_path_as_documented(api, key, published, lib_cycle, slug, year):
    year = str(lib_cycle.year) if year == "2101" else year

    response = api(f"/api/v1/reports/{slug}/{year}/", key)

    assert response.status_code in (200, 404)
    assert_matches_schema(response, path_template="/reports/{city_slug}/{cycle}/")


def test_api_list_filters(api, key, lib_cycle, city, other_city):
    write_report(city, lib_cycle, measures=[{"title": "a", "commitments": [3]}])
    write_report(other_city, lib_cycle, measures=[{"title": "b", "commitments": [8]}])

    by_commitment = api("/api/v1/reports/", key, data={"commitment": 8}).json()
    by_country = api("/api/v1/reports/", key, data={"country": "at"}).json()

    assert [r["city"] for r in by_commitment["results"]] == ["Malmö"]
    assert [r["city"] for r in by_country["results"]] == ["Graz"]


def test_api_rejects_writes(client, key, published):
    response = client.post("/api/v1/reports/", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code in (401, 405)


# --- Token page -----------------------------------------------------------------------------


def test_token_page_shows_a_new_key_once(login, other_primary):
    client = login(other_primary)

    client.post("/library/api-tokens/", {"name": "My script"})
    first = client.get("/library/api-tokens/")
    second = client.get("/library/api-tokens/")

    assert first.context["new_key"].startswith("eccar_")
    assert second.context["new_key"] is None
    assert ApiToken.objects.get().name == "My script"


def test_token_page_refuses_an_empty_name(login, other_primary):
    login(other_primary).post("/library/api-tokens/", {"name": "  "})

    assert not ApiToken.objects.exists()


def test_token_revoke_of_another_users_token_is_404(login, primary, other_primary):
    token, _key = api_token_create(user=other_primary, name="t")

    response = login(primary).post(f"/library/api-tokens/{token.pk}/revoke/")

    token.refresh_from_db()
    assert (response.status_code, token.revoked_at) == (404, None)


def test_token_page_refused_to_non_members(login, member_of):
    response = login(member_of(MembershipStatus.SUSPENDED)).get("/library/api-tokens/")

    assert response.status_code == 403


def test_api_list_reads_the_library_pages_filters(api, key, lib_cycle, city):
    small = CityFactory(name="Wörgl", slug="worgl", country="AT", population=14_000)
    write_report(city, lib_cycle, measures=[{"title": "A", "groups": ["schools"]}])
    write_report(small, lib_cycle, measures=[{"title": "B", "groups": ["young_people"]}])

    def cities(**params):
        response = api("/api/v1/reports/", key, data=params)
        assert response.status_code == 200
        return sorted(r["city_slug"] for r in response.json()["results"])

    assert cities(size="small") == ["worgl"]
    assert cities(target="schools") == ["graz"]
    assert cities(country="at", size="large") == ["graz"]
    assert api("/api/v1/reports/", key, data={"size": "huge"}).status_code == 400
