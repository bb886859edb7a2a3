"""Run the CLI as `python -m tosdiff`."""

from tosdiff.cli import main

raise SystemExit(main())
