"""Annotation scheme v1: every label newsgold knows, defined once.

The guidelines, the Label Studio configs and the dataset's ``ClassLabel`` features are
generated from (or checked against) the constants here.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEME_VERSION = "1.0"


@dataclass(frozen=True)
class Label:
    """One label: its code (what is stored), a display name and a one-line definition."""

    code: str
    name: str
    definition: str


# ---------------------------------------------------------------- entities
ENTITY_TYPES: tuple[Label, ...] = (
    Label("PER", "Person", "A named person: 'Yvette Cooper', 'Baird', 'Sergey Brin'."),
    Label(
        "ORG",
        "Organization",
        "A named organization, agency, company, institution or news outlet: "
        "'Home Office', 'Environment Canada', 'Greek Orthodox Church', 'Sky News'.",
    ),
    Label(
        "GPE",
        "Geo-political entity",
        "A country, state, city or capital, including when it stands for its government "
        "(metonymy): 'UK', 'Afghanistan', 'Texas', 'Ottawa'.",
    ),
    Label(
        "LOC",
        "Location",
        "A named place that is not a political unit: 'Channel', 'Jamarat Bridge'.",
    ),
    Label(
        "NORP",
        "Nationality / group",
        "A nationality, religious or political group used as a name or adjective: "
        "'Afghan', 'Greeks', 'Muslim', 'New Democrat'.",
    ),
    Label(
        "DATE",
        "Date",
        "An absolute or relative calendar expression: 'Wednesday', 'September 2021', "
        "'two years ago', 'next month', '1999'.",
    ),
    Label(
        "EVENT",
        "Named event",
        "A named event: 'Taipei City Lantern Festival', 'Hajj', 'Prime Minister's Questions'.",
    ),
)
ENTITY_LABELS: tuple[str, ...] = tuple(label.code for label in ENTITY_TYPES)

# ---------------------------------------------------------------- events (CAMEO roots)
CAMEO_ROOTS: tuple[Label, ...] = (
    Label(
        "01",
        "Make public statement",
        "Comment, decline comment, make optimistic or pessimistic comment, acknowledge, deny.",
    ),
    Label("02", "Appeal", "Appeal for cooperation, aid, concessions, meeting or negotiation."),
    Label(
        "03",
        "Express intent to cooperate",
        "Express intent to meet, negotiate, settle, cooperate or yield.",
    ),
    Label(
        "04",
        "Consult",
        "Discuss by telephone or letter, make a visit, host a visit, meet, negotiate.",
    ),
    Label(
        "05",
        "Engage in diplomatic cooperation",
        "Praise or endorse, defend verbally, rally support, grant recognition, apologize, forgive, sign a formal agreement.",
    ),
    Label(
        "06",
        "Engage in material cooperation",
        "Cooperate economically, militarily, judicially; share intelligence.",
    ),
    Label("07", "Provide aid", "Provide economic, military, humanitarian aid; grant asylum."),
    Label(
        "08",
        "Yield",
        "Ease sanctions or restrictions, return or release, allow inspections, de-escalate, retreat.",
    ),
    Label(
        "09", "Investigate", "Investigate crime, corruption, human-rights abuses, military action."
    ),
    Label("10", "Demand", "Demand cooperation, aid, policy change, concessions, meeting."),
    Label(
        "11",
        "Disapprove",
        "Criticize or denounce, accuse, rally opposition, complain officially, bring a lawsuit.",
    ),
    Label("12", "Reject", "Reject a proposal, a request, a plan or negotiation; defy norms; veto."),
    Label("13", "Threaten", "Threaten non-force or force, give an ultimatum."),
    Label("14", "Protest", "Demonstrate, hunger strike, boycott, obstruct, riot."),
    Label(
        "15",
        "Exhibit force posture",
        "Increase alert status, mobilize or demonstrate forces (including weapons tests).",
    ),
    Label(
        "16",
        "Reduce relations",
        "Reduce or break relations, impose sanctions or embargoes, halt negotiations, expel.",
    ),
    Label(
        "17",
        "Coerce",
        "Seize or damage property, impose restrictions, arrest, deport, use repression.",
    ),
    Label("18", "Assault", "Abduct, physically assault, bomb, assassinate."),
    Label(
        "19",
        "Fight",
        "Impose a blockade, occupy territory, fight with small arms or artillery, aerial weapons.",
    ),
    Label(
        "20",
        "Use unconventional mass violence",
        "Mass expulsion or killings, ethnic cleansing, use weapons of mass destruction.",
    ),
)
EVENT_TYPES: tuple[str, ...] = tuple(label.code for label in CAMEO_ROOTS)

# QuadClass (as in GDELT): 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict.
QUAD_CLASSES: tuple[str, ...] = (
    "VERBAL_COOPERATION",
    "MATERIAL_COOPERATION",
    "VERBAL_CONFLICT",
    "MATERIAL_CONFLICT",
)


def quad_class(event_type: str) -> str:
    """Return the CAMEO QuadClass of a root code ('01'..'20').

    Example:
        >>> quad_class("04")
        'VERBAL_COOPERATION'
    """
    if event_type not in EVENT_TYPES:
        raise ValueError(
            f"unknown CAMEO root code {event_type!r}; expected one of {', '.join(EVENT_TYPES)}"
        )
    root = int(event_type)
    if root <= 5:
        return QUAD_CLASSES[0]
    if root <= 8:
        return QUAD_CLASSES[1]
    if root <= 13:
        return QUAD_CLASSES[2]
    return QUAD_CLASSES[3]


def cameo_label(code: str) -> str:
    """A CAMEO root code with its name, for display; any other code as it is.

    Example:
        >>> cameo_label("04")
        '04 Consult'
        >>> cameo_label("99")
        '99'
    """
    names = {label.code: label.name for label in CAMEO_ROOTS}
    return f"{code} {names[code]}" if code in names else code


REALIS: tuple[Label, ...] = (
    Label("ACTUAL", "Actual", "The event happened or is happening, as asserted by the text."),
    Label("GENERIC", "Generic", "A habitual or generic event, not one specific occurrence."),
    Label(
        "OTHER",
        "Other",
        "Planned, expected, demanded, hypothetical, conditional or negated events.",
    ),
)
REALIS_LABELS: tuple[str, ...] = tuple(label.code for label in REALIS)

ARGUMENT_ROLES: tuple[Label, ...] = (
    Label("SOURCE", "Source", "The actor who acts (CAMEO source actor)."),
    Label("TARGET", "Target", "The actor acted upon (CAMEO target actor)."),
    Label("TIME", "Time", "When the event takes place (a DATE mention)."),
    Label("PLACE", "Place", "Where the event takes place (a GPE or LOC mention)."),
)
ROLE_LABELS: tuple[str, ...] = tuple(label.code for label in ARGUMENT_ROLES)

# Which entity types may fill which role. An argument whose entity type is not allowed
# for its role is rejected by validation.
ROLE_ENTITY_TYPES: dict[str, frozenset[str]] = {
    "SOURCE": frozenset({"PER", "ORG", "GPE", "NORP"}),
    "TARGET": frozenset({"PER", "ORG", "GPE", "NORP"}),
    "TIME": frozenset({"DATE", "EVENT"}),
    "PLACE": frozenset({"GPE", "LOC"}),
}

# ---------------------------------------------------------------- stance
STANCE_LABELS_DEF: tuple[Label, ...] = (
    Label("FAVOR", "Favor", "The holder supports the target or argues for it."),
    Label("AGAINST", "Against", "The holder opposes the target or argues against it."),
    Label("NONE", "None", "Neither, or the stance cannot be inferred (SemEval-2016 Task 6)."),
)
STANCE_LABELS: tuple[str, ...] = tuple(label.code for label in STANCE_LABELS_DEF)

# A stance holder is an entity mention, or the article's author (holder = None).
AUTHOR_HOLDER = "AUTHOR"
