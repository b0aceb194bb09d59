"""Every user-facing string in the reader's language: flash messages, conditional notes,
dates, plurals and the documents; and catalogues complete enough to promise it."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from tests.factories import PASSWORD


def pdf_pages(response) -> list[str]:
    return [page.extract_text() for page in PdfReader(BytesIO(response.content)).pages]


def test_login_message_in_the_users_language_not_the_login_pages(client, primary):
    primary.preferred_language = "fr"
    primary.save(update_fields=["preferred_language"])

    response = client.post(
        reverse("account_login"),
        {"login": primary.email, "password": PASSWORD},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert [str(m) for m in response.context["messages"]] == [
        f"Connexion avec {primary.full_name} réussie."
    ]


def test_condition_note_names_the_question_and_the_answers_label(login, primary, questionnaire):
    client = login(primary)
    client.post(reverse("language_set"), {"language": "fr"})

    page = client.get(reverse("reporting:questionnaire", args=[questionnaire.cycle.year]))

    content = page.content.decode()
    assert "Uniquement si la réponse à «\xa0Plan d&#x27;action ?\xa0» est «\xa0Oui\xa0»." in content
    assert "strategy_has_plan" not in content
    assert "« yes »" not in content


def test_blank_questionnaire_pdf_starts_the_questions_on_its_first_page(
    login, primary, questionnaire
):
    client = login(primary)

    pages = pdf_pages(
        client.get(reverse("reporting:questionnaire_pdf", args=[questionnaire.cycle.year]))
    )

    assert "Test questionnaire" in pages[0]
    assert "Population" in pages[0]
