"""What a document's names refer to (the resolver) and where things are in it (positions)."""

from .positions import LineIndex
from .resolver import Analysis, ApiIndex, Value

__all__ = ["Analysis", "ApiIndex", "LineIndex", "Value"]
