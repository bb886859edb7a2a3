"""`tosdiff backfill NAME --wayback` against a local fake Wayback Machine (CDX JSON and `id_` snapshots).

The fake archive answers the CDX API with a 429 (Retry-After) first, then lists captures of the demo's
three Acme pages (Dec 2022, Apr 2023, Aug 2023) with, between them, a capture of the same text in other
bytes, a bot wall and a stub. Everything runs the real code: tosdiff's fetch over HTTP to 127.0.0.1,
the real extractor and a real SQLite store, and the real CLI as a subprocess for the end-to-end story.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import CLI
from tosdiff.config import load_config
from tosdiff.demo import demo_pages
from tosdiff.store import Store
from tosdiff.wayback import (
    ALREADY,
    BACKFILLED,
    RECORDED,
    STUB,
    UNCHANGED,
    WALL,
    Backfill,
    BackfillSummary,
    Capture,
    cdx_timestamp,
    parse_cdx,
    snapshot_url,
    thin,
    timestamp_iso,
)

TERMS_URL = "https://acme.example/terms"
V1, V2, V3 = demo_pages()
WALL_PAGE = (
    b"<html><head><title>Just a moment...</title></head><body><div id='terms'>"
    b"<p>Checking your browser before accessing acme.example.</p></div></body></html>"
)
STUB_PAGE = (
    b"<html><head><title>Acme terms</title></head><body><div id='terms'><h1>Terms of Service</h1>"
    b"<p>We are updating this page. Please come back soon to read our terms of service in full.</p>"
    b"</div></body></html>"
)
# Timestamp -> archived bytes. The same text in new bytes (a nonce) and a wall and a stub sit between.
CAPTURES = {
    "20221201093000": V1,
    "20230115120000": V1.replace(b"</body>", b"<!-- nonce 81f2 --></body>"),
    "20230210000000": WALL_PAGE,
    "20230301000000": STUB_PAGE,
    "20230401080000": V2,
    "20230801080000": V3,
}


class FakeArchive:
    """A local Wayback Machine: /cdx/search/cdx (JSON, one 429 first) and /web/<ts>id_/<url>."""

    def __init__(self, captures: dict[str, bytes], throttle: str = "first") -> None:
        self.captures = captures
        self.cdx_queries: list[dict[str, list[str]]] = []
        self.snapshot_paths: list[str] = []
        self.headers_seen: list[dict[str, str]] = []
        self.throttled = 0
        self.throttle = throttle  # "first": one 429 on the first CDX query; "all": every query
        archive = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                parts = urlsplit(self.path)
                archive.headers_seen.append({k.lower(): v for k, v in self.headers.items()})
                if parts.path == "/cdx/search/cdx":
                    archive.cdx_queries.append(parse_qs(parts.query))
                    if archive.throttle == "all" or (archive.throttle == "first" and not archive.throttled):
                        archive.throttled += 1
                        self.send_response(429)
                        self.send_header("Retry-After", "1")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    self._send(archive.cdx_body(parse_qs(parts.query)), "application/json")
                    return
                if parts.path.startswith("/web/"):
                    archive.snapshot_paths.append(self.path)
                    ts = parts.path.split("/")[2].removesuffix("id_")
                    if not parts.path.split("/")[2].endswith("id_") or ts not in archive.captures:
                        self.send_error(404)
                        return
                    self._send(archive.captures[ts], "text/html; charset=utf-8")
                    return
                self.send_error(404)

            def _send(self, body: bytes, content_type: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def cdx_body(self, query: dict[str, list[str]]) -> bytes:
        """The CDX API's JSON: a header row, then the captures within from/to (as the real one filters)."""
        since = query.get("from", [""])[0]
        until = query.get("to", [""])[0]
        rows: list[list[str]] = [["timestamp", "original", "mimetype", "statuscode", "digest"]]
        for ts in sorted(self.captures):
            if since and ts[: len(since)] < since or until and ts[: len(until)] > until:
                continue
            rows.append([ts, TERMS_URL, "text/html", "200", f"DIGEST{ts}"])
        return json.dumps(rows).encode()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FakeArchive:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def archive() -> Iterator[FakeArchive]:
    with FakeArchive(CAPTURES) as a:
        yield a


def write_config(folder: Path, endpoint: str, extra: str = "") -> Path:
    """A config with the Acme document, the fake archive as [wayback] endpoint, and a webhook notifier."""
    path = folder / "tosdiff.toml"
    path.write_text(
        f"""
[storage]
path = "db/tosdiff.db"

[fetch]
retries = 2
timeout = 10

[wayback]
endpoint = "{endpoint}/"
delay = 0

[[documents]]
name = "acme-terms"
url = "{TERMS_URL}"
select = ["#terms"]

[[alerts]]
kind = "webhook"
name = "ops"
url = "http://127.0.0.1:9/never-called"
{extra}""",
        encoding="utf-8",
    )
    return path


def run_backfill(config_path: Path, **kw: object) -> tuple[list, BackfillSummary]:
    config = load_config(config_path)
    store = Store(config.storage_path)
    try:
        items = list(Backfill(config, store, config.document("acme-terms")).run(**kw))  # type: ignore[arg-type]
    finally:
        store.close()
    summary = items[-1]
    assert isinstance(summary, BackfillSummary)
    return items[:-1], summary


def versions(config_path: Path) -> list[dict]:
    config = load_config(config_path)
    store = Store(config.storage_path)
    try:
        return [dict(r) for r in store.versions("acme-terms")]
    finally:
        store.close()


def test_timestamps_and_days_are_parsed_strictly() -> None:
    assert timestamp_iso("20230401080000") == "2023-04-01T08:00:00.000000Z"
    assert timestamp_iso("2023") == "2023-01-01T00:00:00.000000Z"
    assert cdx_timestamp("2023-04-01") == "20230401"
    assert cdx_timestamp("2023-04") == "202304"
    for bad in ("2023-02-30", "23-4-1", "yesterday", "2023-13"):
        with pytest.raises(ValueError):
            cdx_timestamp(bad)
    with pytest.raises(ValueError):
        timestamp_iso("2023x")


def test_parse_cdx_trusts_nothing_and_sorts_oldest_first() -> None:
    body = json.dumps(
        [
            ["timestamp", "original", "statuscode", "mimetype"],
            ["20230801080000", TERMS_URL, "200", "text/html"],
            ["20221201093000", TERMS_URL, "200", "text/html"],
            ["20230101000000", TERMS_URL, "404", "text/html"],  # not a 200: dropped
            ["2023010100", TERMS_URL, "200", "text/html"],  # not 14 digits
            ["20231340000000", TERMS_URL, "200", "text/html"],  # month 13
            ["20230901000000", "javascript:alert(1)", "200", "text/html"],  # not an http(s) URL
            ["20230901000000", TERMS_URL],  # wrong width
            {"timestamp": "20230901000000"},  # not a row
        ]
    ).encode()
    caps = parse_cdx(body)
    assert [c.timestamp for c in caps] == ["20221201093000", "20230801080000"]
    assert parse_cdx(b"") == [] and parse_cdx(b"[]") == []
    from tosdiff.errors import FetchError

    with pytest.raises(FetchError, match="not JSON"):
        parse_cdx(b"<html>rate limited</html>")


def test_thin_keeps_at_most_one_capture_per_interval() -> None:
    caps = [
        Capture(ts, TERMS_URL)
        for ts in ("20230101000000", "20230110000000", "20230205000000", "20230210000000")
    ]
    assert [c.timestamp for c in thin(caps, 30 * 86400)] == ["20230101000000", "20230205000000"]
    assert thin(caps, None) == caps


def test_snapshot_url_is_the_raw_id_form() -> None:
    url = snapshot_url(
        "https://web.archive.org", Capture("20230401080000", "https://acme.example/terms?lang=en")
    )
    assert url == "https://web.archive.org/web/20230401080000id_/https://acme.example/terms?lang=en"


def test_backfill_records_dated_versions_and_skips_walls_stubs_and_repeats(
    tmp_path: Path, archive: FakeArchive
) -> None:
    config_path = write_config(tmp_path, archive.endpoint)
    outcomes, summary = run_backfill(config_path)

    # The 429 was honoured: the CDX query was asked again (after its Retry-After), and succeeded.
    assert archive.throttled == 1 and len(archive.cdx_queries) == 2
    query = archive.cdx_queries[-1]
    assert query["url"] == [TERMS_URL] and query["output"] == ["json"]
    assert query["collapse"] == ["digest"] and query["filter"] == ["statuscode:200"]
    # Only raw id_ snapshots were read, one per capture.
    assert sorted(archive.snapshot_paths) == sorted(f"/web/{ts}id_/{TERMS_URL}" for ts in CAPTURES)

    by_ts = {o.timestamp: o for o in outcomes}
    assert by_ts["20221201093000"].status == RECORDED
    assert by_ts["20230115120000"].status == UNCHANGED  # other bytes, same text
    assert by_ts["20230210000000"].status == WALL
    assert by_ts["20230301000000"].status == STUB
    assert by_ts["20230401080000"].status == RECORDED
    assert by_ts["20230801080000"].status == RECORDED
    assert "10.4" in by_ts["20230401080000"].detail  # the change summary of the version
    assert summary.listed == 6 and summary.stopped is None

    rows = versions(config_path)
    assert [r["recorded_at"] for r in rows] == [
        "2022-12-01T09:30:00.000000Z",
        "2023-04-01T08:00:00.000000Z",
        "2023-08-01T08:00:00.000000Z",
    ]
    assert {r["kind"] for r in rows} == {BACKFILLED}
    assert all(r["snapshot_id"] for r in rows)  # the archived bytes are kept, for re-extraction

    # Backfilled versions are history: a notifier is configured, and nothing was queued for it.
    db = sqlite3.connect(load_config(config_path).storage_path)
    try:
        assert db.execute("SELECT COUNT(*) FROM deliveries").fetchone()[0] == 0
    finally:
        db.close()


def test_a_second_run_resumes_without_refetching_recorded_captures(
    tmp_path: Path, archive: FakeArchive
) -> None:
    config_path = write_config(tmp_path, archive.endpoint)
    run_backfill(config_path, since="2022", until="20230131")
    assert len(versions(config_path)) == 1
    fetched_before = list(archive.snapshot_paths)
    assert len(fetched_before) == 2  # the two captures of December and January only

    outcomes, summary = run_backfill(config_path)
    by_ts = {o.timestamp: o for o in outcomes}
    assert by_ts["20221201093000"].status == ALREADY
    new_paths = archive.snapshot_paths[len(fetched_before) :]
    assert f"/web/20221201093000id_/{TERMS_URL}" not in new_paths  # a recorded capture is not fetched again
    assert [r["recorded_at"][:10] for r in versions(config_path)] == [
        "2022-12-01",
        "2023-04-01",
        "2023-08-01",
    ]

    # A third run over everything records nothing new.
    outcomes, _ = run_backfill(config_path)
    assert not [o for o in outcomes if o.status == RECORDED]
    assert len(versions(config_path)) == 3


def test_every_thins_captures_before_fetching_them(tmp_path: Path, archive: FakeArchive) -> None:
    config_path = write_config(tmp_path, archive.endpoint)
    _, summary = run_backfill(config_path, every=150 * 86400.0)
    # Dec 1, then the first capture 150 days or more later (Aug 1): everything between is never fetched.
    assert summary.considered == 2
    assert len(archive.snapshot_paths) == 2
    assert [r["recorded_at"][:10] for r in versions(config_path)] == ["2022-12-01", "2023-08-01"]


def test_a_persistent_429_stops_the_backfill_with_a_clear_error(tmp_path: Path) -> None:
    with FakeArchive(CAPTURES, throttle="all") as a:
        proc = CLI(write_config(tmp_path, a.endpoint)).run("backfill", "acme-terms", "--wayback")
    assert proc.returncode == 1, proc.stderr
    assert "429" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert a.throttled == 3  # the first try and the config's two retries, each after its Retry-After
    assert a.snapshot_paths == []


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('endpoint = "ftp://archive.example"', "wayback.endpoint"),
        ('endpoint = "https://web.archive.org/?x=1"', "wayback.endpoint"),
        ('endpoint = "https://user:pw@web.archive.org"', "wayback.endpoint"),
        ("delay = -1", "wayback.delay"),
        ("endpiont = 'https://web.archive.org'", "wayback.endpiont"),
    ],
)
def test_wayback_config_is_validated(tmp_path: Path, table: str, message: str) -> None:
    path = tmp_path / "tosdiff.toml"
    path.write_text(f'[storage]\npath = "db.db"\n\n[wayback]\n{table}\n', encoding="utf-8")
    proc = CLI(path).run("list")
    assert proc.returncode == 2
    assert message in proc.stderr


def test_backfill_usage_errors_exit_2(tmp_path: Path, archive: FakeArchive) -> None:
    archive.throttle = "none"
    cli = CLI(write_config(tmp_path, archive.endpoint))
    assert cli.run("backfill", "acme-terms").returncode == 2  # no source named
    proc = cli.run("backfill", "acme-terms", "--wayback", "--from", "2023-02-30")
    assert proc.returncode == 2 and "2023-02-30" in proc.stderr
    proc = cli.run("backfill", "acme-terms", "--wayback", "--every", "monthly")
    assert proc.returncode == 2 and "--every" in proc.stderr
    proc = cli.run("backfill", "acme-terms", "--wayback", "--from", "2024", "--to", "2023")
    assert proc.returncode == 2 and "after" in proc.stderr
    assert cli.run("backfill", "nope", "--wayback").returncode == 2
    # A month to the end of its own year is a valid window, even though '2023-05' sorts after '2023'.
    assert (
        cli.run(
            "backfill", "acme-terms", "--wayback", "--from", "2023-05", "--to", "2023", "--json"
        ).returncode
        == 0
    )
    assert len(archive.cdx_queries) == 1  # only the valid window asked the archive anything


def test_a_document_url_with_credentials_is_never_sent_to_the_archive(
    tmp_path: Path, archive: FakeArchive
) -> None:
    path = write_config(tmp_path, archive.endpoint)
    path.write_text(path.read_text().replace(TERMS_URL, "https://acme.example/terms?token=s3cret"))
    proc = CLI(path).run("backfill", "acme-terms", "--wayback")
    assert proc.returncode == 1
    assert "credentials or secret" in proc.stderr and "s3cret" not in proc.stderr
    assert archive.cdx_queries == []


# A page of real length that holds none of the terms: what a moved or half-broken page archives as.
MOVED_PAGE = (
    b"<html><head><title>Acme</title></head><body><div id='terms'><h1>Acme Cloud</h1>"
    + b"".join(
        f"<p>Our legal pages have a new home in the Acme Help Center, section {i}, where every policy "
        f"is kept up to date for customers in every region we serve.</p>".encode()
        for i in range(6)
    )
    + b"</div></body></html>"
)


def test_a_shrunken_stub_is_skipped_and_the_documents_headers_never_reach_the_archive(tmp_path: Path) -> None:
    captures = {"20221201093000": V1, "20230105000000": MOVED_PAGE, "20230401080000": V2}
    with FakeArchive(captures, throttle="none") as a:
        path = write_config(tmp_path, a.endpoint)
        text = path.read_text().replace(
            'select = ["#terms"]',
            'select = ["#terms"]\nheaders = { Authorization = "Bearer s3cret", Cookie = "session=abc" }',
        )
        path.write_text(text)
        outcomes, summary = run_backfill(path)
    by_ts = {o.timestamp: o for o in outcomes}
    assert by_ts["20230105000000"].status == STUB
    assert "max_shrink" in by_ts["20230105000000"].detail
    assert [o.status for o in outcomes].count(RECORDED) == 2
    assert a.headers_seen and all("authorization" not in h and "cookie" not in h for h in a.headers_seen)
    assert all(h.get("user-agent", "").startswith("tosdiff/") for h in a.headers_seen)


class LivePage:
    """The document's live page today (the demo's v3) on 127.0.0.1."""

    def __init__(self, body: bytes) -> None:
        page = body

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/terms"


@pytest.mark.skipif(
    not hasattr(Store, "previous_version"),
    reason="needs a history ordered by recorded_at (the history-import branch): until then the newest "
    "version is the highest number, which a backfill of older captures is",
)
def test_a_backfill_after_live_checks_slots_in_before_them_and_the_next_check_is_unchanged(
    tmp_path: Path, archive: FakeArchive
) -> None:
    archive.throttle = "none"
    live = LivePage(V3)
    try:
        path = write_config(tmp_path, archive.endpoint)
        path.write_text(path.read_text().replace(f'url = "{TERMS_URL}"', f'url = "{live.url}"'))
        cli = CLI(path)
        code, first = cli.json("check")
        assert code == 0, first
        proc = cli.run("backfill", "acme-terms", "--wayback")
        assert proc.returncode == 0, proc.stderr
        code, again = cli.json("check")
        assert code == 0
        assert again["documents"][0]["status"] == "unchanged"  # type: ignore[index]
    finally:
        live.httpd.shutdown()
        live.httpd.server_close()
    code, history = cli.json("history", "acme-terms")
    assert [v["kind"] for v in history] == ["backfilled", "backfilled", "backfilled", "new"]  # type: ignore[index]
    db = sqlite3.connect(load_config(path).storage_path)
    try:
        assert db.execute("SELECT COUNT(*) FROM deliveries WHERE event_kind = 'change'").fetchone()[0] == 0
    finally:
        db.close()
