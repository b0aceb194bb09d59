"""Who may do what in the reporting app, as django-rules predicates.

Views check these through `permission_required`, templates through
`{% has_perm %}`, so a permission is written once. City predicates read the
user's active city accounts once per request (see `active_roles`).
"""

import rules

from .enums import AccountRole, MembershipStatus, ReportState


def _load_city_accounts(user) -> None:
    """The user's active accounts, read once per request (one query) and kept on the
    user object: every page asks several predicates about them."""
    rows = user.city_accounts.filter(is_active=True).values_list(
        "city_id", "role", "city__membership_status"
    )
    roles, member_cities = {}, set()
    for city_id, role, membership_status in rows:
        roles[city_id] = role
        if membership_status == MembershipStatus.MEMBER:
            member_cities.add(city_id)
    user._eccar_city_roles = roles
    user._eccar_member_cities = member_cities


def active_roles(user) -> dict[int, str]:
    """{city_id: role} of the user's active accounts."""
    if not user.is_authenticated:
        return {}
    if getattr(user, "_eccar_city_roles", None) is None:
        _load_city_accounts(user)
    return user._eccar_city_roles


def _city_id(obj):
    """Accepts a City or anything that belongs to one (report, account)."""
    if obj is None:
        return None
    return getattr(obj, "city_id", None) or obj.pk


@rules.predicate
def is_bureau_staff(user):
    return user.is_authenticated and user.is_active and user.is_staff


@rules.predicate
def is_board_member(user):
    return user.is_authenticated and user.is_active and user.is_board_member


@rules.predicate
def is_reviewer(user):
    return user.is_authenticated and user.is_active and user.is_reviewer


@rules.predicate
def has_city_account(user):
    return bool(active_roles(user))


@rules.predicate
def is_city_account(user, obj):
    return _city_id(obj) in active_roles(user)


@rules.predicate
def is_city_primary(user, obj):
    return active_roles(user).get(_city_id(obj)) == AccountRole.PRIMARY


can_view_city = is_bureau_staff | is_city_account
can_manage_city_accounts = is_bureau_staff | is_city_primary
can_list_cities = is_bureau_staff | is_board_member

rules.add_perm("reporting.view_city_page", can_view_city)
rules.add_perm("reporting.invite_secondary", can_manage_city_accounts)
rules.add_perm("reporting.deactivate_account", can_manage_city_accounts)
rules.add_perm("reporting.invite_primary", is_bureau_staff)
rules.add_perm("reporting.list_cities", can_list_cities)
rules.add_perm("reporting.decide_access_requests", is_bureau_staff)


# --- Reports -------------------------------------------------------------------

EDITABLE_STATES = {ReportState.DRAFT, ReportState.UPDATING}
REVIEWABLE_STATES = {
    ReportState.SUBMITTED,
    ReportState.FEEDBACK_RECEIVED,
    ReportState.UPDATING,
    ReportState.PUBLISHED,
}


@rules.predicate
def report_is_editable(user, report):
    return report is not None and report.state in EDITABLE_STATES


@rules.predicate
def report_is_submitted(user, report):
    return report is not None and report.state == ReportState.SUBMITTED


@rules.predicate
def report_reached_reviewers(user, report):
    return report is not None and report.state in REVIEWABLE_STATES


@rules.predicate
def report_is_published(user, report):
    return report is not None and report.state == ReportState.PUBLISHED


@rules.predicate
def city_in_good_standing(user, obj):
    city = getattr(obj, "city", obj)
    return city is not None and city.membership_status == MembershipStatus.MEMBER


@rules.predicate
def _has_member_city_account(user):
    return has_member_city_account(user)


@rules.predicate
def reviewer_has_conflict(user, report):
    """The reviewer declared a conflict of interest with the report's city or its country
    (reviews' ConflictOfInterest, reached by its related name: reporting does not import
    reviews; `cities()` covers the cities of a country admitted later too). Read once
    per request and kept on the user."""
    if report is None:
        return False
    if report.city_id in getattr(user, "_eccar_conflict_free_cities", ()):
        return False
    if getattr(user, "_eccar_conflict_cities", None) is None:
        conflicts = getattr(user, "conflicts", None)
        user._eccar_conflict_cities = (
            set(conflicts.cities().values_list("pk", flat=True)) if conflicts is not None else set()
        )
    return report.city_id in user._eccar_conflict_cities


def conflict_free_remember(user, city_id) -> None:
    """Notes on the user object (one request's lifetime) that the database found no
    conflict of this reviewer with the city (a query that left conflicts out found its
    report), so `reviewer_has_conflict` does not ask again."""
    # request.user is a lazy proxy: getattr/setattr reach the user object behind it.
    known = getattr(user, "_eccar_conflict_free_cities", None)
    if known is None:
        known = set()
        user._eccar_conflict_free_cities = known
    known.add(city_id)


can_read_report = (
    is_bureau_staff
    | is_city_account
    | (is_reviewer & report_is_published)
    | (is_reviewer & report_reached_reviewers & ~reviewer_has_conflict)
    | ((_has_member_city_account | is_board_member) & report_is_published)
)
can_edit_report = is_city_account & report_is_editable & city_in_good_standing
can_submit_report = is_city_primary & report_is_editable & city_in_good_standing
can_return_report = is_bureau_staff & report_is_submitted

rules.add_perm("reporting.read_report", can_read_report)
rules.add_perm("reporting.edit_report", can_edit_report)
rules.add_perm("reporting.submit_report", can_submit_report)
rules.add_perm("reporting.return_report", can_return_report)
rules.add_perm("reporting.start_report", is_city_account & city_in_good_standing)

# Every frozen revision (the first submission and each update after feedback): the
# readers of the unpublished report. Member cities read the latest published one only.
can_read_revisions = (
    is_bureau_staff
    | is_city_account
    | (is_reviewer & report_reached_reviewers & ~reviewer_has_conflict)
)
rules.add_perm("reporting.read_revisions", can_read_revisions)


@rules.predicate
def report_has_feedback(user, report):
    return report is not None and report.state in {
        ReportState.FEEDBACK_RECEIVED,
        ReportState.PUBLISHED,
    }


rules.add_perm("reporting.manage_publication", is_city_primary & report_has_feedback)


@rules.predicate
def report_publishes_contacts(user, report):
    return report is not None and report.state == ReportState.PUBLISHED and report.publish_contacts


# The contact persons (name, function, department, email of level 1): the city itself,
# staff and the reviewers who read its report; everyone else (member cities, the
# Board) only while it is published with "Show our contact persons". Every surface
# asks this one predicate: the report page and its PDF, the library, the API, exports.
can_see_contacts = (
    is_bureau_staff
    | is_city_account
    | (is_reviewer & report_reached_reviewers & ~reviewer_has_conflict)
    | report_publishes_contacts
)
rules.add_perm("reporting.see_contacts", can_see_contacts)


# --- Membership --------------------------------------------------------------------


@rules.predicate
def has_member_city_account(user):
    """An active account of a city in good standing: reads the library, votes."""
    if not user.is_authenticated:
        return False
    if getattr(user, "_eccar_member_cities", None) is None:
        _load_city_accounts(user)
    return bool(user._eccar_member_cities)


can_decide_membership = is_bureau_staff | is_board_member
rules.add_perm("reporting.decide_applications", can_decide_membership)
rules.add_perm("reporting.change_membership", is_bureau_staff)
rules.add_perm(
    "reporting.view_directory",
    has_member_city_account | is_bureau_staff | is_board_member | is_reviewer,
)
rules.add_perm("reporting.rerun_translation", is_bureau_staff)
rules.add_perm("reporting.view_reminders", is_bureau_staff)


# --- Library, cycle dashboard, exports and API (issue 6) ----------------------------

# Published reports are for member cities in good standing and for the coalition's
# bodies; a suspended city keeps its own reports but not the library.
can_browse_library = has_member_city_account | is_bureau_staff | is_board_member | is_reviewer
can_view_cycle_dashboard = is_bureau_staff | is_board_member | is_reviewer
# The standardised data of every submitted report: the bodies that analyse it.
can_export_cycle_data = is_bureau_staff | is_board_member | is_reviewer
# A city's figures beside the averages: the city itself, the Advisory Board and staff.
can_view_benchmark = is_bureau_staff | is_reviewer | is_city_account

rules.add_perm("reporting.browse_library", can_browse_library)
rules.add_perm("reporting.view_cycle_dashboard", can_view_cycle_dashboard)
rules.add_perm("reporting.export_cycle_data", can_export_cycle_data)
rules.add_perm("reporting.view_benchmark", can_view_benchmark)
rules.add_perm("reporting.manage_api_tokens", can_browse_library)
