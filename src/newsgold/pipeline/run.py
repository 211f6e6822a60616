"""``newsgold run``: the whole pipeline on a project's data (what `make run` calls).

corpus -> Label Studio task files -> gold validation -> dataset build -> predictions of
every baseline -> scores -> leaderboard and report. Each stage echoes where its output is.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsgold.corpus import build_corpus
from newsgold.dataset.build import build_project_dataset
from newsgold.errors import ValidationError
from newsgold.gold import load_gold
from newsgold.io.gold import load_gold as load_dataset_gold
from newsgold.labelstudio.config import write_labeling_configs
from newsgold.paths import ProjectPaths
from newsgold.pipeline.evaluation import evaluate_systems
from newsgold.pipeline.project import task_summary_lines, write_labelstudio_tasks
from newsgold.report.models_doc import update_models_doc


@contextmanager
def _working_directory(root: Path) -> Iterator[None]:
    # Outputs record relative paths, so run from the project root: the files are then the
    # same on every machine and equal to what `newsgold score` prints when run by hand there.
    previous = Path.cwd()
    os.chdir(root)
    try:
        yield
    finally:
        os.chdir(previous)


def run_pipeline(root: Path, *, echo: Callable[[str], None] = print, progress: bool = True) -> None:
    """Run every stage on the project in ``root``, echoing one block of lines per stage."""
    with _working_directory(root):
        paths = ProjectPaths(Path("."))
        echo("[1/6] corpus: normalizing seeds/")
        documents = build_corpus(paths.seeds, paths.corpus)
        echo(f"corpus    {paths.corpus / 'documents.jsonl'}: {len(documents)} document(s)")
        for doc in documents:
            echo(
                f"          {doc.id}  {len(doc.sentences)} sentences, {len(doc.tokens)} tokens, "
                f"{len(doc.excluded)} excluded region(s)"
            )

        echo("[2/6] Label Studio: labeling configs and task files")
        configs = write_labeling_configs(paths.labelstudio_configs)
        echo(f"configs   {', '.join(str(c) for c in configs)}")
        tasks_dir = paths.build / "labelstudio" / "tasks"
        for line in task_summary_lines(write_labelstudio_tasks(paths.root, tasks_dir), tasks_dir):
            echo(line)

        echo("[3/6] gold: validating annotations/gold/ (Label Studio exports)")
        try:
            gold = load_gold(paths.root)
        except ValidationError as exc:
            for problem in exc.problems:
                echo(f"          {problem}")
            raise
        for doc_id, record in gold.items():
            echo(
                f"gold      {doc_id}: {len(record.entities)} entities, {len(record.events)} "
                f"events, {len(record.stances)} stances — 0 problems"
            )

        echo("[4/6] dataset: building the Hugging Face dataset")
        result = build_project_dataset(paths.root)
        for line in result.summary_lines():
            echo(f"dataset   {line}")

        echo("[5/6] models: predictions, scores, leaderboard and report")
        outputs = evaluate_systems(
            load_dataset_gold(paths.dataset), out_dir="evaluate", progress=progress
        )
        for line in outputs.summary_lines():
            echo(line)
        models_doc = Path("docs") / "models.md"
        if models_doc.is_file():  # the project's own checkout: keep its figures current
            changed = update_models_doc(models_doc, "evaluate")
            echo(f"docs      {models_doc}: figures {'updated' if changed else 'already current'}")

    echo("[6/6] done. Where things are:")
    echo(f"  corpus       {root / 'corpus' / 'documents.jsonl'}")
    echo(f"  LS tasks     {root / 'build' / 'labelstudio' / 'tasks'}/<layer>.json")
    echo(f"  dataset      {root / 'build' / 'dataset'} (card: README.md)")
    echo(f"  leaderboard  {root / 'evaluate' / 'leaderboard.md'}")
    echo(f"  report       {root / 'evaluate' / 'report' / 'index.html'}")
    echo("Load the dataset (only `datasets` needed):")
    echo(
        f'  python -c "import datasets; print(datasets.load_dataset('
        f"'{root.resolve() / 'build' / 'dataset'}', 'entities'))\""
    )
    echo(f"Open the report: xdg-open {root / 'evaluate' / 'report' / 'index.html'}")
