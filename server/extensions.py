"""Flask extensions, created unbound here and bound to the app in ``create_app``."""

from __future__ import annotations

from flask_cors import CORS
from flask_limiter import Limiter

from server.ratelimit import default_limit, is_preflight, rate_limit_key

# Limits count per API key, else per client address (server/ratelimit.py). Rate-limit headers are
# always sent: a client that is told when it may try again does not need to guess.
# flask-limiter keeps a few settings from the first app it is bound to in a process (among them
# RATELIMIT_SWALLOW_ERRORS); a served process builds its one app from one environment, so they are
# the deployment's. Tests of those settings run a real `clearpage serve` per case.
limiter = Limiter(key_func=rate_limit_key, default_limits=[default_limit], headers_enabled=True)
limiter.request_filter(is_preflight)

# Which origins may call the API from a browser: server/cors.py.
cors = CORS()
