"""The installed version of Clearpage, as /healthz and the OpenAPI document report it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("clearpage")
except PackageNotFoundError:  # a source tree that was never installed
    __version__ = "0.0.0+source"
