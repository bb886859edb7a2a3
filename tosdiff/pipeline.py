"""Chains the stages: fetch -> extract -> store -> diff -> flags -> outbox. Only this module does.

A check run is: the technical upgrade (re-derive texts whose extractor or selectors changed), then
the run loop (tosdiff.runner: fetch threads, each document fetched and extracted by tosdiff.work and
recorded by the single writer, tosdiff.record), then delivery of the alerts it queued. Re-extraction
re-derives the latest texts from stored pages without fetching anything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from tosdiff import extract as extract_mod
from tosdiff.config import Config
from tosdiff.errors import BAD_CONTENT, ExtractError, TosdiffError
from tosdiff.models import ERROR, UNCHANGED, CheckResult, Document, RunReport
from tosdiff.pages import extract_pages
from tosdiff.record import change_summary, compute_changes, shrink_error
from tosdiff.runner import Checker
from tosdiff.store import Store, sha256
from tosdiff.work import fingerprint

__all__ = [
    "TECHNICAL",
    "check_documents",
    "compute_changes",
    "fingerprint",
    "reextract_documents",
    "technical_upgrade",
]

log = logging.getLogger("tosdiff")

TECHNICAL = "technical"  # the kind and status of a version re-derived from a stored page (never alerted)


def _selected(config: Config, names: Iterable[str]) -> list[Document]:
    """The named documents, or all of the config's when none are named."""
    wanted = list(names)
    return [config.document(n) for n in wanted] if wanted else list(config.documents)


def technical_upgrade(config: Config, store: Store, docs: Iterable[Document]) -> dict[str, int]:
    """Re-derive the latest text of documents whose extractor or selectors changed since it was recorded.

    A new extractor or new selectors change the text without the terms changing: the latest text is
    re-derived from its stored snapshot first (a `technical` version, never alerted), so the fetch
    that follows is compared like with like (Open Terms Archive's "technical upgrade"). Returns how
    many documents ended with each status; the results themselves are logged and let go one by one (a new
    extractor re-derives every document, and a run must not hold them all).
    """
    docs = list(docs)
    latest = store.latest_fingerprints([d.name for d in docs])  # one statement for the whole run
    stale = [d.name for d in docs if d.name in latest and latest[d.name] != fingerprint(d)]
    counts: dict[str, int] = {}
    if not stale:
        return counts  # (no names would mean every document to _reextract_each)
    for r in _reextract_each(config, store, stale):
        counts[r.status] = counts.get(r.status, 0) + 1
        if r.status == TECHNICAL:
            log.info("%s: extractor or selectors changed; recorded technical version %s", r.name, r.version)
        elif r.status == ERROR:
            log.info("%s: could not re-derive the text (%s); checking as usual", r.name, r.error)
    return counts


def check_documents(
    config: Config,
    store: Store,
    names: Iterable[str] = (),
    *,
    workers: int | None = None,
    host_delay: float | None = None,
    processes: int | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
    run_id: str | None = None,
    deliver: bool = True,
    should_stop: Callable[[], bool] | None = None,
    on_start: Callable[[Document], None] | None = None,
    keep_results: bool = True,
) -> RunReport:
    """Check the named documents (all when none are named) and return the run's report.

    `keep_results=False`: the report holds the counts per status only (the results go to `on_result`).
    `processes` (default: the config's `[fetch] processes`, itself 0) runs extraction in that many
    worker processes for runs of more than Checker.POOL_MIN_DOCS documents; 0 keeps it in the fetch
    threads.
    """
    docs = _selected(config, names)
    technical_upgrade(config, store, docs)
    checker = Checker(config, store, workers=workers, host_delay=host_delay, processes=processes)
    try:
        return checker.check(
            docs,
            on_result=on_result,
            run_id=run_id,
            deliver=deliver,
            should_stop=should_stop,
            on_start=on_start,
            keep_results=keep_results,
        )
    finally:
        checker.close()


def reextract_documents(config: Config, store: Store, names: Iterable[str] = ()) -> list[CheckResult]:
    """Re-extract the newest snapshots; record a never-alerted `technical` version where the text differs."""
    return list(_reextract_each(config, store, names))


def _reextract_each(config: Config, store: Store, names: Iterable[str] = ()) -> Iterator[CheckResult]:
    """reextract_documents one document at a time: each result is yielded as soon as it is recorded."""
    for doc in _selected(config, names):
        latest = store.latest_version(doc.name)
        if latest is None:
            # Never checked: nothing to re-derive, and nothing wrong either.
            yield CheckResult(doc.name, UNCHANGED)
            continue
        try:
            yield _reextract(store, doc, latest)
        except TosdiffError as e:
            yield CheckResult(
                doc.name,
                ERROR,
                version=latest["version"],
                previous_version=latest["version"],
                error=str(e),
                error_class=e.error_class,
            )
        except Exception as e:  # noqa: BLE001 - one broken document must never stop the others
            yield CheckResult(
                doc.name,
                ERROR,
                version=latest["version"],
                error=f"re-extraction failed: {e!r}",
                error_class=BAD_CONTENT,
            )


def _reextract(store: Store, doc: Document, latest: dict[str, Any]) -> CheckResult:
    """Re-derive one document's latest text from its newest readable page; record it if it differs."""
    # The newest stored body that read successfully: every good check since the latest version had the
    # same text, so its snapshot is as valid a source as the version's own (with keep_snapshots =
    # "all" it is fresher; otherwise it is the version's own).
    snapshot_id = store.newest_readable_snapshot(doc.name) or latest["snapshot_id"]
    if snapshot_id is None:
        raise ExtractError("no stored snapshot to re-derive the text from", BAD_CONTENT)
    snap = store.snapshot(snapshot_id)
    if doc.sources:  # a bundle of pages (tosdiff.pages), each read with its own selectors
        text = extract_pages(snap["body"], doc)
    else:
        text = extract_mod.extract(
            snap["body"],
            snap["content_type"],
            url=snap["url"],
            select=doc.select,
            remove=doc.remove,
            ignore=doc.ignore,
        )
    old_text = store.text(latest["text_hash"])
    if sha256(text) == latest["text_hash"]:
        # The current extractor and selectors reproduce the latest text exactly: say so on the row, so
        # the next check does not re-derive it again.
        with store.transaction():
            store.mark_reproduced(
                doc.name, latest["version"], fingerprint(doc), extract_mod.EXTRACTOR_VERSION
            )
        return CheckResult(doc.name, UNCHANGED, version=latest["version"], previous_version=latest["version"])
    shrunk = shrink_error(doc, old_text, text)
    if shrunk is not None:
        raise shrunk
    try:
        changes = compute_changes(old_text, text)
    except Exception as e:  # noqa: BLE001 - the summary is a courtesy; the version is what counts
        log.warning("%s: could not diff the re-derived text: %s", doc.name, e)
        changes = ()
    with store.transaction():
        number = store.add_version(
            doc.name,
            text,
            snapshot_id=snapshot_id,
            extractor_version=extract_mod.EXTRACTOR_VERSION,
            fingerprint=fingerprint(doc),
            kind=TECHNICAL,
            technical=True,
            summary=change_summary(changes),
        )
    return CheckResult(
        doc.name, TECHNICAL, version=number, previous_version=latest["version"], changes=changes
    )
