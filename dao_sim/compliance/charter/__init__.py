"""Charter rules: a spec checked before it is deployed.

(A spec without an arbitrator never gets this far: ``DAOSpec`` refuses it, because the
contracts cannot run without a dispute procedure; the static checks flag contracts that lack
one.)
"""

from dao_sim.compliance.charter.base import CharterRule
from dao_sim.compliance.charter.power import OneMemberDecidesAlone, founding_powers, member_powers
from dao_sim.compliance.charter.readable_terms import CodedTermsReadable, coded_terms
from dao_sim.compliance.charter.sandbox import SandboxHasALegalBasis

__all__ = ["CHARTER_RULES", "CharterRule", "CodedTermsReadable",
           "OneMemberDecidesAlone", "SandboxHasALegalBasis", "coded_terms", "founding_powers",
           "member_powers"]

#: The registry of charter rules, in the order a report lists them.
CHARTER_RULES: tuple[type[CharterRule], ...] = (
    CodedTermsReadable,
    OneMemberDecidesAlone,
    SandboxHasALegalBasis,
)
