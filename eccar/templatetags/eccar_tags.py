import functools

from django import template

register = template.Library()


@register.filter
def is_list(value) -> bool:
    return isinstance(value, list | tuple)


@register.filter
def as_str(value) -> str:
    """A number as the plain string a form compares with (no thousand separators)."""
    return str(value)


@register.simple_tag(takes_context=True)
def menu_partial(context, template_name: str):
    """A partial of the page header that reads only the language, the user's menu
    rights and the current page (never data or the CSRF token): rendered once per
    process for each combination, since its links and labels cost more than the rest
    of a simple page. Rendered afresh in DEBUG, where templates change."""
    from django.conf import settings
    from django.utils.translation import get_language

    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    user = context.get("user")
    nav = context.get("nav")
    key = (
        template_name,
        get_language(),
        tuple(sorted(nav.items())) if nav else (),
        bool(user is not None and user.is_authenticated),
        getattr(match, "namespace", ""),
        getattr(match, "url_name", ""),
    )
    if settings.DEBUG:
        return _render_menu_partial.__wrapped__(*key)
    return _render_menu_partial(*key)


@functools.lru_cache(maxsize=1024)
def _render_menu_partial(template_name, language, nav, authenticated, namespace, url_name):
    from django.template.loader import get_template
    from django.utils import translation

    from eccar.context_processors import coalition, language_menu

    with translation.override(language):
        return get_template(template_name).render(
            {
                **coalition(None),
                "LANGUAGE_MENU": language_menu(),
                "nav": dict(nav),
                "authenticated": authenticated,
                "namespace": namespace,
                "url_name": url_name,
            }
        )
