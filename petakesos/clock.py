"""The calendar day as an Indonesian office reads it: WIB (Asia/Jakarta), whatever zone the server runs in.

A server on UTC would otherwise date everything between 17:00 and 24:00 UTC a day early, and the audit
page (which files entries by their WIB day) would miss what happened "today".
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

OFFICE_ZONE = ZoneInfo("Asia/Jakarta")


def utc_now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    return utc_now().astimezone(OFFICE_ZONE).date()
