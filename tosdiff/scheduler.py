"""The daemon: APScheduler 3.x running the same pipeline as `tosdiff check`, one job per schedule.

Documents that share a schedule share one job, so a group is checked concurrently by the same
worker pool as `check`; jobs run one at a time (a single-thread executor) so the database keeps
one writer. Each run takes the lock beside the database, so cron runs and the daemon interleave
safely. SIGTERM/SIGINT stop after the document being recorded; SIGHUP reloads the config.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor as APSThreadPool
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from tosdiff.config import Config, load_config
from tosdiff.errors import ConfigError, TosdiffError
from tosdiff.models import Document, RunReport
from tosdiff.schema import parse_duration

log = logging.getLogger("tosdiff.daemon")


@dataclass(frozen=True)
class ScheduleKey:
    """How a document is scheduled: a cron expression or an interval in seconds."""

    cron: str = ""
    every: float = 0.0

    def describe(self) -> str:
        """'cron 0 */6 * * *' or 'every 21600s'."""
        # 15 digits, not :g's six: 1000000 and 1000001 seconds are two schedules (and two job ids).
        return f"cron {self.cron}" if self.cron else f"every {self.every:.15g}s"


def schedule_of(doc: Document, config: Config) -> ScheduleKey:
    """The document's own schedule, else the config's default."""
    if doc.every:
        return ScheduleKey(every=parse_duration(doc.every, f"documents.{doc.name}.every", allow_zero=True))
    if doc.schedule:
        return ScheduleKey(cron=doc.schedule)
    if config.schedule.every:
        return ScheduleKey(every=parse_duration(config.schedule.every, "schedule.every", allow_zero=True))
    return ScheduleKey(cron=config.schedule.default)


# How many of a cron schedule's next fire times are looked at to find its shortest gap (a week of
# "0 9 * * 1-5", a year of "0 0 1 * *").
CRON_GAPS = 12


def shortest_gap(key: ScheduleKey, now: datetime | None = None) -> float:
    """Seconds between two runs of a schedule: the interval, or a cron's shortest gap between its next runs."""
    if not key.cron:
        return key.every
    trigger = _cron(key)
    now = now or datetime.now(UTC)
    times: list[datetime] = []
    at: datetime | None = trigger.get_next_fire_time(None, now)
    while at is not None and len(times) <= CRON_GAPS:
        times.append(at)
        at = trigger.get_next_fire_time(None, at + timedelta(microseconds=1))
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
    return min(gaps) if gaps else float("inf")


def capped_jitter(key: ScheduleKey, jitter: float, now: datetime | None = None) -> float:
    """The jitter for a schedule: the configured one, but never more than a tenth of its shortest gap.

    APScheduler adds up to `jitter` seconds to every run; more than the interval would put the first
    check of `every = "2s"` minutes away and stretch every later one (each run starts from the last).
    """
    if not jitter:
        return 0.0
    return min(float(jitter), shortest_gap(key, now) / 10)


def _cron(key: ScheduleKey) -> CronTrigger:
    try:
        return CronTrigger.from_crontab(key.cron, timezone=UTC)
    except ValueError as e:
        raise ConfigError(f"bad schedule {key.describe()!r}: {e}") from None


def make_trigger(key: ScheduleKey, jitter: float) -> CronTrigger | IntervalTrigger:
    """An APScheduler trigger for a schedule key, its jitter capped; ConfigError for a bad cron expression."""
    jitter = capped_jitter(key, jitter)
    if key.cron:
        trigger = _cron(key)
        trigger.jitter = jitter or None  # from_crontab() takes no jitter argument
        return trigger
    try:
        return IntervalTrigger(seconds=key.every, timezone=UTC, jitter=jitter or None)
    except ValueError as e:
        raise ConfigError(f"bad schedule {key.describe()!r}: {e}") from None


def job_id(key: ScheduleKey) -> str:
    """The scheduler job of a schedule: the same schedule keeps the same job across reloads."""
    return f"schedule {key.describe()}"


def next_run_times(config: Config, now: datetime | None = None) -> dict[str, datetime | None]:
    """When each document would next be checked by the daemon (without jitter)."""
    now = now or datetime.now(UTC)
    out: dict[str, datetime | None] = {}
    for doc in config.documents:
        key = schedule_of(doc, config)
        trigger = make_trigger(key, 0)
        if isinstance(trigger, IntervalTrigger):
            out[doc.name] = now + timedelta(seconds=key.every)
        else:
            out[doc.name] = trigger.get_next_fire_time(None, now)
    return out


RunFn = Callable[[Config, list[str], Callable[[], bool]], RunReport]


def marker_path(config: Config) -> Path:
    """Where a daemon says it runs for this database (beside it, like the run lock): `<database>.daemon`."""
    return config.storage_path.with_name(config.storage_path.name + ".daemon")


@dataclass(frozen=True)
class DaemonState:
    """Whether a daemon runs for a database, as `tosdiff status` says it."""

    running: bool
    detail: str  # 'running (pid 123, since …)', 'stopped at …', 'pid 123 is gone', 'never started'


def daemon_state(config: Config) -> DaemonState:
    """Read the daemon's marker: running only when it is not marked stopped and its process still exists."""
    from tosdiff.alerts.outbox import process_gone

    try:
        marker = json.loads(marker_path(config).read_text())
        pid, started = int(marker["pid"]), str(marker["started_at"])
    except FileNotFoundError:
        return DaemonState(False, "no daemon has run for this database")
    except (OSError, ValueError, KeyError, TypeError):
        return DaemonState(False, f"{marker_path(config)} cannot be read")
    if marker.get("stopped_at"):
        return DaemonState(False, f"stopped at {marker['stopped_at']}")
    if process_gone(str(marker.get("process") or "")):
        # Killed (SIGKILL, a crash, a reboot): it could not mark itself stopped.
        return DaemonState(False, f"pid {pid} (started {started}) is gone")
    return DaemonState(True, f"running (pid {pid}, started {started})")


class Daemon:
    """Owns the scheduler, the signal handlers, the config reloads and the health reporting."""

    def __init__(
        self,
        config_path: Path,
        run: RunFn,
        *,
        status_file: Path | None = None,
        health_port: int | None = None,
    ) -> None:
        self.config_path = config_path
        self.config = load_config(config_path)
        self.run_fn = run
        self.status_file = status_file
        self.health_port = health_port
        self.stop_event = threading.Event()
        # Imported here, not in the signal handler: a handler must not run an import.
        from tosdiff.alerts.outbox import resume_deliveries, stop_deliveries

        self._stop_deliveries, self._resume_deliveries = stop_deliveries, resume_deliveries
        self.reload_event = threading.Event()
        # Next run per job, refreshed by the main thread only. A job thread or the health endpoint
        # asking APScheduler itself would deadlock a stopping daemon: shutdown(wait=True) holds the
        # job-store lock while it waits for the running job, and get_jobs() needs that lock.
        self._next_runs: dict[str, str | None] = {}
        self.scheduler = BackgroundScheduler(
            executors={"default": APSThreadPool(1)},
            timezone=UTC,
        )
        self.started_at = datetime.now(UTC)
        self.stopped_at: datetime | None = None
        self._marker: Path | None = None
        self._previous_marker: str | None = None  # a still-running daemon's marker this one wrote over
        self.runs = 0
        self.last_run: dict[str, Any] | None = None
        self._http: ThreadingHTTPServer | None = None

    # --- scheduling ---

    def _install_jobs(self) -> None:
        """One job per schedule; a job whose schedule is already installed keeps its next run time.

        A reload (SIGHUP) goes through here too: were every job replaced, a daemon reloaded more often
        than its interval (a daily `systemctl reload` with every = "1d") would never check.
        """
        groups: dict[ScheduleKey, list[str]] = {}
        for doc in self.config.documents:
            groups.setdefault(schedule_of(doc, self.config), []).append(doc.name)
        sched = self.config.schedule
        wanted = {job_id(key) for key in groups}
        for job in self.scheduler.get_jobs():
            if job.id not in wanted:
                job.remove()
        for key, names in sorted(groups.items(), key=lambda kv: kv[0].describe()):
            name = f"{key.describe()}: {', '.join(names)}"
            jitter = capped_jitter(key, sched.jitter)
            if jitter < sched.jitter:
                log.info(
                    "jitter %gs for %s: a tenth of its interval, not %ds",
                    jitter,
                    key.describe(),
                    sched.jitter,
                )
            job = self.scheduler.get_job(job_id(key))
            if job is not None:
                changes: dict[str, Any] = {
                    "args": [names],
                    "name": name,
                    "misfire_grace_time": sched.misfire_grace,
                }
                if (job.trigger.jitter or 0.0) != jitter:
                    # Same schedule, new jitter: the new trigger, the run time already planned.
                    changes.update(trigger=make_trigger(key, sched.jitter), next_run_time=job.next_run_time)
                job.modify(**changes)
                continue
            self.scheduler.add_job(
                self._job,
                trigger=make_trigger(key, sched.jitter),
                args=[names],
                id=job_id(key),
                name=name,
                max_instances=1,
                coalesce=True,
                misfire_grace_time=sched.misfire_grace,
            )

    def _job(self, names: list[str]) -> None:
        started = datetime.now(UTC)
        try:
            report = self.run_fn(self.config, names, self.stop_event.is_set)
            summary = report.statuses()  # counted by the run: a big run keeps no result per document
            self.last_run = {"at": started.isoformat(), "documents": report.checked, "outcomes": summary}
            log.info(
                "checked %d documents: %s",
                report.checked,
                ", ".join(f"{k} {v}" for k, v in sorted(summary.items())),
            )
        except TosdiffError as e:
            self.last_run = {"at": started.isoformat(), "error": str(e)}
            log.error("run failed: %s", e)
        except Exception as e:  # noqa: BLE001 - the daemon must outlive any one bad run
            self.last_run = {"at": started.isoformat(), "error": repr(e)}
            log.exception("run crashed")
        self.runs += 1
        self._write_status()

    def log_next_runs(self) -> None:
        """Refresh, then log, every job's next run time (at start and after a reload; main thread)."""
        self._refresh_next_runs()
        for name, when in self._next_runs.items():
            log.info("next run %s  %s", when or "never", name)

    # --- health ---

    def status(self) -> dict[str, Any]:
        """The daemon's health as plain data (status file and /health)."""
        return {
            "pid": os.getpid(),
            "started_at": self.started_at.isoformat(),
            "runs": self.runs,
            "last_run": self.last_run,
            "config": str(self.config_path),
            # A stopped daemon plans nothing: its last status file must not read as a schedule.
            "running": self.stopped_at is None,
            "stopped_at": self.stopped_at.isoformat() if self.stopped_at else None,
            "next_runs": dict(self._next_runs) if self.stopped_at is None else {},
        }

    def _refresh_next_runs(self) -> None:
        """Read each job's next run time from the scheduler (main thread only; see _next_runs)."""
        self._next_runs = {
            job.name: job.next_run_time.isoformat() if job.next_run_time else None
            for job in self.scheduler.get_jobs()
        }

    def _write_marker(self, *, stopped: bool = False) -> None:
        """Say beside the database that this daemon runs (or has stopped), for `tosdiff status`."""
        from tosdiff.alerts.outbox import process_gone, this_process

        data = {
            "pid": os.getpid(),
            "process": this_process(),
            "started_at": self.started_at.isoformat(),
            "stopped_at": datetime.now(UTC).isoformat() if stopped else None,
            "config": str(self.config_path),
        }
        path = self._marker or marker_path(self.config)
        self._marker = path  # where it was said at start, even if a reload moved the database since
        if stopped:
            # A second daemon for the same database may have written the marker since: only the
            # daemon the marker names may say it stopped, and a daemon that was running before this
            # one and still runs gets its marker back.
            try:
                if json.loads(path.read_text()).get("process") != data["process"]:
                    return
            except (OSError, ValueError, AttributeError):
                pass
            previous = self._previous_marker
            if previous:
                try:
                    if not process_gone(str(json.loads(previous).get("process") or "")):
                        path.write_text(previous)
                        return
                except (OSError, ValueError, AttributeError):
                    pass
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_text(json.dumps(data, indent=2))
            os.replace(tmp, path)
        except OSError as e:  # the database folder is written by every run: this is only a courtesy
            log.warning("cannot write %s: %s", path, e.strerror or e)

    def _write_status(self) -> None:
        if not self.status_file:
            return
        tmp = self.status_file.with_suffix(self.status_file.suffix + ".tmp")
        tmp.write_text(json.dumps(self.status(), indent=2))
        os.replace(tmp, self.status_file)  # atomic: a supervisor never reads half a file

    def _stop(self) -> None:
        """On SIGTERM/SIGINT: the run stops after its document, and no new alert delivery starts."""
        self.stop_event.set()
        # Pending alerts stay queued for the next run; those sending finish within their timeout, so the
        # daemon exits well before a supervisor's stop timeout (systemd: 90 s) kills it mid-send.
        self._stop_deliveries()

    def _install_signal_handlers(self) -> None:
        signal.signal(signal.SIGTERM, lambda *_: self._stop())
        signal.signal(signal.SIGINT, lambda *_: self._stop())
        signal.signal(signal.SIGHUP, lambda *_: self.reload_event.set())

    def prepare(self) -> None:
        """Create the status file's folder and bind the health port; OSError says what is wrong.

        Done before any job starts, so a bad --status-file or a port in use stops the daemon at once
        with one clear line instead of a traceback after the first run. The signal handlers come
        first: a supervisor that sees the status file may send SIGTERM at once, and it must stop the
        daemon cleanly, not kill it.
        """
        self._install_signal_handlers()
        # Another daemon for this database that still runs: it is said in the log, and its marker is
        # put back when this one stops, so `status` keeps telling the truth. (Never refused: a marker
        # from another host or a reused pid cannot be told from a live daemon, and a refusal there
        # would keep a restarted daemon down for good.)
        other = daemon_state(self.config)
        if other.running:
            log.warning("another daemon seems to run for %s: %s", self.config.storage_path, other.detail)
            try:
                self._previous_marker = marker_path(self.config).read_text()
            except OSError:
                self._previous_marker = None
        if self.status_file is not None:
            self.status_file.parent.mkdir(parents=True, exist_ok=True)
            self._write_status()
        if self.health_port is not None and self._http is None:
            self._http = self._bind_health()

    def _bind_health(self) -> ThreadingHTTPServer:
        daemon = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = json.dumps(daemon.status()).encode()
                self.send_response(200 if self.path in ("/", "/health") else 404)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return ThreadingHTTPServer(("127.0.0.1", self.health_port or 0), Handler)

    def _serve_health(self) -> None:
        if self._http is None:
            self._http = self._bind_health()
        threading.Thread(target=self._http.serve_forever, daemon=True, name="tosdiff-health").start()
        log.info("health endpoint on http://127.0.0.1:%d/health", self._http.server_address[1])

    # --- lifecycle ---

    def reload(self) -> None:
        """Re-read the config; on error keep the old one and say why."""
        try:
            new = load_config(self.config_path)
        except ConfigError as e:
            log.error("reload refused, keeping the running config: %s", e)
            return
        self.config = new
        self._install_jobs()
        log.info("config reloaded from %s", self.config_path)
        self.log_next_runs()

    def run_forever(self, *, run_now: bool = False) -> int:
        """Start, wait for signals, stop cleanly; returns the exit status (0)."""
        self._resume_deliveries()  # a daemon started again in this process delivers again
        self._install_signal_handlers()
        self._install_jobs()
        if run_now:
            for job in self.scheduler.get_jobs():
                job.modify(next_run_time=datetime.now(UTC))
        self.scheduler.start()
        if self.health_port is not None:
            self._serve_health()
        log.info("tosdiff daemon started (pid %d), %d documents", os.getpid(), len(self.config.documents))
        self.log_next_runs()
        self._write_marker()
        self._write_status()
        while not self.stop_event.is_set():
            self.stop_event.wait(0.5)
            if self.reload_event.is_set():
                self.reload_event.clear()
                self.reload()
            self._refresh_next_runs()
        log.info("stopping: finishing the document being recorded")
        # wait=True: a running check stops after the current document (it polls stop_event)
        # and its transaction commits or rolls back whole.
        self.scheduler.shutdown(wait=True)
        self._resume_deliveries()  # the run has ended: nothing of this daemon is left to hold back
        if self._http:
            self._http.shutdown()
        self.stopped_at = datetime.now(UTC)
        self._write_marker(stopped=True)
        self._write_status()
        log.info("stopped")
        return 0
