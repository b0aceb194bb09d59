"""Who may do what with personal data, as django-rules predicates (loaded by
`eccar.apps`). Every logged-in person reads and downloads their own data; staff
produce anyone's, anonymise and decide erasure requests; a city's primary account
or staff clear the city's contacts and mayor's details."""

import rules

from reporting.rules import is_bureau_staff, is_city_primary


@rules.predicate
def is_logged_in(user):
    return user.is_authenticated and user.is_active


rules.add_perm("privacy.download_own_data", is_logged_in)
rules.add_perm("privacy.request_erasure", is_logged_in)
rules.add_perm("privacy.manage_personal_data", is_bureau_staff)
rules.add_perm("privacy.clear_city_contacts", is_bureau_staff | is_city_primary)
