# nbgrader configuration at the course root, so `make lab` (JupyterLab started here) shows the
# formgrader for the course in exercises/. The settings live in exercises/nbgrader_config.py.
import os

c = get_config()  # noqa: F821 (defined by traitlets when it loads this file)
load_subconfig(  # noqa: F821
    "nbgrader_config.py", path=os.path.join(os.path.dirname(os.path.abspath(__file__)), "exercises")
)
