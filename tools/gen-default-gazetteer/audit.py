"""An audit of the generated entries: names that one entity's reading takes from another.
Printed by run.sh; each finding is either fixed at its cause in generate.py (the demonym
"U.S." of the US Virgin Islands, subdivisions above their own city, curated regions below a
province) or listed here as what remains, with counts."""

from collections import defaultdict


def forms(e):
    return [e["name"]] + [a["text"] if isinstance(a, dict) else a for a in e.get("aliases", [])]


def audit(entries):
    by_form = defaultdict(list)
    names = defaultdict(list)
    for e in entries:
        for f in forms(e):
            by_form[f].append(e)
        names[e["name"]].append(e)

    def feature(e):
        return e.get("attributes", {}).get("feature", e["type"])

    findings = defaultdict(list)
    for f, es in sorted(by_form.items()):
        types = {e["type"] for e in es}
        if "NORP" in types and len(types) > 1:
            findings["demonym shared with a place or organisation"].append(f)
        for e in es:
            if f != e["name"] and any(o is not e for o in names.get(f, [])):
                other = next(o for o in names[f] if o is not e)
                if e["type"] != other["type"] or e["type"] != "LOCATION":
                    findings["alias equal to another type's main name"].append(
                        f"{f} ({e['id']} / {other['id']})")
        places = [e for e in es if e["type"] == "LOCATION"]
        best = max(places, key=lambda e: e.get("prior", 0), default=None)
        for e in places:
            a = e.get("attributes", {})
            if feature(e) == "region" and "subdivision_type" in a:
                city = [o for o in places if feature(o) == "city"
                        and o["attributes"].get("country_code") == a.get("country_code")]
                if city and e.get("prior", 0) >= max(o["prior"] for o in city):
                    findings["subdivision above its own city"].append(f"{f} ({e['id']})")
            if e["id"].startswith("region:") and best is not e:
                findings["curated region below another place"].append(
                    f"{f} ({e['id']} < {best['id']})")
    print("\naudit (what remains after the fixes):")
    for kind in ["demonym shared with a place or organisation",
                 "alias equal to another type's main name",
                 "subdivision above its own city", "curated region below another place"]:
        found = findings.get(kind, [])
        print(f"  {kind}: {len(found)}" + (f", e.g. {', '.join(found[:10])}" if found else ""))
