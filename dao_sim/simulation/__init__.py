"""Simulating DAO designs at scale: agents acting through the real contracts, experiments over
parameter ranges and populations, Monte Carlo sweeps (local processes or a Dask cluster) into
a tidy Parquet table, charts, and the risk register.

- :mod:`.agents`: members, apathetic members, a whale, a colluding bloc, a malicious
  proposer, a bogus claimant, a disputer, and the *modelled* arbitrator.
- :mod:`.population`: the members' graph (random, small-world, scale-free, or a file).
- :mod:`.experiment`: a design, its ranges and runs, in Python or YAML.
- :mod:`.run`: one run, into metric rows. :mod:`.sweep`: many, resumable.
- :mod:`.risks`: the register. :mod:`.charts`: its pictures. :mod:`.command`: ``dao-sim sweep``.

Importing this package is cheap; its modules load when used.
"""

from __future__ import annotations

from dao_sim.lazy import lazy_getattr

__all__ = ["Experiment", "ModelledArbitrator", "load_experiment", "run_once", "sweep"]

_HOME = {"Experiment": "experiment", "load_experiment": "experiment", "ModelledArbitrator": "agents",
         "run_once": "run", "sweep": "sweep"}


__getattr__ = lazy_getattr(__name__, _HOME)
