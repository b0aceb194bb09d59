"""Who may do what in the reviews app."""

import rules

from reporting.enums import ReportState
from reporting.rules import (
    has_member_city_account,
    is_board_member,
    is_bureau_staff,
    is_city_account,
    is_reviewer,
)


def assigned_remember(user, report) -> None:
    """Notes on the user object (one request's lifetime) that `report` was found through
    their assignment, so `is_assigned` does not ask the database again."""
    # request.user is a lazy proxy: getattr/setattr reach the user object behind it.
    known = getattr(user, "_reviews_assigned_ids", None)
    if known is None:
        known = set()
        user._reviews_assigned_ids = known
    known.add(report.pk)


@rules.predicate
def is_assigned(user, report):
    if report is None or not user.is_authenticated:
        return False
    if report.pk in getattr(user, "_reviews_assigned_ids", ()):
        return True
    return report.assignments.filter(reviewer=user).exists()


can_manage_reviews = is_bureau_staff | is_board_member
rules.add_perm("reviews.view_worklist", is_reviewer | can_manage_reviews)
rules.add_perm("reviews.assign", can_manage_reviews)
rules.add_perm("reviews.review_report", is_reviewer & is_assigned)
rules.add_perm("reviews.send_letters", is_bureau_staff)


@rules.predicate
def feedback_is_published(user, report):
    return report is not None and report.state == ReportState.PUBLISHED and report.publish_feedback


# Review drafts and unsent letters: the assigned reviewers, staff and the Board only.
rules.add_perm("reviews.preview_letter", can_manage_reviews | (is_reviewer & is_assigned))
rules.add_perm("reviews.read_reviews", can_manage_reviews)
rules.add_perm(
    "reviews.read_feedback",
    can_manage_reviews
    | is_city_account
    | (is_reviewer & is_assigned)
    | (has_member_city_account & feedback_is_published),
)
rules.add_perm("reviews.write_general_feedback", can_manage_reviews)
rules.add_perm("reviews.declare_conflict", is_reviewer)
