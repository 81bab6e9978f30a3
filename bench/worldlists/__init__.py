"""Labelled posts and reports modelled on how real lists look, independent of the engine.

A second benchmark generator for name matching. It reads nothing from ``reunify.matching`` or
``bench.datasets``: it models the world (households, who is searched for, who turns up on which
list, who writes the list and how), not the engine's rules.

    python -m bench.worldlists --seed 1 --out DIR [--posts 1000] [--reports 3000] [--style mixed]

    from bench.worldlists import generate
    posts, reports, truth = generate(1, n_posts=1000, n_reports=3000, style="mixed")

The same seed, sizes and style give the same rows. ``generate`` returns lists of plain dicts
whose keys are the CSV columns (ages are ints or None; None is an empty cell in the CSV).

Files (UTF-8 CSV with a header row)
-----------------------------------
``posts.csv`` (what families post; one row per post, a person posted twice has two rows):
    id (P00001 ...), full_name | given_name + family_name (one or the other is filled),
    alternate_names (one other spelling the family knows, or empty),
    age | age_min + age_max, birth_date (ISO, when the family gave it), sex (M/F),
    last_seen_place, source (always "family").
``reports.csv`` (what hospitals, shelters, passers-by, people themselves, families and
partner lists write):
    id (R00001 ...), full_name | given_name + family_name, alternate_names (empty),
    age | age_min + age_max (parsed), age_text (as written: "45", "about 40", "30-40"),
    sex (M/F or empty), found_place (where the person is NOW, not where they were lost),
    source (self, family, hospital, shelter, passerby, list).
``truth.csv``: post_id, report_id for every true pair (a report about a person posted twice
has two rows; most reports have none).

A full_name may be "DUPONT Jean" (family first, in capitals), "Mme Dubois", "Karim (frère de
Samir)", "unknown man, about 30", or carry a father's name or patronymic; a given_name field
may hold the family name (swapped).

Styles
------
``paris``: French (Faker fr_FR), Maghreb (Faker fr_DZ and Arabic names written the Maghreb
French way) and West African names (Mamadou, Diallo / Djallo / Jallow), all written by French
clerks. ``levant``: a Hatay-like earthquake: Syrian Arabic names (families write Arabic script
or English / French / German romanisations; Turkish hospitals write the Turkish registry form,
Mehmet for Muhammad) and Turkish names (Faker tr_TR, Turkish letters lost abroad). ``ukraine``:
Ukrainian and Russian names (Faker uk_UA, ru_RU and common heads) in Cyrillic, the Ukrainian
passport system, English BGN, and Polish, German, French transliteration by ear (Zaitseva /
Zaïtseva / Saizewa / Zajcewa), the Russian form of given names (Oleksandr / Aleksandr) and the
local Western form (Alexandre). ``mixed`` (default): all of these origins plus Persian in one
French city; families write their own conventions, clerks write French.

Namesakes are the rule, not the exception: in a population of 5,000 people with 1,000 posted,
26 % (paris), 27 % (mixed), 40 % (ukraine) and 66 % (levant) of posted people have exactly the
same given and family name as someone else, and about 85-99 % share a family name with
another household.

Rates (the constants live in ``world.py`` next to their reasons)
----------------------------------------------------------------
- Reports with a true post, by source: hospital 15 %, shelter 25 %, partner list 8 %,
  passer-by 35 %, self 50 %, family 85 %. Why: hospitals and partner lists record everyone they
  receive, and most of those nobody searched for on this board; people writing about themselves
  or a relative are mostly answering a search. Source mix: hospital 30, shelter 25, list 20,
  passer-by 8, self 12, family 5 (lists are the bulk after a disaster), so about a quarter of
  reports have a true post. A "self" report about a child under 12 is written by the family.
- Ages. Families give a birth date on 45 % of posts (the ID card is at hand), else an age, one
  year off 12 % of the time (birthday confusion), a two-year range 3 %. People and families in
  reports give the age, same error. Third parties estimate: true age + Gaussian error of
  standard deviation 2 + 0.12 x age (3 years at 8, 7 at 40, 10 at 70: triage sheets place adults
  within a decade, children better); written as a number 40 %, rounded to 5 15 %, a decade
  ("about 40") 15 %, a range 20 % (half "estimate +- 5", half the decade "30-40"), nothing
  10 %. With rounding, about half of the third-party ages of true pairs are 5 or more years
  from the true age. Sex left blank 8 %, wrong 1.5 %.
- Places: last_seen_place and found_place are different fields. A hospital, shelter, list or
  self report gives where the person is now (a hospital, a gymnasium, a relative's town); only a
  passer-by who found someone where they were lost repeats the place (25 % of passer-by true
  pairs), so most true pairs disagree on place.
- How the name is written (shares of rows), by source:
  hospital: "Given Family" 30, "FAMILY Given" 25, "Family Given" 8, split fields 20, swapped
  fields 5, family name only ("Mme Dubois") 5, given name and a relation 3, unknown person 4;
  shelter: 35 / 10 / 7 / 30 / 6 / 5 / 5 / 2; partner list: 20 / 35 / 5 / 30 / 10 / 0 / 0 / 0;
  passer-by: 30 / 0 / 5 / 5 / 0 / 15 / 25 / 20 (they hear "Karim" or "Madame Haddad");
  self: 50 / 0 / 5 / 45; family report: 50 / 0 / 0 / 45 / 0 / 0 / 5 / 0;
  posts: 38 / 5 / 2 / 55. Why: hospital and list software exports FAMILY first, clerks typing
  from a wristband or ID swap fields, bystanders know only what they heard.
- Third parties writing Arabic script add the father's name (nasab) and those writing Cyrillic
  the patronymic 50 % of the time (their documents carry it); Latin writers 8 % (copied from
  a document), for Arab, Persian, Maghreb and East Slavic names. Families add one other
  spelling they know (passport, script) to 35 % of posts.
- Copying noise: OCR-like errors (rn/m, l/1, O/0, cl/d, Arabic dot confusions, Cyrillic и/н,
  merged or split words), one or two per name, on 25 % of hospital and 30 % of list names
  (scanned or faxed sheets); diacritics dropped on 50 % of hospital, 40 % of list and 20 % of
  shelter names (ASCII-only systems).
- Transliteration: each writer draws a convention from the style's weights (see ``styles.py``)
  and writes the name by that convention's rules (``arabic.py``, ``cyrillic.py``, with ICU for
  the passport, BGN, ISO 9 and machine romanisations). Spelling choices inside a convention
  are weighted (French u -> ou 3 : o 3 : u 1; Mohamed 11 : Mohammed 4 : Mouhamed 2 ...), Arabic
  script drops short vowels and hesitates on hamza, ى/ي and ة/ه. Western equivalents are
  written 6 % (Arabic Christian names: Youssef -> Joseph) and 8 % (Ukrainian: Oleksandr ->
  Alexandre) of the time. A Ukrainian given name is taken in its Russian form (Aleksandr) 10 %
  of the time by any writer (old documents), by the style's share of Russian-speaking Cyrillic
  clerks (ukraine 30 %, mixed 10 %) and by half of the English BGN lists.
  West African names take the bearer's spelling 60 % of the time, otherwise one drawn from all
  the variants.
- Families and namesakes: households of 1-6 (20/25/20/18/10/7 %); once one member is posted,
  each other member is too with 35 % (several true posts share a family name); wives take the
  husband's family name in French (80 %), Slavic and Turkish (90 %) households, never in Arab,
  Maghreb, Persian or West African ones. Names are drawn from Faker's frequency-ordered lists
  with Zipf weights (fr_FR, tr_TR, ru_RU family names), from hand-weighted lists of the most
  common names (Arab, Persian, West African), or from such a list 70 % of the time and Faker's
  list otherwise (Ukrainian family names; Maghreb, Turkish and Ukrainian given names), so common
  names recur across unrelated households. 20 % of reports without a true post are about an
  unposted relative of a posted person (same household, mostly the same family name).

A default run (1,000 posts, 3,000 reports) takes about 0.5 s of CPU and writes about 300 kB;
about 760 reports have a true post (790 true pairs, duplicates included).
- Duplicates: 3 % of posted people are posted twice, by relatives writing independently.
"""

from bench.worldlists.world import generate

POST_COLUMNS = (
    "id",
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "age",
    "age_min",
    "age_max",
    "birth_date",
    "sex",
    "last_seen_place",
    "source",
)
REPORT_COLUMNS = (
    "id",
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "age",
    "age_min",
    "age_max",
    "age_text",
    "sex",
    "found_place",
    "source",
)
TRUTH_COLUMNS = ("post_id", "report_id")

__all__ = ["generate", "POST_COLUMNS", "REPORT_COLUMNS", "TRUTH_COLUMNS"]
