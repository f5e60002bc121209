"""What a build produces: one :class:`Artifact` per contract, gathered in an :class:`ArtifactSet`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from dao_sim.exceptions import CompilerError, UnknownContractError

__all__ = ["Artifact", "ArtifactSet", "Diagnostic", "artifacts_from_output"]


@dataclass(frozen=True)
class Diagnostic:
    """An error or warning from the compiler, placed at a file and line when solc says where.

    Attributes
    ----------
    severity : str
        ``"error"``, ``"warning"`` or ``"info"``.
    kind : str
        solc's error type: ``"ParserError"``, ``"TypeError"``, ``"Warning"``...
    message : str
        solc's short message.
    source : str or None
        Source unit name (a path relative to the import root, ``contracts/x/Y.sol``).
    line : int or None
        1-based line of the start of the offending code.
    """

    severity: str
    kind: str
    message: str
    source: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.source or "solc"
        if self.source is not None and self.line is not None:
            where = f"{self.source}:{self.line}"
        return f"{where}: {self.kind}: {self.message}"


@dataclass(frozen=True)
class Artifact:
    """One compiled contract, interface or library.

    Bytecode fields are hex strings *with* the ``0x`` prefix, as web3 takes them and as
    ``eth_getCode`` returns them; an interface or abstract contract has ``"0x"``.

    Attributes
    ----------
    name : str
        Contract name.
    source : str
        Source unit name: path relative to the project root (``contracts/governance/DAO.sol``),
        or the import path for a package (``@openzeppelin/contracts/...``).
    abi : tuple of dict
        The ABI, entry by entry.
    bytecode, deployed_bytecode : str
        Creation and runtime code.
    source_map, deployed_source_map : str
        solc's compressed source maps for the two.
    link_references, deployed_link_references : dict
        Library placeholders to fill before deployment (empty when none).
    immutable_references : dict
        Offsets in the runtime code that the constructor fills in; a verifier of deployed code
        must mask them.
    method_identifiers : dict
        Function signature -> 4-byte selector, hex without ``0x``.
    userdoc, devdoc : dict
        NatSpec: ``@notice`` for readers, ``@dev`` for developers.
    metadata : str
        solc's metadata JSON, verbatim (its hash is embedded in the bytecode).
    compiler_version : str
        Long compiler version from the metadata (``0.8.37+commit.f401782d``).
    evm_version : str
        EVM version the code targets, from the metadata.
    """

    name: str
    source: str
    abi: tuple[dict[str, Any], ...]
    bytecode: str
    deployed_bytecode: str
    source_map: str
    deployed_source_map: str
    link_references: dict[str, Any]
    deployed_link_references: dict[str, Any]
    immutable_references: dict[str, Any]
    method_identifiers: dict[str, str]
    userdoc: dict[str, Any]
    devdoc: dict[str, Any]
    metadata: str
    compiler_version: str
    evm_version: str

    @property
    def qualified_name(self) -> str:
        """``source:Name``, unique within a build."""
        return f"{self.source}:{self.name}"

    @property
    def is_deployable(self) -> bool:
        """Whether there is creation code (interfaces and abstract contracts have none)."""
        return len(self.bytecode) > 2

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (the cache stores this)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Artifact:
        """Inverse of :meth:`to_dict`; ``TypeError`` when fields are missing or unknown."""
        names = {f.name for f in fields(cls)}
        if set(data) != names:
            raise TypeError(f"artifact fields differ: {sorted(set(data) ^ names)}")
        return cls(**{**data, "abi": tuple(data["abi"])})


def _from_contract(source: str, name: str, out: Mapping[str, Any]) -> Artifact:
    evm = out.get("evm", {})
    creation, runtime = evm.get("bytecode", {}), evm.get("deployedBytecode", {})
    metadata = out.get("metadata", "")
    meta = json.loads(metadata) if metadata else {}
    return Artifact(
        name=name,
        source=source,
        abi=tuple(out.get("abi", ())),
        bytecode="0x" + creation.get("object", ""),
        deployed_bytecode="0x" + runtime.get("object", ""),
        source_map=creation.get("sourceMap", ""),
        deployed_source_map=runtime.get("sourceMap", ""),
        link_references=creation.get("linkReferences", {}),
        deployed_link_references=runtime.get("linkReferences", {}),
        immutable_references=runtime.get("immutableReferences", {}),
        method_identifiers=evm.get("methodIdentifiers", {}),
        userdoc=out.get("userdoc", {}),
        devdoc=out.get("devdoc", {}),
        metadata=metadata,
        compiler_version=meta.get("compiler", {}).get("version", ""),
        evm_version=meta.get("settings", {}).get("evmVersion", ""),
    )


def artifacts_from_output(output: Mapping[str, Any]) -> list[Artifact]:
    """Every contract of a solc standard-JSON output, as artifacts sorted by qualified name."""
    found = [
        _from_contract(source, name, out)
        for source, contracts in output.get("contracts", {}).items()
        for name, out in contracts.items()
    ]
    return sorted(found, key=lambda artifact: artifact.qualified_name)


class ArtifactSet(Mapping[str, Artifact]):
    """The artifacts of one build, looked up by contract name.

    ``artifacts["DAO"]`` finds the contract named DAO; when two sources define the same name,
    ask for ``"contracts/a/X.sol:X"``. Iteration yields plain names, and qualified names for
    the ambiguous ones, so every key it yields can be looked up.

    Attributes
    ----------
    source_hashes : dict
        Source unit name -> SHA-256 (hex) of every source that reached the compiler, imports
        included: what an evidence package cites.
    cache_key : str
        SHA-256 (hex) over the sources, the settings and the compiler version.
    settings : dict
        The standard-JSON settings the build used.
    warnings : tuple of Diagnostic
        Compiler warnings; not errors, so the build succeeded.
    from_cache : bool
        Whether the set came from the artifact cache (no compiler ran).
    """

    def __init__(self, artifacts: Iterable[Artifact], *, source_hashes: Mapping[str, str],
                 cache_key: str, settings: Mapping[str, Any],
                 warnings: Iterable[Diagnostic] = (), from_cache: bool = False) -> None:
        self._by_qualified = {a.qualified_name: a for a in artifacts}
        self._by_name: dict[str, list[Artifact]] = {}
        for artifact in self._by_qualified.values():
            self._by_name.setdefault(artifact.name, []).append(artifact)
        self._source_hashes = dict(source_hashes)
        self.cache_key = cache_key
        self.settings = json.loads(json.dumps(settings))
        self.warnings = tuple(warnings)
        self.from_cache = from_cache

    @property
    def source_hashes(self) -> dict[str, str]:
        """Source unit name -> SHA-256 hex (a copy)."""
        return dict(self._source_hashes)

    @property
    def compiler_version(self) -> str:
        """Long version of the compiler that built the set, from the artifacts' metadata."""
        return next((a.compiler_version for a in self._by_qualified.values()), "")

    def __getitem__(self, name: str) -> Artifact:
        if name in self._by_qualified:
            return self._by_qualified[name]
        matches = self._by_name.get(name, [])
        if len(matches) == 1:
            return matches[0]
        candidates = [a.qualified_name for a in matches]
        raise UnknownContractError(name, list(self), candidates=candidates)

    def __iter__(self) -> Iterator[str]:
        for name, matches in self._by_name.items():
            if len(matches) == 1:
                yield name
            else:
                yield from (a.qualified_name for a in matches)

    def __len__(self) -> int:
        return len(self._by_qualified)

    def __repr__(self) -> str:
        return f"ArtifactSet({list(self)!r}, cache_key={self.cache_key[:8]!r})"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form (everything but ``from_cache``)."""
        return {
            "cache_key": self.cache_key,
            "settings": self.settings,
            "source_hashes": self._source_hashes,
            "warnings": [asdict(w) for w in self.warnings],
            "artifacts": [a.to_dict() for a in self._by_qualified.values()],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, from_cache: bool = False) -> ArtifactSet:
        """Inverse of :meth:`to_dict`.

        Raises
        ------
        CompilerError
            The data is not an artifact set (a damaged cache file, say).
        """
        try:
            return cls(
                (Artifact.from_dict(a) for a in data["artifacts"]),
                source_hashes=data["source_hashes"],
                cache_key=data["cache_key"],
                settings=data["settings"],
                warnings=(Diagnostic(**w) for w in data["warnings"]),
                from_cache=from_cache,
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise CompilerError(f"not an artifact set: {exc!r}") from exc
