"""Contains all the data models used in inputs/outputs"""

from .admin_application import AdminApplication
from .admin_application_in import AdminApplicationIn
from .admin_application_list import AdminApplicationList
from .admin_error import AdminError
from .admin_poller_token import AdminPollerToken
from .admin_poller_token_list import AdminPollerTokenList
from .admin_session import AdminSession
from .admin_session_in import AdminSessionIn
from .admin_session_in_api import AdminSessionInApi
from .admin_session_list import AdminSessionList
from .admin_sink import AdminSink
from .admin_sink_in import AdminSinkIn
from .admin_stream import AdminStream
from .admin_stream_in import AdminStreamIn
from .admin_stream_list import AdminStreamList
from .admin_token import AdminToken
from .admin_token_grants import AdminTokenGrants
from .admin_token_in import AdminTokenIn
from .admin_token_in_api import AdminTokenInApi
from .admin_token_in_kind import AdminTokenInKind
from .admin_token_list import AdminTokenList
from .admin_user import AdminUser
from .admin_user_in import AdminUserIn
from .admin_user_in_api import AdminUserInApi
from .admin_user_list import AdminUserList
from .api_slug import ApiSlug
from .clock import Clock
from .clock_advance_in import ClockAdvanceIn
from .fault import Fault
from .fault_in import FaultIn
from .fault_list import FaultList
from .health import Health
from .journal_entry import JournalEntry
from .journal_entry_list import JournalEntryList
from .journal_entry_request_headers import JournalEntryRequestHeaders
from .journal_truncation import JournalTruncation
from .status_ok import StatusOk

__all__ = (
    "AdminApplication",
    "AdminApplicationIn",
    "AdminApplicationList",
    "AdminError",
    "AdminPollerToken",
    "AdminPollerTokenList",
    "AdminSession",
    "AdminSessionIn",
    "AdminSessionInApi",
    "AdminSessionList",
    "AdminSink",
    "AdminSinkIn",
    "AdminStream",
    "AdminStreamIn",
    "AdminStreamList",
    "AdminToken",
    "AdminTokenGrants",
    "AdminTokenIn",
    "AdminTokenInApi",
    "AdminTokenInKind",
    "AdminTokenList",
    "AdminUser",
    "AdminUserIn",
    "AdminUserInApi",
    "AdminUserList",
    "ApiSlug",
    "Clock",
    "ClockAdvanceIn",
    "Fault",
    "FaultIn",
    "FaultList",
    "Health",
    "JournalEntry",
    "JournalEntryList",
    "JournalEntryRequestHeaders",
    "JournalTruncation",
    "StatusOk",
)
