"""One Monte Carlo run: agents act on a deployed DAO for a few rounds; the run's figures come
back as tidy rows (one per metric, and per step for figures over time).

A run's chain is a *world*: the arbitrator and the DAO of one design point, deployed once per
process and snapshotted; each run reverts to that snapshot first, so deploying costs nothing
per run and a run's result depends only on its design point and its seed (no global random
state is read). :func:`open_session` is the one place a simulation creates a chain session:
the engine's name passes through it (``--engine revm`` for the fast one).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from dao_sim.governance.units import Wei
from dao_sim.simulation.agents import (
    ApatheticMember,
    BlocMember,
    BogusClaimant,
    Disputer,
    MaliciousProposer,
    Member,
    ModelledArbitrator,
    Whale,
)
from dao_sim.simulation.experiment import DesignPoint, PopulationSpec

__all__ = ["METRICS", "OUTSIDERS", "World", "open_session", "run_once"]

#: People outside the DAO in every world: the payee of a sound payment, the malicious
#: proposer's accomplice, the bogus claimant, a keeper who sends permissionless transactions,
#: the modelled arbitrator and who attests the roster.
OUTSIDERS = ("Supplier", "Accomplice", "Claimant", "Keeper", "Modelled Arbiter", "Attester")

#: Every figure a run reports: counts of what happened; ``captured_decisions``, proposals that
#: passed while most active members' interest was against them; ``max_loss_share``, the largest
#: share of a contribution any member lost (on exit, or as the contract counts a member's loss);
#: ``treasury_left_share``, the treasury at the end over the founders' contributions (above 1
#: when a whale bought weight or bonds came in); ``nakamoto`` once per step (0 before the
#: first round, then after each round).
METRICS = (
    "proposals", "proposals_passed", "proposals_executed", "captured_decisions",
    "quorum_failures", "rejected", "malicious_paid", "exits", "disputes", "disputes_voided",
    "disputes_upheld", "claims", "claim_freezes", "claims_rejected", "max_loss_share",
    "treasury_left_share", "nakamoto",
)

_WEI = 10**18
#: Chance a sound proposal really serves the members, and that a member sees it rightly.
_SOUND, _INSIGHT = 0.7, 0.85
_APATHETIC_TURNOUT = 0.15


def open_session(names: list[str], engine: str | None = None) -> Any:
    """A fresh chain session with ``names`` as its accounts, on ``engine`` (``"eth-tester"``,
    the default when ``None``, or ``"revm"``): the one place a simulation creates a
    :class:`~dao_sim.chain.ChainSession`.

    Raises
    ------
    ChainError
        For an engine name this installation does not have (the choices are named).
    """
    from dao_sim.chain.session import ChainSession

    return ChainSession(engine, names=names, funding_eth=10_000)


@dataclass
class World:
    """A design point's chain: the arbitrator, the DAO, and the snapshot every run starts from."""

    session: Any
    dao: Any
    court: Any
    snapshot: Any
    members: list[str]

    @classmethod
    def build(cls, point: DesignPoint, members: list[str], *, engine: str | None = None,
              edition: str | None = None) -> World:
        """Deploy the modelled arbitrator and the point's DAO (through the compliance gate)."""
        from eth_utils import keccak

        from dao_sim.compiler import compile_project
        from dao_sim.compliance import checked_deploy
        from dao_sim.disputes import Arbitrator, IdentityAttestation, deploy_arbitrator
        from dao_sim.law import using

        session = open_session([*members, *OUTSIDERS], engine)
        artifacts = compile_project()
        with using(edition):
            roster = [Arbitrator("Modelled Arbiter", IdentityAttestation.make(
                "modelled arbitrator, not a human decision: no person identified", "Attester",
                salt=keccak(text="dao-sim simulation")))]
            court = deploy_arbitrator(session, roster, artifacts=artifacts, label="ModelledArbitrator")
            dao = checked_deploy(point.spec(members, "ModelledArbitrator"), session, artifacts=artifacts,
                                 edition=edition)
        return cls(session, dao, court, session.snapshot(), members)


_WORLDS: dict[tuple[Any, ...], World] = {}


def world_for(point: DesignPoint, population: PopulationSpec, *, engine: str | None,
              edition: str | None) -> World:
    """This process's world for ``point`` (built on first use), reverted to its snapshot."""
    key = (point.params, population, engine, edition)
    world = _WORLDS.get(key)
    if world is None:
        world = _WORLDS[key] = World.build(point, population.members, engine=engine, edition=edition)
    else:
        world.session.revert(world.snapshot)
        world.snapshot = world.session.snapshot()
    return world


def run_once(point: DesignPoint, population: PopulationSpec, seed: int, *,
             engine: str | None = None, edition: str | None = None) -> list[tuple[str, int, float]]:
    """Play one run; return ``(metric, step, value)`` triples, in :data:`METRICS` order.

    Raises
    ------
    DaoSimError
        Whatever the contracts or the library refuse: the sweep records it as the run's failure.
    """
    from dao_sim.law import using

    world = world_for(point, population, engine=engine, edition=edition)
    with using(edition):
        return _Run(world, point, population, seed).play()


class _Run:
    """The state of one run: roles drawn from the seed, counters, and the rounds."""

    def __init__(self, world: World, point: DesignPoint, population: PopulationSpec, seed: int) -> None:
        from dao_sim.governance.units import parse_amount

        self.world, self.dao, self.session = world, world.dao, world.session
        self.p = dict(point.params)
        self.rng = random.Random(seed)
        self.amount = {k: parse_amount(self.p[k]) for k in ("whale_buy", "payment", "malicious_payment")}
        self.counts = dict.fromkeys(METRICS[:-3], 0.0)
        self.nakamoto: list[float] = []
        self.exited: dict[str, float] = {}
        graph = population.build(seed)
        members = world.members
        rng = self.rng
        self.proposer_name = rng.choice(members)
        bloc = graph.circle(self.proposer_name, self.p["bloc_size"]) if self.p["bloc_size"] else []
        self.colluders = set(bloc) | {self.proposer_name}
        others = [m for m in members if m not in self.colluders]
        apathetic = set(rng.sample(others, round(self.p["apathy"] * len(others))))
        engaged = set(others) - apathetic
        self.delegations = {m: d for m in sorted(apathetic)
                            if (d := graph.delegate_of(m, apathetic)) is not None and d in engaged}
        self.agents: dict[str, Member] = {}
        for m in members:
            if m == self.proposer_name:
                kind = Whale if self.p["whale"] else MaliciousProposer
                self.agents[m] = kind(m, 1.0)
            elif m in self.colluders:
                self.agents[m] = BlocMember(m, 1.0, leader=self.proposer_name)
            elif m in apathetic:
                self.agents[m] = ApatheticMember(m, _APATHETIC_TURNOUT, self.delegations.get(m))
            else:
                self.agents[m] = Member(m, self.p["turnout"])
        self.proposer = MaliciousProposer(self.proposer_name, 1.0)
        #: Members who voted For the open claim-rejection proposal (they may not exit until it closes).
        self.bound: set[str] = set()
        self.claimant = BogusClaimant("Claimant")

    # -- helpers -------------------------------------------------------------------------------

    def active(self) -> list[str]:
        return [m for m in self.world.members if m not in self.exited]

    def _nakamoto(self) -> float:
        from dao_sim.compliance.charter.power import member_powers
        from dao_sim.compliance.decentralisation import power_report

        powers = member_powers(self.dao)
        delegations = {a: b for a, b in self.delegations.items() if a in powers and b in powers}
        bloc = [m for m in sorted(self.colluders) if m in powers]
        blocs = {"bloc": bloc} if len(bloc) > 1 else None
        report = power_report(powers, int(self.dao.spec.quorum), int(self.dao.spec.approval),
                              delegations, blocs)
        return float(report.nakamoto)

    # -- the run -------------------------------------------------------------------------------

    def play(self) -> list[tuple[str, int, float]]:
        if self.p["whale"]:
            Whale(self.proposer_name, 1.0).buy_weight(self.dao, self.amount["whale_buy"])
        self.nakamoto.append(self._nakamoto())
        for _ in range(self.p["rounds"]):
            self.round()
            self.nakamoto.append(self._nakamoto())
        return self.figures()

    def round(self) -> None:
        from dao_sim.governance import Action

        rng, dao, p = self.rng, self.dao, self.p
        active = self.active()
        malicious = self.proposer_name in active and rng.random() < p["malicious_rate"]
        if malicious:
            pid = self.proposer.propose(dao, self.amount["malicious_payment"])
            interests = {m: m in self.colluders for m in active}
        else:
            sound = rng.random() < _SOUND
            honest = [m for m in active if m not in self.colluders] or active
            proposer = rng.choice(honest)
            pid = dao.propose(proposer, [Action.pay("Supplier", Wei(self.amount["payment"]))],
                              "Pay the supplier (simulated)")
            interests = {m: (sound if rng.random() < _INSIGHT else not sound) for m in active}
            interests[proposer] = True  # a proposer supports their own proposal
        self.counts["proposals"] += 1
        harmful = malicious or not sum(interests.values()) * 2 > len(active)
        claim_id = None
        self.bound = set()
        if rng.random() < p["claim_rate"]:
            claim_id = self.claimant.file(dao, self.amount["payment"])
            self.counts["claims"] += 1
        ballots: dict[str, str] = {}
        order = sorted(active, key=lambda m: (isinstance(self.agents[m], ApatheticMember), int(m[1:])))
        for m in order:
            self.agents[m].vote(dao, pid, interests[m], rng, ballots)
        claim_pid = None
        if claim_id is not None:
            self.claimant.freeze(dao, pid)
            self.counts["claim_freezes"] += 1
            claim_pid = self._reject_claim(claim_id, active)
        self.session.advance(dao.spec.voting_period)
        state = dao.state(pid)
        if state in ("Defeated", "Expired"):
            info = dao.proposal(pid)
            decided = info.for_votes + info.against_votes
            carried = decided and info.for_votes * 10_000 > int(dao.spec.approval) * decided
            self.counts["quorum_failures" if carried or decided == 0 else "rejected"] += 1
        else:
            self.counts["proposals_passed"] += 1
            against = sum(1 for m in active if not interests[m])
            if against * 2 > len(active):
                self.counts["captured_decisions"] += 1
            self._grace(pid, ballots, harmful)
        if claim_pid is not None:
            self._settle_claim(claim_pid)
        self._execute(pid, malicious)

    def _reject_claim(self, claim_id: int, active: list[str]) -> int:
        from dao_sim.governance import Action

        proposer = next((m for m in active if m not in self.colluders), active[0])
        pid = self.dao.propose(proposer, [Action.reject_claim(claim_id)], "Reject the bogus claim")
        for m in active:
            if self.rng.random() < max(self.agents[m].turnout, 0.5):
                self.dao.vote(m, pid, "for")
                self.bound.add(m)
        return pid

    def _settle_claim(self, claim_pid: int) -> None:
        dao = self.dao
        if dao.state(claim_pid) in ("Grace", "Active", "Pending"):
            self.session.advance(dao.spec.grace_period)
        if dao.state(claim_pid) == "Succeeded":
            dao.execute(claim_pid, by="Keeper")
            self.counts["claims_rejected"] += 1

    def _grace(self, pid: int, ballots: dict[str, str], harmful: bool) -> None:
        dao, rng = self.dao, self.rng
        dissenters = [m for m, b in sorted(ballots.items(), key=lambda kv: int(kv[0][1:])) if b == "against"]
        disputed = False
        if dissenters and Disputer(dissenters[0], self.p["dispute_rate"]).wants_to(rng):
            dispute = Disputer(dissenters[0], 1.0).dispute(dao, self.world.court, pid)
            self.counts["disputes"] += 1
            dispute.decide(ModelledArbitrator(harmful, self.p["arbitrator_accuracy"], rng))
            outcome = dispute.finalise(by="Keeper")
            self.counts["disputes_voided" if outcome.final_ruling == 2 else "disputes_upheld"] += 1
            disputed = True
        for m in dissenters[1 if disputed else 0:]:
            # a member who voted For a proposal still open (the claim's rejection) may not leave yet
            if rng.random() < self.p["exit_rate"] and m not in self.bound:
                contributed = dao.member(m).contributed
                payout = dao.exit(m)
                self.exited[m] = max(0.0, 1 - payout / contributed) if contributed else 0.0
                self.counts["exits"] += 1

    def _execute(self, pid: int, malicious: bool) -> None:
        dao = self.dao
        for _ in range(3):
            state = dao.state(pid)
            if state == "Succeeded":
                dao.execute(pid, by="Keeper")
                self.counts["proposals_executed"] += 1
                self.counts["malicious_paid"] += malicious
                return
            if state not in ("Grace", "Active", "Pending", "Disputed"):
                return
            self.session.advance(dao.spec.grace_period)

    def figures(self) -> list[tuple[str, int, float]]:
        from dao_sim.governance.units import parse_amount

        losses = list(self.exited.values())
        for m in self.active():
            liability = self.dao.liability(m)
            if liability.contributed:
                losses.append(liability.lost / liability.contributed)
        founded = len(self.world.members) * parse_amount(self.p["contribution"])
        self.counts["max_loss_share"] = round(max(losses, default=0.0), 6)
        self.counts["treasury_left_share"] = round(self.dao.treasury.balance / founded, 6)
        rows = [(name, 0, float(self.counts[name])) for name in METRICS[:-1]]
        rows += [("nakamoto", step, value) for step, value in enumerate(self.nakamoto)]
        return rows

