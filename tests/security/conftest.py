"""The payload fixture site, generated and built once per test session (``python -m build_scripts build``)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from .payloads import write_payload_project


@dataclass(frozen=True)
class BuiltSite:
    project: Path
    site: Path


def run_build(project: Path, *extra: str, hash_seed: str = "") -> subprocess.CompletedProcess:
    """``python -m build_scripts build`` in ``project`` (SOURCE_DATE_EPOCH left to sitebuild)."""
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if hash_seed:
        env["PYTHONHASHSEED"] = hash_seed  # set and dict-of-set orders differ between seeds
    return subprocess.run([sys.executable, "-m", "build_scripts", "build", *extra], cwd=project, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    project = tmp_path_factory.mktemp("payloads")
    write_payload_project(project)
    result = run_build(project)
    assert result.returncode == 0, f"payload site did not build:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(project, project / "site")
