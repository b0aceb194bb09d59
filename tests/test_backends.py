"""Model permissions are asked of the database for staff only."""

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_city_account_model_permissions_cost_no_query(primary):
    primary.user_permissions.add(Permission.objects.get(codename="delete_city"))
    primary = type(primary).objects.get(pk=primary.pk)

    with CaptureQueriesContext(connection) as queries:
        allowed = primary.has_perm("reporting.delete_city")

    assert (allowed, len(queries)) == (False, 0)


def test_staff_keep_their_model_permissions(staff):
    staff.user_permissions.add(Permission.objects.get(codename="delete_city"))
    staff = type(staff).objects.get(pk=staff.pk)

    assert staff.has_perm("reporting.delete_city")


def test_logged_in_user_is_read_from_the_cache(login, primary):
    client = login(primary)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        client.get("/")

    assert not [q for q in queries if 'FROM "reporting_user"' in q["sql"]]


def test_deactivated_user_is_logged_out_at_the_next_request(login, primary):
    client = login(primary)
    assert client.get("/").context["user"].is_authenticated  # cached now
    primary.is_active = False
    primary.save()

    response = client.get("/")

    assert not response.context["user"].is_authenticated


def test_new_password_ends_other_sessions_at_the_next_request(login, primary):
    client = login(primary)
    assert client.get("/").context["user"].is_authenticated  # cached now
    primary.set_password("a-new-and-long-passphrase")
    primary.save()

    response = client.get("/")

    assert not response.context["user"].is_authenticated
