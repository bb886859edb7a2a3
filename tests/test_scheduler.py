"""The daemon's timing: jitter bounded by the schedule, and reloads that keep the planned run times."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import write_config
from tosdiff.models import RunReport
from tosdiff.scheduler import Daemon, ScheduleKey, capped_jitter, job_id, make_trigger, shortest_gap

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


@pytest.mark.parametrize(
    ("key", "jitter", "expected"),
    [
        (ScheduleKey(every=2), 300, 0.2),
        (ScheduleKey(every=86400), 300, 300),
        (ScheduleKey(every=600), 0, 0),
        (ScheduleKey(cron="* * * * *"), 300, 6),
        (ScheduleKey(cron="*/5 9-17 * * *"), 300, 30),
        # Weekdays at nine: the shortest gap is a day (Monday to Tuesday), not Friday to Monday.
        (ScheduleKey(cron="0 9 * * 1-5"), 300, 300),
        (ScheduleKey(cron="0 9 * * 1-5"), 100_000, 8640),
    ],
)
def test_jitter_is_at_most_a_tenth_of_the_shortest_gap(
    key: ScheduleKey, jitter: int, expected: float
) -> None:
    assert capped_jitter(key, jitter, NOW) == pytest.approx(expected)


def test_cron_gaps_are_read_from_the_schedule() -> None:
    assert shortest_gap(ScheduleKey(cron="0 */6 * * *"), NOW) == 6 * 3600
    assert shortest_gap(ScheduleKey(cron="0 0 1 * *"), NOW) == 28 * 86400  # February
    assert shortest_gap(ScheduleKey(every=90), NOW) == 90


def test_triggers_fire_within_a_tenth_of_the_interval() -> None:
    now = datetime.now(UTC)
    trigger = make_trigger(ScheduleKey(every=2), 300)  # the default jitter against a short interval
    firsts = [trigger.get_next_fire_time(None, now) for _ in range(200)]
    assert all(timedelta(seconds=1.9) <= t - now <= timedelta(seconds=2.3) for t in firsts)
    nexts = [trigger.get_next_fire_time(firsts[0], now) - firsts[0] for _ in range(200)]
    assert all(timedelta(seconds=2) <= gap <= timedelta(seconds=2.2) for gap in nexts)
    cron = make_trigger(ScheduleKey(cron="* * * * *"), 300)
    due = datetime(2026, 3, 2, 8, 1, tzinfo=UTC)
    runs = [cron.get_next_fire_time(None, NOW + timedelta(seconds=1)) for _ in range(200)]
    assert all(due <= t <= due + timedelta(seconds=6) for t in runs)


def _noop(config, names, stop) -> RunReport:  # type: ignore[no-untyped-def]
    raise AssertionError("no run expected")


def test_reload_keeps_the_run_time_of_every_unchanged_schedule(tmp_path: Path) -> None:
    docs = [
        {"name": "a", "url": "https://a.example/", "every": "1h"},
        {"name": "b", "url": "https://b.example/", "schedule": "0 9 * * *"},
    ]
    path = write_config(tmp_path, docs, extra="\n[schedule]\njitter = 0\n")
    daemon = Daemon(path, _noop)
    daemon.scheduler.start(paused=True)
    try:
        daemon.reload()
        planned = {job.id: job.next_run_time for job in daemon.scheduler.get_jobs()}
        assert len(planned) == 2
        # Another document on the same interval, and a new jitter: the same jobs, the same times.
        docs.append({"name": "c", "url": "https://c.example/", "every": "1h"})
        write_config(tmp_path, docs, extra="\n[schedule]\njitter = 60\n")
        daemon.reload()
        jobs = {job.id: job for job in daemon.scheduler.get_jobs()}
        assert {i: j.next_run_time for i, j in jobs.items()} == planned
        hourly = jobs["schedule every 3600s"]
        assert hourly.name == "every 3600s: a, c" and list(hourly.args) == [["a", "c"]]
        assert jobs["schedule every 3600s"].trigger.jitter == 60
        # A changed schedule gets a time of its own; a schedule nobody uses any more goes.
        docs[0]["every"] = "2h"
        del docs[1]
        write_config(tmp_path, docs, extra="\n[schedule]\njitter = 0\n")
        daemon.reload()
        jobs = {job.id: job for job in daemon.scheduler.get_jobs()}
        assert sorted(jobs) == ["schedule every 3600s", "schedule every 7200s"]
        assert jobs["schedule every 3600s"].next_run_time == planned["schedule every 3600s"]
        until = jobs["schedule every 7200s"].next_run_time - datetime.now(UTC)
        assert timedelta(seconds=7190) < until <= timedelta(seconds=7200)
    finally:
        daemon.scheduler.shutdown(wait=False)


def test_every_schedule_has_a_job_of_its_own() -> None:
    keys = [ScheduleKey(every=1_000_000), ScheduleKey(every=1_000_001), ScheduleKey(cron="0 9 * * *")]
    assert len({job_id(k) for k in keys}) == 3


def test_a_run_ending_while_the_daemon_stops_does_not_deadlock(tmp_path: Path) -> None:
    """SIGTERM during a run: shutdown(wait=True) holds APScheduler's job-store lock while the run ends
    and writes the status file; the status must not ask the scheduler for its jobs then."""
    path = write_config(
        tmp_path,
        [{"name": "a", "url": "https://a.example/", "every": "1h"}],
        extra="\n[schedule]\njitter = 0\n",
    )
    entered, release = threading.Event(), threading.Event()

    def slow_run(config, names, stop) -> RunReport:  # type: ignore[no-untyped-def]
        entered.set()
        release.wait(10)
        return RunReport()

    status = tmp_path / "status.json"
    daemon = Daemon(path, slow_run, status_file=status)
    daemon.scheduler.start(paused=True)
    daemon.reload()
    for job in daemon.scheduler.get_jobs():
        job.modify(next_run_time=datetime.now(UTC))
    daemon.scheduler.resume()
    assert entered.wait(10)
    stopper = threading.Thread(target=daemon.scheduler.shutdown, kwargs={"wait": True})
    stopper.start()
    # Let shutdown take the job-store lock and wait for the run; then the run ends.
    for _ in range(100):
        if not daemon.scheduler.running:
            break
        time.sleep(0.01)
    time.sleep(0.2)
    release.set()
    stopper.join(10)
    assert not stopper.is_alive(), "shutdown deadlocked with the run's status write"
    assert daemon.runs == 1 and status.exists()
