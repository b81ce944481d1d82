"""Train the knowledge base's re-ranker (kb/rerank.py) on hand-written question sets, and measure it.

Each question's candidates come from the real search over the real index (kb/query.candidates); a candidate is
right when it is one of the question's targets (a dotted suffix of its symbol or an alias, as the answers benchmark
judges). The model is linear over kb/rerank.FEATURES, fitted with a pairwise logistic loss (every right candidate
over every wrong one of the same question; a listwise softmax loss is the other choice, no better in leave-one-
set-out figures) and an L2 penalty, by full-batch gradient descent: seconds on a CPU.

Training questions: hand-written sets 1-15 (sets 1-4 until the answers' eleventh round, whose refit on 1-12 raised
the full retrieval's hit@3 on set 13 from 15 to 18 and kept set 14's 23; 1-15 since the twelfth, which took set
16's from 23 to 24), and weakly labelled ones read from PsychoPy's coder demos (a comment in plain words and the
API its code line uses: demo_comments()). Set 16 is never fitted on.

Printed and written to training/runs/<run>.{txt,json}: leave-one-set-out figures over the training sets (each set
scored by a model fitted on the others), a model fitted on the demo comments alone (every hand-written set held
out from it), then the model fitted on all of them, scored on the evaluation sets it never saw; every figure
beside the search's own order (no re-ranker) in the same process: hit@1, hit@3, and how many extractive answers
(what `psychopy.ask` leads with) are correct (training/judges).

    .venv/bin/python -m psychopy_lsp.training.rerank                       # sets 1-15 -> kb/rerank_weights.json
    .venv/bin/python -m psychopy_lsp.training.rerank --l2 0.1 --write false  # measure only
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .args import parse_args
from .judges import cites_target, matches, rank_of, states

QUESTIONS = Path(__file__).resolve().parents[1] / "benchmarks" / "heldout" / "questions"
TRAIN = ",".join(["questions.json"] + [f"questions-{n}.json" for n in range(2, 16)])
EVAL = "questions-16.json"


@dataclass
class RerankArgs:
    """Fit the re-ranker on question sets and measure it on others."""

    train: str = field(default=TRAIN, metadata={"help": "comma-separated question sets to fit on"})
    eval: str = field(default=EVAL, metadata={"help": "comma-separated question sets never fitted on"})
    demos: bool = field(default=True, metadata={"help": "also fit on comments of PsychoPy's coder demos"})
    l2: float = field(default=0.03, metadata={"help": "L2 penalty on the standardised coefficients"})
    loss: str = field(default="pairwise", metadata={"help": "pairwise (RankNet) or listwise (softmax over a pool)"})
    steps: int = field(default=1000, metadata={"help": "gradient steps"})
    lr: float = field(default=0.05, metadata={"help": "learning rate (Adam)"})
    write: bool = field(default=True, metadata={"help": "write the weights to kb/rerank_weights.json"})
    run: str = field(default="rerank-7", metadata={"help": "name of the figures in training/runs/"})


@dataclass
class Example:
    question: str
    targets: list[str]
    pool: list  # kb.rerank.Candidate
    first: int  # the search's own first entry in the pool (kb/query.pool)
    rows: np.ndarray  # features, one row per candidate
    right: np.ndarray  # bool per candidate
    baseline: int | None  # rank of the first right entry in the search's own top 3 (find without weights)
    facts: list = field(default_factory=list)  # the question's key facts (training/judges.states)
    baseline_records: list = field(default_factory=list)  # the search's own top 3


def demo_comments(kb, index) -> list[dict]:
    """Weakly labelled questions from PsychoPy's own coder demos: a comment in plain words ("vert scroll adjusts
    radius") and what the code line it describes uses, resolved by the server's resolver (Mouse.getWheelRel). The
    most specific names are the targets: members over their classes, and the window only when nothing else is
    named (it is every stimulus's first argument). People's words about the API, not the records' own."""
    import io
    import tokenize

    from ..kb.locate import find_psychopy
    from ..server.analysis.resolver import Analysis

    demos = find_psychopy().path / "demos" / "coder"
    out = []
    for path in sorted(demos.rglob("*.py")):
        source = path.read_text(encoding="utf-8", errors="replace")
        lines = source.splitlines()
        try:
            analysis = Analysis(source, index)
            tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
        except (SyntaxError, tokenize.TokenError, ValueError):
            continue
        for tok in tokens:
            if tok.type != tokenize.COMMENT:
                continue
            text = tok.string.lstrip("#").strip()
            if len(text.split()) < 4 or re.search(r"[=()\[\]]|^example|^-+", text, re.I) or _is_code(text):
                continue
            line = tok.start[0]
            if not lines[line - 1][: tok.start[1]].strip():  # a comment on its own line describes the next code
                line += 1
                while line <= len(lines) and (not lines[line - 1].strip() or lines[line - 1].lstrip().startswith("#")):
                    line += 1
            used = {value.symbol for _node, value in analysis.values_on_lines(line, line, calls=True)
                    if value.symbol.startswith("psychopy.") and value.kind not in ("module", "external")}
            members = {s for s in used if s.rsplit(".", 1)[0] in used}
            targets = members or (used - {WINDOW} if used - {WINDOW} else used)
            if targets:
                out.append({"q": text, "targets": sorted(targets), "source": f"{path.relative_to(demos)}:{line}"})
    return out


WINDOW = "psychopy.visual.window.Window"


def _is_code(text: str) -> bool:
    """Commented-out code ("if not bitsBox.OK:", "win.flip()") is not a person's words."""
    import ast

    for attempt in (text, text + " pass"):
        try:
            ast.parse(attempt)
            return True
        except SyntaxError:
            continue
    return False


def examples(kb, path: Path | None = None, questions: list[dict] | None = None) -> list[Example]:
    from ..kb.query import find, normalise, pool, queries
    from ..kb.rerank import features

    out = []
    for q in questions if questions is not None else json.loads(path.read_text())["questions"]:
        cands, first = pool(kb, q["q"])
        text = normalise(q["q"])
        rows = features(" ".join(queries(text)), cands, kb.embedder.encode(queries(text)),
                        kb.vectors([c.record for c in cands]))
        right = np.array([any(matches(c.record.symbol, c.record.aliases, t) for t in q["targets"]) for c in cands])
        plain = find(kb, q["q"], weights=None)
        out.append(Example(q["q"], q["targets"], cands, first, rows, right, rank_of(plain, q["targets"]),
                           q.get("facts", []), plain))
    return out


def fit(train: list[Example], l2: float, steps: int, lr: float, loss: str = "pairwise"):
    """A linear scorer on the standardised features, by Adam. `listwise`: each question's softmax over its pool
    puts its mass on the right entries (-log of their share): the first place is what counts (the extractive
    answer quotes the first record). `pairwise`: RankNet, every right entry over every wrong one."""
    from ..kb.rerank import Weights

    all_rows = np.concatenate([ex.rows for ex in train])
    mean, scale = all_rows.mean(0), all_rows.std(0)
    scale[scale < 1e-9] = 1.0
    usable = [ex for ex in train if ex.right.any() and not ex.right.all()]
    zs = [(ex.rows - mean) / scale for ex in usable]
    coef = np.zeros(all_rows.shape[1])
    m, v = np.zeros_like(coef), np.zeros_like(coef)
    for t in range(1, steps + 1):
        grad = 2 * l2 * coef
        for z, ex in zip(zs, usable):  # every question weighs the same
            s = z @ coef
            if loss == "pairwise":
                d = z[ex.right][:, None, :] - z[~ex.right][None, :, :]
                margin = (s[ex.right][:, None] - s[~ex.right][None, :])
                grad -= (d * (1.0 / (1.0 + np.exp(margin)))[..., None]).mean((0, 1)) / len(usable)
            else:
                p = np.exp(s - s.max())
                p /= p.sum()
                q = np.where(ex.right, p, 0.0)
                q /= q.sum()
                grad += (p - q) @ z / len(usable)
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        coef -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return Weights(mean, scale, coef)


def reranked(ex: Example, weights) -> list:
    from ..kb.query import diverse, learned_order
    from ..kb.rerank import score

    return diverse(learned_order(ex.pool, score(weights, ex.rows), ex.first))[:3]


def reranked_rank(ex: Example, weights) -> int | None:
    return rank_of(reranked(ex, weights), ex.targets)


def answered(ex: Example, records: list) -> bool:
    """Whether the extractive answer over these records (what `psychopy.ask` leads with) is correct: it states
    the key facts and cites a record that answers the question (the answers benchmark's judgement)."""
    from ..server.model.answers import extractive

    result = extractive(ex.question, records)
    return states(result.answer, ex.facts) and cites_target(result.answer, result.sources, records, ex.targets)


def hits(ranks: list[int | None]) -> tuple[int, int]:
    return sum(1 for r in ranks if r == 1), sum(1 for r in ranks if r and r <= 3)


def main(argv: list[str] | None = None) -> int:
    from tqdm import tqdm

    from ..kb.locate import find_psychopy
    from ..kb.rerank import FEATURES, RERANK_WEIGHTS
    from ..kb.store import open_or_build

    args = parse_args(RerankArgs, argv)
    kb = open_or_build(find_psychopy())
    train_names = [n for n in args.train.split(",") if n]
    eval_names = [n for n in args.eval.split(",") if n]
    sets = {name: examples(kb, QUESTIONS / name) for name in tqdm(
        [*train_names, *eval_names], desc="question sets -> candidates", file=sys.stderr)}
    weak = examples(kb, questions=demo_comments(kb, kb.index)) if args.demos else []
    lines, figures = [], {"args": vars(args), "demo_questions": len(weak), "cross_validation": {}, "held_out": {}}

    def row(label: str, exs: list[Example], weights) -> dict:
        base, new = hits([ex.baseline for ex in exs]), hits([reranked_rank(ex, weights) for ex in exs])
        said = sum(answered(ex, ex.baseline_records) for ex in exs), sum(answered(ex, reranked(ex, weights))
                                                                          for ex in exs)
        pool = sum(1 for ex in exs if ex.right.any())
        n = len(exs)
        lines.append(f"{label:18} {n:3}  search hit@1 {base[0]:3} hit@3 {base[1]:3} answers {said[0]:3}  ->  "
                     f"re-ranked hit@1 {new[0]:3} hit@3 {new[1]:3} answers {said[1]:3}   (right entry in pool: {pool})")
        return {"questions": n, "search": {"hit@1": base[0], "hit@3": base[1], "extractive_correct": said[0]},
                "reranked": {"hit@1": new[0], "hit@3": new[1], "extractive_correct": said[1]}, "in_pool": pool}

    lines.append(f"leave one set out (fitted on the other training sets and {len(weak)} demo comments):")
    for name in train_names:
        rest = [ex for other in train_names if other != name for ex in sets[other]] + weak
        figures["cross_validation"][name] = row(name, sets[name], fit(rest, args.l2, args.steps, args.lr, args.loss))
    if weak:
        # no hand-written question at all: every set is held out from this model
        lines.append("fitted on the demo comments alone, scored on every hand-written set:")
        alone = fit(weak, args.l2, args.steps, args.lr, args.loss)
        figures["demos_alone"] = {name: row(name, sets[name], alone) for name in [*train_names, *eval_names]}
    weights = fit([ex for name in train_names for ex in sets[name]] + weak, args.l2, args.steps, args.lr, args.loss)
    lines.append("fitted on all training sets, scored on sets never fitted on:")
    for name in eval_names:
        figures["held_out"][name] = row(name, sets[name], weights)
    lines.append("coefficients (standardised features): " + ", ".join(
        f"{f} {c:+.2f}" for f, c in sorted(zip(FEATURES, weights.coef), key=lambda p: -abs(p[1]))))
    text = "\n".join(lines)
    print(text)
    runs = Path(__file__).resolve().parent / "runs"
    (runs / f"{args.run}.txt").write_text(text + "\n")
    figures["weights"] = weights.to_dict()
    (runs / f"{args.run}.json").write_text(json.dumps(figures, indent=1) + "\n")
    if args.write:
        RERANK_WEIGHTS.write_text(json.dumps(weights.to_dict(), indent=1) + "\n")
        print(f"wrote {RERANK_WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
