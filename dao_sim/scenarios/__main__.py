"""Write the scenario format's reference page: ``python -m dao_sim.scenarios [PATH]``.

``PATH`` defaults to ``docs/scenarios.md``. Running scenarios is the CLI's job (``dao-sim run``).
"""

import sys

from dao_sim.scenarios.docs import write_reference

write_reference(sys.argv[1] if len(sys.argv) > 1 else "docs/scenarios.md")
