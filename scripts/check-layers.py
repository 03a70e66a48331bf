#!/usr/bin/env python3
"""Reads the `use` paths of every Rust file in app/src and server/src and fails when
two files import each other (directly or around a longer circle), or when a layer of an
area points up: ui -> api -> access -> db -> domain -> types, and never from a lower
layer to a higher one (of its own area or another's).

How it reads a file: every `crate::a::b::c` and `super::…` path (in `use` lines and in
code), resolved to the longest prefix that is a file of the crate. Test modules
(`#[cfg(test)] mod tests { … }` at the end of a file) are left out: a test may use
anything."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

# Lower number = lower layer. A file's layer is read from its name within its area.
LAYERS = {"types": 0, "domain": 1, "db": 2, "access": 3, "api": 4, "ui": 5}


def layer_of(module):
    """The layer of a module path like ('calendar', 'domain', 'lunar'): the first part
    after the area that names a layer, or a file named `<something>_<layer>`."""
    for part in module[1:]:
        base = part.split("_")[-1]
        if part in LAYERS:
            return LAYERS[part]
        if base in LAYERS:
            return LAYERS[base]
    return None


def modules_of(src):
    mods = {}
    for dirpath, _, files in os.walk(src):
        for name in files:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib", "main"):
                rel = rel[:-1]
            mods[tuple(rel)] = path
    return mods


def strip_tests(text):
    at = text.find("#[cfg(test)]\nmod tests")
    return text if at < 0 else text[:at]


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def inline_modules(text):
    """(start, end, name) of every `mod name { … }` written inside a file."""
    spans = []
    for m in re.finditer(r"\bmod\s+(\w+)\s*\{", text):
        depth, i = 0, m.end() - 1
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        spans.append((m.end(), i, m.group(1)))
    return spans


def expand_use_groups(text):
    """`use a::{b, c::{d, e}}` becomes paths a::b, a::c::d, a::c::e (enough for resolution),
    each with the match of its `use` line."""
    out = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        stack = [m.group(1).replace("\n", " ")]
        while stack:
            item = stack.pop().strip()
            g = item.find("{")
            if g < 0:
                out.append((m, item.split(" as ")[0].strip()))
                continue
            prefix, inner = item[:g], item[g + 1 : item.rfind("}")]
            depth, start = 0, 0
            for i, ch in enumerate(inner + ","):
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                elif ch == "," and depth == 0:
                    part = inner[start:i].strip()
                    if part:
                        stack.append(prefix + part)
                    start = i + 1
    return out


def resolve(path, here, mods, is_dir_module):
    parts = [p for p in path.split("::") if p]
    if not parts:
        return None
    if parts[0] == "crate":
        base, rest = (), parts[1:]
    elif parts[0] in ("super", "self"):
        # `self` is the file's own module (a/b.rs and a/b/mod.rs alike); each `super` is
        # one level up from it.
        base, rest = here, parts
        while rest and rest[0] in ("super", "self"):
            if rest[0] == "super":
                base = base[:-1]
            rest = rest[1:]
    else:
        return None
    full = tuple(base) + tuple(rest)
    for n in range(len(full), -1, -1):
        if full[:n] in mods:
            return full[:n]
    return None


def graph(src):
    mods = modules_of(src)
    edges = {m: set() for m in mods}
    for mod, path in mods.items():
        text = strip_comments(strip_tests(open(path, encoding="utf-8").read()))
        is_dir = os.path.basename(path) in ("mod.rs", "lib.rs", "main.rs")
        spans = inline_modules(text)

        def module_at(pos):
            # Inside `mod server { … }` of a file, `super` is the file's own module.
            return mod + tuple(name for (a, b, name) in spans if a <= pos < b)

        paths = [(m.start(), p) for m, p in expand_use_groups(text)]
        paths += [(m.start(), m.group(1)) for m in re.finditer(r"\b((?:crate|super)(?:::\w+)+)", text)]
        for pos, p in paths:
            target = resolve(p, module_at(pos), mods, is_dir)
            if target is None or target == mod:
                continue
            # A parent module (mod.rs) only declares its children; pointing into one's own
            # ancestors' mod.rs for a re-export is still an edge.
            edges[mod].add(target)
    return mods, edges


def cycles(edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
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
                out.append(comp)

    sys.setrecursionlimit(10000)
    for v in edges:
        if v not in index:
            visit(v)
    return out


def name(m):
    return "::".join(m) or "crate"


def main():
    failed = False
    for crate in ("app/src", "server/src"):
        src = os.path.join(ROOT, crate)
        mods, edges = graph(src)
        for comp in cycles(edges):
            failed = True
            print(f"{crate}: import cycle between " + ", ".join(sorted(name(m) for m in comp)))
        for m, targets in sorted(edges.items()):
            lm = layer_of(m)
            if lm is None:
                continue
            for t in sorted(targets):
                lt = layer_of(t)
                if lt is not None and lt > lm:
                    failed = True
                    print(f"{crate}: {name(m)} (a lower layer) uses {name(t)}")
        print(f"{crate}: {len(mods)} files, {sum(len(e) for e in edges.values())} imports between them")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
