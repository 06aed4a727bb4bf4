"""Where Prefect keeps its state when ibidem runs it, set before Prefect is imported.

With no `PREFECT_API_URL`, flows run on Prefect's own temporary local server; its database and
profiles go under `.prefect/` in the folder ibidem runs from, not the user's home, unless
`PREFECT_HOME` says otherwise.  The temporary server takes 7-16 s to start on a new database
here, more on a loaded machine, so the start-up timeout is raised from Prefect's 20 s.
"""

from __future__ import annotations

import os
from pathlib import Path

STARTUP_TIMEOUT_SECONDS = "120"
#: The page cache (`cleaners.page_cache`): read PDF pages by sha256, under the project folder.
CACHE_DIR = Path(".cache/pages")
#: Processes that clean documents side by side, by default.
CORES = os.cpu_count() or 1


def configure_prefect(project_dir: Path | None = None) -> None:
    """Set Prefect's environment defaults for ibidem; values already set are left alone."""
    folder = (project_dir or Path.cwd()).resolve()
    os.environ.setdefault("PREFECT_HOME", str(folder / ".prefect"))
    os.environ.setdefault(
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", STARTUP_TIMEOUT_SECONDS
    )
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_UI_ENABLED", "false")
