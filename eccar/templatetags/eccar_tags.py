import re

from django import template
from django.templatetags.static import static
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

MANUAL_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\((?P<name>[a-z0-9][a-z0-9-]*\.png)\)$")
MANUAL_ITEM = re.compile(r"^(?:- |\d+\. )")


@register.filter
def is_list(value) -> bool:
    return isinstance(value, list | tuple)


@register.filter
def as_str(value) -> str:
    """A number as the plain string a form compares with (no thousand separators)."""
    return str(value)


def _manual_block(block: list[str]) -> str:
    first = block[0]
    if len(block) == 1 and first.startswith("## "):
        return format_html("<h2>{}</h2>", first[3:])
    image = MANUAL_IMAGE.match(first) if len(block) == 1 else None
    if image:
        return format_html(
            # The caption is the description, read once (not again as the alt text).
            '<figure class="manual-figure"><img src="{}" alt="" loading="lazy">'
            "<figcaption>{}</figcaption></figure>",
            static(f"manual/{image['name']}"),
            image["alt"],
        )
    if all(MANUAL_ITEM.match(line) for line in block):
        items = format_html_join("", "<li>{}</li>", ((MANUAL_ITEM.sub("", x, 1),) for x in block))
        if first.startswith("- "):
            return f"<ul>{items}</ul>"
        # A numbered list goes on after a picture with the number it was at.
        start = int(first.split(".", 1)[0])
        return f'<ol start="{start}">{items}</ol>' if start > 1 else f"<ol>{items}</ol>"
    return "<p>" + "<br>".join(escape(line) for line in block) + "</p>"


@register.filter
def manual_text(value: str) -> SafeString:
    """A help page's text as HTML, every character escaped: blank lines separate blocks;
    "## " starts a heading; lines starting "- " or "1. " make a list (numbered items in
    blocks of their own make one list); a block "![description](name.png)" shows the
    screenshot docs/screenshots/name.png (made by the browser tests) with its
    description."""
    blocks = [b.splitlines() for b in re.split(r"\n\s*\n", (value or "").strip()) if b.strip()]
    html = []
    for block in blocks:
        rendered = _manual_block([line.strip() for line in block])
        if html and rendered.startswith("<ol") and html[-1].endswith("</ol>"):
            html[-1] = html[-1][: -len("</ol>")] + rendered[rendered.index(">") + 1 :]
        else:
            html.append(rendered)
    # Every piece above is escaped (format_html, escape) before it is joined.
    return mark_safe("\n".join(html))
