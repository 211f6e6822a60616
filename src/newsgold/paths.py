"""Where a newsgold project keeps things, relative to its root folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ProjectPaths:
    """The standard layout of a newsgold project rooted at ``root``."""

    root: Path = Path(".")

    @property
    def seeds(self) -> Path:  # source files exactly as received
        return self.root / "seeds"

    @property
    def corpus(self) -> Path:  # normalized documents (documents.jsonl)
        return self.root / "corpus"

    @property
    def annotations(self) -> Path:  # guidelines, configs, passes, gold, adjudication log
        return self.root / "annotations"

    @property
    def stance_targets(self) -> Path:
        return self.annotations / "stance_targets.json"

    @property
    def labelstudio_configs(self) -> Path:  # generated labeling configs, one per layer
        return self.annotations / "labelstudio"

    @property
    def passes(self) -> Path:  # annotations/passes/<pass>/<layer>.json (Label Studio exports)
        return self.annotations / "passes"

    @property
    def gold(self) -> Path:  # annotations/gold/<layer>.json (adjudicated export)
        return self.annotations / "gold"

    @property
    def evaluate(self) -> Path:  # predictions, scores, leaderboard, report
        return self.root / "evaluate"

    @property
    def build(self) -> Path:  # generated, not committed
        return self.root / "build"

    @property
    def dataset(self) -> Path:  # the built Hugging Face dataset
        return self.build / "dataset"
