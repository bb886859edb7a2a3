"""`tosdiff import-ota-history`: an Open Terms Archive versions repository -> a document's past versions.

Open Terms Archive keeps every recorded version of a service's terms as commits to ``<Service>/<Type>.md``
in a git repository (``OpenTermsArchive/contrib-versions`` and its siblings). Each commit that touched
the file (renames followed) becomes a version of the configured document ``import-ota`` names for that
service and type, dated by the commit date, kind ``imported``, with ``git:<commit id>`` as its
`source_ref`. Commits whose subject says they only re-rendered the terms ("Apply technical or
declaration upgrade", "Refilter") are technical versions: kept, never alerted, not counted as changes.

The text is the one tosdiff's own extractor gives for the Markdown (with the document's ``ignore``
patterns), after `ota_markdown` has rewritten turndown's forms (``*`` bullets, emphasis marks,
escapes, link query strings) into those a fetched page's text has, so imported and fetched versions
compare like with like. Git is read with the ``git``
command only (``git log --follow``, ``git cat-file --batch``), never by parsing ``.git``. The
repository is untrusted: commit subjects are shown cleaned, blobs are bounded, and nothing is run but
``git`` with fixed arguments. Nothing here alerts: versions are written straight to the store.
"""

from __future__ import annotations

import bisect
import re
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from tosdiff import extract as extract_mod
from tosdiff.diff import change_summary, diff_sections
from tosdiff.errors import ConfigError, TosdiffError
from tosdiff.extract.links import clean_url
from tosdiff.models import Document, Section
from tosdiff.ota import document_name
from tosdiff.sanitize import one_line
from tosdiff.sections import parse_sections
from tosdiff.store import Store, sha256
from tosdiff.work import fingerprint

IMPORTED = "imported"  # the kind of every imported version
TECHNICAL_SUBJECTS = ("Apply technical or declaration upgrade", "Refilter")
REF_PREFIX = "git:"
MAX_BLOB = 20 * 1024 * 1024  # bytes of one version's Markdown: terms are never near this
MARKDOWN = "text/markdown; charset=utf-8"


# Open Terms Archive writes its versions with turndown: `*   ` bullets indented 4 spaces a level,
# `**strong**` and `_em_` marks, backslash escapes (`1\. Scope`), links with their query strings.
# tosdiff's contract (tosdiff.models) has `- ` bullets indented 2 spaces a level, no emphasis marks, no
# escapes and cleaned link targets; these rewrite the former into the latter before extraction.
_HR_RE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_BULLET_RE = re.compile(r"^(\s*)[*+-]\s+(?=\S)")
_ORDERED_RE = re.compile(r"^(\s+)(\d+[.)]\s+)(?=\S)")
_STRONG_RE = re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=\S)(?<!\\)\1")
_EM_STAR_RE = re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])")
_EM_UNDER_RE = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?!\w)")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
_LINK_RE = re.compile(r"(?<!!)\[([^\]\n]*)\]\(<?([^)\s>]+)>?(?:\s+\"[^\"\n]*\")?\)")


def _indent(spaces: str) -> str:
    """turndown's 4 spaces a nesting level as the contract's 2."""
    return "  " * (len(spaces.replace("\t", "    ")) // 4)


def _link(m: re.Match[str]) -> str:
    target = clean_url(m.group(2))
    return f"[{m.group(1)}]({target})" if target else m.group(1)


# Invisible characters a page puts before a mark ("‍**You agree"): turndown keeps them.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


def _close_split_strong(lines: list[str]) -> list[str]:
    """Bold that spans a hard line break, as turndown writes a <strong> holding a <br>
    ("**8\\. General Prohibitions.  " then "**You agree ..."): drop the pair of marks, which no
    single-line pattern sees, so the title line reads as a fetched page's text does."""
    out = list(lines)
    for i in range(len(out) - 1):
        if out[i].count("**") % 2 == 0:
            continue
        nxt = out[i + 1].lstrip(" " + _INVISIBLE)
        if not nxt.startswith("**"):
            continue
        k = out[i].rfind("**")
        out[i] = out[i][:k] + out[i][k + 2 :]
        j = out[i + 1].index("**")
        out[i + 1] = out[i + 1][:j] + out[i + 1][j + 2 :]
    return out


# A line that starts a Markdown block of its own: a list item, a table row, a quote, a heading, a fence.
_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|\||>|#|```|~~~)")


def _join_hard_breaks(lines: list[str]) -> list[str]:
    """turndown writes a <br> inside a paragraph as a hard line break (two trailing spaces); tosdiff's
    HTML extraction reads such a <br> as a space. Join the two lines, so "**8\\. General Prohibitions.**  "
    and its text read "8. General Prohibitions. You agree ..." on one line, as the fetched page does.
    A line that starts a block of its own (a list item, a table row, a heading, a fence) is never
    joined, and nothing inside a fenced code block is."""
    out: list[str] = []
    joining = fenced = False
    for line in lines:
        fence = line.lstrip().startswith(("```", "~~~"))
        if joining and line.strip() and not fenced and not _BLOCK_START.match(line):
            out[-1] = out[-1].rstrip(" ") + " " + line.strip(" ")
        else:
            out.append(line)
        if fence:
            fenced = not fenced
        # (An ATX heading or a table row is one line whatever ends it.)
        joining = (
            not fenced
            and not fence
            and line.endswith("  ")
            and bool(line.strip())  # a blank line of spaces ends the paragraph
            and not line.lstrip().startswith(("#", "|"))
        )
    return out


def ota_markdown(text: str) -> str:
    """Open Terms Archive's (turndown's) Markdown in the form tosdiff's own extraction gives a page."""
    out = []
    fenced = False
    for line in _join_hard_breaks(_close_split_strong(text.split("\n"))):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced:
            out.append(line)
            continue
        if _HR_RE.match(line):
            # Under a line of text it is a setext heading's underline (the extractor reads it); alone it
            # is a rule, which a page's text never shows.
            out.append(line if out and out[-1].strip() else "")
            continue
        line = _BULLET_RE.sub(lambda m: _indent(m.group(1)) + "- ", line, count=1)
        line = _ORDERED_RE.sub(lambda m: _indent(m.group(1)) + m.group(2), line, count=1)
        line = _STRONG_RE.sub(r"\2", line)
        line = _EM_STAR_RE.sub(r"\1", line)
        line = _EM_UNDER_RE.sub(r"\1", line)
        line = _LINK_RE.sub(_link, line)
        out.append(_ESCAPE_RE.sub(r"\1", line))
    return "\n".join(out)


class GitError(TosdiffError):
    """The repository cannot be read (not a git repository, no such file, git missing)."""

    error_class = "config"


@dataclass(frozen=True)
class Commit:
    """One commit that touched the terms file: id, date (as recorded_at), subject, the file's path then."""

    sha: str
    recorded_at: str
    subject: str
    path: str

    @property
    def technical(self) -> bool:
        """True when OTA made this commit to re-render the terms, not because they changed."""
        return self.subject.startswith(TECHNICAL_SUBJECTS)


@dataclass
class ImportResult:
    """What one file's import did."""

    document: str
    path: str
    added: int = 0
    technical: int = 0  # of `added`
    already: int = 0  # commits imported before (re-import)
    same_text: int = 0  # commits whose text is the version's before them: nothing new to store
    skipped: list[str] = field(default_factory=list)  # commits whose Markdown is not a terms text


def _git(repo: Path, *args: str, input_: bytes | None = None) -> bytes:
    """Run one git command in `repo`; GitError with git's own message when it fails."""
    try:
        proc = subprocess.run(
            # Literal pathspecs: a service or type name holding `*`, `?` or `:` names one file, no glob.
            ["git", "-C", str(repo), "--no-pager", "--literal-pathspecs", *args],
            input=input_,
            capture_output=True,
            check=False,
        )
    except OSError as e:
        raise GitError(f"cannot run git: {e}") from None
    if proc.returncode != 0:
        message = one_line(proc.stderr.decode("utf-8", "replace"), 300)
        raise GitError(f"{repo}: git {args[0]} failed: {message}")
    return proc.stdout


def check_repository(repo: Path) -> None:
    """GitError unless `repo` is a git repository (bare or not) with commits."""
    if not repo.is_dir():
        raise GitError(f"{repo}: no such folder")
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
    except GitError:
        raise GitError(f"{repo}: not a git repository with commits (clone a *-versions repository)") from None


def service_files(repo: Path, service: str) -> list[str]:
    """The ``<Service>/<Type>.md`` files of a service at HEAD, sorted."""
    if "/" in service or "\n" in service or not service.strip() or service.startswith("."):
        raise GitError(f"--service {service!r}: expected a service name like 'Zoom'")
    out = _git(repo, "ls-tree", "-z", "--name-only", "HEAD", "--", f"{service}/")
    names = [n.decode("utf-8", "replace") for n in out.split(b"\0") if n]
    return sorted(n for n in names if n.endswith(".md") and n.count("/") == 1)


def _iso(epoch: int) -> str:
    """A commit time as the store's recorded_at (UTC, microseconds, Z), so dates sort as text."""
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def commits(repo: Path, path: str, since: date | None = None) -> list[Commit]:
    """Every commit that touched `path` (following renames), oldest first; from `since` on if given."""
    out = _git(
        repo, "log", "--follow", "-z", "--name-only", "--format=%x1e%H%x1f%ct%x1f%s", "HEAD", "--", path
    )
    found: list[Commit] = []
    for record in out.split(b"\x1e")[1:]:
        head, _, rest = record.partition(b"\0")
        sha, ct, subject = (head.decode("utf-8", "replace").split("\x1f", 2) + ["", ""])[:3]
        then = rest.lstrip(b"\n").split(b"\0", 1)[0].decode("utf-8", "replace")
        if len(sha) not in (40, 64) or not ct.isdigit() or not then or "\n" in then:
            continue  # not a commit that names the file (git prints none such; never trust it blindly)
        when = int(ct)
        if since is not None and datetime.fromtimestamp(when, UTC).date() < since:
            continue
        found.append(Commit(sha, _iso(when), subject, then))
    found.reverse()
    # Commit dates can go backwards (rebases, clocks): order by date, keeping git's order among equals.
    found.sort(key=lambda c: c.recorded_at)
    return found


def blobs(repo: Path, wanted: list[Commit]) -> Iterator[tuple[Commit, bytes | None]]:
    """(commit, the file's bytes in it, or None when absent there) through one `git cat-file --batch`."""
    if not wanted:
        return
    proc = subprocess.Popen(
        ["git", "-C", str(repo), "cat-file", "--batch"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    requests = b"".join(f"{c.sha}:{c.path}\n".encode() for c in wanted)

    def ask() -> None:
        # All requests from a thread while the answers are read here: no round trip per version, and
        # neither pipe can fill up with nobody reading it.
        try:
            proc.stdin.write(requests)  # type: ignore[union-attr]
        except OSError:
            pass  # git stopped early; the reader sees the end of its output
        finally:
            proc.stdin.close()  # type: ignore[union-attr]

    writer = threading.Thread(target=ask, name="tosdiff-git-batch", daemon=True)
    writer.start()
    try:
        for c in wanted:
            header = proc.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                if not header:
                    raise GitError(f"git cat-file stopped before {c.sha[:10]}:{c.path}")
                yield c, None  # "missing" (the file was deleted in that commit) or not a file
                continue
            size = int(header[2])
            if size > MAX_BLOB:
                while size >= 0:  # skip it, the newline after it included, a bounded read at a time
                    size -= len(proc.stdout.read(min(size + 1, 1 << 20)) or b"x" * (size + 1))
                yield c, None
                continue
            body = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after each object
            yield c, body
    finally:
        proc.stdout.close()  # stopped early: git's next write fails and it exits
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        writer.join()


def import_file(
    store: Store, doc: Document, repo: Path, path: str, since: date | None = None
) -> ImportResult:
    """Import the history of one ``<Service>/<Type>.md`` into `doc`'s versions (idempotent, one transaction)."""
    result = ImportResult(doc.name, path)
    done = store.source_refs(doc.name, REF_PREFIX)
    found = commits(repo, path, since)
    todo = [c for c in found if REF_PREFIX + c.sha not in done]
    result.already = len(found) - len(todo)
    texts: list[tuple[Commit, str]] = []
    for c, body in blobs(repo, todo):
        if body is None:
            result.skipped.append(f"{c.sha[:10]}: no such file in that commit (deleted)")
            continue
        try:
            markdown = ota_markdown(body.decode("utf-8", "replace"))
            text = extract_mod.extract(markdown.encode("utf-8"), MARKDOWN, ignore=doc.ignore)
        except TosdiffError as e:
            result.skipped.append(f"{c.sha[:10]}: {one_line(str(e), 200)}")
            continue
        texts.append((c, text))
    if not texts:
        return result
    fp, version = fingerprint(doc), extract_mod.EXTRACTOR_VERSION
    # The history as it will be, by date: the versions already there and the ones to add. A version is
    # stored when its text differs from the one before it, as a check stores only changes.
    existing = sorted((r["recorded_at"], r["version"], r["text_hash"]) for r in store.versions(doc.name))
    known = {sha256(text): text for _, text in texts}  # read back from here, not decompressed again
    recent: dict[str, list[Section]] = {}

    def parsed(text_hash: str) -> list[Section]:
        # Commits come in date order: each version's sections are those of the next one's "before".
        if text_hash not in recent:
            if len(recent) >= 2:
                recent.pop(next(iter(recent)))
            recent[text_hash] = parse_sections(known.get(text_hash) or store.text(text_hash))
        return recent[text_hash]

    with store.transaction():
        store.upsert_document(doc.name, doc.url, doc.service, doc.title, doc.type)
        for c, text in texts:
            digest = sha256(text)
            at = bisect.bisect_right(existing, (c.recorded_at, 1 << 62, ""))
            if at and existing[at - 1][2] == digest:
                result.same_text += 1
                continue
            # What changed since the version just before it in time, said as a check and a backfill say it.
            summary = (
                change_summary(diff_sections(parsed(existing[at - 1][2]), parsed(digest))) if at else None
            )
            number = store.add_version(
                doc.name,
                text,
                snapshot_id=None,
                extractor_version=version,
                # The current selectors' fingerprint: the text is not re-derivable from a page, and the
                # technical upgrade must not try to (there is no page to re-derive it from).
                fingerprint=fp,
                kind=IMPORTED,
                technical=c.technical,
                summary=summary,  # the changed sections; a commit subject is not one
                recorded_at=c.recorded_at,
                source_ref=REF_PREFIX + c.sha,
            )
            bisect.insort(existing, (c.recorded_at, number, digest))
            result.added += 1
            result.technical += int(c.technical)
    return result


def parse_since(value: str | None) -> date | None:
    """--since YYYY-MM-DD, or None; ConfigError otherwise."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"--since {value!r}: expected a date like 2023-01-31") from None


def plan(repo: Path, service: str, type_: str | None, names: set[str]) -> list[tuple[str, str]]:
    """(document name, file path) pairs to import; GitError/ConfigError naming what is missing."""
    check_repository(repo)
    files = service_files(repo, service)
    if type_ is not None:
        wanted = f"{service}/{type_}.md"
        if wanted not in files:
            shown = ", ".join(f[len(service) + 1 : -3] for f in files) or "none"
            raise GitError(f"{repo}: no file {wanted!r} at HEAD (types of {service}: {shown})")
        files = [wanted]
    if not files:
        raise GitError(f"{repo}: no {service}/*.md files at HEAD (is this a *-versions repository?)")
    pairs = [(document_name(service, f[len(service) + 1 : -3]), f) for f in files]
    missing = [(n, f) for n, f in pairs if n not in names]
    if missing:
        listed = "; ".join(f"{n} (for {f!r})" for n, f in missing)
        raise ConfigError(
            f"not in the config: {listed}. Add the service's documents with "
            f"`tosdiff import-ota PATH/declarations/{service}.json --append` (from a clone of its "
            f"*-declarations repository), or import one type with --type"
        )
    return pairs
