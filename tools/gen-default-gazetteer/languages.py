"""Names of places in English and in the main news languages, chosen from sources without
language tags (GeoNames alternate names) or with them (Debian iso-codes, via pycountry).

GeoNames' main name of a city is often its local name (`Köln`, `Sevilla`, `Ar Raqqah`), and its
alternate names mix exonyms of every language, airport codes (`CGN`), romanisations (`kerun`),
historical names (`Colonia Agrippina`) and words of other languages. Two selection rules, each
measured by run.sh's report:

- **English name** (cities of 100k+ and capitals): the alternate English text uses most
  (wordfreq Zipf in English), if it is used more than the main name and at least
  ENGLISH_MIN_ZIPF, spelt like it (SIMILAR) and not the name of a larger city (`Samara` is
  not Samarra; `Hanover`, Germany, may share its name with small US towns): `Cologne` (3.6) over `Köln` (2.3), `Seville` over `Sevilla`, `Raqqa` over
  `Ar Raqqah`. One name per city, so no long tail of junk.
- **Name in language L** (es, fr, de, it, pt, tr; countries, capitals, cities of FOREIGN_FROM+):
  the alternate most used in L's text (Zipf in L at least FOREIGN_MIN_ZIPF, or
  FOREIGN_SIMILAR_ZIPF when spelt like the main name), Latin script, more used in L than in
  English, at least 4 letters (Turkish 5), capitalised, not a code: `Ginebra`, `Genf`,
  `Genève`, `Ginevra`, `Genebra`, `Jersón`, `Cherson`. A name that is a lower-case word of L's
  dictionary (Debian wspanish, wfrench, wngerman, witalian, wportuguese: `Ginebra` is gin,
  `Colonia` a colony) is gated like an English word. Russian, Arabic, Chinese and Japanese names are
  the non-Latin alternates already kept for large cities and capitals.
- **Countries and first-level regions** also get iso-codes' translations in es, fr, de, it, pt,
  ru, ar, zh, ja, tr (LGPL data, names only).
"""

import difflib
import gettext
import os
import unicodedata

import pycountry
from wordfreq import zipf_frequency

from german import inflected

ENGLISH_FROM = 100_000
ENGLISH_MIN_ZIPF = 2.5
# An English name shares letters with the local one (Cologne/Köln 0.55, Mecca/Makkah 0.36);
# translations ("White Monastery" for Al Bayḑā’) do not.
SIMILAR = 0.35
# Closer for a main name that is an English word (`Gent`/`Ghent` 0.89): `Richland` is no
# spelling of Orange.
SIMILAR_TO_WORD = 0.6
# Leading articles of other languages (`El Cairo`, `La Mobile`): no English name starts with
# one, and alternates.py does not count one as a word of the name.
ARTICLES = {"el", "la", "le", "les", "los", "las", "il", "lo", "l", "al", "ad", "an", "ar", "as",
            "az", "der", "die", "das", "den", "o", "os", "a"}
FOREIGN_FROM = 50_000
FOREIGN_MIN_ZIPF = 2.0
FOREIGN_SIMILAR_ZIPF = 1.5
# Latin-script languages chosen by word frequency, with their Debian word lists.
LATIN = {
    "es": "/usr/share/dict/spanish",
    "fr": "/usr/share/dict/french",
    "de": "/usr/share/dict/ngerman",
    "it": "/usr/share/dict/italian",
    "pt": "/usr/share/dict/portuguese",
    "tr": None,
}
# iso-codes translation catalogues (gettext language names).
ISO_LANGUAGES = ["es", "fr", "de", "it", "pt", "ru", "ar", "zh_CN", "ja", "tr"]


def fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s)
                   if not unicodedata.combining(c)).lower()


def latin(s):
    return all("LATIN" in unicodedata.name(ch, "") for ch in s if ch.isalpha())


def plausible(a):
    """A capitalised name, not a code (`CGN`), not a lower-case romanisation (`kerun`)."""
    if len(a) < 4 or any(ch.isdigit() for ch in a) or "(" in a or "," in a:
        return False
    return a[0].isupper() and not a.isupper() and latin(a)


def load_lowercase_words(path):
    words = set()
    if path and os.path.exists(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                w = line.strip()
                if w and w == w.lower():
                    words.add(w)
    return words


def german_nouns(path=LATIN["de"]):
    """Capitalised words of the German list that have a plural or case form there (`Sonntag`:
    `Sonntage`; `Apotheke`: `Apotheken`), lower-cased: common nouns. The list also has proper
    names (`Genf`, `Kassel`, `Hamburg`), which have no such forms.

    German capitalises every noun, so its lower-case words alone miss `am Sonntag`."""
    with open(path, encoding="utf-8", errors="replace") as f:
        caps = {w for w in (line.strip() for line in f) if w[:1].isupper()}
    # Not `-er`: `Genfer`, `Hamburger` are a place's adjective.
    return {w.lower() for w in caps if any(w + end in caps for end in ("e", "en", "n"))}


def news_words(words, langs):
    """language -> its dictionary's lower-case words (German: and its common nouns)."""
    out = {lang: set(words[lang]) for lang in langs}
    if "de" in out:
        out["de"] |= german_nouns()
    return out


class Languages:
    def __init__(self):
        # City names with the largest population of each: an English name may not take a
        # larger city's name (`Samara` is not Samarra) but may a smaller one's (`Hanover`).
        self.city_names = {}
        # alternates.OtherMeanings, set once the guard and the curated entries are loaded.
        self.other_meanings = None
        self.words = {lang: load_lowercase_words(p) for lang, p in LATIN.items()}
        # Their words, German nouns included (`Kanton`): no language's name of a city.
        self.news_words = news_words(self.words, list(self.words))
        self.iso = {}
        for lang in ISO_LANGUAGES:
            for domain in ("iso3166-1", "iso3166-2"):
                try:
                    self.iso[(lang, domain)] = gettext.translation(
                        domain, pycountry.LOCALES_DIR, languages=[lang])
                except OSError:
                    pass
        self.added = {"english": 0, "foreign": 0, "foreign: a word of its language (refused)": 0,
                      "iso country": 0, "iso region": 0,
                      "german inflection": 0}
        self.examples = {k: [] for k in self.added}

    def vetted(self, alt, name, country, population, strict):
        """Whether `alt` names nothing else (alternates.py); every alternate passes until
        `other_meanings` is set."""
        return (self.other_meanings is None
                or self.other_meanings.allows(alt, name, country, population, strict))

    def note(self, kind, text):
        self.added[kind] += 1
        if len(self.examples[kind]) < 12:
            self.examples[kind].append(text)

    def english(self, name, alternates, population, capital, country):
        """The city's English name when GeoNames' main name is another one, or None."""
        if population < ENGLISH_FROM and not capital:
            return None
        folded = fold(name)
        # A main name that is an English word (`Gent`) is frequent as that word, not as the
        # city's name: its English name (`Ghent`) is then the most used other spelling, spelt
        # closely like it, and need not be used more than the word.
        word = self.other_meanings is not None and self.other_meanings.guard.is_word(name)
        similar = SIMILAR_TO_WORD if word else SIMILAR
        best = max((a for a in alternates if plausible(a)
                    and self.city_names.get(a, 0) < population
                    and not (word and (fold(a) == folded or fold(a).split(" ")[0] in ARTICLES))
                    and difflib.SequenceMatcher(None, fold(a), folded).ratio() >= similar),
                   key=lambda a: (zipf_frequency(a, "en"), a), default=None)
        # No second choice: when the most used alternate means something else, its frequency
        # says nothing about which alternate English uses for this city.
        if best is None or best == name or not self.vetted(best, name, country, population,
                                                               strict=True):
            return None
        z = zipf_frequency(best, "en")
        if z < ENGLISH_MIN_ZIPF or (z <= zipf_frequency(name, "en") and not word):
            return None
        self.note("english", f"{best} ({name})")
        return best

    def foreign(self, name, alternates, population, capital, country):
        """The city's most used name in each Latin-script news language. A word of that
        language (`Kanton`, German for canton, was Guangzhou; `Ginebra`, Spanish for gin) is
        refused: it names other things in that language's news (real exonyms that are words
        are curated: curated/regions.json)."""
        if population < FOREIGN_FROM and not capital:
            return []
        out = []
        folded = fold(name)
        for lang in self.words:
            ok = [a for a in alternates if plausible(a) and (lang != "tr" or len(a) >= 5)]
            best = max(ok, key=lambda a: (zipf_frequency(a, lang), a), default=None)
            if not best or best == name or best in out:
                continue
            if best.lower() in self.news_words[lang]:
                self.note("foreign: a word of its language (refused)", f"{best} ({name}, {lang})")
                continue
            if not self.vetted(best, name, country, population, strict=False):
                continue
            # More a word of L than of English: a name English text does not use. Rarer
            # names pass when spelt like the main name (`Jersón` for Kherson).
            z = zipf_frequency(best, lang)
            similar = difflib.SequenceMatcher(None, fold(best), folded).ratio() >= 0.6
            enough = z >= FOREIGN_MIN_ZIPF or (z >= FOREIGN_SIMILAR_ZIPF and similar)
            if enough and z > zipf_frequency(best, "en"):
                out.append(best)
                self.note("foreign", f"{best} ({name}, {lang})")
        return out

    def iso_names(self, domain, msgid, kind):
        """iso-codes' translations of a country or subdivision name."""
        out = []
        for lang in ISO_LANGUAGES:
            t = self.iso.get((lang, domain))
            if t is None:
                continue
            n = t.gettext(msgid)
            if n and n != msgid and n not in out and "," not in n and "(" not in n:
                out.append(n)
                self.note(kind, f"{n} ({msgid}, {lang})")
                if lang == "de":
                    for g in inflected(n):
                        out.append(g)
                        self.note("german inflection", f"{g} ({n})")
        return out
