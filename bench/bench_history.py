"""Import speed of `import-ota-history` on a generated Open Terms Archive versions repository.

A repository of N commits (default 2,000) to ``Example/Terms of Service.md`` is generated with
``git fast-import`` (a ~40 KB terms text, one clause edited per commit, every 10th commit a technical
one, the file renamed halfway). Measured in the same run:

* baseline: reading the history with git alone (``git log --follow`` plus every blob through
  ``git cat-file --batch``), the floor of any git-based import;
* the import into a fresh database (versions per second, wall and CPU), and a re-import (nothing new);
* the database size against the repository's (``.git`` after ``git gc``) and against the raw texts.

    python bench/bench_history.py [--commits N]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tosdiff.models import Document  # noqa: E402
from tosdiff.otahistory import blobs, commits, import_file  # noqa: E402
from tosdiff.store import Store  # noqa: E402

OLD, NEW = "Example/Terms of Use.md", "Example/Terms of Service.md"
WORDS = (
    "service user content licence data account party terms agreement law provider access right use "
    "information notice fee payment termination liability warranty dispute court consent privacy"
).split()


def clause(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(repo: Path, count: int) -> tuple[int, int]:
    """Write the repository with fast-import; return (total text bytes, commits)."""
    rng = random.Random(7)
    sections = [[clause(rng, 40) for _ in range(6)] for _ in range(20)]
    subprocess.run(["git", "init", "-q", "--bare", str(repo)], check=True)
    stream: list[bytes] = []
    total = 0
    t0 = 1_600_000_000
    for i in range(count):
        s, c = rng.randrange(20), rng.randrange(6)
        sections[s][c] = clause(rng, 40)
        lines = ["# Example Terms of Service", ""]
        for k, sec in enumerate(sections, 1):
            lines += [f"## {k}. Section {k}", ""] + [f"{k}.{j} {t}" for j, t in enumerate(sec, 1)] + [""]
        data = "\n\n".join(x for x in lines if x).encode() + b"\n"
        total += len(data)
        path = OLD if i < count // 2 else NEW
        subject = "Apply technical or declaration upgrade on Terms" if i % 10 == 9 else "Record changes"
        msg = subject.encode()
        head = f"commit refs/heads/main\ncommitter Bot <bot@example.org> {t0 + i * 86400} +0000\n"
        stream.append(head.encode() + b"data %d\n" % len(msg) + msg + b"\n")
        if i == count // 2:
            stream.append(f'D "{OLD}"\n'.encode())
        stream.append(f'M 100644 inline "{path}"\n'.encode() + b"data %d\n" % len(data) + data + b"\n")
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", str(repo), "symbolic-ref", "HEAD", "refs/heads/main"], check=True)
    subprocess.run(["git", "-C", str(repo), "gc", "-q"], check=True)
    return total, count


def size(path: Path) -> int:
    return (
        sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
        if path.is_dir()
        else path.stat().st_size
    )


def main() -> int:
    """Generate, measure, print."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--commits", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "example-versions.git"
        raw, n = generate(repo, args.commits)

        w0, c0 = time.perf_counter(), time.process_time()
        found = commits(repo, NEW)
        read = sum(len(b or b"") for _, b in blobs(repo, found))
        base_wall, base_cpu = time.perf_counter() - w0, time.process_time() - c0

        doc = Document(name="example-terms-of-service", url="https://example.org/terms")
        store = Store(Path(tmp) / "tosdiff.db")
        w0, c0 = time.perf_counter(), time.process_time()
        result = import_file(store, doc, repo, NEW)
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        w0 = time.perf_counter()
        again = import_file(store, doc, repo, NEW)
        again_wall = time.perf_counter() - w0
        store.db.execute("VACUUM")
        store.close()
        db = Path(tmp) / "tosdiff.db"
        for suffix in ("-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)

        print(
            f"repository: {n} commits ({len(found)} found following the rename), {raw / 1e6:.1f} MB of text"
        )
        print(
            f"baseline, git log + cat-file only: {base_wall:.2f} s wall, {base_cpu:.2f} s CPU "
            f"({len(found) / base_wall:.0f} commits/s, {read / 1e6:.1f} MB read)"
        )
        print(
            f"import: {result.added} versions ({result.technical} technical, {result.same_text} same text) "
            f"in {wall:.2f} s wall, {cpu:.2f} s CPU: {result.added / wall:.0f} versions/s "
            f"({wall / base_wall:.1f}x the git-only baseline)"
        )
        print(f"re-import: {again.added} new, {again.already} known, {again_wall:.2f} s")
        print(
            f"sizes: database {size(db) / 1e6:.2f} MB, repository (.git after gc) {size(repo) / 1e6:.2f} MB "
            f"({size(db) / size(repo):.2f}x), raw texts {raw / 1e6:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
    raise SystemExit(main())
