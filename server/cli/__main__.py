"""`python -m psychopy_lsp.server.cli`: how editors start the server from a chosen interpreter."""

import sys

from . import main

sys.exit(main())
