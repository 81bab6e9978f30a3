"""Nicknames, short forms and cross-language forms of given names.

English nicknames come from the `nicknames` package (hand-curated, about 2,700 pairs). It has
no French, Arabic or Russian forms, so we add the ones below. Each line is a group: the first
word is the formal name, the rest are forms people actually use for it on missing-person
lists — established diminutives (Dima for Dmitri, Kader for Abdelkader, Babeth for Élisabeth)
and the same name as written in another language of the region (Youssef / Joseph / Iosif).
A form belongs to a group only if it is commonly used for that one name, so every line can be
checked against a name dictionary; ambiguous diminutives (e.g. "Lola") are left out.

Lookups go through `fold()`, so spelling variants of a listed form (Iossif, Yusef) are found too.
"""

from __future__ import annotations

import functools

from .text import fold

_EXTRA_GROUPS = """
alexandre alex alexis sacha sasha alexandr aleksandr aleksander alexander iskander iskandar sanya shura oleksandr
christophe chris christopher kristof
frederic fred freddy
nicolas nico nicolai nikolai nikolay kolya nicholas mykola
dominique dom domi
stephane steph stefan stephen etienne stepan
sebastien seb
maxime max maximilien maksim maxim
mathieu matthieu matt matthew mattia
guillaume william guillermo
jean jan john juan johann johannes giovanni ivan ioannis yahya yehia vanya
jacques jacob jakob yakub yacoub yaqub yakov yasha james diego santiago
joseph jose giuseppe youssef yusuf yousef iosif osip yosef josef jusuf
pierre peter pedro pietro pyotr petya boutros butrus petro
michel michael miguel michele mikhail michail misha mikael mikail mickael mykhailo mykhaylo mikhaylo mihajlo
paul pablo pavel pasha boulos bulus paolo pavlo
andre andrew andrei andrey andres andrea andryusha andriy andrii
georges george jorge giorgio georgiy heorhiy
yuri yura yurii yuriy jurij iouri
david daoud dawood dawud davud
abraham ibrahim brahim avraham
moise moses moussa musa moshe
salomon solomon suleiman sulayman sliman souleymane
elie elias ilyas iliya ilya elijah
jonas jonah younes yunus younis
aaron haroun harun
isaac ishak ishaq
ismael ishmael ismail smail
zacharie zachary zakaria zakariya zacharias
noe noah nuh
jesus issa isa
marie maria mary mariam maryam myriam miriam masha manon marion mireille
anne anna ana hannah anya hanna
catherine katherine ekaterina yekaterina katya cathy catarina caterina katarina kate
helene helen elena yelena lena eleni ileana olena
elisabeth elizabeth elisa elise lisa babeth liza elizaveta
marguerite margaret margot margarita
jacqueline jackie
veronique vero veronica
caroline caro carolina
isabelle isabel isa isabella
francoise fanfan
francois frank franz francesco francisco
sarah sara
eve hawa hawwa eva
dmitri dimitri dima mitya demetrios dmitry dmytro
vladimir volodya vova wladimir volodymyr
natalia natalya natasha natalie nathalie nataliia nataliya
tatiana tatyana tanya tetiana tetyana
olga olya olha
svetlana sveta svitlana svitlanka
sergei sergey serezha seryozha serge sergio serhiy serhii serhij
alexei aleksei alexey alyosha lyosha oleksii oleksiy
evgeni yevgeny yevgeniy evgeny zhenya eugene yevhen yevhenii
anastasia nastya
yulia yuliya julia iulia julie juliette yuliia
irina ira iryna
lyudmila lyuda mila ludmila
konstantin kostya constantin constantine kostiantyn kostyantyn
grigori grigory grisha gregory gregoire hryhoriy hryhorii
viktor vitya victor
anatoli anatoly tolya
nadezhda nadya nadiia nadiya
lyubov lyuba liubov
ksenia kseniya ksyusha kseniia xenia
galina galya halyna halia
igor ihor
oleg oleh
vasili vasily vassili vasyl vasya basile
artem artyom artiom
bogdan bohdan
daria darya dasha
sofia sofiya sophia sophie sonya safiya
mohamed mohammed muhammad mohamad mohammad mehmet mo moha hamoudi hamouda mamadou mhd mohd muhd md
ahmed ahmad hmida
abdelkader abdulqadir kader
abdelaziz abdulaziz aziz
abdelkarim abdulkarim karim
abdelhamid abdulhamid hamid
abderrahmane abdulrahman abdelrahman abdou
abdallah abdullah abdellah abdou
mustapha mustafa mostafa moustafa
fatima fatma fati fatou fatoumata fadma
khadija khadidja khadijah hatice kadiatou kadidia khadidiatou hadiza
aicha aisha ayesha aysha ayse aissatou
ibrahim ebrahim brahim ibrahima ibragim
khalid khaled halid halit
jamal djamel jamel gamal cemal
jafar jaafar djafar cafer
walid oualid velid
noureddine nuraddin nuruddin nourdine
"""


def _build() -> dict[str, frozenset[str]]:
    groups: dict[str, set[str]] = {}

    def add(member: str, group: str) -> None:
        groups.setdefault(fold(member), set()).add(group)

    try:
        from nicknames import NickNamer

        for canonical, nicks in NickNamer().nickname_lookup.items():
            if " " in canonical:
                continue
            group = "en:" + fold(canonical)
            add(canonical, group)
            for nick in nicks:
                if " " not in nick:
                    add(nick, group)
    except ImportError:  # pragma: no cover - declared dependency
        pass
    for line in _EXTRA_GROUPS.strip().splitlines():
        words = line.split()
        group = "x:" + fold(words[0])
        for word in words:
            add(word, group)
    return {k: frozenset(v) for k, v in groups.items()}


@functools.cache
def _table() -> dict[str, frozenset[str]]:
    return _build()


def alias_groups(word: str) -> frozenset[str]:
    """Group ids that an ASCII given-name form belongs to (empty when it is in no group)."""
    return _table().get(fold(word), frozenset())
