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
