"""The single writer: records one fetched document (check, page, version, alerts) in one transaction.

Every database write of a check happens here, on the run's calling thread, so SQLite sees a single
writer and a crash can never leave half a check behind. A check ends one of three ways, each its own
method: an error, an unchanged text, or a new version (new, changed or reverted).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tosdiff import extract as extract_mod
from tosdiff.config import Config
from tosdiff.errors import BAD_CONTENT, ExtractError, FetchError, TosdiffError
from tosdiff.models import (
    CHANGED,
    ERROR,
    LINKS,
    NEW,
    REVERTED,
    UNCHANGED,
    CheckResult,
    Document,
    SectionChange,
)
from tosdiff.store import LastState, Store, now_iso
from tosdiff.work import Fetched, fingerprint

if TYPE_CHECKING:
    from tosdiff.diff import TextDiff

log = logging.getLogger("tosdiff")


def compute_changes(old_text: str | None, new_text: str) -> tuple[SectionChange, ...]:
    """Section-level changes between two texts (empty when there is no previous text)."""
    if old_text is None:
        return ()
    from tosdiff.diff import diff_texts

    return tuple(diff_texts(old_text, new_text))


def compute_flags(changes: Iterable[SectionChange], rules: object = None, language: str = "") -> tuple:
    """Flags on what changed (in the config's `language`, else each section's own)."""
    from tosdiff.flags import flag_changes

    return tuple(flag_changes(list(changes), rules, language))


def change_summary(changes: Iterable[SectionChange]) -> str | None:
    """A one-line summary such as '10.4 modified; 7 removed; 9 sections renumbered' kept on the version row."""
    # Defined with the differ, so that an importer that must not reach the recorder (otahistory) says
    # its versions the same way; imported here on use, like the differ itself.
    from tosdiff.diff import change_summary as summary

    return summary(changes)


def shrink_error(doc: Document, old_text: str, new_text: str) -> ExtractError | None:
    """The error for a text that shrank past max_shrink and kept nothing of the terms, else None.

    The one shrink check, for a fetched text (a broken page) and a re-derived one (a selector mistake)
    alike. Size alone does not decide: a shorter text that keeps most of its sentences, or its clause
    structure, is a real (shorter) version, reported with its removed sections. A text that shrank past
    max_shrink and keeps neither (a stub, an error page, the wrong part of the page) is refused, and the
    latest version stands.
    """
    old_len, new_len = len(old_text), len(new_text)
    if doc.max_shrink >= 1 or old_len == 0 or new_len >= old_len * (1 - doc.max_shrink):
        return None
    if keeps_the_terms(old_text, new_text):
        return None
    return ExtractError(
        f"text shrank by {1 - new_len / old_len:.0%} ({old_len:,} -> {new_len:,} characters), more than "
        f"max_shrink = {doc.max_shrink:g}, and keeps almost none of the previous version's sentences or "
        "clauses: refused as a stub, an error page or a selector mistake, not a new version (check the "
        "selectors; max_shrink = 1 accepts any text)",
        BAD_CONTENT,
    )


# A sentence: up to its closing punctuation or the end of its line.
_SENTENCES = re.compile(r"[^.!?;\n]+[.!?;]*")
_MIN_SENTENCE_WORDS = 5  # shorter lines (menu items, headings, "Contact us") say nothing either way


def _sentence_keys(text: str) -> list[tuple[str, ...]]:
    """The text's sentences of five words or more, each as its lower-cased visible words."""
    from tosdiff.visible import visible_tokens

    out = []
    for m in _SENTENCES.finditer(text):
        words = tuple(w.lower() for w in visible_tokens(m.group(0)))
        if len(words) >= _MIN_SENTENCE_WORDS:
            out.append(words)
    return out


def keeps_the_terms(old_text: str, new_text: str) -> bool:
    """True when a (much shorter) new text is what remains of the old: a real shortening, not a stub.

    Either most of its words are in sentences the old text already had (at least three of them), or
    it keeps the old clause structure: at least three clauses of the same number or title, making up
    most of its clauses and holding most of its words.
    """
    # Imported here, as tosdiff.diff is: only a page whose text changed is judged (~1.5 ms of start-up).
    from tosdiff.visible import visible_tokens

    new_words = len(visible_tokens(new_text))
    if not new_words:
        return False
    old_keys = set(_sentence_keys(old_text))
    kept = [k for k in _sentence_keys(new_text) if k in old_keys]
    if len(kept) >= 3 and sum(map(len, kept)) >= 0.5 * new_words:
        return True
    from tosdiff.sections import parse_sections

    def key(title: str) -> str:
        return " ".join(w.lower() for w in visible_tokens(title))

    old_sections = parse_sections(old_text)
    old_ids = {s.id for s in old_sections if s.number}
    old_titles = {key(s.title) for s in old_sections if s.title}
    clauses = [s for s in parse_sections(new_text) if s.id != "preamble" and (s.number or s.title)]
    same = [s for s in clauses if (s.number and s.id in old_ids) or (s.title and key(s.title) in old_titles)]
    same_words = sum(len(visible_tokens(s.title + "\n" + s.text)) for s in same)
    return len(same) >= 3 and len(same) >= 0.5 * len(clauses) and same_words >= 0.5 * new_words


# The flip at which a page is known to alternate between two texts: A B A B.
FLAP_SHOWN = 4


def alternation(hashes: list[str]) -> int:
    """How many leading entries of `hashes` (newest first) alternate between two different texts."""
    if len(hashes) < 2 or hashes[0] == hashes[1]:
        return min(len(hashes), 1)
    n = 2
    while n < len(hashes) and hashes[n] == hashes[n - 2]:
        n += 1
    return n


def first_304_error() -> FetchError:
    """The error of a 304 Not Modified when no version exists yet: nothing was ever received to keep."""
    return FetchError(
        "the server answered 304 Not Modified although no version of this page was ever recorded (no "
        "validator was sent for it to match): no text to keep; the check stays an error until the "
        "server sends the page (a caching proxy or CDN answering 304 to everything?)",
        BAD_CONTENT,
    )


# Unchanged checks recorded in one transaction (see Recorder.start_batch): at most this many, held open
# about this long at most (SQLite's write lock is held meanwhile). A commit per check was about a quarter
# of the writer's SQL in an unchanged run (bench/README.md, issue 17, part 5).
BATCH_CHECKS = 64
BATCH_SECONDS = 0.5


def _plainly_unchanged(f: Fetched, state: LastState) -> bool:
    """Whether a check can only end unchanged: no error, the latest text again (or a 304 on it)."""
    res = f.result
    if f.error is not None or res is None or state.text_hash is None:
        return False
    return res.not_modified or (f.text_hash == state.text_hash)


class Recorder:
    """Writes checks of one config into one store, and queues and delivers their alerts."""

    def __init__(self, config: Config, store: Store) -> None:
        self.config = config
        self.store = store
        self._batching = False
        self._batched = 0  # unchanged checks written in the open batch, not yet committed
        self._batch_started = 0.0
        self._queued = False  # the check being recorded queued an alert (its batch commits at once)

    def start_batch(self) -> None:
        """From now on, unchanged checks that queue no alert share a transaction (until end_batch()).

        Each such check is still atomic (a savepoint of its own); the batch commits every BATCH_CHECKS
        checks or BATCH_SECONDS. Anything else (a version, an error, an outbox row) commits the open batch
        first and is written in its own transaction as always, so a version and its alerts are committed
        together at once; a crash loses at most the batch's unchanged-check rows.
        """
        self._batching = True

    def end_batch(self) -> None:
        """Commit the open batch and go back to a transaction per check."""
        self._batching = False
        self.flush()

    def flush_if_due(self) -> None:
        """Commit the open batch if it has been open BATCH_SECONDS (the run calls it while it waits)."""
        if self._batched and time.monotonic() - self._batch_started > BATCH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Commit the unchanged checks of the open batch, if any (a failure loses only those rows)."""
        if not self._batched:
            return
        n, self._batched = self._batched, 0
        try:
            self.store.commit()
        except TosdiffError as e:
            log.error("%d unchanged checks could not be recorded: %s", n, e)

    def record(self, f: Fetched, state: LastState, run_id: str) -> CheckResult:
        """Write one document's check, snapshot, version and alerts in one transaction.

        While batching, a plainly unchanged check is a savepoint in the batch's transaction instead.
        """
        if not (self._batching and _plainly_unchanged(f, state)):
            self.flush()
            return self._record(f, state, run_id)
        if not self._batched:
            self._batch_started = time.monotonic()
            try:
                self.store.begin()
            except TosdiffError:
                return self._record(f, state, run_id)  # which records the same fault as an error
        self._queued = False
        result = self._record(f, state, run_id)  # a savepoint inside the batch's transaction
        self._batched += 1
        if (
            self._queued
            or self._batched >= BATCH_CHECKS
            or time.monotonic() - self._batch_started > BATCH_SECONDS
        ):
            self.flush()  # an alert (a recovery) is committed as promptly as before
        return result

    def _record(self, f: Fetched, state: LastState, run_id: str) -> CheckResult:
        doc = f.doc
        res = f.result
        check_fields: dict[str, Any] = dict(
            run_id=run_id,
            started_at=f.started_at,
            finished_at=now_iso(),
            duration_ms=int((time.monotonic() - f.started) * 1000),
            http_status=res.status if res else None,
            attempts=res.attempts if res else 1,
        )
        try:
            with self.store.transaction():
                self.store.upsert_document(doc.name, doc.url, doc.service, doc.title, doc.type)
                new_text = f.text is not None and f.text_hash != state.text_hash
                # The previous text is read only now, and only when the page's text changed.
                old_text = state.text
                if new_text and old_text is None and state.text_hash is not None:
                    old_text = self.store.text(state.text_hash)
                if new_text and old_text and f.error is None:
                    shrunk = shrink_error(doc, old_text, f.text or "")
                    if shrunk is not None:
                        f = replace(f, error=shrunk, text=None)
                judged: TextDiff | None = None
                if new_text and old_text is not None and f.error is None and state.version is not None:
                    # A version is a change only when a reader would see it: a text that differs in
                    # nothing visible (whitespace, list nesting, markup, invisible characters) is the
                    # same terms, checked as unchanged.
                    # Imported here: an unchanged check never diffs (tosdiff.diff costs ~20 ms a run to import).
                    from tosdiff.diff import NO_CHANGE, compare_texts

                    judged = compare_texts(old_text, f.text or "")
                    new_text = judged.kind != NO_CHANGE
                if res is not None and res.not_modified and state.text_hash is None and f.error is None:
                    f = replace(f, error=first_304_error())
                # The page of a new text or of a failure is kept; with keep_snapshots = "versions" that
                # of an unchanged check is not (its hash, on the check row, is enough to recognise it).
                keep_page = new_text or f.error is not None or self.config.keep_snapshots == "all"
                snapshot_id = self._store_page(f) if keep_page else None
                if f.error is not None:
                    return self._record_error(f, f.error, state, snapshot_id, check_fields)
                assert res is not None
                if res.not_modified or not new_text:
                    return self._record_unchanged(f, state, snapshot_id, check_fields)
                return self._record_version(f, state, judged, snapshot_id, check_fields)
        except TosdiffError as e:
            return CheckResult(
                doc.name, ERROR, version=state.version, error=str(e), error_class=e.error_class
            )

    def _store_page(self, f: Fetched) -> int | None:
        """Store the fetched page (a 304 or a failed fetch has none); its snapshot id."""
        res = f.result
        if res is None or res.not_modified:
            return None
        snapshot_id, _ = self.store.put_snapshot(
            f.doc.name,
            res.body,
            url=res.url,
            http_status=res.status,
            content_type=res.content_type,
            etag=res.etag,
            last_modified=res.last_modified,
            fetched_at=f.started_at,
            digest=f.body_hash,
            compressed=f.compressed,
        )
        return snapshot_id

    def _record_error(
        self,
        f: Fetched,
        error: TosdiffError,
        state: LastState,
        snapshot_id: int | None,
        check_fields: dict[str, Any],
    ) -> CheckResult:
        """A failed check: the latest version stands; the failure and its page (if any) are kept."""
        doc = f.doc
        check_id = self.store.add_check(
            doc.name,
            outcome=ERROR,
            error=str(error),
            error_class=error.error_class,
            snapshot_id=snapshot_id,
            body_hash=f.body_hash,
            **check_fields,
        )
        result = CheckResult(
            doc.name,
            ERROR,
            version=state.version,
            previous_version=state.version,
            error=str(error),
            error_class=error.error_class,
            check_id=check_id,
        )
        self.enqueue_status(doc, result)
        return result

    def _record_unchanged(
        self, f: Fetched, state: LastState, snapshot_id: int | None, check_fields: dict[str, Any]
    ) -> CheckResult:
        """The same text as the latest version (a 304, the same bytes, or a page read to the same text)."""
        if f.selection_hash and not f.skipped_render and f.text is not None and state.text_hash:
            # Read in full to the latest text: its selection hash lets the next check skip rendering.
            self.store.put_selection_hash(f.doc.name, state.text_hash, f.selection_hash)
        result = self._add_check(f, state, UNCHANGED, state.version, snapshot_id, check_fields)
        self.enqueue_status(f.doc, result)
        return result

    def _record_version(
        self,
        f: Fetched,
        state: LastState,
        judged: TextDiff | None,
        snapshot_id: int | None,
        check_fields: dict[str, Any],
    ) -> CheckResult:
        """A new text: a new, changed, reverted or links version, diffed and flagged, its change alerted."""
        doc = f.doc
        assert f.text is not None and f.text_hash is not None
        earlier = self.store.version_by_text(doc.name, f.text_hash)
        changes: tuple[SectionChange, ...] = ()
        flags: tuple = ()
        if state.version is None:
            status = NEW
        else:
            from tosdiff.diff import CONTENT, LINKS_ONLY

            # The invariant: `changed` and `reverted` only with visible words changed (and a change that
            # shows them); where links point alone is `links`; anything else never reaches this point.
            assert judged is not None and judged.kind in (CONTENT, LINKS_ONLY), "a version needs a change"
            changes = judged.changes
            if judged.kind == LINKS_ONLY:
                status = LINKS
            else:
                status = REVERTED if earlier is not None else CHANGED
                flags = compute_flags(changes, self.config.rules, doc.language)
        flips = self._alternation(doc.name, f.text_hash) if status != NEW else 0
        recorded_at = now_iso()
        number = self.store.add_version(
            doc.name,
            f.text,
            snapshot_id=snapshot_id,
            extractor_version=extract_mod.EXTRACTOR_VERSION,
            fingerprint=fingerprint(doc),
            kind=status,
            reverted_to=earlier if status in (REVERTED, LINKS) else None,
            summary=change_summary(changes),
            recorded_at=recorded_at,
        )
        if f.selection_hash:
            self.store.put_selection_hash(doc.name, f.text_hash, f.selection_hash)
        result = self._add_check(f, state, status, number, snapshot_id, check_fields, changes, flags)
        self.enqueue_change(doc, result, state, recorded_at, flips, text=f.text)
        self.enqueue_status(doc, result)
        return result

    def _add_check(
        self,
        f: Fetched,
        state: LastState,
        status: str,
        number: int | None,
        snapshot_id: int | None,
        check_fields: dict[str, Any],
        changes: tuple[SectionChange, ...] = (),
        flags: tuple = (),
    ) -> CheckResult:
        """The check row of a successful check, then the snapshot pruning; the check's result."""
        res = f.result
        assert res is not None
        # A 304 may leave out the validators: the previous ones then still hold.
        etag = res.etag if not res.not_modified else (res.etag or state.etag)
        last_mod = res.last_modified if not res.not_modified else (res.last_modified or state.last_modified)
        check_id = self.store.add_check(
            f.doc.name,
            outcome=status,
            snapshot_id=snapshot_id,
            # A 304 vouches that the bytes are those seen last time: carry their hash on.
            body_hash=state.snapshot_hash if res.not_modified else f.body_hash,
            version=number,
            etag=etag,
            last_modified=last_mod,
            **check_fields,
        )
        self.prune(f.doc.name, snapshot_id)
        return CheckResult(
            f.doc.name,
            status,
            version=number,
            previous_version=state.version,
            changes=changes,
            flags=flags,
            check_id=check_id,
        )

    def prune(self, document: str, snapshot_id: int | None) -> None:
        """Keep raw snapshots of versions and the latest fetch only, unless the config keeps all."""
        if snapshot_id is not None and self.config.keep_snapshots == "versions":
            self.store.prune_snapshots(document, keep=snapshot_id)

    def _alternation(self, document: str, new_hash: str) -> int:
        """How many of the latest texts, the new one included, alternate between two texts (A B A B: 4).

        Technical versions are left out: they re-derive a text, they are not a flip of the page.
        """
        rows = self.store.versions(document, newest_first=True, limit=24)
        recent = [r["text_hash"] for r in rows if not r.get("technical")]
        return alternation([new_hash, *recent])

    def enqueue_change(
        self,
        doc: Document,
        result: CheckResult,
        state: LastState,
        recorded_at: str,
        flips: int = 0,
        text: str | None = None,
    ) -> None:
        """Queue alerts for a change in the same transaction as its version.

        A page that flaps between two texts is alerted once, on the flip that shows it alternates
        (A B A B), whatever alert_on_revert says; later flips stay quiet until a third text appears.
        A revert that brings back a flagged clause (A B C B, B flagged) is news, and alerted too.
        """
        if not self.config.alerts or result.status == NEW:
            return
        flapping = flips == FLAP_SHOWN and result.status in (REVERTED, LINKS)
        if flips > FLAP_SHOWN:
            return  # still the same two texts: said once already
        if result.status == LINKS and not doc.alert_on_links:
            return
        from tosdiff.alerts import build_change_event, enqueue
        from tosdiff.alerts.message import reintroduces_flags

        if result.status == REVERTED and not (doc.alert_on_revert or flapping or reintroduces_flags(result)):
            return

        event = build_change_event(
            doc, result, recorded_at=recorded_at, previous_recorded_at=state.recorded_at, text=text
        )
        if flapping:
            event["flapping"] = {"versions": [result.previous_version, result.version]}
        self._queued |= enqueue(self.store.db, list(self.config.alerts), event) > 0

    def enqueue_status(self, doc: Document, result: CheckResult) -> None:
        """Report reachability on every check; the outbox queues only a change (error or recovery)."""
        if not self.config.alerts:
            return
        from tosdiff.alerts import build_status_event, enqueue

        kind = "error" if result.status == ERROR else "recovery"
        event = build_status_event(doc, kind, result.error if result.status == ERROR else None, now_iso())
        self._queued |= enqueue(self.store.db, list(self.config.alerts), event) > 0

    def deliver(self, should_stop: Callable[[], bool] | None = None) -> list:
        """Send what the outbox holds for the configured notifiers (never raises); once `should_stop()`
        says so, no new message is sent and the rest stay pending."""
        if not self.config.alerts:
            return []
        try:
            from tosdiff.alerts import deliver_pending

            return list(deliver_pending(self.store.db, list(self.config.alerts), should_stop=should_stop))
        except Exception as e:  # noqa: BLE001 - a broken notifier must not fail the recorded run
            log.error("alert delivery failed: %s", e)
            return []
