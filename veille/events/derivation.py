"""How the coder read an event's source and target: a typed record beside the
explanation text (``Candidate.source_path`` / ``target_path``, rendered into ``rule``).

Rules that depend on how an argument was found test these values, never the wording
of an explanation: rewording an explanation changes no output.
"""
from __future__ import annotations

from enum import Enum


class Read(Enum):
    """How an argument of a candidate event was found."""

    NONE = "none"  # not found
    SUBJECT = "subject"  # the predicate's grammatical subject (the lexicon role ``subj``)
    ROLE = "role"  # another role the lexicon entry names (object, "de"/"of" complement, preposition...)
    INTENT_SUBJECT = "intent subject"  # the subject of the verb of intent the act is embedded under
    INTENT_LEFT = "intent left"  # the nearest actor left of the intent word
    ADJACENT = "adjacent"  # the actor right before the verb (a subject the parser misplaced)
    CONJUNCT_SUBJECT = "conjunct subject"  # the subject of the second of coordinated clauses
    POSSESSIVE = "possessive"  # a possessor, or the clause subject through it
    SUPPORT_VERB = "support verb"  # the subject of a support verb ("renewed negotiations")
    NEAREST_LEFT = "nearest left"  # the nearest actor on the left (fallback)
    NEAREST_RIGHT = "nearest right"  # the nearest actor on the right in the clause (fallback)
    CONTENT_SUBJECT = "content subject"  # the subject of the demanded or reported clause
    DOER = "doer"  # the doer of the act the predicate names ("accepted US mediation")
    PART_TARGET = "part target"  # the target of the act agreed to or named
    BETWEEN = "between"  # two actors around the predicate ("between X and Y", linear)
    STATEMENT_SUBJECT = "statement subject"  # the one who states an obligation
    OBLIGEE = "obligee"  # the one an obligation binds
    IMPLICIT = "implicit"  # an actor the text implies but does not name
