#!/usr/bin/env python3
"""No import cycles between the files of src/ (issue 16: a reader can follow any file's
imports downward without coming back).

The graph has an edge from a file to every file whose items it names through `use` or an inline
path (`crate::…`, `super::…`, `child::…`), test modules left out; a module's `mod` declarations
and `pub use` re-exports are not edges (they are the module's table of contents). Prints each
cycle and exits 1 if there is any. Usage: scripts/check-module-cycles.py [src-dir]"""
import os, re, sys
root = sys.argv[1] if len(sys.argv) > 1 else 'src'
files = {}
for d, _, fs in os.walk(root):
    for f in fs:
        if f.endswith('.rs'):
            p = os.path.join(d, f)
            rel = os.path.relpath(p, root)[:-3]
            mod = rel.replace(os.sep, '::')
            if mod in ('lib', 'main'):
                mod = ''
            elif mod.endswith('::mod'):
                mod = mod[:-5]
            files[mod] = p
def resolve(path, cur):
    parts = path.split('::')
    if parts[0] == 'crate':
        base = []
        parts = parts[1:]
    elif parts[0] in ('super', 'self'):
        base = cur.split('::') if cur else []
        while parts and parts[0] in ('super', 'self'):
            if parts[0] == 'super':
                base = base[:-1]
            parts = parts[1:]
    else:
        return None
    full = base + parts
    for i in range(len(full), -1, -1):
        m = '::'.join(full[:i])
        if m in files:
            return m
    return None
edges = {m: set() for m in files}
for m, p in files.items():
    src = open(p).read()
    src = src.split('#[cfg(test)]')[0]
    for line in src.split('\n'):
        s = line.strip()
        if s.startswith('pub use') or s.startswith('pub(crate) use') or s.startswith('//') or s.startswith('mod ') or s.startswith('pub mod') or s.startswith('pub(crate) mod'):
            continue
        for mm in re.finditer(r'\b((?:crate|super|self)(?:::\w+)+)', s):
            t = resolve(mm.group(1), m)
            if t is not None and t != m:
                edges[m].add(t)
        for mm in re.finditer(r'(?<![:\w])(\w+)::\w+', s):
            child = (m + '::' if m else '') + mm.group(1)
            if child in files and child != m:
                edges[m].add(child)
    # use super::{a, b} groups
    for mm in re.finditer(r'^\s*use ((?:crate|super)(?:::\w+)*)::\{([^}]*)\}', src, re.M):
        for name in mm.group(2).split(','):
            name = name.strip().split(' ')[0]
            if name and name != 'self':
                t = resolve(mm.group(1) + '::' + name, m)
                if t is not None and t != m:
                    edges[m].add(t)
# Tarjan
idx = {}; low = {}; st = []; on = set(); out = []; c = [0]
sys.setrecursionlimit(10000)
def sc(v):
    idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
    for w in edges[v]:
        if w not in idx:
            sc(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: out.append(sorted(comp))
for v in edges:
    if v not in idx: sc(v)
for comp in out:
    print('cycle:', ' <-> '.join(x or 'lib' for x in comp))
print(len(out), 'import cycles between files in', root)
sys.exit(1 if out else 0)
