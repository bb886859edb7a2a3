"""`tosdiff export`: take a document's versions out of the database as Markdown, JSON or a git history.

The git form mirrors Open Terms Archive's "versions" repositories: one commit per version, dated
when tosdiff recorded it, so ``git log -p``, ``git blame`` and any git host's history view work on
terms. Exporting again into the same repository only adds the versions recorded since.

The repository may be the user's own: tosdiff commits only the file it writes (a path-limited
commit, so whatever the user staged stays staged and uncommitted), never writes through a symbolic
link, and refuses a document name that is not a plain file name.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Any

from tosdiff.errors import TosdiffError
from tosdiff.sanitize import plural
from tosdiff.schema import name_problem
from tosdiff.store import Store

FORMATS = ("markdown", "json", "git")
GIT_AUTHOR = ("tosdiff", "tosdiff@localhost")
TRAILER = "Tosdiff-Version"


class ExportError(TosdiffError):
    """The export cannot be written (unknown document, git missing or failing, foreign repository)."""


def write_file(path: Path, data: str | bytes) -> None:
    """Create or replace the regular file `path`, refusing to follow a symbolic link there.

    Export and report folders may hold links someone else planted (``acme.md -> ~/.bashrc``):
    O_NOFOLLOW makes the open itself fail on a link, with no window between a check and the write.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    except OSError as e:
        if path.is_symlink():
            raise ExportError(f"{path} is a symbolic link: refusing to write through it") from None
        raise ExportError(f"{path}: cannot write: {e.strerror}") from None
    with os.fdopen(fd, "wb") as f:
        f.write(raw)


def _document_row(store: Store, name: str) -> dict[str, Any]:
    # The name becomes a file name: one from an older database must not escape or collide.
    problem = name_problem(name)
    if problem:
        raise ExportError(f"cannot export {name!r}: {problem}")
    row = store.document(name)
    if row is None or not store.versions(name, limit=1):
        raise ExportError(f"no versions recorded for {name!r} in {store.path}")
    return dict(row)


def _versions(store: Store, name: str, after: int = 0) -> list[dict[str, Any]]:
    out = []
    for v in store.versions(name):
        if v["version"] > after:
            v = dict(v)
            v["text"] = store.text(v["text_hash"])
            out.append(v)
    return out


def _one_line(value: str) -> str:
    """`value` on one line: a title holding a newline must not forge a trailer in a commit message."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]", " ", value).split())


def _epoch(iso: str) -> int:
    """Seconds since the epoch of a stored ISO timestamp ('...Z', fractional seconds allowed)."""
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp())


def export_markdown(store: Store, name: str, out: Path) -> list[Path]:
    """One Markdown file per version (`<name>-v0001.md`), with a comment header of its metadata."""
    doc = _document_row(store, name)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for v in _versions(store, name):
        path = out / f"{name}-v{v['version']:04d}.md"
        # An HTML comment keeps the metadata out of rendered Markdown yet easy to grep.
        meta = {
            "document": name,
            "url": doc["url"],
            "version": v["version"],
            "recorded_at": v["recorded_at"],
            "kind": v["kind"],
            "sha256": v["text_hash"],
        }
        header = "<!-- tosdiff " + json.dumps(meta, ensure_ascii=False).replace("--", "- -") + " -->\n\n"
        write_file(path, header + v["text"])
        written.append(path)
    return written


def export_json(store: Store, name: str, out: Path) -> Path:
    """`<name>.json`: the document's metadata and every version with its text."""
    doc = _document_row(store, name)
    out.mkdir(parents=True, exist_ok=True)
    data = {
        "document": doc,
        "versions": [
            {
                "version": v["version"],
                "recorded_at": v["recorded_at"],
                "kind": v["kind"],
                "reverted_to": v["reverted_to"],
                "technical": bool(v["technical"]),
                "summary": v["summary"],
                "sha256": v["text_hash"],
                "extractor_version": v["extractor_version"],
                "text": v["text"],
            }
            for v in _versions(store, name)
        ],
    }
    path = out / f"{name}.json"
    write_file(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    return path


def _git(repo: Path, *args: str, env: dict[str, str] | None = None, input: bytes | None = None) -> str:
    base = dict(os.environ)
    # Never let the user's global config (signing, hooks, templates) change or block the export.
    base.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_TERMINAL_PROMPT": "0"})
    base.update(env or {})
    try:
        proc = subprocess.run(
            ["git", "-C", str(repo), *args], capture_output=True, env=base, input=input, check=False
        )
    except FileNotFoundError:
        raise ExportError("git is not installed (needed for --format git)") from None
    if proc.returncode != 0:
        raise ExportError(f"git {args[0]} failed: {proc.stderr.decode(errors='replace').strip()}")
    return proc.stdout.decode("utf-8", errors="replace")


def _last_exported(repo: Path, name: str) -> int:
    """The newest version of `name` already committed to `repo` (0 when none)."""
    if not (repo / ".git").exists():
        return 0
    try:
        log = _git(repo, "log", "--format=%B%x00")
    except ExportError:
        return 0  # a repository without commits yet
    numbers = [
        int(m.group(2)) for m in re.finditer(rf"^{TRAILER}: (.+) v(\d+)$", log, re.M) if m.group(1) == name
    ]
    return max(numbers, default=0)


def export_git(store: Store, name: str, repo: Path) -> int:
    """Commit each version not yet in `repo` as `<name>.md`, dated when recorded; return commits made."""
    doc = _document_row(store, name)
    repo.mkdir(parents=True, exist_ok=True)
    if not (repo / ".git").exists():
        if any(repo.iterdir()):
            raise ExportError(f"{repo} is not empty and not a git repository: choose another folder")
        _git(repo, "init", "-q", "-b", "main")
    after = _last_exported(repo, name)
    path = repo / f"{name}.md"
    made = 0
    for v in _versions(store, name, after):
        write_file(path, v["text"])
        # Staging our one file is what makes a new file known to git; the commit below is limited to it.
        _git(repo, "add", "--", path.name)
        when = f"@{_epoch(v['recorded_at'])} +0000"
        env = {
            "GIT_AUTHOR_NAME": GIT_AUTHOR[0],
            "GIT_AUTHOR_EMAIL": GIT_AUTHOR[1],
            "GIT_COMMITTER_NAME": GIT_AUTHOR[0],
            "GIT_COMMITTER_EMAIL": GIT_AUTHOR[1],
            "GIT_AUTHOR_DATE": when,
            "GIT_COMMITTER_DATE": when,
        }
        verb = {"new": "Record", "reverted": "Revert"}.get(v["kind"], "Update")
        title = _one_line(doc["title"] or name)
        message = f"{verb} {title}\n\n"
        if v["summary"]:
            message += f"Changed sections: {_one_line(v['summary'])}\n"
        message += (
            f"Source: {_one_line(doc['url'])}\nRecorded-At: {v['recorded_at']}\n"
            f"{TRAILER}: {name} v{v['version']}\n"
        )
        # The message goes through stdin: document titles are untrusted and never reach argv parsing.
        # `--only -- <file>` commits that file alone: what the user staged stays staged, not committed.
        _git(
            repo,
            "commit",
            "-q",
            "--allow-empty",
            "--no-verify",
            "-F",
            "-",
            "--only",
            "--",
            path.name,
            env=env,
            input=message.encode(),
        )
        made += 1
    return made


def export_document(store: Store, name: str, fmt: str, out: Path) -> str:
    """Export one document in `fmt` (markdown | json | git) into `out`; return a one-line summary."""
    try:
        return _export(store, name, fmt, out)
    except OSError as e:
        # A read-only folder, a file where the folder should be, a full disk: one line, no traceback.
        raise ExportError(f"{e.filename or out}: cannot write the export: {e.strerror or e}") from None


def _export(store: Store, name: str, fmt: str, out: Path) -> str:
    if fmt == "markdown":
        files = export_markdown(store, name, out)
        return f"wrote {plural(len(files), 'Markdown file')} to {out}"
    if fmt == "json":
        path = export_json(store, name, out)
        return f"wrote {path}"
    if fmt == "git":
        made = export_git(store, name, out)
        return f"committed {plural(made, 'new version')} to the git repository {out}"
    raise ExportError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
