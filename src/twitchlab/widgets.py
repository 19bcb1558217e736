"""Interactive explorers for the lessons: each is one call, its figure made once.

Every explorer wires standard ipywidgets controls (each with a description and a tooltip, all
keyboard-operable) to functions of :mod:`twitchlab` and redraws **one** figure by changing its
artists' data in place (:mod:`twitchlab.plots`), then shows it as a PNG with alt text. The
widgets hold no medical logic: simulation, features and triage come from the package.

Live explorers (need a running Python kernel, e.g. ``make lab``):
:func:`hypnogram_explorer`, :func:`myoclonus_explorer`, :func:`timeline_explorer`,
:func:`triage_explorer`, :func:`mystery_round`, :func:`seizure_clock`.

Static explorers (work in the built book with no kernel): :func:`static_hypnogram_explorer` and
:func:`static_timeline_explorer` precompute a handful of figures at build time and switch
between them in the browser with a control linked by :func:`ipywidgets.jslink` to an
:class:`ipywidgets.Stack`.

Measuring (for the benchmark harness): setting a control, e.g.
``ex = timeline_explorer(); ex.controls["seed"].value = 3``, recomputes and renders the figure to
PNG synchronously (``ex.last_png``) - that is ``widget_update_ms``; :func:`naive_timeline_png`
makes the same plot from scratch for the same settings - that is ``widget_naive_ms``.

Educational material only: not a diagnostic tool.
"""

from __future__ import annotations

import base64
import contextlib
import html
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import ipywidgets as W
import numpy as np

from twitchlab import plots

__all__ = [
    "Explorer",
    "AGE_CHOICES",
    "hypnogram_explorer",
    "myoclonus_explorer",
    "timeline_explorer",
    "triage_explorer",
    "mystery_round",
    "seizure_clock",
    "static_hypnogram_explorer",
    "static_timeline_explorer",
    "naive_timeline_png",
    "image_html",
]

_WIDE = {"description_width": "11em"}
_LAYOUT = W.Layout(width="30em")
_DISCLAIMER = (
    "<p><em>Educational simulation, not a diagnostic tool. If you are worried about a baby or a "
    "patient, seek medical care.</em></p>"
)

#: Ages offered by the age controls: label -> (age in days, gestation at birth in weeks).
AGE_CHOICES: dict[str, tuple[int, float]] = {
    "newborn, 2 weeks (term)": (14, 40.0),
    "preterm newborn, 2 weeks (born at 32 weeks)": (14, 32.0),
    "1 month": (30, 40.0),
    "3 months": (91, 40.0),
    "6 months": (183, 40.0),
    "12 months": (365, 40.0),
    "2 years": (730, 40.0),
    "child, 8 years": (8 * 365, 40.0),
    "adult, 30 years": (30 * 365, 40.0),
}

#: Display names of the simulation patterns (the contract's names are the values).
PATTERN_LABELS: dict[str, str] = {
    "sleep twitches": "sleep_twitches",
    "hypnic jerk": "hypnic_jerk",
    "benign neonatal sleep myoclonus (BNSM)": "bnsm",
    "jitteriness": "jitteriness",
    "benign myoclonus of early infancy": "benign_myoclonus_of_infancy",
    "infantile spasms": "infantile_spasms",
    "simple febrile seizure": "simple_febrile_seizure",
    "complex febrile seizure": "complex_febrile_seizure",
    "focal seizure": "focal_seizure",
    "generalized seizure": "generalized_seizure",
}


def image_html(png: bytes, alt: str, *, width: str = "100%") -> str:
    """An ``<img>`` element holding a PNG inline, with alt text.

    Parameters
    ----------
    png : bytes
        PNG file content.
    alt : str
        Text alternative describing what the figure shows.
    width : str
        CSS max-width of the image.

    Returns
    -------
    str
        HTML for an :class:`ipywidgets.HTML` value (works in JupyterLab and the static book).
    """
    data = base64.b64encode(png).decode("ascii")
    return (f'<img class="twitchlab-figure" src="data:image/png;base64,{data}" '
            f'alt="{html.escape(alt, quote=True)}" style="max-width:{width};height:auto">')


def _md_to_html(text: str) -> str:
    """Markdown from :meth:`twitchlab.triage.Assessment.explain` as HTML for a widget."""
    try:
        from markdown_it import MarkdownIt
    except ImportError:  # pragma: no cover - markdown-it-py ships with the book tools
        return "<pre>" + html.escape(text) + "</pre>"
    return MarkdownIt("commonmark").render(text)


class Explorer:
    """Controls wired to :mod:`twitchlab`, one figure updated in place, shown as a PNG.

    Attributes
    ----------
    controls : dict[str, ipywidgets.ValueWidget]
        The controls by name; setting ``controls[name].value`` redraws.
    figure : object
        The :mod:`twitchlab.plots` figure object (``.fig``, ``.artists``, ``.update``).
    image : ipywidgets.HTML
        The rendered figure (an ``<img>`` with alt text).
    info : ipywidgets.HTML
        Text computed live (features, assessment, ...).
    message : ipywidgets.HTML
        Why the last change could not be drawn, if it could not (the package's ValueError).
    widget : ipywidgets.VBox
        What the notebook displays.
    renders : int
        How many times the figure was rendered.
    last_png : bytes
        The last rendered PNG.
    """

    def __init__(self, *, title: str, controls: Mapping[str, W.ValueWidget],
                 compute: Callable[[Explorer], None], intro: str = "",
                 extra: Sequence[W.Widget] = (), disclaimer: bool = False):
        self.title = title
        self.controls = dict(controls)
        self._compute = compute
        self.figure: Any = None
        self.image = W.HTML()
        self.info = W.HTML()
        self.message = W.HTML()
        self.renders = 0
        self.last_png = b""
        self._holding = False
        self.state: dict[str, Any] = {}
        head = W.HTML(f"<h4>{html.escape(title)}</h4>" + (f"<p>{intro}</p>" if intro else "")
                      + (_DISCLAIMER if disclaimer else ""))
        box = W.VBox([getattr(c, "box", c) for c in self.controls.values()] + list(extra),
                     layout=W.Layout(min_width="22em"))
        self.widget = W.VBox([head, W.HBox([box, self.info], layout=W.Layout(flex_flow="row wrap")),
                              self.message, self.image])
        for c in self.controls.values():
            c.observe(self._changed, names="value")
        self.refresh()

    # -- the figure -----------------------------------------------------------------------
    @property
    def fig(self):
        """The matplotlib figure (one for the explorer's whole life)."""
        return self.figure.fig

    def values(self) -> dict[str, Any]:
        """Current value of every control."""
        return {k: c.value for k, c in self.controls.items()}

    def _changed(self, change) -> None:
        if not self._holding:
            self.refresh()

    def refresh(self) -> None:
        """Recompute from the controls, update the figure in place and render it."""
        try:
            self._compute(self)
        except ValueError as err:  # the package says what is allowed; show it, keep the figure
            self.message.value = (
                f'<p role="alert" style="border-left:4px solid {plots.PALETTE["vermillion"]};'
                f'padding-left:0.5em">Cannot draw this: {html.escape(str(err))}</p>')
            return
        self.message.value = ""
        if self.figure is not None:
            self.render()

    def render(self) -> bytes:
        """Render the figure to PNG and show it with its alt text."""
        png = plots.render_png(self.figure.fig)
        self.last_png = png
        self.image.value = image_html(png, plots.alt_text(self.figure))
        self.renders += 1
        return png

    @contextlib.contextmanager
    def hold(self) -> Iterator[Explorer]:
        """Change several controls and redraw once: ``with ex.hold(): ...``."""
        self._holding = True
        try:
            yield self
        finally:
            self._holding = False
            self.refresh()

    def set(self, **values: Any) -> Explorer:
        """Set controls by name and redraw once (e.g. ``ex.set(seed=3, age_days=20)``)."""
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"unknown control(s) {unknown}; controls: {sorted(self.controls)}")
        with self.hold():
            for k, v in values.items():
                self.controls[k].value = v
        return self

    # -- display --------------------------------------------------------------------------
    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.title!r} controls={sorted(self.controls)}>"


def _slider(cls, description: str, tooltip: str, **kw) -> W.ValueWidget:
    kw.setdefault("continuous_update", False)
    return cls(description=description, tooltip=tooltip, style=_WIDE, layout=_LAYOUT, **kw)


def _dropdown(description: str, tooltip: str, options, value=None) -> W.Dropdown:
    d = W.Dropdown(description=description, tooltip=tooltip, options=options, style=_WIDE,
                   layout=_LAYOUT)
    if value is not None:
        d.value = value
    return d


def _table(rows: Sequence[tuple[str, str]], caption: str) -> str:
    body = "".join(f"<tr><th scope='row' style='text-align:left;padding-right:1em'>"
                   f"{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return (f"<table><caption style='text-align:left;font-weight:bold'>{html.escape(caption)}"
            f"</caption>{body}</table>")


def _age_text(age_days: float) -> str:
    return plots._age_text(age_days)


# ------------------------------------------------------------------------------------------
# Hypnogram explorer
# ------------------------------------------------------------------------------------------


def _night(age_days: int, gestation_weeks: float, seed: int):
    return _simulator("simulate_night")(int(age_days), gestation_weeks=gestation_weeks,
                                        seed=int(seed))


def _reference_shares(age_days: int, gestation_weeks: float) -> dict[str, float]:
    from twitchlab import params

    return params.sleep_row(age_days, gestation_weeks).shares()


def _hypnogram_info(tl, age_days, gestation_weeks, shares) -> str:
    from twitchlab import params

    row = params.sleep_row(age_days, gestation_weeks)
    states = np.asarray(tl.state).astype(str)
    sleep_states = states[states != "W"]
    rows = [
        ("age", _age_text(age_days) + (f", born at {gestation_weeks:g} weeks"
                                       if gestation_weeks < 40 else "")),
        ("scoring", "infant (W, AS, QS, IS)" if row.scheme == "infant"
         else "AASM (W, N1, N2, N3, R)"),
        ("first sleep stage", plots.STAGE_NAMES.get(sleep_states[0], "-")
         if len(sleep_states) else "-"),
        ("reference cycle", f"{row.cycle_min.value:g} min ({row.cycle_min.source})"),
    ]
    for s, v in shares.items():
        ref = row.stage_shares.get(s)
        rows.append((f"{plots.STAGE_NAMES[s]}",
                     f"{v:.0%} (table: {float(ref.value):.0%}, {ref.source}"
                     f"{', model assumption' if ref.assumption else ''})" if ref else f"{v:.0%}"))
    return _table(rows, "This night")


def hypnogram_explorer(age: str = "newborn, 2 weeks (term)", seed: int = 0) -> Explorer:
    """A simulated night's hypnogram for an age, with stage shares against the table.

    Parameters
    ----------
    age : str
        One of :data:`AGE_CHOICES`.
    seed : int
        Seed of the simulation (0-99).

    Returns
    -------
    Explorer
        Controls ``age`` (value: (age_days, gestation_weeks)) and ``seed``.
    """
    if age not in AGE_CHOICES:
        raise ValueError(f"age={age!r} is not offered; allowed: {list(AGE_CHOICES)}")
    controls = {
        "age": _dropdown("Age", "Age of the sleeper (preterm: corrected age is used)",
                         list(AGE_CHOICES.items()), AGE_CHOICES[age]),
        "seed": _slider(W.IntSlider, "Night (seed)", "Another random night of the same age",
                        min=0, max=99, value=int(seed)),
    }

    def compute(ex: Explorer) -> None:
        age_days, gw = ex.controls["age"].value
        tl = _night(age_days, gw, ex.controls["seed"].value)
        ref = _reference_shares(age_days, gw)
        if ex.figure is None:
            ex.figure = plots.hypnogram_figure(tl, reference=ref)
        else:
            ex.figure.update(tl, reference=ref)
        ex.state["timeline"] = tl
        ex.info.value = _hypnogram_info(tl, age_days, gw, ex.figure.shares)

    return Explorer(title="Hypnogram explorer", controls=controls, compute=compute,
                    intro="Choose an age and a night. The bars on the right compare the night's "
                          "stage shares with the course's sleep table (dashed).")


# ------------------------------------------------------------------------------------------
# Myoclonus (EMG) explorer
# ------------------------------------------------------------------------------------------


def myoclonus_explorer(kind: str = "positive", amplitude: float = 0.8, duration_ms: int = 60,
                       background_tone: float = 0.3, seed: int = 0) -> Explorer:
    """EMG-like trace of positive (burst) or negative (silent period) myoclonus.

    Parameters
    ----------
    kind : {"positive", "negative"}
    amplitude : float
        Relative size of the burst or depth of the lapse (0-1).
    duration_ms : int
        Length of the burst or silent period, ms.
    background_tone : float
        Ongoing muscle activity (0-1); a silent period needs some tone to be seen.
    seed : int

    Returns
    -------
    Explorer
        Controls ``kind``, ``amplitude``, ``duration_ms``, ``background_tone``.
    """
    from twitchlab import emg

    lim = _emg_limits(emg)
    controls = {
        "kind": W.ToggleButtons(
            description="Myoclonus", options=[("positive (burst)", "positive"),
                                              ("negative (silent period)", "negative")],
            value=kind, tooltips=["A brief muscle contraction",
                                  "A brief lapse of ongoing muscle activity"],
            tooltip="Positive: a burst; negative: a silent period", style=_WIDE),
        "amplitude": _slider(W.FloatSlider, "Amplitude", "Size of the burst / depth of the lapse "
                             "(relative, 0-1)", min=lim["amplitude"][0], max=lim["amplitude"][1],
                             step=0.05, value=amplitude),
        "duration_ms": _slider(W.IntSlider, "Duration (ms)", "Length of the burst or silent "
                               "period in milliseconds", min=int(lim["duration_ms"][0]),
                               max=int(lim["duration_ms"][1]), step=10, value=duration_ms),
        "background_tone": _slider(W.FloatSlider, "Background tone", "Ongoing muscle activity "
                                   "before and after (relative, 0-1)",
                                   min=lim["background_tone"][0], max=lim["background_tone"][1],
                                   step=0.05, value=background_tone),
    }

    def compute(ex: Explorer) -> None:
        v = ex.values()
        trace = emg.myoclonus_trace(v["kind"], amplitude=v["amplitude"],
                                    duration_ms=v["duration_ms"],
                                    background_tone=v["background_tone"], seed=seed)
        if ex.figure is None:
            ex.figure = plots.emg_figure(trace, ylim=_EMG_YLIM)
        else:
            ex.figure.update(trace, ylim=_EMG_YLIM)
        ex.state["trace"] = trace
        from twitchlab import params

        limit = params.EMG_PARAMS[f"{trace.kind}_max_ms"]
        ex.info.value = _table([
            ("kind", "positive: a burst" if trace.kind == "positive"
             else "negative: a silent period"),
            ("set duration", f"{trace.duration_ms:.0f} ms"),
            ("measured on the trace", f"{trace.measure():.0f} ms (half height of the envelope)"),
            ("typical limit", f"under {limit.value:g} ms ({limit.source})"),
            ("within it?", "yes" if trace.typical else "no: too long for a typical "
                                                      f"{trace.kind} myoclonus"),
        ], "This trace")

    return Explorer(title="Positive and negative myoclonus", controls=controls, compute=compute,
                    intro="A burst of activity is positive myoclonus; a brief silence in ongoing "
                          "activity is negative myoclonus. Lower the background tone and watch "
                          "what happens to each.")


_EMG_YLIM = 5.0  # fixed, so that traces can be compared by eye as the controls move


def _emg_limits(emg) -> dict[str, tuple[float, float]]:
    """Slider limits inside what :func:`twitchlab.emg.myoclonus_trace` accepts."""
    from twitchlab import params

    dlo, dhi = params.EMG_PARAMS["duration_ms"].value
    return {"amplitude": (0.05, 1.0), "duration_ms": (max(10.0, dlo), min(1000.0, dhi)),
            "background_tone": (0.0, 1.0)}


# ------------------------------------------------------------------------------------------
# Timeline explorer
# ------------------------------------------------------------------------------------------


def _simulator(name: str):
    """A top-level simulation function (``twitchlab.<name>``, else where it is defined)."""
    import importlib

    import twitchlab

    fn = getattr(twitchlab, name, None)
    for module in ("sleep", "patterns", "timeline"):
        if fn is not None:
            break
        with contextlib.suppress(ImportError):
            fn = getattr(importlib.import_module(f"twitchlab.{module}"), name, None)
    if fn is None:
        raise ImportError(f"twitchlab.{name} is not available")
    return fn


def _episode(pattern: str, age_days: int, temperature_c: float | None, seed: int):
    return _simulator("simulate_episode")(pattern, int(age_days), temperature_c=temperature_c,
                                          seed=int(seed))


def _assessment_of(tl):
    """Features, triage Episode and Assessment of a timeline (all from the package)."""
    from twitchlab import features, triage

    feats = features.extract(tl)
    episode = features.to_episode(tl, feats)
    return feats, episode, triage.assess(episode)


def _yes_no(v) -> str:
    return "unknown" if v is None else ("yes" if v else "no")


def _features_rows(feats, episode, assessment) -> list[tuple[str, str]]:
    """The live features table: what twitchlab.features measured, and the assessment."""
    def num(v, fmt):
        return fmt.format(v) if v is not None and np.isfinite(v) else "-"

    return [
        ("events", str(feats.n_events)),
        ("clusters", str(len(feats.clusters))),
        ("median event length", num(feats.median_event_s, "{:.2f} s")),
        ("longest event", num(feats.max_event_s, "{:.1f} s")),
        ("median interval", num(feats.median_interval_s, "{:.1f} s")),
        ("dominant rhythm", num(feats.dominant_hz, "{:.1f} Hz")),
        ("rhythmic", _yes_no(feats.rhythmic)),
        ("state at onset", plots.STAGE_NAMES.get(feats.state_at_onset, feats.state_at_onset)),
        ("stops on waking", _yes_no(feats.stops_on_waking)),
        ("stops when held", _yes_no(feats.stops_when_held)),
        ("movement", (feats.movement or "-").replace("_", " ")),
        ("body", (feats.body or "-").replace("_", " ")),
        ("temperature", "not measured" if episode.fever_c is None else f"{episode.fever_c:.1f} °C"),
        ("assessment", f"{assessment.level} ({assessment.pattern.replace('_', ' ')})"),
    ]


def _age_bounds(pattern: str) -> tuple[int, int]:
    from twitchlab import params

    lo, hi = params.pattern_age_days(pattern)
    return int(lo), int(min(hi, _MAX_AGE_DAYS))


def _temperature_bounds(pattern: str) -> tuple[float, float]:
    from twitchlab import params

    with contextlib.suppress(ValueError):
        lo, hi = params.pattern_param(pattern, "fever_c")
        return float(lo), float(hi)
    return _TEMP_MIN_C, _TEMP_MAX_C


_MAX_AGE_DAYS = 18 * 365
_TEMP_MIN_C, _TEMP_MAX_C = 36.0, 40.5


def timeline_explorer(pattern: str = "bnsm", age_days: int | None = None,
                      temperature_c: float | None = None, seed: int = 0) -> Explorer:
    """Simulate an episode of a movement pattern and see its timeline and features live.

    Parameters
    ----------
    pattern : str
        A simulation pattern (values of :data:`PATTERN_LABELS`).
    age_days : int, optional
        Age in days; default the middle of the pattern's age window.
    temperature_c : float, optional
        Body temperature, °C; default 37.0, or the middle of the fever range for the febrile
        patterns (which need 38.0 °C or more).
    seed : int

    Returns
    -------
    Explorer
        Controls ``pattern``, ``age_days``, ``temperature_c``, ``seed``; ``state`` holds the
        timeline, features, episode and assessment.
    """
    if pattern not in PATTERN_LABELS.values():
        raise ValueError(f"pattern={pattern!r} is not a simulation pattern; allowed: "
                         f"{list(PATTERN_LABELS.values())}")
    lo, hi = _age_bounds(pattern)
    if age_days is None:
        age_days = _default_age(pattern)
    tlo, thi = _temperature_bounds(pattern)
    controls = {
        "pattern": _dropdown("Pattern", "Which movement pattern to simulate",
                             list(PATTERN_LABELS.items()), pattern),
        "age_days": _slider(W.IntSlider, "Age (days)", "Age in days; the range is where the "
                            "pattern occurs", min=lo, max=hi, value=int(np.clip(age_days, lo, hi))),
        "temperature_c": _slider(W.FloatSlider, "Temperature (°C)", "Body temperature in degrees "
                                 "Celsius", min=tlo, max=thi, step=0.1,
                                 value=float(np.clip(_default_temperature(pattern)
                                                     if temperature_c is None else temperature_c,
                                                     tlo, thi))),
        "seed": _slider(W.IntSlider, "Episode (seed)", "Another random episode of the same "
                        "pattern", min=0, max=99, value=int(seed)),
    }

    def compute(ex: Explorer) -> None:
        v = ex.values()
        tl = _episode(v["pattern"], v["age_days"], v["temperature_c"], v["seed"])
        feats, episode, assessment = _assessment_of(tl)
        if ex.figure is None:
            ex.figure = plots.timeline_figure(tl, features=feats, assessment=assessment)
        else:
            ex.figure.update(tl, features=feats, assessment=assessment)
        ex.state.update(timeline=tl, features=feats, episode=episode, assessment=assessment)
        ex.info.value = _table(_features_rows(feats, episode, assessment),
                               "Features computed from this timeline")

    ex = Explorer(title="Episode timeline explorer", controls=controls, compute=compute,
                  intro="Choose a pattern, an age and a temperature. The features and the "
                        "assessment on the right are computed from the simulated timeline.",
                  disclaimer=True)

    def on_pattern(change) -> None:
        # Keep age and temperature inside the new pattern's window, then redraw once.
        with ex.hold():
            lo, hi = _age_bounds(change["new"])
            age = ex.controls["age_days"]
            age.min, age.max = min(age.min, lo), max(age.max, hi)
            age.value = int(np.clip(age.value, lo, hi)) if lo <= age.value <= hi \
                else _default_age(change["new"])
            age.min, age.max = lo, hi
            tlo, thi = _temperature_bounds(change["new"])
            t = ex.controls["temperature_c"]
            t.min, t.max = min(t.min, tlo), max(t.max, thi)
            t.value = _default_temperature(change["new"])
            t.min, t.max = tlo, thi

    # Registered before the explorer's own observer would redraw: the explorer holds instead.
    ex.controls["pattern"].unobserve(ex._changed, names="value")
    ex.controls["pattern"].observe(on_pattern, names="value")
    return ex


def _default_temperature(pattern: str) -> float:
    """A temperature inside the pattern's simulated range: the middle of a fever range, or a
    normal 37.0 °C for patterns without one."""
    lo, hi = _temperature_bounds(pattern)
    if (lo, hi) == (_TEMP_MIN_C, _TEMP_MAX_C):
        return _NORMAL_TEMP_C
    return round((lo + hi) / 2, 1)


_NORMAL_TEMP_C = 37.0


def _default_age(pattern: str) -> int:
    """A typical age for the pattern: the middle of its window (geometric for wide ones)."""
    lo, hi = _age_bounds(pattern)
    return int(round(np.sqrt(max(lo, 7) * hi))) if hi > 4 * max(lo, 7) else (lo + hi) // 2


def naive_timeline_png(pattern: str = "bnsm", age_days: int = 20,
                       temperature_c: float = 37.0, seed: int = 0) -> bytes:
    """The timeline explorer's figure made from scratch and rendered (the naive baseline).

    For the benchmark's ``widget_naive_ms``: what a change would cost if each change built a
    new figure instead of updating the artists of one.
    """
    tl = _episode(pattern, age_days, temperature_c, seed)
    feats, _, assessment = _assessment_of(tl)
    return plots.render_png(plots.timeline_figure(tl, features=feats, assessment=assessment).fig)


# ------------------------------------------------------------------------------------------
# Triage explorer
# ------------------------------------------------------------------------------------------

_UNKNOWN = None
_YES_NO = [("unknown", _UNKNOWN), ("yes", True), ("no", False)]


def _options(name: str, words: Sequence[str], unknown: bool = True):
    opts = [(w.replace("_", " "), w) for w in words]
    return ([("unknown", None)] if unknown else []) + opts


def _triage_words() -> dict[str, tuple[str, ...]]:
    """Allowed words of each list-valued or word-valued Episode key (from twitchlab.triage)."""
    from twitchlab import triage

    return {"state": tuple(triage.STATES), "movement": tuple(triage.MOVEMENTS),
            "body": tuple(triage.BODY), "provoked_by": tuple(triage.PROVOKED_BY),
            "signs": tuple(triage.SIGNS), "risk_factors": tuple(triage.RISK_FACTORS)}


_TRIAGE_AGES = {
    "5 days": 5, "3 weeks": 21, "2 months": 61, "5 months": 152, "9 months": 274,
    "18 months": 548, "3 years": 1096, "7 years": 2557, "adult, 30 years": 10958,
}
_FEVERS = [("not measured", None), ("36.8 °C", 36.8), ("37.9 °C", 37.9), ("38.0 °C", 38.0),
           ("38.5 °C", 38.5), ("39.5 °C", 39.5), ("40.5 °C", 40.5)]
_DURATIONS_S = [("unknown", None), ("under a second (0.2 s)", 0.2), ("1.5 s", 1.5),
                ("10 s", 10.0), ("1 min", 60.0), ("3 min", 180.0), ("4 min 59 s", 299.0),
                ("5 min", 300.0), ("10 min", 600.0), ("14 min 59 s", 899.0), ("15 min", 900.0),
                ("20 min", 1200.0), ("30 min", 1800.0)]
_BACK_TO_NORMAL = [("unknown / not yet", None), ("within 10 min", 10.0), ("after 30 min", 30.0),
                   ("after 59 min", 59.0), ("after 61 min", 61.0)]


class _CheckGroup:
    """A group of checkboxes behaving as one control whose value is a tuple of words."""

    def __init__(self, description: str, tooltip: str, words: Sequence[str]):
        self.boxes = {w: W.Checkbox(value=False, description=w.replace("_", " "),
                                    tooltip=f"{tooltip}: {w.replace('_', ' ')}", indent=False,
                                    layout=W.Layout(width="15em")) for w in words}
        self.box = W.VBox([W.HTML(f"<b>{html.escape(description)}</b>"),
                           W.GridBox(list(self.boxes.values()),
                                     layout=W.Layout(grid_template_columns="repeat(2, 15em)"))])

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(w for w, b in self.boxes.items() if b.value)

    @value.setter
    def value(self, words: Sequence[str]) -> None:
        unknown = sorted(set(words) - set(self.boxes))
        if unknown:
            raise ValueError(f"unknown word(s) {unknown}; allowed: {list(self.boxes)}")
        for w, b in self.boxes.items():
            b.value = w in words

    def observe(self, handler, names="value") -> None:
        for b in self.boxes.values():
            b.observe(handler, names=names)

    def unobserve(self, handler, names="value") -> None:
        for b in self.boxes.values():
            b.unobserve(handler, names=names)


def _episode_dict(v: Mapping[str, Any]) -> dict[str, Any]:
    """The Episode dict from control values: unknown (None) keys are left out."""
    d = {k: x for k, x in v.items() if x is not None and x != ()}
    for k in ("provoked_by", "signs", "risk_factors"):
        if k in d:
            d[k] = list(d[k])
    return d


def triage_explorer() -> Explorer:
    """Set an episode's features and watch the assessment, its reasons and sources update.

    Returns
    -------
    Explorer
        One control per :class:`twitchlab.triage.Episode` key; ``state["assessment"]`` is the
        live :class:`twitchlab.triage.Assessment`; the figure shows the level on the 4-step
        scale.
    """
    from twitchlab import triage

    words = _triage_words()
    controls: dict[str, Any] = {
        "age_days": _dropdown("Age", "Age of the child (days)", list(_TRIAGE_AGES.items()), 21),
        "state": _dropdown("State at onset", "Sleep-wake state when the movements began",
                           _options("state", words["state"], unknown=False), "quiet_sleep"),
        "movement": _dropdown("Movement", "What the movement looked like",
                              _options("movement", words["movement"], unknown=False), "jerk"),
        "body": _dropdown("Body", "Which part of the body", _options("body", words["body"])),
        "rhythmic": _dropdown("Rhythmic", "Regular, repeating jerks", _YES_NO, True),
        "clustered": _dropdown("Clustered", "Several movements close together", _YES_NO, True),
        "duration_s": _dropdown("Duration", "Length of the whole episode (a cluster or a "
                                "seizure so far)", _DURATIONS_S, 60.0),
        "stops_on_waking": _dropdown("Stops on waking", "Do the movements stop when the baby "
                                     "is woken?", _YES_NO, True),
        "stops_when_held": _dropdown("Stops when held", "Do the movements stop when the limb "
                                     "is gently held?", _YES_NO, False),
        "fever_c": _dropdown("Temperature", "Highest temperature measured (°C)", _FEVERS),
        "episodes_24h": _slider(W.IntSlider, "Episodes in 24 h", "How many episodes in the last "
                                "24 hours, this one included", min=1, max=5, value=1,
                                continuous_update=True),
        "back_to_normal_min": _dropdown("Back to normal", "When the child was back to normal "
                                        "after the episode (min)", _BACK_TO_NORMAL),
        "first_episode": _dropdown("First episode", "Is this the first such episode ever?",
                                   _YES_NO),
    }
    groups = {
        "provoked_by": _CheckGroup("Provoked by", "Movements provoked by", words["provoked_by"]),
        "signs": _CheckGroup("Signs", "Sign seen during or after the episode", words["signs"]),
        "risk_factors": _CheckGroup("Risk factors", "Risk factor", words["risk_factors"]),
    }
    controls.update(groups)
    reasons = W.HTML()

    def compute(ex: Explorer) -> None:
        d = _episode_dict(ex.values())
        episode = triage.Episode.from_dict(d)
        assessment = triage.assess(episode)
        ex.state.update(episode=episode, assessment=assessment)
        if ex.figure is None:
            ex.figure = plots.level_figure(assessment.level, pattern=assessment.pattern)
        else:
            ex.figure.update(assessment.level, pattern=assessment.pattern)
        ex.info.value = _table([("level", assessment.level),
                                ("pattern", assessment.pattern.replace("_", " "))],
                               "Assessment")
        rows = "".join(
            f"<li><b>{html.escape(r.feature.replace('_', ' '))}</b>: {html.escape(r.text)} "
            f"<span title='source key'>[{html.escape(r.source)}]</span></li>"
            for r in assessment.reasons)
        reasons.value = (f"<div><b>Reasons and sources</b><ul>{rows}</ul></div>"
                         f"<details><summary>Explanation for students</summary>"
                         f"{_md_to_html(assessment.explain())}</details>")

    plain = {k: c for k, c in controls.items() if k not in groups}
    ex = Explorer(title="Benign or concerning? The triage explorer", controls=controls,
                  compute=compute, disclaimer=True,
                  intro="Describe an episode. Unknown is not the same as no: leave a feature "
                        "unknown when it was not observed.")
    # Lay the controls out: dropdowns left, checkbox groups right, reasons under the figure.
    left = W.VBox(list(plain.values()))
    right = W.VBox([g.box for g in groups.values()])
    ex.widget.children = (ex.widget.children[0], W.HBox([left, right],
                                                        layout=W.Layout(flex_flow="row wrap")),
                          ex.info, ex.message, ex.image, reasons)
    ex.reasons = reasons
    return ex


# ------------------------------------------------------------------------------------------
# Mystery round
# ------------------------------------------------------------------------------------------


class MysteryRound(Explorer):
    """Cases from the teaching cohort: commit to a level, then see the answer.

    Attributes
    ----------
    cases : pandas.DataFrame
        The cohort rows the round draws from (``twitchlab.data.load_cohort()``).
    guess : ipywidgets.ToggleButtons
        The student's level (starts with none chosen).
    commit, next_case : ipywidgets.Button
    answer : ipywidgets.HTML
        Empty until the student commits.
    score : tuple[int, int]
        (right, answered) so far.
    """


def mystery_round(seed: int = 0, n_cases: int = 10) -> MysteryRound:
    """A round of mystery episodes from ``data/``; the answer shows only after a commitment.

    Parameters
    ----------
    seed : int
        Which cases are drawn (same seed, same round).
    n_cases : int
        Cases in the round (1-50).

    Returns
    -------
    MysteryRound
    """
    from twitchlab import data, features, triage

    if not 1 <= int(n_cases) <= 50:
        raise ValueError(f"n_cases must be 1-50, got {n_cases!r}")
    cohort = data.load_cohort()
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(cohort), size=min(int(n_cases), len(cohort)), replace=False)
    cases = cohort.iloc[np.sort(pick)].reset_index(drop=True)

    case = W.BoundedIntText(value=1, min=1, max=len(cases), description="Case",
                            tooltip="Which case of this round", style=_WIDE, layout=_LAYOUT)
    guess = W.ToggleButtons(options=list(triage.LEVELS), value=None, description="Your level",
                            tooltip="Commit to a level before you see the answer",
                            tooltips=["Reassure; routine care", "Paediatric review in the "
                                      "coming days", "Same-day medical assessment",
                                      "Call an ambulance now"], style=_WIDE)
    commit = W.Button(description="Commit", tooltip="Lock in your level and see the answer",
                      button_style="primary", disabled=True)
    nxt = W.Button(description="Next case", tooltip="Go to the next case")
    answer = W.HTML()
    tally = W.HTML()
    answered: dict[int, bool] = {}

    def compute(ex: Explorer) -> None:
        i = ex.controls["case"].value - 1
        row = cases.iloc[i]
        tl = data.load_timeline(row["episode_id"])
        feats = features.extract(tl)
        title = f"Mystery episode {i + 1} of {len(cases)}"
        if ex.figure is None:
            ex.figure = plots.timeline_figure(tl, features=feats, title=title)
        else:
            ex.figure.update(tl, features=feats, title=title)
        episode = data.load_episode(row["episode_id"])
        ex.state.update(timeline=tl, episode=episode, row=row)
        ex.info.value = _table(_vignette_rows(episode), "What the parent tells you")
        guess.value = None
        answer.value = ""
        commit.disabled = True

    def on_guess(change) -> None:
        commit.disabled = change["new"] is None

    def on_commit(_button) -> None:
        if guess.value is None:
            return
        i = case.value - 1
        assessment = triage.assess(ex.state["episode"])
        level = assessment.level
        right = guess.value == level
        answered[i] = right
        ex.state["assessment"] = assessment
        truth = str(cases.iloc[i]["pattern"]).replace("_", " ")
        answer.value = (
            f"<p><b>{'Right' if right else 'Not quite'}:</b> the answer is <b>{level}</b> "
            f"(simulated pattern: {html.escape(truth)}).</p>"
            f"<details open><summary>Why</summary>{_md_to_html(assessment.explain())}</details>")
        tally.value = (f"<p>Score: {sum(answered.values())} right of {len(answered)} "
                       f"answered.</p>")
        commit.disabled = True

    def on_next(_button) -> None:
        case.value = case.value % len(cases) + 1

    guess.observe(on_guess, names="value")
    commit.on_click(on_commit)
    nxt.on_click(on_next)
    ex = MysteryRound(title="Mystery episodes", controls={"case": case}, compute=compute,
                      extra=(guess, W.HBox([commit, nxt]), tally), disclaimer=True,
                      intro="Read the description and the timeline, choose a level, then "
                            "commit. The answer appears only after you commit.")
    ex.widget.children = (*ex.widget.children, answer)
    ex.cases, ex.guess, ex.commit, ex.next_case, ex.answer = cases, guess, commit, nxt, answer
    ex._answered = answered
    return ex


_VIGNETTE_LABELS = {
    "age_days": "age", "gestation_weeks": "born at (weeks of gestation)",
    "state": "state when it started", "movement": "movement", "body": "body",
    "rhythmic": "rhythmic", "clustered": "in clusters", "duration_s": "whole episode",
    "stops_on_waking": "stops on waking", "stops_when_held": "stops when held",
    "provoked_by": "provoked by", "fever_c": "temperature", "episodes_24h": "episodes in 24 h",
    "back_to_normal_min": "back to normal after", "first_episode": "first episode ever",
    "signs": "signs", "risk_factors": "risk factors",
}


def _duration_text(seconds: float) -> str:
    seconds = float(seconds)
    if seconds < 60:
        return f"{seconds:.1f} s"
    m, s = divmod(round(seconds), 60)
    return f"{m} min {s} s"


def _vignette_rows(episode) -> list[tuple[str, str]]:
    """What a parent would report: the Episode's known fields in words (unknowns left out)."""
    rows = []
    for k, v in episode.to_dict().items():
        if v is None or (k == "gestation_weeks" and v == 40):
            continue
        if k == "age_days":
            v = _age_text(v)
        elif k == "duration_s":
            v = _duration_text(v)
        elif k == "fever_c":
            v = f"{v:.1f} °C"
        elif k == "back_to_normal_min":
            v = f"{v:g} min"
        elif isinstance(v, bool):
            v = "yes" if v else "no"
        elif isinstance(v, list | tuple):
            v = ", ".join(str(x).replace("_", " ") for x in v) or "none"
        rows.append((_VIGNETTE_LABELS.get(k, k.replace("_", " ")), str(v).replace("_", " ")))
    return rows


# ------------------------------------------------------------------------------------------
# Seizure clock
# ------------------------------------------------------------------------------------------


def seizure_clock(minutes: float = 0.0, age_months: int = 18, fever_c: float = 39.0) -> Explorer:
    """A convulsion against the clock: the 5- and 15-minute marks, simple versus complex.

    Parameters
    ----------
    minutes : float
        How long the convulsion has lasted, min (0-20).
    age_months : int
        Age of the child, months (6-60 is the febrile-seizure window).
    fever_c : float
        Temperature, °C.

    Returns
    -------
    Explorer
        Controls ``minutes``, ``focal``, ``episodes_24h``, ``age_months``, ``fever_c``; a
        ``play`` button runs the clock. ``state["assessment"]`` comes from
        :func:`twitchlab.triage.assess`.
    """
    from twitchlab import clinical, triage

    controls = {
        "minutes": _slider(W.FloatSlider, "Minutes so far", "How long the convulsion has lasted "
                           "(min)", min=0.0, max=20.0, step=0.5, value=float(minutes),
                           continuous_update=True),
        "focal": W.Checkbox(value=False, description="Focal (one side)", tooltip="The jerks "
                            "involve one part or one side of the body", style=_WIDE),
        "episodes_24h": _slider(W.IntSlider, "Seizures in 24 h", "How many seizures in the last "
                                "24 hours, this one included", min=1, max=4, value=1,
                                continuous_update=True),
        "age_months": _slider(W.IntSlider, "Age (months)", "Age of the child in months", min=1,
                              max=72, value=int(age_months), continuous_update=True),
        "fever_c": _slider(W.FloatSlider, "Temperature (°C)", "Body temperature in degrees "
                           "Celsius", min=36.0, max=41.0, step=0.1, value=float(fever_c),
                           continuous_update=True),
    }
    play = W.Play(min=0, max=40, step=1, interval=400, description="Run the clock",
                  tooltip="Run the clock: half a minute per step")

    def on_play(change) -> None:  # Play counts half-minutes
        controls["minutes"].value = change["new"] / 2

    play.observe(on_play, names="value")
    todo = W.HTML()

    def compute(ex: Explorer) -> None:
        v = ex.values()
        d = {"age_days": int(round(clinical.months_to_days(v["age_months"]))),
             "state": "awake", "movement": "convulsion",
             "body": "focal" if v["focal"] else "both_sides",
             "duration_s": 60.0 * v["minutes"], "fever_c": v["fever_c"],
             "episodes_24h": v["episodes_24h"]}
        assessment = triage.assess(triage.Episode.from_dict(d))
        ex.state.update(assessment=assessment, episode_dict=d)
        status = (f"Assessment now: {assessment.level} "
                  f"({assessment.pattern.replace('_', ' ')})")
        if ex.figure is None:
            ex.figure = plots.seizure_clock_figure(v["minutes"], status=status)
        else:
            ex.figure.update(v["minutes"], status=status)
        marks = ex.figure.marks_min
        steps = [
            (0, "Note the time it started and stay with the child; keep them safe from "
                "injury."),
            (marks["prepare"], "Still going: keep timing and get ready to call; have the rescue "
                               "plan ready if the child has one."),
            (marks["emergency"], f"{marks['emergency']:g} minutes: call an ambulance now; a "
                                 "rescue benzodiazepine is given at this point "
                                 f"({clinical.threshold('convulsion_emergency').source})."),
            (marks["complex"], f"{marks['complex']:g} minutes: a febrile seizure this long is "
                               "complex, whatever else "
                               f"({clinical.threshold('complex_febrile_duration').source})."),
        ]
        bold = ' style="font-weight:bold"'
        items = "".join(
            f"<li{bold if at <= v['minutes'] else ''}>"
            f"{'(reached) ' if at <= v['minutes'] else ''}From {at:g} min: "
            f"{html.escape(text)}</li>" for at, text in steps)
        todo.value = f"<b>What to do</b><ol>{items}</ol>"
        reasons = "".join(f"<li>{html.escape(r.text)} [{html.escape(r.source)}]</li>"
                          for r in assessment.reasons)
        ex.info.value = (_table([("level", assessment.level),
                                 ("pattern", assessment.pattern.replace("_", " "))],
                                "Assessment (twitchlab.triage)") + f"<ul>{reasons}</ul>")

    ex = Explorer(title="The seizure clock", controls=controls, compute=compute,
                  extra=(play,), disclaimer=True,
                  intro="Move the clock or press play. Change focal, repeats, age and "
                        "temperature to see simple versus complex.")
    ex.widget.children = (*ex.widget.children, todo)
    ex.play, ex.todo = play, todo
    return ex


# ------------------------------------------------------------------------------------------
# Static explorers: precomputed figures switched in the browser
# ------------------------------------------------------------------------------------------

_STATIC_DPI = 80  # the live figures' size: readable, still ~10 KB as a palette PNG
_STATIC_COLORS = 96


def _small_png(fig) -> bytes:
    """A small PNG of a figure: rendered at low dpi and reduced to a palette image."""
    import io

    import PIL.Image

    full = plots.render_png(fig, dpi=_STATIC_DPI)
    img = PIL.Image.open(io.BytesIO(full)).convert("RGB")
    img = img.quantize(colors=_STATIC_COLORS, method=PIL.Image.Quantize.MEDIANCUT)
    buf = io.BytesIO()
    img.save(buf, format="png", optimize=True)
    return buf.getvalue()


class StaticExplorer:
    """Precomputed states switched in the browser, no kernel needed.

    Attributes
    ----------
    control : ipywidgets.Dropdown
        Chooses the state; its ``index`` is linked by :func:`ipywidgets.jslink` to the stack.
    stack : ipywidgets.Stack
        One :class:`ipywidgets.HTML` per state (an ``<img>`` with alt text and a caption).
    labels : list[str]
        The states' labels.
    pngs : list[bytes]
        The precomputed images.
    link : ipywidgets.Link
    widget : ipywidgets.VBox
    """

    def __init__(self, *, title: str, control, labels, pngs, alts, captions, note):
        self.labels = list(labels)
        self.pngs = list(pngs)
        self.control = control
        pages = [W.HTML(f"<figure style='margin:0'>{image_html(p, a)}"
                        f"<figcaption>{c}</figcaption></figure>")
                 for p, a, c in zip(pngs, alts, captions, strict=True)]
        self.stack = W.Stack(pages, selected_index=0)
        self.link = W.jslink((control, "index"), (self.stack, "selected_index"))
        self.widget = W.VBox([W.HTML(f"<h4>{html.escape(title)}</h4><p>{note}</p>"), control,
                              self.stack])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


_STATIC_AGES = ("newborn, 2 weeks (term)", "3 months", "12 months", "child, 8 years",
                "adult, 30 years")


def static_hypnogram_explorer(ages: Sequence[str] = _STATIC_AGES, seed: int = 0) -> StaticExplorer:
    """Hypnograms precomputed for a few ages, switched by a menu in the browser.

    Parameters
    ----------
    ages : sequence of str
        Keys of :data:`AGE_CHOICES` to precompute (2-8).
    seed : int
        The night's seed (one night per age).

    Returns
    -------
    StaticExplorer
    """
    ages = list(ages)
    bad = [a for a in ages if a not in AGE_CHOICES]
    if bad or not 2 <= len(ages) <= 8:
        raise ValueError(f"ages must be 2-8 keys of AGE_CHOICES, got {ages!r}; allowed: "
                         f"{list(AGE_CHOICES)}")
    figure = None
    pngs, alts, captions = [], [], []
    for a in ages:
        age_days, gw = AGE_CHOICES[a]
        tl = _night(age_days, gw, seed)
        ref = _reference_shares(age_days, gw)
        if figure is None:
            figure = plots.hypnogram_figure(tl, reference=ref)
        else:
            figure.update(tl, reference=ref)
        pngs.append(_small_png(figure.fig))
        alts.append(figure.description)
        captions.append(html.escape(figure.description))
    # A menu rather than a slider: the <select> is named by its label (the slider handle of
    # ipywidgets has no accessible name), and it works from the keyboard (arrow keys).
    menu = W.Dropdown(options=ages, value=ages[0], description="Age",
                      tooltip="Choose an age: the precomputed night for it is shown",
                      style=_WIDE, layout=_LAYOUT)
    note = (f"Precomputed when the book was built: one simulated night (seed {seed}) for each of "
            f"{len(ages)} ages. The menu works without Python. To simulate any night live, "
            "open this lesson in JupyterLab with <code>make lab</code> and use the live explorer.")
    return StaticExplorer(title="Hypnograms across ages (precomputed)", control=menu,
                          labels=ages, pngs=pngs, alts=alts, captions=captions, note=note)


_STATIC_PATTERNS = ("sleep_twitches", "hypnic_jerk", "bnsm", "jitteriness",
                    "benign_myoclonus_of_infancy", "infantile_spasms", "simple_febrile_seizure",
                    "generalized_seizure")


def static_timeline_explorer(patterns: Sequence[str] = _STATIC_PATTERNS,
                             seed: int = 0) -> StaticExplorer:
    """Episode timelines precomputed for a few patterns, switched by a menu in the browser.

    Each state shows the timeline, its computed features and the assessment.

    Parameters
    ----------
    patterns : sequence of str
        Simulation patterns to precompute (2-10), each at a typical age (37 °C, or 39 °C for
        the febrile ones).
    seed : int

    Returns
    -------
    StaticExplorer
    """
    patterns = list(patterns)
    allowed = list(PATTERN_LABELS.values())
    bad = [p for p in patterns if p not in allowed]
    if bad or not 2 <= len(patterns) <= 10:
        raise ValueError(f"patterns must be 2-10 of {allowed}, got {patterns!r}")
    names = {v: k for k, v in PATTERN_LABELS.items()}
    figure = None
    pngs, alts, captions = [], [], []
    for p in patterns:
        age = _default_age(p)
        tl = _episode(p, age, _default_temperature(p), seed)
        feats, episode, assessment = _assessment_of(tl)
        if figure is None:
            figure = plots.timeline_figure(tl, features=feats, assessment=assessment)
        else:
            figure.update(tl, features=feats, assessment=assessment)
        pngs.append(_small_png(figure.fig))
        alts.append(figure.description)
        captions.append(_table(_features_rows(feats, episode, assessment),
                               f"Features of this {names[p]} timeline"))
    menu = W.Dropdown(options=[names[p] for p in patterns], description="Pattern",
                      tooltip="Choose a pattern: its precomputed timeline is shown", style=_WIDE,
                      layout=_LAYOUT)
    note = (f"Precomputed when the book was built: one simulated episode (seed {seed}) for each "
            f"of {len(patterns)} patterns, at a typical age. The menu works without Python. To "
            "change age, temperature and seed live, open this lesson in JupyterLab with "
            "<code>make lab</code>.")
    return StaticExplorer(title="Episode timelines (precomputed)", control=menu,
                          labels=[names[p] for p in patterns], pngs=pngs, alts=alts,
                          captions=captions, note=note)
