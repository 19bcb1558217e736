"""The explorers, headless: every control changes the figure to the expected data, in place.

A student moving a control must see the figure change to what the package computes for the new
setting; no change may create a new figure; every control says what it is (description and
tooltip). The static explorers must switch their precomputed images in the browser, so their
control is linked to the stack by ``jslink`` (a link that lives in the page, not in Python).
"""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import ipywidgets as W  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from twitchlab import data, emg, plots, triage, widgets  # noqa: E402
from twitchlab.patterns import simulate_episode  # noqa: E402
from twitchlab.sleep import simulate_night  # noqa: E402


@pytest.fixture
def figure_counter(monkeypatch):
    """Counts figures made by twitchlab.plots from now on."""
    made = []
    original = plots._new_figure

    def counting(*args, **kwargs):
        fig = original(*args, **kwargs)
        made.append(fig)
        return fig

    monkeypatch.setattr(plots, "_new_figure", counting)
    return made


def lefts(collection) -> np.ndarray:
    return np.array([p.vertices[:, 0].min() for p in collection.get_paths()])


def img_alt(html: str) -> str:
    m = re.search(r'<img [^>]*alt="([^"]*)"', html)
    assert m, "the figure is shown as an <img> with alt text"
    return m.group(1)


def assert_same_figure(ex, fig, made_before, made):
    assert ex.fig is fig, "the explorer kept its figure"
    assert len(made) == made_before, "no callback made a new figure"
    assert plt.get_fignums() == [], "no pyplot figure was opened"


def all_controls(ex):
    for c in ex.controls.values():
        if isinstance(c, W.Widget):
            yield c
        else:  # a group of checkboxes acting as one control
            yield from c.boxes.values()


# --- every explorer -------------------------------------------------------------------------

EXPLORERS = {
    "hypnogram": widgets.hypnogram_explorer,
    "myoclonus": widgets.myoclonus_explorer,
    "timeline": widgets.timeline_explorer,
    "triage": widgets.triage_explorer,
    "mystery": widgets.mystery_round,
    "clock": widgets.seizure_clock,
}


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_every_control_has_a_description_and_a_tooltip(name):
    ex = EXPLORERS[name]()
    for c in all_controls(ex):
        assert c.description.strip(), f"{name}: a control without a description"
        assert c.tooltip and c.tooltip.strip(), f"{name}: {c.description!r} has no tooltip"


@pytest.mark.parametrize("name", sorted(EXPLORERS))
def test_explorer_shows_its_figure_with_alt_text(name):
    ex = EXPLORERS[name]()
    assert ex.message.value == "", ex.message.value
    assert ex.last_png[:4] == b"\x89PNG"
    assert len(img_alt(ex.image.value)) > 30
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_slow_controls_wait_for_release():
    ex = widgets.timeline_explorer()
    for name in ("age_days", "temperature_c", "seed"):
        assert ex.controls[name].continuous_update is False
    assert widgets.hypnogram_explorer().controls["seed"].continuous_update is False


# --- hypnogram explorer --------------------------------------------------------------------

def test_hypnogram_explorer_draws_the_night_for_the_chosen_age_and_seed(figure_counter):
    ex = widgets.hypnogram_explorer()
    fig, n = ex.fig, len(figure_counter)
    for age_key, seed in (("adult, 30 years", 0), ("adult, 30 years", 5), ("3 months", 2)):
        age_days, gw = widgets.AGE_CHOICES[age_key]
        ex.controls["age"].value = (age_days, gw)
        ex.controls["seed"].value = seed
        expected = simulate_night(age_days, gestation_weeks=gw, seed=seed)
        bars = ex.figure.artists["hypnogram_bars"]
        assert len(bars.get_paths()) == len(expected.state)
        np.testing.assert_allclose(lefts(bars), expected.state_start_s / 3600)
        assert ex.state["timeline"].state.tolist() == expected.state.tolist()
    assert "REM sleep" in img_alt(ex.image.value) or "active sleep" in img_alt(ex.image.value)
    assert_same_figure(ex, fig, n, figure_counter)


# --- myoclonus explorer --------------------------------------------------------------------

def test_myoclonus_explorer_follows_each_control(figure_counter):
    ex = widgets.myoclonus_explorer()
    fig, n = ex.fig, len(figure_counter)
    line = ex.figure.artists["trace"]
    settings = [("kind", "negative"), ("amplitude", 0.5), ("duration_ms", 250),
                ("background_tone", 0.7)]
    for name, value in settings:
        before = line.get_ydata().copy()
        ex.controls[name].value = value
        v = ex.values()
        expected = emg.myoclonus_trace(v["kind"], amplitude=v["amplitude"],
                                       duration_ms=v["duration_ms"],
                                       background_tone=v["background_tone"], seed=0)
        np.testing.assert_allclose(line.get_ydata(), expected.emg)
        assert not np.array_equal(before, line.get_ydata()), f"{name} changed the trace"
    span = ex.figure.artists["event_span"]
    assert span.get_width() == pytest.approx(250)
    assert ex.figure.artists["label"].get_text() == "silent period: 250 ms"
    assert_same_figure(ex, fig, n, figure_counter)


def test_myoclonus_explorer_explains_why_negative_needs_tone():
    ex = widgets.myoclonus_explorer(kind="negative")
    before = ex.last_png
    ex.controls["background_tone"].value = 0.0
    assert "background_tone" in ex.message.value
    assert ex.last_png == before, "the last good figure stays"
    ex.controls["background_tone"].value = 0.4
    assert ex.message.value == ""


# --- timeline explorer ---------------------------------------------------------------------

def expected_timeline(ex):
    v = ex.values()
    return simulate_episode(v["pattern"], v["age_days"], temperature_c=v["temperature_c"],
                            seed=v["seed"])


@pytest.mark.parametrize("name,value", [("pattern", "infantile_spasms"), ("age_days", 10),
                                        ("temperature_c", 38.6), ("seed", 7)])
def test_timeline_explorer_redraws_the_simulated_timeline(name, value, figure_counter):
    ex = widgets.timeline_explorer(pattern="bnsm", age_days=20)
    fig, n = ex.fig, len(figure_counter)
    old = ex.state["timeline"]
    ex.controls[name].value = value
    tl = expected_timeline(ex)
    assert ex.state["timeline"].event_onset_s.tolist() == tl.event_onset_s.tolist()
    events = ex.figure.artists["events"]
    assert len(events.get_paths()) == tl.n_events
    unit = {"s": 1, "min": 60, "h": 3600}[plots.time_unit(tl.duration_s)[0]]
    np.testing.assert_allclose(lefts(events), tl.event_onset_s / unit)
    if name in ("pattern", "seed"):
        assert tl.event_onset_s.tolist() != old.event_onset_s.tolist()
    if name == "age_days":
        assert "age 10 days" in ex.figure.artists["title"].get_text()
    assert f"{tl.n_events}</td>" in ex.info.value, "the features table is live"
    assert ex.state["assessment"] == triage.assess(ex.state["episode"])
    assert ex.state["assessment"].level in ex.info.value
    assert_same_figure(ex, fig, n, figure_counter)


def test_timeline_explorer_keeps_age_and_temperature_inside_the_patterns_range():
    from twitchlab import params

    ex = widgets.timeline_explorer(pattern="bnsm")
    ex.controls["pattern"].value = "simple_febrile_seizure"
    lo, hi = params.pattern_age_days("simple_febrile_seizure")
    assert lo <= ex.controls["age_days"].value <= hi
    assert (ex.controls["age_days"].min, ex.controls["age_days"].max) == (lo, hi)
    assert ex.controls["temperature_c"].value >= 38.0
    assert ex.message.value == ""
    assert "°C" in ex.figure.artists["title"].get_text()
    ex.controls["pattern"].value = "focal_seizure"
    assert ex.controls["temperature_c"].value == 37.0  # back to normal for a non-febrile pattern


def test_naive_baseline_draws_the_same_plot_from_scratch(figure_counter):
    ex = widgets.timeline_explorer(pattern="bnsm", age_days=20, seed=3)
    n = len(figure_counter)
    png = widgets.naive_timeline_png("bnsm", 20, ex.controls["temperature_c"].value, 3)
    assert png[:4] == b"\x89PNG" and len(figure_counter) == n + 1


# --- triage explorer -----------------------------------------------------------------------

def test_triage_explorer_assessment_follows_each_feature(figure_counter):
    ex = widgets.triage_explorer()
    fig, n = ex.fig, len(figure_counter)
    steps = [
        ("state", "awake"), ("stops_on_waking", None), ("movement", "spasm"),
        ("age_days", 152), ("duration_s", 600.0), ("fever_c", 39.5), ("episodes_24h", 3),
        ("body", "one_side"), ("rhythmic", False), ("clustered", False),
        ("stops_when_held", True), ("back_to_normal_min", 61.0), ("first_episode", True),
        ("provoked_by", ("handling",)), ("risk_factors", ("premature",)),
        ("signs", ("cyanosis",)),
    ]
    for name, value in steps:
        ex.controls[name].value = value
        d = widgets._episode_dict(ex.values())
        expected = triage.assess(triage.Episode.from_dict(d))
        got = ex.state["assessment"]
        assert got == expected, name
        boxes = ex.figure.artists["boxes"]
        lit = [b.get_alpha() for b in boxes].index(1.0)
        assert triage.LEVELS[lit] == expected.level
        for r in expected.reasons:
            assert f"[{r.source}]" in ex.reasons.value
    assert ex.state["assessment"].level == "emergency"  # cyanosis decides
    assert_same_figure(ex, fig, n, figure_counter)


def test_triage_explorer_leaves_unknown_features_out():
    ex = widgets.triage_explorer()
    ex.controls["stops_when_held"].value = None
    ex.controls["fever_c"].value = None
    d = widgets._episode_dict(ex.values())
    assert "stops_when_held" not in d and "fever_c" not in d
    assert ex.state["episode"].stops_when_held is None


# --- mystery round -------------------------------------------------------------------------

def test_mystery_round_hides_the_answer_until_the_student_commits(figure_counter):
    m = widgets.mystery_round(seed=1, n_cases=4)
    fig, n = m.fig, len(figure_counter)
    assert m.answer.value == "" and m.commit.disabled
    first = m.cases.iloc[0]["episode_id"]
    tl = data.load_timeline(first)
    assert len(m.figure.artists["events"].get_paths()) == tl.n_events
    m.commit.click()  # nothing chosen: nothing shown
    assert m.answer.value == ""
    m.guess.value = "review"
    assert not m.commit.disabled
    m.commit.click()
    expected = triage.assess(data.load_episode(first))
    assert f"<b>{expected.level}</b>" in m.answer.value
    assert ("Right" in m.answer.value) == (expected.level == "review")
    assert m.commit.disabled, "one commitment per case"
    m.next_case.click()
    second = m.cases.iloc[1]["episode_id"]
    assert m.answer.value == "" and m.guess.value is None
    assert len(m.figure.artists["events"].get_paths()) == data.load_timeline(second).n_events
    assert_same_figure(m, fig, n, figure_counter)


def test_mystery_round_refuses_an_impossible_round_size():
    with pytest.raises(ValueError, match="n_cases"):
        widgets.mystery_round(n_cases=0)


# --- seizure clock -------------------------------------------------------------------------

def test_seizure_clock_moves_and_reassesses(figure_counter):
    ex = widgets.seizure_clock(minutes=2.0)
    fig, n = ex.fig, len(figure_counter)
    five = ex.figure.marks_min["emergency"]
    ex.controls["minutes"].value = 6.0
    assert ex.figure.artists["before"].get_width() == pytest.approx(five)
    assert ex.figure.artists["after"].get_width() == pytest.approx(6.0 - five)
    assert ex.state["assessment"].level == "emergency"
    assert "(reached) From 5 min" in ex.todo.value
    # the clock's seizure is still going: it cannot be called simple yet (clinical audit I15)
    assert ex.state["assessment"].pattern == "unclear"
    ex.controls["focal"].value = True
    assert ex.state["assessment"].pattern == "complex_febrile_seizure"
    ex.controls["focal"].value = False
    ex.controls["episodes_24h"].value = 2
    assert ex.state["assessment"].pattern == "complex_febrile_seizure"
    ex.controls["episodes_24h"].value = 1
    ex.controls["fever_c"].value = 37.0
    assert "febrile" not in ex.state["assessment"].pattern
    ex.controls["age_months"].value = 2
    assert ex.state["episode_dict"]["age_days"] < 90
    ex.play.value = 30  # the play button counts half-minutes
    assert ex.controls["minutes"].value == 15.0
    assert ex.figure.artists["now"].get_xdata()[0] == 15.0
    assert_same_figure(ex, fig, n, figure_counter)


# --- static explorers ----------------------------------------------------------------------

@pytest.mark.parametrize("make,n_states", [(widgets.static_hypnogram_explorer, 5),
                                           (widgets.static_timeline_explorer, 8)])
def test_static_explorer_links_its_control_to_the_images_in_the_browser(make, n_states):
    st = make()
    assert type(st.link).__name__ == "Link", "a jslink: it works without a kernel"
    assert st.link._model_name == "LinkModel"
    assert st.link.source == (st.control, "index")
    assert st.link.target == (st.stack, "selected_index")
    assert len(st.stack.children) == len(st.labels) == n_states
    assert len(st.control.options) == n_states
    alts = [img_alt(page.value) for page in st.stack.children]
    assert all(len(a) > 30 for a in alts) and len(set(alts)) == n_states
    assert len(set(st.pngs)) == n_states, "each state is a different figure"
    assert all(len(p) < 60_000 for p in st.pngs), "images stay small"
    note = st.widget.children[0].value
    assert "make lab" in note and "Precomputed" in note
    assert st.control.tooltip and st.control.description


def test_static_timeline_explorer_writes_the_features_of_each_state():
    st = widgets.static_timeline_explorer(patterns=("bnsm", "infantile_spasms"))
    assert "Features of this benign neonatal sleep myoclonus" in st.stack.children[0].value
    assert "assessment" in st.stack.children[1].value


def test_static_explorers_refuse_unknown_states():
    with pytest.raises(ValueError, match="ages"):
        widgets.static_hypnogram_explorer(ages=("newborn, 2 weeks (term)", "teenager"))
    with pytest.raises(ValueError, match="patterns"):
        widgets.static_timeline_explorer(patterns=("bnsm", "colic"))


def test_explorer_set_changes_several_controls_and_redraws_once():
    ex = widgets.timeline_explorer(pattern="bnsm", age_days=20)
    renders = ex.renders
    ex.set(seed=4, age_days=30)
    assert ex.renders == renders + 1
    with pytest.raises(ValueError, match="unknown control"):
        ex.set(colour="red")
