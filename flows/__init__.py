"""ibidem's orchestration: Prefect tasks and flows over `cleaners`, and the `ibidem` CLI.

One document's way: `document.py` (clean one input, write its outputs) -> `batch.py` (every
input in a folder, one task each, failures kept apart) -> `cli.py` (`ibidem run`, `ibidem rerun`).
"""

from .settings import configure_prefect

configure_prefect()
