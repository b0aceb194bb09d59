"""The user manual seeded by `seed_demo`; staff edit it afterwards in the admin."""

PAGES = [
    {
        "slug": "how-to-report",
        "title": {
            "en": "How to report, step by step",
            "fr": "Comment faire son rapport, étape par étape",
            "de": "So berichten Sie, Schritt für Schritt",
            "es": "Cómo elaborar su informe, paso a paso",
            "it": "Come redigere il rapporto, passo dopo passo",
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
                "2. Sur la page d'accueil, ouvrez le rapport de votre ville pour le cycle en cours, "
                "ou commencez-le. Si votre ville a déjà fait un rapport, vous pouvez repartir des "
                "réponses de votre dernier rapport : elles sont signalées « issues du dernier "
                "cycle » jusqu'à ce que vous les confirmiez ou les modifiiez.\n\n"
                "3. Le niveau 1 (environ 3 heures) donne une vue d'ensemble de votre ville et de "
                "l'organisation de son action contre le racisme. Le niveau 2 (environ 5 heures) "
                "décrit une à une les mesures mises en œuvre par votre ville, chacune rattachée à "
                "des engagements du Plan d'action en dix points.\n\n"
                "4. Chaque réponse est enregistrée un instant après que vous avez cessé de taper "
                "(« Enregistré à 10:42 »), et le bouton Enregistrer enregistre toute la page. Vous "
                "pouvez vous arrêter à tout moment et reprendre plus tard.\n\n"
                "5. Les collègues disposant d'un compte secondaire peuvent répondre aussi. Seul le "
                "compte principal soumet le rapport.\n\n"
                "6. Vous pouvez ajouter une pièce jointe (5 Mo au maximum). Faites figurer toutes "
                "les informations importantes dans le rapport lui-même.\n\n"
                "7. « Vérifier et soumettre » liste toutes les réponses obligatoires manquantes. "
                "Après la soumission, le rapport ne peut plus être modifié ; le Conseil scientifique "
                "consultatif le lit et adresse ses commentaires à votre maire. Vous choisissez "
                "ensuite de le mettre à jour et de le publier ou non."
            ),
            "de": (
                "1. Melden Sie sich mit der E-Mail-Adresse und dem Passwort an, die Ihnen die "
                "Geschäftsstelle gegeben hat. Zugangsdaten aus früheren Zyklen gelten weiter.\n\n"
                "2. Öffnen Sie auf der Startseite den Bericht Ihrer Stadt für den laufenden Zyklus, "
                "oder beginnen Sie ihn. Hat Ihre Stadt schon berichtet, können Sie mit den "
                "Antworten Ihres letzten Berichts beginnen; sie bleiben als „aus dem letzten "
                "Zyklus“ markiert, bis Sie sie bestätigen oder ändern.\n\n"
                "3. Ebene 1 (etwa 3 Stunden) gibt einen Überblick über Ihre Stadt und die "
                "Organisation ihrer Arbeit gegen Rassismus. Ebene 2 (etwa 5 Stunden) beschreibt "
                "einzeln die Maßnahmen, die Ihre Stadt umgesetzt hat, jeweils verknüpft mit "
                "Verpflichtungen des Zehn-Punkte-Aktionsplans.\n\n"
                "4. Jede Antwort wird kurz nach dem Ende Ihrer Eingabe gespeichert („Gespeichert "
                "um 10:42“), und die Schaltfläche Speichern sichert die ganze Seite. Sie können "
                "jederzeit unterbrechen und später weitermachen.\n\n"
                "5. Kolleginnen und Kollegen mit Zweitkonto können ebenfalls antworten. Nur das "
                "Hauptkonto reicht den Bericht ein.\n\n"
                "6. Sie können einen Anhang hinzufügen (höchstens 5 MB). Alle wichtigen "
                "Informationen gehören in den Bericht selbst.\n\n"
                "7. „Prüfen und einreichen“ zeigt alle fehlenden Pflichtantworten. Nach dem "
                "Einreichen kann der Bericht nicht mehr geändert werden; der Wissenschaftliche "
                "Beirat liest ihn und schickt seine Rückmeldung an Ihre Bürgermeisterin oder Ihren "
                "Bürgermeister. Danach entscheiden Sie, ob Sie ihn aktualisieren und "
                "veröffentlichen."
            ),
            "es": (
                "1. Inicie sesión con la dirección de correo electrónico y la contraseña que le "
                "facilitó la secretaría de la coalición. Un acceso de un ciclo anterior sigue "
                "siendo válido.\n\n"
                "2. En la página de inicio, abra el informe de su ciudad para el ciclo actual, o "
                "empiécelo. Si su ciudad ya presentó un informe, puede partir de las respuestas de "
                "su último informe: aparecen marcadas como «del último ciclo» hasta que usted las "
                "confirme o las modifique.\n\n"
                "3. El Nivel 1 (unas 3 horas) ofrece una visión general de su ciudad y de cómo se "
                "organiza su labor contra el racismo. El Nivel 2 (unas 5 horas) describe, una por "
                "una, las medidas que su ciudad ha llevado a cabo, cada una vinculada a compromisos "
                "del Plan de Acción de Diez Puntos.\n\n"
                "4. Cada respuesta se guarda un momento después de que usted deja de escribir "
                "(«Guardado a las 10:42»), y el botón Guardar guarda toda la página. Puede "
                "interrumpir el trabajo en cualquier momento y volver más tarde.\n\n"
                "5. Los colegas con una cuenta secundaria también pueden responder preguntas. Solo "
                "la cuenta principal presenta el informe.\n\n"
                "6. Puede añadir un archivo adjunto (como máximo 5 MB). Incluya toda la "
                "información importante en el propio informe.\n\n"
                "7. «Revisar y presentar» enumera todas las respuestas obligatorias que faltan. "
                "Una vez presentado, el informe ya no puede modificarse; el Consejo Científico "
                "Asesor lo lee y envía sus observaciones a su alcalde o alcaldesa. Después, usted "
                "decide si lo actualiza y lo publica."
            ),
            "it": (
                "1. Acceda con l'indirizzo e-mail e la password che Le ha fornito la segreteria "
                "della coalizione. Le credenziali di un ciclo precedente restano valide.\n\n"
                "2. Nella pagina iniziale apra il rapporto della Sua città per il ciclo in corso, "
                "oppure lo avvii. Se la Sua città ha già presentato un rapporto, può partire dalle "
                "risposte dell'ultimo rapporto: sono contrassegnate come «dall'ultimo ciclo» finché "
                "Lei non le conferma o le modifica.\n\n"
                "3. Il Livello 1 (circa 3 ore) offre una panoramica della Sua città e di come è "
                "organizzato il suo impegno contro il razzismo. Il Livello 2 (circa 5 ore) "
                "descrive, una per una, le misure attuate dalla Sua città, ciascuna collegata a "
                "impegni del Piano d'azione in dieci punti.\n\n"
                "4. Ogni risposta viene salvata poco dopo che Lei ha smesso di scrivere («Salvato "
                "alle 10:42»), e il pulsante Salvare salva l'intera pagina. Può interrompere in "
                "qualsiasi momento e riprendere più tardi.\n\n"
                "5. Anche i colleghi con un account secondario possono rispondere alle domande. "
                "Solo l'account principale presenta il rapporto.\n\n"
                "6. Può aggiungere un allegato (al massimo 5 MB). Inserisca tutte le informazioni "
                "importanti nel rapporto stesso.\n\n"
                "7. «Verificare e presentare» elenca tutte le risposte obbligatorie mancanti. Dopo "
                "la presentazione il rapporto non può più essere modificato; il Comitato "
                "scientifico consultivo lo legge e invia il proprio riscontro al Suo sindaco. "
                "Successivamente Lei sceglie se aggiornarlo e pubblicarlo."
            ),
        },
    },
    {
        "slug": "calendar",
        "title": {
            "en": "The 2025 calendar",
            "fr": "Le calendrier 2025",
            "de": "Der Zeitplan 2025",
            "es": "El calendario de 2025",
            "it": "Il calendario 2025",
        },
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
            "es": (
                "- Noviembre de 2024: se abren la inscripción y las solicitudes de credenciales\n"
                "- Diciembre de 2024 – 30 de abril de 2025: las ciudades trabajan en la herramienta\n"
                "- 23 de enero de 2025, 10:00–12:00: reunión de lanzamiento en línea\n"
                "- 30 de abril de 2025: plazo de presentación\n"
                "- Mayo – septiembre de 2025: evaluación; las ciudades reciben sus observaciones "
                "por correo electrónico\n"
                "- Octubre de 2025: observaciones generales presentadas en la Asamblea General"
            ),
            "it": (
                "- Novembre 2024: apertura delle iscrizioni e delle richieste di credenziali\n"
                "- Dicembre 2024 – 30 aprile 2025: le città lavorano nello strumento\n"
                "- 23 gennaio 2025, 10:00–12:00: riunione di avvio online\n"
                "- 30 aprile 2025: termine per la presentazione\n"
                "- Maggio – settembre 2025: valutazione; le città ricevono il proprio riscontro "
                "via e-mail\n"
                "- Ottobre 2025: riscontro generale presentato all'Assemblea generale"
            ),
        },
    },
    {
        "slug": "faq",
        "title": {
            "en": "Frequently asked questions",
            "fr": "Questions fréquentes",
            "de": "Häufige Fragen",
            "es": "Preguntas frecuentes",
            "it": "Domande frequenti",
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
                "Choisissez la langue de l'interface avec le globe en haut à droite. L'outil "
                "traduit automatiquement les rapports et peut parfois faire des erreurs.\n\n"
                "Puis-je réutiliser mon identifiant d'un cycle précédent ? Oui.\n\n"
                "Combien de temps faut-il ? Environ 3 heures pour le niveau 1 et 5 heures pour le "
                "niveau 2.\n\n"
                "Puis-je faire des pauses ? Oui. Les réponses sont enregistrées au fur et à mesure "
                "de la saisie ; rouvrez le rapport commencé plutôt que d'en créer un nouveau.\n\n"
                "Puis-je modifier mes réponses ? Autant que vous voulez jusqu'à la soumission "
                "officielle, mais pas après.\n\n"
                "À quelle fréquence dois-je faire un rapport ? Tous les deux ans.\n\n"
                "Qui lit mon rapport ? Juste après la soumission, seulement le Conseil scientifique "
                "consultatif. Après ses commentaires, vous décidez de mettre à jour le rapport ou "
                "non et de le publier ou non, avec ou sans les commentaires ; une fois publié, "
                "toutes les villes membres peuvent le lire.\n\n"
                "Puis-je lire les rapports d'autres villes ? Tout rapport officiellement publié "
                "peut être lu par tous les membres de l'ECCAR."
            ),
            "de": (
                "Kann ich in meiner Sprache schreiben? Ja, in der Amtssprache Ihres Landes. Die "
                "Sprache der Oberfläche wählen Sie über den Globus oben rechts. Das Tool übersetzt "
                "Berichte automatisch und kann gelegentlich Fehler machen.\n\n"
                "Kann ich meine Zugangsdaten aus einem früheren Zyklus verwenden? Ja.\n\n"
                "Wie lange dauert es? Etwa 3 Stunden für Ebene 1 und 5 Stunden für Ebene 2.\n\n"
                "Kann ich Pausen machen? Ja. Antworten werden während der Eingabe gespeichert; "
                "öffnen Sie den begonnenen Bericht wieder, statt einen neuen anzulegen.\n\n"
                "Kann ich meine Antworten ändern? So oft Sie möchten, bis zum offiziellen "
                "Einreichen, danach nicht mehr.\n\n"
                "Wie oft muss ich berichten? Alle zwei Jahre.\n\n"
                "Wer liest meinen Bericht? Direkt nach dem Einreichen nur der Wissenschaftliche "
                "Beirat. Nach der Rückmeldung entscheiden Sie, ob Sie den Bericht aktualisieren "
                "und ob Sie ihn veröffentlichen, mit oder ohne Rückmeldung; nach der "
                "Veröffentlichung können ihn alle Mitgliedsstädte lesen.\n\n"
                "Kann ich die Berichte anderer Städte lesen? Jeder offiziell veröffentlichte "
                "Bericht kann von allen ECCAR-Mitgliedern gelesen werden."
            ),
            "es": (
                "¿Puedo escribir en mi propio idioma? Sí, en la lengua oficial de su país. Elija "
                "el idioma de la interfaz con el globo situado arriba a la derecha. La herramienta "
                "traduce los informes automáticamente y puede cometer errores ocasionales.\n\n"
                "¿Puedo reutilizar mi acceso de un ciclo anterior? Sí.\n\n"
                "¿Cuánto tiempo lleva? Aproximadamente 3 horas para el Nivel 1 y 5 horas para el "
                "Nivel 2.\n\n"
                "¿Puedo hacer pausas? Sí. Las respuestas se guardan mientras escribe; vuelva a "
                "abrir el informe que empezó en lugar de crear uno nuevo.\n\n"
                "¿Puedo modificar mis respuestas? Tantas veces como quiera hasta la presentación "
                "oficial, pero no después.\n\n"
                "¿Con qué frecuencia debo presentar un informe? Cada dos años.\n\n"
                "¿Quién lee mi informe? Justo después de la presentación, solo el Consejo "
                "Científico Asesor. Tras recibir las observaciones, usted decide si lo actualiza y "
                "si lo publica, con o sin las observaciones; una vez publicado, todas las ciudades "
                "miembro pueden leerlo.\n\n"
                "¿Puedo leer los informes de otras ciudades? Todo informe publicado oficialmente "
                "puede ser leído por todos los miembros de ECCAR."
            ),
            "it": (
                "Posso scrivere nella mia lingua? Sì, nella lingua ufficiale del Suo paese. "
                "Scelga la lingua dell'interfaccia con il globo in alto a destra. Lo strumento "
                "traduce automaticamente i rapporti e può occasionalmente commettere errori.\n\n"
                "Posso riutilizzare le credenziali di un ciclo precedente? Sì.\n\n"
                "Quanto tempo richiede? Circa 3 ore per il Livello 1 e 5 ore per il Livello 2.\n\n"
                "Posso fare delle pause? Sì. Le risposte vengono salvate mentre Lei scrive; riapra "
                "il rapporto già avviato invece di crearne uno nuovo.\n\n"
                "Posso modificare le mie risposte? Tutte le volte che desidera fino alla "
                "presentazione ufficiale, non dopo.\n\n"
                "Con quale frequenza devo presentare il rapporto? Ogni due anni.\n\n"
                "Chi legge il mio rapporto? Subito dopo la presentazione, solo il Comitato "
                "scientifico consultivo. Dopo il riscontro Lei decide se aggiornarlo e se "
                "pubblicarlo, con o senza il riscontro; una volta pubblicato, tutte le città "
                "membro possono leggerlo.\n\n"
                "Posso leggere i rapporti di altre città? Ogni rapporto pubblicato ufficialmente "
                "può essere letto da tutti i membri di ECCAR."
            ),
        },
    },
]
