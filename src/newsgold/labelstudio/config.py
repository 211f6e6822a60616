"""Label Studio labeling configs, one per layer, generated from :mod:`newsgold.scheme`.

Three projects, three configs:

``entities``
    ``<Labels name="entity">`` with one label per entity type, plus an optional per-region
    ``<TextArea name="entity_key">`` for the entity key (a Wikidata QID, say).
``events``
    The gold entities as (pre-annotated) ``entity`` regions, ``<Labels name="trigger">``
    with one label per CAMEO root ("04 Consult"), a per-region ``<Choices name="realis">``
    and ``<Relations>`` whose labels are the argument roles (SOURCE, TARGET, TIME, PLACE),
    drawn from a trigger to an entity region.
``stance``
    The gold entities as ``entity`` regions, one ``<Labels name="evidence">`` label
    (``Evidence``), per-region ``<Choices name="target">`` (filled per task from
    ``data.targets``, the document's declared stance targets) and ``<Choices
    name="polarity">``, and a ``HOLDER`` relation from the evidence to the holder's
    entity region. An evidence region without a holder relation is the author's stance.

One evidence label with per-region target choices (rather than one label per target)
keeps the config the same for every document: targets differ per document, labels
would not.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

from newsgold.atomic import atomic_write_text
from newsgold.errors import InputError
from newsgold.scheme import (
    ARGUMENT_ROLES,
    CAMEO_ROOTS,
    ENTITY_TYPES,
    REALIS,
    STANCE_LABELS_DEF,
    Label,
)

LAYERS: tuple[str, ...] = ("entities", "events", "stance")

# Tag names shared by the configs, the task builder and the converter.
TEXT_NAME = "text"
ENTITY_CONTROL = "entity"
ENTITY_KEY_CONTROL = "entity_key"
TRIGGER_CONTROL = "trigger"
REALIS_CONTROL = "realis"
EVIDENCE_CONTROL = "evidence"
EVIDENCE_LABEL = "Evidence"
TARGET_CONTROL = "target"
POLARITY_CONTROL = "polarity"
HOLDER_RELATION = "HOLDER"

# Fixed colours keep the generated XML deterministic and the types easy to tell apart.
_PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)


def event_label_value(code: str) -> str:
    """The Label Studio label shown and exported for a CAMEO root code.

    Example:
        >>> event_label_value("04")
        '04 Consult'
    """
    for label in CAMEO_ROOTS:
        if label.code == code:
            return f"{label.code} {label.name}"
    raise InputError(f"unknown CAMEO root code {code!r}", field="type")


# Exported label value -> our code, per control.
EVENT_LABEL_CODES: dict[str, str] = {event_label_value(c.code): c.code for c in CAMEO_ROOTS}
ENTITY_LABEL_CODES: dict[str, str] = {label.code: label.code for label in ENTITY_TYPES}
REALIS_CODES: dict[str, str] = {label.code: label.code for label in REALIS}
POLARITY_CODES: dict[str, str] = {label.code: label.code for label in STANCE_LABELS_DEF}
ROLE_CODES: dict[str, str] = {label.code: label.code for label in ARGUMENT_ROLES}


def _check_layer(layer: str) -> None:
    if layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r}; expected one of {', '.join(LAYERS)}")


def _labels(name: str, labels: list[tuple[str, str]], *, first_colour: int = 0) -> list[str]:
    lines = [f'  <Labels name="{name}" toName="{TEXT_NAME}" showInline="true">']
    for index, (value, hint) in enumerate(labels):
        colour = _PALETTE[(first_colour + index) % len(_PALETTE)]
        lines.append(
            f"    <Label value={quoteattr(value)} background={quoteattr(colour)} "
            f"hint={quoteattr(hint)}/>"
        )
    lines.append("  </Labels>")
    return lines


def _entity_labels() -> list[str]:
    return _labels(
        ENTITY_CONTROL,
        [(label.code, f"{label.name}: {label.definition}") for label in ENTITY_TYPES],
    )


def _choices(name: str, header: str, when_tag: str, labels: tuple[Label, ...]) -> list[str]:
    lines = [
        f'  <View visibleWhen="region-selected" whenTagName="{when_tag}">',
        f'    <Header value={quoteattr(header)} size="6"/>',
        f'    <Choices name="{name}" toName="{TEXT_NAME}" perRegion="true" '
        'choice="single-radio" showInline="true">',
    ]
    for label in labels:
        lines.append(
            f"      <Choice value={quoteattr(label.code)} "
            f"hint={quoteattr(f'{label.name}: {label.definition}')}/>"
        )
    lines += ["    </Choices>", "  </View>"]
    return lines


def _text() -> list[str]:
    return [f'  <Text name="{TEXT_NAME}" value="$text" granularity="symbol"/>']


def labeling_config(layer: str) -> str:
    """Return the Label Studio labeling config (XML) of one layer.

    The output is deterministic: the same scheme gives byte-identical XML.

    Args:
        layer: ``entities``, ``events`` or ``stance``.

    Returns:
        The ``<View>`` XML, ending with a newline.

    Raises:
        InputError: ``layer`` is not one of :data:`LAYERS`.

    Example:
        >>> "<Labels name=\\"entity\\"" in labeling_config("entities")
        True
    """
    _check_layer(layer)
    lines = [
        "<View>",
        f"  <!-- newsgold {layer} layer; generated from newsgold.scheme by "
        "`newsgold labelstudio config`. Do not edit by hand. -->",
        '  <Header value="$header"/>',
    ]
    if layer == "entities":
        lines += _entity_labels()
        lines += _text()
        lines += [
            f'  <View visibleWhen="region-selected" whenTagName="{ENTITY_CONTROL}">',
            '    <Header value="Entity key (optional, e.g. a Wikidata QID)" size="6"/>',
            f'    <TextArea name="{ENTITY_KEY_CONTROL}" toName="{TEXT_NAME}" perRegion="true" '
            'editable="true" maxSubmissions="1" placeholder="Q12345"/>',
            "  </View>",
        ]
    elif layer == "events":
        lines += _entity_labels()
        lines += _labels(
            TRIGGER_CONTROL,
            [(event_label_value(label.code), label.definition) for label in CAMEO_ROOTS],
            first_colour=len(ENTITY_TYPES),
        )
        lines += _text()
        lines += _choices(REALIS_CONTROL, "Realis of the event", TRIGGER_CONTROL, REALIS)
        lines.append("  <Relations>")
        for role in ARGUMENT_ROLES:
            lines.append(f"    <Relation value={quoteattr(role.code)}/>")
        lines.append("  </Relations>")
    else:
        lines += _entity_labels()
        lines += _labels(
            EVIDENCE_CONTROL,
            [(EVIDENCE_LABEL, "The minimal span expressing a stance towards a target.")],
            first_colour=len(ENTITY_TYPES),
        )
        lines += _text()
        lines += [
            f'  <View visibleWhen="region-selected" whenTagName="{EVIDENCE_CONTROL}">',
            '    <Header value="Stance target" size="6"/>',
            f'    <Choices name="{TARGET_CONTROL}" toName="{TEXT_NAME}" perRegion="true" '
            'choice="single-radio" value="$targets"/>',
            "  </View>",
        ]
        lines += _choices(POLARITY_CONTROL, "Polarity", EVIDENCE_CONTROL, STANCE_LABELS_DEF)
        lines += [
            "  <Relations>",
            f"    <Relation value={quoteattr(HOLDER_RELATION)}/>",
            "  </Relations>",
        ]
    lines.append("</View>")
    return "\n".join(lines) + "\n"


def validate_labeling_config(config: str, *, source: str | Path | None = None) -> None:
    """Check a labeling config with label-studio-sdk's own validation.

    Args:
        config: the XML.
        source: where it came from, for the error message.

    Raises:
        InputError: the SDK rejects the config; the message is the SDK's.
    """
    from label_studio_sdk.label_interface import LabelInterface

    try:
        LabelInterface(config).validate()
    except Exception as exc:  # the SDK raises several unrelated types
        raise InputError(f"invalid Label Studio config: {exc}", path=source) from exc


def write_labeling_configs(directory: str | Path) -> list[Path]:
    """Write ``<layer>.xml`` for every layer into ``directory`` (atomically).

    Returns:
        The written paths, in :data:`LAYERS` order.
    """
    paths = []
    for layer in LAYERS:
        path = Path(directory) / f"{layer}.xml"
        atomic_write_text(path, labeling_config(layer))
        paths.append(path)
    return paths
