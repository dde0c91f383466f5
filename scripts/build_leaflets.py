#!/usr/bin/env python3
"""Build leaflets: a thin entry point into the package.

    python scripts/build_leaflets.py                      # every leaflet, into build/leaflets/
    python scripts/build_leaflets.py --only families --lang fa

`make build` builds the site and all leaflets together (into site/materials/)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from returnguide.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["leaflets", *sys.argv[1:]]))
