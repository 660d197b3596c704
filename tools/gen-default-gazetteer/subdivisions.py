"""Names of first-level regions: ISO 3166-2 names cleaned of their catalogue punctuation, and
CLDR's subdivision names in English and the main news languages.

ISO (via pycountry) writes many regions in the local language and in catalogue order
(`Bayern`, `Murcia, Región de`, `Catalunya [Cataluña]`, `Kríti`), so English news (`Bavaria`,
`Catalonia`, `Crete`) missed them. CLDR (Debian `unicode-cldr-core`, Unicode licence) names
subdivisions per language, keyed by the lower-case code without its hyphen (`debY` for DE-BY,
`grm` for GR-M). Its names for languages other than English often carry the kind of region
(`Woiwodschaft Niederschlesien`, `Région du Centre`, `Periferia de Creta`, `Tigray Bölgesi`,
`Crète (périphérie)`): the full form is kept and the bare name (`Niederschlesien`) added.

Selection, each counted in run.sh's report: deprecated entries out (CLDR marks them with a
comment); only codes that are first-level regions in our data (CLDR also names Italian
provinces, `itlo` Lodi); no digits (`Валенсия²`), commas or unbalanced brackets; a Latin-script
form is capitalised, not all capitals (a code), at least 4 letters (Turkish 5, as for cities);
other scripts at least 2 characters. A Latin form that is a lower-case word of its language's
Debian word list (`Norte`, `Centro`, `Nord`) is returned as a word, to be gated on evidence like
the other-language city names. English forms go through generate.py's guard like every form.
"""

import os
import re
import xml.etree.ElementTree as ET
from collections import Counter

from german import inflected
from languages import latin

CLDR_DIR = "/usr/share/unicode/cldr/common/subdivisions"
CLDR_LANGUAGES = ["en", "es", "fr", "de", "it", "pt", "ru", "ar", "zh", "ja", "tr"]

# The kind of region as each language writes it around the name. Only Latin-script languages:
# in ru/ar/zh/ja the kind is fused with the name (`バイエルン自由州`) and the full form is kept.
_ARTICLE = {
    "es": "de la |de las |de los |del |de |d'",
    "fr": "de la |de l'|de l’|des |du |de |d'|d’",
    "it": "della |dello |dell'|dell’|degli |delle |dei |del |di |d'",
    "pt": "da |do |das |dos |de ",
    "de": "von ",
}
_KINDS = {
    "es": "Región|Region|Provincia|Periferia|Voivodato|Gobernación|Prefectura|Óblast|Oblast|"
          "Krai|Cantón|Estado|Comunidad [Aa]utónoma|Comunidad [Ff]oral|Ciudad [Aa]utónoma|"
          "Departamento|Distrito|Territorio|Emirato|República|Principado",
    "fr": "[Rr]égion [Aa]utonome|[Rr]égion|[Pp]rovince|[Pp]ériphérie|[Vv]oïvodie|"
          "[Gg]ouvernorat|[Pp]réfecture|[Oo]blast|[Kk]raï|[Kk]rai|[Cc]anton|[ÉéEe]tat|"
          "[Cc]ommunauté [Aa]utonome|[Cc]ommunauté|[Dd]épartement|[Dd]istrict|[Tt]erritoire|"
          "[Éé]mirat|[Rr]épublique|[Ll]and",
    "it": "[Rr]egione [Aa]utonoma|[Rr]egione|[Pp]rovincia|[Pp]eriferia|[Vv]oivodato|"
          "[Gg]overnatorato|[Pp]refettura|[Oo]blast'|[Oo]blast|[Kk]raj|[Cc]antone|[Ss]tato|"
          "[Cc]omunità [Aa]utonoma|[Dd]ipartimento|[Dd]istretto|[Tt]erritorio|[Ee]mirato|"
          "[Rr]epubblica",
    "pt": "[Rr]egião [Aa]utónoma|[Rr]egião|[Pp]rovíncia|[Pp]eriferia|[Vv]oivodia|"
          "[Gg]overnorado|[Pp]refeitura|[Oo]blast|[Kk]rai|[Cc]antão|[Ee]stado|"
          "[Cc]omunidade [Aa]ut[óô]noma|[Dd]epartamento|[Dd]istrito|[Tt]errit[óo]rio|"
          "[Ee]mirado|[Rr]epública",
    "de": "Autonome Gemeinschaft|Autonome Region|Autonomes Gebiet|Woiwodschaft|Provinz|Region|"
          "Gouvernement|Präfektur|Oblast|Kanton|Bundesstaat|Bundesland|Freistaat|Land|"
          "Departement|Distrikt|Territorium|Emirat|Republik|Verwaltungsregion|Regionalbezirk",
}
_TR_KINDS = (r" (?:Bölgesi|Eyaleti|İli|ili|Voyvodalığı|Valiliği|Oblastı|Krayı|Kantonu|"
             r"Vilayeti|Prefektörlüğü|Özerk Topluluğu|Özerk Bölgesi|Departmanı|İdari Bölgesi)$")
# In es/fr/it/pt the name follows the kind after an article (`Región de Murcia`); without one
# the rest is an adjective (`Región Flamenca`, `Provincia Meridionale`) and stays whole.
# German writes the name right after the kind (`Woiwodschaft Schlesien`).
_PREFIX = {lang: re.compile(rf"^(?:{kinds}) (?:{_ARTICLE[lang]})" + ("?" if lang == "de" else ""))
           for lang, kinds in _KINDS.items()}
_SUFFIX = {"tr": re.compile(_TR_KINDS), "de": re.compile(r"-?(?:Provinz|Region)$")}
_PAREN = re.compile(r"\s*[(（][^()（）]*[)）]$")


def bare(form, lang):
    """The name without the kind of region around it: `Woiwodschaft Niederschlesien` ->
    `Niederschlesien`, `Région du Centre` -> `Centre`, `Tigray Bölgesi` -> `Tigray`,
    `Crète (périphérie)` -> `Crète`."""
    out = _PAREN.sub("", form)
    for _ in range(2):  # "Autonome Gemeinschaft Region Murcia"
        if lang in _PREFIX:
            out = _PREFIX[lang].sub("", out)
    if lang in _SUFFIX:
        out = _SUFFIX[lang].sub("", out)
    return out.strip()


def iso_forms(name):
    """ISO 3166-2's catalogue name as the forms news writes: `Murcia, Región de` -> `Murcia`,
    `Región de Murcia`;
    `Catalunya [Cataluña]` -> `Catalunya`, `Cataluña`; `Wales [Cymru GB-CYM]` -> `Wales`
    (`Cymru`); `Sofia (stolitsa)` -> `Sofia`. The first is the entry's name."""
    name = re.sub(r" \([^)]*\)$", "", name)
    head, _, rest = name.partition(", ")
    head = re.split(r" \[| \(", head, maxsplit=1)[0].strip()
    # A lower-case head is a word of the kind's phrase ("wallonne"), not the name.
    out = [head] if head[:1].isupper() or not rest else []
    if rest:
        # Catalogue order inverted back: "Valenciana, Comunidad" -> "Comunidad Valenciana",
        # "wallonne, Région" -> "Région wallonne".
        out.append(f"{rest} {head}")
    for inner in re.findall(r"\[([^\]]+)\]", name):
        inner = re.sub(r"\s+[A-Z]{2}-[A-Z0-9]+$", "", inner).strip()
        if inner and inner not in out:
            out.append(inner)
    return out


def _plausible(form, lang):
    if not form or any(ch.isdigit() for ch in form) or "," in form:
        return False
    if form.count("(") != form.count(")") or "(" in form:
        return False
    if latin(form):
        letters = sum(ch.isalpha() for ch in form)
        return (letters >= (5 if lang == "tr" else 4) and form[0].isupper()
                and not form.isupper())
    return len(form) >= 2


class Cldr:
    """CLDR subdivision names by ISO 3166-2 code, per language."""

    def __init__(self, words, directory=CLDR_DIR):
        # words: language -> lower-case words of its dictionary (languages.Languages.words).
        self.words = words
        self.names = {}  # (code, lang) -> name
        self.counts = Counter()
        self.examples = {}
        for lang in CLDR_LANGUAGES:
            path = os.path.join(directory, f"{lang}.xml")
            if not os.path.exists(path):
                raise SystemExit(f"{path} missing: run.sh installs unicode-cldr-core")
            with open(path, encoding="utf-8") as f:
                text = f.read()
            # ElementTree drops comments: find the deprecated types in the text.
            deprecated = set(re.findall(
                r'<subdivision type="([a-z0-9]+)"[^>]*>[^<]*</subdivision>\s*<!--\s*deprecated',
                text))
            for el in ET.fromstring(text).iter("subdivision"):
                t = el.get("type")
                if t in deprecated:
                    self.counts[f"{lang}: deprecated (skipped)"] += 1
                    continue
                if el.text:
                    self.names[(t, lang)] = el.text.strip()

    def note(self, kind, example):
        self.counts[kind] += 1
        ex = self.examples.setdefault(kind, [])
        if len(ex) < 10:
            ex.append(example)

    def forms(self, code):
        """[(form, lang, is a lower-case word of lang)] for an ISO 3166-2 code such as
        `DE-BY`: each language's CLDR name and its bare name, in CLDR_LANGUAGES order."""
        key = code.replace("-", "").lower()
        out, seen = [], set()
        for lang in CLDR_LANGUAGES:
            full = self.names.get((key, lang))
            if not full:
                continue
            forms = [full, bare(full, lang)]
            if lang == "de":
                # `Autonome Republik Nachitschewan` -> `Autonomen Republik …` (german.py).
                forms += [g for f in forms[:2] for g in inflected(f)]
            for form in dict.fromkeys(forms):
                if form in seen:
                    continue
                if not _plausible(form, lang):
                    self.note(f"{lang}: not a name (digits, brackets, short, code)",
                              f"{form} ({code})")
                    continue
                seen.add(form)
                words = self.words.get(lang) or set()
                word = latin(form) and form.lower() in words
                out.append((form, lang, word))
        return out
