"""Which of a city's GeoNames alternate names may become its English or other-language alias.

GeoNames' alternate names carry no language tag, and `languages.py` picks the one each language's
text uses most (wordfreq). Word frequency cannot tell *which* referent made a word frequent, so
that pick alone took other things' names: `Cancun` (a city in Mexico) for Changchun, `Bethlehem`
for Belém, `Hamas` for Hamm, `Stalin` for Donetsk, `Soul` for Seoul, `Victoria` for Hong Kong,
`Saint Charles` for Denver, and Wade-Giles romanisations (`Pet-kin`, `Ch'eng-tu`) whose pieces are
English words. An alternate is kept only when nothing says it means something else:

1. **Shape.** No apostrophe the name lacks (`Ch'eng-tu`); no more words than the name, counting
   hyphenated parts as words, leading articles aside (`El Cairo`), and one more only with a
   connector (`Ciudad de México` for Mexico City). `Pet-kin` for Beijing and `Ke Cho` for Hanoi
   fail; `Addis-Abeba` and `Nueva York` pass.
2. **Another place's name.** Not the name of a country, of a first-level region (`Bahia` is
   the state, not Salvador), or of a city in another country in GeoNames' list (15,000+ people; for names in other
   languages, one with a tenth of the city's people): `Cancun`, `Bethlehem`, `Pueblo`,
   `Victoria`. Spelling variants of the city's own name (`Bogota`) are never another place.
3. **An English word.** Not a lower-case word of the American or British dictionary, however
   rare: `Soul`, `Lime`, `Tunes`, `Grenade`.
4. **A person's name.** Not a first name or surname of the US Census lists, or a name part of
   rigour's (Wikidata), that English text uses (Zipf >= 2.5, the precision guard's threshold):
   `Judah`, `Winston`, `Serena`, `Bono`, `Stalin`.
5. **An organisation or a group.** Not a form of a curated organisation, medium or NORP entry:
   `Hamas`.

Genuine exonyms that fail a rule because the word has another sense too (`Cologne`, `Mecca`,
`Geneva`, `Hanover`, `Odessa`) are listed by GeoNames id in curated/regions.json's `places`,
each with its reason, and the guard gates them like any place name that is also a word.
"""

import re

from wordfreq import zipf_frequency

from languages import ARTICLES, fold

# The precision guard's threshold (generate.py): a name part English text uses.
PERSON_NAME_ZIPF = 2.5

APOSTROPHES = "'`’‘ʼʻ"
CONNECTORS = {"de", "del", "di", "du", "da", "do", "des", "dos", "das", "am", "an", "upon", "sur",
              "on"}


def words(s):
    return [w for w in re.split(r"[\s\-]+", fold(s)) if w]


def shaped_like(alt, name):
    """Rule 1: the alternate could be a spelling of the name, not a romanisation in pieces."""
    if any(ch in alt for ch in APOSTROPHES) and not any(ch in name for ch in APOSTROPHES):
        return False
    a, n = words(alt), words(name)
    if len(a) > 1 and a[0] in ARTICLES:
        a = a[1:]
    allowed = len(n) + (1 if any(w in CONNECTORS for w in a) else 0)
    return len(a) <= allowed


class OtherMeanings:
    """Rules 2-5: what else an alternate names. Built once from the generator's inputs:
    `regions` as (name, country code) pairs, `other_forms` the curated organisations', media's
    and groups' forms, `person_parts` lower-case parts of people's names (rigour's)."""

    def __init__(self, gc, guard, regions, other_forms, person_parts):
        # folded name -> {country code: largest population of a city so named}
        self.cities = {}
        for c in gc.get_cities().values():
            by_cc = self.cities.setdefault(fold(c["name"]), {})
            cc, pop = c["countrycode"], int(c.get("population") or 0)
            by_cc[cc] = max(by_cc.get(cc, 0), pop)
        self.countries = {fold(c["name"]) for c in gc.get_countries().values()}
        self.regions = {}
        for name, cc in regions:
            self.regions.setdefault(fold(name), set()).add(cc)
        self.guard = guard
        self.other_forms = {fold(f) for f in other_forms}
        self.person_parts = person_parts
        self.rejected = {}

    def why_not(self, alt, name, country, population, strict):
        """Why `alt` may not be an alias of the city `name` in `country`, or None. `strict`
        (English names) refuses any other country's city of the name; otherwise only one with
        a tenth of the city's people (`Pékin` for Beijing despite Pekin, Illinois)."""
        if not shaped_like(alt, name):
            return "shape (romanisation)"
        f = fold(alt)
        if f == fold(name):
            return None
        # A region named after the city has the city's name, not this alternate's (`Bahia`
        # is the state, not Salvador); the languages' names of capitals come from CLDR.
        if f in self.countries or f in self.regions:
            return "a country's or region's name"
        floor = 0 if strict else population / 10
        if any(pop >= floor for cc, pop in self.cities.get(f, {}).items() if cc != country):
            return "another country's city"
        if self.guard.is_word(alt):
            return "an English word"
        if self.guard.is_person_name(alt, 0) or (
                f in self.person_parts and zipf_frequency(f, "en") >= PERSON_NAME_ZIPF):
            return "a person's name"
        if f in self.other_forms:
            return "an organisation or group"
        return None

    def allows(self, alt, name, country, population, strict):
        why = self.why_not(alt, name, country, population, strict)
        if why:
            self.rejected.setdefault(why, []).append(f"{alt} ({name}, {country})")
        return why is None
