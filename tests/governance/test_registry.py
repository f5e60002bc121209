"""The off-chain member registry: validated entries, atomic writes, erasure that leaves nothing."""

from __future__ import annotations

import json
import os
import pickle
import re
import stat

import pytest

from dao_sim.exceptions import InvalidIdentifierError, RegistryError
from dao_sim.governance import MemberRegistry
from dao_sim.report import Check, Report, registry_table, write_report

AIGERIM = ("Aigerim", "0x" + "11" * 20, "Aigerim Sultanbekova", "850521400124")
TECH = ("Nurlan", "0x" + "22" * 20, "Steppe Tech LLP", "051140004939")


def _personal(entry_name: str, number: str, salt: bytes) -> list[bytes]:
    return [entry_name.encode(), number.encode(), salt.hex().encode()]


def _fill(registry: MemberRegistry) -> None:
    registry.register(AIGERIM[0], AIGERIM[1], name=AIGERIM[2], iin=AIGERIM[3])
    registry.register(TECH[0], TECH[1], name=TECH[2], bin=TECH[3])


def test_entries_persist_in_a_private_file_and_read_back(tmp_path):
    path = tmp_path / "registry.json"
    registry = MemberRegistry(path)
    _fill(registry)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = MemberRegistry(path)
    assert [m.member for m in again] == ["Aigerim", "Nurlan"]
    assert again["Aigerim"] == registry["Aigerim"] and again["Nurlan"].kind == "legal entity"
    assert again["Aigerim"].identity_hash == registry["Aigerim"].identity_hash
    assert AIGERIM[3] not in repr(again["Aigerim"]) and AIGERIM[2] not in repr(again["Aigerim"])


def test_salts_are_fresh_so_the_same_person_hashes_differently():
    one, two = MemberRegistry(), MemberRegistry()
    one.register(*AIGERIM[:2], name=AIGERIM[2], iin=AIGERIM[3])
    two.register(*AIGERIM[:2], name=AIGERIM[2], iin=AIGERIM[3])
    assert one["Aigerim"].identity_hash != two["Aigerim"].identity_hash


def test_a_wrong_number_is_one_line_naming_member_and_field_and_registers_nothing(tmp_path):
    path = tmp_path / "registry.json"
    registry = MemberRegistry(path)
    _fill(registry)
    before = path.read_bytes()
    with pytest.raises(InvalidIdentifierError) as info:
        registry.register("Dana", "0x" + "33" * 20, name="Dana Ospanova", iin="921203500993")
    assert str(info.value) == ("member 'Dana': iin is not a valid IIN: its control digit (the 12th) does "
                               "not match the first eleven: a digit is wrong or two are swapped")
    with pytest.raises(InvalidIdentifierError, match="member 'Kazakh Steel': bin is not a valid BIN"):
        registry.register("Kazakh Steel", "0x" + "44" * 20, name="Kazakh Steel JSC", bin="05114000493")
    assert "Dana" not in registry and path.read_bytes() == before


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "X"}, "give an iin (individual) or a bin (legal entity), exactly one"),
    ({"name": "X", "iin": "850521400124", "bin": "051140004939"}, "exactly one"),
    ({"name": " ", "iin": "850521400124"}, "name is empty"),
])
def test_an_entry_needs_a_name_and_exactly_one_number(kwargs, message):
    with pytest.raises(RegistryError, match=re.escape(message)):
        MemberRegistry().register("Dana", "0x" + "33" * 20, **kwargs)


def test_a_handle_or_address_is_registered_once():
    registry = MemberRegistry()
    _fill(registry)
    with pytest.raises(RegistryError, match="'Aigerim' is already registered"):
        registry.register("Aigerim", "0x" + "55" * 20, name="Other", iin="921203500992")
    with pytest.raises(RegistryError, match="address .* is already registered"):
        registry.register("Dana", AIGERIM[1], name="Dana Ospanova", iin="921203500992")
    with pytest.raises(RegistryError, match="no member 'Aigerm' in the registry; did you mean 'Aigerim'"):
        registry["Aigerm"]


def test_an_unwritable_path_is_one_line_and_leaves_nothing_half_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    registry = MemberRegistry(blocker / "registry.json")
    with pytest.raises(RegistryError) as info:
        registry.register(*AIGERIM[:2], name=AIGERIM[2], iin=AIGERIM[3])
    assert str(info.value).startswith(f"cannot write the member registry {blocker / 'registry.json'}: ")
    assert "\n" not in str(info.value)
    assert len(registry) == 0  # the change the file could not take is not kept in memory either


def test_a_failed_rewrite_keeps_the_old_file_whole(tmp_path, monkeypatch):
    folder = tmp_path / "reg"
    registry = MemberRegistry(folder / "registry.json")
    _fill(registry)
    before = (folder / "registry.json").read_bytes()

    def disk_full(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("dao_sim.files.os.replace", disk_full)
    with pytest.raises(RegistryError, match="cannot write the member registry .*: No space left on device"):
        registry.erase("Aigerim")
    assert (folder / "registry.json").read_bytes() == before
    assert "Aigerim" in registry and registry.erased == ()
    assert sorted(p.name for p in folder.iterdir()) == ["registry.json"]  # no temporary file left


def test_erasure_leaves_nothing_personal_in_file_memory_or_report(tmp_path):
    path = tmp_path / "registry.json"
    registry = MemberRegistry(path)
    _fill(registry)
    entry = registry["Aigerim"]
    personal = _personal(entry.name, entry.number, entry.salt) + [b"Aigerim"]
    report_before = write_report(Report("Members", "", "", (Check("ok", True),),
                                        tables=(registry_table(registry),)), tmp_path / "before.md")
    assert AIGERIM[2].encode() in report_before.read_bytes()
    assert AIGERIM[3].encode() not in report_before.read_bytes()  # numbers never reach a report

    left = registry.erase("Aigerim", at="2026-08-01T10:00:00Z")
    assert (left.address, left.identity_hash) == (entry.address, entry.identity_hash)
    del entry
    file_bytes = path.read_bytes()
    memory = pickle.dumps(registry) + repr(registry).encode() + json.dumps(registry.to_dict()).encode()
    report = write_report(Report("Members", "", "", (Check("ok", True),),
                                 tables=(registry_table(registry),)), tmp_path / "after.md").read_bytes()
    for needle in personal:
        assert needle not in file_bytes, needle
        assert needle not in memory, needle
        assert needle not in report, needle
    assert json.loads(file_bytes)["erased"] == [{"address": left.address,
                                                "identity_hash": left.identity_hash,
                                                "erased_at": "2026-08-01T10:00:00Z", "acknowledgments": []}]
    assert "erased 2026-08-01T10:00:00Z at the member's request" in report.decode()
    assert MemberRegistry(path).erased == (left,)
    assert [m.member for m in MemberRegistry(path)] == ["Nurlan"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["after.md", "before.md", "registry.json"]


def test_erasure_cites_the_requirement_under_the_edition_in_use():
    from dao_sim.law import reference, using

    assert MemberRegistry.erasure_basis() == reference("personal-data-off-chain")
    with using("draft-2025"):
        assert MemberRegistry.erasure_basis() == reference("personal-data-off-chain", "draft-2025")


def test_a_damaged_file_is_one_line(tmp_path):
    path = tmp_path / "registry.json"
    path.write_text('{"format": "dao-sim-member-registry/1", "members": [{"member": "A"}], "erased": []}')
    with pytest.raises(RegistryError, match="is damaged: missing field 'scheme'"):
        MemberRegistry(path)
    path.write_text("{")
    with pytest.raises(RegistryError, match="cannot read the member registry"):
        MemberRegistry(path)
