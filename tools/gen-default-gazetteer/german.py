"""Inflected forms of German multi-word place names, which German news writes after articles
and prepositions: `die Vereinigten Staaten`, `der Tschechischen Republik`, `in den Vereinigten
Arabischen Emiraten`, `im Vereinigten Königreich`.

The leading adjectives take the weak ending `-en` (`Vereinigte`, `Vereinigtes`, `Indischer` ->
`Vereinigten`, `Indischen`); where the name is plural (an adjective in `-e` before a noun in `-e`:
`Vereinigte Arabische Emirate`) the noun also takes the dative plural `-n` (`Emiraten`), and the
form with the noun unchanged (genitive `der Vereinigten Arabischen Emirate`) is kept too. A name
with no leading adjective (`Bosnien und Herzegowina`, `Republik Kongo`) has none. A word is an
adjective when Debian `wngerman` has it in lower case in both the `-e` and the `-en` form
(German writes adjectives in lower case and lists every declined form): CLDR's German names of regions are often local names (`Entre Ríos`, `Prince
Edward Island`), whose `-e` words are not German.

>>> inflected("Vereinigte Arabische Emirate")
['Vereinigten Arabischen Emirate', 'Vereinigten Arabischen Emiraten']
>>> inflected("Tschechische Republik")
['Tschechischen Republik']
>>> inflected("Vereinigtes Königreich")
['Vereinigten Königreich']
>>> inflected("Republik Kongo")
[]
>>> inflected("Entre Ríos")
[]
"""

import functools
import re

# A declined adjective: a capitalised word ending in -e, -es or -er (`Vereinigte`, `Neues`,
# `Indischer`). Leading nouns end otherwise (`Republik`, `Sankt`, `Kap`, `Bosnien`).
_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß-]{2,})(e|es|er)$")
GERMAN_WORDS = "/usr/share/dict/ngerman"


@functools.cache
def _lowercase_words():
    with open(GERMAN_WORDS, encoding="utf-8", errors="replace") as f:
        return {w for w in (line.strip() for line in f) if w and w == w.lower()}


def inflected(name):
    """The weak-inflected forms of a German name with leading adjectives, or []."""
    words = name.split(" ")
    if len(words) < 2:
        return []
    out, plural = [], False
    i = 0
    while i < len(words) - 1:
        m = _ADJECTIVE.match(words[i])
        stem = m.group(1).lower() if m else ""
        if not m or not {stem + "e", stem + "en"} <= _lowercase_words():
            break
        plural = plural or m.group(2) == "e"
        words[i] = m.group(1) + "en"
        i += 1
    if i == 0:
        return []
    out.append(" ".join(words))
    noun = words[i]
    if plural and noun.endswith("e") and noun[:1].isupper():
        out.append(" ".join(words[:i] + [noun + "n"] + words[i + 1:]))
    return out


# Names ending so take no `-s` in the genitive: `Paris'`, and feminine names (`der Türkei`,
# `der Schweiz`, `der Ukraine`).
_NO_GENITIVE_S = ("s", "ß", "x", "z", "e", "ei")


def genitive(name):
    """The genitive of a one-word German place name, which German news writes without an
    article (`Israels Armee`, `Österreichs Regierung`, `Jerusalems Altstadt`), or None.

    >>> genitive("Israel"), genitive("Türkei"), genitive("Paris"), genitive("Vereinigte Staaten")
    ('Israels', None, None, None)
    """
    if " " in name or "-" in name or not name[:1].isupper() or name.endswith(_NO_GENITIVE_S):
        return None
    return name + "s"

