"""Every page in French and German carries no English sentence that has a translation,
and the catalogues hold (and translate) every string of the code (issue 17).

The pages: every URL of the permission matrix, in each report state, for every role it
answers 200 to, in the shared world of tests/world.py. A sentence of the English
catalogue (a msgid with a translation) found in a French page means a string that was
marked for translation is shown untranslated: rendered outside the reader's language,
stored as text instead of a code, or built by concatenation.

The catalogues: `makemessages` runs on a copy of the code, so a string added without
refreshing the catalogues shows up as untranslated here, not in front of a reader."""

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .security_helpers import client_for, world_in_transaction
from .test_permission_matrix import ARGS, EXPECT
from .world import ROLES

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("fr", "de")
TAGS = re.compile(r"<script.*?</script>|<style.*?</style>|<[^>]+>", re.S)
# A part of the page in another language on purpose (the letter in the city's language,
# an answer as the city wrote it) says so with its own lang attribute: left out.
OTHER_LANGUAGE = (
    r"<(article|section|div|blockquote)\b[^>]*\blang=\"(?!{language}\b)[^\"]*\".*?</\1>"
)
SPACES = re.compile(r"\s+")
# Strings identical in both languages, or that name things (not sentences of the UI).
MIN_LENGTH = 24


def _english_sentences(language: str) -> list[str]:
    """English msgids of the catalogue that have a different translation: sentences
    long enough not to be a name or a word shared by both languages."""
    catalog = translation.trans_real.translation(language)._catalog
    found = []
    for msgid, msgstr in catalog.items():
        if not isinstance(msgid, str) or "\x04" in msgid:
            msgid = msgid if isinstance(msgid, str) else msgid[0]
            msgid = msgid.split("\x04")[-1]
        if (
            len(msgid) >= MIN_LENGTH
            and " " in msgid
            and msgstr
            and msgstr != msgid
            and not re.search(r"[%{<\n]", msgid)
        ):
            found.append(msgid)
    return sorted(set(found))


def _text(response, language: str) -> str:
    other = OTHER_LANGUAGE.format(language=language)
    page = re.sub(other, " ", response.content.decode(), flags=re.S)
    return SPACES.sub(" ", html.unescape(TAGS.sub(" ", page)))


@pytest.fixture(autouse=True)
def _test_settings():
    """The module's world keeps the settings it was built with (see the matrix)."""


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_in_transaction(django_db_blocker, tmp_path_factory.mktemp("media")) as built:
        yield built


def _pages():
    for name, states in EXPECT.items():
        if name.startswith("admin:"):
            continue
        for state, table in states.items():
            readers = [role for role in ROLES if table[role] == 200]
            if readers:
                # The least and the most privileged reader: the same template either way.
                yield name, state, sorted({readers[0], readers[-1]})


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_shows_an_english_sentence_that_has_a_translation(world, db, language):
    sentences = _english_sentences(language)
    assert len(sentences) > 300, "the catalogue is not compiled (make messages)"
    found = {}
    visited = 0
    for name, state, readers in _pages():
        url = reverse(name, kwargs=ARGS[name](world, state))
        for role in readers:
            user = world.users[role]
            client = client_for(user, HTTP_ACCEPT_LANGUAGE=language)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            if user is not None and user.preferred_language != language:
                type(user).objects.filter(pk=user.pk).update(preferred_language=language)
            response = client.get(url)
            if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
                continue
            visited += 1
            text = _text(response, language)
            for sentence in sentences:
                if sentence in text:
                    found.setdefault(sentence, f"{url} as {role}")
    assert visited > 100
    assert not found, f"English sentences in {language} pages:\n" + "\n".join(
        f"  {sentence!r} on {where}" for sentence, where in sorted(found.items())
    )


def _po_entries(path: Path):
    """(msgid, translated, fuzzy) of each live entry of a .po file, header left out."""
    entry = {"flags": "", "msgid": None, "msgstr": []}
    field = None

    def done():
        if entry["msgid"]:
            yield entry["msgid"], any(entry["msgstr"]), "fuzzy" in entry["flags"]

    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            yield from done()
            entry = {"flags": "", "msgid": None, "msgstr": []}
            field = None
        elif line.startswith("#~"):
            entry["msgid"] = None
            field = "obsolete"
        elif line.startswith("#,"):
            entry["flags"] += line
        elif line.startswith("msgid "):
            entry["msgid"], field = line[6:].strip('"'), "msgid"
        elif line.startswith("msgid_plural"):
            field = "plural"
        elif line.startswith("msgstr"):
            entry["msgstr"].append(line.split(" ", 1)[1].strip('"'))
            field = "msgstr"
        elif line.startswith('"') and field == "msgid":
            entry["msgid"] += line.strip('"')
        elif line.startswith('"') and field == "msgstr":
            entry["msgstr"][-1] += line.strip('"')


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed")
def test_catalogues_hold_and_translate_every_string_of_the_code(tmp_path):
    copy = tmp_path / "project"
    copy.mkdir()
    for part in ("eccar", "reporting", "reviews", "prize", "templates", "locale"):
        shutil.copytree(
            ROOT / part, copy / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-v0", *(f"-l{lang}" for lang in LANGUAGES)],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    for language in ("fr", "de", "es", "it"):
        po = copy / "locale" / language / "LC_MESSAGES" / "django.po"
        if language in LANGUAGES:
            entries = list(_po_entries(po))
        else:
            entries = list(_po_entries(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))
        missing = [msgid for msgid, translated, fuzzy in entries if not translated or fuzzy]
        share = 1 - len(missing) / len(entries)
        assert share >= 0.98, (
            f"{language}: {len(missing)} of {len(entries)} strings untranslated or fuzzy "
            f"(run makemessages and translate): {missing[:10]}"
        )
