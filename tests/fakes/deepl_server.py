"""A small fake of the DeepL API on 127.0.0.1, so tests run the real `deepl` client
over real HTTP. It "translates" by prefixing the target language, counts requests
and can be told to fail (429 once, 456 quota, 403 bad key, garbled answers)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class FakeDeepL:
    def __init__(self):
        self.requests: list[dict] = []
        self.fail_next: list[int] = []  # status codes to answer, one per request
        self.quota_after: int | None = None  # texts translated before 456
        self.garbled = False
        self.translated_count = 0
        self.glossaries: list[dict] = []
        # While set, translate requests hang until it is released (a worker killed mid-call).
        self.hold: threading.Event | None = None
        self.held = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def translate_requests(self):
        return [r for r in self.requests if r["path"] == "/v2/translate"]

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _body(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    return json.loads(raw or b"{}")
                return {k: v if len(v) > 1 else v[0] for k, v in parse_qs(raw.decode()).items()}

            def _send(self, status, payload):
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._body()
                fake.requests.append({"path": self.path.split("?")[0], "body": {}})
                if self.path.startswith("/v2/usage"):
                    return self._send(
                        200, {"character_count": fake.translated_count, "character_limit": 500000}
                    )
                if self.path.startswith("/v2/languages"):
                    return self._send(
                        200,
                        [
                            {"language": c, "name": c}
                            for c in ("EN-GB", "DE", "FR", "ES", "IT", "SV", "PL")
                        ],
                    )
                if self.path.startswith("/v2/glossaries"):
                    return self._send(200, {"glossaries": fake.glossaries})
                return self._send(404, {"message": "not found"})

            def do_POST(self):
                body = self._body()
                path = self.path.split("?")[0]
                fake.requests.append({"path": path, "body": body})
                if fake.fail_next:
                    status = fake.fail_next.pop(0)
                    message = (
                        "Value for 'target_lang' not supported."
                        if status == 400
                        else f"fake error {status}"
                    )
                    return self._send(status, {"message": message})
                if path == "/v2/glossaries":
                    glossary = {
                        "glossary_id": f"g-{len(fake.glossaries) + 1}",
                        "name": body.get("name"),
                        "ready": True,
                        "source_lang": str(body.get("source_lang", "")).lower(),
                        "target_lang": str(body.get("target_lang", "")).lower(),
                        "entry_count": len(str(body.get("entries", "")).splitlines()),
                        "creation_time": "2026-01-01T00:00:00.000+0000",
                    }
                    fake.glossaries.append(glossary)
                    return self._send(201, glossary)
                if path != "/v2/translate":
                    return self._send(404, {"message": "not found"})
                if fake.hold is not None:
                    fake.held.set()
                    fake.hold.wait(timeout=60)
                    return self._send(503, {"message": "released"})
                texts = body.get("text", [])
                texts = texts if isinstance(texts, list) else [texts]
                if fake.quota_after is not None and fake.translated_count >= fake.quota_after:
                    return self._send(456, {"message": "Quota exceeded"})
                if fake.garbled:
                    return self._send(200, b"{not json")
                target = str(body.get("target_lang", "")).upper()
                fake.translated_count += len(texts)
                return self._send(
                    200,
                    {
                        "translations": [
                            {
                                "detected_source_language": str(body.get("source_lang") or "DE"),
                                "text": f"[{target}] {t}",
                                "billed_characters": len(t),
                            }
                            for t in texts
                        ]
                    },
                )

        return Handler
