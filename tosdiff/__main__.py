"""Run the CLI as `python -m tosdiff`."""

import gc

# No cyclic collections while the modules load: main() freezes what start-up made, then enables it.
gc.disable()

from tosdiff.cli import main  # noqa: E402

raise SystemExit(main())
