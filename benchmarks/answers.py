"""Answers from the docs, measured on questions people ask (benchmarks/heldout/questions/questions.json: written
by hand, phrased as students ask, never generated from the records, never trained on). Prints retrieval hit@1 and
hit@3 before and after, then answer correctness per system, then the median latency. Asserts nothing.

Retrieval:
- `before`: the knowledge base's plain hybrid search (what `psychopy.ask` used before issue 17); with
  `--before-kb DIR` on an index built by the previous extractor (the honest "before": no parameter entries),
  otherwise on the current index;
- `after`: server.model.answers.retrieve, what `psychopy.ask` uses now;
- with `--baseline no-rerank`, `before` is that same retrieval without the learned re-ranker (kb/rerank.py), and
  the system `extractive-before` is the extractive answer over those records: the re-ranker's effect, measured in
  the same process;
- with `--baseline no-adapter`, `before` is the whole retrieval with the plain question vector (no
  kb/query_adapter.py), and `extractive-before` quotes its records: the adapter's effect, same process.

Answers (correct = every key-fact group stated and a cited [n] record is one that answers the question):
- `extractive`: no model; the sentence composed from the best records (server.model.answers.extractive);
- `base`, `finetuned`: the model without the docs (the base Gemma 3 270M; with the shipped adapter): no record
  to cite, so only "facts" can be met;
- `finetuned+retrieval`: the model's raw answer over the retrieved records, unchecked;
- `system`: what `psychopy.ask` returns (the model's answer checked, a degenerate or ungrounded one replaced by
  the extractive answer).

    .venv/bin/python benchmarks/answers.py [--systems extractive,base,finetuned,finetuned+retrieval,system]
    .venv/bin/python benchmarks/answers.py --before-kb /tmp/kb-before --json training/runs/answers.json
    .venv/bin/python benchmarks/answers.py --baseline no-rerank --systems extractive-before,extractive,system \
        --questions benchmarks/heldout/questions/questions-7.json
    .venv/bin/python benchmarks/answers.py --baseline no-adapter --systems extractive-before,extractive \
        --questions benchmarks/heldout/questions/questions-9.json
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from psychopy_lsp.training.judges import cites_target, rank_of, states

QUESTIONS = Path(__file__).parent / "heldout" / "questions" / "questions.json"


def main() -> int:
    from tqdm import tqdm

    from psychopy_lsp.kb.locate import find_psychopy
    from psychopy_lsp.kb.store import KnowledgeBase, index_dir, open_or_build
    from psychopy_lsp.server.model.answers import answer, extractive, retrieve
    from psychopy_lsp.server.model.backends import make_backend
    from psychopy_lsp.server.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--systems", default="extractive,base,finetuned,finetuned+retrieval,system")
    parser.add_argument("--questions", default=str(QUESTIONS))
    parser.add_argument("--kb-dir", default="", help="knowledge base root (default: the user cache)")
    parser.add_argument("--before-kb", default="", help="root of an index built before this change")
    parser.add_argument("--baseline", choices=("search", "no-rerank", "no-adapter"), default="search",
                        help="'before' is the bare hybrid search, or the whole retrieval without the re-ranker "
                             "(then the system 'extractive-before' quotes its records)")
    parser.add_argument("--json", default="")
    args = parser.parse_args()
    if args.baseline == "search" and "extractive-before" in args.systems.split(","):
        parser.error("extractive-before needs --baseline no-rerank or no-adapter")
    systems = args.systems.split(",")
    questions = json.loads(Path(args.questions).read_text())["questions"]
    install = find_psychopy()
    kb = open_or_build(install, Path(args.kb_dir) if args.kb_dir else None)
    before_kb = kb
    if args.before_kb:
        # the store refuses an index of another extractor version by its folder name: link it under the current
        # name in a temporary root (read only; the old search code is the same KnowledgeBase.search)
        old = next(p for p in Path(args.before_kb).iterdir() if (p / "meta.json").exists())
        link = index_dir(Path(tempfile.mkdtemp(prefix="kb-before-")), kb.psychopy_version)
        link.symlink_to(old.resolve(), target_is_directory=True)
        before_kb = KnowledgeBase(link, embedder=kb.embedder)

    rows = []
    for q in tqdm(questions, desc="retrieval", file=sys.stderr):
        if args.baseline == "no-rerank":
            before = retrieve(kb, kb.index, q["q"], [], k=3, weights=None)
        elif args.baseline == "no-adapter":
            adapter, kb.query_adapter = kb.query_adapter, None
            before = retrieve(kb, kb.index, q["q"], [], k=3)
            kb.query_adapter = adapter
        else:
            before = [r for r, _ in before_kb.search(q["q"], k=3)]
        started = time.perf_counter()
        after = retrieve(kb, kb.index, q["q"], [], k=3)
        rows.append({"q": q["q"], "before": rank_of(before, q["targets"]), "after": rank_of(after, q["targets"]),
                     "retrieve_s": time.perf_counter() - started, "before_top": [r.symbol for r in before],
                     "after_top": [r.symbol for r in after], "records": after, "before_records": before,
                "answers": {}})

    backends = {}
    if "base" in systems:
        backends["base"] = make_backend(Settings(adapter_path="off"))
    if {"finetuned", "finetuned+retrieval", "system"} & set(systems):
        backends["finetuned"] = make_backend(Settings())
    for q, row in tqdm(list(zip(questions, rows)), desc="answers", file=sys.stderr):
        for system in systems:
            started = time.perf_counter()
            if system == "extractive":
                result = extractive(q["q"], row["records"])
            elif system == "extractive-before":
                result = extractive(q["q"], row["before_records"])
            elif system in ("base", "finetuned"):
                backends[system].reset()
                result = answer(q["q"], [], backends[system], grounded=False)
            else:
                backends["finetuned"].reset()
                result = answer(q["q"], row["records"], backends["finetuned"], grounded=system == "system",
                                index=kb.index)
            text = result.answer or ""
            # no records: nothing to cite
            given = ([] if system in ("base", "finetuned") else
                     row["before_records"] if system == "extractive-before" else row["records"])
            row["answers"][system] = {
                "text": text, "facts": states(text, q["facts"]),
                "cited": cites_target(text, result.sources, given, q["targets"]),
                "s": round(time.perf_counter() - started + (row["retrieve_s"] if system != "base" and
                                                             system != "finetuned" else 0), 2),
                "note": result.note}

    for q, row in zip(questions, rows):
        print(f"{row['q'][:70]:70} before {row['before'] or '-'!s:>2} after {row['after'] or '-'!s:>2}  "
              f"{' | '.join(row['after_top'])[:120]}")
        for system, a in row["answers"].items():
            verdict = "OK " if a["facts"] and a["cited"] else "facts" if a["facts"] else "-  "
            print(f"    {system:20} {verdict:5} {a['s']:5.1f} s  {a['text'][:110]!r}")
    n = len(rows)

    def hit(key, k):
        return sum(1 for r in rows if r[key] is not None and r[key] <= k)

    print(f"\n{'retrieval':12} {'hit@1':>12} {'hit@3':>12}   ({n} questions)")
    for key in ("before", "after"):
        print(f"{key:12} {hit(key, 1):>4}/{n} ({100 * hit(key, 1) / n:3.0f}%) {hit(key, 3):>4}/{n} "
              f"({100 * hit(key, 3) / n:3.0f}%)")
    print(f"\n{'system':20} {'facts stated':>16} {'right record cited':>20} {'correct':>16} {'median s':>9}")
    summary = {"questions": n, "retrieval": {k: {"hit@1": hit(k, 1), "hit@3": hit(k, 3)} for k in ("before", "after")},
               "answers": {}}
    for system in systems:
        facts = sum(r["answers"][system]["facts"] for r in rows)
        cited = sum(r["answers"][system]["cited"] for r in rows)
        correct = sum(r["answers"][system]["facts"] and r["answers"][system]["cited"] for r in rows)
        median = statistics.median(r["answers"][system]["s"] for r in rows)
        summary["answers"][system] = {"facts": facts, "cited": cited, "correct": correct, "median_s": median}
        print(f"{system:20} {facts:>6}/{n} ({100 * facts / n:3.0f}%) {cited:>8}/{n} ({100 * cited / n:3.0f}%) "
              f"{correct:>6}/{n} ({100 * correct / n:3.0f}%) {median:9.2f}")
    if args.json:
        for row in rows:
            row.pop("records")
            row.pop("before_records")
        Path(args.json).write_text(json.dumps({"summary": summary, "rows": rows}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
