import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from eccar import translation as mt
from reporting.enums import ReportState
from reporting.models import GlossaryTerm, MachineTranslation, ReportTranslationStatus
from reporting.selectors.machine_translation import text_hash, translated_text
from reporting.services.content import answer_save, measure_add
from reporting.services.machine_translation import report_translate
from reporting.services.reports import report_submit
from reporting.tasks import task_report_translate
from tests.reporting.test_report_editing import autosave, url
from tests.reporting.test_submission import complete


@pytest.fixture
def written(report, q, primary):
    """A German report with two free-text answers and one measure."""
    save = answer_save
    save(report=report, question=q["profile_contact"], raw="Amt für Menschenrechte", by=primary)
    save(
        report=report,
        question=q["strategy_summary"],
        raw="Der Gemeinderat hat 2019 einen Aktionsplan beschlossen.\n\nEr wird jährlich geprüft.",
        by=primary,
    )
    measure = measure_add(report=report, by=primary)
    save(report=report, question=q["m_title"], measure=measure, raw="Beratungsstelle", by=primary)
    return report


def test_every_free_text_is_translated_into_each_target_language(fake_deepl, written):
    stats = report_translate(report=written)

    assert stats["segments"] == 6  # 3 texts x (en, fr); German is the source
    assert len(fake_deepl.translate_requests()) == 2  # one batch per target language
    assert translated_text("Beratungsstelle", source="de", target="en") == "[EN-GB] Beratungsstelle"
    summary = translated_text(
        "Der Gemeinderat hat 2019 einen Aktionsplan beschlossen.\n\nEr wird jährlich geprüft.",
        source="de",
        target="fr",
    )
    assert summary.endswith("\n\nEr wird jährlich geprüft.")
    assert written.translation.state == ReportTranslationStatus.State.DONE


def test_the_same_text_is_never_sent_twice_and_an_edit_sends_one_segment(
    fake_deepl, written, q, primary
):
    report_translate(report=written)
    before = len(fake_deepl.translate_requests())

    report_translate(report=written)
    assert len(fake_deepl.translate_requests()) == before

    answer_save(
        report=written,
        question=q["profile_contact"],
        raw="Büro für Vielfalt",
        by=primary,
        expected_version=1,
    )
    report_translate(report=written)
    new = fake_deepl.translate_requests()[before:]
    assert [len(r["body"]["text"]) for r in new] == [1, 1]


def test_rate_limit_is_retried_by_the_client_then_succeeds(fake_deepl, written):
    fake_deepl.fail_next = [429]

    report_translate(report=written)

    assert MachineTranslation.objects.count() == 6


def test_quota_exhausted_stops_marks_pending_and_keeps_originals(fake_deepl, written):
    fake_deepl.quota_after = 0

    report_translate(report=written)

    status = ReportTranslationStatus.objects.get(report=written)
    assert status.state == ReportTranslationStatus.State.QUOTA
    assert status.pending_segments == 3
    assert "500000" in status.message  # the account's usage, from the usage endpoint
    assert not MachineTranslation.objects.exists()
    assert "Beratungsstelle" in written.answers.values_list("value", flat=True)


def test_invalid_key_is_reported_once_not_retried(fake_deepl, written):
    fake_deepl.fail_next = [403]

    report_translate(report=written)

    assert ReportTranslationStatus.objects.get(report=written).state == "failed"
    assert len(fake_deepl.translate_requests()) == 1


def test_garbled_answer_is_a_transient_error_and_stores_nothing(fake_deepl, written):
    fake_deepl.garbled = True

    with pytest.raises(mt.Transient):
        report_translate(report=written)

    assert not MachineTranslation.objects.exists()


def test_markup_is_sent_with_tag_handling(fake_deepl, report, q, primary):
    answer_save(
        report=report, question=q["strategy_summary"], raw="Ein <b>wichtiger</b> Punkt", by=primary
    )

    report_translate(report=report)

    assert fake_deepl.translate_requests()[0]["body"].get("tag_handling") == "html"


def test_translation_is_off_without_a_key(settings, written):
    settings.DEEPL_AUTH_KEY = ""

    report_translate(report=written)

    assert written.translation.state == ReportTranslationStatus.State.OFF


@pytest.mark.parametrize("size", [10, 1_000, 200_000])
def test_long_texts_are_split_within_limits_and_rejoined(size):
    text = ("Ein Absatz über die Arbeit der Stadt. " * (size // 38 + 1))[:size]

    parts = mt.split_long_text(text, 128 * 1024)

    assert "".join(parts) == text
    assert all(len(p.encode()) <= 128 * 1024 for p in parts)


def test_batches_respect_text_count_and_size():
    groups = mt.batches(["x" * 1000] * 120, max_texts=50, max_bytes=128 * 1024)

    assert [len(g) for g in groups] == [50, 50, 20]


def test_submission_succeeds_while_the_translation_service_is_down(
    fake_deepl, written, q, primary, commit_callbacks, mailoutbox
):
    complete(written, q, primary)
    first = written.measures.order_by("order").first()
    answer_save(report=written, question=q["m_commitments"], measure=first, raw=["3"], by=primary)
    fake_deepl.fail_next = [500] * 20

    with commit_callbacks(execute=True):
        report_submit(report=written, by=primary)

    written.refresh_from_db()
    assert written.state == ReportState.SUBMITTED
    assert len(mailoutbox) == 1
    # The worker's translation task meets the outage: it records it and does not raise.
    task_report_translate.apply(kwargs={"report_id": written.pk})
    written.refresh_from_db()
    assert written.translation.state == ReportTranslationStatus.State.PENDING
    assert "Beratungsstelle" in written.answers.values_list("value", flat=True)


def test_autosave_succeeds_while_the_translation_service_is_down(
    fake_deepl, login, primary, report, q, commit_callbacks
):
    fake_deepl.fail_next = [500] * 20
    client = login(primary)

    with commit_callbacks(execute=True):
        response = autosave(client, report, q["strategy_summary"], "Text während des Ausfalls")

    assert response.status_code == 200
    assert report.answers.get().value == "Text während des Ausfalls"


def test_libretranslate_backend_against_a_fake_server(settings, written):
    calls = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            calls.append(body)
            data = json.dumps({"translatedText": [f"<{body['target']}> {t}" for t in body["q"]]})
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(data.encode())

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.TRANSLATION_BACKEND = "libretranslate"
    settings.LIBRETRANSLATE_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.TRANSLATION_TARGET_LANGUAGES = ["en"]
    try:
        stats = report_translate(report=written)
    finally:
        server.shutdown()
        server.server_close()

    assert stats["segments"] == 3
    assert calls[0]["source"] == "de" and calls[0]["target"] == "en"
    assert (
        translated_text("Beratungsstelle", source="de", target="en", engine="libretranslate")
        == "<en> Beratungsstelle"
    )


def test_libretranslate_refuses_non_http_urls():
    with pytest.raises(ValueError):
        mt.LibreTranslateBackend(url="file:///etc/passwd")


def test_reader_sees_machine_translation_marked_with_the_original_beside_it(
    login, reviewer, written, q, primary
):
    original = "Amt für Menschenrechte"
    MachineTranslation.objects.create(
        source_hash=text_hash(original),
        source_language="de",
        target_language="en",
        engine="deepl",
        text="Human rights office",
    )
    written.state = "submitted"
    written.save()
    client = login(reviewer)

    translated = client.get(url(written, "report_detail")).content.decode()
    original_page = client.get(url(written, "report_detail") + "?read=original").content.decode()
    remembered = client.get(url(written, "report_detail")).content.decode()

    assert "Human rights office" in translated
    assert "Machine translation" in translated and "may contain errors" in translated
    assert original in translated
    assert "Human rights office" not in original_page
    assert "Human rights office" not in remembered


def test_glossary_terms_are_sent_as_one_deepl_glossary(fake_deepl, written, settings):
    settings.TRANSLATION_TARGET_LANGUAGES = ["en"]
    GlossaryTerm.objects.create(
        source_language="de", target_language="en", source="Gemeinderat", target="municipal council"
    )

    report_translate(report=written)
    MachineTranslation.objects.all().delete()
    report_translate(report=written)

    assert len(fake_deepl.glossaries) == 1
    created = [
        r["body"]
        for r in fake_deepl.requests
        if r["path"] == "/v2/glossaries" and "entries" in r["body"]
    ]
    assert len(created) == 1
    assert "Gemeinderat\tmunicipal council" in created[0]["entries"]
    assert all(r["body"].get("glossary_id") == "g-1" for r in fake_deepl.translate_requests())


def test_city_changes_the_language_it_writes_in(login, primary, report):
    client = login(primary)
    client.post(url(report, "report_language"), {"language": "fr"})
    bad = client.post(url(report, "report_language"), {"language": "xx"}, follow=True)

    report.refresh_from_db()
    assert report.source_language == "fr"
    assert bad.status_code == 200


def test_staff_rerun_translation_and_others_cannot(fake_deepl, login, staff, primary, written):
    assert login(primary).post(url(written, "report_translate")).status_code == 403
    login(staff).post(url(written, "report_translate"))

    assert MachineTranslation.objects.count() == 6
    page = login(staff).get(url(written, "report_detail")).content.decode()
    assert "Translated" in page


def test_pages_say_plainly_when_translation_is_off(login, reviewer, written, settings):
    settings.DEEPL_AUTH_KEY = ""
    written.state = "submitted"
    written.save()

    content = login(reviewer).get(url(written, "report_detail") + "?read=original")

    assert "Machine translation is not configured" in content.content.decode()


def test_unsupported_language_pair_is_reported_not_crashing(fake_deepl, written, settings):
    settings.TRANSLATION_TARGET_LANGUAGES = ["en"]
    fake_deepl.fail_next = [400]

    report_translate(report=written)

    status = ReportTranslationStatus.objects.get(report=written)
    assert status.state == ReportTranslationStatus.State.FAILED
    assert "not supported" in status.message
