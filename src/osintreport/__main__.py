"""Run the command line as ``python -m osintreport``."""

import sys

from .cli import main

sys.exit(main())
