"""The training chapter (docs/training/index.md) and the training explorer (explorer.md).

Every verdict comes from fixed seeds, so each is pinned; each test also recomputes the
verdict from the per-seed values the snippet stored, by the rule the page states, so a
verdict cannot drift from its numbers. The explorer's tests check that every panel shows
its own run and the call that made it.
"""

import ast
import itertools
import math
import re

import numpy as np

from project_paths import ROOT

import activations  # noqa: E402 - snippets/ is on pytest's pythonpath

DEPTH = "training_depth.py"
SPEED = "learning_speed.py"
UNSTABLE = "training_instability.py"
EXPLORER = "explorer_runs.py"
EXPLORER_PAGE = ROOT / "docs/training/explorer.md"


def pairwise_verdict(outcomes):
    """The combination rule the page states for a claim judged against several rivals."""
    if all(v == "confirmed" for v in outcomes):
        return "confirmed"
    if all(v == "contradicted" for v in outcomes):
        return "contradicted"
    return "nuanced" if "confirmed" in outcomes else activations.UNDECIDED


# --- depth ----------------------------------------------------------------------------


def test_easier_to_train_deep_verdict(results):
    """Intro: "making it easier to train deep networks": nuanced (ReLU beats the sigmoid on
    both tasks; tanh ends lower on the digits, ReLU lower on the sine wave)."""
    r = results(DEPTH)
    assert r["verdicts"] == {"relu_easier_to_train_deep": "nuanced"}
    deepest = f"depth{max(r['DEPTHS'])}"
    found = {}
    for task in r["TASKS"]:
        for rival in ("logistic", "tanh"):
            ratios = [a / b for a, b in zip(r["final_loss"][task][rival][deepest], r["final_loss"][task]["relu"][deepest])]
            found[task, rival] = activations.verdict(activations.median_interval(ratios), 1, claim="above")
            assert found[task, rival] == r["relu_beats"][task][rival]
    assert found == {
        ("digits", "logistic"): "confirmed",
        ("digits", "tanh"): "contradicted",
        ("sine", "logistic"): "confirmed",
        ("sine", "tanh"): "confirmed",
    }
    assert pairwise_verdict(list(found.values())) == r["verdicts"]["relu_easier_to_train_deep"]


def test_every_depth_run_trains_exactly_its_epochs_from_every_seed(results):
    r = results(DEPTH)
    for task in r["TASKS"]:
        for f in r["ACTIVATIONS"]:
            for d in r["DEPTHS"]:
                curves = r["loss_curves"][task][f][f"depth{d}"]
                assert len(curves) == len(r["SEEDS"]) == r["n_seeds"]
                assert all(len(c) == r["EPOCHS"][task] for c in curves), (task, f, d)


def test_updates_to_target_are_read_off_the_loss_curves(results):
    """A run that never reached the target is kept, as None, not dropped."""
    r = results(DEPTH)
    per_epoch = {"digits": math.ceil(898 / r["BATCH_SIZE"]), "sine": math.ceil(r["N_SINE"] / r["BATCH_SIZE"])}
    for task in r["TASKS"]:
        for f in r["ACTIVATIONS"]:
            for d in r["DEPTHS"]:
                for curve, updates in zip(r["loss_curves"][task][f][f"depth{d}"], r["updates_to_target"][task][f][f"depth{d}"]):
                    reached = [i for i, v in enumerate(curve, start=1) if v <= r["TARGET_LOSS"][task]]
                    assert updates == (reached[0] * per_epoch[task] if reached else None)


def test_depth_sentences_say_what_the_numbers_say(results):
    r = results(DEPTH)
    for task in r["TASKS"]:
        for f in r["ACTIVATIONS"]:
            shallow = float(np.median(r["final_loss"][task][f][f"depth{min(r['DEPTHS'])}"]))
            deep = float(np.median(r["final_loss"][task][f][f"depth{max(r['DEPTHS'])}"]))
            assert r["trends"][f"{task}_{f}"].startswith("rises" if deep > shallow else "falls")
        for rival in ("logistic", "tanh"):
            side = {"confirmed": "ReLU ended lower", "contradicted": f"{'sigmoid' if rival == 'logistic' else rival} ended lower"}
            assert r["sentences"][f"{task}_{rival}"].startswith(side.get(r["relu_beats"][task][rival], "neither"))


# --- learning speed ---------------------------------------------------------------------


def test_learning_is_faster_verdicts(results):
    """3, reason 3: "gradients stay healthy and learning is faster": nuanced. ReLU reached
    the training error sooner than the sigmoid (confirmed), later than tanh (contradicted)."""
    r = results(SPEED)
    assert r["verdicts"] == {
        "relu_learns_faster": "nuanced",
        "relu_learns_faster_than_tanh": "contradicted",
        "relu_learns_faster_than_logistic": "confirmed",
    }


def test_learning_speed_verdicts_follow_from_the_stored_epochs(results):
    """Recompute: each activation's best rate (censored median), per-seed ratios with
    never-reached runs kept (rival never: infinite; ReLU never: 0), interval, verdict."""
    r = results(SPEED)
    inf = float("inf")

    def median(values):
        return float(np.median([inf if v is None else v for v in values]))

    key = lambda rate: "lr" + f"{rate:g}".replace(".", "_")  # noqa: E731
    best = {f: min(r["LEARNING_RATES"], key=lambda rate, f=f: (median(r["epochs"][f][key(rate)]), rate)) for f in r["ACTIVATIONS"]}
    assert best == r["best_rate"]
    for f in r["ACTIVATIONS"]:
        assert len(r["best_epochs"][f]) == len(r["SEEDS"]), "a run that never reached the target was dropped"
    found = {}
    for rival in r["RIVALS"]:
        ratios = [0.0 if b is None else inf if a is None else a / b
                  for a, b in zip(r["best_epochs"][rival], r["best_epochs"]["relu"])]
        assert ratios == r["speedup"][rival]
        found[rival] = activations.verdict(activations.median_interval(ratios), 1, claim="above")
        assert r["verdicts"][f"relu_learns_faster_than_{rival}"] == found[rival]
    assert r["verdicts"]["relu_learns_faster"] == pairwise_verdict(list(found.values()))


def test_the_sigmoid_never_reached_the_target_and_relu_always_did(results):
    r = results(SPEED)
    assert all(v is None for rate in r["epochs"]["logistic"].values() for v in rate)
    assert all(v is not None for v in r["best_epochs"]["relu"])
    assert r["sentences"]["logistic"].startswith(f"sigmoid never reached {r['TARGET_ERROR']:.0%}")


def test_the_paper_is_quoted_as_cited_and_compared_by_the_rule(results):
    r = results(SPEED)
    assert (r["PAPER_TARGET_ERROR"], r["PAPER_SPEEDUP"]) == (0.25, 6)  # Krizhevsky et al. (2012), Figure 1
    assert r["as_large_as_paper"]["tanh"] == activations.verdict(r["speedup_interval"]["tanh"], 6, claim="above")
    if r["relu_faster"]["tanh"] == "contradicted":
        assert r["sentences"]["paper"].startswith("here tanh, not ReLU, reached the target sooner")
    low, high = r["speedup_interval"]["tanh"]
    assert f"95 % interval {low:.2g} to {high:.2g}" in r["sentences"]["tanh"]


# --- too-large initial weights ----------------------------------------------------------


def test_too_large_weights_verdicts(results):
    """1.1: "When gradients become too large, training becomes unstable" (very large initial
    weights in ReLU): confirmed, on both tasks. tanh, same rule: undecided (one sine seed of
    six did not learn at gain 4)."""
    r = results(UNSTABLE)
    assert r["verdicts"] == {
        "relu_large_weights_unstable": "confirmed",
        "tanh_large_weights_unstable": activations.UNDECIDED,
    }
    assert r["outcomes"]["digits"]["relu"] == r["outcomes"]["sine"]["relu"] == "fails"


def test_too_large_weights_outcomes_follow_from_the_stored_losses(results):
    r = results(UNSTABLE)
    largest = f"gain{max(r['GAINS'])}"
    for task in r["TASKS"]:
        for f in r["ACTIVATIONS"]:
            losses = r["relative_loss"][task][f]
            learns_at_1 = activations.verdict(activations.median_interval(losses["gain1"]), r["LEARNED"], claim="below")
            fails = activations.verdict(activations.median_interval(losses[largest]), r["LEARNED"], claim="above")
            expected = ("no baseline" if learns_at_1 != "confirmed"
                        else {"confirmed": "fails", "contradicted": "learns"}.get(fails, activations.UNDECIDED))
            assert r["outcomes"][task][f] == expected, (task, f)


def test_an_overflow_counts_as_an_infinite_loss_and_ends_the_curve(results):
    r = results(UNSTABLE)
    for task in r["TASKS"]:
        for f in r["ACTIVATIONS"]:
            for g in r["GAINS"]:
                for run in zip(r["overflowed_at"][task][f][f"gain{g}"], r["relative_loss"][task][f][f"gain{g}"],
                               r["loss_curves"][task][f][f"gain{g}"]):
                    overflowed, relative, curve = run
                    assert math.isinf(relative) == (overflowed is not None)
                    assert len(curve) == (overflowed - 1 if overflowed else r["EPOCHS"])
                    assert all(math.isfinite(v) for v in curve)


def test_relu_overflows_on_the_sine_and_dies_on_the_digits(results):
    """The page's two forms of failure, at gain 4: every sine seed overflowed; on the digits
    none did and most hidden units ended dead."""
    r = results(UNSTABLE)
    assert all(v is not None for v in r["overflowed_at"]["sine"]["relu"]["gain4"])
    assert all(v is None for v in r["overflowed_at"]["digits"]["relu"]["gain4"])
    assert r["relu_dead_share"]["digits"]["gain4"] > 0.5 > r["relu_dead_share"]["digits"]["gain1"]
    assert r["sentences"]["sine_relu"] == f"the weights overflowed in {r['n_seeds']} of {r['n_seeds']} seeds"


# --- the explorer -------------------------------------------------------------------------


def explorer_keys(r):
    return [f"{f}_d{d}_x{s}" for f, d, s in itertools.product(r["ACTIVATIONS"], r["DEPTHS"], r["WEIGHT_SCALES"])]


def test_the_explorer_has_one_run_and_one_figure_for_every_combination(results):
    r = results(EXPLORER)
    keys = explorer_keys(r)
    assert list(r["runs"]) == keys == list(r["figure_number"])
    assert [r["figure_number"][k] for k in keys] == list(range(1, len(keys) + 1))
    for key in keys:
        depth = int(key.split("_d")[1].split("_")[0])
        assert len(r["runs"][key]["layer_gradients"]) == depth + 1, key


def test_explorer_runs_are_the_instability_experiments_first_seed(results):
    """Same settings, same seed: the explorer's 4-layer runs repeat the too-large-weights
    experiment's digits runs for seed 0, number for number."""
    r, u = results(EXPLORER), results(UNSTABLE)
    assert u["SEEDS"][0] == r["SEED"] and tuple(u["HIDDEN_LAYERS"]) == (r["WIDTH"],) * 4
    for f in r["ACTIVATIONS"]:
        for s in r["WEIGHT_SCALES"]:
            assert r["runs"][f"{f}_d4_x{s}"]["loss_curve"] == u["loss_curves"]["digits"][f][f"gain{s}"][0], (f, s)


def panels(text):
    """(key, hidden?, figure number, figure held in <noscript>?, the code line) per panel."""
    found = []
    for match in re.finditer(r'<div class="explorer-run" id="run-([\w-]+)" data-run="(\w+)"[^>]*?( hidden)? markdown>(.*?)</div>',
                             text, re.S):
        anchor, key, hidden, body = match.groups()
        assert anchor == key.replace("_", "-")
        figure = re.search(r'\{% figure "explorer_runs.py" (\d+) alt="\{% value "explorer_runs.py" figure_alt\.(\w+) %\}" %\}', body)
        held = re.search(r'<noscript class="explorer-figure" markdown>\s*\{% figure', body) is not None
        code = re.search(r"```python\n(.*?)\n```", body, re.S).group(1)
        assert figure.group(2) == key and f"summaries.{key} %}}" in body
        found.append((key, bool(hidden), int(figure.group(1)), held, code))
    return found


def test_every_explorer_panel_shows_its_own_run_and_the_call_that_made_it(results):
    r = results(EXPLORER)
    found = panels(EXPLORER_PAGE.read_text(encoding="utf-8"))
    assert [p[0] for p in found] == explorer_keys(r)
    for key, _hidden, number, _held, code in found:
        f, d, s = re.fullmatch(r"(\w+)_d(\d+)_x(\d+)", key).groups()
        assert number == r["figure_number"][key]
        assert code == f'run = train_run(activation="{f}", depth={d}, weight_scale={s})'


def test_only_the_default_panel_loads_its_figure(results):
    found = panels(EXPLORER_PAGE.read_text(encoding="utf-8"))
    shown = [p for p in found if not p[1]]
    assert [p[0] for p in shown] == ["relu_d4_x1"] and not shown[0][3]
    assert all(held for _key, hidden, _n, held, _code in found if hidden)


def test_the_explorers_call_matches_the_snippets_function(results):
    """The panels' one line works with explorer_runs.py: train_run takes those keywords, and
    the snippet makes every run with exactly that call."""
    tree = ast.parse((ROOT / "snippets" / EXPLORER).read_text(encoding="utf-8"))
    function = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "train_run")
    assert [a.arg for a in function.args.args] == ["activation", "depth", "weight_scale", "seed"]
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "train_run"]
    assert len(calls) == 1 and not calls[0].args
    assert [k.arg for k in calls[0].keywords] == ["activation", "depth", "weight_scale"]


def test_explorer_summaries_say_what_each_run_did(results):
    r = results(EXPLORER)
    for key, run in r["runs"].items():
        text = r["summaries"][key]
        if run["overflowed_at"]:
            assert f"overflowed in epoch {run['overflowed_at']}" in text and "Training accuracy" not in text
            assert run["train_accuracy"] is None
        else:
            learned = run["loss_curve"][-1] < r["LEARNED"] * r["constant_loss"]
            assert (": learned." in text) == learned, key
            assert f"test accuracy {run['test_accuracy']:.3f}" in text
        assert r["figure_alt"][key].endswith(text)
