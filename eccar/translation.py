"""Machine translation behind one small interface, so the rest of the platform (and
the tests, through local fake servers) never depends on a vendor's library.

Backends: DeepL through the official `deepl` client, or a self-hosted LibreTranslate.
`get_backend()` returns None when none is configured: translation is then off."""

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings


class TranslationError(Exception):
    """Base class; the message is meant for staff."""


class QuotaExceeded(TranslationError):
    pass


class AuthFailed(TranslationError):
    pass


class Unsupported(TranslationError):
    pass


class Transient(TranslationError):
    """Rate limiting, a server error or the network: worth retrying later."""


@dataclass(frozen=True)
class Translated:
    text: str
    billed: int


# DeepL wants a regional English and Portuguese as target; sources are plain codes.
DEEPL_TARGETS = {"en": "EN-GB", "pt": "PT-PT", "nb": "NB"}


class DeepLBackend:
    engine = "deepl"
    max_texts = 50
    max_bytes = 128 * 1024

    def __init__(self, *, auth_key: str, server_url: str | None = None):
        import deepl  # noqa: PLC0415 - heavy, loaded only when DeepL is configured

        self._deepl = deepl
        self._translator = deepl.Translator(auth_key, server_url=server_url)

    def translate(
        self,
        texts: list[str],
        *,
        source: str,
        target: str,
        markup: bool = False,
        glossary_id: str | None = None,
    ) -> list[Translated]:
        deepl = self._deepl
        try:
            results = self._translator.translate_text(
                texts,
                source_lang=source.upper(),
                target_lang=DEEPL_TARGETS.get(target, target.upper()),
                tag_handling="html" if markup else None,
                preserve_formatting=True,
                glossary=glossary_id,
            )
        except deepl.QuotaExceededException as error:
            raise QuotaExceeded(str(error)) from error
        except deepl.AuthorizationException as error:
            raise AuthFailed(str(error)) from error
        except (deepl.TooManyRequestsException, deepl.ConnectionException) as error:
            raise Transient(str(error)) from error
        except deepl.DeepLException as error:
            # A 400 is the request's fault (e.g. an unsupported language): retrying the
            # same request cannot help.
            if "bad request" in str(error).lower() or "not supported" in str(error).lower():
                raise Unsupported(str(error)) from error
            raise Transient(str(error)) from error
        except (TypeError, ValueError, KeyError) as error:
            # A garbled answer from the server: nothing is stored, the job is retried.
            raise Transient(f"Unexpected answer from DeepL: {error}") from error
        if len(results) != len(texts):
            raise Transient("DeepL answered a different number of texts.")
        return [
            Translated(r.text, getattr(r, "billed_characters", None) or len(t))
            for r, t in zip(results, texts, strict=True)
        ]

    def glossary_for(self, *, source: str, target: str, entries: dict[str, str]) -> str | None:
        """The id of a DeepL glossary holding `entries`, created once per distinct content."""
        if not entries:
            return None
        digest = hashlib.sha256(repr(sorted(entries.items())).encode()).hexdigest()[:16]
        name = f"eccar-{source}-{target}-{digest}"
        try:
            for glossary in self._translator.list_glossaries():
                if glossary.name == name:
                    return glossary.glossary_id
            glossary = self._translator.create_glossary(
                name,
                source_lang=source.upper(),
                target_lang=target.split("-")[0].upper(),
                entries=entries,
            )
        except self._deepl.DeepLException:
            # Without the glossary the translation is still useful: go on without it.
            return None
        return glossary.glossary_id

    def usage(self) -> dict:
        try:
            usage = self._translator.get_usage()
        except self._deepl.DeepLException as error:
            return {"error": str(error)}
        return {"count": usage.character.count, "limit": usage.character.limit}


class LibreTranslateBackend:
    engine = "libretranslate"
    max_texts = 50
    max_bytes = 64 * 1024

    def __init__(self, *, url: str, api_key: str = "", timeout: float = 30):
        if not url.startswith(("http://", "https://")):
            raise ValueError("LIBRETRANSLATE_URL must be an http(s) URL.")
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def translate(
        self,
        texts: list[str],
        *,
        source: str,
        target: str,
        markup: bool = False,
        glossary_id: str | None = None,
    ) -> list[Translated]:
        body = {
            "q": texts,
            "source": source,
            "target": target,
            "format": "html" if markup else "text",
        }
        if self.api_key:
            body["api_key"] = self.api_key
        # The scheme is checked in __init__: only http(s) reaches urlopen.
        request = urllib.request.Request(  # noqa: S310
            self.url + "/translate",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                data = json.loads(response.read().decode())
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")[:200]
            if error.code in (401, 403):
                raise AuthFailed(detail) from error
            if error.code == 400:
                raise Unsupported(detail) from error
            raise Transient(f"{error.code} {detail}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise Transient(str(error)) from error
        except ValueError as error:
            raise Transient(f"Unexpected answer from LibreTranslate: {error}") from error
        translated = data.get("translatedText") if isinstance(data, dict) else None
        if not isinstance(translated, list) or len(translated) != len(texts):
            raise Transient("Unexpected answer from LibreTranslate.")
        return [Translated(str(t), len(s)) for t, s in zip(translated, texts, strict=True)]

    def glossary_for(self, *, source: str, target: str, entries: dict[str, str]) -> None:
        return None  # LibreTranslate has no glossaries.

    def usage(self) -> dict:
        return {}


_backends: dict[tuple, object] = {}


def get_backend():
    """The configured backend, or None when translation is off. Built once per
    configuration: autosave asks for it on every text answer."""
    if settings.TRANSLATION_BACKEND == "libretranslate":
        key = ("libretranslate", settings.LIBRETRANSLATE_URL, settings.LIBRETRANSLATE_API_KEY)
        if not settings.LIBRETRANSLATE_URL:
            return None
    else:
        key = ("deepl", settings.DEEPL_AUTH_KEY, settings.DEEPL_SERVER_URL)
        if not settings.DEEPL_AUTH_KEY:
            return None
    if key not in _backends:
        if key[0] == "libretranslate":
            _backends[key] = LibreTranslateBackend(url=key[1], api_key=key[2])
        else:
            _backends[key] = DeepLBackend(auth_key=key[1], server_url=key[2])
    return _backends[key]


def split_long_text(text: str, max_bytes: int, _separators=("\n\n", "\n", " ")) -> list[str]:
    """Splits a text over `max_bytes` at paragraph, then line, then word boundaries, so
    that ''.join(parts) == text and every part fits."""
    if len(text.encode()) <= max_bytes:
        return [text]
    if not _separators:
        # One enormous word: cut it by characters (4 bytes at most each in UTF-8).
        step = max(1, max_bytes // 4)
        return [text[i : i + step] for i in range(0, len(text), step)]
    separator, rest = _separators[0], _separators[1:]
    pieces = text.split(separator)
    chunks = [p + separator for p in pieces[:-1]] + [pieces[-1]]
    parts, current = [], ""
    for chunk in chunks:
        if current and len((current + chunk).encode()) > max_bytes:
            parts.append(current)
            current = ""
        current += chunk
    if current:
        parts.append(current)
    result = []
    for part in parts:
        # A part that is still too long is split at the next, finer boundary.
        result.extend(split_long_text(part, max_bytes, rest))
    return result


def batches(texts: list[str], *, max_texts: int, max_bytes: int) -> list[list[str]]:
    """Groups texts (each already under max_bytes) into requests within both limits."""
    groups, current, size = [], [], 0
    for text in texts:
        length = len(text.encode())
        if current and (len(current) >= max_texts or size + length > max_bytes):
            groups.append(current)
            current, size = [], 0
        current.append(text)
        size += length
    if current:
        groups.append(current)
    return groups
