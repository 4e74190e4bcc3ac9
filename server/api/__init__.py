"""The HTTP API: one blueprint per module; they translate HTTP to pipeline or storage calls and back."""

from server.api import articles, extract, feed, health, me, metrics

BLUEPRINTS = (health.bp, extract.bp, articles.bp, me.bp, feed.bp, metrics.bp)
# Monitors and orchestrators poll health: a key or a rate limit would only make a healthy server
# look down. The feed checks its own token (a feed reader sends no Authorization header).
# /metrics needs the API key when keys are set (a count of requests is still usage).
OPEN_BLUEPRINTS = (health.bp, feed.bp)
UNLIMITED_BLUEPRINTS = (health.bp, metrics.bp)
