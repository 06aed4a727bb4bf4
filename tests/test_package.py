import subprocess
import sys

from tests.conftest import REPO


def test_cleaners_never_imports_prefect():
    """The library stays free of orchestration, so it can be tested and reused without Prefect."""
    code = (
        "import sys, pkgutil, importlib, cleaners\n"
        "for m in pkgutil.iter_modules(cleaners.__path__):\n"
        "    importlib.import_module('cleaners.' + m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] == 'prefect'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
