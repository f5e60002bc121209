"""Demo stories, each one module of :mod:`dao_sim.demos.stories` that defines ``STORY``.

Adding a story is adding one module there: ``dao-sim demo <module name>`` finds it. Names
are listed without importing the stories, so ``dao-sim --help`` stays fast; a story's module
is imported when it is asked for.
"""

from __future__ import annotations

import importlib
import pkgutil

from dao_sim.demos.story import Story
from dao_sim.exceptions import ScenarioError, suggest

__all__ = ["DEFAULT_STORY", "Story", "get_story", "story_names"]

#: What ``dao-sim demo`` plays with no story named.
DEFAULT_STORY = "governance"


def story_names() -> tuple[str, ...]:
    """The stories available, the default first, then alphabetically.

    Examples
    --------
    >>> story_names()[:1]
    ('governance',)
    """
    from dao_sim.demos import stories

    found = sorted(m.name for m in pkgutil.iter_modules(stories.__path__)
                   if not m.name.startswith("_"))
    return tuple(sorted(found, key=lambda n: n != DEFAULT_STORY))


def get_story(name: str) -> Story:
    """The story called ``name``.

    Raises
    ------
    ScenarioError
        When there is no such story (the nearest name is suggested), or its module does not
        define a ``STORY`` of that name.
    """
    names = story_names()
    if name not in names:
        raise ScenarioError(f"no demo story '{name}'{suggest(name, names)} "
                            f"(stories: {', '.join(names)})")
    module = importlib.import_module(f"dao_sim.demos.stories.{name}")
    story = getattr(module, "STORY", None)
    if not isinstance(story, Story) or story.name != name:
        raise ScenarioError(f"dao_sim.demos.stories.{name} must define STORY = Story('{name}', ...)")
    return story
