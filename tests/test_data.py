"""Teaching data: every file matches its schema and the dictionary, regeneration is
byte-identical, and the cohort's labels agree with the triage of its timelines."""

from __future__ import annotations

import csv
import filecmp
import json
import re

import jsonschema
import numpy as np
import pytest

from twitchlab import data, features, triage
from twitchlab import params as P

DATA = data.DATA_DIR
CSV_FILES = [f for f in data.FILES if f.endswith(".csv")]


def typed_rows(name):
    """CSV rows as JSON values: numbers as numbers, True/False as booleans, empty as null."""
    num = re.compile(r"^-?[0-9]+(\.[0-9]+)?(e-?[0-9]+)?$")

    def conv(v):
        if v == "":
            return None
        if v in ("True", "False"):
            return v == "True"
        if num.match(v):
            return int(v) if re.match(r"^-?[0-9]+$", v) else float(v)
        return v

    with open(DATA / name, newline="", encoding="utf-8") as fh:
        return [{k: conv(v) for k, v in row.items()} for row in csv.DictReader(fh)]


def test_every_generated_file_exists_and_data_stays_small():
    sizes = {f: (DATA / f).stat().st_size for f in data.FILES}
    assert sum(sizes.values()) < 4_000_000, sizes
    assert (DATA / "README.md").is_file()


@pytest.mark.parametrize("name", CSV_FILES)
def test_rows_match_the_schema(name):
    schema = json.loads((DATA / "schema.json").read_text())[name]
    validator = jsonschema.Draft202012Validator(schema)
    rows = typed_rows(name)
    assert rows
    for i, row in enumerate(rows):
        errors = list(validator.iter_errors(row))
        assert not errors, f"{name} row {i + 2}: {errors[0].message}"


def test_schema_file_is_what_the_code_declares():
    assert json.loads((DATA / "schema.json").read_text()) == json.loads(
        json.dumps(data.schemas()))


def test_regeneration_is_byte_identical(tmp_path):
    data.generate(tmp_path)
    for name in data.FILES:
        assert filecmp.cmp(DATA / name, tmp_path / name, shallow=False), name


def test_readme_documents_every_file_and_column():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in data.FILES:
        assert f"`{name}`" in readme, name
    for name in ("cohort.csv", "cohort_states.csv", "cohort_events.csv", "hypnograms.csv",
                 "emg_traces_meta.csv"):
        with open(DATA / name, encoding="utf-8") as fh:
            header = fh.readline().strip().split(",")
        section = readme.split(f"## `{name}`")[1].split("\n## ")[0]
        for col in header:
            assert f"| `{col}` |" in section, (name, col)


def test_cohort_has_at_least_200_labelled_episodes_across_patterns_and_ages():
    c = data.load_cohort()
    assert len(c) >= 200 and c["episode_id"].is_unique
    assert set(c["pattern"]) == set(P.PATTERNS)
    assert c.groupby("pattern").size().min() >= 15
    assert set(c["triage_level"]) == set(triage.LEVELS)
    assert c["age_days"].min() < 28 and c["age_days"].max() > 18 * 365
    assert set(c["scheme"]) == {"infant", "aasm"}
    for pattern, group in c.groupby("pattern"):
        lo, hi = P.pattern_age_days(pattern)
        assert group["age_days"].between(lo, hi).all(), pattern


def test_labels_agree_with_the_triage_of_the_stored_timelines():
    c = data.load_cohort()
    for row in c.itertuples():
        tl = data.load_timeline(row.episode_id)
        assert tl.context.pattern == row.pattern and tl.n_events == row.n_events
        ep = features.to_episode(tl)
        assert ep == data.load_episode(row.episode_id)
        a = triage.assess(ep)
        assert (a.level, a.pattern) == (row.triage_level, row.triage_pattern), row.episode_id


def test_stored_timelines_keep_each_pattern_where_it_occurs():
    from twitchlab.patterns import placement_ok

    c = data.load_cohort()
    for eid in c["episode_id"][::7]:
        tl = data.load_timeline(eid)
        assert placement_ok(tl).mean() >= 0.99, eid  # ms rounding may nudge an edge case


def test_hypnograms_cover_every_age_group_and_tile_each_night():
    h = data.load_hypnograms()
    assert set(h["age_group"]) == {r.name for r in P.SLEEP_TABLE}
    assert h.groupby("age_group")["night_id"].nunique().min() == 10
    tl = data.load_hypnogram("N015")
    assert tl.state_start_s[0] == 0 and np.all(tl.state_start_s[1:] == tl.state_end_s[:-1])
    shares = features.stage_shares(tl)
    assert pytest.approx(sum(v for k, v in shares.items() if k != "W")) == 1.0


def test_emg_traces_measure_close_to_their_answer_key():
    traces, meta = data.load_emg_traces()
    assert list(traces.columns) == ["t_s", *meta["trace_id"]]
    for row in meta.itertuples():
        tr = data.load_emg_trace(row.trace_id)
        tol = 25.0 if row.kind == "positive" else 30.0
        assert tr.measure() == pytest.approx(row.duration_ms, abs=tol), row.trace_id
        assert tr.typical == row.typical


@pytest.mark.parametrize("call,words", [
    (lambda: data.load_timeline("E9999"), "episode_id='E9999'"),
    (lambda: data.load_episode("nope"), "episode_id='nope'"),
    (lambda: data.load_hypnogram("N999"), "night_id='N999'"),
    (lambda: data.load_emg_trace("T99"), "trace_id='T99'"),
    (lambda: data.load_cohort("/nonexistent/dir"), "not found.*twitchlab.data"),
])
def test_loaders_reject_unknown_ids_and_missing_files(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_main_writes_into_a_chosen_directory(tmp_path, capsys):
    assert data.main(["--out", str(tmp_path)]) == 0
    assert "MB" in capsys.readouterr().out
    assert data.load_cohort(tmp_path).shape == data.load_cohort().shape
