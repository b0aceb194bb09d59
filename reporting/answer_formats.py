"""Formats a few answers must have beyond their question's type, told by the question's
stable code (the questionnaire's data names them so): a short text whose code ends in
`_email` is an email address, a number whose code has the word `year` is a year.

"keine-adresse" for the contact's email or "2" for the year the city joined would
otherwise be stored, printed in the report and exported as if they were answers."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from eccar.errors import ServiceError

from .enums import QuestionType

# The coalition was founded in 2004: no city joined it earlier.
COALITION_FOUNDED = 2004
EARLIEST_YEAR = 1900
_YEAR_CODE = re.compile(r"(^|_)year(_|$)")


def is_email_question(question) -> bool:
    return question.type == QuestionType.SHORT_TEXT and question.code.endswith("_email")


def is_year_question(question) -> bool:
    return question.type == QuestionType.NUMBER and bool(_YEAR_CODE.search(question.code))


def year_range(question) -> tuple[int, int]:
    first = COALITION_FOUNDED if question.code.endswith("_joined") else EARLIEST_YEAR
    return first, timezone.localdate().year


def check_format(question, value):
    """`value` as cleaned for the question's type; raises ServiceError with a message for
    the person typing when it is not the address or year the question asks for."""
    if value is None:
        return None
    if is_email_question(question):
        try:
            validate_email(value)
        except ValidationError:
            raise ServiceError(
                _("Enter an email address, for example eccar@city.example.")
            ) from None
    elif is_year_question(question):
        first, last = year_range(question)
        if not isinstance(value, int) or not first <= value <= last:
            raise ServiceError(
                _("Enter a year with four digits, from %(first)s to %(last)s.")
                % {"first": first, "last": last}
            )
    return value
