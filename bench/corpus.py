"""A local corpus server: N terms documents built from real pages, spread over loopback "sites".

Each document is a real raw page from ``../shared/data/replay/*/NNN.html`` or
``../shared/data/pages/*/*.html`` (navigation, scripts, banners and all) with a per-document sentence
injected into its terms text, so every document has its own text. A document has a *version* (bumping
it changes that sentence: a real text change) and a *noise* variant (bumping it moves to another real
snapshot whose terms text is the same, plus a new build id in a script and an attribute). Every
response can also carry per-request noise: a nonce in a script and in an attribute.

Sites are loopback addresses 127.0.0.2, 127.0.0.3, ... (Linux routes all of 127.0.0.0/8 to lo), one
ThreadingHTTPServer per address, never bound to anything but loopback. Each site has its own response
latency and counts its requests, conditional requests, 304s and the most requests it ever served at
once (the proof that a client is polite). Optional ETag / 304 support.

Use ``with Corpus(...) as corpus:``; the servers stop when the block ends.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"

# Which snapshots in ../shared/data/pages hold the same terms text (see its README).
_PAGE_GROUPS = (("v1.html",), ("v2-changed.html", "v3-noise-only.html"))
_PAGE_SELECT = {"cursor-terms": (".page",), "bardeen-terms": (".content-container",)}


class CorpusDataMissing(RuntimeError):
    """The shared real-data folder is absent (a fresh clone): benchmarks cannot run."""


@dataclass
class Group:
    """Real snapshots of one page whose terms text is the same: the noise variants of a template."""

    name: str
    select: tuple[str, ...]
    pages: list[str]  # raw HTML (decoded UTF-8)
    anchors: list[str]  # per page: a phrase of the terms text where the document sentence goes


@dataclass
class HostStats:
    """What one site saw."""

    address: str
    latency: float
    requests: int = 0
    conditional: int = 0
    not_modified: int = 0
    bytes_sent: int = 0
    active: int = 0
    max_active: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


def load_groups(data: Path = DATA) -> list[Group]:
    """Real terms pages grouped by identical terms text (from the replays' truth and the pages README)."""
    replay, pages = data / "replay", data / "pages"
    if not replay.is_dir() and not pages.is_dir():
        raise CorpusDataMissing(
            f"shared data not found at {data} (needs replay/ or pages/): the benchmarks need the real pages"
        )
    groups: list[Group] = []
    for folder in sorted(p for p in replay.glob("*") if p.is_dir()) if replay.is_dir() else []:
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        select = tuple(truth.get("select") or ())
        epoch: list[str] = []
        n = 0
        for step in truth["steps"]:
            if step["changed"] and epoch:
                groups.append(_group(f"{folder.name}#{n}", select, epoch))
                epoch, n = [], n + 1
            if step.get("broken"):
                continue
            epoch.append((folder / f"{step['step']:03d}.html").read_text(encoding="utf-8"))
        if epoch:
            groups.append(_group(f"{folder.name}#{n}", select, epoch))
    for folder in sorted(p for p in pages.glob("*") if p.is_dir()) if pages.is_dir() else []:
        select = _PAGE_SELECT.get(folder.name, ())
        for i, names in enumerate(_PAGE_GROUPS):
            files = [folder / n for n in names if (folder / n).exists()]
            if files:
                groups.append(
                    _group(f"pages/{folder.name}#{i}", select, [f.read_text(encoding="utf-8") for f in files])
                )
    groups = [g for g in groups if g.pages]
    if not groups:
        raise CorpusDataMissing(f"no usable pages under {data}")
    return groups


def _group(name: str, select: tuple[str, ...], pages: list[str]) -> Group:
    kept, anchors = [], []
    for page in pages:
        anchor = find_anchor(page, select)
        if anchor:
            kept.append(page)
            anchors.append(anchor)
    return Group(name, select, kept, anchors)


def find_anchor(page: str, select: tuple[str, ...]) -> str | None:
    """A phrase opening a long paragraph of the terms text, present verbatim in the raw HTML."""
    import lxml.html

    root = lxml.html.fromstring(page)
    scopes = [el for s in select for el in root.cssselect(s)] or [root]
    found: list[str] = []
    for scope in scopes:
        for p in scope.iter("p", "li"):
            lead = " ".join((p.text or "").split())
            if len(lead) < 60:
                continue
            phrase = " ".join(lead.split()[:7])
            # Only plain phrases: no markup characters, so replacing them never breaks the HTML.
            if len(phrase) >= 25 and not re.search(r"[<>&\"]", phrase) and phrase in page:
                found.append(phrase)
    # A clause from the middle of the terms, as real amendments are (and not the intro, which some
    # pages' layout keeps apart from the clauses).
    if found:
        return found[len(found) // 2]
    return None


def sentence(doc: int, version: int) -> str:
    """The per-document, per-version sentence injected into the terms text (a real text change)."""
    if version == 0:
        return f"This agreement is reference TD-{doc:05d}. "
    return (
        f"This agreement is reference TD-{doc:05d}, amendment {version}: the provider may use content "
        f"you submit under licence number {doc * 7919 + version} for the purposes set out in section {version}. "
    )


class Corpus:
    """N documents over loopback sites; mutate versions/noise between check cycles."""

    def __init__(
        self,
        n_docs: int,
        hosts: int | Iterable[float] = 4,
        *,
        latency: float = 0.0,
        host_of: Callable[[int], int] | None = None,
        etag: bool = False,
        nonce: bool = True,
        first_address: str = "127.0.0.2",
        data: Path = DATA,
        groups: list[Group] | None = None,
    ) -> None:
        self.groups = groups if groups is not None else load_groups(data)
        latencies = [latency] * hosts if isinstance(hosts, int) else list(hosts)
        start = ipaddress.IPv4Address(first_address)
        addresses = [str(start + i) for i in range(len(latencies))]
        if not all(ipaddress.IPv4Address(a) in ipaddress.IPv4Network("127.0.0.0/8") for a in addresses):
            raise ValueError("corpus sites must be 127.0.0.0/8 loopback addresses")
        self.stats = [HostStats(a, lat) for a, lat in zip(addresses, latencies, strict=True)]
        self.n_docs = n_docs
        self.host_of = host_of or (lambda i: i % len(self.stats))
        self.etag = etag
        self.nonce = nonce
        self.versions = [0] * n_docs
        self.noise = [0] * n_docs
        self._counter = 0
        self._counter_lock = threading.Lock()
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []
        self.ports: list[int] = []

    # --- documents ---

    def group_of(self, doc: int) -> Group:
        """The template group a document is built from (deterministic)."""
        return self.groups[doc % len(self.groups)]

    def select_of(self, doc: int) -> tuple[str, ...]:
        """The CSS selectors that pick the terms text of a document's pages."""
        return self.group_of(doc).select

    def url(self, doc: int) -> str:
        """The URL a document is served at."""
        h = self.host_of(doc)
        return f"http://{self.stats[h].address}:{self.ports[h]}/terms/{doc}"

    def key(self, doc: int) -> tuple[int, int, int]:
        """(doc, version, noise): what decides the page apart from per-request noise."""
        return doc, self.versions[doc], self.noise[doc]

    def page(self, doc: int, version: int | None = None, noise: int | None = None, nonce: str = "") -> bytes:
        """The raw bytes of a document at a version and noise variant (with a nonce when given)."""
        version = self.versions[doc] if version is None else version
        noise = self.noise[doc] if noise is None else noise
        g = self.group_of(doc)
        k = (doc // len(self.groups) + noise) % len(g.pages)
        html, anchor = g.pages[k], g.anchors[k]
        html = html.replace(anchor, sentence(doc, version) + anchor)
        # Build noise: what a redeploy changes (a build id in a script and an attribute).
        head = f'<script id="build-{noise}">self.__BUILD_ID="b{noise:04d}-{doc % 97}"</script>'
        body_attr = f' data-build="b{noise:04d}"'
        if nonce:
            head += f'<script nonce="{nonce}">window.__REQ_ID="{nonce}";</script>'
            body_attr += f' data-nonce="{nonce}"'
        html = html.replace("</head>", head + "</head>", 1)
        html = re.sub(r"<body\b", "<body" + body_attr, html, count=1)
        return html.encode("utf-8")

    def etag_of(self, doc: int) -> str:
        """The ETag of a document's current (version, noise) state."""
        return '"' + hashlib.sha1(repr(self.key(doc)).encode()).hexdigest()[:16] + '"'

    def advance(self, docs: Iterable[int]) -> None:
        """Move documents to their next version: a real change of their terms text."""
        for d in docs:
            self.versions[d] += 1

    def add_noise(self, docs: Iterable[int]) -> None:
        """Move documents to their next noise-only variant: other real snapshot, same terms text."""
        for d in docs:
            self.noise[d] += 1

    # --- counters ---

    def totals(self) -> dict[str, int]:
        """Sums over all sites, plus the largest per-site concurrency seen."""
        return {
            "requests": sum(s.requests for s in self.stats),
            "conditional": sum(s.conditional for s in self.stats),
            "not_modified": sum(s.not_modified for s in self.stats),
            "bytes_sent": sum(s.bytes_sent for s in self.stats),
            "max_per_host_concurrency": max((s.max_active for s in self.stats), default=0),
        }

    def reset_counters(self) -> None:
        """Zero the request counters (not the documents' state)."""
        for s in self.stats:
            with s.lock:
                s.requests = s.conditional = s.not_modified = s.bytes_sent = s.max_active = 0

    def floor(self, docs: Iterable[int], host_delay: float = 0.0) -> float:
        """The politeness floor of one cycle over `docs`: the largest, over sites, of pages x max(latency, delay).

        With one request at a time per site, no tool can check a site's pages faster than that.
        """
        per_site: dict[int, int] = {}
        for d in docs:
            h = self.host_of(d)
            per_site[h] = per_site.get(h, 0) + 1
        return max((n * max(self.stats[h].latency, host_delay) for h, n in per_site.items()), default=0.0)

    def set_latency(self, seconds: float, hosts: Iterable[int] | None = None) -> None:
        """Change the response latency of some (default all) sites."""
        for h in range(len(self.stats)) if hosts is None else hosts:
            self.stats[h].latency = seconds

    # --- serving ---

    def _next_nonce(self) -> str:
        with self._counter_lock:
            self._counter += 1
            n = self._counter
        return hashlib.sha1(f"nonce-{n}".encode()).hexdigest()[:22]

    def start(self) -> Corpus:
        """Bind one server per site address and serve in background threads."""
        port = 0
        # A thousand sites' serve_forever loops each wake every poll interval: slower polling then.
        poll = 0.2 if len(self.stats) <= 100 else 1.0
        for h, st in enumerate(self.stats):
            server = self._bind(st.address, port, h)
            port = server.server_address[1]  # same port on every address when it is free
            self.ports.append(port)
            self._servers.append(server)
            t = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": poll}, daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def _bind(self, address: str, port: int, host_index: int) -> ThreadingHTTPServer:
        handler = _make_handler(self, host_index)
        try:
            server = ThreadingHTTPServer((address, port), handler)
        except OSError:
            server = ThreadingHTTPServer((address, 0), handler)
        server.daemon_threads = True
        return server

    def stop(self) -> None:
        """Stop every server and close its socket."""
        # shutdown() waits up to a poll interval for its loop: all at once, not one after the other
        # (a thousand sites one by one took minutes).
        stoppers = [threading.Thread(target=s.shutdown, daemon=True) for s in self._servers]
        for t in stoppers:
            t.start()
        for t in stoppers:
            t.join(timeout=10)
        for s in self._servers:
            s.server_close()
        for t in self._threads:
            t.join(timeout=5)
        self._servers, self._threads = [], []

    def __enter__(self) -> Corpus:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _make_handler(corpus: Corpus, host_index: int) -> type[BaseHTTPRequestHandler]:
    stats = corpus.stats[host_index]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real servers
        timeout = 30  # an idle keep-alive connection ends; no handler thread waits forever
        server_version = "tosdiff-bench-corpus/1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
            """Stay quiet: thousands of requests per run."""

        def do_GET(self) -> None:  # noqa: N802 - stdlib naming
            """Serve one document page (or 304, or 404)."""
            with stats.lock:
                stats.requests += 1
                stats.active += 1
                stats.max_active = max(stats.max_active, stats.active)
            try:
                self._serve()
            finally:
                with stats.lock:
                    stats.active -= 1

        def _serve(self) -> None:
            if stats.latency > 0:
                time.sleep(stats.latency)
            m = re.fullmatch(r"/terms/(\d+)", self.path)
            doc = int(m.group(1)) if m else -1
            if not (0 <= doc < corpus.n_docs) or corpus.host_of(doc) != host_index:
                self._send(404, b"not found", "text/plain")
                return
            inm = self.headers.get("If-None-Match")
            if inm:
                with stats.lock:
                    stats.conditional += 1
            if corpus.etag:
                tag = corpus.etag_of(doc)
                if inm and tag in [t.strip() for t in inm.split(",")]:
                    with stats.lock:
                        stats.not_modified += 1
                    self._send(304, b"", None, tag)
                    return
            else:
                tag = None
            body = corpus.page(doc, nonce=corpus._next_nonce() if corpus.nonce else "")
            self._send(200, body, "text/html; charset=utf-8", tag)

        def _send(self, status: int, body: bytes, ctype: str | None, tag: str | None = None) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if tag:
                self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
            with stats.lock:
                stats.bytes_sent += len(body)

    return Handler


# --- helpers shared by the benchmark scripts ---


def byte_compile(package: Path) -> None:
    """Write the package's .pyc files, as pip does when it installs a package.

    The peer runs from a pip-installed venv, byte-compiled at install time; tosdiff runs from the
    source tree, and where PYTHONDONTWRITEBYTECODE is set (it is on this machine) every run would
    otherwise compile all of tosdiff again (about 60 ms of CPU per process).
    """
    import compileall

    compileall.compile_dir(str(package), quiet=1)


def _tree(pid: int) -> list[int]:
    """pid and its living descendants, from /proc/<pid>/task/<tid>/children (empty when unreadable)."""
    import os

    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return out


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return b""


def _hwm_kb(pid: int) -> int | None:
    """The peak resident set (VmHWM) of one living process, in KiB."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def run_measured(
    cmd: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 3600
) -> dict[str, object]:
    """Run a child process; return wall time, CPU seconds, peak RSS and its output.

    CPU is the child's own plus that of its waited-for children (os.wait4). Peak RSS is the sum, over
    the child and every descendant seen (tosdiff's extraction processes), of each one's VmHWM, read from
    /proc every 20 ms: the wait4 ru_maxrss cannot serve, because a child made by fork/vfork + exec
    keeps the maxrss of the parent's address space it started from (here the benchmark process with
    its whole corpus in memory). Where /proc is unreadable it falls back to ru_maxrss.
    """
    import os
    import subprocess
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=cwd)
        give_up = started + timeout
        peaks: dict[int, int] = {}
        root_cmdline = _cmdline(proc.pid)
        while True:
            for p in _tree(proc.pid):
                # A child caught between fork and exec still shows its parent's memory: skip it.
                if p != proc.pid and _cmdline(p) == root_cmdline:
                    continue
                kb = _hwm_kb(p)
                if kb is not None and kb > peaks.get(p, 0):
                    peaks[p] = kb
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > give_up:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "rc": proc.returncode,
            "wall": wall,
            "cpu": usage.ru_utime + usage.ru_stime,
            "maxrss_mb": (sum(peaks.values()) if peaks else usage.ru_maxrss) / 1024,
            "processes": len(peaks),
            "stdout": out.read().decode("utf-8", "replace"),
            "stderr": err.read().decode("utf-8", "replace"),
        }


def tosdiff_config(
    corpus: Corpus,
    docs: Iterable[int],
    db: Path,
    *,
    workers: int | None,
    host_delay: float,
    select: bool = True,
    processes: int = 0,
) -> str:
    """A tosdiff TOML config checking corpus documents (selectors from the real pages when `select`).

    `workers` None leaves tosdiff's default (fetch threads sized from the run's sites).
    """
    lines = [
        "[storage]",
        f"path = {json.dumps(str(db))}",
        "[fetch]",
        *([f"workers = {workers}"] if workers is not None else []),
        f"host_delay = {host_delay}",
        *([f"processes = {processes}"] if processes else []),
        "",
    ]
    for d in docs:
        lines += ["[[documents]]", f'name = "doc-{d:05d}"', f"url = {json.dumps(corpus.url(d))}"]
        if select:
            lines.append(f"select = {json.dumps(list(corpus.select_of(d)))}")
        lines.append("")
    return "\n".join(lines)
