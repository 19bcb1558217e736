"""twitchlab: the package behind the course "Sleep twitches or seizures?".

The flow is one way: parameters -> simulation -> timeline -> features -> triage; plots draw what
those return and widgets wire controls to them. Everything here is for teaching: it is not a
diagnostic tool.
"""

__version__ = "0.1.0"
