"""Contains all the data models used in inputs/outputs"""

from .empty import Empty
from .error import Error
from .error_type import ErrorType
from .session import Session
from .user import User

__all__ = (
    "Empty",
    "Error",
    "ErrorType",
    "Session",
    "User",
)
