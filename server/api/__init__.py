"""The HTTP API: one blueprint per module; they translate HTTP to pipeline calls and back."""

from server.api import extract, health, metrics

BLUEPRINTS = (health.bp, extract.bp, metrics.bp)
# Monitors and orchestrators poll these: a key or a rate limit would only make a healthy server
# look down. /metrics needs the API key when keys are set (a count of requests is still usage).
OPEN_BLUEPRINTS = (health.bp,)
UNLIMITED_BLUEPRINTS = (health.bp, metrics.bp)
