"""The law as data: the editions of the Digital Code and the requirement catalogue.

The only package in dao-sim that knows article numbers. Everything that cites the law asks
it, by requirement id (``human-dispute``, ``liability-cap``) and edition (``code-2026``, the
law in force and the default, or ``draft-2025``, the text the project started from).
"""

from dao_sim.law.catalogue import (
    Provision,
    Requirement,
    Status,
    provision,
    requirement,
    requirements,
)
from dao_sim.law.citing import cite, current_edition, reference, using
from dao_sim.law.editions import DEFAULT_EDITION, EDITIONS, Edition, edition

__all__ = [
    "DEFAULT_EDITION",
    "EDITIONS",
    "Edition",
    "Provision",
    "Requirement",
    "Status",
    "cite",
    "current_edition",
    "edition",
    "provision",
    "reference",
    "requirement",
    "requirements",
    "using",
]
