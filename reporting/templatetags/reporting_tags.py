"""Rendering of a report read as a document (the report page, the review page, the PDF,
the library's measure page).

A 30-measure report has about 1,400 answers; one template include per answer made the
rendering most of the review page's time. The markup those includes made (a section's
heading, its questions and answers as a description list, the language of a free text,
a machine translation beside its original) is therefore written here, once per
section, with the templates' escaping: every value, label and title is escaped as
`{{ }}` and `linebreaksbr` escape it, so a city's text never becomes markup."""

import html

from django import template
from django.template.base import render_value_in_context
from django.utils.safestring import SafeData, SafeString
from django.utils.translation import gettext as _

from reporting.badges import state_badge
from reporting.enums import QuestionType

register = template.Library()

# Free texts are in the city's language; numbers, dates and labels are not.
TEXT_TYPES = (QuestionType.SHORT_TEXT, QuestionType.LONG_TEXT)


def _text(value, context) -> str:
    """`{{ value }}`: localised and escaped."""
    if isinstance(value, str) and not isinstance(value, SafeData):
        return html.escape(value)
    return str(render_value_in_context(value, context))


def _lines(value) -> str:
    """`{{ value|linebreaksbr }}`: escaped, each line break a <br>."""
    text = str(value)
    if not isinstance(value, SafeData):
        text = html.escape(text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def _value(value, context) -> str:
    """`_value.html`: "No answer", a list, or the text with its line breaks."""
    if value is None:
        return f'<span class="muted">{html.escape(_("No answer"))}</span>'
    if isinstance(value, list | tuple):
        return "<ul>" + "".join(f"<li>{_text(v, context)}</li>" for v in value) + "</ul>"
    return _lines(value)


def _answer(item: dict, *, source: str, target: str, context) -> str:
    """One answer: the machine translation beside the original, or the value marked
    with the language it was written in when it is a free text."""
    value = item["value"]
    if item.get("translated"):
        badge = _("Machine translation – may contain errors")  # noqa: RUF001 - the msgid
        return (
            f'<div class="mt-pair">\n  <div class="mt-translation" lang="{html.escape(target)}">'
            f"{_lines(item['translated'])}\n"
            f'    <p class="mt-badge">{html.escape(badge)}</p></div>\n'
            f'  <div class="mt-original"><p class="mt-label">{html.escape(_("Original"))}</p>'
            f'<div lang="{html.escape(source)}">{_lines(value)}</div></div>\n</div>'
        )
    if source and value is not None and item["question"].type in TEXT_TYPES:
        return f'<span lang="{html.escape(source)}">{_value(value, context)}</span>'
    return _value(value, context)


@register.simple_tag(takes_context=True)
def read_sections(context, sections, h=2) -> SafeString:
    """`_sections_read.html`: each section's heading and its questions and answers as a
    description list; `h` is the heading level (2 for the overview, 3 inside a measure)."""
    source = context.get("source_language") or ""
    target = context.get("target_language") or ""
    level = int(h)
    # Every measure shows the same questions: each wording is read and escaped once.
    wordings = context.render_context.setdefault("reporting_question_wordings", {})
    parts = []
    for block in sections:
        rows = []
        for item in block["items"]:
            question = item["question"]
            wording = wordings.get(question.pk)
            if wording is None:
                wording = wordings[question.pk] = _text(question.text, context)
            answer = _answer(item, source=source, target=target, context=context)
            rows.append(f"\n      <dt>{wording}</dt>\n      <dd>{answer}</dd>")
        heading = f"<h{level}>{_text(block['section'].title, context)}</h{level}>"
        block_html = f"\n    {heading}\n    <dl>{''.join(rows)}\n    </dl>"
        if level == 2:
            block_html = f'\n  <section class="doc-section">{block_html}\n  </section>'
        parts.append(block_html)
    # Every piece above is escaped where it is made.
    return SafeString("".join(parts))


@register.simple_tag
def report_state_badge(state) -> SafeString:
    """A report's state as a badge (`_report_state.html`); no state: not started."""
    return state_badge(state)


@register.filter
def condition_answer(question) -> str:
    """The answer a conditional question waits for, as the reader sees it: "Yes" or
    the choice's label in the active language, never the stored code."""
    trigger = question.show_if_question
    value = question.show_if_value
    if trigger is None:
        return value
    if trigger.type == QuestionType.YES_NO:
        return {"yes": _("Yes"), "no": _("No")}.get(value, value)
    for choice in trigger.choices.all():
        if choice.value == value:
            return choice.label
    return value
