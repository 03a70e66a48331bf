#!/usr/bin/env python3
"""The server's build and `cargo test -p server` must share one compiled `app`.

They do only when both resolve every shared crate with the same features. Building tests turns
on the dev-dependencies' features too (reqwest's hyper client, for one), and a crate built with
other features is another crate: everything above it, `app` included, is compiled twice (in
release that was about 7 minutes of every `make test`). This lists every crate whose
features differ; server/Cargo.toml names them.
"""
import subprocess
import sys


def features(edges):
    """Each crate of the server's graph and the feature sets it is built with."""
    out = subprocess.run(
        ["cargo", "tree", "-p", "server", "-e", edges, "--prefix", "none", "-f", "{p}|{f}"],
        check=True, capture_output=True, text=True,
    ).stdout
    crates = {}
    for line in out.splitlines():
        if "|" not in line:
            continue
        crate, feats = line.split("|", 1)
        crates.setdefault(crate.strip(), set()).add(feats.replace(" (*)", "").strip())
    return crates


build = features("normal,build")
tests = features("normal,build,dev")
differ = [
    f"  {crate}: built with [{' / '.join(sorted(build[crate]))}], "
    f"tested with [{' / '.join(sorted(tests[crate]))}]"
    for crate in sorted(build)
    if crate in tests and build[crate] != tests[crate]
]
if differ:
    print("The tests' dev-dependencies change features of crates the server shares; name them in")
    print("server/Cargo.toml too, or every `make test` compiles `app` twice (dev server, tests):")
    print("\n".join(differ))
    sys.exit(1)
