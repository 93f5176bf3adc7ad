"""Test-wide isolation: the user's own imported models (in $XDG_DATA_HOME) must not change
what the tests see, so the whole run gets an empty data folder of its own."""

import os
import tempfile

os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="unrolled-tests-")
os.environ.pop("UNROLLED_USER_MODELS_DIR", None)
