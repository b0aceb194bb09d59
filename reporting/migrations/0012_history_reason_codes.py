"""History rows written by the platform stored their reason as a sentence in the
language active at the time (mostly English): they now store a HistoryReason code, so
each reader sees the reason in their own language. Reasons people typed stay as typed.

The reviews app's histories are converted here too, so that no migration of that app
depends on this one."""

from django.conf import settings
from django.db import migrations
from django.utils import translation

# The sentences as they were written, in English; the same sentences in every interface
# language are matched too (a change made while another language was active).
CODES = {
    "Application received.": "application_received",
    "Admitted by the Board.": "admitted",
    "Joined the coalition.": "joined",
    "Publication withdrawn by the city.": "publication_withdrawn",
    "Review finalised.": "review_finalised",
    "Sent again after an interruption.": "sent_again",
    "Mailed to the mayor.": "mailed",
    "Feedback letter sent.": "feedback_sent",
}
MODELS = [
    ("reporting", "ReportStateChange"),
    ("reporting", "MembershipChange"),
    ("reviews", "ReviewStateChange"),
    ("reviews", "LetterStateChange"),
]


def _sentences_to_codes() -> dict[str, str]:
    mapping = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for sentence, code in CODES.items():
                mapping[translation.gettext(sentence)] = code
    mapping.update(CODES)
    return mapping


def to_codes(apps, schema_editor):
    mapping = _sentences_to_codes()
    for app_label, model_name in MODELS:
        model = apps.get_model(app_label, model_name)
        for sentence, code in mapping.items():
            model.objects.filter(reason=sentence).update(reason=code)


def to_sentences(apps, schema_editor):
    for app_label, model_name in MODELS:
        model = apps.get_model(app_label, model_name)
        for sentence, code in CODES.items():
            model.objects.filter(reason=code).update(reason=sentence)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0011_question_personal"),
        ("reviews", "0003_state_history"),
    ]

    operations = [migrations.RunPython(to_codes, to_sentences)]
