"""The compiler layer: builds, the artifact cache, error messages, compiler resolution, the shim.

Real compiles go through whichever compiler of the pinned version this machine has (solc-js
behind the shim on a fresh checkout); each costs about a second, so they are few and shared.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import solcx
from packaging.version import Version

from dao_sim.compiler import (
    SHIM_PATH,
    SOLC_VERSION,
    Artifact,
    ArtifactSet,
    cache_key,
    collect_sources,
    compile_input,
    compile_project,
    compile_sources,
    compiler_settings,
    resolve_solc,
)
from dao_sim.compiler import settings as settings_module
from dao_sim.compiler.sources import imported_units, toolchain_root
from dao_sim.exceptions import CompilationFailed, CompilerError, UnknownContractError

COUNTER = """\
// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Twice} from "./lib/Twice.sol";

/// @notice Counts, for the class.
contract Counter {
    uint256 public count;

    function add(uint256 by) external {
        count += Twice.doubled(by);
    }

    function signer(bytes32 digest, bytes calldata signature) external pure returns (address) {
        return ECDSA.recover(digest, signature);
    }
}
"""

TWICE = """\
// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

library Twice {
    function doubled(uint256 x) internal pure returns (uint256) {
        return 2 * x;
    }
}
"""

NATIVE_VERSION_BANNER = "solc, the solidity compiler commandline interface"


def write_counter(folder: Path, counter: str = COUNTER) -> Path:
    (folder / "lib").mkdir(parents=True, exist_ok=True)
    (folder / "lib" / "Twice.sol").write_text(TWICE)
    path = folder / "Counter.sol"
    path.write_text(counter)
    return path


def fake_solc(folder: Path, version: str, then: str, name: str = "solc") -> Path:
    """A script that answers --version like native solc and runs ``then`` for anything else."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "--version" ]; then\n'
        f"  printf '{NATIVE_VERSION_BANNER}\\nVersion: {version}+commit.f401782d.Linux.g++\\n'\n"
        "  exit 0\n"
        "fi\n"
        f"{then}\n"
    )
    script.chmod(0o755)
    return script


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path_factory):
    """No test sees the developer's cache, py-solc-x installs or DAO_SIM_SOLC."""
    monkeypatch.setenv("DAO_SIM_CACHE_DIR", str(tmp_path_factory.mktemp("dao-sim-cache")))
    monkeypatch.setenv("SOLCX_BINARY_PATH", str(tmp_path_factory.mktemp("solcx-empty")))
    monkeypatch.delenv("DAO_SIM_SOLC", raising=False)


@pytest.fixture(scope="module")
def counter_build(tmp_path_factory):
    """Counter compiled once into a cache of its own: (source file, cache folder, artifacts)."""
    folder = tmp_path_factory.mktemp("counter")
    cache = tmp_path_factory.mktemp("counter-cache")
    source = write_counter(folder)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOLCX_BINARY_PATH", str(tmp_path_factory.mktemp("solcx-none")))
        patch.delenv("DAO_SIM_SOLC", raising=False)
        artifacts = compile_sources([source], cache_dir=cache)
    return source, cache, artifacts


def forbid_compiler(monkeypatch):
    """Make any compiler start, by py-solc-x or by a bare subprocess, fail the test."""
    def refuse(*args, **kwargs):
        raise AssertionError(f"a compiler was started: {args!r}")

    monkeypatch.setattr(solcx, "compile_standard", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)


# -- a build and its artifacts ------------------------------------------------------------------

def test_artifact_holds_the_compiled_contract(counter_build):
    artifacts = counter_build[2]
    counter = artifacts["Counter"]
    assert counter.source == "Counter.sol"
    assert counter.is_deployable and counter.bytecode.startswith("0x60")
    assert counter.deployed_bytecode.startswith("0x") and len(counter.deployed_bytecode) > 100
    assert counter.method_identifiers["add(uint256)"] == "1003e2d2"
    assert {entry.get("name") for entry in counter.abi} >= {"add", "count", "signer"}
    assert counter.userdoc["notice"] == "Counts, for the class."
    assert counter.compiler_version.startswith(f"{SOLC_VERSION}+commit.")
    assert artifacts.cache_key and not artifacts.from_cache


def test_metadata_says_prague_and_the_pinned_optimizer(counter_build):
    counter = counter_build[2]["Counter"]
    metadata = json.loads(counter.metadata)
    assert metadata["settings"]["evmVersion"] == "prague" == counter.evm_version
    assert metadata["settings"]["optimizer"] == {"enabled": True, "runs": 200}
    assert metadata["compiler"]["version"] == counter.compiler_version


def test_imports_resolve_relative_and_from_node_modules(counter_build):
    source, _, artifacts = counter_build
    ecdsa = "@openzeppelin/contracts/utils/cryptography/ECDSA.sol"
    assert set(artifacts.source_hashes) == {"Counter.sol", "lib/Twice.sol", ecdsa}
    expected = hashlib.sha256(source.read_bytes()).hexdigest()
    assert artifacts.source_hashes["Counter.sol"] == expected
    assert artifacts["ECDSA"].source == ecdsa and artifacts["Twice"].source == "lib/Twice.sol"


# -- the cache ----------------------------------------------------------------------------------

def test_unchanged_sources_start_no_compiler(counter_build, tmp_path, monkeypatch, caplog):
    _, cache, first = counter_build
    moved = write_counter(tmp_path / "elsewhere")  # same names and bytes, another folder
    forbid_compiler(monkeypatch)
    with caplog.at_level(logging.INFO, logger="dao_sim.compiler"):
        again = compile_sources([moved], cache_dir=cache)
    assert again.from_cache and again.cache_key == first.cache_key
    assert again["Counter"] == first["Counter"]
    assert again.source_hashes == first.source_hashes and again.warnings == first.warnings
    hit = f"artifact cache hit (key {first.cache_key[:8]}…): compiler not started"
    assert hit in caplog.messages


def test_a_changed_source_is_recompiled(counter_build, tmp_path, caplog):
    _, cache, first = counter_build
    source = write_counter(tmp_path, COUNTER.replace("2 * x", "3 * x").replace("Counts", "Adds"))
    (tmp_path / "lib" / "Twice.sol").write_text(TWICE.replace("2 * x", "3 * x"))
    with caplog.at_level(logging.INFO, logger="dao_sim.compiler"):
        changed = compile_sources([source], cache_dir=cache)
    assert not changed.from_cache and changed.cache_key != first.cache_key
    assert changed["Counter"].userdoc["notice"] == "Adds, for the class."
    assert changed["Counter"].bytecode != first["Counter"].bytecode
    assert changed.source_hashes["lib/Twice.sol"] != first.source_hashes["lib/Twice.sol"]
    assert any(m.startswith("compiled 3 sources with ") for m in caplog.messages)
    assert {p.name for p in cache.glob("*.json")} == {
        f"{first.cache_key}.json", f"{changed.cache_key}.json"}


def test_a_damaged_cache_file_is_ignored_and_rewritten(counter_build, tmp_path, caplog):
    source, _, first = counter_build
    fresh = tmp_path / "cache"
    fresh.mkdir()
    damaged = fresh / f"{first.cache_key}.json"
    damaged.write_text('{"format": 1, "key": "')
    with caplog.at_level(logging.WARNING, logger="dao_sim.compiler"):
        rebuilt = compile_sources([source], cache_dir=fresh)
    assert not rebuilt.from_cache and rebuilt["Counter"] == first["Counter"]
    assert any("damaged artifact cache file" in m for m in caplog.messages)
    assert json.loads(damaged.read_text())["key"] == first.cache_key
    assert not list(fresh.glob("*.tmp"))


def test_cache_key_covers_settings_and_via_ir_is_one_constant(counter_build, monkeypatch):
    source = counter_build[0]
    sources = collect_sources([source], [source.parent, toolchain_root() / "node_modules"])
    before = cache_key(sources, compiler_settings())
    monkeypatch.setattr(settings_module, "VIA_IR", not settings_module.VIA_IR)
    assert compiler_settings()["viaIR"] is settings_module.VIA_IR
    assert cache_key(sources, compiler_settings()) != before
    assert cache_key(sources, compiler_settings(), solc_version="0.8.36") != \
        cache_key(sources, compiler_settings())


# -- errors -------------------------------------------------------------------------------------

def test_errors_name_file_and_line_relative_to_the_root(tmp_path):
    (tmp_path / "lib").mkdir()
    (tmp_path / "lib" / "Broken.sol").write_text(
        "// SPDX-License-Identifier: MIT\n"
        "pragma solidity 0.8.37;\n"
        "// Қазақстан: multi-byte text before the errors; solc counts offsets in bytes\n"
        "library Broken {\n"
        "    function f() internal pure returns (uint256) {\n"
        "        return missing;\n"
        "    }\n"
        "    function g() internal pure returns (bool) {\n"
        "        return notDeclaredAnywhere;\n"
        "    }\n"
        "}\n"
    )
    main = tmp_path / "Main.sol"
    main.write_text('// SPDX-License-Identifier: MIT\npragma solidity 0.8.37;\n'
                    'import {Broken} from "./lib/Broken.sol";\ncontract Main {}\n')
    with pytest.raises(CompilationFailed) as failure:
        compile_sources([main])
    lines = str(failure.value).splitlines()
    assert lines == [
        "Solidity compilation failed with 2 error(s):",
        "  lib/Broken.sol:6: DeclarationError: Undeclared identifier.",
        "  lib/Broken.sol:9: DeclarationError: Undeclared identifier.",
    ]
    assert [(e.source, e.line) for e in failure.value.errors] == [("lib/Broken.sol", 6),
                                                                  ("lib/Broken.sol", 9)]
    assert isinstance(failure.value, CompilerError)


def test_sources_in_memory_compile_with_the_settings_given(tmp_path):
    units = {"lib/Twice.sol": TWICE,
             "Small.sol": '// SPDX-License-Identifier: MIT\npragma solidity 0.8.37;\n'
                          'import {Twice} from "./lib/Twice.sol";\n'
                          "contract Small { function f(uint256 x) external pure returns (uint256) "
                          "{ return Twice.doubled(x); } }\n"}
    settings = {k: v for k, v in compiler_settings().items() if k != "outputSelection"}
    built = compile_input(units, {**settings, "optimizer": {"enabled": False, "runs": 200}},
                          cache_dir=tmp_path / "cache")
    assert json.loads(built["Small"].metadata)["settings"]["optimizer"]["enabled"] is False
    assert built["Small"].method_identifiers == {"f(uint256)": "b3de648b"}  # outputs dao-sim reads
    assert set(built.source_hashes) == set(units)
    again = compile_input(units, {**settings, "optimizer": {"enabled": False, "runs": 200}},
                          cache_dir=tmp_path / "cache")
    assert again.from_cache


def test_sources_in_memory_never_import_from_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(toolchain_root())  # node_modules is right here, and still not used
    units = {"A.sol": '// SPDX-License-Identifier: MIT\npragma solidity 0.8.37;\n'
                      'import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";\ncontract A {}\n'}
    with pytest.raises(CompilationFailed, match="@openzeppelin/contracts/utils/math/Math.sol"):
        compile_input(units, {"evmVersion": "prague"}, use_cache=False)


def test_compiler_output_that_is_not_json_is_a_compiler_error(tmp_path, monkeypatch, counter_build):
    bad = fake_solc(tmp_path / "bin", SOLC_VERSION, 'echo "segmentation fault"')
    monkeypatch.setenv("DAO_SIM_SOLC", str(bad))
    with pytest.raises(CompilerError, match="could not be run"):
        compile_sources([counter_build[0]], use_cache=False)


# -- looking artifacts up -----------------------------------------------------------------------

def make_artifact(source: str, name: str) -> Artifact:
    return Artifact(name=name, source=source, abi=(), bytecode="0x", deployed_bytecode="0x",
                    source_map="", deployed_source_map="", link_references={},
                    deployed_link_references={}, immutable_references={}, method_identifiers={},
                    userdoc={}, devdoc={}, metadata="{}", compiler_version="0.8.37+commit.x",
                    evm_version="prague")


@pytest.fixture
def clashing() -> ArtifactSet:
    artifacts = [make_artifact("a/Token.sol", "Token"), make_artifact("b/Token.sol", "Token"),
                 make_artifact("DAO.sol", "DAO")]
    return ArtifactSet(artifacts, source_hashes={"DAO.sol": "00"}, cache_key="ab" * 32,
                       settings=compiler_settings())


def test_lookup_by_name_suggests_the_nearest(clashing):
    assert clashing["DAO"].source == "DAO.sol"
    with pytest.raises(UnknownContractError, match=r"no contract named 'DOA'.*did you mean 'DAO'"):
        clashing["DOA"]
    assert "DOA" not in clashing and clashing.get("DOA") is None


def test_ambiguous_names_need_the_source_path(clashing):
    with pytest.raises(UnknownContractError, match="ambiguous.*'a/Token.sol:Token'"):
        clashing["Token"]
    assert clashing["b/Token.sol:Token"].source == "b/Token.sol"
    assert sorted(clashing) == ["DAO", "a/Token.sol:Token", "b/Token.sol:Token"]
    assert len(clashing) == 3 and all(clashing[key] for key in clashing)


def test_artifact_set_round_trips_through_plain_json(clashing):
    back = ArtifactSet.from_dict(json.loads(json.dumps(clashing.to_dict())))
    assert dict(back) == dict(clashing) and back.cache_key == clashing.cache_key
    with pytest.raises(CompilerError, match="not an artifact set"):
        ArtifactSet.from_dict({"artifacts": [{"name": "X"}]})


@pytest.mark.parametrize(("text", "expected"), [
    ('import "./A.sol";', ["contracts/x/A.sol"]),
    ("import * as L from '../lib/L.sol';", ["contracts/lib/L.sol"]),
    ('import {A as B,\n        C} from "@oz/C.sol";', ["@oz/C.sol"]),
    ('import "pkg/D.sol" as D;', ["pkg/D.sol"]),
    ('// import "no.sol";\n/* import "no.sol"; */ import "yes.sol";', ["yes.sol"]),
    ('string constant S = "import \\"no.sol\\";";', []),
])
def test_import_statements_are_found(text, expected):
    assert imported_units("contracts/x/Y.sol", text) == expected


# -- choosing the compiler ----------------------------------------------------------------------

#: node is required (solc-js runs on it; `make setup` needs npm): a missing node fails, not skips.
NODE = shutil.which("node")


def path_with(*folders: Path) -> str:
    node_dir = [str(Path(NODE).parent)] if NODE else []
    return os.pathsep.join([*map(str, folders), *node_dir])


def test_a_native_solc_of_the_pinned_version_is_preferred(tmp_path, monkeypatch, counter_build):
    used = tmp_path / "used"
    native = fake_solc(tmp_path / "bin", SOLC_VERSION, f'echo run >> "{used}"\nexec "{SHIM_PATH}" "$@"')
    monkeypatch.setenv("PATH", path_with(native.parent))
    chosen = resolve_solc()
    assert (chosen.kind, chosen.path, chosen.version) == ("native", native, SOLC_VERSION)
    built = compile_sources([counter_build[0]], use_cache=False)
    assert used.read_text() == "run\n"
    assert built["Counter"].bytecode == counter_build[2]["Counter"].bytecode


def test_a_native_solc_of_another_version_is_ignored(tmp_path, monkeypatch):
    fake_solc(tmp_path / "bin", "0.8.20", "exit 3")
    monkeypatch.setenv("PATH", path_with(tmp_path / "bin"))
    chosen = resolve_solc()
    assert (chosen.kind, chosen.path) == ("solc-js", SHIM_PATH)


def test_py_solc_x_install_folder_is_searched(tmp_path, monkeypatch):
    folder = tmp_path / "solcx"
    installed = fake_solc(folder, SOLC_VERSION, "exit 3", name=f"solc-v{SOLC_VERSION}")
    monkeypatch.setenv("SOLCX_BINARY_PATH", str(folder))
    monkeypatch.setenv("PATH", path_with())
    assert (resolve_solc().kind, resolve_solc().path) == ("native", installed)


def test_dao_sim_solc_must_be_the_pinned_version(tmp_path, monkeypatch):
    monkeypatch.setenv("DAO_SIM_SOLC", str(fake_solc(tmp_path, "0.8.20", "exit 3")))
    with pytest.raises(CompilerError, match=f"reports version 0.8.20.*pins solc {SOLC_VERSION}"):
        resolve_solc()
    right = fake_solc(tmp_path / "right", SOLC_VERSION, "exit 3")
    monkeypatch.setenv("DAO_SIM_SOLC", str(right))
    assert (resolve_solc().kind, resolve_solc().path) == ("DAO_SIM_SOLC", right)


def test_no_compiler_at_all_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither solc nor node
    with pytest.raises(CompilerError, match=r"run `make setup`.*or put a native solc 0\.8\.37 on PATH"):
        resolve_solc()


# -- the solc-js shim ---------------------------------------------------------------------------

def test_shim_answers_version_in_native_format():
    lines = subprocess.run([SHIM_PATH, "--version"], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert lines[0] == NATIVE_VERSION_BANNER
    assert re.fullmatch(r"Version: 0\.8\.37\+commit\.[0-9a-f]{8}\.\S+", lines[1])
    assert solcx.wrapper.get_solc_version(SHIM_PATH) == Version(SOLC_VERSION)


def test_shim_version_does_not_load_solc_once_cached(tmp_path):
    package = tmp_path / "node_modules" / "solc"
    package.mkdir(parents=True)
    (package / "package.json").write_text('{"name": "solc", "version": "0.8.37", "main": "index.js"}')
    (package / "soljson.js").write_text("// stands for the 9 MB compiler\n")
    loads = tmp_path / "loads"
    (package / "index.js").write_text(
        f"require('fs').appendFileSync({json.dumps(str(loads))}, 'load\\n');\n"
        "module.exports = { version: () => '0.8.37+commit.deadbeef.Emscripten.clang' };\n"
    )
    env = {**os.environ, "DAO_SIM_SOLC_JS": str(package)}

    def version() -> str:
        return subprocess.run([SHIM_PATH, "--version"], capture_output=True, text=True, env=env,
                              check=True).stdout

    # The load counter, not a stopwatch, proves solc is not loaded again (speed lives in benchmarks/).
    expected = f"{NATIVE_VERSION_BANNER}\nVersion: 0.8.37+commit.deadbeef.Emscripten.clang\n"
    assert version() == expected and loads.read_text() == "load\n"
    assert version() == expected and loads.read_text() == "load\n", "solc was loaded again"
    (package / "soljson.js").write_text("// a reinstalled compiler\n")
    assert version() == expected and loads.read_text() == "load\nload\n"


def test_shim_imports_come_from_the_roots_only(tmp_path):
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    (inside / "lib").mkdir(parents=True)
    outside.mkdir()
    (inside / "lib" / "Twice.sol").write_text(TWICE)
    (outside / "Secret.sol").write_text(TWICE)
    modules = toolchain_root() / "node_modules"

    def compile_with(*imports: str) -> dict:
        text = "// SPDX-License-Identifier: MIT\npragma solidity 0.8.37;\n"
        text += "".join(f'import "{i}";\n' for i in imports) + "contract C {}\n"
        job = {"language": "Solidity", "sources": {"C.sol": {"content": text}},
               "settings": {"outputSelection": {"*": {"*": ["abi"]}}}}
        done = subprocess.run([SHIM_PATH, "--standard-json", "--base-path", str(inside),
                               "--include-path", str(modules)], input=json.dumps(job),
                              capture_output=True, text=True, check=True)
        return json.loads(done.stdout)

    good = compile_with("lib/Twice.sol", "@openzeppelin/contracts/utils/cryptography/ECDSA.sol")
    assert "lib/Twice.sol" in good["contracts"] and not good.get("errors")
    assert "@openzeppelin/contracts/utils/cryptography/ECDSA.sol" in good["contracts"]
    refused = compile_with(str(outside / "Secret.sol"))
    assert [e["type"] for e in refused["errors"]] == ["ParserError"]
    assert "not found inside the base path" in refused["errors"][0]["message"]


def test_shim_rejects_options_it_does_not_know():
    done = subprocess.run([SHIM_PATH, "--combined-json", "abi"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 1 and done.stderr.startswith("unrecognised option '--combined-json'")


# -- the real project ---------------------------------------------------------------------------

def test_the_project_contracts_compile(monkeypatch):
    """dao-sim's own contracts/ folder, through the project's own cache (fast after one build)."""
    monkeypatch.delenv("DAO_SIM_CACHE_DIR")
    root = toolchain_root()
    artifacts = compile_project()
    on_disk = {p.relative_to(root).as_posix() for p in (root / "contracts").rglob("*.sol")}
    assert on_disk and on_disk <= set(artifacts.source_hashes)
    assert all(a.evm_version == "prague" for a in artifacts.values())
    assert (root / ".dao-sim-cache" / "artifacts" / f"{artifacts.cache_key}.json").is_file()


def test_a_project_without_sources_is_an_error(tmp_path):
    (tmp_path / "contracts").mkdir()
    with pytest.raises(CompilerError, match=r"no Solidity sources \(\*\.sol\) under .*contracts"):
        compile_project(tmp_path)


# -- watching a compile -------------------------------------------------------------------------

def test_a_compile_that_starts_is_announced_with_its_files_and_a_cache_hit_is_not(counter_build, tmp_path,
                                                                                  monkeypatch):
    from contextlib import contextmanager

    from dao_sim.compiler import compiles_observed

    seen, finished = [], []

    @contextmanager
    def watch(job):
        seen.append(job)
        yield
        finished.append(job)

    source, cache, _ = counter_build
    with compiles_observed(watch):
        compile_sources([source], use_cache=False)
    (job,) = seen
    assert finished == [job] and not job.rebuild
    assert job.own == ("Counter.sol", "lib/Twice.sol")
    assert job.libraries and all(u.startswith("@openzeppelin/") for u in job.libraries)
    assert job.compiler == f"{resolve_solc().name}" and job.compiler.endswith(SOLC_VERSION)
    forbid_compiler(monkeypatch)
    with compiles_observed(watch):
        assert compile_sources([source], cache_dir=cache).from_cache
    assert len(seen) == 1  # nothing started, nothing announced
