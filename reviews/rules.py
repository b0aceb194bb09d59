"""Who may do what in the reviews app."""

import rules

from reporting.rules import is_board_member, is_bureau_staff, is_reviewer


@rules.predicate
def is_assigned(user, report):
    if report is None or not user.is_authenticated:
        return False
    return report.assignments.filter(reviewer=user).exists()


can_manage_reviews = is_bureau_staff | is_board_member
rules.add_perm("reviews.view_worklist", is_reviewer | can_manage_reviews)
rules.add_perm("reviews.assign", can_manage_reviews)
rules.add_perm("reviews.review_report", is_reviewer & is_assigned)
rules.add_perm("reviews.send_letters", is_bureau_staff)
