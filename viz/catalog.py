"""The built-in scenarios, registered in the order the page lists them: the
notebook's four, then the student's own function."""

from viz import custom as _custom  # noqa: F401
from viz import scenarios as _scenarios  # noqa: F401
