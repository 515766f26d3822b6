"""A message for the page about one URL parameter that was not taken as given."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    param: str
    message: str
