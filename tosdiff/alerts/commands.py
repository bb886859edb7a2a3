"""`tosdiff alerts test|list|retry`: the CLI side of the alerts, registered by tosdiff.cli."""

from __future__ import annotations

import argparse
import json
from typing import Any

from tosdiff.alerts.message import one_line
from tosdiff.alerts.outbox import deliver_pending, list_deliveries, retry, send_test
from tosdiff.errors import ConfigError

STATUSES = ("pending", "sending", "delivered", "failed", "expired")


def register(sub: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Add the `alerts` command (with test / list / retry) to the CLI's subparsers."""
    p = sub.add_parser("alerts", parents=[common], help="test notifiers, list and retry queued alerts")
    p.set_defaults(func=cmd_alerts)
    asub = p.add_subparsers(dest="alerts_command", required=True, metavar="ACTION")
    t = asub.add_parser("test", parents=[common], help="send a sample alert to all or the named notifiers")
    t.add_argument("notifiers", nargs="*", metavar="NOTIFIER")
    t.add_argument("--json", action="store_true")
    ls = asub.add_parser("list", parents=[common], help="queued and past deliveries, newest first")
    ls.add_argument("--status", choices=STATUSES, default=None)
    ls.add_argument("--json", action="store_true")
    r = asub.add_parser(
        "retry", parents=[common], help="make failed/expired deliveries due now and send them"
    )
    r.add_argument(
        "ids", nargs="*", type=int, metavar="ID", help="delivery ids (default: all failed/expired)"
    )
    r.add_argument("--no-send", action="store_true", help="only requeue; the next check delivers")
    r.add_argument("--json", action="store_true")
    return p


def cmd_alerts(args: argparse.Namespace) -> int:
    """Run `tosdiff alerts ACTION`; exit 0 on success, 1 when a delivery failed."""
    from tosdiff.cli import _load, _open_store  # the CLI's own config and store handling

    config = _load(args)
    notifiers = list(config.alerts)
    if args.alerts_command == "test":
        chosen = [n for n in notifiers if not args.notifiers or n.name in args.notifiers]
        unknown = set(args.notifiers) - {n.name for n in notifiers}
        if unknown:
            raise ConfigError(f"no notifier named {', '.join(sorted(unknown))} in [[alerts]]")
        outcomes = [send_test(n) for n in chosen]
        _print_outcomes(outcomes, args.json)
        return 1 if any(o.status != "delivered" for o in outcomes) else 0
    store = _open_store(config)
    try:
        if args.alerts_command == "list":
            rows = list_deliveries(store.db, args.status)
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            else:
                for r in rows:
                    err = f"  [{one_line(r['last_error'], 120)}]" if r["last_error"] else ""
                    print(f"{r['id']:>5} {r['status']:<9} {r['notifier']:<16} {r['created_at']} "
                          f"tries={r['attempts']} {one_line(r['summary'], 100)}{err}")  # fmt: skip
            return 0
        n = retry(store.db, args.ids or None)
        outcomes = [] if args.no_send else deliver_pending(store.db, notifiers)
        if args.json:
            print(json.dumps({"requeued": n, "outcomes": [o.__dict__ for o in outcomes]}, default=list))
        else:
            print(f"requeued {n} deliveries")
            _print_outcomes(outcomes, False)
        return 1 if any(o.status != "delivered" for o in outcomes) else 0
    finally:
        store.close()


def _print_outcomes(outcomes: list, as_json: bool) -> None:
    if as_json:
        print(json.dumps([o.__dict__ for o in outcomes], default=list, ensure_ascii=False, indent=2))
        return
    for o in outcomes:
        print(f"{o.notifier}: {o.status}" + (f" ({one_line(o.error, 300)})" if o.error else ""))
