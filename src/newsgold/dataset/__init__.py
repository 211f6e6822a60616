"""Dataset stage: the adjudicated gold as a Hugging Face dataset (Parquet + dataset card).

Public API:
    build_dataset(records, out_dir) -> BuildResult   write the dataset (validates first)
    read_dataset(dataset_dir) -> Iterator[GoldDocument] read it back, without loss
    read_sentence_layers(dataset_dir)                  layers rebuilt from sentence configs
    load_split_policy(path=None) -> SplitPolicy        split declaration (newsgold.corpus.splits)
    config_features(config) -> datasets.Features       features of one config
    validate = newsgold.validation.validate_annotations
"""

from newsgold.corpus.splits import SplitPolicy, load_split_policy
from newsgold.dataset.build import BuildResult, DataFile, build_dataset
from newsgold.dataset.card import render_card
from newsgold.dataset.card_inputs import CardInputs
from newsgold.dataset.features import CONFIG_NAMES, NER_TAGS, config_features
from newsgold.dataset.read import read_dataset, read_sentence_layers
from newsgold.dataset.rows import stance_label_of
from newsgold.records import GoldDocument
from newsgold.validation import validate_annotations as validate

__all__ = [
    "CONFIG_NAMES",
    "NER_TAGS",
    "BuildResult",
    "CardInputs",
    "DataFile",
    "GoldDocument",
    "SplitPolicy",
    "build_dataset",
    "config_features",
    "load_split_policy",
    "read_dataset",
    "read_sentence_layers",
    "render_card",
    "stance_label_of",
    "validate",
]
