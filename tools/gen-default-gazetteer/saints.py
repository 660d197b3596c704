"""Saint names in the three spellings news uses: `Saint Petersburg`, `St. Petersburg` (US
style) and `St Petersburg` (British style, no dot); `Sainte`/`Ste.`/`Ste` alike. Sources give
one or two of them; every place form beginning with one gets the others. Hyphenated French
names (`Saint-Étienne`) are written with the hyphen in news and are left alone."""

import re
from collections import Counter

SPELLINGS = {
    "Saint": ("Saint", "St.", "St"),
    "Sainte": ("Sainte", "Ste.", "Ste"),
}
PREFIX = re.compile(r"^(Saint|St\.|St|Sainte|Ste\.|Ste) (\S.*)$")
FAMILY = {"Saint": "Saint", "St.": "Saint", "St": "Saint",
          "Sainte": "Sainte", "Ste.": "Sainte", "Ste": "Sainte"}


def variants(form):
    """The other spellings of a saint's name: `St Louis` -> `Saint Louis`, `St. Louis`."""
    m = PREFIX.match(form)
    if not m:
        return []
    return [f"{p} {m.group(2)}" for p in SPELLINGS[FAMILY[m.group(1)]] if p != m.group(1)]


def saint_variants(entries):
    """Adds the missing spellings to every LOCATION entry, with the form's own case policy,
    and to the same gate (`gate_word`, `gate_name`) as the form they come from. Prints the
    count."""
    counts = Counter()
    for e in entries:
        if e["type"] != "LOCATION":
            continue
        forms = [e["name"]] + e.get("aliases", [])
        have = {f["text"] if isinstance(f, dict) else f for f in forms}
        attrs = e.get("attributes", {})
        gates = {k: attrs[k].split("|") for k in ("gate_word", "gate_name") if k in attrs}
        added = []
        for f in forms:
            text = f["text"] if isinstance(f, dict) else f
            for v in variants(text):
                if v in have:
                    continue
                have.add(v)
                added.append(dict(f, text=v) if isinstance(f, dict) else v)
                counts[v.split(" ", 1)[0]] += 1
                for k, gated in gates.items():
                    if text in gated:
                        gated.append(v)
        if added:
            e["aliases"] = e.get("aliases", []) + added
            for k, gated in gates.items():
                attrs[k] = "|".join(gated)
            counts["entries"] += 1
    print(f"\nsaint names (saints.py): {sum(n for k, n in counts.items() if k != 'entries')} "
          f"spellings added to {counts['entries']} places: "
          + ", ".join(f"{k} {n}" for k, n in sorted(counts.items()) if k != "entries"))
    return entries
