"""The user manual seeded by `seed_demo`; staff edit it afterwards in the admin."""

PAGES = [
    {
        "slug": "how-to-report",
        "title": {
            "en": "How to report, step by step",
            "fr": "Comment faire son rapport, étape par étape",
            "de": "So berichten Sie, Schritt für Schritt",
        },
        "body": {
            "en": (
                "1. Log in with the email address and password the coalition's office gave you. "
                "A login from an earlier cycle still works.\n\n"
                "2. On the home page, open your city's report for the current cycle, or start it. "
                "If your city reported before, you can start from the answers of your last report: "
                "they are marked “from the last cycle” until you confirm or change them.\n\n"
                "3. Level 1 (about 3 hours) gives an overview of your city and of how its "
                "anti-racism work is organised. Level 2 (about 5 hours) describes, one by one, the "
                "measures your city carried out, each tied to commitments of the 10-Point Plan.\n\n"
                "4. Every answer is saved a moment after you stop typing (“Saved at 10:42”), and "
                "the Save button saves the whole page. You can stop at any time and come back.\n\n"
                "5. Colleagues with a secondary account can answer questions too. Only the primary "
                "account submits.\n\n"
                "6. You may add one attachment (at most 5 MB). Put all important information in "
                "the report itself.\n\n"
                "7. “Check and submit” lists every missing required answer. After submission the "
                "report cannot be changed; the Scientific Advisory Board reads it and sends its "
                "feedback to your mayor. Then you choose whether to update and publish it."
            ),
            "fr": (
                "1. Connectez-vous avec l'adresse e-mail et le mot de passe fournis par le "
                "secrétariat de la coalition. Un identifiant d'un cycle précédent reste valable.\n\n"
                "2. Sur la page d'accueil, ouvrez ou commencez le rapport de votre ville. Si votre "
                "ville a déjà fait un rapport, vous pouvez repartir des réponses précédentes : elles "
                "sont signalées jusqu'à ce que vous les confirmiez ou les modifiiez.\n\n"
                "3. Le niveau 1 (environ 3 heures) donne une vue d'ensemble de votre ville et de "
                "l'organisation de son action contre le racisme. Le niveau 2 (environ 5 heures) "
                "décrit une à une les mesures mises en œuvre.\n\n"
                "4. Chaque réponse est enregistrée automatiquement ; le bouton Enregistrer "
                "enregistre toute la page. Vous pouvez faire une pause à tout moment.\n\n"
                "5. Les collègues disposant d'un compte secondaire peuvent répondre aussi. Seul le "
                "compte principal soumet le rapport.\n\n"
                "6. Une pièce jointe est possible (5 Mo au maximum).\n\n"
                "7. « Vérifier et soumettre » liste les réponses obligatoires manquantes. Après la "
                "soumission, le rapport ne peut plus être modifié."
            ),
            "de": (
                "1. Melden Sie sich mit der E-Mail-Adresse und dem Passwort an, die Ihnen die "
                "Geschäftsstelle gegeben hat. Zugangsdaten aus früheren Zyklen gelten weiter.\n\n"
                "2. Öffnen oder beginnen Sie auf der Startseite den Bericht Ihrer Stadt. Hat Ihre "
                "Stadt schon berichtet, können Sie mit den Antworten des letzten Berichts beginnen; "
                "sie bleiben markiert, bis Sie sie bestätigen oder ändern.\n\n"
                "3. Ebene 1 (etwa 3 Stunden) gibt einen Überblick über Ihre Stadt und die "
                "Organisation ihrer Arbeit gegen Rassismus. Ebene 2 (etwa 5 Stunden) beschreibt "
                "die einzelnen Maßnahmen.\n\n"
                "4. Jede Antwort wird automatisch gespeichert; die Schaltfläche Speichern sichert "
                "die ganze Seite. Sie können jederzeit unterbrechen.\n\n"
                "5. Kolleginnen und Kollegen mit Zweitkonto können ebenfalls antworten. Nur das "
                "Hauptkonto reicht den Bericht ein.\n\n"
                "6. Ein Anhang ist möglich (höchstens 5 MB).\n\n"
                "7. „Prüfen und einreichen“ zeigt alle fehlenden Pflichtantworten. Nach dem "
                "Einreichen kann der Bericht nicht mehr geändert werden."
            ),
        },
    },
    {
        "slug": "calendar",
        "title": {"en": "The 2025 calendar", "fr": "Le calendrier 2025", "de": "Der Zeitplan 2025"},
        "body": {
            "en": (
                "- November 2024: registration and requests for credentials open\n"
                "- December 2024 – 30 April 2025: cities work in the tool\n"
                "- 23 January 2025, 10:00–12:00: online kick-off meeting\n"
                "- 30 April 2025: submission deadline\n"
                "- May – September 2025: evaluation; cities receive their feedback by email\n"
                "- October 2025: general feedback presented at the General Assembly"
            ),
            "fr": (
                "- Novembre 2024 : inscription et demandes d'identifiants\n"
                "- Décembre 2024 – 30 avril 2025 : les villes travaillent dans l'outil\n"
                "- 23 janvier 2025, 10h–12h : réunion de lancement en ligne\n"
                "- 30 avril 2025 : date limite de soumission\n"
                "- Mai – septembre 2025 : évaluation ; retours individuels par e-mail\n"
                "- Octobre 2025 : retour général présenté à l'Assemblée générale"
            ),
            "de": (
                "- November 2024: Anmeldung und Anfrage der Zugangsdaten\n"
                "- Dezember 2024 – 30. April 2025: Die Städte arbeiten im Tool\n"
                "- 23. Januar 2025, 10–12 Uhr: Online-Auftakttreffen\n"
                "- 30. April 2025: Abgabefrist\n"
                "- Mai – September 2025: Auswertung; Rückmeldung per E-Mail\n"
                "- Oktober 2025: Allgemeine Rückmeldung in der Generalversammlung"
            ),
        },
    },
    {
        "slug": "faq",
        "title": {
            "en": "Frequently asked questions",
            "fr": "Questions fréquentes",
            "de": "Häufige Fragen",
        },
        "body": {
            "en": (
                "Can I write in my own language? Yes, in your country's official language. Choose "
                "the interface language with the globe at the top right. The tool translates "
                "reports automatically and may make occasional mistakes.\n\n"
                "Can I reuse my login from an earlier cycle? Yes.\n\n"
                "How long does it take? Roughly 3 hours for level 1 and 5 hours for level 2.\n\n"
                "Can I take breaks? Yes. Answers are saved as you type; reopen the report you "
                "started rather than creating a new one.\n\n"
                "Can I change my answers? As often as you like until the official submission, not "
                "after it.\n\n"
                "How often must I report? Every two years.\n\n"
                "Who reads my report? Right after submission only the Scientific Advisory Board. "
                "After the feedback you decide whether to update it and whether to publish it, with "
                "or without the feedback; once published, all member cities can read it.\n\n"
                "Can I read other cities' reports? Every officially published report can be read "
                "by all ECCAR members."
            ),
            "fr": (
                "Puis-je écrire dans ma langue ? Oui, dans la langue officielle de votre pays. "
                "L'outil traduit automatiquement et peut faire des erreurs.\n\n"
                "Puis-je réutiliser mon identifiant d'un cycle précédent ? Oui.\n\n"
                "Combien de temps faut-il ? Environ 3 heures pour le niveau 1 et 5 heures pour le "
                "niveau 2.\n\n"
                "Puis-je modifier mes réponses ? Autant que vous voulez jusqu'à la soumission.\n\n"
                "Qui lit mon rapport ? Après la soumission, seulement le Conseil scientifique "
                "consultatif ; une fois publié, toutes les villes membres."
            ),
            "de": (
                "Kann ich in meiner Sprache schreiben? Ja, in der Amtssprache Ihres Landes. Das Tool "
                "übersetzt automatisch und kann Fehler machen.\n\n"
                "Kann ich meine Zugangsdaten aus einem früheren Zyklus verwenden? Ja.\n\n"
                "Wie lange dauert es? Etwa 3 Stunden für Ebene 1 und 5 Stunden für Ebene 2.\n\n"
                "Kann ich meine Antworten ändern? So oft Sie möchten, bis zum Einreichen.\n\n"
                "Wer liest meinen Bericht? Nach dem Einreichen nur der Wissenschaftliche Beirat; "
                "nach der Veröffentlichung alle Mitgliedsstädte."
            ),
        },
    },
]
