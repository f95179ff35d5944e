"""Quota planning: share N new PSM slots over desa by need (engine), the priority order
they share (priority) and the words that explain each result (explain)."""

from petakesos.allocate.engine import *  # noqa: F403  (public API)
