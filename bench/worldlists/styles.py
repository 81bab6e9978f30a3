"""The four worlds: who lives there, who writes the lists, and in which conventions.

Convention weights are how the lists of each kind of writer are spelled in that world (see
``arabic.py`` and ``cyrillic.py`` for what each convention does).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    origins: dict  # name origin -> share of households
    family_conventions: (
        dict  # origin -> {convention: weight}: how families and people themselves write
    )
    writer_conventions: dict  # third-party source -> {convention: weight}
    last_seen: tuple
    found: dict  # source -> places where people are now
    russian_speaking_clerks: float = 0.0  # share of Cyrillic clerks who write the Russian form


PARIS_LAST_SEEN = (
    "Place de la République",
    "Gare du Nord",
    "Gare de Lyon",
    "rue de Charonne",
    "boulevard Voltaire",
    "métro Oberkampf",
    "Stade de France, Saint-Denis",
    "Canal Saint-Martin",
    "rue de la Fontaine-au-Roi",
    "Belleville",
    "Barbès",
    "Châtelet-Les Halles",
    "Porte de la Chapelle",
    "La Défense",
)
PARIS_FOUND = {
    "hospital": (
        "Hôpital Saint-Louis",
        "Hôpital Lariboisière",
        "Pitié-Salpêtrière",
        "Hôpital Européen Georges-Pompidou",
        "Hôpital Bichat",
        "Hôpital Avicenne, Bobigny",
        "Hôpital Delafontaine, Saint-Denis",
        "Hôpital Tenon",
        "Hôpital Cochin",
    ),
    "shelter": (
        "Gymnase Japy",
        "Mairie du 11e",
        "Gymnase Jean-Verdier",
        "Centre d'accueil Porte de la Villette",
        "École Parmentier",
        "Salle des fêtes de Montreuil",
    ),
    "list": (
        "Croix-Rouge, centre de crise",
        "Protection civile, PMA Bastille",
        "Préfecture de police, cellule d'information",
        "Samu social",
    ),
    "self": (
        "chez des amis, Montreuil",
        "chez ma sœur, Créteil",
        "hôtel, Paris 10e",
        "chez moi",
        "Gymnase Japy",
    ),
    "family": ("à la maison", "Hôpital Saint-Louis", "chez un cousin, Bondy", "Pitié-Salpêtrière"),
}
PARIS_FAMILIES = {
    "french": {"latin_fr": 1},
    "maghreb": {"latin_fr": 17, "arabic": 3},
    "westafrican": {"latin_fr": 1},
    "arab": {"latin_fr": 6, "latin_en": 2, "arabic": 2},
    "persian": {"latin_en": 4, "latin_fr": 3, "arabic": 3},
    "ukrainian": {"cyrillic": 5, "passport": 4, "latin_fr": 1},
    "turkish": {"latin_tr": 8, "latin_fr": 2},
}
PARIS_WRITERS = {
    "hospital": {"latin_fr": 1},
    "shelter": {"latin_fr": 17, "latin_en": 3},
    "list": {"latin_fr": 6, "latin_en": 4},
    "passerby": {"latin_fr": 1},
}

LEVANT_LAST_SEEN = (
    "Antakya, Cumhuriyet Mahallesi",
    "Antakya, Armutlu",
    "İskenderun",
    "Kırıkhan",
    "Samandağ",
    "Defne",
    "Reyhanlı",
    "Kahramanmaraş, Dulkadiroğlu",
    "Gaziantep, Şahinbey",
    "Jindires",
    "Harem",
    "Adıyaman",
)
LEVANT_FOUND = {
    "hospital": (
        "Adana Şehir Hastanesi",
        "Mersin Şehir Hastanesi",
        "Gaziantep Dr. Ersin Arslan Hastanesi",
        "Bab al-Hawa Hospital",
        "Afrin Hospital",
        "Hatay sahra hastanesi",
        "Ankara Bilkent Şehir Hastanesi",
    ),
    "shelter": (
        "AFAD çadır kenti, Kahramanmaraş",
        "Gaziantep spor salonu",
        "Osmaniye konteyner kent",
        "Idlib reception camp",
        "Mersin öğrenci yurdu",
    ),
    "list": ("UNHCR list", "SARC list", "Kızılay listesi", "White Helmets list", "ICRC RFL list"),
    "self": ("with relatives in Mersin", "Istanbul", "Ankara", "Idlib camp", "Gaziantep"),
    "family": ("at home", "Adana Şehir Hastanesi", "with cousins in Bursa", "Idlib camp"),
}
LEVANT_FAMILIES = {
    "arab": {"arabic": 11, "latin_en": 6, "latin_fr": 2, "latin_de": 1},
    "turkish": {"latin_tr": 9, "latin_en": 1},
}
LEVANT_WRITERS = {
    "hospital": {"latin_tr": 6, "arabic": 4},
    "shelter": {"latin_tr": 5, "latin_en": 3, "arabic": 2},
    "list": {"latin_en": 9, "machine": 3, "arabic": 5, "scholarly": 1},
    "passerby": {"arabic": 2, "latin_en": 1, "latin_tr": 1},
}

UKRAINE_LAST_SEEN = (
    "Mariupol, prosp. Myru",
    "Mariupol, Azovstal",
    "Kharkiv, Saltivka",
    "Bucha",
    "Irpin",
    "Chernihiv",
    "Kherson",
    "Sumy",
    "Izium",
    "Bakhmut",
    "Sievierodonetsk",
    "Kramatorsk station",
)
UKRAINE_FOUND = {
    "hospital": (
        "Lviv regional hospital",
        "Dnipro Mechnikov hospital",
        "Zaporizhzhia emergency hospital",
        "Szpital Wojewódzki Przemyśl",
        "Charité Berlin",
        "Rzeszów University Hospital",
    ),
    "shelter": (
        "Przemyśl reception point",
        "Medyka border tent",
        "Berlin Tegel Ankunftszentrum",
        "Warsaw Expo hall",
        "Lviv school no. 5",
        "Chișinău Moldexpo",
    ),
    "list": (
        "ICRC Central Tracing Agency",
        "Ukrainian Red Cross list",
        "Ministry of Reintegration list",
        "Polish border guard register",
    ),
    "self": ("Warsaw", "Kraków", "Berlin", "Prague", "Lviv", "Paris"),
    "family": ("at home", "Lviv", "Dnipro", "Warsaw"),
}
UKRAINE_FAMILIES = {
    "ukrainian": {"cyrillic": 6, "passport": 3, "latin_en": 1},
    "russian": {"cyrillic": 6, "passport": 2, "latin_en": 2},
}
UKRAINE_WRITERS = {
    "hospital": {"cyrillic": 11, "latin_pl": 4, "latin_de": 3, "latin_en": 2},
    "shelter": {"latin_pl": 7, "latin_de": 6, "latin_fr": 3, "latin_en": 4},
    "list": {"latin_en": 8, "passport": 5, "cyrillic": 5, "scholarly": 2},
    "passerby": {"cyrillic": 7, "passport": 3},
}

STYLES = {
    "paris": Style(
        origins={"french": 5, "maghreb": 3, "westafrican": 2},
        family_conventions=PARIS_FAMILIES,
        writer_conventions=PARIS_WRITERS,
        last_seen=PARIS_LAST_SEEN,
        found=PARIS_FOUND,
    ),
    "levant": Style(
        origins={"arab": 7, "turkish": 3},
        family_conventions=LEVANT_FAMILIES,
        writer_conventions=LEVANT_WRITERS,
        last_seen=LEVANT_LAST_SEEN,
        found=LEVANT_FOUND,
    ),
    "ukraine": Style(
        origins={"ukrainian": 3, "russian": 1},
        family_conventions=UKRAINE_FAMILIES,
        writer_conventions=UKRAINE_WRITERS,
        last_seen=UKRAINE_LAST_SEEN,
        found=UKRAINE_FOUND,
        russian_speaking_clerks=0.3,
    ),
    # A French city with everyone: families write in their own conventions, French clerks in French.
    "mixed": Style(
        origins={
            "french": 6,
            "maghreb": 3,
            "westafrican": 2,
            "arab": 3,
            "persian": 1,
            "ukrainian": 4,
            "turkish": 1,
        },
        family_conventions=PARIS_FAMILIES | {"arab": {"arabic": 5, "latin_en": 3, "latin_fr": 2}},
        writer_conventions=PARIS_WRITERS | {"list": {"latin_fr": 5, "latin_en": 4, "machine": 1}},
        last_seen=PARIS_LAST_SEEN,
        found=PARIS_FOUND,
        russian_speaking_clerks=0.1,
    ),
}
