"""Downloadable notebooks that run outside the repository (used by ``sphinx_ext``).

A chapter needs the project's ``analysis`` package and the data package of the version built.
The site carries both: ``reexecute/amlo_us_mexico-<version>-py3-none-any.whl`` (a pure-Python
wheel of ``src/analysis``, written here without a build backend), ``reexecute/requirements.lock``
(the exact pins) and the package zip (``data/amlo-us-mexico-relations.zip``). Each page's
``.ipynb`` download is the executed notebook with a first set-up cell: skipped where
``analysis`` is importable (a clone), otherwise it installs the wheel with the locked pins and
unpacks the data package beside the notebook, from local files or from the published site.
"""

from __future__ import annotations

import base64
import hashlib
import json
import tomllib
from pathlib import Path

import analysis
from analysis.book.sitedata import zip_bytes
from analysis.data import REPO_ROOT

FOLDER = "reexecute"
DIST = "amlo_us_mexico"
WHEEL_TIME = (2020, 1, 1, 0, 0, 0)


def wheel_name(version: str | None = None) -> str:
    return f"{DIST}-{version or analysis.__version__}-py3-none-any.whl"


def _requirements(pyproject: dict) -> list[str]:
    project = pyproject["project"]
    lines = list(project.get("dependencies", []))
    for extra, deps in project.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f"{dep}; extra == \"{extra}\"" for dep in deps]
    return lines


def _package_files(src: Path, pyproject: dict) -> set[Path]:
    """The modules of ``src/analysis`` and the package data ``[tool.setuptools.package-data]`` lists."""
    files = {p for p in (src / "analysis").rglob("*.py") if "__pycache__" not in p.parts}
    for package, patterns in pyproject.get("tool", {}).get("setuptools", {}).get("package-data", {}).items():
        for pattern in patterns:
            files |= {p for p in (src / package.replace(".", "/")).glob(pattern) if p.is_file()}
    return files


def wheel_bytes(root: Path = REPO_ROOT) -> bytes:
    """A wheel of ``src/analysis`` (modules and the package data pyproject lists)."""
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    version = analysis.__version__
    src = root / "src"
    files = sorted(_package_files(src, pyproject))
    dist_info = f"{DIST}-{version}.dist-info"
    requires = []
    for line in _requirements(pyproject):
        requires.append(line if line.startswith("Provides-Extra") else f"Requires-Dist: {line}")
    metadata = "\n".join([
        "Metadata-Version: 2.1", f"Name: {pyproject['project']['name']}", f"Version: {version}",
        f"Summary: {pyproject['project'].get('description', '')}",
        f"Requires-Python: {pyproject['project'].get('requires-python', '')}", *requires, "",
    ])
    wheel = "Wheel-Version: 1.0\nGenerator: analysis.book.standalone\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    members = [(str(p.relative_to(src)), p.read_bytes()) for p in files]
    members += [(f"{dist_info}/METADATA", metadata.encode()), (f"{dist_info}/WHEEL", wheel.encode())]
    record = []
    for name, payload in members:
        digest = base64.urlsafe_b64encode(hashlib.sha256(payload).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(payload)}")
    record.append(f"{dist_info}/RECORD,,")
    members.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
    return zip_bytes(members, WHEEL_TIME)


def write_kit(outdir: Path, root: Path = REPO_ROOT) -> dict[str, Path]:
    """Write the wheel and the lock file into ``outdir/reexecute`` (unchanged files kept)."""
    target = Path(outdir) / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    paths = {"wheel": target / wheel_name(), "lock": target / "requirements.lock"}
    for path, payload in ((paths["wheel"], wheel_bytes(root)), (paths["lock"], (root / "requirements.lock").read_bytes())):
        if not path.is_file() or path.read_bytes() != payload:
            path.write_bytes(payload)
    return paths


SETUP_NOTE = """**Running this notebook outside the book's repository.** It was executed for version {version}
of the book and needs Python 3.11, the project's `analysis` package and the data package of that
version. Inside a clone of the repository (`make lab`) the cell below does nothing. Elsewhere it
installs the package from `{wheel}` with the exact versions of `requirements.lock`, and unpacks
`{bundle}.zip` beside this notebook. {where}"""

SETUP_CODE = '''# Set-up outside the repository (does nothing where `analysis` is already importable).
import importlib.util, os, pathlib, subprocess, sys, urllib.request, zipfile
SITE = {site!r}  # the book's address when it was built ("" if it had none)
FILES = {{"wheel": {wheel!r}, "lock": "reexecute/requirements.lock", "data": {data!r}}}

def _fetch(path):
    local = pathlib.Path(path.rsplit("/", 1)[-1])
    if not local.is_file():
        if not SITE:
            raise FileNotFoundError(f"{{local}} is needed beside this notebook: download it from the book's site ({{path}})")
        urllib.request.urlretrieve(SITE + path, local)
    return local

if importlib.util.find_spec("analysis") is None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "-c", str(_fetch(FILES["lock"])),
                    f"{{_fetch(FILES['wheel'])}}[book]"], check=True)
    importlib.invalidate_caches()
from analysis.data import DEFAULT_PACKAGE  # the clone's data/, absent in an installed copy
if "AMLO_DATA_PACKAGE" not in os.environ and not DEFAULT_PACKAGE.is_file():
    folder = pathlib.Path({bundle!r})
    if not (folder / "datapackage.json").is_file():
        with zipfile.ZipFile(_fetch(FILES["data"])) as archive:
            archive.extractall(".")
    os.environ["AMLO_DATA_PACKAGE"] = str((folder / "datapackage.json").resolve())
import analysis
print("analysis", analysis.__version__, "from", pathlib.Path(analysis.__file__).parent.parent, "with the data package", os.environ.get("AMLO_DATA_PACKAGE", DEFAULT_PACKAGE))'''


def setup_cells(site_url: str, bundle: str) -> list[dict]:
    """The markdown note and the code cell that open every downloadable notebook."""
    version = analysis.__version__
    wheel = f"{FOLDER}/{wheel_name(version)}"
    data = f"data/{bundle}.zip"
    where = (f"They are downloaded from {site_url} when missing." if site_url else
             f"The book had no published address when it was built: download `{wheel}`, "
             f"`{FOLDER}/requirements.lock` and `{data}` from the book's site and put them beside this notebook.")
    note = SETUP_NOTE.format(version=version, wheel=wheel, bundle=bundle, where=where)
    code = SETUP_CODE.format(site=site_url, wheel=wheel, data=data, bundle=bundle)
    return [
        {"cell_type": "markdown", "id": "amlo-setup-note", "metadata": {}, "source": note},
        {"cell_type": "code", "id": "amlo-setup", "metadata": {"tags": ["amlo-setup"]}, "execution_count": None, "outputs": [], "source": code},
    ]


def standalone_notebook(executed: Path, site_url: str, bundle: str) -> str:
    """The executed notebook with the set-up cells first, as JSON text."""
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    cells = setup_cells(site_url, bundle)
    if (notebook.get("nbformat", 4), notebook.get("nbformat_minor", 0)) < (4, 5):
        cells = [{k: v for k, v in cell.items() if k != "id"} for cell in cells]  # ids came with nbformat 4.5
    notebook["cells"] = cells + [c for c in notebook["cells"] if c.get("id") not in {"amlo-setup-note", "amlo-setup"}]
    notebook.setdefault("metadata", {})["amlo"] = {"version": analysis.__version__, "site": site_url}
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"

