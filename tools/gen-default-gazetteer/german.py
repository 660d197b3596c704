"""Inflected forms of German multi-word place names, which German news writes after articles
and prepositions: `die Vereinigten Staaten`, `der Tschechischen Republik`, `in den Vereinigten
Arabischen Emiraten`, `im Vereinigten Königreich`.

The leading adjectives take the weak ending `-en` (`Vereinigte`, `Vereinigtes`, `Indischer` ->
`Vereinigten`, `Indischen`); where the name is plural (an adjective in `-e` before a noun in `-e`:
`Vereinigte Arabische Emirate`) the noun also takes the dative plural `-n` (`Emiraten`), and the
form with the noun unchanged (genitive `der Vereinigten Arabischen Emirate`) is kept too. A name
with no leading adjective (`Bosnien und Herzegowina`, `Republik Kongo`) has none.

>>> inflected("Vereinigte Arabische Emirate")
['Vereinigten Arabischen Emirate', 'Vereinigten Arabischen Emiraten']
>>> inflected("Tschechische Republik")
['Tschechischen Republik']
>>> inflected("Vereinigtes Königreich")
['Vereinigten Königreich']
>>> inflected("Republik Kongo")
[]
"""

import re

# A declined adjective: a capitalised word ending in -e, -es or -er (`Vereinigte`, `Neues`,
# `Indischer`). Leading nouns end otherwise (`Republik`, `Sankt`, `Kap`, `Bosnien`).
_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][a-zäöüß-]{2,})(e|es|er)$")


def inflected(name):
    """The weak-inflected forms of a German name with leading adjectives, or []."""
    words = name.split(" ")
    if len(words) < 2:
        return []
    out, plural = [], False
    i = 0
    while i < len(words) - 1:
        m = _ADJECTIVE.match(words[i])
        if not m:
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
