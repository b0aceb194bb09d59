"""Reading the review form: texts, feedback per commitment and the criterion scores of
every level-2 measure, posted together (by the Save button or by autosave)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .enums import SCORE_MAX, SCORE_MIN
from .services import REVIEW_TEXT_FIELDS

COMMITMENT_NUMBERS = range(1, 11)


@dataclass
class ReviewFormData:
    texts: dict = field(default_factory=dict)
    commitment_feedback: dict = field(default_factory=dict)
    # (measure id, criterion id) -> (score or None, comment)
    assessments: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    # (measure id, criterion id) of a comment typed before its score: the rest of the
    # form is saved, this row is left as stored and the reviewer is told which it is.
    unscored: list = field(default_factory=list)


def parse_review_post(post, *, measure_ids, criterion_ids) -> ReviewFormData:
    """Only fields that were posted change, so a page built before a criterion was added
    never wipes anything. Unknown or foreign ids are ignored rather than trusted."""
    data = ReviewFormData()
    for name in REVIEW_TEXT_FIELDS:
        if name in post:
            data.texts[name] = post.get(name, "")
    if any(f"cf-{n}" in post for n in COMMITMENT_NUMBERS):
        data.commitment_feedback = {
            str(n): post.get(f"cf-{n}", "") for n in COMMITMENT_NUMBERS if f"cf-{n}" in post
        }
    for measure_id in measure_ids:
        for criterion_id in criterion_ids:
            key = f"{measure_id}-{criterion_id}"
            if f"score-{key}" not in post and f"comment-{key}" not in post:
                continue
            raw = (post.get(f"score-{key}") or "").strip()
            comment = (post.get(f"comment-{key}") or "").strip()
            score = None
            if raw:
                # The length first: int() refuses more than 4,300 digits with a 500.
                if not raw.isdecimal() or len(raw) > 3 or not SCORE_MIN <= int(raw) <= SCORE_MAX:
                    data.errors[f"score-{key}"] = _("Give a score from %(min)s to %(max)s.") % {
                        "min": SCORE_MIN,
                        "max": SCORE_MAX,
                    }
                    continue
                score = int(raw)
            elif comment:
                data.unscored.append((measure_id, criterion_id))
                continue
            data.assessments[(measure_id, criterion_id)] = (score, comment)
    return data
