"""The questionnaire of the 2025 reporting cycle, as data.

Level 1 gives an overview of the city and of how its work against racism is organised
(about 3 hours to fill); level 2 holds the fields of one measure, answered once for every
measure the city reports (about 5 hours in all). Every level-2 measure is also a candidature
for the ECCAR Prize.

Each section has a stable `code`, a `level`, a `title` and an `intro`, and a list of
`questions`. Each question has a `code` that is unique across the whole questionnaire
(level-1 codes start with their section's code, level-2 codes with "m_"), a `type`
(short_text, long_text, number, yes_no, single_choice, multiple_choice, date,
commitments), `required`, `text` and `help`; single and multiple choice questions have
`choices`, and a question may carry `show_if` to appear only when an earlier question of
the same level has the given value ("yes"/"no" for yes_no, a choice value for
single_choice). Texts are given in English, French and German.

Questions that look alike at the two levels ask about different aspects (e.g. the budget
of the city's anti-racism work as a whole in level 1, the budget of one measure in level 2);
the help text of each such question says which aspect is meant.
"""

SECTIONS = [
    # Level 1: overview of the city and of its anti-racism work
    {
        "code": "profile",
        "level": 1,
        "title": {"en": "City profile", "fr": "Profil de la ville", "de": "Profil der Stadt"},
        "intro": {
            "en": (
                "These basic facts about your city help the Scientific Advisory Board read your "
                "report in context and compare cities of similar size. Please give the most recent "
                "figures available and keep the contact details up to date."
            ),
            "fr": (
                "Ces informations de base sur votre ville permettent au Conseil scientifique "
                "consultatif de lire votre rapport dans son contexte et de comparer des villes de "
                "taille similaire. Veuillez indiquer les chiffres les plus récents disponibles et "
                "tenir les coordonnées à jour."
            ),
            "de": (
                "Diese Grunddaten Ihrer Stadt helfen dem Wissenschaftlichen Beirat, Ihren Bericht "
                "im Zusammenhang zu lesen und Städte ähnlicher Größe zu vergleichen. Bitte geben "
                "Sie die aktuellsten verfügbaren Zahlen an und halten Sie die Kontaktdaten auf dem "
                "neuesten Stand."
            ),
        },
        "questions": [
            {
                "code": "profile_population",
                "type": "number",
                "required": True,
                "text": {
                    "en": "How many inhabitants does your city have?",
                    "fr": "Combien d'habitantes et d'habitants compte votre ville ?",
                    "de": "Wie viele Einwohnerinnen und Einwohner hat Ihre Stadt?",
                },
                "help": {
                    "en": (
                        "Give the latest official figure from your statistics office as a whole "
                        "number without separators, e.g. 320000. The figure also decides the "
                        "category of the ECCAR Prize: under 50,000 inhabitants, or 50,000 and "
                        "over."
                    ),
                    "fr": (
                        "Indiquez le dernier chiffre officiel de votre office statistique, en "
                        "nombre entier sans séparateur, p. ex. 320000. Ce chiffre détermine aussi "
                        "la catégorie du Prix ECCAR : moins de 50 000 habitants, ou 50 000 et "
                        "plus."
                    ),
                    "de": (
                        "Geben Sie die letzte amtliche Zahl Ihres Statistikamts als ganze Zahl "
                        "ohne Trennzeichen an, z. B. 320000. Die Zahl bestimmt auch die Kategorie "
                        "des ECCAR-Preises: unter 50.000 Einwohnerinnen und Einwohner oder 50.000 "
                        "und mehr."
                    ),
                },
            },
            {
                "code": "profile_migration_share",
                "type": "number",
                "required": False,
                "text": {
                    "en": (
                        "What share of your residents has a migration background or a foreign "
                        "nationality, in per cent?"
                    ),
                    "fr": (
                        "Quelle part de vos habitants est issue de l'immigration ou de nationalité "
                        "étrangère, en pourcentage ?"
                    ),
                    "de": (
                        "Wie hoch ist der Anteil der Einwohnerinnen und Einwohner mit "
                        "Migrationshintergrund oder ausländischer Staatsangehörigkeit in Prozent?"
                    ),
                },
                "help": {
                    "en": (
                        "Give the figure your statistics office publishes, without the % sign, "
                        "e.g. 24. Definitions differ between countries: if only the share of "
                        "foreign nationals is known, give that one. Leave the field empty if no "
                        "figure exists; please do not estimate."
                    ),
                    "fr": (
                        "Indiquez le chiffre publié par votre office statistique, sans le signe %, "
                        "p. ex. 24. Les définitions varient d'un pays à l'autre : si seule la part "
                        "des personnes de nationalité étrangère est connue, indiquez celle-ci. "
                        "Laissez le champ vide si aucun chiffre n'existe ; merci de ne pas faire "
                        "d'estimation."
                    ),
                    "de": (
                        "Geben Sie die von Ihrem Statistikamt veröffentlichte Zahl ohne "
                        "Prozentzeichen an, z. B. 24. Die Definitionen unterscheiden sich je nach "
                        "Land: Ist nur der Anteil ausländischer Staatsangehöriger bekannt, geben "
                        "Sie diesen an. Lassen Sie das Feld leer, wenn es keine Zahl gibt; bitte "
                        "nicht schätzen."
                    ),
                },
            },
            {
                "code": "profile_municipal_staff",
                "type": "number",
                "required": False,
                "text": {
                    "en": "How many people does the city administration employ?",
                    "fr": "Combien de personnes l'administration municipale emploie-t-elle ?",
                    "de": "Wie viele Personen beschäftigt die Stadtverwaltung?",
                },
                "help": {
                    "en": (
                        "The headcount of the core administration, without municipal companies, if "
                        "available. This asks about the whole workforce of the city, not the staff "
                        "working on anti-racism, which you give in the section on organisation and "
                        "budget."
                    ),
                    "fr": (
                        "L'effectif de l'administration, sans les entreprises municipales, si ce "
                        "chiffre est disponible. Cette question porte sur l'ensemble du personnel "
                        "de la ville, et non sur les personnes travaillant à la lutte contre le "
                        "racisme, que vous indiquez dans la section sur l'organisation et le "
                        "budget."
                    ),
                    "de": (
                        "Die Zahl der Beschäftigten der Kernverwaltung ohne städtische "
                        "Gesellschaften, sofern verfügbar. Gefragt ist nach dem gesamten Personal "
                        "der Stadt, nicht nach den Beschäftigten der Antirassismusarbeit; diese "
                        "geben Sie im Abschnitt zu Organisation und Budget an."
                    ),
                },
            },
            {
                "code": "profile_languages",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": "Which languages are mainly spoken in your city?",
                    "fr": "Quelles sont les principales langues parlées dans votre ville ?",
                    "de": "Welche Sprachen werden in Ihrer Stadt hauptsächlich gesprochen?",
                },
                "help": {
                    "en": (
                        "List the official language or languages first, then the most widely "
                        "spoken other languages, e.g. German, Turkish, Arabic, Polish, Romanian."
                    ),
                    "fr": (
                        "Indiquez d'abord la ou les langues officielles, puis les autres langues "
                        "les plus parlées, p. ex. français, arabe, portugais, turc, wolof."
                    ),
                    "de": (
                        "Nennen Sie zuerst die Amtssprache oder Amtssprachen, dann die am "
                        "weitesten verbreiteten weiteren Sprachen, z. B. Deutsch, Türkisch, "
                        "Arabisch, Polnisch, Rumänisch."
                    ),
                },
            },
            {
                "code": "profile_contact_department",
                "type": "short_text",
                "required": True,
                "text": {
                    "en": "Which department or office is responsible for ECCAR in your city?",
                    "fr": "Quel service est responsable d'ECCAR dans votre ville ?",
                    "de": "Welches Amt oder welche Stelle ist in Ihrer Stadt für ECCAR zuständig?",
                },
                "help": {
                    "en": (
                        "The official name of the unit that handles the contact with the coalition "
                        "and this report, e.g. Office for Diversity and Equal Opportunities. How "
                        "the anti-racism work itself is organised is asked in the section on "
                        "organisation and budget."
                    ),
                    "fr": (
                        "Le nom officiel du service chargé des relations avec la coalition et de "
                        "ce rapport, p. ex. Mission égalité et lutte contre les discriminations. "
                        "L'organisation de la lutte contre le racisme elle-même est demandée dans "
                        "la section sur l'organisation et le budget."
                    ),
                    "de": (
                        "Die offizielle Bezeichnung der Stelle, die den Kontakt zur Koalition und "
                        "diesen Bericht betreut, z. B. Amt für Vielfalt und Chancengleichheit. Wie "
                        "die Antirassismusarbeit selbst organisiert ist, wird im Abschnitt zu "
                        "Organisation und Budget abgefragt."
                    ),
                },
            },
            {
                "code": "profile_contact_name",
                "type": "short_text",
                "required": True,
                "text": {
                    "en": "Name of the ECCAR contact person",
                    "fr": "Nom de la personne de contact pour ECCAR",
                    "de": "Name der Ansprechperson für ECCAR",
                },
                "help": {
                    "en": (
                        "The focal point named by the mayor, who receives the coalition's messages "
                        "about reporting and the prize."
                    ),
                    "fr": (
                        "La personne référente désignée par le maire, qui reçoit les messages de "
                        "la coalition concernant le rapport et le prix."
                    ),
                    "de": (
                        "Die von der Stadtspitze benannte Ansprechperson, die die Mitteilungen der "
                        "Koalition zum Bericht und zum Preis erhält."
                    ),
                },
            },
            {
                "code": "profile_contact_function",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": "Function of the contact person",
                    "fr": "Fonction de la personne de contact",
                    "de": "Funktion der Ansprechperson",
                },
                "help": {
                    "en": (
                        "The job title, e.g. Anti-racism coordinator, Head of the integration "
                        "office."
                    ),
                    "fr": (
                        "L'intitulé du poste, p. ex. chargée de mission lutte contre les "
                        "discriminations, chef du service intégration."
                    ),
                    "de": (
                        "Die Stellenbezeichnung, z. B. Antirassismus-Koordinatorin, Leiter des "
                        "Integrationsbüros."
                    ),
                },
            },
            {
                "code": "profile_contact_email",
                "type": "short_text",
                "required": True,
                "text": {
                    "en": "Email address of the contact person",
                    "fr": "Adresse électronique de la personne de contact",
                    "de": "E-Mail-Adresse der Ansprechperson",
                },
                "help": {
                    "en": (
                        "Preferably a functional address that stays valid when staff change, e.g. "
                        "eccar@city.example."
                    ),
                    "fr": (
                        "De préférence une adresse fonctionnelle qui reste valable en cas de "
                        "changement de personnel, p. ex. eccar@ville.example."
                    ),
                    "de": (
                        "Möglichst eine Funktionsadresse, die auch bei einem Personalwechsel "
                        "gültig bleibt, z. B. eccar@stadt.example."
                    ),
                },
            },
            {
                "code": "profile_year_joined",
                "type": "number",
                "required": True,
                "text": {
                    "en": "In which year did your city join ECCAR?",
                    "fr": "En quelle année votre ville a-t-elle adhéré à ECCAR ?",
                    "de": "In welchem Jahr ist Ihre Stadt ECCAR beigetreten?",
                },
                "help": {
                    "en": "The year the mayor signed the 10-Point Plan of Action, e.g. 2006.",
                    "fr": (
                        "L'année où le maire a signé le Plan d'action en dix points, p. ex. 2006."
                    ),
                    "de": (
                        "Das Jahr, in dem die Stadtspitze den Zehn-Punkte-Aktionsplan "
                        "unterzeichnet hat, z. B. 2006."
                    ),
                },
            },
        ],
    },
    {
        "code": "strategy",
        "level": 1,
        "title": {
            "en": "Political mandate and strategy against racism",
            "fr": "Mandat politique et stratégie contre le racisme",
            "de": "Politisches Mandat und Strategie gegen Rassismus",
        },
        "intro": {
            "en": (
                "This section asks how the fight against racism is anchored politically in your "
                "city and whether it follows a written plan. It concerns the city's overall "
                "strategy; individual measures are described in level 2."
            ),
            "fr": (
                "Cette section porte sur l'ancrage politique de la lutte contre le racisme dans "
                "votre ville et sur l'existence d'un plan écrit. Elle concerne la stratégie "
                "globale de la ville ; les mesures individuelles sont décrites au niveau 2."
            ),
            "de": (
                "Dieser Abschnitt fragt, wie die Arbeit gegen Rassismus in Ihrer Stadt politisch "
                "verankert ist und ob sie einem schriftlichen Plan folgt. Es geht um die "
                "Gesamtstrategie der Stadt; einzelne Maßnahmen beschreiben Sie auf Ebene 2."
            ),
        },
        "questions": [
            {
                "code": "strategy_council_mandate",
                "type": "yes_no",
                "required": True,
                "text": {
                    "en": (
                        "Is the city's work against racism based on a formal decision of the city "
                        "council or the mayor?"
                    ),
                    "fr": (
                        "Le travail de la ville contre le racisme repose-t-il sur une décision "
                        "formelle du conseil municipal ou du maire ?"
                    ),
                    "de": (
                        "Beruht die Arbeit der Stadt gegen Rassismus auf einem formellen Beschluss "
                        "des Stadtrats oder der Stadtspitze?"
                    ),
                },
                "help": {
                    "en": (
                        "For example a council resolution to join ECCAR, to adopt an action plan "
                        "or to set up an anti-discrimination office."
                    ),
                    "fr": (
                        "Par exemple une délibération du conseil municipal pour adhérer à ECCAR, "
                        "adopter un plan d'action ou créer un service de lutte contre les "
                        "discriminations."
                    ),
                    "de": (
                        "Zum Beispiel ein Ratsbeschluss zum Beitritt zu ECCAR, zur Verabschiedung "
                        "eines Aktionsplans oder zur Einrichtung einer Antidiskriminierungsstelle."
                    ),
                },
            },
            {
                "code": "strategy_mandate_details",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "Which decision was taken, when and by whom?",
                    "fr": "Quelle décision a été prise, quand et par quelle instance ?",
                    "de": "Welcher Beschluss wurde wann und von wem gefasst?",
                },
                "help": {
                    "en": (
                        "Give the date, the body (council, executive, mayor) and the main content "
                        "in a few sentences, e.g. 'City council resolution of 12 May 2021 on "
                        "joining ECCAR and creating a post of anti-racism coordinator'."
                    ),
                    "fr": (
                        "Indiquez la date, l'instance (conseil municipal, exécutif, maire) et le "
                        "contenu principal en quelques phrases, p. ex. 'Délibération du conseil "
                        "municipal du 12 mai 2021 relative à l'adhésion à ECCAR et à la création "
                        "d'un poste de chargé de mission contre le racisme'."
                    ),
                    "de": (
                        "Nennen Sie Datum, Gremium (Stadtrat, Magistrat, Stadtspitze) und den "
                        "wesentlichen Inhalt in wenigen Sätzen, z. B. 'Gemeinderatsbeschluss vom "
                        "12. Mai 2021 zum Beitritt zu ECCAR und zur Schaffung einer Stelle für "
                        "Antirassismus-Koordination'."
                    ),
                },
                "show_if": {"question": "strategy_council_mandate", "value": "yes"},
            },
            {
                "code": "strategy_has_action_plan",
                "type": "yes_no",
                "required": True,
                "text": {
                    "en": (
                        "Does your city have a written action plan or strategy against racism or "
                        "for diversity?"
                    ),
                    "fr": (
                        "Votre ville dispose-t-elle d'un plan d'action ou d'une stratégie écrite "
                        "contre le racisme ou en faveur de la diversité ?"
                    ),
                    "de": (
                        "Hat Ihre Stadt einen schriftlichen Aktionsplan oder eine Strategie gegen "
                        "Rassismus oder für Vielfalt?"
                    ),
                },
                "help": {
                    "en": (
                        "Answer yes also if anti-racism is a distinct chapter of a broader plan, "
                        "e.g. an integration, equality or human rights strategy."
                    ),
                    "fr": (
                        "Répondez oui également si la lutte contre le racisme constitue un "
                        "chapitre distinct d'un plan plus large, p. ex. une stratégie "
                        "d'intégration, d'égalité ou de droits humains."
                    ),
                    "de": (
                        "Antworten Sie auch dann mit Ja, wenn Antirassismus ein eigenes Kapitel "
                        "eines umfassenderen Plans ist, z. B. eines Integrations-, "
                        "Gleichstellungs- oder Menschenrechtskonzepts."
                    ),
                },
            },
            {
                "code": "strategy_plan_year",
                "type": "number",
                "required": False,
                "text": {
                    "en": "In which year was the current plan adopted?",
                    "fr": "En quelle année le plan actuel a-t-il été adopté ?",
                    "de": "In welchem Jahr wurde der aktuelle Plan verabschiedet?",
                },
                "help": {
                    "en": (
                        "The year in which the version currently in force was adopted, e.g. 2022. "
                        "This asks about the plan as a whole, not the start of an individual "
                        "measure, which you give in level 2."
                    ),
                    "fr": (
                        "L'année d'adoption de la version en vigueur, p. ex. 2022. Cette question "
                        "porte sur le plan dans son ensemble, et non sur le début d'une mesure "
                        "particulière, que vous indiquez au niveau 2."
                    ),
                    "de": (
                        "Das Jahr, in dem die geltende Fassung verabschiedet wurde, z. B. 2022. "
                        "Gefragt ist nach dem Plan als Ganzem, nicht nach dem Beginn einer "
                        "einzelnen Maßnahme; diesen geben Sie auf Ebene 2 an."
                    ),
                },
                "show_if": {"question": "strategy_has_action_plan", "value": "yes"},
            },
            {
                "code": "strategy_plan_title",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": "Title of the plan or link to it",
                    "fr": "Titre du plan ou lien vers celui-ci",
                    "de": "Titel des Plans oder Link dazu",
                },
                "help": {
                    "en": (
                        "The official title of the city's plan, and a web link if it is published, "
                        "e.g. 'Local Action Plan against Racism 2022-2026'. The titles of "
                        "individual measures are given in level 2."
                    ),
                    "fr": (
                        "Le titre officiel du plan de la ville et, s'il est publié, un lien "
                        "internet, p. ex. 'Plan local de lutte contre le racisme et les "
                        "discriminations 2022-2026'. Les titres des mesures individuelles sont "
                        "indiqués au niveau 2."
                    ),
                    "de": (
                        "Der offizielle Titel des Plans der Stadt und, falls er veröffentlicht "
                        "ist, ein Link, z. B. 'Lokaler Aktionsplan gegen Rassismus 2022-2026'. Die "
                        "Titel einzelner Maßnahmen geben Sie auf Ebene 2 an."
                    ),
                },
                "show_if": {"question": "strategy_has_action_plan", "value": "yes"},
            },
            {
                "code": "strategy_plan_commitments",
                "type": "commitments",
                "required": False,
                "text": {
                    "en": (
                        "Which commitments of the 10-Point Plan of Action does your city's plan "
                        "cover?"
                    ),
                    "fr": (
                        "Quels engagements du Plan d'action en dix points le plan de votre ville "
                        "couvre-t-il ?"
                    ),
                    "de": (
                        "Welche Verpflichtungen des Zehn-Punkte-Aktionsplans deckt der Plan Ihrer "
                        "Stadt ab?"
                    ),
                },
                "help": {
                    "en": (
                        "Select every commitment that your city's plan addresses with at least one "
                        "concrete action. This asks about the plan as a whole; the commitments of "
                        "each individual measure are chosen in level 2."
                    ),
                    "fr": (
                        "Sélectionnez chaque engagement que le plan de votre ville traite par au "
                        "moins une action concrète. Cette question porte sur le plan dans son "
                        "ensemble ; les engagements de chaque mesure sont choisis au niveau 2."
                    ),
                    "de": (
                        "Wählen Sie jede Verpflichtung aus, die der Plan Ihrer Stadt mit "
                        "mindestens einer konkreten Aktion aufgreift. Gefragt ist nach dem Plan "
                        "als Ganzem; die Verpflichtungen der einzelnen Maßnahmen wählen Sie auf "
                        "Ebene 2."
                    ),
                },
                "show_if": {"question": "strategy_has_action_plan", "value": "yes"},
            },
            {
                "code": "strategy_political_lead",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": (
                        "Which member of the city's political leadership is responsible for the "
                        "work against racism?"
                    ),
                    "fr": (
                        "Quel membre de l'exécutif municipal est responsable de la lutte contre le "
                        "racisme ?"
                    ),
                    "de": (
                        "Welches Mitglied der politischen Stadtspitze ist für die Arbeit gegen "
                        "Rassismus zuständig?"
                    ),
                },
                "help": {
                    "en": (
                        "Give the function and portfolio, e.g. Deputy Mayor for Social Affairs and "
                        "Integration; a name is not needed. This asks about the political lead; "
                        "the administrative contact person is given in the city profile."
                    ),
                    "fr": (
                        "Indiquez la fonction et la délégation, p. ex. adjointe au maire chargée "
                        "de la cohésion sociale et de l'égalité ; le nom n'est pas nécessaire. "
                        "Cette question porte sur la responsabilité politique ; la personne de "
                        "contact administrative est indiquée dans le profil de la ville."
                    ),
                    "de": (
                        "Nennen Sie Funktion und Geschäftsbereich, z. B. Bürgermeisterin für "
                        "Soziales und Integration; ein Name ist nicht nötig. Gefragt ist nach der "
                        "politischen Verantwortung; die Ansprechperson in der Verwaltung geben Sie "
                        "im Profil der Stadt an."
                    ),
                },
            },
            {
                "code": "strategy_plan_evaluation",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How is the action plan monitored and evaluated?",
                    "fr": "Comment le plan d'action est-il suivi et évalué ?",
                    "de": "Wie wird der Aktionsplan begleitet und evaluiert?",
                },
                "help": {
                    "en": (
                        "This asks about the evaluation of the city's action plan as a whole, e.g. "
                        "an annual progress report to the council, a mid-term review or an "
                        "external evaluation by a university, not the evaluation of individual "
                        "measures, which you describe in level 2 for each measure. About 5-10 "
                        "sentences."
                    ),
                    "fr": (
                        "Cette question porte sur l'évaluation du plan d'action de la ville dans "
                        "son ensemble, p. ex. un bilan annuel présenté au conseil municipal, une "
                        "revue à mi-parcours ou une évaluation externe par une université, et non "
                        "sur l'évaluation des mesures individuelles, que vous décrivez au niveau 2 "
                        "pour chaque mesure. Environ 5 à 10 phrases."
                    ),
                    "de": (
                        "Gefragt ist nach der Evaluation des Aktionsplans der Stadt als Ganzem, z. "
                        "B. ein jährlicher Fortschrittsbericht an den Stadtrat, eine "
                        "Zwischenbilanz oder eine externe Evaluation durch eine Hochschule, nicht "
                        "nach der Evaluation einzelner Maßnahmen; diese beschreiben Sie auf Ebene "
                        "2 für jede Maßnahme. Etwa 5 bis 10 Sätze."
                    ),
                },
                "show_if": {"question": "strategy_has_action_plan", "value": "yes"},
            },
        ],
    },
    {
        "code": "organisation",
        "level": 1,
        "title": {
            "en": "Organisation and budget of the anti-racism work",
            "fr": "Organisation et budget de la lutte contre le racisme",
            "de": "Organisation und Budget der Antirassismusarbeit",
        },
        "intro": {
            "en": (
                "This section asks how the city administration has organised its work against "
                "racism and which resources it has. Please give figures for the city's anti-racism "
                "work as a whole; the resources of individual measures are asked in level 2."
            ),
            "fr": (
                "Cette section porte sur l'organisation de la lutte contre le racisme au sein de "
                "l'administration municipale et sur les moyens dont elle dispose. Veuillez "
                "indiquer les chiffres pour l'ensemble de la lutte contre le racisme de la ville ; "
                "les moyens des mesures individuelles sont demandés au niveau 2."
            ),
            "de": (
                "Dieser Abschnitt fragt, wie die Stadtverwaltung ihre Arbeit gegen Rassismus "
                "organisiert hat und über welche Mittel sie verfügt. Bitte machen Sie Angaben für "
                "die gesamte Antirassismusarbeit der Stadt; die Mittel einzelner Maßnahmen werden "
                "auf Ebene 2 abgefragt."
            ),
        },
        "questions": [
            {
                "code": "organisation_unit",
                "type": "single_choice",
                "required": True,
                "text": {
                    "en": "How is the work against racism organised in the city administration?",
                    "fr": (
                        "Comment la lutte contre le racisme est-elle organisée au sein de "
                        "l'administration municipale ?"
                    ),
                    "de": "Wie ist die Arbeit gegen Rassismus in der Stadtverwaltung organisiert?",
                },
                "help": {
                    "en": (
                        "Choose the option that best describes the situation at the time of "
                        "reporting."
                    ),
                    "fr": (
                        "Choisissez l'option qui décrit le mieux la situation au moment du rapport."
                    ),
                    "de": (
                        "Wählen Sie die Option, die die Lage zum Zeitpunkt des Berichts am besten "
                        "beschreibt."
                    ),
                },
                "choices": [
                    {
                        "value": "dedicated_unit",
                        "label": {
                            "en": (
                                "A dedicated unit or office for anti-racism or anti-discrimination"
                            ),
                            "fr": (
                                "Un service ou bureau dédié à la lutte contre le racisme ou les "
                                "discriminations"
                            ),
                            "de": (
                                "Eine eigene Stelle oder ein eigenes Büro für Antirassismus oder "
                                "Antidiskriminierung"
                            ),
                        },
                    },
                    {
                        "value": "integrated",
                        "label": {
                            "en": (
                                "Integrated in another department, e.g. integration, social "
                                "affairs or equality"
                            ),
                            "fr": (
                                "Intégrée à un autre service, p. ex. intégration, affaires "
                                "sociales ou égalité"
                            ),
                            "de": (
                                "In ein anderes Amt eingebunden, z. B. Integration, Soziales oder "
                                "Gleichstellung"
                            ),
                        },
                    },
                    {
                        "value": "coordinator_only",
                        "label": {
                            "en": "A coordinator or focal point without a unit",
                            "fr": "Un coordinateur ou une personne référente, sans service",
                            "de": (
                                "Eine Koordinatorin oder ein Koordinator ohne eigene "
                                "Organisationseinheit"
                            ),
                        },
                    },
                    {
                        "value": "none",
                        "label": {
                            "en": "No specific organisational arrangement",
                            "fr": "Aucune organisation spécifique",
                            "de": "Keine besondere organisatorische Verankerung",
                        },
                    },
                ],
            },
            {
                "code": "organisation_unit_name",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": "Name of the unit and its place in the administration",
                    "fr": "Nom du service et sa place dans l'administration",
                    "de": "Name der Stelle und ihre Einordnung in die Verwaltung",
                },
                "help": {
                    "en": (
                        "E.g. 'Office for Diversity, attached to the Mayor's Office'. This asks "
                        "where the anti-racism work is organised, which may differ from the office "
                        "responsible for ECCAR given in the city profile. Leave empty if there is "
                        "no specific arrangement."
                    ),
                    "fr": (
                        "P. ex. 'Mission diversité, rattachée au cabinet du maire'. Cette question "
                        "porte sur l'endroit où la lutte contre le racisme est organisée, qui peut "
                        "différer du service responsable d'ECCAR indiqué dans le profil de la "
                        "ville. Laissez vide s'il n'y a pas d'organisation spécifique."
                    ),
                    "de": (
                        "Z. B. 'Stabsstelle Vielfalt beim Oberbürgermeister'. Gefragt ist, wo die "
                        "Antirassismusarbeit angesiedelt ist; das kann eine andere Stelle sein als "
                        "die im Profil der Stadt genannte, für ECCAR zuständige Stelle. Leer "
                        "lassen, wenn es keine besondere Verankerung gibt."
                    ),
                },
            },
            {
                "code": "organisation_fte",
                "type": "number",
                "required": False,
                "text": {
                    "en": (
                        "How many full-time equivalents work on anti-racism in the city "
                        "administration?"
                    ),
                    "fr": (
                        "Combien d'équivalents temps plein (ETP) travaillent à la lutte contre le "
                        "racisme dans l'administration municipale ?"
                    ),
                    "de": (
                        "Wie viele Vollzeitäquivalente (VZÄ) arbeiten in der Stadtverwaltung an "
                        "der Antirassismusarbeit?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about the staff capacity of the city's anti-racism work as a "
                        "whole, i.e. the posts in the unit or for coordination, e.g. 2.5 for two "
                        "full-time posts and one half-time post. The people working on a specific "
                        "measure are described in level 2 for each measure."
                    ),
                    "fr": (
                        "Cette question porte sur les effectifs de l'ensemble de la lutte contre "
                        "le racisme de la ville, c'est-à-dire les postes du service ou de la "
                        "coordination, p. ex. 2,5 pour deux postes à temps plein et un mi-temps. "
                        "Les personnes travaillant sur une mesure particulière sont décrites au "
                        "niveau 2 pour chaque mesure."
                    ),
                    "de": (
                        "Gefragt ist nach der Personalausstattung der gesamten Antirassismusarbeit "
                        "der Stadt, also den Stellen in der Fachstelle oder für die Koordination, "
                        "z. B. 2,5 für zwei Vollzeitstellen und eine Halbtagsstelle. Die an einer "
                        "bestimmten Maßnahme arbeitenden Personen beschreiben Sie auf Ebene 2 für "
                        "jede Maßnahme."
                    ),
                },
            },
            {
                "code": "organisation_budget",
                "type": "number",
                "required": True,
                "text": {
                    "en": "What is the annual budget of the city's anti-racism work, in euros?",
                    "fr": (
                        "Quel est le budget annuel de la lutte contre le racisme de la ville, en "
                        "euros ?"
                    ),
                    "de": (
                        "Wie hoch ist das jährliche Budget der Antirassismusarbeit der Stadt in "
                        "Euro?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about the overall budget of the city's anti-racism work in the "
                        "last full year, not the budget of individual measures, which you give in "
                        "level 2 for each measure. Convert other currencies into euros and give a "
                        "whole number, e.g. 250000. Enter 0 if there is no specific budget."
                    ),
                    "fr": (
                        "Cette question porte sur le budget global de la lutte contre le racisme "
                        "de la ville pour la dernière année complète, et non sur le budget des "
                        "mesures individuelles, que vous indiquez au niveau 2 pour chaque mesure. "
                        "Convertissez les autres monnaies en euros et indiquez un nombre entier, "
                        "p. ex. 250000. Indiquez 0 s'il n'existe pas de budget spécifique."
                    ),
                    "de": (
                        "Gefragt ist nach dem Gesamtbudget der Antirassismusarbeit der Stadt im "
                        "letzten vollen Jahr, nicht nach dem Budget einzelner Maßnahmen; dieses "
                        "geben Sie auf Ebene 2 für jede Maßnahme an. Rechnen Sie andere Währungen "
                        "in Euro um und geben Sie eine ganze Zahl an, z. B. 250000. Geben Sie 0 "
                        "an, wenn es kein eigenes Budget gibt."
                    ),
                },
            },
            {
                "code": "organisation_budget_scope",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "What does this overall budget include?",
                    "fr": "Que comprend ce budget global ?",
                    "de": "Was umfasst dieses Gesamtbudget?",
                },
                "help": {
                    "en": (
                        "Explain in 2-4 sentences what the overall figure above covers, e.g. staff "
                        "costs, grants to associations, campaigns, and whether funds of other "
                        "departments are included. This makes budgets comparable between cities."
                    ),
                    "fr": (
                        "Expliquez en 2 à 4 phrases ce que couvre le montant global ci-dessus, p. "
                        "ex. frais de personnel, subventions aux associations, campagnes, et si "
                        "des fonds d'autres services sont inclus. Cela permet de comparer les "
                        "budgets entre villes."
                    ),
                    "de": (
                        "Erläutern Sie in 2 bis 4 Sätzen, was der obige Gesamtbetrag umfasst, z. "
                        "B. Personalkosten, Zuschüsse an Vereine, Kampagnen, und ob Mittel anderer "
                        "Ämter enthalten sind. So werden die Budgets zwischen Städten "
                        "vergleichbar."
                    ),
                },
            },
            {
                "code": "organisation_funding_sources",
                "type": "multiple_choice",
                "required": False,
                "text": {
                    "en": "From which sources is the city's anti-racism work funded?",
                    "fr": (
                        "Quelles sont les sources de financement de la lutte contre le racisme de "
                        "la ville ?"
                    ),
                    "de": "Aus welchen Quellen wird die Antirassismusarbeit der Stadt finanziert?",
                },
                "help": {
                    "en": (
                        "Select all sources that apply to the city's anti-racism work as a whole. "
                        "The funding of each individual measure is asked separately in level 2."
                    ),
                    "fr": (
                        "Sélectionnez toutes les sources qui s'appliquent à la lutte contre le "
                        "racisme de la ville dans son ensemble. Le financement de chaque mesure "
                        "est demandé séparément au niveau 2."
                    ),
                    "de": (
                        "Wählen Sie alle Quellen aus, die für die Antirassismusarbeit der Stadt "
                        "insgesamt zutreffen. Die Finanzierung jeder einzelnen Maßnahme wird auf "
                        "Ebene 2 gesondert abgefragt."
                    ),
                },
                "choices": [
                    {
                        "value": "municipal_budget",
                        "label": {
                            "en": "Municipal budget",
                            "fr": "Budget municipal",
                            "de": "Städtischer Haushalt",
                        },
                    },
                    {
                        "value": "regional_national",
                        "label": {
                            "en": "Regional or national funds",
                            "fr": "Fonds régionaux ou nationaux",
                            "de": "Regionale oder nationale Mittel",
                        },
                    },
                    {
                        "value": "eu_funds",
                        "label": {
                            "en": "EU funds, e.g. CERV, ESF+, AMIF",
                            "fr": "Fonds de l'UE, p. ex. CERV, FSE+, FAMI",
                            "de": "EU-Mittel, z. B. CERV, ESF Plus, AMIF",
                        },
                    },
                    {
                        "value": "foundations",
                        "label": {"en": "Foundations", "fr": "Fondations", "de": "Stiftungen"},
                    },
                    {"value": "other", "label": {"en": "Other", "fr": "Autres", "de": "Sonstige"}},
                ],
            },
            {
                "code": "organisation_cross_department",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": (
                        "How do the departments of the city administration cooperate on "
                        "anti-racism?"
                    ),
                    "fr": (
                        "Comment les services de l'administration municipale coopèrent-ils en "
                        "matière de lutte contre le racisme ?"
                    ),
                    "de": (
                        "Wie arbeiten die Ämter der Stadtverwaltung beim Thema Antirassismus "
                        "zusammen?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about the permanent cooperation structures across the "
                        "administration, e.g. an interdepartmental working group, contact persons "
                        "in each department or joint targets. The departments involved in a "
                        "specific measure are described in level 2 for each measure. About 5-10 "
                        "sentences."
                    ),
                    "fr": (
                        "Cette question porte sur les structures permanentes de coopération au "
                        "sein de l'administration, p. ex. un groupe de travail interservices, des "
                        "référents dans chaque service ou des objectifs communs. Les services "
                        "associés à une mesure particulière sont décrits au niveau 2 pour chaque "
                        "mesure. Environ 5 à 10 phrases."
                    ),
                    "de": (
                        "Gefragt ist nach den dauerhaften Strukturen der Zusammenarbeit in der "
                        "Verwaltung, z. B. eine ämterübergreifende Arbeitsgruppe, Ansprechpersonen "
                        "in jedem Amt oder gemeinsame Ziele. Die an einer bestimmten Maßnahme "
                        "beteiligten Ämter beschreiben Sie auf Ebene 2 für jede Maßnahme. Etwa 5 "
                        "bis 10 Sätze."
                    ),
                },
            },
        ],
    },
    {
        "code": "data",
        "level": 1,
        "title": {
            "en": "Data collection and monitoring",
            "fr": "Collecte de données et suivi",
            "de": "Datenerhebung und Monitoring",
        },
        "intro": {
            "en": (
                "This section asks which data your city collects or uses to understand racism and "
                "discrimination locally, and how residents can report incidents. It concerns the "
                "city's general monitoring, not the results of individual measures, which you "
                "report in level 2."
            ),
            "fr": (
                "Cette section porte sur les données que votre ville collecte ou utilise pour "
                "comprendre le racisme et les discriminations au niveau local, et sur la manière "
                "dont les habitants peuvent signaler des incidents. Elle concerne le suivi général "
                "de la ville, et non les résultats des mesures individuelles, que vous indiquez au "
                "niveau 2."
            ),
            "de": (
                "Dieser Abschnitt fragt, welche Daten Ihre Stadt erhebt oder nutzt, um Rassismus "
                "und Diskriminierung vor Ort zu verstehen, und wie Einwohnerinnen und Einwohner "
                "Vorfälle melden können. Es geht um das allgemeine Monitoring der Stadt, nicht um "
                "die Ergebnisse einzelner Maßnahmen; diese berichten Sie auf Ebene 2."
            ),
        },
        "questions": [
            {
                "code": "data_collects_equality_data",
                "type": "yes_no",
                "required": True,
                "text": {
                    "en": "Does your city collect equality data?",
                    "fr": "Votre ville collecte-t-elle des données sur l'égalité ?",
                    "de": "Erhebt Ihre Stadt Gleichstellungsdaten?",
                },
                "help": {
                    "en": (
                        "Equality data show whether groups of people are treated unequally or "
                        "experience discrimination, e.g. by self-identified origin, nationality or "
                        "religion; they are collected voluntarily and anonymously in line with "
                        "data protection rules. Answer yes if the city collects such data itself "
                        "or commissions them."
                    ),
                    "fr": (
                        "Les données sur l'égalité montrent si des groupes de personnes sont "
                        "traités de manière inégale ou subissent des discriminations, p. ex. selon "
                        "l'origine, la nationalité ou la religion déclarées par les personnes "
                        "elles-mêmes ; elles sont collectées de façon volontaire et anonyme, dans "
                        "le respect de la protection des données. Répondez oui si la ville "
                        "collecte elle-même ces données ou les fait collecter."
                    ),
                    "de": (
                        "Gleichstellungsdaten zeigen, ob Gruppen von Menschen ungleich behandelt "
                        "werden oder Diskriminierung erfahren, z. B. nach selbst angegebener "
                        "Herkunft, Staatsangehörigkeit oder Religion; sie werden freiwillig und "
                        "anonym unter Beachtung des Datenschutzes erhoben. Antworten Sie mit Ja, "
                        "wenn die Stadt solche Daten selbst erhebt oder in Auftrag gibt."
                    ),
                },
            },
            {
                "code": "data_kinds",
                "type": "multiple_choice",
                "required": False,
                "text": {
                    "en": "Which data on racism and discrimination does the city collect or use?",
                    "fr": (
                        "Quelles données sur le racisme et les discriminations la ville "
                        "collecte-t-elle ou utilise-t-elle ?"
                    ),
                    "de": (
                        "Welche Daten zu Rassismus und Diskriminierung erhebt oder nutzt die Stadt?"
                    ),
                },
                "help": {
                    "en": (
                        "Select all that apply, including data collected by partners such as the "
                        "police or an independent counselling centre that the city uses. This asks "
                        "about the city's general monitoring, not about data gathered to measure "
                        "the results of a single measure, which you describe in level 2."
                    ),
                    "fr": (
                        "Sélectionnez toutes les réponses pertinentes, y compris les données "
                        "collectées par des partenaires comme la police ou un centre de conseil "
                        "indépendant et utilisées par la ville. Cette question porte sur le suivi "
                        "général de la ville, et non sur les données recueillies pour mesurer les "
                        "résultats d'une mesure particulière, que vous décrivez au niveau 2."
                    ),
                    "de": (
                        "Wählen Sie alles Zutreffende aus, auch Daten von Partnern wie der Polizei "
                        "oder einer unabhängigen Beratungsstelle, die die Stadt nutzt. Gefragt ist "
                        "nach dem allgemeinen Monitoring der Stadt, nicht nach Daten, die zur "
                        "Messung der Ergebnisse einer einzelnen Maßnahme erhoben werden; diese "
                        "beschreiben Sie auf Ebene 2."
                    ),
                },
                "choices": [
                    {
                        "value": "discrimination_complaints",
                        "label": {
                            "en": "Complaints of discrimination",
                            "fr": "Plaintes et signalements pour discrimination",
                            "de": "Diskriminierungsbeschwerden und -meldungen",
                        },
                    },
                    {
                        "value": "resident_surveys",
                        "label": {
                            "en": "Surveys of residents, e.g. on experiences of discrimination",
                            "fr": (
                                "Enquêtes auprès des habitants, p. ex. sur les expériences de "
                                "discrimination"
                            ),
                            "de": (
                                "Befragungen der Einwohnerschaft, z. B. zu "
                                "Diskriminierungserfahrungen"
                            ),
                        },
                    },
                    {
                        "value": "staff_diversity",
                        "label": {
                            "en": "Diversity data on municipal staff",
                            "fr": "Données sur la diversité du personnel municipal",
                            "de": "Daten zur Vielfalt des städtischen Personals",
                        },
                    },
                    {
                        "value": "hate_crime_statistics",
                        "label": {
                            "en": "Hate crime statistics, with the police",
                            "fr": "Statistiques des crimes de haine, avec la police",
                            "de": "Statistiken zu Hasskriminalität, gemeinsam mit der Polizei",
                        },
                    },
                    {
                        "value": "school_data",
                        "label": {
                            "en": "School data, e.g. on incidents or educational outcomes",
                            "fr": (
                                "Données scolaires, p. ex. sur les incidents ou les parcours "
                                "scolaires"
                            ),
                            "de": "Schuldaten, z. B. zu Vorfällen oder zum Bildungserfolg",
                        },
                    },
                    {
                        "value": "none",
                        "label": {
                            "en": "None of these",
                            "fr": "Aucune de ces données",
                            "de": "Keine dieser Daten",
                        },
                    },
                ],
            },
            {
                "code": "data_indicators",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": (
                        "Which indicators does the city use to monitor racism, discrimination and "
                        "equal opportunities?"
                    ),
                    "fr": (
                        "Quels indicateurs la ville utilise-t-elle pour suivre le racisme, les "
                        "discriminations et l'égalité des chances ?"
                    ),
                    "de": (
                        "Welche Indikatoren nutzt die Stadt, um Rassismus, Diskriminierung und "
                        "Chancengleichheit zu beobachten?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about city-wide indicators, e.g. the number of reported "
                        "incidents per year, the share of staff with a migration background, "
                        "rejection rates on the housing market or the results of a residents' "
                        "survey, not the indicators used to measure the results of one measure, "
                        "which you describe in level 2. Name the indicators and, where possible, "
                        "their latest values."
                    ),
                    "fr": (
                        "Cette question porte sur les indicateurs à l'échelle de la ville, p. ex. "
                        "le nombre d'incidents signalés par an, la part du personnel issu de "
                        "l'immigration, les taux de refus sur le marché du logement ou les "
                        "résultats d'une enquête auprès des habitants, et non sur les indicateurs "
                        "servant à mesurer les résultats d'une mesure, que vous décrivez au niveau "
                        "2. Citez les indicateurs et, si possible, leurs dernières valeurs."
                    ),
                    "de": (
                        "Gefragt ist nach stadtweiten Indikatoren, z. B. die Zahl der gemeldeten "
                        "Vorfälle pro Jahr, der Anteil der Beschäftigten mit "
                        "Migrationshintergrund, Ablehnungsquoten auf dem Wohnungsmarkt oder die "
                        "Ergebnisse einer Bevölkerungsbefragung, nicht nach den Indikatoren zur "
                        "Messung der Ergebnisse einer einzelnen Maßnahme; diese beschreiben Sie "
                        "auf Ebene 2. Nennen Sie die Indikatoren und, wenn möglich, ihre neuesten "
                        "Werte."
                    ),
                },
            },
            {
                "code": "data_complaint_mechanism",
                "type": "yes_no",
                "required": True,
                "text": {
                    "en": (
                        "Can residents report experiences of racism and discrimination to a "
                        "municipal or city-funded body?"
                    ),
                    "fr": (
                        "Les habitants peuvent-ils signaler des expériences de racisme et de "
                        "discrimination à un organisme municipal ou financé par la ville ?"
                    ),
                    "de": (
                        "Können Einwohnerinnen und Einwohner Rassismus- und "
                        "Diskriminierungserfahrungen bei einer städtischen oder von der Stadt "
                        "finanzierten Stelle melden?"
                    ),
                },
                "help": {
                    "en": (
                        "For example an ombudsperson, an anti-discrimination counselling centre or "
                        "an online reporting form. If the reporting office itself is one of your "
                        "measures, you can also describe it in detail in level 2."
                    ),
                    "fr": (
                        "Par exemple un médiateur, un centre de conseil contre les discriminations "
                        "ou un formulaire de signalement en ligne. Si le dispositif de signalement "
                        "constitue l'une de vos mesures, vous pouvez aussi le décrire en détail au "
                        "niveau 2."
                    ),
                    "de": (
                        "Zum Beispiel eine Ombudsstelle, eine Antidiskriminierungsberatungsstelle "
                        "oder ein Online-Meldeformular. Ist die Meldestelle selbst eine Ihrer "
                        "Maßnahmen, können Sie sie auf Ebene 2 zusätzlich ausführlich beschreiben."
                    ),
                },
            },
            {
                "code": "data_complaint_details",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How does the reporting mechanism work?",
                    "fr": "Comment fonctionne le dispositif de signalement ?",
                    "de": "Wie funktioniert das Meldeverfahren?",
                },
                "help": {
                    "en": (
                        "Describe who runs it, how residents can reach it (languages, online, in "
                        "person, anonymously), what happens with a report, and how victims are "
                        "supported or referred. About 5-10 sentences."
                    ),
                    "fr": (
                        "Décrivez qui le gère, comment les habitants peuvent y accéder (langues, "
                        "en ligne, en personne, de manière anonyme), ce qu'il advient d'un "
                        "signalement et comment les victimes sont accompagnées ou orientées. "
                        "Environ 5 à 10 phrases."
                    ),
                    "de": (
                        "Beschreiben Sie, wer das Verfahren betreibt, wie Einwohnerinnen und "
                        "Einwohner es erreichen (Sprachen, online, persönlich, anonym), was mit "
                        "einer Meldung geschieht und wie Betroffene unterstützt oder "
                        "weitervermittelt werden. Etwa 5 bis 10 Sätze."
                    ),
                },
                "show_if": {"question": "data_complaint_mechanism", "value": "yes"},
            },
            {
                "code": "data_complaints_count",
                "type": "number",
                "required": False,
                "text": {
                    "en": "How many reports were received in the last full year?",
                    "fr": (
                        "Combien de signalements ont été reçus au cours de la dernière année "
                        "complète ?"
                    ),
                    "de": "Wie viele Meldungen gingen im letzten vollen Jahr ein?",
                },
                "help": {
                    "en": (
                        "The total number of reports of racism or discrimination received through "
                        "the mechanism, e.g. 143. Leave empty if reports are not counted."
                    ),
                    "fr": (
                        "Le nombre total de signalements de racisme ou de discrimination reçus par "
                        "le dispositif, p. ex. 143. Laissez vide si les signalements ne sont pas "
                        "comptabilisés."
                    ),
                    "de": (
                        "Die Gesamtzahl der über das Verfahren eingegangenen Meldungen zu "
                        "Rassismus oder Diskriminierung, z. B. 143. Leer lassen, wenn die "
                        "Meldungen nicht gezählt werden."
                    ),
                },
                "show_if": {"question": "data_complaint_mechanism", "value": "yes"},
            },
            {
                "code": "data_policy_use",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How do these data inform the city's policies?",
                    "fr": "Comment ces données orientent-elles les politiques de la ville ?",
                    "de": "Wie fließen diese Daten in die Politik der Stadt ein?",
                },
                "help": {
                    "en": (
                        "Give one or two concrete examples of a decision, priority or new measure "
                        "based on monitoring data, e.g. a training programme after a rise in "
                        "complaints about public services. This asks about the city's general use "
                        "of data, not the evaluation of individual measures, which you describe in "
                        "level 2."
                    ),
                    "fr": (
                        "Donnez un ou deux exemples concrets de décision, de priorité ou de "
                        "nouvelle mesure fondée sur des données de suivi, p. ex. un programme de "
                        "formation à la suite d'une hausse des plaintes visant les services "
                        "publics. Cette question porte sur l'utilisation générale des données par "
                        "la ville, et non sur l'évaluation des mesures individuelles, que vous "
                        "décrivez au niveau 2."
                    ),
                    "de": (
                        "Nennen Sie ein oder zwei konkrete Beispiele für eine Entscheidung, einen "
                        "Schwerpunkt oder eine neue Maßnahme auf Grundlage von Monitoringdaten, z. "
                        "B. ein Schulungsprogramm nach einem Anstieg der Beschwerden über "
                        "öffentliche Dienste. Gefragt ist nach der allgemeinen Datennutzung der "
                        "Stadt, nicht nach der Evaluation einzelner Maßnahmen; diese beschreiben "
                        "Sie auf Ebene 2."
                    ),
                },
            },
        ],
    },
    {
        "code": "civil_society",
        "level": 1,
        "title": {
            "en": "Cooperation with civil society and people affected by racism",
            "fr": "Coopération avec la société civile et les personnes concernées par le racisme",
            "de": (
                "Zusammenarbeit mit der Zivilgesellschaft und mit von Rassismus betroffenen "
                "Menschen"
            ),
        },
        "intro": {
            "en": (
                "This section asks how the city works in general with associations, NGOs and "
                "communities affected by racism. The partners of a specific measure and the "
                "involvement of affected people in it are described in level 2 for each measure."
            ),
            "fr": (
                "Cette section porte sur la manière dont la ville travaille, de façon générale, "
                "avec les associations, les ONG et les communautés concernées par le racisme. Les "
                "partenaires d'une mesure particulière et l'implication des personnes concernées "
                "dans celle-ci sont décrits au niveau 2 pour chaque mesure."
            ),
            "de": (
                "Dieser Abschnitt fragt, wie die Stadt allgemein mit Vereinen, "
                "Nichtregierungsorganisationen und von Rassismus betroffenen Communities "
                "zusammenarbeitet. Die Partner einer bestimmten Maßnahme und die Beteiligung "
                "Betroffener daran beschreiben Sie auf Ebene 2 für jede Maßnahme."
            ),
        },
        "questions": [
            {
                "code": "civil_society_advisory_council",
                "type": "yes_no",
                "required": True,
                "text": {
                    "en": (
                        "Does the city have an advisory council or similar body in which "
                        "communities affected by racism are represented?"
                    ),
                    "fr": (
                        "La ville dispose-t-elle d'un conseil consultatif ou d'une instance "
                        "similaire où les communautés concernées par le racisme sont représentées "
                        "?"
                    ),
                    "de": (
                        "Hat die Stadt einen Beirat oder ein ähnliches Gremium, in dem von "
                        "Rassismus betroffene Communities vertreten sind?"
                    ),
                },
                "help": {
                    "en": (
                        "For example a migrants' or integration council, a council of foreign "
                        "residents, or an anti-racism round table with self-organisations of "
                        "affected people."
                    ),
                    "fr": (
                        "Par exemple un conseil consultatif des résidents étrangers, un conseil de "
                        "l'intégration ou une table ronde contre le racisme réunissant des "
                        "associations de personnes concernées."
                    ),
                    "de": (
                        "Zum Beispiel ein Integrations- oder Migrationsbeirat, ein Ausländerbeirat "
                        "oder ein runder Tisch gegen Rassismus mit Selbstorganisationen "
                        "Betroffener."
                    ),
                },
            },
            {
                "code": "civil_society_council_details",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How is this body composed, and what is its role?",
                    "fr": "Quelle est la composition de cette instance et quel est son rôle ?",
                    "de": "Wie ist dieses Gremium zusammengesetzt, und welche Rolle hat es?",
                },
                "help": {
                    "en": (
                        "Describe how members are chosen (elected or appointed), how often the "
                        "body meets, and whether it can make proposals to the council or must be "
                        "consulted. About 3-6 sentences."
                    ),
                    "fr": (
                        "Décrivez comment les membres sont désignés (élus ou nommés), à quelle "
                        "fréquence l'instance se réunit et si elle peut faire des propositions au "
                        "conseil municipal ou doit être consultée. Environ 3 à 6 phrases."
                    ),
                    "de": (
                        "Beschreiben Sie, wie die Mitglieder bestimmt werden (gewählt oder "
                        "ernannt), wie oft das Gremium tagt und ob es dem Stadtrat Vorschläge "
                        "machen kann oder angehört werden muss. Etwa 3 bis 6 Sätze."
                    ),
                },
                "show_if": {"question": "civil_society_advisory_council", "value": "yes"},
            },
            {
                "code": "civil_society_partners",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": (
                        "With which civil society organisations does the city regularly cooperate "
                        "against racism?"
                    ),
                    "fr": (
                        "Avec quelles organisations de la société civile la ville coopère-t-elle "
                        "régulièrement contre le racisme ?"
                    ),
                    "de": (
                        "Mit welchen zivilgesellschaftlichen Organisationen arbeitet die Stadt "
                        "regelmäßig gegen Rassismus zusammen?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about the city's cooperation with civil society in general: "
                        "name the main NGOs, associations, religious communities or "
                        "self-organisations and the form of cooperation, e.g. a network, an "
                        "agreement or regular meetings. The partners of a specific measure are "
                        "named in level 2 for each measure."
                    ),
                    "fr": (
                        "Cette question porte sur la coopération de la ville avec la société "
                        "civile en général : citez les principales ONG, associations, communautés "
                        "religieuses ou organisations de personnes concernées et la forme de "
                        "coopération, p. ex. un réseau, une convention ou des réunions régulières. "
                        "Les partenaires d'une mesure particulière sont indiqués au niveau 2 pour "
                        "chaque mesure."
                    ),
                    "de": (
                        "Gefragt ist nach der Zusammenarbeit der Stadt mit der Zivilgesellschaft "
                        "im Allgemeinen: Nennen Sie die wichtigsten Nichtregierungsorganisationen, "
                        "Vereine, Religionsgemeinschaften oder Selbstorganisationen und die Form "
                        "der Zusammenarbeit, z. B. ein Netzwerk, eine Vereinbarung oder "
                        "regelmäßige Treffen. Die Partner einer bestimmten Maßnahme nennen Sie auf "
                        "Ebene 2 für jede Maßnahme."
                    ),
                },
            },
            {
                "code": "civil_society_participation",
                "type": "long_text",
                "required": True,
                "text": {
                    "en": (
                        "How do people affected by racism take part in the city's decisions on "
                        "anti-racism policy?"
                    ),
                    "fr": (
                        "Comment les personnes concernées par le racisme participent-elles aux "
                        "décisions de la ville en matière de lutte contre le racisme ?"
                    ),
                    "de": (
                        "Wie wirken von Rassismus betroffene Menschen an den Entscheidungen der "
                        "Stadt zur Antirassismuspolitik mit?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about participation in the city's anti-racism policy in "
                        "general, e.g. consultation on the action plan, seats in steering groups "
                        "or participatory budgets, not the involvement of affected people in a "
                        "specific measure, which you describe in level 2. About 5-10 sentences."
                    ),
                    "fr": (
                        "Cette question porte sur la participation à la politique de lutte contre "
                        "le racisme de la ville en général, p. ex. une consultation sur le plan "
                        "d'action, des sièges dans des comités de pilotage ou des budgets "
                        "participatifs, et non sur l'implication des personnes concernées dans une "
                        "mesure particulière, que vous décrivez au niveau 2. Environ 5 à 10 "
                        "phrases."
                    ),
                    "de": (
                        "Gefragt ist nach der Beteiligung an der Antirassismuspolitik der Stadt im "
                        "Allgemeinen, z. B. eine Konsultation zum Aktionsplan, Sitze in "
                        "Steuerungsgruppen oder Beteiligungshaushalte, nicht nach der Einbeziehung "
                        "Betroffener in eine bestimmte Maßnahme; diese beschreiben Sie auf Ebene "
                        "2. Etwa 5 bis 10 Sätze."
                    ),
                },
            },
            {
                "code": "civil_society_funding",
                "type": "yes_no",
                "required": False,
                "text": {
                    "en": "Does the city fund civil society organisations working against racism?",
                    "fr": (
                        "La ville finance-t-elle des organisations de la société civile qui "
                        "luttent contre le racisme ?"
                    ),
                    "de": (
                        "Fördert die Stadt zivilgesellschaftliche Organisationen, die gegen "
                        "Rassismus arbeiten, finanziell?"
                    ),
                },
                "help": {
                    "en": (
                        "Answer yes for grants, service contracts or the free use of premises for "
                        "anti-racism work."
                    ),
                    "fr": (
                        "Répondez oui en cas de subventions, de contrats de prestation ou de mise "
                        "à disposition gratuite de locaux pour la lutte contre le racisme."
                    ),
                    "de": (
                        "Antworten Sie mit Ja bei Zuschüssen, Leistungsverträgen oder der "
                        "kostenlosen Überlassung von Räumen für die Antirassismusarbeit."
                    ),
                },
            },
            {
                "code": "civil_society_funding_details",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "Please describe this funding.",
                    "fr": "Veuillez décrire ce financement.",
                    "de": "Bitte beschreiben Sie diese Förderung.",
                },
                "help": {
                    "en": (
                        "Name the funding programmes, the approximate annual amount in euros and "
                        "the number of organisations funded. This asks about the city's support to "
                        "civil society in general; say whether the amount is part of the overall "
                        "budget given in the section on organisation and budget. The funding of a "
                        "specific measure is given in level 2."
                    ),
                    "fr": (
                        "Citez les programmes de financement, le montant annuel approximatif en "
                        "euros et le nombre d'organisations soutenues. Cette question porte sur le "
                        "soutien général de la ville à la société civile ; précisez si le montant "
                        "est compris dans le budget global indiqué dans la section sur "
                        "l'organisation et le budget. Le financement d'une mesure particulière est "
                        "indiqué au niveau 2."
                    ),
                    "de": (
                        "Nennen Sie die Förderprogramme, den ungefähren jährlichen Betrag in Euro "
                        "und die Zahl der geförderten Organisationen. Gefragt ist nach der "
                        "allgemeinen Förderung der Zivilgesellschaft durch die Stadt; geben Sie "
                        "an, ob der Betrag im Gesamtbudget aus dem Abschnitt zu Organisation und "
                        "Budget enthalten ist. Die Finanzierung einer bestimmten Maßnahme geben "
                        "Sie auf Ebene 2 an."
                    ),
                },
                "show_if": {"question": "civil_society_funding", "value": "yes"},
            },
            {
                "code": "civil_society_events",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": (
                        "Which public events does the city organise or support, e.g. around 21 "
                        "March?"
                    ),
                    "fr": (
                        "Quels événements publics la ville organise-t-elle ou soutient-elle, p. "
                        "ex. autour du 21 mars ?"
                    ),
                    "de": (
                        "Welche öffentlichen Veranstaltungen organisiert oder unterstützt die "
                        "Stadt, z. B. rund um den 21. März?"
                    ),
                },
                "help": {
                    "en": (
                        "21 March is the International Day for the Elimination of Racial "
                        "Discrimination. List the main recurring events briefly, e.g. weeks "
                        "against racism, commemorations or festivals. If you want an event series "
                        "to be considered for the ECCAR Prize, describe it as a measure in level "
                        "2."
                    ),
                    "fr": (
                        "Le 21 mars est la Journée internationale pour l'élimination de la "
                        "discrimination raciale. Énumérez brièvement les principaux événements "
                        "récurrents, p. ex. semaines contre le racisme, commémorations ou "
                        "festivals. Si vous souhaitez qu'une série d'événements soit prise en "
                        "compte pour le Prix ECCAR, décrivez-la comme mesure au niveau 2."
                    ),
                    "de": (
                        "Der 21. März ist der Internationale Tag zur Beseitigung der "
                        "Rassendiskriminierung. Nennen Sie kurz die wichtigsten wiederkehrenden "
                        "Veranstaltungen, z. B. Wochen gegen Rassismus, Gedenkveranstaltungen oder "
                        "Feste. Soll eine Veranstaltungsreihe für den ECCAR-Preis berücksichtigt "
                        "werden, beschreiben Sie sie auf Ebene 2 als Maßnahme."
                    ),
                },
            },
        ],
    },
    {
        "code": "challenges",
        "level": 1,
        "title": {
            "en": "Main challenges",
            "fr": "Principaux défis",
            "de": "Wichtigste Herausforderungen",
        },
        "intro": {
            "en": (
                "This section gives you room to describe what makes the work against racism "
                "difficult in your city. Your answers help the coalition identify common problems "
                "and plan its support."
            ),
            "fr": (
                "Cette section vous permet de décrire ce qui rend la lutte contre le racisme "
                "difficile dans votre ville. Vos réponses aident la coalition à repérer les "
                "problèmes communs et à planifier son soutien."
            ),
            "de": (
                "In diesem Abschnitt können Sie beschreiben, was die Arbeit gegen Rassismus in "
                "Ihrer Stadt erschwert. Ihre Antworten helfen der Koalition, gemeinsame Probleme "
                "zu erkennen und ihre Unterstützung zu planen."
            ),
        },
        "questions": [
            {
                "code": "challenges_main_area",
                "type": "single_choice",
                "required": True,
                "text": {
                    "en": (
                        "In which area is the most pressing challenge for your city's work against "
                        "racism?"
                    ),
                    "fr": (
                        "Dans quel domaine se situe le défi le plus urgent pour la lutte contre le "
                        "racisme dans votre ville ?"
                    ),
                    "de": (
                        "In welchem Bereich liegt die dringendste Herausforderung für die Arbeit "
                        "Ihrer Stadt gegen Rassismus?"
                    ),
                },
                "help": {
                    "en": (
                        "Choose one area; you can explain it and mention others in the next "
                        "question."
                    ),
                    "fr": (
                        "Choisissez un seul domaine ; vous pourrez l'expliquer et en mentionner "
                        "d'autres à la question suivante."
                    ),
                    "de": (
                        "Wählen Sie einen Bereich; in der nächsten Frage können Sie ihn erläutern "
                        "und weitere nennen."
                    ),
                },
                "choices": [
                    {
                        "value": "political_support",
                        "label": {
                            "en": "Political support and priority",
                            "fr": "Soutien et priorité politiques",
                            "de": "Politische Unterstützung und Priorität",
                        },
                    },
                    {
                        "value": "resources",
                        "label": {
                            "en": "Funding and staff",
                            "fr": "Financement et personnel",
                            "de": "Finanzierung und Personal",
                        },
                    },
                    {
                        "value": "data_knowledge",
                        "label": {
                            "en": "Data and knowledge about racism locally",
                            "fr": "Données et connaissances sur le racisme au niveau local",
                            "de": "Daten und Wissen über Rassismus vor Ort",
                        },
                    },
                    {
                        "value": "reaching_communities",
                        "label": {
                            "en": "Reaching and involving affected communities",
                            "fr": "Atteindre et associer les communautés concernées",
                            "de": "Betroffene Communities erreichen und einbeziehen",
                        },
                    },
                    {
                        "value": "administration",
                        "label": {
                            "en": "Cooperation and awareness within the administration",
                            "fr": "Coopération et sensibilisation au sein de l'administration",
                            "de": "Zusammenarbeit und Sensibilisierung in der Verwaltung",
                        },
                    },
                    {
                        "value": "public_climate",
                        "label": {
                            "en": "Polarised public debate and online hate",
                            "fr": "Débat public polarisé et haine en ligne",
                            "de": "Polarisierte öffentliche Debatte und Hass im Netz",
                        },
                    },
                    {
                        "value": "housing_employment",
                        "label": {
                            "en": "Discrimination in housing and employment",
                            "fr": "Discriminations dans le logement et l'emploi",
                            "de": "Diskriminierung auf dem Wohnungs- und Arbeitsmarkt",
                        },
                    },
                    {"value": "other", "label": {"en": "Other", "fr": "Autre", "de": "Sonstiges"}},
                ],
            },
            {
                "code": "challenges_biggest",
                "type": "long_text",
                "required": True,
                "text": {
                    "en": "What are the biggest challenges for your city's work against racism?",
                    "fr": (
                        "Quels sont les plus grands défis pour la lutte contre le racisme dans "
                        "votre ville ?"
                    ),
                    "de": (
                        "Was sind die größten Herausforderungen für die Arbeit Ihrer Stadt gegen "
                        "Rassismus?"
                    ),
                },
                "help": {
                    "en": (
                        "Describe two or three challenges and why they matter locally, in about "
                        "5-15 sentences. This asks about the city's anti-racism work as a whole; "
                        "difficulties met in a specific measure belong to its lessons learnt in "
                        "level 2."
                    ),
                    "fr": (
                        "Décrivez deux ou trois défis et expliquez leur importance au niveau "
                        "local, en 5 à 15 phrases environ. Cette question porte sur la lutte "
                        "contre le racisme de la ville dans son ensemble ; les difficultés "
                        "rencontrées dans une mesure particulière relèvent des enseignements de "
                        "cette mesure, au niveau 2."
                    ),
                    "de": (
                        "Beschreiben Sie zwei oder drei Herausforderungen und warum sie vor Ort "
                        "wichtig sind, in etwa 5 bis 15 Sätzen. Gefragt ist nach der "
                        "Antirassismusarbeit der Stadt insgesamt; Schwierigkeiten bei einer "
                        "bestimmten Maßnahme gehören zu deren Erkenntnissen auf Ebene 2."
                    ),
                },
            },
            {
                "code": "challenges_resistance",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": (
                        "Has the city met resistance to its work against racism? How did it "
                        "respond?"
                    ),
                    "fr": (
                        "La ville a-t-elle rencontré des résistances face à son action contre le "
                        "racisme ? Comment y a-t-elle répondu ?"
                    ),
                    "de": (
                        "Ist die Stadt bei ihrer Arbeit gegen Rassismus auf Widerstand gestoßen? "
                        "Wie hat sie reagiert?"
                    ),
                },
                "help": {
                    "en": (
                        "For example opposition in the council, hostile media coverage, threats "
                        "against staff or partners, or reluctance within the administration. About "
                        "3-10 sentences."
                    ),
                    "fr": (
                        "Par exemple une opposition au conseil municipal, une couverture "
                        "médiatique hostile, des menaces contre le personnel ou les partenaires, "
                        "ou des réticences au sein de l'administration. Environ 3 à 10 phrases."
                    ),
                    "de": (
                        "Zum Beispiel Widerstand im Stadtrat, feindselige Berichterstattung, "
                        "Drohungen gegen Beschäftigte oder Partner oder Zurückhaltung in der "
                        "Verwaltung. Etwa 3 bis 10 Sätze."
                    ),
                },
            },
            {
                "code": "challenges_current_events",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": (
                        "How have current events affected racism and the city's work against it "
                        "since your last report?"
                    ),
                    "fr": (
                        "Comment l'actualité a-t-elle influé sur le racisme et sur l'action de la "
                        "ville contre celui-ci depuis votre dernier rapport ?"
                    ),
                    "de": (
                        "Wie haben sich aktuelle Ereignisse seit Ihrem letzten Bericht auf "
                        "Rassismus und auf die Arbeit der Stadt dagegen ausgewirkt?"
                    ),
                },
                "help": {
                    "en": (
                        "For example international conflicts and their local repercussions such as "
                        "a rise in antisemitic or anti-Muslim incidents, the arrival of refugees, "
                        "election campaigns or disinformation online. About 3-10 sentences."
                    ),
                    "fr": (
                        "Par exemple des conflits internationaux et leurs répercussions locales, "
                        "comme une hausse des actes antisémites ou antimusulmans, l'arrivée de "
                        "personnes réfugiées, des campagnes électorales ou la désinformation en "
                        "ligne. Environ 3 à 10 phrases."
                    ),
                    "de": (
                        "Zum Beispiel internationale Konflikte und ihre Folgen vor Ort wie ein "
                        "Anstieg antisemitischer oder muslimfeindlicher Vorfälle, die Ankunft "
                        "Geflüchteter, Wahlkämpfe oder Desinformation im Netz. Etwa 3 bis 10 "
                        "Sätze."
                    ),
                },
            },
        ],
    },
    {
        "code": "needs",
        "level": 1,
        "title": {
            "en": "Needs towards the coalition",
            "fr": "Attentes envers la coalition",
            "de": "Erwartungen an die Koalition",
        },
        "intro": {
            "en": (
                "This section asks what support your city expects from ECCAR. The answers of all "
                "cities are analysed together and discussed at the General Assembly to shape the "
                "coalition's work."
            ),
            "fr": (
                "Cette section porte sur le soutien que votre ville attend d'ECCAR. Les réponses "
                "de toutes les villes sont analysées ensemble et discutées lors de l'Assemblée "
                "générale afin d'orienter le travail de la coalition."
            ),
            "de": (
                "Dieser Abschnitt fragt, welche Unterstützung Ihre Stadt von ECCAR erwartet. Die "
                "Antworten aller Städte werden gemeinsam ausgewertet und in der Generalversammlung "
                "besprochen, um die Arbeit der Koalition auszurichten."
            ),
        },
        "questions": [
            {
                "code": "needs_expectations",
                "type": "multiple_choice",
                "required": True,
                "text": {
                    "en": "What does your city expect from the coalition?",
                    "fr": "Qu'attend votre ville de la coalition ?",
                    "de": "Was erwartet Ihre Stadt von der Koalition?",
                },
                "help": {
                    "en": "Select all that apply.",
                    "fr": "Sélectionnez toutes les réponses pertinentes.",
                    "de": "Wählen Sie alles Zutreffende aus.",
                },
                "choices": [
                    {
                        "value": "exchange_practice",
                        "label": {
                            "en": "Exchange of practice between cities",
                            "fr": "Échange de pratiques entre villes",
                            "de": "Austausch guter Praxis zwischen Städten",
                        },
                    },
                    {
                        "value": "training",
                        "label": {
                            "en": "Training for staff and elected officials",
                            "fr": "Formations pour le personnel et les élus",
                            "de": "Fortbildungen für Beschäftigte und Mandatstragende",
                        },
                    },
                    {
                        "value": "data_standards",
                        "label": {
                            "en": "Common data standards and indicators",
                            "fr": "Normes et indicateurs communs pour les données",
                            "de": "Gemeinsame Datenstandards und Indikatoren",
                        },
                    },
                    {
                        "value": "eu_advocacy",
                        "label": {
                            "en": "Advocacy at EU level",
                            "fr": "Plaidoyer au niveau de l'UE",
                            "de": "Interessenvertretung auf EU-Ebene",
                        },
                    },
                    {
                        "value": "funding_information",
                        "label": {
                            "en": "Information on funding opportunities",
                            "fr": "Informations sur les possibilités de financement",
                            "de": "Informationen über Fördermöglichkeiten",
                        },
                    },
                    {
                        "value": "peer_visits",
                        "label": {
                            "en": "Peer visits to other member cities",
                            "fr": "Visites entre pairs dans d'autres villes membres",
                            "de": "Peer-Besuche in anderen Mitgliedsstädten",
                        },
                    },
                    {"value": "other", "label": {"en": "Other", "fr": "Autre", "de": "Sonstiges"}},
                ],
            },
            {
                "code": "needs_details",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "Please explain your expectations in more detail.",
                    "fr": "Veuillez préciser vos attentes.",
                    "de": "Bitte erläutern Sie Ihre Erwartungen genauer.",
                },
                "help": {
                    "en": (
                        "For example which topics exchanges or training should cover, or which EU "
                        "policies the coalition should address. About 3-8 sentences."
                    ),
                    "fr": (
                        "Par exemple les thèmes que devraient couvrir les échanges ou les "
                        "formations, ou les politiques européennes dont la coalition devrait se "
                        "saisir. Environ 3 à 8 phrases."
                    ),
                    "de": (
                        "Zum Beispiel, welche Themen Austausch oder Fortbildungen behandeln "
                        "sollten oder mit welchen EU-Politiken sich die Koalition befassen sollte. "
                        "Etwa 3 bis 8 Sätze."
                    ),
                },
            },
            {
                "code": "needs_host_peer_exchange",
                "type": "yes_no",
                "required": False,
                "text": {
                    "en": (
                        "Would your city be willing to host a peer exchange with other member "
                        "cities?"
                    ),
                    "fr": (
                        "Votre ville serait-elle disposée à accueillir un échange entre pairs avec "
                        "d'autres villes membres ?"
                    ),
                    "de": (
                        "Wäre Ihre Stadt bereit, einen Peer-Austausch mit anderen Mitgliedsstädten "
                        "auszurichten?"
                    ),
                },
                "help": {
                    "en": (
                        "A peer exchange is a one- or two-day visit in which staff of other cities "
                        "learn about your practice on site. Answering yes is not yet a commitment; "
                        "the coalition's office will contact you."
                    ),
                    "fr": (
                        "Un échange entre pairs est une visite d'un ou deux jours au cours de "
                        "laquelle le personnel d'autres villes découvre votre pratique sur place. "
                        "Répondre oui ne vous engage pas encore ; le bureau de la coalition "
                        "prendra contact avec vous."
                    ),
                    "de": (
                        "Ein Peer-Austausch ist ein ein- bis zweitägiger Besuch, bei dem "
                        "Beschäftigte anderer Städte Ihre Praxis vor Ort kennenlernen. Ein Ja ist "
                        "noch keine Zusage; die Geschäftsstelle der Koalition nimmt Kontakt mit "
                        "Ihnen auf."
                    ),
                },
            },
            {
                "code": "needs_exchange_topic",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": "On which topic could your city host an exchange?",
                    "fr": "Sur quel thème votre ville pourrait-elle accueillir un échange ?",
                    "de": "Zu welchem Thema könnte Ihre Stadt einen Austausch ausrichten?",
                },
                "help": {
                    "en": (
                        "E.g. 'Anonymous job applications in the city administration' or "
                        "'Reporting office for racist incidents'."
                    ),
                    "fr": (
                        "P. ex. 'Candidatures anonymes dans l'administration municipale' ou "
                        "'Dispositif de signalement des actes racistes'."
                    ),
                    "de": (
                        "Z. B. 'Anonymisierte Bewerbungen in der Stadtverwaltung' oder "
                        "'Meldestelle für rassistische Vorfälle'."
                    ),
                },
                "show_if": {"question": "needs_host_peer_exchange", "value": "yes"},
            },
        ],
    },
    # Level 2: the fields of one measure, answered once per measure
    {
        "code": "measure",
        "level": 2,
        "title": {"en": "The measure", "fr": "La mesure", "de": "Die Maßnahme"},
        "intro": {
            "en": (
                "Describe one concrete measure your city has implemented. Add a separate measure "
                "for each action you want to report; every measure reported here is also a "
                "candidature for the ECCAR Prize."
            ),
            "fr": (
                "Décrivez une mesure concrète mise en œuvre par votre ville. Ajoutez une mesure "
                "distincte pour chaque action que vous souhaitez présenter ; chaque mesure décrite "
                "ici constitue aussi une candidature au Prix ECCAR."
            ),
            "de": (
                "Beschreiben Sie eine konkrete Maßnahme, die Ihre Stadt umgesetzt hat. Legen Sie "
                "für jede Aktion, über die Sie berichten möchten, eine eigene Maßnahme an; jede "
                "hier beschriebene Maßnahme ist zugleich eine Bewerbung für den ECCAR-Preis."
            ),
        },
        "questions": [
            {
                "code": "m_title",
                "type": "short_text",
                "required": True,
                "text": {
                    "en": "Title of the measure",
                    "fr": "Titre de la mesure",
                    "de": "Titel der Maßnahme",
                },
                "help": {
                    "en": (
                        "A short, telling title of about ten words at most, e.g. 'Human rights "
                        "monitoring of the municipal election campaign'. This is the title of this "
                        "measure, not of the city's action plan, which is asked in level 1."
                    ),
                    "fr": (
                        "Un titre court et parlant d'une dizaine de mots au plus, p. ex. "
                        "'Observation de la campagne électorale municipale sous l'angle des droits "
                        "humains'. Il s'agit du titre de cette mesure, et non de celui du plan "
                        "d'action de la ville, demandé au niveau 1."
                    ),
                    "de": (
                        "Ein kurzer, aussagekräftiger Titel mit höchstens etwa zehn Wörtern, z. B. "
                        "'Menschenrechtliches Monitoring des Gemeinderatswahlkampfs'. Gemeint ist "
                        "der Titel dieser Maßnahme, nicht der des Aktionsplans der Stadt, der auf "
                        "Ebene 1 abgefragt wird."
                    ),
                },
            },
            {
                "code": "m_commitments",
                "type": "commitments",
                "required": True,
                "text": {
                    "en": (
                        "To which commitments of the 10-Point Plan of Action does this measure "
                        "contribute?"
                    ),
                    "fr": (
                        "À quels engagements du Plan d'action en dix points cette mesure "
                        "contribue-t-elle ?"
                    ),
                    "de": (
                        "Zu welchen Verpflichtungen des Zehn-Punkte-Aktionsplans trägt diese "
                        "Maßnahme bei?"
                    ),
                },
                "help": {
                    "en": (
                        "Select the commitment this measure mainly serves and any others it "
                        "clearly supports. This asks about this measure only; the commitments "
                        "covered by the city's action plan as a whole are asked in level 1."
                    ),
                    "fr": (
                        "Sélectionnez l'engagement que cette mesure sert principalement et ceux "
                        "qu'elle soutient clairement. Cette question porte uniquement sur cette "
                        "mesure ; les engagements couverts par le plan d'action de la ville dans "
                        "son ensemble sont demandés au niveau 1."
                    ),
                    "de": (
                        "Wählen Sie die Verpflichtung, der diese Maßnahme hauptsächlich dient, und "
                        "weitere, die sie deutlich unterstützt. Gefragt ist nur nach dieser "
                        "Maßnahme; die vom Aktionsplan der Stadt insgesamt abgedeckten "
                        "Verpflichtungen werden auf Ebene 1 abgefragt."
                    ),
                },
            },
            {
                "code": "m_description",
                "type": "long_text",
                "required": True,
                "text": {
                    "en": "Describe the measure.",
                    "fr": "Décrivez la mesure.",
                    "de": "Beschreiben Sie die Maßnahme.",
                },
                "help": {
                    "en": (
                        "Explain what the city did, how, where and with whom, so that a reader "
                        "from another country understands the measure without further documents, "
                        "in about 10-20 sentences. Avoid local abbreviations or explain them."
                    ),
                    "fr": (
                        "Expliquez ce que la ville a fait, comment, où et avec qui, de sorte "
                        "qu'une personne d'un autre pays comprenne la mesure sans autre document, "
                        "en 10 à 20 phrases environ. Évitez les sigles locaux ou expliquez-les."
                    ),
                    "de": (
                        "Erläutern Sie, was die Stadt wie, wo und mit wem getan hat, sodass eine "
                        "Leserin oder ein Leser aus einem anderen Land die Maßnahme ohne weitere "
                        "Unterlagen versteht, in etwa 10 bis 20 Sätzen. Vermeiden Sie örtliche "
                        "Abkürzungen oder erklären Sie sie."
                    ),
                },
            },
            {
                "code": "m_starting_point",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "What was the starting point or need that led to this measure?",
                    "fr": "Quel constat ou quel besoin est à l'origine de cette mesure ?",
                    "de": "Welche Ausgangslage oder welcher Bedarf hat zu dieser Maßnahme geführt?",
                },
                "help": {
                    "en": (
                        "For example findings from monitoring data, reports from counselling "
                        "services, a racist incident or demands from affected communities. About "
                        "3-6 sentences."
                    ),
                    "fr": (
                        "Par exemple des constats issus des données de suivi, des remontées des "
                        "services de conseil, un acte raciste ou des demandes des communautés "
                        "concernées. Environ 3 à 6 phrases."
                    ),
                    "de": (
                        "Zum Beispiel Erkenntnisse aus Monitoringdaten, Hinweise von "
                        "Beratungsstellen, ein rassistischer Vorfall oder Forderungen betroffener "
                        "Communities. Etwa 3 bis 6 Sätze."
                    ),
                },
            },
            {
                "code": "m_objectives",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "What are the objectives of the measure?",
                    "fr": "Quels sont les objectifs de la mesure ?",
                    "de": "Welche Ziele verfolgt die Maßnahme?",
                },
                "help": {
                    "en": (
                        "Name two to four objectives, as concrete and verifiable as possible, e.g. "
                        "'Train all 120 staff of the citizens' service centre on discrimination by "
                        "the end of 2025'."
                    ),
                    "fr": (
                        "Citez deux à quatre objectifs, aussi concrets et vérifiables que "
                        "possible, p. ex. 'Former d'ici fin 2025 les 120 agents de l'accueil "
                        "municipal à la non-discrimination'."
                    ),
                    "de": (
                        "Nennen Sie zwei bis vier möglichst konkrete und überprüfbare Ziele, z. B. "
                        "'Alle 120 Beschäftigten des Bürgerservice bis Ende 2025 zu "
                        "Diskriminierung schulen'."
                    ),
                },
            },
            {
                "code": "m_target_groups",
                "type": "multiple_choice",
                "required": True,
                "text": {
                    "en": "Whom does the measure address?",
                    "fr": "À qui la mesure s'adresse-t-elle ?",
                    "de": "An wen richtet sich die Maßnahme?",
                },
                "help": {
                    "en": (
                        "Select all groups the measure addresses directly, as participants or as "
                        "beneficiaries."
                    ),
                    "fr": (
                        "Sélectionnez tous les groupes auxquels la mesure s'adresse directement, "
                        "en tant que participants ou bénéficiaires."
                    ),
                    "de": (
                        "Wählen Sie alle Gruppen aus, an die sich die Maßnahme direkt richtet, als "
                        "Teilnehmende oder als Begünstigte."
                    ),
                },
                "choices": [
                    {
                        "value": "residents_general",
                        "label": {
                            "en": "Residents in general",
                            "fr": "Ensemble des habitants",
                            "de": "Einwohnerschaft allgemein",
                        },
                    },
                    {
                        "value": "african_descent",
                        "label": {
                            "en": "People of African descent",
                            "fr": "Personnes d'ascendance africaine",
                            "de": "Menschen afrikanischer Herkunft",
                        },
                    },
                    {
                        "value": "roma_travellers",
                        "label": {
                            "en": "Roma and Travellers",
                            "fr": "Roms et Gens du voyage",
                            "de": "Roma, Sinti und Fahrende",
                        },
                    },
                    {
                        "value": "muslims",
                        "label": {
                            "en": "Muslims",
                            "fr": "Personnes musulmanes",
                            "de": "Musliminnen und Muslime",
                        },
                    },
                    {
                        "value": "jews",
                        "label": {
                            "en": "Jews",
                            "fr": "Personnes juives",
                            "de": "Jüdinnen und Juden",
                        },
                    },
                    {
                        "value": "migrants_refugees",
                        "label": {
                            "en": "Migrants and refugees",
                            "fr": "Personnes migrantes et réfugiées",
                            "de": "Migrantinnen und Migranten, Geflüchtete",
                        },
                    },
                    {
                        "value": "young_people",
                        "label": {"en": "Young people", "fr": "Jeunes", "de": "Junge Menschen"},
                    },
                    {
                        "value": "municipal_staff",
                        "label": {
                            "en": "Municipal staff",
                            "fr": "Personnel municipal",
                            "de": "Städtische Beschäftigte",
                        },
                    },
                    {
                        "value": "businesses_landlords",
                        "label": {
                            "en": "Businesses and landlords",
                            "fr": "Entreprises et bailleurs",
                            "de": "Unternehmen und Vermietende",
                        },
                    },
                    {
                        "value": "schools",
                        "label": {
                            "en": "Schools",
                            "fr": "Établissements scolaires",
                            "de": "Schulen",
                        },
                    },
                    {"value": "other", "label": {"en": "Other", "fr": "Autres", "de": "Andere"}},
                ],
            },
            {
                "code": "m_target_groups_details",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": "Other target groups or details",
                    "fr": "Autres publics cibles ou précisions",
                    "de": "Weitere Zielgruppen oder Erläuterungen",
                },
                "help": {
                    "en": (
                        "Name the groups meant by 'Other', or specify the target groups, e.g. "
                        "'Apprentices in municipal companies'."
                    ),
                    "fr": (
                        "Précisez les groupes visés par 'Autres' ou détaillez les publics cibles, "
                        "p. ex. 'apprentis des entreprises municipales'."
                    ),
                    "de": (
                        "Nennen Sie die mit 'Andere' gemeinten Gruppen oder präzisieren Sie die "
                        "Zielgruppen, z. B. 'Auszubildende in städtischen Unternehmen'."
                    ),
                },
            },
        ],
    },
    {
        "code": "measure_implementation",
        "level": 2,
        "title": {"en": "Implementation", "fr": "Mise en œuvre", "de": "Umsetzung"},
        "intro": {
            "en": (
                "Give the timeframe, resources and partners of this measure. All questions here "
                "concern this measure only, not the city's anti-racism work as a whole."
            ),
            "fr": (
                "Indiquez le calendrier, les moyens et les partenaires de cette mesure. Toutes les "
                "questions portent ici uniquement sur cette mesure, et non sur l'ensemble de la "
                "lutte contre le racisme de la ville."
            ),
            "de": (
                "Geben Sie Zeitrahmen, Mittel und Partner dieser Maßnahme an. Alle Fragen "
                "betreffen hier nur diese Maßnahme, nicht die Antirassismusarbeit der Stadt "
                "insgesamt."
            ),
        },
        "questions": [
            {
                "code": "m_status",
                "type": "single_choice",
                "required": True,
                "text": {
                    "en": "What is the status of the measure?",
                    "fr": "Quel est l'état d'avancement de la mesure ?",
                    "de": "Wie ist der Stand der Maßnahme?",
                },
                "help": {
                    "en": "The status at the time you submit this report.",
                    "fr": "L'état au moment où vous soumettez ce rapport.",
                    "de": "Der Stand zum Zeitpunkt, an dem Sie diesen Bericht einreichen.",
                },
                "choices": [
                    {
                        "value": "planned",
                        "label": {"en": "Planned", "fr": "Prévue", "de": "Geplant"},
                    },
                    {
                        "value": "ongoing",
                        "label": {"en": "Ongoing", "fr": "En cours", "de": "Laufend"},
                    },
                    {
                        "value": "completed",
                        "label": {"en": "Completed", "fr": "Terminée", "de": "Abgeschlossen"},
                    },
                    {
                        "value": "recurring",
                        "label": {
                            "en": "Recurring, e.g. every year",
                            "fr": "Récurrente, p. ex. chaque année",
                            "de": "Wiederkehrend, z. B. jährlich",
                        },
                    },
                ],
            },
            {
                "code": "m_start_date",
                "type": "date",
                "required": False,
                "text": {"en": "Start date", "fr": "Date de début", "de": "Beginn"},
                "help": {
                    "en": (
                        "The date on which this measure started or will start. If you only know "
                        "the month, give its first day."
                    ),
                    "fr": (
                        "La date à laquelle cette mesure a commencé ou commencera. Si vous ne "
                        "connaissez que le mois, indiquez le premier jour de celui-ci."
                    ),
                    "de": (
                        "Das Datum, an dem diese Maßnahme begonnen hat oder beginnen wird. Ist nur "
                        "der Monat bekannt, geben Sie dessen ersten Tag an."
                    ),
                },
            },
            {
                "code": "m_end_date",
                "type": "date",
                "required": False,
                "text": {"en": "End date", "fr": "Date de fin", "de": "Ende"},
                "help": {
                    "en": "Leave empty for ongoing or recurring measures without a planned end.",
                    "fr": "Laissez vide pour les mesures en cours ou récurrentes sans fin prévue.",
                    "de": (
                        "Leer lassen bei laufenden oder wiederkehrenden Maßnahmen ohne geplantes "
                        "Ende."
                    ),
                },
            },
            {
                "code": "m_budget",
                "type": "number",
                "required": False,
                "text": {
                    "en": "What is the budget of this measure, in euros?",
                    "fr": "Quel est le budget de cette mesure, en euros ?",
                    "de": "Wie hoch ist das Budget dieser Maßnahme in Euro?",
                },
                "help": {
                    "en": (
                        "This asks about the budget of this measure only, not the overall budget "
                        "of the city's anti-racism work, which you give in level 1. Give the total "
                        "cost, or the annual cost for recurring measures, including external "
                        "funds, as a whole number, e.g. 45000."
                    ),
                    "fr": (
                        "Cette question porte uniquement sur le budget de cette mesure, et non sur "
                        "le budget global de la lutte contre le racisme de la ville, que vous "
                        "indiquez au niveau 1. Indiquez le coût total, ou le coût annuel pour les "
                        "mesures récurrentes, financements externes compris, en nombre entier, p. "
                        "ex. 45000."
                    ),
                    "de": (
                        "Gefragt ist nur nach dem Budget dieser Maßnahme, nicht nach dem "
                        "Gesamtbudget der Antirassismusarbeit der Stadt; dieses geben Sie auf "
                        "Ebene 1 an. Geben Sie die Gesamtkosten, bei wiederkehrenden Maßnahmen die "
                        "jährlichen Kosten, einschließlich Drittmitteln als ganze Zahl an, z. B. "
                        "45000."
                    ),
                },
            },
            {
                "code": "m_funding",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How is this measure funded?",
                    "fr": "Comment cette mesure est-elle financée ?",
                    "de": "Wie wird diese Maßnahme finanziert?",
                },
                "help": {
                    "en": (
                        "This asks about the funding of this measure only: name the sources and "
                        "their shares, e.g. '60% municipal budget, 40% EU CERV programme'. The "
                        "funding sources of the city's anti-racism work as a whole are asked in "
                        "level 1."
                    ),
                    "fr": (
                        "Cette question porte uniquement sur le financement de cette mesure : "
                        "citez les sources et leur part, p. ex. '60 % budget municipal, 40 % "
                        "programme européen CERV'. Les sources de financement de la lutte contre "
                        "le racisme de la ville dans son ensemble sont demandées au niveau 1."
                    ),
                    "de": (
                        "Gefragt ist nur nach der Finanzierung dieser Maßnahme: Nennen Sie die "
                        "Quellen und ihre Anteile, z. B. '60 % städtischer Haushalt, 40 % "
                        "EU-Programm CERV'. Die Finanzierungsquellen der Antirassismusarbeit der "
                        "Stadt insgesamt werden auf Ebene 1 abgefragt."
                    ),
                },
            },
            {
                "code": "m_staff",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "Who in the city administration carries out this measure?",
                    "fr": (
                        "Qui, au sein de l'administration municipale, met en œuvre cette mesure ?"
                    ),
                    "de": "Wer in der Stadtverwaltung setzt diese Maßnahme um?",
                },
                "help": {
                    "en": (
                        "This asks about the staff and departments working on this measure only: "
                        "name the lead department, the other departments involved and the "
                        "approximate staff time, e.g. 'Diversity office (0.5 FTE), with the human "
                        "resources department'. The overall staffing and the cross-department "
                        "cooperation of the anti-racism work are asked in level 1."
                    ),
                    "fr": (
                        "Cette question porte uniquement sur le personnel et les services qui "
                        "travaillent sur cette mesure : citez le service pilote, les autres "
                        "services associés et le temps de travail approximatif, p. ex. 'Mission "
                        "diversité (0,5 ETP), avec la direction des ressources humaines'. Les "
                        "effectifs globaux et la coopération entre services dans la lutte contre "
                        "le racisme sont demandés au niveau 1."
                    ),
                    "de": (
                        "Gefragt ist nur nach dem Personal und den Ämtern, die an dieser Maßnahme "
                        "arbeiten: Nennen Sie das federführende Amt, weitere beteiligte Ämter und "
                        "den ungefähren Personaleinsatz, z. B. 'Stelle für Vielfalt (0,5 VZÄ) mit "
                        "dem Personalamt'. Die Personalausstattung und die ämterübergreifende "
                        "Zusammenarbeit der Antirassismusarbeit insgesamt werden auf Ebene 1 "
                        "abgefragt."
                    ),
                },
            },
            {
                "code": "m_partners",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": (
                        "Which external partners take part in this measure, and what is their role?"
                    ),
                    "fr": (
                        "Quels partenaires externes participent à cette mesure, et quel est leur "
                        "rôle ?"
                    ),
                    "de": (
                        "Welche externen Partner wirken an dieser Maßnahme mit, und welche Rolle "
                        "haben sie?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about the partners of this measure only, e.g. NGOs, the police, "
                        "schools, universities or housing companies. The city's general "
                        "cooperation with civil society is asked in level 1. Leave empty if there "
                        "are none."
                    ),
                    "fr": (
                        "Cette question porte uniquement sur les partenaires de cette mesure, p. "
                        "ex. ONG, police, écoles, universités ou bailleurs sociaux. La coopération "
                        "générale de la ville avec la société civile est demandée au niveau 1. "
                        "Laissez vide s'il n'y en a pas."
                    ),
                    "de": (
                        "Gefragt ist nur nach den Partnern dieser Maßnahme, z. B. "
                        "Nichtregierungsorganisationen, Polizei, Schulen, Hochschulen oder "
                        "Wohnungsbaugesellschaften. Die allgemeine Zusammenarbeit der Stadt mit "
                        "der Zivilgesellschaft wird auf Ebene 1 abgefragt. Leer lassen, wenn es "
                        "keine gibt."
                    ),
                },
            },
            {
                "code": "m_community_involvement",
                "type": "yes_no",
                "required": False,
                "text": {
                    "en": (
                        "Were people affected by racism involved in designing or carrying out this "
                        "measure?"
                    ),
                    "fr": (
                        "Des personnes concernées par le racisme ont-elles été associées à la "
                        "conception ou à la mise en œuvre de cette mesure ?"
                    ),
                    "de": (
                        "Wurden von Rassismus betroffene Menschen an der Konzeption oder Umsetzung "
                        "dieser Maßnahme beteiligt?"
                    ),
                },
                "help": {
                    "en": (
                        "This asks about involvement in this measure only, not about the city's "
                        "general participation structures such as an advisory council, which you "
                        "describe in level 1."
                    ),
                    "fr": (
                        "Cette question porte uniquement sur la participation à cette mesure, et "
                        "non sur les structures générales de participation de la ville, comme un "
                        "conseil consultatif, que vous décrivez au niveau 1."
                    ),
                    "de": (
                        "Gefragt ist nur nach der Beteiligung an dieser Maßnahme, nicht nach den "
                        "allgemeinen Beteiligungsstrukturen der Stadt wie einem Beirat; diese "
                        "beschreiben Sie auf Ebene 1."
                    ),
                },
            },
            {
                "code": "m_community_involvement_details",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How were affected people involved?",
                    "fr": "Comment les personnes concernées ont-elles été associées ?",
                    "de": "Wie wurden die Betroffenen beteiligt?",
                },
                "help": {
                    "en": (
                        "Describe who took part, e.g. self-organisations or residents of a "
                        "neighbourhood, at which stages (needs analysis, design, implementation, "
                        "evaluation) and what influence they had on this measure. About 3-8 "
                        "sentences."
                    ),
                    "fr": (
                        "Décrivez qui a participé, p. ex. des associations de personnes concernées "
                        "ou les habitants d'un quartier, à quelles étapes (analyse des besoins, "
                        "conception, mise en œuvre, évaluation) et quelle influence ces personnes "
                        "ont eue sur cette mesure. Environ 3 à 8 phrases."
                    ),
                    "de": (
                        "Beschreiben Sie, wer beteiligt war, z. B. Selbstorganisationen oder "
                        "Bewohnerinnen und Bewohner eines Quartiers, in welchen Phasen "
                        "(Bedarfsanalyse, Konzeption, Umsetzung, Evaluation) und welchen Einfluss "
                        "sie auf diese Maßnahme hatten. Etwa 3 bis 8 Sätze."
                    ),
                },
                "show_if": {"question": "m_community_involvement", "value": "yes"},
            },
        ],
    },
    {
        "code": "measure_results",
        "level": 2,
        "title": {
            "en": "Results and learning",
            "fr": "Résultats et enseignements",
            "de": "Ergebnisse und Erkenntnisse",
        },
        "intro": {
            "en": (
                "Describe what this measure has achieved, how you know it, and what other cities "
                "can learn from it. The Scientific Advisory Board relies on these answers when it "
                "preselects candidates for the ECCAR Prize."
            ),
            "fr": (
                "Décrivez ce que cette mesure a permis d'obtenir, comment vous le savez et ce que "
                "d'autres villes peuvent en retenir. Le Conseil scientifique consultatif s'appuie "
                "sur ces réponses pour présélectionner les candidatures au Prix ECCAR."
            ),
            "de": (
                "Beschreiben Sie, was diese Maßnahme erreicht hat, woran Sie das erkennen und was "
                "andere Städte daraus lernen können. Der Wissenschaftliche Beirat stützt sich bei "
                "der Vorauswahl für den ECCAR-Preis auf diese Antworten."
            ),
        },
        "questions": [
            {
                "code": "m_results",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "What results has this measure achieved so far?",
                    "fr": "Quels résultats cette mesure a-t-elle obtenus jusqu'à présent ?",
                    "de": "Welche Ergebnisse hat diese Maßnahme bisher erzielt?",
                },
                "help": {
                    "en": (
                        "This asks about the results of this measure only, not the city's general "
                        "data collection and monitoring, which you describe in level 1. Give "
                        "outputs, e.g. 14 workshops with 260 participants, and, where known, "
                        "effects, e.g. more reports from affected people or changed procedures. "
                        "About 5-10 sentences."
                    ),
                    "fr": (
                        "Cette question porte uniquement sur les résultats de cette mesure, et non "
                        "sur la collecte de données et le suivi général de la ville, que vous "
                        "décrivez au niveau 1. Indiquez les réalisations, p. ex. 14 ateliers avec "
                        "260 participants, et, si vous les connaissez, les effets, p. ex. "
                        "davantage de signalements par les personnes concernées ou des procédures "
                        "modifiées. Environ 5 à 10 phrases."
                    ),
                    "de": (
                        "Gefragt ist nur nach den Ergebnissen dieser Maßnahme, nicht nach der "
                        "allgemeinen Datenerhebung und dem Monitoring der Stadt; diese beschreiben "
                        "Sie auf Ebene 1. Nennen Sie Leistungen, z. B. 14 Workshops mit 260 "
                        "Teilnehmenden, und, soweit bekannt, Wirkungen, z. B. mehr Meldungen "
                        "Betroffener oder geänderte Abläufe. Etwa 5 bis 10 Sätze."
                    ),
                },
            },
            {
                "code": "m_evaluated",
                "type": "yes_no",
                "required": False,
                "text": {
                    "en": "Has this measure been evaluated?",
                    "fr": "Cette mesure a-t-elle été évaluée ?",
                    "de": "Wurde diese Maßnahme evaluiert?",
                },
                "help": {
                    "en": (
                        "This asks about an internal or external evaluation of this measure only, "
                        "not the evaluation of the city's action plan as a whole, which you "
                        "describe in level 1."
                    ),
                    "fr": (
                        "Cette question porte uniquement sur une évaluation interne ou externe de "
                        "cette mesure, et non sur l'évaluation du plan d'action de la ville dans "
                        "son ensemble, que vous décrivez au niveau 1."
                    ),
                    "de": (
                        "Gefragt ist nur nach einer internen oder externen Evaluation dieser "
                        "Maßnahme, nicht nach der Evaluation des Aktionsplans der Stadt als "
                        "Ganzem; diese beschreiben Sie auf Ebene 1."
                    ),
                },
            },
            {
                "code": "m_evaluation_details",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How was the measure evaluated, and what were the findings?",
                    "fr": (
                        "Comment la mesure a-t-elle été évaluée, et quelles en sont les "
                        "conclusions ?"
                    ),
                    "de": (
                        "Wie wurde die Maßnahme evaluiert, und zu welchen Ergebnissen kam die "
                        "Evaluation?"
                    ),
                },
                "help": {
                    "en": (
                        "Name the method, e.g. participant questionnaires, interviews, a "
                        "before-and-after comparison or an external study, who carried out the "
                        "evaluation, and the main findings for this measure, in about 5-10 "
                        "sentences. Summarise the findings here: a report has only one attachment, "
                        "and all important information must be in the text."
                    ),
                    "fr": (
                        "Indiquez la méthode, p. ex. questionnaires aux participants, entretiens, "
                        "comparaison avant-après ou étude externe, qui a mené l'évaluation et les "
                        "principales conclusions pour cette mesure, en 5 à 10 phrases environ. "
                        "Résumez les conclusions ici : un rapport ne comporte qu'une seule pièce "
                        "jointe, et toutes les informations importantes doivent figurer dans le "
                        "texte."
                    ),
                    "de": (
                        "Nennen Sie die Methode, z. B. Fragebögen für Teilnehmende, Interviews, "
                        "einen Vorher-nachher-Vergleich oder eine externe Studie, wer die "
                        "Evaluation durchgeführt hat und die wichtigsten Ergebnisse für diese "
                        "Maßnahme, in etwa 5 bis 10 Sätzen. Fassen Sie die Ergebnisse hier "
                        "zusammen: Ein Bericht hat nur einen Anhang, und alle wichtigen "
                        "Informationen müssen im Text stehen."
                    ),
                },
                "show_if": {"question": "m_evaluated", "value": "yes"},
            },
            {
                "code": "m_transferability",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "How could another city adopt this measure?",
                    "fr": "Comment une autre ville pourrait-elle reprendre cette mesure ?",
                    "de": "Wie könnte eine andere Stadt diese Maßnahme übernehmen?",
                },
                "help": {
                    "en": (
                        "Explain what is needed to repeat it elsewhere (staff, budget, partners, "
                        "legal conditions), what could be adapted, and whether materials such as "
                        "guides or training modules are available. About 3-8 sentences."
                    ),
                    "fr": (
                        "Expliquez ce qu'il faut pour la reproduire ailleurs (personnel, budget, "
                        "partenaires, conditions juridiques), ce qui pourrait être adapté et si "
                        "des supports comme des guides ou des modules de formation sont "
                        "disponibles. Environ 3 à 8 phrases."
                    ),
                    "de": (
                        "Erläutern Sie, was nötig ist, um sie anderswo umzusetzen (Personal, "
                        "Budget, Partner, rechtliche Voraussetzungen), was angepasst werden könnte "
                        "und ob Materialien wie Leitfäden oder Schulungsmodule verfügbar sind. "
                        "Etwa 3 bis 8 Sätze."
                    ),
                },
            },
            {
                "code": "m_lessons_learnt",
                "type": "long_text",
                "required": False,
                "text": {
                    "en": "What lessons have you learnt from this measure?",
                    "fr": "Quels enseignements avez-vous tirés de cette mesure ?",
                    "de": "Welche Erkenntnisse haben Sie aus dieser Maßnahme gewonnen?",
                },
                "help": {
                    "en": (
                        "Describe what worked well, what did not and what you would do "
                        "differently, including difficulties met in this measure. The general "
                        "challenges of the city's anti-racism work are asked in level 1. About 3-8 "
                        "sentences."
                    ),
                    "fr": (
                        "Décrivez ce qui a bien fonctionné, ce qui n'a pas fonctionné et ce que "
                        "vous feriez autrement, y compris les difficultés rencontrées dans cette "
                        "mesure. Les défis généraux de la lutte contre le racisme de la ville sont "
                        "demandés au niveau 1. Environ 3 à 8 phrases."
                    ),
                    "de": (
                        "Beschreiben Sie, was gut funktioniert hat, was nicht und was Sie anders "
                        "machen würden, einschließlich der Schwierigkeiten bei dieser Maßnahme. "
                        "Die allgemeinen Herausforderungen der Antirassismusarbeit der Stadt "
                        "werden auf Ebene 1 abgefragt. Etwa 3 bis 8 Sätze."
                    ),
                },
            },
            {
                "code": "m_link",
                "type": "short_text",
                "required": False,
                "text": {
                    "en": "Link to further information",
                    "fr": "Lien vers des informations complémentaires",
                    "de": "Link zu weiteren Informationen",
                },
                "help": {
                    "en": (
                        "A web page about this measure, e.g. on the city's website. This is "
                        "optional: all important information should be in your answers above."
                    ),
                    "fr": (
                        "Une page internet consacrée à cette mesure, p. ex. sur le site de la "
                        "ville. Ce champ est facultatif : toutes les informations importantes "
                        "doivent figurer dans vos réponses ci-dessus."
                    ),
                    "de": (
                        "Eine Webseite zu dieser Maßnahme, z. B. auf der Website der Stadt. Die "
                        "Angabe ist freiwillig: Alle wichtigen Informationen sollten in Ihren "
                        "obigen Antworten stehen."
                    ),
                },
            },
        ],
    },
]
