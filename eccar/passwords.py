"""Password validators beyond Django's own, following current guidance (NIST SP 800-63B):
length and a block list, no composition rules. Django's CommonPasswordValidator catches
exact common passwords; these catch the usual disguises of them."""

import re
from functools import cache

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def _core(password: str) -> str:
    """A common password with digits, years or symbols stuck on either end, or in leetspeak."""
    lowered = password.lower().strip()
    stripped = re.sub(r"^[\W\d_]+|[\W\d_]+$", "", lowered)
    return stripped.translate(_LEET)


class CommonVariantValidator:
    """Refuses 'Password2025!', 'p@ssw0rd!!!' and similar variants of breached passwords."""

    def validate(self, password, user=None):
        lowered = password.lower().strip()
        candidates = {_core(password), lowered.translate(_LEET)}
        # A common word repeated ('letmeinletmein') is no stronger than the word.
        for size in range(4, len(lowered) // 2 + 1):
            if len(lowered) % size == 0 and lowered == lowered[:size] * (len(lowered) // size):
                candidates.add(lowered[:size])
        if any(c and c in _common_passwords() for c in candidates):
            raise ValidationError(
                _("This password is a variant of a commonly used password."),
                code="password_common_variant",
            )

    def get_help_text(self):
        return _("Your password can't be a common password with a few characters added.")


class RepetitiveValidator:
    """Refuses passwords made of one character or a keyboard/alphabet run ('aaaaaaaaaaaa')."""

    SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm")

    def validate(self, password, user=None):
        lowered = password.lower()
        if len(set(lowered)) <= 3 or any(lowered in seq * 2 for seq in self.SEQUENCES):
            raise ValidationError(
                _("This password is too easy to guess: it repeats or follows a sequence."),
                code="password_repetitive",
            )

    def get_help_text(self):
        return _("Your password can't be a run of repeated or consecutive characters.")
