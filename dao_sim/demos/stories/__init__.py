"""The demo stories: one module per story, each defining ``STORY`` (see :mod:`dao_sim.demos`)."""

__all__: list[str] = []
