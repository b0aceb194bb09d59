"""Turns what a browser sent for one question into the value stored in Answer.value.

Every type has one cleaner; each raises ServiceError with a message for the person
typing. Empty input is stored as None ("not answered")."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format
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


def date_input_format() -> str:
    """The strftime format dates are typed in, in the interface's language (21/03/2025
    in French, 21.03.2025 in German, 2025-03-21 in English)."""
    return get_format("DATE_INPUT_FORMATS")[0]


def date_for_input(value) -> str:
    """A stored ISO date as the interface's language writes it; anything else as is."""
    try:
        return datetime.date.fromisoformat(str(value)).strftime(date_input_format())
    except ValueError:
        return str(value)


def date_example() -> str:
    return datetime.date(2025, 3, 21).strftime(date_input_format())


def _parse_date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    # The interface language's formats, then the ISO one a date picker sends.
    for fmt in get_format("DATE_INPUT_FORMATS"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _date(raw: list[str]):
    text = (raw[0] if raw else "").strip()
    if not text:
        return None
    # A date is short: a long text is refused before strptime sees it.
    day = _parse_date(text) if len(text) <= 20 else None
    if day is None:
        raise ServiceError(
            _("Enter a date, for example %(example)s.") % {"example": date_example()}
        )
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


# "About 10-20 sentences", "en 5 à 10 phrases", "in etwa 5 bis 15 Sätzen".
_GUIDANCE = re.compile(
    r"(\d{1,3})\s*(?:-|\u2013|à|bis|to)\s*(\d{1,3})\s+(?:sentences|phrases|Sätzen|Sätze)",
    re.IGNORECASE,
)


def length_guidance(help_text: str) -> dict | None:
    """The number of sentences a long text's help asks for, {"min", "max"}, or None."""
    match = _GUIDANCE.search(help_text or "")
    if not match:
        return None
    low, high = int(match.group(1)), int(match.group(2))
    return {"min": low, "max": high} if low <= high else None


def is_answered(value) -> bool:
    return value not in (None, "", [])
