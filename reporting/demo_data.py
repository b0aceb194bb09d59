"""Public facts used by `seed_demo`: member cities of the coalition with approximate
populations, the 10-Point Plan of Action in five languages, and the cycle calendars.
Mayors' names and all email addresses are invented."""

import datetime

D = datetime.date

# name, country, population (rounded), languages, year joined, mayor's title, invented mayor
CITIES = [
    ("Berlin", "DE", 3_800_000, ["de"], 2005, "Regierender Bürgermeister", "Jonas Weber"),
    ("Vienna", "AT", 2_000_000, ["de"], 2005, "Bürgermeister", "Elisabeth Gruber"),
    ("Barcelona", "ES", 1_700_000, ["es", "ca"], 2006, "Alcalde", "Jordi Puig"),
    ("Cologne", "DE", 1_100_000, ["de"], 2006, "Oberbürgermeisterin", "Katrin Schmitz"),
    ("Stockholm", "SE", 1_000_000, ["sv"], 2005, "Finansborgarråd", "Karin Lindqvist"),
    ("Turin", "IT", 850_000, ["it"], 2007, "Sindaco", "Marco Rinaldi"),
    ("Kraków", "PL", 800_000, ["pl"], 2012, "Prezydent Miasta", "Małgorzata Wiśniewska"),
    ("Oslo", "NO", 700_000, ["nb"], 2008, "Ordfører", "Ingrid Haugen"),
    ("Wrocław", "PL", 670_000, ["pl"], 2016, "Prezydent Miasta", "Łukasz Dąbrowski"),
    ("Rotterdam", "NL", 660_000, ["nl"], 2006, "Burgemeester", "Pieter de Vries"),
    ("Nuremberg", "DE", 530_000, ["de"], 2004, "Oberbürgermeister", "Stefan Bauer"),
    ("Toulouse", "FR", 500_000, ["fr"], 2007, "Maire", "Claire Dupuis"),
    ("Zurich", "CH", 430_000, ["de"], 2008, "Stadtpräsidentin", "Regula Keller"),
    ("Bologna", "IT", 390_000, ["it"], 2005, "Sindaco", "Alessandro Conti"),
    ("Malmö", "SE", 360_000, ["sv"], 2006, "Kommunstyrelsens ordförande", "Anders Nilsson"),
    ("Nantes", "FR", 320_000, ["fr"], 2005, "Maire", "Sophie Lemaire"),
    ("Mannheim", "DE", 320_000, ["de"], 2009, "Oberbürgermeister", "Thomas Wagner"),
    ("Graz", "AT", 300_000, ["de"], 2006, "Bürgermeisterin", "Barbara Steiner"),
    ("Ghent", "BE", 270_000, ["nl"], 2006, "Burgemeester", "Lotte Claes"),
    ("Oulu", "FI", 210_000, ["fi"], 2018, "Pormestari", "Mikko Virtanen"),
    ("Potsdam", "DE", 180_000, ["de"], 2005, "Oberbürgermeister", "Andreas Krüger"),
    ("Heidelberg", "DE", 160_000, ["de"], 2006, "Oberbürgermeister", "Martin Hoffmann"),
    ("Villeurbanne", "FR", 150_000, ["fr"], 2008, "Maire", "Nadia Benali"),
    ("Lausanne", "CH", 140_000, ["fr"], 2011, "Syndic", "Laurent Favre"),
    ("Botkyrka", "SE", 100_000, ["sv"], 2007, "Kommunstyrelsens ordförande", "Leila Karimi"),
    ("Monheim am Rhein", "DE", 41_000, ["de"], 2019, "Bürgermeister", "Daniel Zimmermann"),
    ("Esch-sur-Alzette", "LU", 37_000, ["fr", "lb"], 2007, "Bourgmestre", "Luc Weis"),
    ("Yverdon-les-Bains", "CH", 30_000, ["fr"], 2015, "Syndic", "Pierre Jaquier"),
    ("Bulle", "CH", 25_000, ["fr"], 2016, "Syndic", "Anne Gremaud"),
    ("Wörgl", "AT", 14_000, ["de"], 2014, "Bürgermeisterin", "Maria Hölzl"),
    ("Athens", "GR", 640_000, ["el"], 2010, "Δήμαρχος", "Γιώργος Παπαδόπουλος"),
    ("Liège", "BE", 195_000, ["fr"], 2006, "Bourgmestre", "Jean Lambert"),
    ("Leuven", "BE", 100_000, ["nl"], 2008, "Burgemeester", "Koen Peeters"),
    ("Montpellier", "FR", 300_000, ["fr"], 2009, "Maire", "Élodie Roux"),
    ("Şişli", "TR", 270_000, ["tr"], 2012, "Belediye Başkanı", "Ayşe Yılmaz"),
]

# (year, registration opens, questionnaire opens, deadline, evaluation ends, General Assembly)
CYCLES = [
    (2023, D(2022, 11, 2), D(2022, 12, 1), D(2023, 4, 30), D(2023, 9, 30), D(2023, 10, 19)),
    # The 2025 procedure (seed document 004).
    (2025, D(2024, 11, 4), D(2024, 12, 2), D(2025, 4, 30), D(2025, 9, 30), D(2025, 10, 23)),
    # The next cycle, on the same calendar two years later.
    (2027, D(2026, 11, 2), D(2026, 11, 16), D(2027, 4, 30), D(2027, 9, 30), D(2027, 10, 21)),
]

PLAN_NAME = "ECCAR 10-Point Plan of Action"

COMMITMENTS = {
    "en": [
        "Greater vigilance against racism",
        "Assessing racism and discrimination and monitoring municipal policies",
        "Better support for the victims of racism and discrimination",
        "More participation and better informed city dwellers",
        "The city as an active supporter of equal opportunity practices",
        "The city as an equal opportunities employer and service provider",
        "Fair access to housing",
        "Challenging racism and discrimination through education",
        "Promoting cultural diversity",
        "Hate crimes and conflict management",
    ],
    "fr": [
        "Vigilance accrue contre le racisme",
        "Évaluer le racisme et la discrimination et suivre les politiques municipales",
        "Meilleur soutien aux victimes du racisme et de la discrimination",
        "Davantage de participation et des citadins mieux informés",
        "La ville, soutien actif des pratiques d'égalité des chances",
        "La ville, employeur et prestataire de services garantissant l'égalité des chances",
        "Accès équitable au logement",
        "Combattre le racisme et la discrimination par l'éducation",
        "Promouvoir la diversité culturelle",
        "Crimes de haine et gestion des conflits",
    ],
    "de": [
        "Verstärkte Wachsamkeit gegenüber Rassismus",
        "Rassismus und Diskriminierung bewerten und kommunale Politik überprüfen",
        "Bessere Unterstützung für die Opfer von Rassismus und Diskriminierung",
        "Mehr Partizipation und besser informierte Bürgerinnen und Bürger",
        "Die Stadt als aktive Förderin gleicher Chancen",
        "Die Stadt als Arbeitgeberin und Dienstleisterin, die Chancengleichheit wahrt",
        "Fairer Zugang zu Wohnraum",
        "Rassismus und Diskriminierung durch Bildung bekämpfen",
        "Kulturelle Vielfalt fördern",
        "Hassverbrechen und Konfliktmanagement",
    ],
    "es": [
        "Mayor vigilancia contra el racismo",
        "Evaluar el racismo y la discriminación y seguir las políticas municipales",
        "Mejor apoyo a las víctimas del racismo y la discriminación",
        "Más participación y una ciudadanía mejor informada",
        "La ciudad como promotora activa de la igualdad de oportunidades",
        "La ciudad como empleadora y proveedora de servicios con igualdad de oportunidades",
        "Acceso justo a la vivienda",
        "Combatir el racismo y la discriminación mediante la educación",
        "Promover la diversidad cultural",
        "Delitos de odio y gestión de conflictos",
    ],
    "it": [
        "Maggiore vigilanza contro il razzismo",
        "Valutare il razzismo e la discriminazione e monitorare le politiche comunali",
        "Migliore sostegno alle vittime del razzismo e della discriminazione",
        "Più partecipazione e cittadini meglio informati",
        "La città come promotrice attiva delle pari opportunità",
        "La città come datore di lavoro e fornitore di servizi che garantisce pari opportunità",
        "Accesso equo all'alloggio",
        "Combattere il razzismo e la discriminazione attraverso l'educazione",
        "Promuovere la diversità culturale",
        "Crimini d'odio e gestione dei conflitti",
    ],
}

COMMITMENT_EXAMPLES = [
    "A city network for monitoring racism with NGOs, police and courts; a rapid response to racist acts.",
    "Collecting data and common indicators to measure the impact of municipal policies.",
    "Counselling and legal support for victims; a contact point in the city administration.",
    "Informing residents of their rights and remedies; marking 21 March.",
    "Non-discrimination clauses in city contracts and grants.",
    "Diversity audits and training of city staff.",
    "Anti-discrimination rules for municipal and private housing.",
    "Anti-racist education in schools and youth work.",
    "Fair representation in city culture, memory and public space (e.g. street names).",
    "Mediation and conflict management; support for victims of hate crimes.",
]

DEMO_PASSWORD = "eccar-demo-2025"
# A documented TOTP secret for the demo staff and reviewers (base32): add it to an
# authenticator app, or print the current code with `manage.py demo_totp EMAIL`.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# email, full name, flags
PEOPLE = [
    ("office@eccar.test", "Hannah Office", {"is_staff": True, "is_superuser": True}),
    ("board@eccar.test", "Paolo Board", {"is_board_member": True}),
    ("reviewer@eccar.test", "Dr. Amina Reviewer", {"is_reviewer": True}),
    ("unesco@eccar.test", "Lucía UNESCO", {"is_reviewer": True}),
]

# Reports already in the platform (their answers come with the questionnaire).
# cycle year -> {city name: state path}
REPORT_STATES = {
    2023: {
        name: ["draft", "submitted", "feedback_received", "published"]
        for name in [
            "Berlin",
            "Vienna",
            "Barcelona",
            "Stockholm",
            "Turin",
            "Rotterdam",
            "Nuremberg",
            "Toulouse",
            "Zurich",
            "Bologna",
            "Malmö",
            "Nantes",
            "Graz",
            "Ghent",
            "Potsdam",
            "Heidelberg",
            "Villeurbanne",
            "Botkyrka",
        ]
    },
    2025: {
        "Graz": ["draft", "submitted", "feedback_received", "published"],
        "Esch-sur-Alzette": ["draft", "submitted", "feedback_received", "published"],
        "Mannheim": ["draft", "submitted", "feedback_received", "published"],
        "Villeurbanne": ["draft", "submitted", "feedback_received"],
        "Wörgl": ["draft", "submitted", "feedback_received"],
        "Monheim am Rhein": ["draft", "submitted", "feedback_received"],
        "Bologna": ["draft", "submitted", "feedback_received", "published"],
        "Zurich": ["draft", "submitted", "feedback_received"],
        "Nantes": ["draft", "submitted"],
        "Ghent": ["draft", "submitted"],
        "Kraków": ["draft"],
        "Malmö": ["draft", "submitted", "feedback_received", "published"],
        "Barcelona": ["draft", "submitted", "feedback_received", "published"],
    },
    2027: {"Graz": ["draft"], "Toulouse": ["draft"], "Wrocław": ["draft"], "Malmö": ["draft"]},
}

# Demo report content, written in each city's own language. Required questions not
# listed here are filled with a plausible value of their type by seed_demo.
DEMO_REPORTS = {
    "Graz": {
        "overview": {
            "profile_contact_name": "Eva Pichler",
            "profile_contact_function": "Referentin für Menschenrechte",
            "profile_contact_department": "Menschenrechtsbüro der Stadt Graz",
            "profile_contact_email": "menschenrechte@graz.example",
            "civil_society_participation": (
                "Der Menschenrechtsbeirat der Stadt Graz berät den Gemeinderat; Migrant*innenbeirat "
                "und NGOs wie ZARA und Antidiskriminierungsstelle Steiermark sind an der Umsetzung "
                "des Aktionsplans beteiligt."
            ),
            "challenges_biggest": (
                "Rassistische Hassrede im Internet nimmt zu, besonders vor Wahlen. Es fehlen "
                "vergleichbare Gleichstellungsdaten, um die Wirkung kommunaler Maßnahmen zu messen."
            ),
        },
        "measures": [
            (
                "Menschenrechts-Wahlkampfmonitoring",
                [1, 4, 10],
                "Vor jeder Gemeinderatswahl beobachtet der Menschenrechtsbeirat "
                "Wahlkampfaussagen und veröffentlicht einen Bericht über diskriminierende Äußerungen.",
            ),
            (
                "Antidiskriminierungsberatung im Rathaus",
                [3],
                "Eine niederschwellige Beratungsstelle begleitet Betroffene von rassistischer "
                "Diskriminierung bei Beschwerden und Verfahren.",
            ),
        ],
    },
    "Esch-sur-Alzette": {
        "overview": {
            "civil_society_participation": (
                "Une commission consultative de l'intégration réunit des associations et des "
                "habitantes et habitants concernés; elle est consultée sur chaque action du plan."
            ),
            "challenges_biggest": (
                "La ville compte plus de 120 nationalités. Le défi principal est d'atteindre les "
                "personnes qui ne parlent ni le français ni le luxembourgeois."
            ),
        },
        "measures": [
            (
                "Cycle d'événements sur les droits des femmes et la solidarité",
                [4, 9],
                "Un cycle annuel de rencontres, de projections et d'ateliers sur les droits des "
                "femmes et la lutte contre le racisme, préparé avec les associations locales.",
            ),
        ],
    },
    "Mannheim": {
        "overview": {
            "civil_society_participation": (
                "Im Bündnis für ein Zusammenleben in Vielfalt arbeiten über 300 Organisationen "
                "mit der Stadtverwaltung zusammen."
            ),
            "challenges_biggest": "Diskriminierung auf dem Wohnungsmarkt und im Zugang zu Arbeit.",
        },
        "measures": [
            (
                "Mannheimer Bündnis für ein Zusammenleben in Vielfalt",
                [4, 5, 9],
                "Ein stadtweites Bündnis, dessen Mitglieder eine gemeinsame Erklärung "
                "unterzeichnen und jährlich gemeinsame Aktionen planen.",
            ),
        ],
    },
    "Bologna": {
        "overview": {
            "profile_contact_name": "Giulia Ferri",
            "profile_contact_function": "Responsabile antidiscriminazioni",
            "profile_contact_department": "Ufficio Pari Opportunità",
            "profile_contact_email": "antidiscriminazioni@bologna.example",
            "civil_society_participation": (
                "Il Comune collabora con le associazioni antirazziste attraverso un tavolo "
                "permanente e un patto di collaborazione con le comunità."
            ),
            "challenges_biggest": (
                "Il razzismo nei confronti dei giovani di seconda generazione e la mancanza di "
                "dati sulla discriminazione."
            ),
        },
        "measures": [
            (
                "Sportello antidiscriminazioni",
                [3, 10],
                "Uno sportello comunale accoglie le segnalazioni di discriminazione e orienta le "
                "vittime verso assistenza legale e psicologica.",
            ),
        ],
    },
    "Nantes": {
        "overview": {
            "civil_society_participation": "Un conseil nantais pour la citoyenneté des étrangers.",
            "challenges_biggest": "Les discriminations dans l'accès au logement.",
        },
        "measures": [
            (
                "Testing du logement social",
                [2, 7],
                "Des tests de situation mesurent les discriminations dans l'attribution des logements.",
            ),
        ],
    },
    "Kraków": {
        "overview": {
            "challenges_biggest": "Mowa nienawiści wobec uchodźców z Ukrainy i osób LGBT+.",
        },
        "measures": [],
    },
    "Barcelona": {
        "overview": {
            "civil_society_participation": "El Ayuntamiento cuenta con un Consejo Municipal de Inmigración en el que participan más de cincuenta entidades.",
            "challenges_biggest": "La discriminación en el acceso a la vivienda de alquiler y el discurso de odio en las redes sociales.",
        },
        "measures": [
            (
                "Oficina por la No Discriminación",
                [3, 10],
                "Una oficina municipal atiende a las víctimas de discriminación, ofrece asesoramiento jurídico y media en los conflictos.",
            ),
        ],
    },
    "Malmö": {
        "overview": {
            "civil_society_participation": "Staden samarbetar med civilsamhället genom ett idéburet partnerskap.",
            "challenges_biggest": "Segregationen på bostadsmarknaden och hatbrott mot judar och muslimer.",
        },
        "measures": [
            (
                "Kunskapslyft mot rasism i skolan",
                [8],
                "Alla grundskolor får utbildning om rasism och normkritik för personalen.",
            ),
        ],
    },
}


# Target groups of the demo measures (level 2), by title, for the library's filters.
DEMO_TARGET_GROUPS = {
    "Menschenrechts-Wahlkampfmonitoring": ["residents_general", "municipal_staff"],
    "Antidiskriminierungsberatung im Rathaus": ["african_descent", "muslims", "migrants_refugees"],
    "Cycle d'événements sur les droits des femmes et la solidarité": ["residents_general"],
    "Mannheimer Bündnis für ein Zusammenleben in Vielfalt": [
        "residents_general",
        "businesses_landlords",
    ],
    "Sportello antidiscriminazioni": ["migrants_refugees", "young_people"],
    "Testing du logement social": ["businesses_landlords"],
    "Oficina por la No Discriminación": ["migrants_refugees", "roma_travellers"],
    "Kunskapslyft mot rasism i skolan": ["schools", "young_people"],
}
# Cities that chose to show their contact persons with their published reports.
DEMO_PUBLISHED_CONTACTS = ["Graz", "Bologna"]

# English renderings of the demo answers, stored as translations (engine "demo") so
# that reading in translation can be tried without a DeepL key.
DEMO_TRANSLATIONS_EN = {
    "Der Menschenrechtsbeirat der Stadt Graz berät den Gemeinderat; Migrant*innenbeirat und NGOs wie ZARA und Antidiskriminierungsstelle Steiermark sind an der Umsetzung des Aktionsplans beteiligt.": "The Human Rights Council of the City of Graz advises the municipal council; the Migrants' Council and NGOs such as ZARA and the Styrian Anti-Discrimination Office take part in implementing the action plan.",
    "Rassistische Hassrede im Internet nimmt zu, besonders vor Wahlen. Es fehlen vergleichbare Gleichstellungsdaten, um die Wirkung kommunaler Maßnahmen zu messen.": "Racist hate speech online is increasing, especially before elections. Comparable equality data to measure the impact of municipal measures is lacking.",
    "Menschenrechts-Wahlkampfmonitoring": "Human rights election campaign monitoring",
    "Vor jeder Gemeinderatswahl beobachtet der Menschenrechtsbeirat Wahlkampfaussagen und veröffentlicht einen Bericht über diskriminierende Äußerungen.": "Before every municipal election the Human Rights Council monitors campaign statements and publishes a report on discriminatory remarks.",
    "Antidiskriminierungsberatung im Rathaus": "Anti-discrimination counselling at the city hall",
    "Eine niederschwellige Beratungsstelle begleitet Betroffene von rassistischer Diskriminierung bei Beschwerden und Verfahren.": "An easily accessible counselling office supports people affected by racial discrimination with complaints and proceedings.",
    "Une commission consultative de l'intégration réunit des associations et des habitantes et habitants concernés; elle est consultée sur chaque action du plan.": "An advisory committee on integration brings together associations and residents concerned; it is consulted on every action of the plan.",
    "La ville compte plus de 120 nationalités. Le défi principal est d'atteindre les personnes qui ne parlent ni le français ni le luxembourgeois.": "The city is home to more than 120 nationalities. The main challenge is reaching people who speak neither French nor Luxembourgish.",
    "Cycle d'événements sur les droits des femmes et la solidarité": "Event series on women's rights and solidarity",
    "Un cycle annuel de rencontres, de projections et d'ateliers sur les droits des femmes et la lutte contre le racisme, préparé avec les associations locales.": "An annual series of meetings, screenings and workshops on women's rights and the fight against racism, prepared with local associations.",
    "Im Bündnis für ein Zusammenleben in Vielfalt arbeiten über 300 Organisationen mit der Stadtverwaltung zusammen.": "In the Alliance for living together in diversity, more than 300 organisations work with the city administration.",
    "Diskriminierung auf dem Wohnungsmarkt und im Zugang zu Arbeit.": "Discrimination on the housing market and in access to work.",
    "Mannheimer Bündnis für ein Zusammenleben in Vielfalt": "Mannheim Alliance for living together in diversity",
    "Ein stadtweites Bündnis, dessen Mitglieder eine gemeinsame Erklärung unterzeichnen und jährlich gemeinsame Aktionen planen.": "A city-wide alliance whose members sign a joint declaration and plan joint actions every year.",
    "Il Comune collabora con le associazioni antirazziste attraverso un tavolo permanente e un patto di collaborazione con le comunità.": "The municipality works with anti-racist associations through a standing round table and a cooperation pact with the communities.",
    "Il razzismo nei confronti dei giovani di seconda generazione e la mancanza di dati sulla discriminazione.": "Racism against second-generation young people and the lack of data on discrimination.",
    "Sportello antidiscriminazioni": "Anti-discrimination desk",
    "Uno sportello comunale accoglie le segnalazioni di discriminazione e orienta le vittime verso assistenza legale e psicologica.": "A municipal desk receives reports of discrimination and refers victims to legal and psychological support.",
    "El Ayuntamiento cuenta con un Consejo Municipal de Inmigración en el que participan más de cincuenta entidades.": "The city council has a Municipal Immigration Council in which more than fifty organisations take part.",
    "La discriminación en el acceso a la vivienda de alquiler y el discurso de odio en las redes sociales.": "Discrimination in access to rental housing and hate speech on social media.",
    "Oficina por la No Discriminación": "Office for Non-Discrimination",
    "Una oficina municipal atiende a las víctimas de discriminación, ofrece asesoramiento jurídico y media en los conflictos.": "A municipal office assists victims of discrimination, offers legal advice and mediates in conflicts.",
    "Staden samarbetar med civilsamhället genom ett idéburet partnerskap.": "The city cooperates with civil society through a non-profit partnership.",
    "Segregationen på bostadsmarknaden och hatbrott mot judar och muslimer.": "Segregation on the housing market and hate crimes against Jews and Muslims.",
    "Kunskapslyft mot rasism i skolan": "Knowledge boost against racism in schools",
    "Alla grundskolor får utbildning om rasism och normkritik för personalen.": "All primary schools receive training on racism and norm criticism for their staff.",
}

# The ECCAR contact person of each city (invented names) and their function, for the
# reports whose answers are not written out above.
CONTACTS = {
    "Berlin": ("Miriam Schulte", "Referentin für Antidiskriminierung"),
    "Vienna": ("Florian Huber", "Leiter der Antirassismus-Koordination"),
    "Barcelona": ("Laia Ferrer", "Técnica de derechos de ciudadanía"),
    "Cologne": ("Aylin Demir", "Koordinatorin gegen Rassismus"),
    "Stockholm": ("Sara Ekström", "Samordnare för mänskliga rättigheter"),
    "Turin": ("Luca Bianchi", "Funzionario per le pari opportunità"),
    "Kraków": ("Agnieszka Nowak", "Koordynatorka ds. równego traktowania"),
    "Oslo": ("Henrik Berg", "Rådgiver for mangfold og inkludering"),
    "Wrocław": ("Tomasz Kowalczyk", "Pełnomocnik ds. równego traktowania"),
    "Rotterdam": ("Fatima El Amrani", "Beleidsadviseur diversiteit"),
    "Nuremberg": ("Julia Fischer", "Leiterin des Menschenrechtsbüros"),
    "Toulouse": ("Camille Girard", "Chargée de mission lutte contre les discriminations"),
    "Zurich": ("Simon Meier", "Fachstelle für Gleichstellung"),
    "Bologna": ("Giulia Ferri", "Responsabile antidiscriminazioni"),
    "Malmö": ("Johan Lindberg", "Utvecklingssekreterare"),
    "Nantes": ("Amélie Le Goff", "Chargée de mission égalité"),
    "Mannheim": ("Kemal Arslan", "Beauftragter für Integration und Migration"),
    "Graz": ("Eva Pichler", "Referentin für Menschenrechte"),
    "Ghent": ("Ines Vermeulen", "Coördinator gelijke kansen"),
    "Oulu": ("Anna Korhonen", "Yhdenvertaisuuskoordinaattori"),
    "Potsdam": ("Markus Neumann", "Beauftragter für Migration und Integration"),
    "Heidelberg": ("Selin Kaya", "Leiterin des Amts für Chancengleichheit"),
    "Villeurbanne": ("Karim Haddad", "Chargé de mission égalité et diversité"),
    "Lausanne": ("Nathalie Rochat", "Déléguée à l'intégration"),
    "Botkyrka": ("Mira Johansson", "Strateg för mänskliga rättigheter"),
    "Monheim am Rhein": ("Lea Hartmann", "Integrationsbeauftragte"),
    "Esch-sur-Alzette": ("Sandra Pereira", "Responsable du service égalité"),
    "Yverdon-les-Bains": ("Marc Bovet", "Délégué à l'intégration"),
    "Bulle": ("Céline Pasquier", "Déléguée à la cohésion sociale"),
    "Wörgl": ("Johanna Mair", "Integrationsbeauftragte"),
    "Athens": ("Ελένη Οικονόμου", "Συντονίστρια για την ισότητα"),
    "Liège": ("Thomas Renard", "Coordinateur égalité des chances"),
    "Leuven": ("Sofie Janssens", "Beleidsmedewerker diversiteit"),
    "Montpellier": ("Léa Moreau", "Chargée de mission lutte contre le racisme"),
    "Şişli": ("Deniz Aydın", "Eşitlik birimi sorumlusu"),
}

# The office in charge of ECCAR, by the city's main language.
CONTACT_DEPARTMENTS = {
    "de": "Amt für Vielfalt und Chancengleichheit",
    "fr": "Mission égalité et lutte contre les discriminations",
    "it": "Ufficio Pari Opportunità e Diritti",
    "es": "Oficina de Derechos de Ciudadanía y Diversidad",
    "sv": "Avdelningen för mänskliga rättigheter",
    "nl": "Dienst Gelijke Kansen en Diversiteit",
    "pl": "Biuro ds. Równego Traktowania",
    "nb": "Enhet for mangfold og inkludering",
    "fi": "Yhdenvertaisuus- ja osallisuusyksikkö",
    "el": "Γραφείο Ισότητας και Ένταξης",
    "tr": "Eşitlik ve Katılım Birimi",
}

# Required long answers of the reports not written out above: what a city typically says.
GENERIC_ANSWERS = {
    "civil_society_participation": (
        "An advisory council of migrant and community organisations meets four times a year "
        "and is consulted on every measure of the action plan; its chair sits on the steering "
        "group of the city's anti-racism strategy."
    ),
    "challenges_biggest": (
        "Discrimination in access to housing and work remains widespread, and the city lacks "
        "equality data to show whether its measures reduce it."
    ),
}

# Measures of the reports not written out above: (title, commitments, description), one
# per report, chosen by the city's place in the list.
GENERIC_MEASURES = [
    (
        "Anti-discrimination counselling service",
        [3],
        "A counselling service in the city hall advises people who experienced racial "
        "discrimination and accompanies them in complaints and proceedings.",
    ),
    (
        "International Weeks against Racism",
        [1, 4, 9],
        "Every March the city and some forty associations organise two weeks of talks, "
        "exhibitions and school projects around the International Day for the Elimination "
        "of Racial Discrimination.",
    ),
    (
        "Diversity training for city staff",
        [6],
        "All managers and front-desk staff of the administration attend a two-day training "
        "on unconscious bias and non-discriminatory service.",
    ),
    (
        "Non-discrimination clause in city contracts",
        [5],
        "Contracts and grants of the city require suppliers and grantees to commit to equal "
        "treatment; a breach can end the contract.",
    ),
    (
        "Situation testing in the rental housing market",
        [2, 7],
        "Paired test applications measure discrimination in access to rental housing; the "
        "results are discussed with landlords' associations.",
    ),
    (
        "Anti-racist education programme in schools",
        [8],
        "Trained facilitators run workshops on racism, prejudice and civil courage in "
        "secondary schools, with materials for teachers.",
    ),
]

# A plausible annual budget of a city's anti-racism work: euros per inhabitant, rounded.
BUDGET_EUROS_PER_INHABITANT = 0.6
