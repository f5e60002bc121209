"""Verification: a fresh DAO is its publication; each kind of tampering is caught and located."""

from __future__ import annotations

import pytest

from dao_sim.chain.session import ChainSession
from dao_sim.compiler import compile_input
from dao_sim.compliance import record_deployment, verify, write_record
from dao_sim.compliance.publication import DAO_CONTRACTS
from dao_sim.exceptions import PublicationError
from dao_sim.governance import DAOSpec, deploy
from dao_sim.report import verification_text
from dao_sim.testing.factories import human_court
from tests.compliance.conftest import DAO_SOURCE, altered_sources, overwrite


def test_a_fresh_dao_verifies_core_and_every_module(published):
    result = verify(published.dao, published.store)
    assert result.ok, verification_text(result)
    assert [c.contract for c in result.contracts] == list(DAO_CONTRACTS)
    assert [c.address for c in result.contracts] == list(published.dao.addresses)
    assert result.contract("DAO").immutables_masked == 0  # the core keeps its rules in storage
    assert all(result.contract(m).immutables_masked > 0 for m in DAO_CONTRACTS[1:])
    assert result.contract("Governor").built_metadata["solc"] == "0.8.37"
    text = verification_text(result)
    assert "NOT verified" not in text and text.count("ok    ") == 2 + len(DAO_CONTRACTS)


def test_a_live_dao_finds_its_publication_by_the_charter_it_stores(published):
    assert verify(published.dao, published.store).publication.id == published.publication.id


def test_a_record_verifies_without_the_chain(published, tmp_path):
    path = write_record(record_deployment(published.dao, published.publication),
                        tmp_path / "out" / "deployment.json", store_dir=published.store.directory)
    result = verify(path)
    assert result.ok, verification_text(result)
    assert result.subject == str(path)
    assert result.chain["block"] == published.session.latest_block().number


def test_one_changed_character_in_a_stored_source_fails_twice(published):
    store, publication = published.store, published.publication
    digest = publication.sources[DAO_SOURCE]
    overwrite(store, digest, altered_sources(store, publication)[DAO_SOURCE].encode("utf-8"))
    result = verify(published.dao, store)
    assert not result.ok
    broken = [o for o in result.objects if not o.ok]
    assert [o.what for o in broken] == [f"source {DAO_SOURCE}"] and broken[0].actual is not None
    core = result.contract("DAO")
    assert not core.code_matches and core.first_difference is not None
    assert all(result.contract(m).ok for m in DAO_CONTRACTS[1:])  # the modules do not import DAO.sol
    assert result.charter_ok
    text = verification_text(result)
    assert f"FAIL  store: source {DAO_SOURCE} hashes to" in text
    assert f"FAIL  DAO at {published.dao.address}: runtime code differs" in text
    assert f"first at byte {core.first_difference} " in text
    assert text.rstrip().endswith("NOT verified: 2 checks failed.")


def test_a_changed_charter_text_fails(published):
    store, publication = published.store, published.publication
    text = store.get(publication.charter).decode("utf-8")
    overwrite(store, publication.charter, text.replace("Quorum: 50%", "Quorum: 5%").encode("utf-8"))
    result = verify(published.dao, store, publication.id)
    assert not result.ok and not result.charter_ok
    assert all(c.ok for c in result.contracts)
    lines = verification_text(result)
    assert "FAIL  store: charter hashes to" in lines
    assert f"the core stores {result.charter_on_chain[:18]}" in lines


def test_a_dao_deployed_from_a_modified_source_fails(published, artifacts, spec_fields):
    store, publication = published.store, published.publication
    rogue_build = compile_input(altered_sources(store, publication), publication.settings)
    other = ChainSession()
    human_court(other, artifacts=artifacts)
    spec = published.dao.spec
    rogue = deploy(DAOSpec(name=spec.name, members=dict(spec.members), arbitrator="HumanArbitrator",
                           voting_period="3 days", grace_period="2 days", execution_window="7 days",
                           **spec_fields), other, artifacts=rogue_build)
    assert rogue.charter == published.dao.charter
    result = verify(rogue, store, publication.id)
    assert result.store_ok and result.charter_ok and not result.ok
    assert not result.contract("DAO").code_matches
    assert [c.contract for c in result.contracts if not c.ok] == ["DAO"]


def test_no_publication_with_the_dao_charter_is_an_error(published, tmp_path):
    (tmp_path / "other").mkdir()
    with pytest.raises(PublicationError, match="no publication in .* has the charter this DAO stores"):
        verify(published.dao, tmp_path / "other")


def test_two_publications_with_the_same_charter_need_an_id(published):
    store = published.store
    store.add_publication(store.get(published.publication.id).replace(b'"dao":', b'"dao" :'), "copy")
    with pytest.raises(PublicationError, match="2 publications .* name the one to verify against"):
        verify(published.dao, store)
    assert verify(published.dao, store, published.publication.id).ok
