"""The syntax layer under every stage: the parser's labels read through label
profiles (``labels.py``), so rules name grammatical roles, never one parser's labels."""
from veille.syntax.labels import Labels, labels_for

__all__ = ["Labels", "labels_for"]
