"""budgetlib as users get it: a core that needs only pandas, and a wheel installed outside the checkout.

The wheel test builds the wheel offline from a copy of the project, installs
it with ``--no-deps`` into a fresh virtual environment in a temporary folder,
and lets that environment see this environment's third-party packages through
a ``.pth`` file holding our site-packages path. Python appends such a path to
``sys.path`` without processing the ``.pth`` files inside it, so the editable
install of the checkout stays invisible and the wheel's budgetlib is the one
that runs.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

import budgetlib
from tests.conftest import DATA_DIR, PROJECT

REPORT_STACK = {
    "matplotlib",
    "papermill",
    "nbformat",
    "nbclient",
    "nbconvert",
    "jupyter_client",
    "ipykernel",
    "IPython",
    "nh3",
    "openpyxl",
}
SHOW_REPORT_STACK = f"print(sorted(m for m in sys.modules if m.partition('.')[0] in {REPORT_STACK!r}))"


def imported_by(code: str) -> str:
    """What ``code``, run in a fresh interpreter, leaves imported of the report stack."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{code}\n{SHOW_REPORT_STACK}"],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_loading_checking_and_listing_need_no_report_stack() -> None:
    """``pip install budgetlib`` without extras is enough to load, reconcile, list and check."""
    code = (
        "import budgetlib\n"
        f"budgetlib.reconcile(budgetlib.load({str(DATA_DIR)!r}))\n"
        "from budgetlib.cli import main\n"
        f"assert main(['--data-dir', {str(DATA_DIR)!r}, 'list']) == 0\n"
        f"assert main(['--data-dir', {str(DATA_DIR)!r}, 'check']) == 1"
    )
    assert imported_by(code) == "[]"


@dataclass(frozen=True)
class Installed:
    """A virtual environment outside the checkout with the built wheel installed."""

    wheel: Path
    bin: Path
    site_packages: Path
    work: Path  # an empty working folder

    def run(
        self, *arguments: str, cwd: Path | None = None, **variables: str
    ) -> subprocess.CompletedProcess[str]:
        """``budgetlib ARGUMENTS`` from the installed console script, without this checkout on any path."""
        return subprocess.run(
            [str(self.bin / "budgetlib"), *arguments],
            capture_output=True,
            text=True,
            cwd=cwd or self.work,
            env=outside_the_checkout() | variables,
            timeout=600,
        )


def outside_the_checkout() -> dict[str, str]:
    """This process's environment without the checkout's source on the path and without a data folder.

    pip would install nbconvert's templates into the new environment's
    ``share/jupyter``; borrowed through the ``.pth`` file, they are found
    where this environment keeps them.
    """
    unset = ("PYTHONPATH", "BUDGETLIB_DATA", "VIRTUAL_ENV")
    environment = {k: v for k, v in os.environ.items() if k not in unset}
    return environment | {"JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}


def _python_output(python: Path, code: str) -> str:
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("install")
    source = _mkdir(root / "source")  # a copy, so the build writes nothing into the checkout
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(PROJECT / name, source / name)
    shutil.copytree(
        PROJECT / "src", source / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    offline = ["--no-deps", "--no-index", "--no-build-isolation"]
    subprocess.run([*pip, "wheel", *offline, "--wheel-dir", str(root / "dist"), str(source)], check=True)
    (wheel,) = (root / "dist").glob("budgetlib-*.whl")

    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)], check=True
    )
    site_packages = Path(_python_output(python, "import sysconfig; print(sysconfig.get_paths()['purelib'])"))
    # written only after pip ran, so pip never sees (nor offers to replace) this environment's budgetlib
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (site_packages / "budgetlib-test-dependencies.pth").write_text("".join(f"{path}\n" for path in ours))
    return Installed(wheel, venv / "bin", site_packages, _mkdir(root / "work"))


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _dev_output(*arguments: str) -> str:
    """What this checkout's budgetlib prints for the same command."""
    done = subprocess.run([sys.executable, "-m", "budgetlib", *arguments], capture_output=True, text=True)
    return done.stdout


@pytest.mark.slow
def test_the_wheel_is_the_budgetlib_that_runs(installed: Installed) -> None:
    where = subprocess.run(
        [str(installed.bin / "python"), "-c", "import budgetlib; print(budgetlib.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed.work,
        env=outside_the_checkout(),
    ).stdout.strip()
    assert Path(where) == installed.site_packages / "budgetlib" / "__init__.py"
    done = installed.run("--version")
    assert (done.returncode, done.stdout) == (0, f"budgetlib {budgetlib.__version__}\n")


@pytest.mark.slow
def test_the_wheel_holds_every_file_of_the_package_and_its_metadata(installed: Installed) -> None:
    package = PROJECT / "src" / "budgetlib"
    expected = {
        f"budgetlib/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = wheel.read(metadata_name).decode()
    assert "budgetlib/py.typed" in expected
    assert sorted(expected - names) == []
    assert f"\nVersion: {budgetlib.__version__}\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    requirements = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert [line for line in requirements if "extra ==" not in line] == ["Requires-Dist: pandas>=2.2"]


@pytest.mark.slow
def test_list_and_check_with_data_dir(installed: Installed) -> None:
    listed = installed.run("--data-dir", str(DATA_DIR), "list", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == _dev_output("--data-dir", str(DATA_DIR), "list", "--format", "csv")
    checked = installed.run("--data-dir", str(DATA_DIR), "check")
    assert checked.returncode == 1, checked.stderr  # document 003's unit slips
    assert checked.stdout == _dev_output("--data-dir", str(DATA_DIR), "check")


@pytest.mark.slow
def test_list_reads_the_environment_variable_then_the_current_directory(
    installed: Installed, tmp_path: Path
) -> None:
    expected = _dev_output("--data-dir", str(DATA_DIR), "list", "--format", "csv")
    from_environment = installed.run("list", "--format", "csv", BUDGETLIB_DATA=str(DATA_DIR))
    assert (from_environment.returncode, from_environment.stdout) == (0, expected)

    nothing_here = installed.run("list")
    assert nothing_here.returncode == 2
    assert f"{installed.work / 'data'}: datakatalogen finns inte" in nothing_here.stderr

    shutil.copytree(DATA_DIR, tmp_path / "data")
    from_current_directory = installed.run("list", "--format", "csv", cwd=tmp_path)
    assert (from_current_directory.returncode, from_current_directory.stdout) == (0, expected)


@pytest.mark.slow
def test_report_runs_the_notebooks_shipped_in_the_wheel(installed: Installed, tmp_path: Path) -> None:
    region = ["--region", "Region Jämtland Härjedalen", "--jobs", "1"]
    done = installed.run("--data-dir", str(DATA_DIR), "report", *region, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "3 klar" in done.stderr
    page = (tmp_path / "reports" / "region-jamtland-harjedalen" / "hsn-2024.html").read_text("utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\u00a0", " ")
    assert "Ram 2024: 3 356,1 mkr" in text  # 002 line 24: "uppgår till 3356,1 mkr"
