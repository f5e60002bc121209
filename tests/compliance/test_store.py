"""The content-addressed store and what publishing files in it."""

from __future__ import annotations

import json
import shutil

import pytest

from dao_sim.compiler import project_root
from dao_sim.compliance import PublicationStore, load_publication, publish
from dao_sim.compliance.publication import DAO_CONTRACTS, canonical_json
from dao_sim.compliance.store import sha256_hex
from dao_sim.exceptions import PublicationError
from tests.compliance.conftest import DAO_SOURCE, HONEST


def test_objects_are_filed_under_their_hash_once(tmp_path):
    store = PublicationStore(tmp_path)
    digest = store.put(b"rules")
    assert digest == sha256_hex(b"rules") and store.get(digest) == b"rules"
    assert store.put(b"rules") == digest
    assert store.object_path(digest) == tmp_path / "objects" / digest[:2] / digest[2:]
    assert not list(tmp_path.rglob(".tmp-*"))


def test_a_missing_object_and_a_bad_name_are_one_line_errors(tmp_path):
    store = PublicationStore(tmp_path)
    with pytest.raises(PublicationError, match="holds no object 000000000000"):
        store.get("0" * 64)
    with pytest.raises(PublicationError, match="is not a SHA-256 hash"):
        store.get("../etc/passwd")


def test_an_unwritable_store_is_one_line_and_leaves_nothing(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(PublicationError, match="cannot write to the publication store") as info:
        PublicationStore(blocker / "store").put(b"x")
    assert "\n" not in str(info.value)


def test_the_manifest_lists_every_object_and_its_hash_is_the_id(published):
    store, publication = published.store, published.publication
    manifest = store.get(publication.id)
    assert sha256_hex(manifest) == publication.id
    assert manifest == canonical_json(publication.manifest())
    data = json.loads(manifest)
    assert data["compiler"]["settings"] == {"evmVersion": "prague", "optimizer": {"enabled": True, "runs": 200},
                                            "viaIR": True, "remappings": []}
    assert data["compiler"]["version"].startswith("0.8.37+commit.")
    assert set(data["contracts"]) == set(DAO_CONTRACTS)
    assert DAO_SOURCE in data["sources"] and "@openzeppelin/contracts/utils/math/Math.sol" in data["sources"]
    assert "contracts/disputes/HumanArbitrator.sol" not in data["sources"]  # not part of the DAO
    assert store.get(publication.charter).decode("utf-8") == published.dao.charter
    abi = json.loads(store.get(publication.contracts["Governor"]["abi"]))
    assert any(entry.get("name") == "propose" for entry in abi)
    assert store.publications() == (publication.id,)
    assert load_publication(store, publication.id) == publication


def test_the_same_build_and_charter_publish_the_same_id(published, tmp_path):
    again = publish(published.dao, PublicationStore(tmp_path / "elsewhere"))
    assert again.id == published.publication.id


def test_a_source_changed_since_the_build_is_not_published(published, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(project_root() / "contracts", root / "contracts")
    source = root / DAO_SOURCE
    source.write_text(source.read_text("utf-8").replace(HONEST, HONEST + " "), "utf-8")
    with pytest.raises(PublicationError, match=f"{DAO_SOURCE} changed since the DAO was compiled"):
        publish(published.dao, tmp_path / "store", root=root)


def test_an_object_that_is_not_a_manifest_is_refused(tmp_path):
    store = PublicationStore(tmp_path)
    digest = store.put(b'{"format": "something else"}')
    with pytest.raises(PublicationError, match="is not a dao-sim publication manifest"):
        load_publication(store, digest)


def test_a_damaged_object_is_not_quietly_repaired(tmp_path):
    store = PublicationStore(tmp_path)
    digest = store.put(b"rules")
    store.object_path(digest).write_bytes(b"rulez")
    assert not store.intact(digest)
    with pytest.raises(PublicationError, match="holds a damaged object"):
        store.put(b"rules")
