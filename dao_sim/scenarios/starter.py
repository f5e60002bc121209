"""The commented starting point ``dao-sim new scenario NAME`` writes.

It is a complete scenario that runs green as written, so a newcomer starts from something
that works and changes one step at a time; every comment says what a line means and where
the reference is.
"""

from __future__ import annotations

from pathlib import Path

from dao_sim.exceptions import ScenarioError
from dao_sim.files import write_atomically

__all__ = ["STARTER", "write_starter"]

STARTER = """\
# A dao-sim scenario: a story told step by step, checked as it runs.
# Every step and field is described in docs/scenarios.md. Run it with:
#     dao-sim run {file}
# Amounts carry a unit (10 ETH), durations too (3 days); people are named below.

title: {title}
description: Three members found a DAO, vote to pay a designer, and the payment executes itself.
edition: code-2026          # the law in force; draft-2025 applies the draft instead

people: [Aigerim, Bolat, Dana, Erlan, Gulnara, Madina, Saule]

arbitrator:                 # the human dispute procedure every DAO must name (human-dispute)
  roster:
    - {{name: Madina, identified: identity card checked in person, attested_by: Saule}}

dao:
  name: Steppe Makers
  members: {{Aigerim: 10 ETH, Bolat: 6 ETH, Dana: 4 ETH}}   # founders and what each pays in
  voting_period: 3 days
  grace_period: 2 days      # after a vote passes: dissenters may leave, disputes may open

steps:
  - found:                  # the founders pay in; the contract stores the charter's hash
  - propose:
      id: website           # the name later steps use for this proposal
      by: Aigerim
      description: Pay Erlan for the DAO's website
      actions:
        - pay: {{to: Erlan, amount: 2 ETH}}
  - vote: {{by: Aigerim, proposal: website, support: for}}
  - vote: {{by: Bolat, proposal: website, support: for}}
  - vote: {{by: Dana, proposal: website, support: against}}
  - wait: 3 days            # the vote closes
  - execute: {{proposal: website, by: Gulnara, expect_refusal: ProposalNotExecutable}}
  - wait: 2 days            # the grace window ends
  - execute: {{proposal: website, by: Gulnara}}   # anyone may trigger it; nobody may change it
  - expect:
      proposals: {{website: Executed}}
      balance_changes: {{Erlan: +2 ETH}}
      treasury: {{balance: 18 ETH}}
"""


def write_starter(name: str, folder: str | Path = ".") -> Path:
    """Write ``<name>.yaml`` in ``folder`` and return its path.

    Raises
    ------
    ScenarioError
        When the name is not a plain file name, the file already exists (nothing is
        overwritten), or the folder cannot be written.
    """
    stem = name.removesuffix(".yaml")
    if not stem or Path(stem).name != stem or stem.startswith("."):
        raise ScenarioError(f"{name!r} is not a plain file name: use letters, digits and dashes")
    target = Path(folder) / f"{stem}.yaml"
    if target.exists():
        raise ScenarioError(f"{target} already exists: dao-sim does not overwrite it")
    title = stem.replace("-", " ").replace("_", " ").strip().capitalize()
    try:
        return write_atomically(target, STARTER.format(file=target, title=title))
    except OSError as exc:
        raise ScenarioError(f"cannot write {target}: {exc.strerror or exc}") from None
