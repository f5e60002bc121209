"""dao-sim: design, test, simulate and explain DAOs under Kazakhstan's Digital Code."""

__version__ = "0.1.0"
__all__ = ["__version__"]
