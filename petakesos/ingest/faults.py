"""A full disk during an import, said plainly: DuckDB and the OS report it as an IO error in English
("No space left on device", errno ENOSPC; "File too large", EFBIG, under a file-size limit); the user
reads "Ruang disk penuh" with what to do. The import itself is one transaction, so nothing is lost."""

from __future__ import annotations

import errno

_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
_TEXTS = ("no space left on device", "file too large", "disk quota exceeded")


class DiskFull(OSError):
    """The disk of the store filled up during an import; the import was rolled back."""


def is_disk_full(exc: BaseException) -> bool:
    """True for the OS's and DuckDB's ways of saying that a write did not fit."""
    if isinstance(exc, OSError) and exc.errno in _ERRNOS:
        return True
    return any(text in str(exc).lower() for text in _TEXTS)


def disk_full(exc: BaseException, where: object) -> DiskFull | None:
    """The Indonesian error to raise instead of `exc` when it means a full disk at `where`, else None."""
    if not is_disk_full(exc):
        return None
    return DiskFull(
        errno.ENOSPC,
        f"Ruang disk penuh di {where}: impor dibatalkan, data yang sudah ada tidak berubah. "
        "Kosongkan ruang disk (atau pindahkan penyimpanan ke disk yang lebih besar), lalu ulangi impor yang sama.",
    )
