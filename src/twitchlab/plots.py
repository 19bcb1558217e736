"""Figures for the course: one colour-blind-safe palette, figures that return their artists.

Every figure here is a :class:`matplotlib.figure.Figure` made directly (not through
``pyplot``), so a widget can keep one figure for its whole life, change its artists' data in place
with ``update(...)`` and render it with :func:`render_png`. Nothing here decides anything clinical:
the figures draw what :mod:`twitchlab.timeline`, :mod:`twitchlab.features` and
:mod:`twitchlab.triage` return, and the clinical marks (5 and 15 minutes) are read from
:mod:`twitchlab.clinical` with their source keys.

Palette: Okabe & Ito (2008), "Color Universal Design", safe for the common colour-vision
deficiencies. Colour is never the only carrier of meaning: stages also have their own row,
body parts their own row, and red flags are written out in words.
"""

from __future__ import annotations

import io
import textwrap
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib as mpl
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

__all__ = [
    "PALETTE",
    "STAGE_COLORS",
    "PATTERN_COLORS",
    "STAGE_ORDER",
    "BODY_PARTS",
    "render_png",
    "time_unit",
    "nice_ceiling",
    "TimelineFigure",
    "timeline_figure",
    "HypnogramFigure",
    "hypnogram_figure",
    "EMGFigure",
    "emg_figure",
    "SeizureClockFigure",
    "seizure_clock_figure",
    "LevelFigure",
    "level_figure",
    "LEVEL_COLORS",
    "alt_text",
]

# --------------------------------------------------------------------------------------------
# The palette: defined once, used everywhere.
# --------------------------------------------------------------------------------------------

#: Okabe-Ito colour-blind-safe palette (name -> hex), plus a neutral grey used only for frames.
PALETTE: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}

#: Colour of each sleep/wake stage label (infant and AASM schemes).
STAGE_COLORS: dict[str, str] = {
    "W": PALETTE["orange"],
    "AS": PALETTE["blue"],
    "R": PALETTE["blue"],
    "IS": PALETTE["sky_blue"],
    "N1": PALETTE["sky_blue"],
    "N2": PALETTE["bluish_green"],
    "QS": PALETTE["bluish_green"],
    "N3": PALETTE["reddish_purple"],
}

#: Long names of the stage labels, for legends and alt text.
STAGE_NAMES: dict[str, str] = {
    "W": "wake",
    "AS": "active sleep",
    "IS": "indeterminate sleep",
    "QS": "quiet sleep",
    "R": "REM sleep",
    "N1": "N1",
    "N2": "N2",
    "N3": "N3 (deepest)",
}

#: Row order of the hypnogram per scoring scheme, top to bottom (wake on top, deepest last).
STAGE_ORDER: dict[str, tuple[str, ...]] = {
    "infant": ("W", "AS", "IS", "QS"),
    "aasm": ("W", "R", "N1", "N2", "N3"),
}

#: Row order of the event raster, top to bottom.
BODY_PARTS: tuple[str, ...] = (
    "face", "eyes", "head", "fingers", "hand", "arm", "leg", "toes", "trunk", "whole_body",
)

#: Colour of each movement pattern's events.
PATTERN_COLORS: dict[str, str] = {
    "sleep_twitches": PALETTE["sky_blue"],
    "hypnic_jerk": PALETTE["bluish_green"],
    "bnsm": PALETTE["blue"],
    "jitteriness": PALETTE["orange"],
    "benign_myoclonus_of_infancy": PALETTE["reddish_purple"],
    "infantile_spasms": PALETTE["vermillion"],
    "simple_febrile_seizure": PALETTE["vermillion"],
    "complex_febrile_seizure": PALETTE["vermillion"],
    "focal_seizure": PALETTE["vermillion"],
    "generalized_seizure": PALETTE["vermillion"],
    "seizure": PALETTE["vermillion"],
}

_FLAG_COLOR = PALETTE["vermillion"]
_CLUSTER_COLOR = PALETTE["yellow"]
_FIGSIZE_IN = (8.0, 5.0)
_MAX_MARKER_LABELS = 8
_DPI = 80  # 640 x 400 px: sharp enough on screen, a few dozen KB as PNG

_RC = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def render_png(fig, *, dpi: float | None = None) -> bytes:
    """Render a figure to PNG bytes, in process, without pyplot.

    Figures made by this module keep a rendered background (axes, ticks, labels) and, when
    only their data changed since the last render, redraw just the changing artists on it
    (blitting); anything else is drawn in full.

    Parameters
    ----------
    fig : matplotlib.figure.Figure or a figure object of this module
        The figure to draw (its artists as they are now).
    dpi : float, optional
        Dots per inch; default the figure's own. Another dpi than the figure's draws in full.

    Returns
    -------
    bytes
        The PNG file's content.
    """
    fig = getattr(fig, "fig", fig)
    if not isinstance(fig, Figure):
        raise ValueError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
    blitter = getattr(fig, "_twitchlab_blitter", None)
    if blitter is not None and (dpi is None or dpi == fig.dpi):
        return blitter.render()
    buf = io.BytesIO()
    # A low zlib level: these images are re-encoded on every widget change.
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi, pil_kwargs={"compress_level": 1})
    return buf.getvalue()


class _Blitter:
    """Render a figure fast when only its data artists changed.

    The background (everything except the ``dynamic()`` artists) is drawn once per "static key"
    (axis limits, tick labels, axis labels, size) and kept in a small cache; a render restores
    the background for the current key and draws the dynamic artists on top, then encodes the
    canvas to PNG. Axis limits are rounded (:func:`nice_ceiling`), so few keys occur.
    """

    cache_size = 12

    def __init__(self, fig: Figure, dynamic, axes, extra_key=lambda: ()):
        self.fig = fig
        self.extra_key = extra_key
        self.canvas = FigureCanvasAgg(fig)
        self.dynamic = dynamic
        self.axes = axes
        self.backgrounds: OrderedDict = OrderedDict()
        self.renders = 0
        self.full_draws = 0
        fig._twitchlab_blitter = self

    def static_key(self):
        parts = []
        for ax in self.axes:
            parts.append((ax.get_xlim(), ax.get_ylim(), ax.get_xlabel(), ax.get_ylabel(),
                          tuple(t.get_text() for t in ax.get_yticklabels()),
                          tuple(ax.get_yticks())))
        parts.append(tuple(self.fig.get_size_inches()) + (self.fig.dpi,))
        parts.append(tuple(self.extra_key()))
        return tuple(parts)

    def render(self) -> bytes:
        key = self.static_key()
        artists = [a for a in self.dynamic() if a is not None]
        if self.renders == 0:
            self.canvas.draw()  # the first render is a plain full draw
            self.full_draws += 1
        elif key in self.backgrounds:
            self.backgrounds.move_to_end(key)
            self.canvas.restore_region(self.backgrounds[key])
            self._draw_dynamic(artists)
        else:
            shown = [a.get_visible() for a in artists]
            for a in artists:
                a.set_visible(False)
            self.canvas.draw()
            self.full_draws += 1
            self.backgrounds[key] = self.canvas.copy_from_bbox(self.fig.bbox)
            if len(self.backgrounds) > self.cache_size:
                self.backgrounds.popitem(last=False)
            for a, v in zip(artists, shown, strict=True):
                a.set_visible(v)
            self._draw_dynamic(artists)
        self.renders += 1
        rgba = np.asarray(self.canvas.buffer_rgba())
        buf = io.BytesIO()
        PIL.Image.fromarray(rgba[..., :3]).save(buf, format="png", compress_level=1)
        return buf.getvalue()

    def _draw_dynamic(self, artists):
        renderer = self.canvas.get_renderer()
        for a in sorted(artists, key=lambda a: a.get_zorder()):
            if a.get_visible():
                a.draw(renderer)


def _new_figure(figsize=_FIGSIZE_IN, dpi=_DPI) -> Figure:
    with mpl.rc_context(_RC):
        return Figure(figsize=figsize, dpi=dpi)


def time_unit(duration_s: float) -> tuple[str, float]:
    """The time unit a span is best read in.

    Parameters
    ----------
    duration_s : float
        Length of the span in seconds.

    Returns
    -------
    (str, float)
        The unit's label (``"s"``, ``"min"`` or ``"h"``) and its length in seconds.
    """
    if not np.isfinite(duration_s) or duration_s < 0:
        raise ValueError(f"duration_s must be a finite number >= 0, got {duration_s!r}")
    if duration_s > 3 * 3600:
        return "h", 3600.0
    if duration_s > 10 * 60:
        return "min", 60.0
    return "s", 1.0


def nice_ceiling(x: float) -> float:
    """The smallest of 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) that is >= ``x``.

    Parameters
    ----------
    x : float
        A positive axis length (any unit).
    """
    if not np.isfinite(x) or x <= 0:
        raise ValueError(f"x must be a finite number > 0, got {x!r}")
    scale = 10.0 ** np.floor(np.log10(x))
    for m in (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * scale >= x * (1 - 1e-12):
            return float(m * scale)
    return float(10.0 * scale)  # pragma: no cover - 10 always qualifies


def _rects(x0: np.ndarray, x1: np.ndarray, y: np.ndarray, half_height: float) -> np.ndarray:
    """Rectangles (n, 4, 2) from left/right edges and centre rows."""
    n = len(x0)
    verts = np.empty((n, 4, 2))
    verts[:, 0, 0] = x0
    verts[:, 1, 0] = x0
    verts[:, 2, 0] = x1
    verts[:, 3, 0] = x1
    verts[:, 0, 1] = y - half_height
    verts[:, 1, 1] = y + half_height
    verts[:, 2, 1] = y + half_height
    verts[:, 3, 1] = y - half_height
    return verts


def _scheme_of(states: np.ndarray, timeline=None) -> str:
    scheme = getattr(getattr(timeline, "context", None), "scheme", None)
    if scheme in STAGE_ORDER:
        return scheme
    return "infant" if np.isin(states, ("AS", "QS", "IS")).any() else "aasm"


def _threshold_min(name: str) -> tuple[float, str]:
    """A time threshold of :mod:`twitchlab.clinical` in minutes, with its source key."""
    from twitchlab import clinical

    return clinical.seconds(name) / 60.0, clinical.threshold(name).source


#: A teaching checkpoint on the seizure clock, not a clinical threshold: a moment before the
#: 5-minute mark to check the time and get ready to call, so the 5-minute decision is not missed.
CLOCK_CHECKPOINT_MIN = 3.0


# --------------------------------------------------------------------------------------------
# Hypnogram (drawn on any axes; used by the timeline and hypnogram figures)
# --------------------------------------------------------------------------------------------


@dataclass
class _HypnoArtists:
    ax: Any
    bars: PolyCollection
    line: Any
    scheme: str = ""

    def draw(self, start_s, end_s, states, scheme, unit_s):
        order = STAGE_ORDER[scheme]
        row = {s: len(order) - 1 - i for i, s in enumerate(order)}
        states = np.asarray(states).astype(str)
        unknown = sorted(set(np.unique(states)) - set(order))
        if unknown:
            raise ValueError(
                f"state labels {unknown} are not in the {scheme} scheme; allowed: {list(order)}"
            )
        y = np.array([row[s] for s in states], dtype=float)
        x0 = np.asarray(start_s, dtype=float) / unit_s
        x1 = np.asarray(end_s, dtype=float) / unit_s
        self.bars.set_verts(_rects(x0, x1, y, 0.32))
        self.bars.set_facecolor([STAGE_COLORS[s] for s in states])
        # Step line through the stage rows: the classic hypnogram.
        if len(x0):
            xs = np.append(x0, x1[-1])
            ys = np.append(y, y[-1])
        else:
            xs, ys = np.array([]), np.array([])
        self.line.set_data(xs, ys)
        if scheme != self.scheme:
            self.ax.set_yticks(range(len(order)), [STAGE_NAMES[s] for s in reversed(order)])
            self.ax.set_ylim(-0.6, len(order) - 0.4)
            self.scheme = scheme


def _hypnogram_on(ax) -> _HypnoArtists:
    bars = PolyCollection([], linewidths=0, zorder=2)
    ax.add_collection(bars)
    (line,) = ax.plot([], [], drawstyle="steps-post", color=PALETTE["black"], lw=0.6, zorder=3)
    ax.set_ylabel("Stage")
    return _HypnoArtists(ax=ax, bars=bars, line=line)


# --------------------------------------------------------------------------------------------
# Timeline figure: hypnogram above, event raster by body part below
# --------------------------------------------------------------------------------------------


@dataclass
class TimelineFigure:
    """A timeline figure and the artists :meth:`update` changes in place.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
        The figure (made once).
    artists : dict[str, matplotlib.artist.Artist]
        ``hypnogram_bars``, ``hypnogram_line``, ``events``, ``clusters``, ``marks`` (the 5- and
        15-minute lines), ``carer_markers`` (handling, held, woken ...), ``flag_text``,
        ``title``: what :meth:`update` changes.
    ax_states, ax_events : matplotlib.axes.Axes
        The hypnogram axes (top) and the event-raster axes (bottom, shared time axis).
    """

    fig: Figure
    ax_states: Any
    ax_events: Any
    artists: dict[str, Any] = field(default_factory=dict)
    _hypno: _HypnoArtists | None = None
    _mark_texts: list = field(default_factory=list)
    _marker_texts: list = field(default_factory=list)
    _legend: Any = None
    _legend_labels: tuple = ()
    description: str = ""

    def update(
        self,
        timeline,
        *,
        features=None,
        assessment=None,
        title: str | None = None,
    ) -> TimelineFigure:
        """Redraw for another timeline by changing the artists' data (no new figure).

        Parameters
        ----------
        timeline : twitchlab.timeline.Timeline
            States and events to draw (times in s).
        features : twitchlab.features.Features, optional
            If given, its multi-event clusters are shaded and, when it classifies the movement
            as a convulsion, the longest cluster is checked against the 5- and 15-minute marks
            of :mod:`twitchlab.clinical`.
        assessment : twitchlab.triage.Assessment, optional
            If given, its level, pattern and the features its reasons rest on are written in
            the red-flag box.
        title : str, optional
            Figure title; default says the pattern and age.

        Returns
        -------
        TimelineFigure
            ``self``, for chaining.
        """
        start = np.asarray(timeline.state_start_s, dtype=float)
        end = np.asarray(timeline.state_end_s, dtype=float)
        states = np.asarray(timeline.state).astype(str)
        duration_s = float(end[-1]) if len(end) else float(timeline.duration_s)
        unit, unit_s = time_unit(duration_s)
        scheme = _scheme_of(states, timeline)
        self._hypno.draw(start, end, states, scheme, unit_s)

        onset = np.asarray(timeline.event_onset_s, dtype=float)
        dur = np.asarray(timeline.event_duration_s, dtype=float)
        parts = np.asarray(timeline.event_body_part).astype(str)
        patterns = np.asarray(timeline.event_pattern).astype(str)
        amp = np.clip(np.asarray(timeline.event_amplitude, dtype=float), 0.0, 1.0)
        bad = sorted(set(np.unique(parts)) - set(BODY_PARTS))
        if bad:
            raise ValueError(f"event_body_part has {bad}; allowed: {list(BODY_PARTS)}")
        row = {p: len(BODY_PARTS) - 1 - i for i, p in enumerate(BODY_PARTS)}
        y = np.array([row[p] for p in parts], dtype=float)
        min_w = duration_s / 600.0  # a millisecond twitch still shows as a visible tick
        x0 = onset / unit_s
        x1 = (onset + np.maximum(dur, min_w)) / unit_s
        half = 0.15 + 0.25 * amp  # taller bar = larger movement
        verts = _rects(x0, x1, y, 0.0)
        verts[:, (0, 3), 1] = (y - half)[:, None]
        verts[:, (1, 2), 1] = (y + half)[:, None]
        ev = self.artists["events"]
        ev.set_verts(verts)
        self._set_carer_markers(timeline, unit_s)
        ev.set_facecolor([PATTERN_COLORS.get(p, PALETTE["black"]) for p in patterns])

        # A rounded-up axis end: the scale stays put while similar episodes come and go (easier
        # to compare by eye, and the rendered background can be reused).
        self.ax_events.set_xlim(0, nice_ceiling(duration_s / unit_s))
        self.ax_events.set_xlabel(f"Time since start of recording ({unit})")

        # Clusters of events (from twitchlab.features), shaded across all rows.
        spans = _cluster_spans(features)
        cl = self.artists["clusters"]
        if len(spans):
            cl.set_verts(_rects(spans[:, 0] / unit_s, spans[:, 1] / unit_s,
                                np.full(len(spans), (len(BODY_PARTS) - 1) / 2),
                                len(BODY_PARTS) / 2))
        else:
            cl.set_verts([])

        # Red-flag time marks for a convulsion (as twitchlab.features classifies the movement):
        # where it crossed 5 min (status epilepticus t1, emergency) and 15 min (complex if
        # febrile). The convulsion runs from its first to its last jerk (one cluster).
        marks = []
        if features is not None and getattr(features, "movement", None) == "convulsion":
            runs = [(float(c.start_s), float(c.end_s)) for c in features.clusters]
            run_start, run_end = max(runs, key=lambda r: r[1] - r[0]) if runs else (0.0, 0.0)
            for name, label in (
                ("convulsion_emergency", "emergency"),
                ("complex_febrile_duration", "complex if febrile"),
            ):
                th_min, src = _threshold_min(name)
                if run_end - run_start >= th_min * 60.0:
                    marks.append(((run_start + th_min * 60.0) / unit_s,
                                  f"{th_min:g} min: {label} ({src})"))
        self._set_marks(marks)

        # The red-flag box: what the assessment rests on, in words.
        lines = []
        if assessment is not None:
            lines.append(f"Assessment: {assessment.level}")
            lines += textwrap.wrap(f"({assessment.pattern.replace('_', ' ')})", 24)
            feats = []
            for r in assessment.reasons:
                word = r.feature.split(":")[0].replace("_", " ")
                if word not in feats:
                    feats.append(word)
            lines += textwrap.wrap("Rests on: " + ", ".join(feats[:5]), 24)
        if features is not None:
            n_cl = len(spans)
            lines.append(f"{int(getattr(features, 'n_events', len(onset)))} events, "
                         f"{n_cl} cluster{'s' if n_cl != 1 else ''}")
        flag = self.artists["flag_text"]
        flag.set_text("\n".join(lines))
        flag.set_visible(bool(lines))
        urgent = assessment is not None and assessment.level in ("urgent", "emergency")
        flag.get_bbox_patch().set_edgecolor(_FLAG_COLOR if urgent else PALETTE["grey"])

        # Legend of the patterns present: rebuilt only when its entries change (it is part of
        # the cached background, keyed by its labels).
        present = list(dict.fromkeys(patterns.tolist()))
        labels = tuple(p.replace("_", " ") for p in present) + (("cluster",) if len(spans) else ())
        if labels != self._legend_labels:
            if self._legend is not None:
                self._legend.remove()
            handles = [mpl.patches.Patch(color=PATTERN_COLORS.get(p, PALETTE["black"]),
                                         label="\n".join(textwrap.wrap(p.replace("_", " "), 16)))
                       for p in present]
            if len(spans):
                handles.append(mpl.patches.Patch(color=_CLUSTER_COLOR, alpha=0.35,
                                                 label="cluster"))
            self._legend = self.ax_events.legend(
                handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                fontsize=8, title="Events", title_fontsize=8,
            ) if handles else None
            self._legend_labels = labels

        ctx = getattr(timeline, "context", None)
        if title is None:
            pat = getattr(ctx, "pattern", None) or (present[-1] if present else "no events")
            age = getattr(ctx, "age_days", None)
            temp = getattr(ctx, "temperature_c", None)
            title = f"Timeline: {str(pat).replace('_', ' ')}"
            if age is not None:
                title += f", age {_age_text(age)}"
            if temp is not None:
                title += f", {temp:.1f} °C"
        self.artists["title"].set_text(title)
        self.description = _timeline_alt(title, states, start, end, onset, parts, spans, lines)
        return self

    def _set_carer_markers(self, timeline, unit_s):
        """Carer markers (handling, held, woken...) as triangles with a word above the raster."""
        t = np.asarray(getattr(timeline, "marker_time_s", np.zeros(0)), dtype=float)
        kind = np.asarray(getattr(timeline, "marker_kind", np.zeros(0, dtype="<U1"))).astype(str)
        top = len(BODY_PARTS) - 0.45
        self.artists["carer_markers"].set_offsets(
            np.column_stack([t / unit_s, np.full(len(t), top)]) if len(t) else np.zeros((0, 2)))
        for i, label in enumerate(self._marker_texts):
            if i < len(t):
                label.set_position((t[i] / unit_s, top - 0.35))
                label.set_text(kind[i])
                label.set_visible(True)
            else:
                label.set_visible(False)

    def _set_marks(self, marks):
        lines = self.artists["marks"]
        for i, line in enumerate(lines):
            if i < len(marks):
                line.set_xdata([marks[i][0], marks[i][0]])
                line.set_visible(True)
                self._mark_texts[i].set_x(marks[i][0])
                self._mark_texts[i].set_text(marks[i][1])
                self._mark_texts[i].set_visible(True)
            else:
                line.set_visible(False)
                self._mark_texts[i].set_visible(False)


def _age_text(age_days: float) -> str:
    age_days = float(age_days)
    if age_days < 60:
        return f"{age_days:g} days"
    if age_days < 3 * 365:
        return f"{age_days / 30.44:.0f} months"
    return f"{age_days / 365.25:.0f} years"


def _cluster_spans(features) -> np.ndarray:
    """(n, 2) start/end in s of the multi-event clusters of a Features record."""
    clusters = getattr(features, "clusters", None) or ()
    # A lone movement is a "cluster of one" in twitchlab.features; only groups are shaded.
    return np.array([(float(c.start_s), float(c.end_s)) for c in clusters
                     if getattr(c, "n_events", 2) >= 2]).reshape(-1, 2)


def _timeline_alt(title, states, start, end, onset, parts, spans, lines) -> str:
    total = float(end[-1] - start[0]) if len(end) else 0.0
    shares = []
    for s in dict.fromkeys(states.tolist()):
        share = float(np.sum((end - start)[states == s])) / total if total else 0.0
        shares.append(f"{STAGE_NAMES.get(s, s)} {share:.0%}")
    text = f"{title}. Top panel, hypnogram: " + ", ".join(shares) + ". "
    if len(onset):
        where = ", ".join(dict.fromkeys(p.replace("_", " ") for p in parts))
        text += (f"Bottom panel: {len(onset)} movement events ({where}), the first at "
                 f"{onset.min():.0f} s and the last at {onset.max():.0f} s")
        text += f", in {len(spans)} clusters. " if len(spans) else ". "
    else:
        text += "Bottom panel: no movement events. "
    if lines:
        text += " ".join(lines)
    return text.strip()


def timeline_figure(timeline, *, features=None, assessment=None,
                    title: str | None = None) -> TimelineFigure:
    """Hypnogram above, events by body part below, clusters and red-flag marks annotated.

    Parameters
    ----------
    timeline : twitchlab.timeline.Timeline
        What to draw; times in s.
    features : twitchlab.features.Features, optional
        Shades its clusters; see :meth:`TimelineFigure.update`.
    assessment : twitchlab.triage.Assessment, optional
        Writes level, pattern and the features the reasons rest on.
    title : str, optional
        Figure title.

    Returns
    -------
    TimelineFigure
        ``.fig``, ``.artists`` and ``.update(timeline, ...)``.
    """
    fig = _new_figure()
    with mpl.rc_context(_RC):
        ax_s, ax_e = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1, 2.2]})
        fig.subplots_adjust(left=0.21, right=0.80, top=0.88, bottom=0.11, hspace=0.2)
        hyp = _hypnogram_on(ax_s)
        ax_s.set_title("Sleep-wake state", loc="left")
        events = PolyCollection([], linewidths=0, zorder=3)
        clusters = PolyCollection([], facecolors=_CLUSTER_COLOR, alpha=0.35, linewidths=0,
                                  zorder=1)
        ax_e.add_collection(clusters)
        ax_e.add_collection(events)
        ax_e.set_yticks(range(len(BODY_PARTS)),
                        [p.replace("_", " ") for p in reversed(BODY_PARTS)])
        ax_e.set_ylim(-0.6, len(BODY_PARTS) - 0.4)
        ax_e.set_ylabel("Body part")
        ax_e.set_title("Movement events (bar height = relative amplitude)", loc="left")
        marks, texts = [], []
        for _ in range(2):
            m = ax_e.axvline(0, color=_FLAG_COLOR, lw=1.2, ls="--", visible=False, zorder=4)
            t = ax_e.text(0, len(BODY_PARTS) - 0.5, "", color=_FLAG_COLOR, fontsize=8,
                          ha="left", va="top", rotation=90, visible=False, zorder=5,
                          transform=mpl.transforms.offset_copy(ax_e.transData, fig=fig, x=2,
                                                               units="points"))
            marks.append(m)
            texts.append(t)
        carer = ax_e.scatter([], [], marker="v", s=28, color=PALETTE["black"], zorder=6,
                             clip_on=False)
        carer_texts = [ax_e.text(0, 0, "", fontsize=7, ha="center", va="top", visible=False,
                                 zorder=6) for _ in range(_MAX_MARKER_LABELS)]
        flag = fig.text(0.81, 0.12, "", fontsize=7.5, va="bottom", ha="left", wrap=True,
                        bbox={"boxstyle": "round", "facecolor": "white",
                              "edgecolor": PALETTE["grey"]})
        suptitle = fig.suptitle("", fontsize=11)
    tf = TimelineFigure(
        fig=fig, ax_states=ax_s, ax_events=ax_e,
        artists={"hypnogram_bars": hyp.bars, "hypnogram_line": hyp.line, "events": events,
                 "clusters": clusters, "marks": marks, "flag_text": flag, "title": suptitle,
                 "carer_markers": carer},
        _hypno=hyp, _mark_texts=texts, _marker_texts=carer_texts,
    )
    _Blitter(fig, lambda: [hyp.bars, hyp.line, clusters, events, *marks, *texts, carer,
                           *carer_texts, flag, suptitle], (ax_s, ax_e),
             extra_key=lambda: tf._legend_labels)
    return tf.update(timeline, features=features, assessment=assessment, title=title)


# --------------------------------------------------------------------------------------------
# Hypnogram figure with stage shares against reference values
# --------------------------------------------------------------------------------------------


@dataclass
class HypnogramFigure:
    """A hypnogram with a stage-share panel; :meth:`update` changes artists in place.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    artists : dict
        ``hypnogram_bars``, ``hypnogram_line``, ``share_bars`` (list of Rectangle, one per row),
        ``reference`` (ranges as a PolyCollection), ``title``.
    """

    fig: Figure
    ax_hypno: Any
    ax_shares: Any
    artists: dict[str, Any] = field(default_factory=dict)
    _hypno: _HypnoArtists | None = None
    _share_labels: list = field(default_factory=list)
    description: str = ""
    shares: dict[str, float] = field(default_factory=dict)

    def update(self, timeline, *, reference: Mapping[str, tuple[float, float]] | None = None,
               title: str | None = None) -> HypnogramFigure:
        """Redraw for another night (no new figure).

        Parameters
        ----------
        timeline : twitchlab.timeline.Timeline
            The night; times in s.
        reference : mapping of stage -> float or (low, high), optional
            Reference share (or range) of each stage in sleep time, as fractions 0-1 (from
            :mod:`twitchlab.params`, with their sources); drawn as a dashed mark or box.
        title : str, optional
        """
        start = np.asarray(timeline.state_start_s, dtype=float)
        end = np.asarray(timeline.state_end_s, dtype=float)
        states = np.asarray(timeline.state).astype(str)
        duration_s = float(end[-1]) if len(end) else 0.0
        unit, unit_s = time_unit(max(duration_s, 3 * 3600 + 1))
        scheme = _scheme_of(states, timeline)
        self._hypno.draw(start, end, states, scheme, unit_s)
        self.ax_hypno.set_xlim(0, duration_s / unit_s)
        self.ax_hypno.set_xlabel(f"Time since lights out ({unit})")

        order = STAGE_ORDER[scheme]
        sleep = states != "W"
        sleep_s = float(np.sum((end - start)[sleep]))
        shares = {s: (float(np.sum((end - start)[states == s])) / sleep_s if sleep_s else 0.0)
                  for s in order if s != "W"}
        self.shares = shares
        rows = list(reversed([s for s in order if s != "W"]))
        bars = self.artists["share_bars"]
        for i, bar in enumerate(bars):
            if i < len(rows):
                s = rows[i]
                bar.set_width(100 * shares[s])
                bar.set_facecolor(STAGE_COLORS[s])
                bar.set_visible(True)
                ref_hi = np.max(np.atleast_1d((reference or {}).get(s, 0.0)))
                self._share_labels[i].set_position((100 * max(shares[s], ref_hi) + 2, i))
                self._share_labels[i].set_text(f"{100 * shares[s]:.0f} %")
                self._share_labels[i].set_visible(True)
            else:
                bar.set_visible(False)
                self._share_labels[i].set_visible(False)
        ref_rects = []
        ref = dict(reference or {})
        for i, s in enumerate(rows):
            if s in ref:
                lo, hi = (ref[s], ref[s]) if np.ndim(ref[s]) == 0 else ref[s]
                ref_rects.append(_rects(np.array([100 * lo]), np.array([100 * hi]),
                                        np.array([float(i)]), 0.42)[0])
        self.artists["reference"].set_verts(ref_rects)
        self.ax_shares.set_yticks(range(len(rows)), [STAGE_NAMES[s] for s in rows])
        self.ax_shares.set_ylim(-0.6, len(bars) - 0.4)

        ctx = getattr(timeline, "context", None)
        if title is None:
            age = getattr(ctx, "age_days", None)
            title = "Hypnogram" + (f": age {_age_text(age)}" if age is not None else "")
        self.artists["title"].set_text(title)
        share_txt = ", ".join(f"{STAGE_NAMES[s]} {v:.0%}" for s, v in shares.items())
        ref_txt = (" Reference: " + ", ".join(
            f"{STAGE_NAMES[s]} {_share_text(v)}" for s, v in ref.items()) + "."
        ) if ref else ""
        self.description = (
            f"{title}. Left: stage against time over {duration_s / 3600:.1f} h, "
            f"{int(np.sum(np.diff(np.r_[0, sleep.astype(int)]) == 1))} sleep bouts; "
            f"first sleep stage {STAGE_NAMES.get(states[sleep][0], '') if sleep.any() else 'none'}."
            f" Right: share of sleep time: {share_txt}.{ref_txt}"
        )
        return self


def _share_text(v) -> str:
    if np.ndim(v) == 0:
        return f"{float(v):.0%}"
    return f"{float(v[0]):.0%}-{float(v[1]):.0%}"


def hypnogram_figure(timeline, *, reference=None, title=None) -> HypnogramFigure:
    """A night's hypnogram beside its stage shares and the reference ranges.

    Parameters
    ----------
    timeline : twitchlab.timeline.Timeline
        The night (times in s).
    reference : mapping of stage -> float or (low, high), optional
        Reference shares or ranges (fractions of sleep time).
    title : str, optional

    Returns
    -------
    HypnogramFigure
    """
    fig = _new_figure(figsize=(8.0, 3.4))
    with mpl.rc_context(_RC):
        ax_h, ax_b = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 1.1]})
        fig.subplots_adjust(left=0.19, right=0.97, top=0.83, bottom=0.16, wspace=0.6)
        hyp = _hypnogram_on(ax_h)
        ref = PolyCollection([], facecolors="none", edgecolors=PALETTE["black"], linewidths=1.0,
                             linestyles="--", zorder=3, label="reference range")
        ax_b.add_collection(ref)
        n = max(len(v) for v in STAGE_ORDER.values()) - 1
        bars = list(ax_b.barh(range(n), [0] * n, height=0.6, zorder=2))
        labels = [ax_b.text(0, i, "", va="center", fontsize=8) for i in range(n)]
        ax_b.set_xlim(0, 100)
        ax_b.set_xlabel("Share of sleep time (%)")
        ax_b.set_title("Stage shares\n(dashed: reference)", loc="left", fontsize=9)
        suptitle = fig.suptitle("", fontsize=11)
    hf = HypnogramFigure(
        fig=fig, ax_hypno=ax_h, ax_shares=ax_b,
        artists={"hypnogram_bars": hyp.bars, "hypnogram_line": hyp.line, "share_bars": bars,
                 "reference": ref, "title": suptitle},
        _hypno=hyp, _share_labels=labels,
    )
    _Blitter(fig, lambda: [hyp.bars, hyp.line, ref, *bars, *labels, suptitle], (ax_h, ax_b))
    return hf.update(timeline, reference=reference, title=title)


# --------------------------------------------------------------------------------------------
# EMG-like traces: positive (burst) and negative (silent period) myoclonus
# --------------------------------------------------------------------------------------------


def _trace_arrays(trace) -> tuple[np.ndarray, np.ndarray, float, float, str]:
    """(t_ms, signal, event onset ms, event duration ms, kind) of an EMGTrace."""
    t_ms = 1000.0 * np.asarray(trace.t_s, dtype=float)
    signal = np.asarray(trace.emg, dtype=float)
    if t_ms.shape != signal.shape or t_ms.ndim != 1 or not len(t_ms):
        raise ValueError(f"trace.t_s and trace.emg must be 1-D of one length, got shapes "
                         f"{t_ms.shape} and {signal.shape}")
    return (t_ms, signal, 1000.0 * float(trace.onset_s), float(trace.duration_ms),
            str(trace.kind))


@dataclass
class EMGFigure:
    """An EMG-like trace with the event marked; :meth:`update` changes it in place.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    artists : dict
        ``trace`` (Line2D), ``event_span`` (Rectangle), ``label`` (Text), ``title`` (Text).
    """

    fig: Figure
    ax: Any
    artists: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    def update(self, trace, *, title: str | None = None, ylim: float | None = None) -> EMGFigure:
        """Redraw for another trace (no new figure).

        Parameters
        ----------
        trace : twitchlab.emg.EMGTrace
            The trace (``t_s`` in s, ``emg`` in relative units, ``onset_s``, ``duration_ms``).
        title : str, optional
        ylim : float, optional
            Symmetric y-limit; default fits the signal.
        """
        t_ms, signal, onset, dur, kind = _trace_arrays(trace)
        self.artists["trace"].set_data(t_ms, signal)
        span = self.artists["event_span"]
        if np.isfinite(onset) and np.isfinite(dur):
            span.set_x(onset)
            span.set_width(dur)
            span.set_visible(True)
            what = "burst" if kind.startswith("pos") else "silent period"
            self.artists["label"].set_text(f"{what}: {dur:.0f} ms")
            self.artists["label"].set_x(onset + dur / 2)
            self.artists["label"].set_visible(True)
        else:
            span.set_visible(False)
            self.artists["label"].set_visible(False)
        self.ax.set_xlim(float(t_ms[0]), float(t_ms[-1]))
        top = ylim or max(1e-9, 1.1 * float(np.max(np.abs(signal))))
        self.ax.set_ylim(-top, top)
        if title is None:
            title = {"positive": "Positive myoclonus: a brief burst of muscle activity",
                     "negative": "Negative myoclonus: a brief silence in ongoing muscle activity",
                     }.get(kind, "EMG-like trace")
        self.artists["title"].set_text(title)
        self.description = (
            f"{title}. EMG-like trace over {t_ms[-1] - t_ms[0]:.0f} ms"
            + (f"; the shaded {'burst' if kind.startswith('pos') else 'silent period'} starts at "
               f"{onset:.0f} ms and lasts {dur:.0f} ms." if np.isfinite(onset + dur) else ".")
        )
        return self


def emg_figure(trace, *, title: str | None = None, ylim: float | None = None) -> EMGFigure:
    """Plot an EMG-like trace with its burst or silent period shaded.

    Parameters
    ----------
    trace : twitchlab.emg.EMGTrace
    title : str, optional
    ylim : float, optional
        Symmetric y-limit (relative units); default fits the signal.

    Returns
    -------
    EMGFigure
    """
    fig = _new_figure(figsize=(8.0, 3.0))
    with mpl.rc_context(_RC):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.1, right=0.97, top=0.86, bottom=0.17)
        span = mpl.patches.Rectangle((0, 0), 1, 1, transform=ax.get_xaxis_transform(),
                                     color=PALETTE["yellow"], alpha=0.4, zorder=1)
        ax.add_patch(span)
        (line,) = ax.plot([], [], color=PALETTE["blue"], lw=0.7, zorder=2)
        label = ax.text(0, 0.97, "", transform=ax.get_xaxis_transform(), ha="center",
                        va="top", fontsize=8,
                        bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["grey"]})
        ax.set_xlabel("Time (ms)")
        ax.set_ylabel("EMG (relative units)")
        title_artist = fig.suptitle("", fontsize=11)
    ef = EMGFigure(fig=fig, ax=ax,
                   artists={"trace": line, "event_span": span, "label": label,
                            "title": title_artist})
    _Blitter(fig, lambda: [span, line, label, title_artist], (ax,))
    return ef.update(trace, title=title, ylim=ylim)


# --------------------------------------------------------------------------------------------
# The seizure clock: 5- and 15-minute marks
# --------------------------------------------------------------------------------------------


@dataclass
class SeizureClockFigure:
    """A seizure drawn against the clock, with the 5- and 15-minute marks.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    artists : dict
        ``before`` and ``after`` (Rectangles: the seizure before and after the 5-minute mark),
        ``now`` (Line2D), ``marks`` (list of Line2D), ``mark_labels``, ``status`` (Text),
        ``title``.
    marks_min : dict[str, float]
        The clinical marks used, in min, read from :mod:`twitchlab.clinical`.
    """

    fig: Figure
    ax: Any
    artists: dict[str, Any] = field(default_factory=dict)
    marks_min: dict[str, float] = field(default_factory=dict)
    description: str = ""

    def update(self, duration_min: float, *, status: str = "",
               title: str | None = None) -> SeizureClockFigure:
        """Move the clock to a seizure lasting ``duration_min`` minutes (no new figure).

        Parameters
        ----------
        duration_min : float
            How long the seizure has lasted so far, in min (0-30).
        status : str, optional
            Text for the status box (the assessment from :mod:`twitchlab.triage`).
        title : str, optional
        """
        d = float(duration_min)
        if not np.isfinite(d) or not 0.0 <= d <= 30.0:
            raise ValueError(f"duration_min must be between 0 and 30 min, got {duration_min!r}")
        t1 = self.marks_min["emergency"]
        before = self.artists["before"]
        after = self.artists["after"]
        before.set_width(min(d, t1))
        after.set_x(t1)
        after.set_width(max(0.0, d - t1))
        self.artists["now"].set_xdata([d, d])
        self.artists["status"].set_text(status)
        self.artists["title"].set_text(title or f"A convulsion at {d:.1f} min")
        self.description = (
            f"{title or f'A convulsion at {d:.1f} min'}. Horizontal time line from 0 to "
            f"{self.ax.get_xlim()[1]:.0f} min with dashed marks at "
            + ", ".join(f"{v:g} min ({k})" for k, v in self.marks_min.items())
            + f"; the bar reaches {d:.1f} min"
            + (", past the emergency mark." if d >= t1 else ".")
            + (f" {status}" if status else "")
        )
        return self


#: What the clock marks: key, threshold name in twitchlab.clinical (None: the checkpoint), label.
_CLOCK_MARKS = (
    ("prepare", None, "{m:g} min: keep timing,\nget ready to call"),
    ("emergency", "convulsion_emergency", "{m:g} min: call an ambulance;\nrescue medicine"),
    ("complex", "complex_febrile_duration", "{m:g} min: a febrile seizure\nis complex"),
)


def seizure_clock_figure(duration_min: float = 0.0, *, status: str = "",
                         title: str | None = None,
                         labels: Mapping[str, str] | None = None) -> SeizureClockFigure:
    """A seizure's duration against the 3-, 5- and 15-minute marks.

    Parameters
    ----------
    duration_min : float
        Duration so far, in min (0-30).
    status : str, optional
        Status text (e.g. the triage assessment).
    title : str, optional
    labels : mapping, optional
        Replacement label text for the marks ``prepare``, ``emergency``, ``complex``.

    Returns
    -------
    SeizureClockFigure
    """
    fig = _new_figure(figsize=(8.0, 3.0))
    marks_min, sources = {}, {}
    for key, name, _ in _CLOCK_MARKS:
        if name is None:
            marks_min[key], sources[key] = CLOCK_CHECKPOINT_MIN, ""
        else:
            marks_min[key], sources[key] = _threshold_min(name)
    with mpl.rc_context(_RC):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.05, right=0.97, top=0.86, bottom=0.18)
        before = mpl.patches.Rectangle((0, 0.38), 0, 0.26, color=PALETTE["blue"], zorder=2)
        after = mpl.patches.Rectangle((marks_min["emergency"], 0.38), 0, 0.26,
                                      facecolor=_FLAG_COLOR, edgecolor=PALETTE["black"],
                                      hatch="//", zorder=2)
        ax.add_patch(before)
        ax.add_patch(after)
        mark_lines, mark_labels = [], []
        for key, _, text in _CLOCK_MARKS:
            x = marks_min[key]
            label = (labels or {}).get(key, text.format(m=x))
            if sources[key]:
                label += f" ({sources[key]})"
            color = PALETTE["black"] if key == "prepare" else _FLAG_COLOR
            mark_lines.append(ax.axvline(x, color=color, ls="--", lw=1.0, zorder=3))
            left = key == "prepare"  # left of its line, so it does not collide with 5 min
            mark_labels.append(ax.text(x - 0.15 if left else x + 0.15, 0.98, label, va="top",
                                       ha="right" if left else "left", fontsize=7.5,
                                       color=color))
        (now,) = ax.plot([0, 0], [0.3, 0.72], color=PALETTE["black"], lw=2.5, zorder=4)
        status_t = ax.text(0.2, 0.08, "", fontsize=8, va="bottom", ha="left",
                           bbox={"boxstyle": "round", "fc": "white", "ec": PALETTE["grey"]})
        ax.set_xlim(0, 20)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_xticks(range(0, 21, 1))
        ax.set_xlabel("Time since the convulsion started (min)")
        title_artist = fig.suptitle("", fontsize=11)
    sc = SeizureClockFigure(
        fig=fig, ax=ax,
        artists={"before": before, "after": after, "now": now, "marks": mark_lines,
                 "mark_labels": mark_labels, "status": status_t, "title": title_artist},
        marks_min=marks_min,
    )
    _Blitter(fig, lambda: [before, after, *mark_lines, now, status_t, title_artist], (ax,))
    return sc.update(duration_min, status=status, title=title)


def alt_text(figure_obj) -> str:
    """The text description of a figure object made here (for alt text next to images)."""
    return str(getattr(figure_obj, "description", "") or "")


# --------------------------------------------------------------------------------------------
# The triage level on its four-step scale
# --------------------------------------------------------------------------------------------

#: Colour of each triage level, mild to severe.
LEVEL_COLORS: dict[str, str] = {
    "benign": PALETTE["bluish_green"],
    "review": PALETTE["sky_blue"],
    "urgent": PALETTE["orange"],
    "emergency": PALETTE["vermillion"],
}

_LEVEL_WORDS = {
    "benign": "benign:\nreassure",
    "review": "review:\nin the coming days",
    "urgent": "urgent:\nsame day",
    "emergency": "emergency:\nambulance now",
}


@dataclass
class LevelFigure:
    """The four triage levels as a scale with the current one marked.

    Attributes
    ----------
    fig : matplotlib.figure.Figure
    artists : dict
        ``boxes`` (list of Rectangle, one per level), ``pointer`` (Line2D marker),
        ``title`` (Text).
    level : str
        The level shown.
    """

    fig: Figure
    ax: Any
    levels: tuple[str, ...]
    artists: dict[str, Any] = field(default_factory=dict)
    level: str = ""
    description: str = ""

    def update(self, level: str, *, pattern: str | None = None) -> LevelFigure:
        """Mark another level (no new figure).

        Parameters
        ----------
        level : str
            One of the triage levels.
        pattern : str, optional
            The pattern the assessment names, for the title.
        """
        if level not in self.levels:
            raise ValueError(f"level={level!r} is not a triage level; allowed: {self.levels}")
        i = self.levels.index(level)
        for j, box in enumerate(self.artists["boxes"]):
            box.set_alpha(1.0 if j == i else 0.25)
            box.set_linewidth(2.5 if j == i else 0.0)
        self.artists["pointer"].set_data([i + 0.5], [1.12])
        title = f"Assessment: {level}" + (f" ({pattern.replace('_', ' ')})" if pattern else "")
        self.artists["title"].set_text(title)
        self.level = level
        self.description = (f"{title}. A scale of four levels, benign, review, urgent and "
                            f"emergency, with {level} highlighted.")
        return self


def level_figure(level: str, *, pattern: str | None = None,
                 levels: Sequence[str] = ("benign", "review", "urgent", "emergency"),
                 ) -> LevelFigure:
    """The triage scale (benign < review < urgent < emergency) with one level marked.

    Parameters
    ----------
    level : str
        The level to mark.
    pattern : str, optional
        Pattern named in the title.
    levels : sequence of str
        The ordered levels (default those of :mod:`twitchlab.triage`).

    Returns
    -------
    LevelFigure
    """
    fig = _new_figure(figsize=(6.4, 1.6))
    levels = tuple(levels)
    with mpl.rc_context(_RC):
        ax = fig.subplots()
        fig.subplots_adjust(left=0.02, right=0.98, top=0.72, bottom=0.04)
        boxes = []
        for i, lv in enumerate(levels):
            box = mpl.patches.Rectangle((i + 0.04, 0.0), 0.92, 1.0,
                                        facecolor=LEVEL_COLORS.get(lv, PALETTE["grey"]),
                                        edgecolor=PALETTE["black"], zorder=2)
            ax.add_patch(box)
            boxes.append(box)
            ax.text(i + 0.5, 0.5, _LEVEL_WORDS.get(lv, lv), ha="center", va="center",
                    fontsize=9, zorder=3)
        (pointer,) = ax.plot([], [], marker="v", ms=11, color=PALETTE["black"], ls="",
                             clip_on=False, zorder=4)
        ax.set_xlim(0, len(levels))
        ax.set_ylim(0, 1.2)
        ax.set_axis_off()
        title = fig.suptitle("", fontsize=11)
    lf = LevelFigure(fig=fig, ax=ax, levels=levels,
                     artists={"boxes": boxes, "pointer": pointer, "title": title})
    _Blitter(fig, lambda: [*boxes, pointer, title], (ax,))
    return lf.update(level, pattern=pattern)
