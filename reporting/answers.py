"""Turns what a browser sent for one question into the value stored in Answer.value.

Every type has one cleaner; each raises ServiceError with a message for the person
typing. Empty input is stored as None ("not answered")."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from eccar.errors import ServiceError

from .answer_formats import check_format
from .enums import QuestionType

SHORT_TEXT_MAX = 500
LONG_TEXT_MAX = 50_000
NUMBER_LIMIT = Decimal("1e15")
# Longer than any number a person types for a figure below NUMBER_LIMIT ("1 000 000 000
# 000,00" and its separators): refused before Decimal() and int() see it.
NUMBER_TEXT_MAX = 40
# Control characters other than tab and newlines never belong in an answer.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(raw: list[str], limit: int) -> str | None:
    text = _CONTROL.sub("", (raw[0] if raw else "")).replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ServiceError(
            _("This answer is too long (%(n)s characters; at most %(max)s).")
            % {"n": len(text), "max": limit}
        )
    return text or None


def _number(raw: list[str]):
    text = (raw[0] if raw else "").strip()
    if not text:
        return None
    # Accept "1 200", "1'200", "1.200,50" and "1,200.50" as people write them.
    compact = re.sub(r"[\s'\u00a0\u202f]", "", text)
    if "," in compact and "." in compact:
        decimal_mark = "," if compact.rfind(",") > compact.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        compact = compact.replace(thousands, "").replace(decimal_mark, ".")
    elif compact.count(",") == 1 and len(compact.split(",")[1]) != 3:
        compact = compact.replace(",", ".")
    else:
        compact = compact.replace(",", "")
    if len(compact) > NUMBER_TEXT_MAX:
        raise ServiceError(_("This number is out of range."))
    try:
        number = Decimal(compact)
    except InvalidOperation:
        raise ServiceError(_("Enter a number, for example 1200 or 12.5.")) from None
    # copy_abs() and adjusted() need no arithmetic context: abs() of 1e999999999 would
    # exceed the context's exponent and raise decimal.Overflow.
    if not number.is_finite() or number.copy_abs().adjusted() >= NUMBER_LIMIT.adjusted():
        raise ServiceError(_("This number is out of range."))
    return int(number) if number == number.to_integral_value() else float(number)


def _yes_no(raw: list[str]):
    value = (raw[0] if raw else "").strip()
    if value in ("", None):
        return None
    if value not in ("yes", "no"):
        raise ServiceError(_("Choose yes or no."))
    return value


def _single(raw: list[str], allowed: list[str]):
    value = (raw[0] if raw else "").strip()
    if not value:
        return None
    if value not in allowed:
        raise ServiceError(_("Choose one of the options offered."))
    return value


def _multiple(raw: list[str], allowed: list):
    chosen = {value.strip() for value in raw if value and value.strip()}
    unknown = chosen - {str(a) for a in allowed}
    if unknown:
        raise ServiceError(_("Choose among the options offered."))
    # Keep the questionnaire's order, whatever order the browser sent.
    return [a for a in allowed if str(a) in chosen] or None


def _date(raw: list[str]):
    text = (raw[0] if raw else "").strip()
    if not text:
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        raise ServiceError(_("Enter a date as YYYY-MM-DD.")) from None
    if not 1900 <= day.year <= 2100:
        raise ServiceError(_("Enter a date between 1900 and 2100."))
    return day.isoformat()


def clean_answer_value(question, raw, *, commitment_numbers: list[int]):
    """`raw` is the list of strings a form sent for the question (getlist)."""
    if isinstance(raw, str):
        raw = [raw]
    raw = [str(item) for item in (raw or [])]
    kind = question.type
    if kind == QuestionType.SHORT_TEXT:
        return check_format(question, _text(raw, SHORT_TEXT_MAX))
    if kind == QuestionType.LONG_TEXT:
        return _text(raw, LONG_TEXT_MAX)
    if kind == QuestionType.NUMBER:
        return check_format(question, _number(raw))
    if kind == QuestionType.YES_NO:
        return _yes_no(raw)
    if kind == QuestionType.DATE:
        return _date(raw)
    choices = [choice.value for choice in question.choices.all()]
    if kind == QuestionType.SINGLE_CHOICE:
        return _single(raw, choices)
    if kind == QuestionType.MULTIPLE_CHOICE:
        return _multiple(raw, choices)
    if kind == QuestionType.COMMITMENTS:
        return _multiple(raw, commitment_numbers)
    raise ServiceError(_("Unknown question type."))


def is_answered(value) -> bool:
    return value not in (None, "", [])
