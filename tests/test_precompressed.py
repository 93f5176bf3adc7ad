"""Which Accept-Encoding headers get the once-compressed vendor files."""

import pytest

from app.precompressed import accepts_gzip


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.5", True), ("*", True),
     ("identity", False), ("", False), ("gzip;q=0", False), ("gzip;q=abc", False)],
)  # fmt: skip
def test_accept_encoding(header: str, accepted: bool) -> None:
    assert accepts_gzip(header) is accepted
