from django import template

register = template.Library()


@register.filter
def is_list(value) -> bool:
    return isinstance(value, list | tuple)


@register.filter
def as_str(value) -> str:
    """A number as the plain string a form compares with (no thousand separators)."""
    return str(value)
