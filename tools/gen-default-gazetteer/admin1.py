"""GeoNames admin1 codes of cities translated to ISO 3166-2 suffixes, so that a city and its
first-level region carry the same region key (`country_code`, `admin1`).

GeoNames gives cities its own admin1 codes (FIPS 10-4 heritage: Melbourne `AU` `07`, Mérida
`ES` `57`); regions come from ISO 3166-2 (pycountry, CLDR) with ISO suffixes (`AU-VIC` ->
`VIC`, `ES-EX` -> `EX`). Only the US agreed (GeoNames uses postal codes there). ISO suffixes are
the shared key because CLDR and iso-codes use them.

Source: npm `iso3166-2-db` (MIT, esosedi/3166), whose `data/iso3166-2.json` lists each
country's regions with the ISO suffix (`iso`) and GeoNames' admin1 code (`admin`). Its ISO
codes predate a few renumberings (China's `54` became `CN-XZ` in 2017), so a code is taken only
if it is a first-level code of pycountry's ISO 3166-2; otherwise the region is matched by name
(its English, GeoNames and translated names against pycountry's and CLDR's names of the
country's first-level regions; a unique match only). Where neither gives a code, GeoNames' code
is kept (counted in the report).

>>> norm("Castilla-La Mancha") == norm("Castilla–la Mancha")
True
"""

import json
import re
import unicodedata
from collections import Counter, defaultdict

from subdivisions import iso_forms


def norm(s):
    """A name folded for matching: no diacritics, lower-case, letters and digits only (of any
    script: `青海省` stays)."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return re.sub(r"[\W_]+", "", s.lower())


class Admin1:
    """(country_code, GeoNames admin1) -> ISO 3166-2 suffix, with coverage counts."""

    def __init__(self, db_json, subdivisions, cldr_names):
        # subdivisions: all of pycountry's; cldr_names: (cldr key, lang) -> name. Any ISO code
        # is taken (Indonesia's provinces are second-level under ISO's island groups: no
        # region entry, but the right key); names are matched among first-level ones.
        valid = {s.code for s in subdivisions}
        first = {s.code: s for s in subdivisions if s.parent_code is None}
        names = defaultdict(lambda: defaultdict(set))  # cc -> folded name -> ISO codes
        for s in first.values():
            forms = iso_forms(s.name)
            key = s.code.replace("-", "").lower()
            forms += [n for (k, _), n in cldr_names.items() if k == key]
            for f in forms:
                if norm(f):
                    names[s.country_code][norm(f)].add(s.code)
        with open(db_json, encoding="utf-8") as f:
            db = json.load(f)
        self.map = {}
        self.how = Counter()
        self.unmapped_regions = []
        for cc, country in sorted(db.items()):
            for r in country.get("regions", []):
                admin = r.get("admin")
                if not admin:
                    continue
                code = f"{cc}-{r.get('iso')}"
                if code in valid:
                    self.map[(cc, admin)] = r["iso"]
                    self.how["by code"] += 1
                    continue
                forms = [r.get("name", "")] + list(r.get("names", {}).values())
                hits = {c for f in forms if norm(f) for c in names[cc].get(norm(f), ())}
                if len(hits) == 1:
                    self.map[(cc, admin)] = hits.pop().split("-", 1)[1]
                    self.how["by name"] += 1
                else:
                    self.how["no ISO first-level match"] += 1
                    self.unmapped_regions.append(f"{cc} {admin} {r.get('name')}")
        self.cities = Counter()
        self.cities_mapped = Counter()

    def iso(self, cc, admin1):
        """The ISO suffix of a GeoNames admin1 code, or the GeoNames code if none is known."""
        self.cities[cc] += 1
        iso = self.map.get((cc, admin1)) if admin1 else None
        if iso is None:
            return admin1
        self.cities_mapped[cc] += 1
        return iso

    def report(self):
        total, mapped = sum(self.cities.values()), sum(self.cities_mapped.values())
        print(f"\nadmin1 -> ISO 3166-2 (admin1.py): {len(self.map)} GeoNames codes mapped "
              f"({', '.join(f'{k} {v}' for k, v in sorted(self.how.items()))}); "
              f"places with a mapped admin1: {mapped} of {total} "
              f"({100 * mapped / max(total, 1):.1f}%)")
        worst = sorted(((self.cities_mapped[cc] / n, -n, cc) for cc, n in self.cities.items()
                        if n >= 20 and self.cities_mapped[cc] < n))[:15]
        print("  least covered countries (places mapped / places): "
              + ", ".join(f"{cc} {self.cities_mapped[cc]}/{-n}" for _, n, cc in worst))
        print(f"  db regions with no first-level ISO code: {len(self.unmapped_regions)}, e.g. "
              + ", ".join(self.unmapped_regions[:12]))
