"""The HTTP API: one blueprint per module; they translate HTTP to pipeline calls and back."""

from server.api import extract, health

BLUEPRINTS = (health.bp, extract.bp)
# Monitors poll these; a rate limit on them would only make a healthy server look down.
UNLIMITED_BLUEPRINTS = (health.bp,)
