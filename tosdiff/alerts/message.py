"""Alert events (plain JSON-able dicts) and their rendering as subject, text and HTML.

Everything that comes from a fetched document is untrusted: events carry it with control
characters and ANSI escapes removed, and every renderer escapes it again for its medium.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tosdiff.alerts.placing import (
    Labels,
    category_label,
    change_key,
    flag_keys,
    flag_place,
    flags_tail,
    labels_by_change,
    place_flags,
)
from tosdiff.htmlview import runs_html
from tosdiff.models import (
    BETTER,
    CHANGED,
    LINKS,
    REVERTED,
    SEVERITIES,
    WORSE,
    CheckResult,
    Document,
    Flag,
    SectionChange,
    severity_rank,
)
from tosdiff.redact import redact_url
from tosdiff.sanitize import clean_text, one_line
from tosdiff.serialize import change_dict, document_dict, flag_dict

SCHEMA = "tosdiff.alert/1"

CONTEXT_WORDS = 25  # words of unchanged text kept on each side of a change
MAX_SECTION_CHARS = 6000  # per changed section in a message; the diff link has the rest

_DIRECTION_WORDS = {WORSE: "worse for users", BETTER: "better for users"}


def direction_words(flag: dict) -> str:
    """'worse for users' / 'better for users' for a flag change's direction, '' when it has none."""
    return _DIRECTION_WORDS.get(str(flag.get("direction") or ""), "")


def flag_change_words(flag: dict) -> str:
    """How a flag changed, in words: 'introduced, worse for users'; '' for a flag of a version."""
    return ", ".join(x for x in (clean_text(str(flag.get("change") or "")), direction_words(flag)) if x)


def reintroduces_flags(result: CheckResult) -> bool:
    """True when a version brings a flagged clause back (or any flag change for the worse).

    A page that returns to an earlier text is `reverted` and, by default, not alerted; but when that
    text re-introduces a flagged clause, the clause coming back is news (tosdiff.record).
    """
    return any(f.direction == WORSE for f in result.flags)


def build_change_event(
    document: Document,
    result: CheckResult,
    *,
    recorded_at: str,
    previous_recorded_at: str | None,
    diff_url: str | None = None,
    text: str | None = None,
) -> dict:
    """The alert event of one new/changed version: document, language, versions, changed sections, flags, urls.

    `text` is the new version's text: its language (or the document's `language` override) is
    computed once here and carried as ``event["language"]`` ("fr"; None when it cannot be told).
    """
    flags = sorted(result.flags, key=lambda f: -severity_rank(f.severity))
    severity = max((f.severity for f in flags), key=severity_rank, default="info")
    version_key = result.version if result.version is not None else recorded_at
    changes = [change_dict(c, "alert") for c in result.changes]
    flag_dicts = [flag_dict(f, "alert") for f in flags]
    place_flags(flag_dicts, changes)  # which of two sections sharing an id each flag is on
    return {
        "schema": SCHEMA,
        "kind": "change",
        "event_key": f"change:{document.name}:{version_key}",
        "status": result.status,
        "alert_on_revert": document.alert_on_revert,
        "reintroduced": result.status == REVERTED and reintroduces_flags(result),
        "document": document_dict(document),
        "language": event_language(document, text),
        "versions": {
            "old": result.previous_version,
            "new": result.version,
            "old_recorded_at": previous_recorded_at,
            "new_recorded_at": recorded_at,
        },
        "severity": severity if severity in SEVERITIES else "info",
        "flags": flag_dicts,
        "changes": changes,
        "urls": {"page": redact_url(document.url), "diff": diff_url},
        "at": recorded_at,
    }


def event_language(document: Document, text: str | None) -> str | None:
    """The language code an alert shows: the document's override, else detected from `text`; None if unknown."""
    from tosdiff.language import UNDETERMINED, document_language

    if text is None and not document.language:
        return None
    code = document_language(text or "", document.language)
    return None if code == UNDETERMINED else clean_text(code)[:16]


def language_tag(event: dict) -> str:
    """' [fr]' after a title for a document not in English; '' for English or an unknown language.

    English, the usual case, stays untagged so subjects and chat titles only grow when it tells something.
    """
    code = event.get("language")
    if not code or code == "en":
        return ""
    return f" [{one_line(str(code), 16)}]"


def language_line(event: dict) -> str | None:
    """'Language: French (fr)' for a message body, or None when the event carries no language."""
    from tosdiff.language import LANGUAGE_NAMES

    code = event.get("language")
    if not code:
        return None
    code = one_line(str(code), 16)
    name = LANGUAGE_NAMES.get(code)
    return f"Language: {name} ({code})" if name else f"Language: {code}"


def build_status_event(document: Document, kind: str, error: str | None, at: str) -> dict:
    """The alert event of a document becoming inaccessible ("error") or reachable again ("recovery")."""
    if kind not in ("error", "recovery"):
        raise ValueError(f"status event kind must be 'error' or 'recovery', not {kind!r}")
    return {
        "schema": SCHEMA,
        "kind": kind,
        "event_key": f"{kind}:{document.name}:{at}",
        "document": document_dict(document),
        "severity": "info",
        "error": clean_text(error)[:2000] if error else None,  # shown on one line of at most 500
        "flags": [],
        "changes": [],
        "urls": {"page": redact_url(document.url), "diff": None},
        "at": at,
    }


def sample_event() -> dict:
    """A realistic test event: fake "Example Terms" whose 10.4 now allows AI training."""
    doc = Document(
        name="example-terms", url="https://example.com/terms", title="Example Terms", service="Example"
    )
    old = "You agree to grant Example a licence to use Customer Content to provide the Services."
    new = (
        "You agree to grant Example a perpetual, worldwide licence to use Customer Content to provide "
        "the Services and for machine learning and artificial intelligence, including training and tuning "
        "of algorithms and models."
    )
    words_o, words_n = old.split(" "), new.split(" ")
    hunks = []
    sm = difflib.SequenceMatcher(a=words_o, b=words_n, autojunk=False)
    from tosdiff.models import Hunk

    for op, i1, i2, j1, j2 in sm.get_opcodes():
        hunks.append(Hunk(op=op, old=" ".join(words_o[i1:i2]), new=" ".join(words_n[j1:j2])))
    change = SectionChange(
        kind="modified", old_id="10.4", new_id="10.4", title="Customer Content",
        old_text=old, new_text=new, hunks=tuple(hunks), similarity=0.62,
    )  # fmt: skip
    flag = Flag(
        category="ai-training",
        severity="high",
        section="10.4",
        excerpt="for machine learning and artificial intelligence, including training and tuning of algorithms and models",
        explanation="The provider may now use your content to train AI models.",
        change="introduced",
        direction="worse",
        rule="ai-training/train-models",
        scope="widened",
    )
    result = CheckResult(
        name=doc.name, status=CHANGED, version=2, previous_version=1, changes=(change,), flags=(flag,)
    )
    ev = build_change_event(
        doc, result, recorded_at="2023-08-07T12:00:00Z", previous_recorded_at="2023-03-01T12:00:00Z", text=new
    )
    ev["event_key"] = "test:example-terms"
    ev["kind"] = "test"
    return ev


# ---------------------------------------------------------------------------------------------
# Rendering helpers shared by email, webhook formats and apprise.


def doc_title(event: dict) -> str:
    """The document's display title, on one line."""
    d = event.get("document") or {}
    return one_line(d.get("title") or d.get("name") or "document", 120)


def is_alertable_change(event: dict) -> bool:
    """Change events worth a message: changed versions, a flapping page, reverts when the document asks
    or when the earlier text brings back a flagged clause.

    A `links` event is queued only for documents that set alert_on_links (tosdiff.record decides).
    """
    status = event.get("status")
    if status in (CHANGED, LINKS) or event.get("flapping"):
        return True
    return status == REVERTED and bool(event.get("alert_on_revert") or event.get("reintroduced"))


def section_categories(event: dict) -> dict[tuple[str, str], list[str]]:
    """Flag category labels by changed section (its `change_key`), most severe first; changes for the
    better said as such ("AI training; better for users: arbitration").

    A flag counts on the change it was found in, never on another section that shares its id.
    """
    per, _ = labels_by_change(event)
    return {key: labels.said() for key, labels in per.items()}


def change_label(change: dict) -> str:
    """'10.4 modified', '11.4 renumbered (was 10.4)', 'Article 5 added'."""
    cid = one_line(change.get("id") or change.get("title") or "(untitled section)", 60)
    kind = change.get("kind", "modified")
    if (
        kind in ("renumbered", "moved")
        and change.get("old_id")
        and change.get("old_id") != change.get("new_id")
    ):
        extra = " and modified" if change.get("content_changed") else ""
        return f"{cid} {kind}{extra} (was {one_line(change['old_id'], 60)})"
    return f"{cid} {kind}"


def change_title(change: dict) -> str:
    """The section's title on one line; a reworded heading as 'old → new' (the e-mail's only trace of the old one)."""
    title = one_line(change.get("title"), 120)
    old = one_line(change.get("old_title"), 120)
    if old and title and old != title and change.get("kind") not in ("added", "removed"):
        return f"{old} → {title}"
    return title


def ordered_changes(event: dict) -> list[dict]:
    """Changed sections, those carrying flags first (by their worst severity), then document order."""
    worst: dict[tuple[str, str] | None, int] = {}
    for f, key in zip(event.get("flags", []), flag_keys(event), strict=True):
        worst[key] = max(worst.get(key, -1), severity_rank(f.get("severity", "info")))
    changes = list(event.get("changes", []))
    return sorted(changes, key=lambda c: -worst.get(change_key(c), -1))


SUBJECT_CHARS = 250  # a subject or chat title is cut to this


def event_summary(event: dict, max_changes: int = 3, limit: int | None = None) -> str:
    """One-line summary of an event, most important first (used in subjects and titles).

    With `limit`, the closing "flags: ..." list keeps only the labels that fit in that many characters
    ("flags: AI training, …") and is left out when none does: a cut never ends in an empty "flags:".
    """
    title = doc_title(event) + language_tag(event)
    kind = event.get("kind")
    if kind == "error":
        err = one_line(event.get("error") or "unknown error", 80)
        return f"{title}: cannot be checked ({err})"
    if kind == "recovery":
        return f"{title}: reachable again"
    per, loose = labels_by_change(event)
    if event.get("flapping"):
        a, b = (event["flapping"].get("versions") or [None, None])[:2]
        # The flip that shows the flapping may also bring a flagged clause back: the subject says so.
        every = Labels()
        for labels in [*per.values(), loose]:
            every.merge(labels)
        said = f" (flags: {', '.join(every.said())})" if every.said() else ""
        return f"{title}: alternates between two texts (v{a} and v{b}){said}; further flips are not alerted"
    parts = []
    changes = ordered_changes(event)
    # A clause only renumbered is counted, not named: the edits get the subject line (the version row
    # and the check table say it the same way, "8.7 removed; 9 sections renumbered").
    renumbered = [
        c
        for c in changes
        if c.get("kind") == "renumbered" and not c.get("content_changed") and change_key(c) not in per
    ]
    counted = {id(c) for c in renumbered}
    changes = [c for c in changes if id(c) not in counted]
    for c in changes[:max_changes]:
        label = change_label(c)
        said = per[change_key(c)].said() if change_key(c) in per else []
        if said:
            label += f" ({'; '.join(said)})"
        parts.append(label)
    if len(changes) > max_changes:
        parts.append(f"{len(changes) - max_changes} more")
    if renumbered:
        parts.append(f"{len(renumbered)} {'section' if len(renumbered) == 1 else 'sections'} renumbered")
    if not parts:
        parts.append("changed")
    # Flags on sections not listed above still deserve the subject line: each category once, those
    # against users first, then "better for users: ..." once for all of those sections.
    shown = {change_key(c) for c in changes[:max_changes]}
    other = Labels()
    for key, labels in per.items():
        if key not in shown:
            other.merge(labels)
    other.merge(loose)
    tail = ["back to an earlier text"] if event.get("status") == REVERTED else []
    head = f"{title}: {', '.join(parts)}"
    if other.worse or other.better:
        head += ", " + flags_tail(other, None if limit is None else limit - len(head) - _len_tail(tail))
    return ", ".join([head.removesuffix(", "), *tail])


def _len_tail(tail: list[str]) -> int:
    return sum(len(t) + 2 for t in tail)


def subject(events: list[dict]) -> str:
    """Mail subject / message title: what matters first, one line, no header injection possible."""
    if len(events) == 1:
        prefix = "[tosdiff] "
        return one_line(prefix + event_summary(events[0], limit=SUBJECT_CHARS - len(prefix)), SUBJECT_CHARS)
    n_flagged = sum(1 for e in events if e.get("flags"))
    docs = list(dict.fromkeys(doc_title(e) for e in events))
    head = f"[tosdiff] {len(events)} alerts"
    if n_flagged:
        head += f", {n_flagged} flagged"
    return one_line(f"{head}: {', '.join(docs)}", SUBJECT_CHARS)


def _elide(words: list[str], keep_start: bool, keep_end: bool) -> str:
    """Shorten an unchanged run to context words around the changes."""
    n = CONTEXT_WORDS
    if len(words) <= 2 * n + 5:
        return " ".join(words)
    if keep_start and keep_end:
        return " ".join(words[:n]) + " … " + " ".join(words[-n:])
    if keep_start:
        return " ".join(words[:n]) + " …"
    if keep_end:
        return "… " + " ".join(words[-n:])
    return "…"


def change_runs(change: dict) -> list[tuple[str, str]]:
    """A change as (op, text) runs with op in equal/delete/insert, long unchanged text elided."""
    kind = change.get("kind")
    hunks = change.get("hunks") or []
    old_text, new_text = change.get("old_text", ""), change.get("new_text", "")
    if kind == "added" and not hunks:
        return [("insert", new_text)]
    if kind == "removed" and not hunks:
        return [("delete", old_text)]
    if not hunks and old_text != new_text:
        # The differ gave no hunks (or an older payload): compute a word diff here.
        a, b = old_text.split(), new_text.split()
        sm = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        hunks = [
            {"op": op, "old": " ".join(a[i1:i2]), "new": " ".join(b[j1:j2])}
            for op, i1, i2, j1, j2 in sm.get_opcodes()
        ]
    runs: list[tuple[str, str]] = []
    for i, h in enumerate(hunks):
        op, old, new = h.get("op"), clean_text(h.get("old", "")), clean_text(h.get("new", ""))
        if op == "equal":
            text = new or old
            short = _elide(text.split(), keep_start=i > 0, keep_end=i < len(hunks) - 1)
            # Keep the run's outer whitespace: it tells the renderer whether words are glued.
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            runs.append(("equal", f"{lead}{short}{trail}"))
        else:
            if op in ("delete", "replace") and old:
                runs.append(("delete", old))
            if op in ("insert", "replace") and new:
                runs.append(("insert", new))
    return runs


_CLOSERS = set(".,;:!?)]}%'\"’”»")
_OPENERS = set("([{'\"‘“«/")


def diff_runs(change: dict, limit: int = MAX_SECTION_CHARS) -> list[tuple[str, str]]:
    """A change's word diff laid out for any markup: (op, text) runs, op equal/delete/insert or "sep".

    Whitespace is collapsed and kept outside the changed runs, in "sep" runs (a space, or the
    " [truncated]" note once the text reaches `limit`); a renderer escapes the other runs for its
    medium and writes "sep" runs as they are. Hunks may carry their own spaces (" and to train") or
    not ("only"); a space is put between two runs unless one side already has it or punctuation makes
    it wrong ("models" + ".").
    """
    out: list[tuple[str, str]] = []
    total, pending_space, prev_last = 0, False, ""
    for op, text in change_runs(change):
        core = " ".join(text.split())
        if not core:
            pending_space = pending_space or bool(text)
            continue
        lead = text[:1].isspace()
        cut = total + len(core) > limit
        if cut:
            core = core[: max(0, limit - total)].rstrip() + "…"
        if out and (
            pending_space
            or lead
            or (core[0] not in _CLOSERS and prev_last not in _OPENERS and prev_last != "")
        ):
            out.append(("sep", " "))
        out.append((op, core))
        total += len(core)
        pending_space, prev_last = text[-1:].isspace(), core[-1]
        if cut:
            out.append(("sep", " [truncated]"))
            break
    else:
        if change.get("truncated") and out:  # cut before it was stored (tosdiff.alerts.budget)
            out.append(("sep", " [truncated]"))
    return out


def render_diff(
    change: dict,
    escape: Callable[[str], str],
    mark_delete: Callable[[str], str],
    mark_insert: Callable[[str], str],
    limit: int = MAX_SECTION_CHARS,
) -> str:
    """A change's word diff in any markup (see `diff_runs`): escaped text, changed runs marked."""
    out: list[str] = []
    for op, text in diff_runs(change, limit):
        if op == "sep":
            out.append(text)
            continue
        body = escape(text)
        out.append(body if op == "equal" else mark_delete(body) if op == "delete" else mark_insert(body))
    return "".join(out)


def diff_text(change: dict, limit: int = MAX_SECTION_CHARS) -> str:
    """Word diff for plain text: [-deleted-]{+inserted+}."""
    return render_diff(change, lambda t: t, lambda t: f"[-{t}-]", lambda t: f"{{+{t}+}}", limit)


# The e-mail's HTML has no stylesheet: deleted and inserted words carry their colours inline.
_DEL_ATTRS = ' style="background:#fdd;color:#900"'
_INS_ATTRS = ' style="background:#dfd;color:#060;text-decoration:none"'


def diff_html(change: dict, limit: int = MAX_SECTION_CHARS) -> str:
    """Word diff for HTML (tosdiff.htmlview): escaped text in inline-styled <del>/<ins>."""
    return runs_html(diff_runs(change, limit), del_attrs=_DEL_ATTRS, ins_attrs=_INS_ATTRS)


def safe_url(url: Any) -> str | None:
    """The URL if it is http(s) and on one line, else None (never a javascript: link)."""
    if not isinstance(url, str) or not re.match(r"^https?://[^\s<>\"']+$", url):
        return None
    return url


# ---------------------------------------------------------------------------------------------
# Cutting a message to its budget: what is shown, and a note on what was left out.

MIN_SECTION_CHARS = 300  # below this a changed section is left out rather than shown as a stub
MIN_EVENT_CHARS = 400  # a digest lists events that get less than this by name only


def diff_command(event: dict) -> str:
    """The command that shows every change of an event: `tosdiff diff NAME --from A --to B`."""
    name = one_line((event.get("document") or {}).get("name") or "NAME", 100)
    v = event.get("versions") or {}
    old, new = v.get("old"), v.get("new")
    if isinstance(old, int) and isinstance(new, int):
        return f"tosdiff diff {name} --from {old} --to {new}"
    return f"tosdiff diff {name}"


def total_changes(event: dict) -> int:
    """Changed sections of the event, those cut out of its payload before it was stored included."""
    return len(event.get("changes") or []) + int((event.get("omitted") or {}).get("changes", 0))


def total_flags(event: dict) -> int:
    """Flags of the event, those cut out of its payload before it was stored included."""
    return len(event.get("flags") or []) + int((event.get("omitted") or {}).get("flags", 0))


def cut_note(
    event: dict, shown_changes: int, shown_flags: int, command: Callable[[str], str] = lambda c: c
) -> str | None:
    """'1,950 of 2,000 changed sections not shown; all of them: tosdiff diff …', or None if nothing was left out.

    `command` formats the command for a medium (e.g. as inline code).
    """
    parts = []
    n_changes, n_flags = total_changes(event), total_flags(event)
    if n_changes > shown_changes:
        parts.append(f"{n_changes - shown_changes:,} of {n_changes:,} changed sections")
    if n_flags > shown_flags:
        parts.append(f"{n_flags - shown_flags:,} of {n_flags:,} flags")
    if not parts:
        return None
    return f"{' and '.join(parts)} not shown; all of them: {command(diff_command(event))}"


def events_note(events: list[dict]) -> str:
    """A digest's line for the events left out: how many, and which documents."""
    names = ", ".join(dict.fromkeys(doc_title(e) for e in events))
    return one_line(f"{len(events):,} more alerts not shown: {names}", 400)


def _flag_line(ev: dict, f: dict) -> str:
    how = flag_change_words(f)
    change = f" ({how})" if how else ""
    return (
        f"* [{f.get('severity', 'info').upper()}] {category_label(f.get('category', ''))}"
        f" in {one_line(flag_place(ev, f), 80)}{change}: {clean_text(f.get('explanation'))}"
    )


@dataclass(frozen=True)
class Shown:
    """What a text or HTML body shows of one event: flags, changed sections with their diff limit, a note."""

    event: dict
    flags: list[dict]
    changes: list[tuple[dict, int]]
    note: str | None


def select_content(event: dict, budget: int | None) -> tuple[Shown, int]:
    """What of an event fits about `budget` characters of text (None: everything), and its size.

    Flags worst first (at most half the budget), then changed sections (flagged ones first), each
    with the character limit of its diff; and the note on what was left out, or None.
    """
    if budget is None:
        every = [(c, MAX_SECTION_CHARS) for c in ordered_changes(event)]
        flags = list(event.get("flags") or [])
        return Shown(event, flags, every, cut_note(event, len(every), len(flags))), 0
    used = len(event_summary(event, max_changes=5)) + 200  # summary, versions and links
    flags: list[dict] = []
    for f in event.get("flags") or []:
        size = len(_flag_line(event, f)) + min(len(f.get("excerpt") or ""), 600) + 10
        if used + size > budget // 2:
            break
        flags.append(f)
        used += size
    changes: list[tuple[dict, int]] = []
    for c in ordered_changes(event):
        heading = len(change_label(c)) + len(change_title(c)) + 8
        limit = min(MAX_SECTION_CHARS, budget - used - heading)
        if limit < MIN_SECTION_CHARS:
            break
        changes.append((c, limit))
        used += heading + len(diff_text(c, limit))
    note = cut_note(event, len(changes), len(flags))
    return Shown(event, flags, changes, note), used + len(note or "")


def plan(events: list[dict], budget: int | None) -> tuple[list[Shown], list[dict]]:
    """What each event of a message shows within `budget` characters, and the events left out (digests).

    Each event gets an even share of what the events before it left; an event whose share is below
    MIN_EVENT_CHARS is left out, and so are the rest (the body names them).
    """
    shown: list[Shown] = []
    remaining = budget
    for i, ev in enumerate(events):
        share = None if remaining is None else remaining // (len(events) - i)
        if share is not None and share < MIN_EVENT_CHARS and shown:
            return shown, events[i:]
        content, used = select_content(ev, share)
        shown.append(content)
        if remaining is not None:
            remaining -= used
    return shown, []


def render_text(events: list[dict], budget: int | None = None) -> str:
    """Plain-text body: flagged clauses first, then changed sections' word diffs, then links; about `budget` chars."""
    out: list[str] = []
    shown, left_out = plan(events, budget)
    for n, s in enumerate(shown):
        ev = s.event
        if n:
            out.append("\n" + "=" * 60 + "\n")
        out.append(event_summary(ev, max_changes=5))
        out.append("")
        if ev.get("kind") in ("error", "recovery"):
            if ev.get("kind") == "error":
                out.append(f"tosdiff can no longer check this document: {one_line(ev.get('error'), 500)}")
                out.append("You will get one message when it is reachable again.")
            else:
                out.append("tosdiff can check this document again.")
        if s.flags:
            out.append("FLAGGED CLAUSES")
            for f in s.flags:
                out.append(_flag_line(ev, f))
                if f.get("excerpt"):
                    out.append(f'    "{one_line(f["excerpt"], 600)}"')
            out.append("")
        if s.changes:
            out.append("CHANGED SECTIONS")
            for c, limit in s.changes:
                title = change_title(c)
                out.append(f"## {change_label(c)}" + (f": {title}" if title else ""))
                out.append(diff_text(c, limit))
                out.append("")
        if s.note:
            out.append(f"({s.note})")
        if language_line(ev):
            out.append(language_line(ev))
        versions = ev.get("versions") or {}
        if versions.get("new") is not None:
            out.append(f"Version {versions.get('old')} ({versions.get('old_recorded_at')}) -> "
                       f"{versions.get('new')} ({versions.get('new_recorded_at')})")  # fmt: skip
        urls = ev.get("urls") or {}
        if safe_url(urls.get("page")):
            out.append(f"Page: {urls['page']}")
        if safe_url(urls.get("diff")):
            out.append(f"Full diff: {urls['diff']}")
    if left_out:
        out.append("\n" + "=" * 60 + "\n")
        out.append(events_note(left_out))
    out.append("\n-- \ntosdiff: terms-of-service change alerts. Legend: [-deleted-] {+inserted+}")
    return "\n".join(out) + "\n"


_SEV_COLORS = {"high": "#b00020", "medium": "#c65100", "low": "#8a6d00", "info": "#555"}


def render_html(events: list[dict], budget: int | None = None) -> str:
    """HTML body with the same content as the text part (same `budget`); all document text escaped."""
    e = html.escape
    out = ['<!DOCTYPE html><html><body style="font-family:sans-serif;line-height:1.45;max-width:50em">']
    shown, left_out = plan(events, budget)
    for n, s in enumerate(shown):
        ev = s.event
        if n:
            out.append("<hr>")
        out.append(f"<h2>{e(event_summary(ev, max_changes=5))}</h2>")
        if ev.get("kind") == "error":
            out.append(f"<p>tosdiff can no longer check this document: <code>{e(one_line(ev.get('error'), 500))}</code>. "
                       "You will get one message when it is reachable again.</p>")  # fmt: skip
        elif ev.get("kind") == "recovery":
            out.append("<p>tosdiff can check this document again.</p>")
        if s.flags:
            out.append("<h3>Flagged clauses</h3><ul>")
            for f in s.flags:
                sev = f.get("severity", "info")
                color = _SEV_COLORS.get(sev, "#555")
                how = flag_change_words(f)
                change = f" ({e(how)})" if how else ""
                out.append(
                    f'<li><strong style="color:{color}">{e(sev.upper())}</strong> '
                    f"{e(category_label(f.get('category', '')))} in <strong>{e(one_line(flag_place(ev, f), 80))}</strong>"
                    f"{change}: {e(clean_text(f.get('explanation')))}"
                )
                if f.get("excerpt"):
                    out.append(f"<blockquote>{e(one_line(f['excerpt'], 600))}</blockquote>")
                out.append("</li>")
            out.append("</ul>")
        if s.changes:
            out.append("<h3>Changed sections</h3>")
            for c, limit in s.changes:
                title = change_title(c)
                out.append(f"<h4>{e(change_label(c))}{': ' + e(title) if title else ''}</h4>")
                out.append(f"<p>{diff_html(c, limit)}</p>")
        if s.note:
            out.append(f"<p><em>{e(s.note)}</em></p>")
        if language_line(ev):
            out.append(f"<p>{e(language_line(ev))}</p>")
        urls = ev.get("urls") or {}
        links = []
        if safe_url(urls.get("page")):
            links.append(f'<a href="{e(urls["page"], quote=True)}">Page</a>')
        if safe_url(urls.get("diff")):
            links.append(f'<a href="{e(urls["diff"], quote=True)}">Full diff</a>')
        if links:
            out.append(f"<p>{' · '.join(links)}</p>")
    if left_out:
        out.append(f"<hr><p><em>{e(events_note(left_out))}</em></p>")
    out.append('<p style="color:#777;font-size:small">tosdiff: terms-of-service change alerts.</p>')
    out.append("</body></html>")
    return "\n".join(out)
