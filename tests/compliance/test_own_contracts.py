"""dao-sim's own contracts pass its own checks: no error outside the test-only mocks."""

from __future__ import annotations

from dao_sim.compliance import Severity, check_sources


def test_dao_sims_contracts_have_no_error_finding(artifacts):
    # All of contracts/ is checked, mocks included, so the bytecode build is the project's
    # own (an artifact cache hit); the mocks are attackers and third-party shapes on purpose.
    findings = check_sources(["contracts"])
    own = [f for f in findings if not f.location.file.startswith("contracts/mocks/")]
    errors = [str(f) for f in own if f.severity is Severity.ERROR]
    assert errors == []
    assert any(f.location.file.startswith("contracts/mocks/") for f in findings)
