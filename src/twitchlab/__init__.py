"""twitchlab: the package behind the course "Sleep twitches or seizures?".

The flow is one way: parameters (:mod:`twitchlab.params`, :mod:`twitchlab.clinical`) ->
simulation (:mod:`twitchlab.sleep`, :mod:`twitchlab.patterns`, :mod:`twitchlab.emg`) ->
timeline (:mod:`twitchlab.timeline`) -> features (:mod:`twitchlab.features`) -> triage
(:mod:`twitchlab.triage`). :mod:`twitchlab.plots` draws what those return and
:mod:`twitchlab.widgets` wires controls to them. Everything here is for teaching: it is not a
diagnostic tool.

The most used names are available at the top level::

    import twitchlab
    night = twitchlab.simulate_night(age_days=7, hours=12, seed=1)
    episode = twitchlab.simulate_episode("bnsm", age_days=10, seed=2)
    assessment = twitchlab.assess(twitchlab.to_episode(episode))
"""

from twitchlab.features import extract, to_episode
from twitchlab.patterns import simulate_episode
from twitchlab.sleep import simulate_night, simulate_nights
from twitchlab.timeline import Context, Timeline
from twitchlab.triage import Assessment, Episode, assess

__version__ = "0.1.0"

__all__ = [
    "Assessment",
    "Context",
    "Episode",
    "Timeline",
    "assess",
    "extract",
    "simulate_episode",
    "simulate_night",
    "simulate_nights",
    "to_episode",
]
