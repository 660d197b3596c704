#!/usr/bin/env python3
"""No import cycles between the files of src/ (issue 16: a reader can follow any file's imports
downward without coming back).

The graph has an edge from a file to the file that DEFINES each item it names through `use` or
an inline path (`crate::…`, `super::…`, `child::…`), test modules left out. Re-exports (`pub use`)
are followed to the defining file and are not edges themselves, and `mod` declarations are not
edges: a module file that lists its children is their table of contents, not a dependency.
Prints each cycle and exits 1 if there is any. Usage: scripts/check-module-cycles.py [src-dir]
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "src"
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith(".rs"):
            rel = os.path.relpath(os.path.join(d, f), root)[:-3]
            mod = rel.replace(os.sep, "::")
            mod = "" if mod in ("lib", "main") else mod[:-5] if mod.endswith("::mod") else mod
            files[mod] = os.path.join(d, f)

code = {m: open(p).read().split("#[cfg(test)]")[0] for m, p in files.items()}
USE = re.compile(r"^\s*(pub(?:\([\w:]+\))?\s+)?use\s+([^;]+);", re.M)


def use_paths(tree):
    """`a::{b, c::{d as e}}` -> [("a::b", "b"), ("a::c::d", "e")]."""
    tree = re.sub(r"\s+", " ", tree).strip()
    m = re.match(r"^(.*?)::\{(.*)\}$", tree)
    if not m:
        name = tree.split(" as ")[-1].split("::")[-1].strip()
        return [(tree.split(" as ")[0].strip(), name)]
    prefix, inner = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in inner:
        depth += ch == "{"
        depth -= ch == "}"
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        p = p.strip()
        if p and p != "self":
            out += [(prefix + "::" + q, n) for q, n in use_paths(p)]
    return out


reexports = {m: {} for m in files}
for m, src in code.items():
    for mm in USE.finditer(src):
        if mm.group(1):
            for path, name in use_paths(mm.group(2)):
                reexports[m][name] = path


def base_of(path, cur):
    parts = path.split("::")
    if parts[0] == "crate":
        return [], parts[1:]
    if parts[0] in ("super", "self"):
        base = cur.split("::") if cur else []
        while parts and parts[0] in ("super", "self"):
            if parts[0] == "super":
                base = base[:-1]
            parts = parts[1:]
        return base, parts
    child = (cur + "::" if cur else "") + parts[0]
    if child in files:
        return (cur.split("::") if cur else []), parts
    return None, None


def resolve(path, cur, seen=()):
    base, parts = base_of(path, cur)
    if base is None:
        return None
    full = base + parts
    for i in range(len(full), -1, -1):
        m = "::".join(full[:i])
        if m in files:
            rest = full[i:]
            if rest and rest[0] in reexports[m] and (m, rest[0]) not in seen:
                target = resolve(reexports[m][rest[0]], m, seen + ((m, rest[0]),))
                return target if target is not None else m
            return m
    return None


edges = {m: set() for m in files}
for m, src in code.items():
    named = []
    for mm in USE.finditer(src):
        if not mm.group(1):
            named += [p for p, _ in use_paths(mm.group(2))]
    body = USE.sub("", src)
    body = "\n".join(l for l in body.split("\n") if not l.strip().startswith("//"))
    named += re.findall(r"(?<![\w:])((?:crate|super|self|[a-z_]\w*)(?:::\w+)+)", body)
    for path in named:
        t = resolve(path, m)
        if t is not None and t != m:
            edges[m].add(t)

sys.setrecursionlimit(10000)
index, low, stack, on, cycles, counter = {}, {}, [], set(), [], [0]


def strong(v):
    index[v] = low[v] = counter[0]
    counter[0] += 1
    stack.append(v)
    on.add(v)
    for w in edges[v]:
        if w not in index:
            strong(w)
            low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop()
            on.discard(w)
            comp.append(w)
            if w == v:
                break
        if len(comp) > 1:
            cycles.append(sorted(comp))


for v in edges:
    if v not in index:
        strong(v)
for comp in cycles:
    print("cycle:", " <-> ".join(x or "lib" for x in comp))
print(len(cycles), "import cycles between files in", root)
sys.exit(1 if cycles else 0)
