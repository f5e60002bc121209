"""A verification told in plain lines: what matched, what did not, and where.

One line per check, ``ok`` or ``FAIL`` first, so the text reads the same in a terminal, a log
or a test; a failing contract names its first differing byte, a failing object the hash the
manifest gives and the one found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dao_sim.compliance import CodeComparison, Verification

__all__ = ["verification_lines", "verification_text"]


def _short(digest: str) -> str:
    return digest[:12] + "..." if len(digest) > 12 else digest


def _code_line(c: CodeComparison) -> str:
    masked = (f", {c.immutables_masked} immutable slot{'s' if c.immutables_masked != 1 else ''} masked"
              if c.immutables_masked else "")
    where = f"{c.contract} at {c.address}"
    if c.deployed_size == 0:
        return f"FAIL  {where}: no code at this address"
    if c.built_size == 0:
        return f"FAIL  {where}: the published sources did not build it, nothing to compare with"
    if c.ok:
        return (f"ok    {where}: runtime code is the build of the published sources "
                f"({c.deployed_size:,} bytes{masked}; metadata hash matches)")
    if c.code_matches:
        return (f"FAIL  {where}: the executable code matches but the metadata hash differs "
                f"(deployed {_short(c.deployed_metadata.get('ipfs', '?'))}, built "
                f"{_short(c.built_metadata.get('ipfs', '?'))}): the published sources are not "
                "byte for byte the ones compiled (comments, NatSpec or file names differ)")
    sizes = (f"{c.deployed_size:,} bytes deployed, {c.built_size:,} built"
             if c.deployed_size != c.built_size else f"{c.deployed_size:,} bytes")
    return (f"FAIL  {where}: runtime code differs from the build of the published sources, "
            f"first at byte {c.first_difference} (0x{c.first_difference or 0:x}); {sizes}{masked}")


def verification_lines(v: Verification) -> list[str]:
    """The verification as lines: a header, one line per check, a verdict."""
    block = v.chain.get("block")
    lines = [
        f"Publication {v.publication.id} ({v.publication.dao}) in {v.store}",
        f"Checked: {v.subject}" + (f", chain read at block {block}" if block is not None else ""),
    ]
    broken = [o for o in v.objects if not o.ok]
    if not broken:
        lines.append(f"ok    store: the manifest and its {len(v.objects) - 1} objects hash to what "
                     "the manifest lists")
    for o in broken:
        if o.actual is None:
            lines.append(f"FAIL  store: {o.what} is missing (manifest lists {_short(o.listed)})")
        else:
            lines.append(f"FAIL  store: {o.what} hashes to {_short(o.actual)}, the manifest lists "
                         f"{_short(o.listed)}: changed after publication")
    if v.build_error:
        lines.append(f"FAIL  build: the published sources did not compile: {v.build_error.splitlines()[0]}")
    lines += [_code_line(c) for c in v.contracts]
    if v.charter_ok:
        lines.append(f"ok    charter: keccak-256 of the published text is the hash the core stores "
                     f"({v.charter_on_chain[:18]}...)")
    elif not v.charter_published:
        lines.append("FAIL  charter: the published text is missing from the store")
    else:
        lines.append(f"FAIL  charter: the published text hashes to {v.charter_published[:18]}..., "
                     f"the core stores {v.charter_on_chain[:18]}...")
    failed = sum(line.startswith("FAIL") for line in lines)
    lines.append("Verified: the deployed code and charter are the published ones." if v.ok else
                 f"NOT verified: {failed} check{'s' if failed != 1 else ''} failed.")
    return lines


def verification_text(v: Verification) -> str:
    """:func:`verification_lines` joined, with a final newline."""
    return "\n".join(verification_lines(v)) + "\n"
