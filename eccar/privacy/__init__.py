"""Personal data under the GDPR: the privacy notice, a person's access to their data,
erasure by anonymisation, retention periods and the records of processing
(docs/privacy.md). Models live in `models.py` and are loaded by `eccar.models`."""
