"""Figures of twitchlab.plots: they draw what they are given, and update in place.

What a student would notice: the wrong stage in a row, an event missing from the raster, a figure
that does not change, a 5-minute mark in the wrong place, an updated image that differs from a
freshly drawn one.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from PIL import Image  # noqa: E402

from twitchlab import clinical, plots  # noqa: E402
from twitchlab.timeline import Context, Timeline  # noqa: E402

OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00",
             "#CC79A7"}


def small_timeline(*, age_days=20, states=("QS", "AS", "W"), bounds=(0, 600, 1500, 1800),
                   onsets=(100.0, 700.0, 1600.0), parts=("hand", "face", "leg"),
                   pattern="bnsm", durations=None, markers=()):
    n = len(onsets)
    return Timeline(
        context=Context(age_days=age_days, pattern=pattern),
        state_start_s=np.array(bounds[:-1], dtype=float),
        state_end_s=np.array(bounds[1:], dtype=float),
        state=np.array(states),
        event_onset_s=np.array(onsets, dtype=float),
        event_duration_s=np.array(durations if durations is not None else [0.1] * n),
        event_body_part=np.array(parts),
        event_side=np.array(["left"] * n),
        event_amplitude=np.array([0.5] * n),
        event_pattern=np.array([pattern] * n),
        marker_time_s=np.array([t for t, _ in markers], dtype=float),
        marker_kind=np.array([k for _, k in markers]),
    )


def png_array(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def bar_lefts(collection) -> np.ndarray:
    return np.array([p.vertices[:, 0].min() for p in collection.get_paths()])


def bar_rows(collection) -> np.ndarray:
    return np.array([(p.vertices[:, 1].min() + p.vertices[:, 1].max()) / 2
                     for p in collection.get_paths()])


# --- palette ---------------------------------------------------------------------------------

def test_palette_is_okabe_ito_and_every_figure_colour_comes_from_it():
    assert OKABE_ITO <= {c.upper() for c in plots.PALETTE.values()}
    used = set(plots.STAGE_COLORS.values()) | set(plots.PATTERN_COLORS.values()) | set(
        plots.LEVEL_COLORS.values())
    assert {c.upper() for c in used} <= OKABE_ITO


def test_every_stage_and_pattern_has_a_colour():
    from twitchlab import params

    assert set(params.ALL_STAGES) <= set(plots.STAGE_COLORS)
    assert set(params.PATTERNS) <= set(plots.PATTERN_COLORS)


# --- timeline figure -------------------------------------------------------------------------

def test_timeline_figure_draws_each_state_and_event_in_its_row():
    tl = small_timeline()
    tf = plots.timeline_figure(tl)
    bars = tf.artists["hypnogram_bars"]
    assert len(bars.get_paths()) == 3
    # infant rows top to bottom: W, AS, IS, QS -> y = 3, 2, 1, 0
    assert list(np.round(bar_rows(bars))) == [0, 2, 3]
    events = tf.artists["events"]
    assert len(events.get_paths()) == 3
    # a 30-minute recording is read in minutes
    assert tf.ax_events.get_xlabel().endswith("(min)")
    np.testing.assert_allclose(bar_lefts(events), np.array([100, 700, 1600]) / 60)
    rows = {p: len(plots.BODY_PARTS) - 1 - i for i, p in enumerate(plots.BODY_PARTS)}
    np.testing.assert_allclose(bar_rows(events), [rows["hand"], rows["face"], rows["leg"]])
    assert tf.ax_events.get_xlim() == pytest.approx((0, 30))
    assert [t.get_text() for t in tf.ax_states.get_yticklabels()] == [
        "quiet sleep", "indeterminate sleep", "active sleep", "wake"]


def test_timeline_figure_has_title_axis_labels_with_units_and_a_description():
    tf = plots.timeline_figure(small_timeline())
    assert "bnsm" in tf.artists["title"].get_text()
    assert re.search(r"\((s|min|h)\)$", tf.ax_events.get_xlabel())
    assert tf.ax_events.get_ylabel() == "Body part"
    assert "3 movement events" in plots.alt_text(tf)


def test_update_changes_the_same_artists_in_place_and_makes_no_figure():
    before = set(plt.get_fignums())
    tf = plots.timeline_figure(small_timeline())
    fig, events, bars = tf.fig, tf.artists["events"], tf.artists["hypnogram_bars"]
    tf.update(small_timeline(onsets=(10.0, 20.0), parts=("toes", "toes"),
                             states=("AS", "W"), bounds=(0, 100, 200)))
    assert tf.fig is fig and tf.artists["events"] is events
    assert tf.artists["hypnogram_bars"] is bars
    assert len(events.get_paths()) == 2 and len(bars.get_paths()) == 2
    assert tf.ax_events.get_xlabel().endswith("(s)")  # 200 s: read in seconds
    np.testing.assert_allclose(bar_lefts(events), [10, 20])
    assert set(plt.get_fignums()) == before


def test_switching_scheme_relabels_the_hypnogram_rows():
    tf = plots.timeline_figure(small_timeline())
    adult = Timeline(context=Context(age_days=10000), state_start_s=[0, 60, 120],
                     state_end_s=[60, 120, 180], state=["W", "N1", "R"])
    tf.update(adult)
    labels = [t.get_text() for t in tf.ax_states.get_yticklabels()]
    assert labels == ["N3 (deepest)", "N2", "N1", "REM sleep", "wake"]
    assert len(tf.artists["events"].get_paths()) == 0
    assert "no movement events" in plots.alt_text(tf)


def test_carer_markers_are_drawn_with_their_words():
    tl = small_timeline(markers=[(650.0, "held"), (1510.0, "woken")])
    tf = plots.timeline_figure(tl)
    offsets = tf.artists["carer_markers"].get_offsets()
    np.testing.assert_allclose(offsets[:, 0], np.array([650, 1510]) / 60)
    shown = [t.get_text() for t in tf._marker_texts if t.get_visible()]
    assert shown == ["held", "woken"]


def test_long_convulsion_gets_the_clinical_5_and_15_minute_marks():
    from twitchlab import features
    from twitchlab.patterns import simulate_episode

    five = clinical.seconds("convulsion_emergency")
    fifteen = clinical.seconds("complex_febrile_duration")
    tl = simulate_episode("complex_febrile_seizure", 548, temperature_c=39.4,
                          complex_by="prolonged", seed=1)
    feats = features.extract(tl)
    assert feats.movement == "convulsion"
    start = max(feats.clusters, key=lambda c: c.end_s - c.start_s).start_s
    tf = plots.timeline_figure(tl, features=feats)
    unit = {"s": 1, "min": 60, "h": 3600}[plots.time_unit(tl.duration_s)[0]]
    visible = [m for m in tf.artists["marks"] if m.get_visible()]
    assert [m.get_xdata()[0] for m in visible] == pytest.approx(
        [(start + five) / unit, (start + fifteen) / unit])
    short = simulate_episode("simple_febrile_seizure", 548, temperature_c=39.0,
                             duration_s=120.0, seed=1)
    tf.update(short, features=features.extract(short))
    assert not any(m.get_visible() for m in tf.artists["marks"])


def test_a_long_benign_cluster_gets_no_emergency_mark():
    from twitchlab import features
    from twitchlab.patterns import simulate_episode

    tl = simulate_episode("bnsm", 10, seed=4)  # a cluster lasting more than 5 min
    feats = features.extract(tl)
    assert max(c.end_s - c.start_s for c in feats.clusters) > clinical.seconds(
        "convulsion_emergency")
    tf = plots.timeline_figure(tl, features=feats)
    assert not any(m.get_visible() for m in tf.artists["marks"])


def test_clusters_from_features_are_shaded():
    @dataclass
    class Cluster:
        start_s: float
        end_s: float

    @dataclass
    class Feats:
        n_events: int
        clusters: tuple

    tf = plots.timeline_figure(small_timeline(),
                               features=Feats(3, (Cluster(90.0, 120.0), Cluster(690, 720))))
    assert len(tf.artists["clusters"].get_paths()) == 2
    np.testing.assert_allclose(bar_lefts(tf.artists["clusters"]), [1.5, 11.5])
    assert "2 clusters" in tf.artists["flag_text"].get_text()


def test_bad_body_part_is_refused_with_the_allowed_words():
    @dataclass
    class Fake:
        state_start_s = np.array([0.0])
        state_end_s = np.array([10.0])
        state = np.array(["W"])
        event_onset_s = np.array([1.0])
        event_duration_s = np.array([0.1])
        event_body_part = np.array(["tail"])
        event_amplitude = np.array([0.5])
        event_pattern = np.array(["bnsm"])
        duration_s = 10.0

    with pytest.raises(ValueError, match="event_body_part.*tail.*allowed"):
        plots.timeline_figure(Fake())


# --- rendering -------------------------------------------------------------------------------

def test_render_png_is_a_png_of_the_figure_size():
    tf = plots.timeline_figure(small_timeline())
    png = plots.render_png(tf.fig)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = tf.fig.get_size_inches() * tf.fig.dpi
    assert png_array(png).shape[:2] == (round(h), round(w))


def test_fast_render_after_update_looks_like_a_fresh_figure():
    """The in-place update, rendered on the cached background, matches a new figure's image."""
    a = small_timeline()
    b = small_timeline(onsets=(50.0, 900.0, 1200.0, 1700.0), parts=("arm", "arm", "toes", "eyes"),
                       states=("W", "AS", "QS"), bounds=(0, 300, 1000, 1800))
    tf = plots.timeline_figure(a)
    plots.render_png(tf)
    plots.render_png(tf)
    tf.update(b)
    updated = png_array(plots.render_png(tf))
    fresh = png_array(plots.render_png(plots.timeline_figure(b).fig))
    differing = np.any(np.abs(updated - fresh) > 40, axis=2).mean()
    assert differing < 0.002  # at most a few edge pixels where a spine meets a bar


def test_render_png_refuses_what_is_not_a_figure():
    with pytest.raises(ValueError, match="Figure"):
        plots.render_png("not a figure")


# --- hypnogram -------------------------------------------------------------------------------

def test_hypnogram_shares_are_fractions_of_sleep_time():
    tl = small_timeline(states=("W", "AS", "QS", "AS"), bounds=(0, 600, 1200, 2400, 3000),
                        onsets=(), parts=())
    hf = plots.hypnogram_figure(tl, reference={"AS": 0.5, "QS": (0.3, 0.4)})
    assert hf.shares == pytest.approx({"AS": 1200 / 2400, "QS": 1200 / 2400, "IS": 0.0})
    widths = {t.get_text(): b.get_width() for t, b in
              zip(hf.ax_shares.get_yticklabels(), hf.artists["share_bars"], strict=False)}
    assert widths["active sleep"] == pytest.approx(50)
    assert len(hf.artists["reference"].get_paths()) == 2
    assert "Reference" in hf.description


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(1.0, 3000.0), min_size=1, max_size=12),
       st.lists(st.sampled_from(["W", "N1", "N2", "N3", "R"]), min_size=12, max_size=12))
def test_hypnogram_bars_tile_the_night(lengths, labels):
    bounds = np.concatenate([[0.0], np.cumsum(lengths)])
    tl = Timeline(context=Context(age_days=10000), state_start_s=bounds[:-1],
                  state_end_s=bounds[1:], state=labels[: len(lengths)])
    hf = plots.hypnogram_figure(tl)
    paths = hf.artists["hypnogram_bars"].get_paths()
    assert len(paths) == len(lengths)
    unit = 3600.0
    np.testing.assert_allclose(bar_lefts(hf.artists["hypnogram_bars"]), bounds[:-1] / unit)
    assert hf.ax_hypno.get_xlim()[1] == pytest.approx(bounds[-1] / unit)
    assert sum(hf.shares.values()) == pytest.approx(1.0) or all(s == "W" for s in labels[
        : len(lengths)])


# --- EMG -------------------------------------------------------------------------------------

def test_emg_figure_shades_the_burst_or_silent_period():
    from twitchlab import emg

    burst = emg.myoclonus_trace("positive", duration_ms=50, seed=1)
    ef = plots.emg_figure(burst)
    span = ef.artists["event_span"]
    assert (span.get_x(), span.get_width()) == pytest.approx((1000 * burst.onset_s, 50))
    assert ef.artists["label"].get_text() == "burst: 50 ms"
    np.testing.assert_allclose(ef.artists["trace"].get_ydata(), burst.emg)
    silence = emg.myoclonus_trace("negative", duration_ms=200, background_tone=0.6, seed=2)
    line = ef.artists["trace"]
    ef.update(silence)
    assert ef.artists["trace"] is line
    assert ef.artists["label"].get_text() == "silent period: 200 ms"
    assert (span.get_x(), span.get_width()) == pytest.approx((1000 * silence.onset_s, 200))
    assert ef.ax.get_xlabel() == "Time (ms)"
    assert "Negative myoclonus" in ef.artists["title"].get_text()


# --- seizure clock ---------------------------------------------------------------------------

def test_seizure_clock_marks_come_from_clinical_thresholds():
    sc = plots.seizure_clock_figure(7.0)
    assert sc.marks_min["emergency"] == clinical.seconds("convulsion_emergency") / 60
    assert sc.marks_min["complex"] == clinical.seconds("complex_febrile_duration") / 60
    xs = [m.get_xdata()[0] for m in sc.artists["marks"]]
    assert xs == [sc.marks_min["prepare"], sc.marks_min["emergency"], sc.marks_min["complex"]]
    labels = " ".join(t.get_text() for t in sc.artists["mark_labels"])
    assert "ILAE15" in labels and "AAP11" in labels


def test_seizure_clock_bar_splits_at_the_emergency_mark():
    sc = plots.seizure_clock_figure(3.0)
    assert sc.artists["before"].get_width() == pytest.approx(3.0)
    assert sc.artists["after"].get_width() == 0
    fig = sc.fig
    sc.update(8.0, status="emergency")
    assert sc.fig is fig
    assert sc.artists["before"].get_width() == pytest.approx(sc.marks_min["emergency"])
    assert sc.artists["after"].get_width() == pytest.approx(8.0 - sc.marks_min["emergency"])
    assert sc.artists["now"].get_xdata()[0] == 8.0
    assert "past the emergency mark" in sc.description


@pytest.mark.parametrize("bad", [-1.0, 31.0, float("nan")])
def test_seizure_clock_refuses_impossible_durations(bad):
    with pytest.raises(ValueError, match="duration_min"):
        plots.seizure_clock_figure(bad)


# --- level scale -----------------------------------------------------------------------------

def test_level_figure_highlights_one_level():
    lf = plots.level_figure("urgent", pattern="infantile_spasms")
    alphas = [b.get_alpha() for b in lf.artists["boxes"]]
    assert alphas == [0.25, 0.25, 1.0, 0.25]
    lf.update("benign")
    assert [b.get_alpha() for b in lf.artists["boxes"]] == [1.0, 0.25, 0.25, 0.25]
    with pytest.raises(ValueError, match="level"):
        lf.update("fine")


def test_time_unit_refuses_negative_spans():
    with pytest.raises(ValueError, match="duration_s"):
        plots.time_unit(-1)
