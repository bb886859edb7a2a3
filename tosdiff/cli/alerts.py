"""`tosdiff alerts test|list|retry|kinds`: try notifiers, see and requeue deliveries."""

from __future__ import annotations

import argparse
import json

from tosdiff.alerts import deliver_pending, list_deliveries, notifier_kinds, retry, send_test
from tosdiff.cli.common import ExitStatus, UsageError, load, say
from tosdiff.cli.common import console as make_console
from tosdiff.errors import ConfigError
from tosdiff.render import delivery_line, kinds_table, outcome_line
from tosdiff.sanitize import plural
from tosdiff.store import Store


def cmd_alerts(args: argparse.Namespace) -> int:
    """Run `tosdiff alerts ACTION`; exit 0 on success, 1 when a delivery failed."""
    if args.alerts_command == "kinds":
        return _kinds(args.json)
    config = load(args)
    notifiers = list(config.alerts)
    if args.alerts_command == "test":
        if not notifiers:
            raise UsageError(
                f"{config.path}: no notifiers to test: add an [[alerts]] table "
                "(the starter config has examples; `tosdiff alerts kinds` lists the kinds and their keys)"
            )
        chosen = [n for n in notifiers if not args.notifiers or n.name in args.notifiers]
        unknown = set(args.notifiers) - {n.name for n in notifiers}
        if unknown:
            raise ConfigError(f"no notifier named {', '.join(sorted(unknown))} in [[alerts]]")
        outcomes = [send_test(n) for n in chosen]
        _print_outcomes(outcomes, args.json)
        return ExitStatus.FAILED if any(o.status != "delivered" for o in outcomes) else ExitStatus.OK
    store = Store(config.storage_path)
    try:
        if args.alerts_command == "list":
            rows = list_deliveries(store.db, args.status)
            if args.json:
                print(json.dumps(rows, ensure_ascii=False, indent=2))
            elif not rows:
                what = f"{args.status} deliveries" if args.status else "deliveries"
                say(f"no {what} in the outbox" + ("" if notifiers else " (no [[alerts]] configured)"))
            else:
                for r in rows:
                    print(delivery_line(r))
            return ExitStatus.OK
        if args.ids:
            _retryable(store, args.ids)
        n = retry(store.db, args.ids or None)
        outcomes = [] if args.no_send else deliver_pending(store.db, notifiers)
        if args.json:
            print(json.dumps({"requeued": n, "outcomes": [o.__dict__ for o in outcomes]}, default=list))
        else:
            print(f"requeued {plural(n, 'delivery', 'deliveries')}")
            _print_outcomes(outcomes, False)
        return ExitStatus.FAILED if any(o.status != "delivered" for o in outcomes) else ExitStatus.OK
    finally:
        store.close()


def _retryable(store: Store, ids: list[int]) -> None:
    """UsageError naming the ids that are no delivery, or one already delivered (nothing to retry)."""
    status = {r["id"]: r["status"] for r in list_deliveries(store.db, None)}
    unknown = [str(i) for i in ids if i not in status]
    if unknown:
        raise UsageError(f"no delivery with id {', '.join(unknown)} (see `tosdiff alerts list`)")
    done = [str(i) for i in ids if status[i] in ("delivered", "sending")]
    if done:
        raise UsageError(f"delivery {', '.join(done)} is delivered or being sent: nothing to retry")


def _kinds(as_json: bool) -> int:
    """Print every notifier kind with its keys (`tosdiff alerts kinds`)."""
    from dataclasses import asdict

    from tosdiff.alerts.base import COMMON_KEYS

    kinds = notifier_kinds()
    if as_json:
        data = {"kinds": [asdict(k) for k in kinds], "common_keys": sorted(COMMON_KEYS)}
        print(json.dumps(data, indent=2))
    else:
        out = make_console()
        out.print(kinds_table(kinds))
        out.print("every kind also takes: " + ", ".join(sorted(COMMON_KEYS)), soft_wrap=True)
    return ExitStatus.OK


def _print_outcomes(outcomes: list, as_json: bool) -> None:
    if as_json:
        print(json.dumps([o.__dict__ for o in outcomes], default=list, ensure_ascii=False, indent=2))
        return
    for o in outcomes:
        print(outcome_line(o))
