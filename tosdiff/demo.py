"""`tosdiff demo`: a fully offline minute that shows what tosdiff catches.

A local HTTP server (127.0.0.1, ephemeral port) publishes three bundled versions of the terms of a
fictional service, Acme Cloud, one after the other. Each is checked through the real pipeline (a
config written to a temporary folder, ``check_documents`` into a temporary database), and the section
diff and flags are printed as ``tosdiff check`` and ``tosdiff diff`` would show them:

* v1 -> v2: section 10.4 gains a perpetual, sublicensable licence for "machine learning, artificial
  intelligence, training" (like Zoom's March 2023 section 10.4) and 10.5 Service Generated Data appears;
* v2 -> v3: a consent carve-out is added ("Acme will not use ... Customer Content to train our
  artificial intelligence models without your consent", like Zoom's August 2023 edit).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import tomlkit
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tosdiff.models import SEVERITIES, CheckResult, Flag, severity_rank
from tosdiff.render import Clipped, check_table
from tosdiff.sanitize import clean_text, one_line, safe_text

DEMO_NAME = "acme-cloud"
DEMO_FILES = ("acme-terms-v1.html", "acme-terms-v2.html", "acme-terms-v3.html")
# What happened at each step, in the words a newcomer needs.
DEMO_STORY = (
    "Acme Cloud publishes its terms of service (February 2023).",
    "Acme quietly rewrites its Customer Content section (March 2023).",
    "After public outcry, Acme adds a consent carve-out (August 2023).",
)
EXCERPT = 400  # characters of a flag's excerpt kept (then cut to two lines at the table's width)
SEVERITY_STYLE = dict(zip(SEVERITIES, ("dim", "cyan", "yellow", "bold red"), strict=True))


def demo_pages() -> list[bytes]:
    """The bundled HTML of the three demo versions, oldest first."""
    folder = resources.files("tosdiff") / "data" / "demo"
    return [(folder / name).read_bytes() for name in DEMO_FILES]


class DemoServer:
    """A local HTTP server that publishes one demo page at /terms; `publish` swaps the version."""

    def __init__(self, pages: Sequence[bytes]) -> None:
        self.pages = list(pages)
        self.current = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                if self.path.split("?")[0] != "/terms":
                    self.send_error(404)
                    return
                body = server.pages[server.current]
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:  # noqa: A002
                pass  # the demo's output is the diff, not an access log

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The URL of the published terms."""
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}/terms"

    def publish(self, index: int) -> None:
        """Serve version `index` (0-based) from now on."""
        self.current = index

    def __enter__(self) -> DemoServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def write_demo_config(folder: Path, url: str) -> Path:
    """Write a tosdiff.toml that tracks the demo page into `folder`; return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tosdiff.toml"
    # Through the TOML writer like every config tosdiff writes: the URL is quoted by tomlkit, not by hand.
    doc = tomlkit.document()
    doc.add(tomlkit.comment("Written by `tosdiff demo`: one fictional document served from this machine."))
    doc.add("storage", {"path": "snapshots/tosdiff.db"})
    doc.add("fetch", {"host_delay": 0, "retries": 0, "timeout": 10})
    document = {
        "name": DEMO_NAME,
        "url": url,
        "service": "Acme Cloud",
        "type": "Terms of Service",
        "title": "Acme Cloud Terms of Service",
        "select": ["#terms"],
    }
    doc.add(tomlkit.nl())
    doc.add("documents", tomlkit.aot())
    doc["documents"].append(document)
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return path


def flags_table(flags: Sequence[Flag]) -> Table:
    """Flags of one change as a table: the flag (severity, category, section, change), what it means."""
    # Two columns, the flag's facts stacked in the first: five side by side left "what it means"
    # a dozen characters at 80 columns (60 lines for three flags).
    table = Table(title="⚑ flags", title_justify="left", show_lines=True, expand=True)
    table.add_column("flag", no_wrap=True)
    table.add_column("what it means", ratio=1)
    # Worst first; a severity the ranking does not know comes last.
    for f in sorted(flags, key=lambda f: (-severity_rank(f.severity, unknown=-1), f.section)):
        change = " ".join(x for x in (f.change, f.direction and f"({f.direction} for users)") if x) or "-"
        if f.polarity == "protective":
            change += "\nprotective"
        flag = Text.assemble(
            (clean_text(f.severity), SEVERITY_STYLE.get(f.severity, "")),
            " ",
            (clean_text(f.category), "bold"),
            "\n§ ",
            clean_text(f.section),
            "\n",
            clean_text(change),
        )
        meaning = Group(safe_text(f.explanation))
        if f.excerpt:
            # The section diff above shows the whole clause; a line or two of it is enough to place it.
            excerpt = Clipped(safe_text(f"“{one_line(f.excerpt, EXCERPT)}”", "italic dim"), 2)
            meaning = Group(safe_text(f.explanation), excerpt)
        table.add_row(flag, meaning)
    return table


def change_view(result: CheckResult) -> RenderableType:
    """The section diff and flags of one checked version, as `tosdiff diff` shows them."""
    from tosdiff import diffview

    parts: list[RenderableType] = [
        diffview.to_rich(
            list(result.changes),
            header=f"{result.name} v{result.previous_version} → v{result.version}",
        )
    ]
    if result.flags:
        parts.append(flags_table(result.flags))
    return Group(*parts)


@dataclass(frozen=True)
class DemoRun:
    """What the demo produced: each step's result, and where its config and database are."""

    results: tuple[CheckResult, ...]
    config_path: Path


def run_checks(folder: Path, console: Console | None = None) -> DemoRun:
    """Publish and check the three demo versions into a database under `folder`, printing each step."""
    from tosdiff.config import load_config
    from tosdiff.pipeline import check_documents
    from tosdiff.store import Store

    results: list[CheckResult] = []
    with DemoServer(demo_pages()) as server:
        config_path = write_demo_config(folder, server.url)
        config = load_config(config_path)
        store = Store(config.storage_path)
        try:
            for step, story in enumerate(DEMO_STORY):
                server.publish(step)
                report = check_documents(config, store)
                result = report.results[0]
                results.append(result)
                if console is None:
                    continue
                console.rule(Text(f"Step {step + 1}/{len(DEMO_STORY)}: {story}", style="bold"))
                console.print(check_table(report))
                if result.changes:
                    console.print(change_view(result))
        finally:
            store.close()
    return DemoRun(tuple(results), config_path)


@contextmanager
def demo_folder(keep: Path | None) -> Iterator[Path]:
    """`keep` (created) when given, else a temporary folder removed afterwards."""
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        yield keep
        return
    with tempfile.TemporaryDirectory(prefix="tosdiff-demo-") as tmp:
        yield Path(tmp)


def run_demo(console: Console, keep: Path | None = None, report: Path | None = None) -> DemoRun:
    """The whole `tosdiff demo`: intro, three checks with diffs and flags, and what to do next."""
    console.print(
        Panel(
            Text.assemble(
                ("tosdiff demo", "bold"),
                " — offline. A local server publishes three versions of the terms of ",
                ("Acme Cloud", "bold"),
                " (a fictional service); tosdiff checks each one, diffs it clause by clause and "
                "flags risky changes. Modelled on Zoom's 2023 edits to section 10.4 of its terms.",
            ),
            expand=False,
        )
    )
    with demo_folder(keep) as folder:
        run = run_checks(folder, console)
        if report is not None:
            build_demo_report(run.config_path, report)
            console.print(f"HTML report written to {report / 'index.html'}")
        console.rule("What next")
        console.print(
            "  tosdiff init                  write a starter tosdiff.toml\n"
            "  tosdiff add URL               track the terms you care about\n"
            "  tosdiff check                 fetch, store, diff and flag them\n"
            "  tosdiff report --out site     browse every change as a static website"
        )
        if keep is not None:
            console.print(
                f"The demo's config and database are kept in {folder}: try "
                f"`tosdiff --config {run.config_path} history {DEMO_NAME}`."
            )
    return run


def build_demo_report(config_path: Path, out: Path) -> None:
    """Build the HTML report of a demo database (see tosdiff.report)."""
    from tosdiff.config import load_config
    from tosdiff.report import build_report
    from tosdiff.store import Store

    config = load_config(config_path)
    store = Store(config.storage_path)
    try:
        build_report(store, out, rules=config.rules)
    finally:
        store.close()
