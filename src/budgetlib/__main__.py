"""``python -m budgetlib``: the same command line as ``budgetlib``."""

import sys

from budgetlib.cli import main

if __name__ == "__main__":
    sys.exit(main())
