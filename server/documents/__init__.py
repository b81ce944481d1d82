"""Open documents: one immutable Snapshot per version, and the store that drops everything on close."""

from .snapshot import Snapshot
from .store import DocumentState, DocumentStore

__all__ = ["DocumentState", "DocumentStore", "Snapshot"]
