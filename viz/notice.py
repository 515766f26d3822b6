"""A message for the page about one URL parameter that was not taken as given."""

from dataclasses import dataclass

PARAM_CHARS = 40


@dataclass(frozen=True)
class Notice:
    param: str
    message: str

    @property
    def text(self) -> str:
        """What the page shows, as plain text: the parameter's name (cut short: it came from the
        link too) and the message."""
        name = self.param if len(self.param) <= PARAM_CHARS else self.param[: PARAM_CHARS - 1] + "…"
        return f"{name}: {self.message}"
