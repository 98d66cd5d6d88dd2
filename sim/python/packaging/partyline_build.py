"""The build backend of `pip install .` (PEP 517): CMake builds the engine, the Python module and the CLI, and
`cmake --install` lays them out with the scenarios and the notebooks; this backend packs that layout as a wheel.

It needs nothing but the standard library and the project's own build (./setup.sh installs CMake, Ninja, the
compilers and libraries), so pip's isolated build environment installs nothing and no package index is asked:
pyproject.toml's build-system requires nothing.

Where files go in the wheel (and so in the environment pip installs into):
  the `partyline` package (with its compiled _core)  -> site-packages/partyline
  the CLI                                            -> bin/partyline (the environment's scripts)
  scenarios, notebooks, docs                         -> share/partyline/ (partyline.shared_dir() finds them)

The CMake build tree is build/pip in the source tree (kept, so a second install rebuilds only what changed), or the
folder named by the environment variable PARTYLINE_PIP_BUILD_DIR or the config setting `build-dir`
(`pip install . --config-settings build-dir=...`). A build tree that is already configured (a CMakeCache.txt in it)
is used as it is: only built and installed, never reconfigured (the test suite installs from its own tree this way).
"""

from __future__ import annotations

import base64
import hashlib
import os
import pathlib
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
import zipfile

SOURCE = pathlib.Path(__file__).resolve().parents[3]
NAME = "partyline"


def _version() -> str:
    text = (SOURCE / "CMakeLists.txt").read_text()
    found = re.search(r"project\(partyline VERSION ([0-9.]+)", text)
    if not found:
        raise RuntimeError("CMakeLists.txt: no `project(partyline VERSION x.y.z`")
    return found.group(1)


def _project() -> dict:
    with open(SOURCE / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["project"]


def _tag() -> str:
    """The wheel's tag: this interpreter (the module is compiled for it) and this platform."""
    impl = f"cp{sys.version_info.major}{sys.version_info.minor}"
    platform = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    return f"{impl}-{impl}-{platform}"


def _run(command: list[str]) -> None:
    print("partyline build:", " ".join(command), file=sys.stderr, flush=True)
    subprocess.run(command, check=True, cwd=SOURCE)


def _build_tree(config_settings: dict | None) -> pathlib.Path:
    chosen = (config_settings or {}).get("build-dir") or os.environ.get("PARTYLINE_PIP_BUILD_DIR") or "build/pip"
    tree = pathlib.Path(chosen)
    return tree if tree.is_absolute() else SOURCE / tree


def _installed_layout(config_settings: dict | None, prefix: pathlib.Path) -> None:
    """Builds (configuring a new tree first) and installs into `prefix`."""
    tree = _build_tree(config_settings)
    if not (tree / "CMakeCache.txt").exists():
        _run(["cmake", "-S", str(SOURCE), "-B", str(tree), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
              "-DPARTYLINE_BUILD_TESTS=OFF", "-DPARTYLINE_BUILD_BENCH=OFF", "-DPARTYLINE_BUILD_PYTHON=ON",
              f"-DPython3_EXECUTABLE={os.path.realpath(sys.executable)}"])
    _run(["cmake", "--build", str(tree)])
    _run(["cmake", "--install", str(tree), "--prefix", str(prefix)])


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def _metadata(version: str) -> str:
    project = _project()
    lines = ["Metadata-Version: 2.1", f"Name: {NAME}", f"Version: {version}", f"Summary: {project['description']}",
             f"Requires-Python: {project.get('requires-python', '>=3.11')}"]
    lines += [f"Requires-Dist: {d}" for d in project.get("dependencies", [])]
    lines += [f"License: {project['license']['text']}"] if "license" in project else []
    readme = (SOURCE / "README.md").read_text(encoding="utf-8")
    return "\n".join(lines + ["Description-Content-Type: text/markdown", "", readme])


# ---- PEP 517 hooks ---------------------------------------------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    """The wheel's metadata without building it (pip asks first)."""
    version = _version()
    dist_info = pathlib.Path(metadata_directory) / f"{NAME}-{version}.dist-info"
    dist_info.mkdir(parents=True, exist_ok=True)
    (dist_info / "METADATA").write_text(_metadata(version), encoding="utf-8")
    (dist_info / "WHEEL").write_text(_wheel_file())
    (dist_info / "top_level.txt").write_text(f"{NAME}\n")
    return dist_info.name


def _wheel_file() -> str:
    return f"Wheel-Version: 1.0\nGenerator: partyline_build\nRoot-Is-Purelib: false\nTag: {_tag()}\n"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    version = _version()
    wheel_name = f"{NAME}-{version}-{_tag()}.whl"
    dist_info = f"{NAME}-{version}.dist-info"
    data_dir = f"{NAME}-{version}.data"
    with tempfile.TemporaryDirectory(prefix="partyline-wheel-") as staging:
        prefix = pathlib.Path(staging)
        _installed_layout(config_settings, prefix)
        python_dir = prefix / "lib" / "python3" / "dist-packages"
        if not (python_dir / NAME / "__init__.py").exists():
            raise RuntimeError(f"cmake --install put no Python package in {python_dir} (PARTYLINE_BUILD_PYTHON off?)")
        entries: list[tuple[str, pathlib.Path]] = []
        for path in sorted((python_dir / NAME).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                entries.append((path.relative_to(python_dir).as_posix(), path))
        for path in sorted((prefix / "bin").glob("*")):
            entries.append((f"{data_dir}/scripts/{path.name}", path))
        for path in sorted((prefix / "share").rglob("*")):
            if path.is_file():
                entries.append((f"{data_dir}/data/share/{path.relative_to(prefix / 'share').as_posix()}", path))
        record: list[str] = []
        target = pathlib.Path(wheel_directory) / wheel_name
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as wheel:
            for arcname, path in entries:
                data = path.read_bytes()
                info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
                # A regular file's mode: pip makes a script executable only when the zip says so.
                info.external_attr = (stat.S_IFREG | (0o755 if os.access(path, os.X_OK) else 0o644)) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                wheel.writestr(info, data)
                record.append(_record_line(arcname, data))
            generated = {
                f"{dist_info}/METADATA": _metadata(version),
                f"{dist_info}/WHEEL": _wheel_file(),
                f"{dist_info}/top_level.txt": f"{NAME}\n",
            }
            for arcname, text in generated.items():
                wheel.writestr(arcname, text)
                record.append(_record_line(arcname, text.encode()))
            record.append(f"{dist_info}/RECORD,,")
            wheel.writestr(f"{dist_info}/RECORD", "\n".join(record) + "\n")
    return wheel_name


def build_sdist(sdist_directory, config_settings=None):
    """The tracked source files (git ls-files) as NAME-VERSION.tar.gz."""
    import tarfile
    version = _version()
    base = f"{NAME}-{version}"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=SOURCE, check=True, capture_output=True).stdout.split(b"\0")
    target = pathlib.Path(sdist_directory) / f"{base}.tar.gz"
    with tarfile.open(target, "w:gz") as tar:
        for name in filter(None, files):
            tar.add(SOURCE / name.decode(), arcname=f"{base}/{name.decode()}")
    return target.name


if __name__ == "__main__":  # python3 sim/python/packaging/partyline_build.py DIR: a wheel into DIR, as pip would
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out.mkdir(parents=True, exist_ok=True)
    print(build_wheel(str(out)))
    shutil.rmtree(out / "__pycache__", ignore_errors=True)
