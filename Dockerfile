# Clearpage: the API under gunicorn, as `clearpage serve` runs it (docs/deploy.md).
# The install and start commands are the ones scripts/serve runs; tests/test_docker.py checks that.

FROM python:3.11-slim AS build
WORKDIR /src
RUN python -m venv /opt/clearpage
# Only what the package needs to install: no tests, docs, benchmarks or corpus (.dockerignore).
COPY pyproject.toml README.md ./
COPY server ./server
RUN /opt/clearpage/bin/python -m pip install --no-cache-dir --upgrade pip \
 && /opt/clearpage/bin/python -m pip install --no-cache-dir .

FROM python:3.11-slim
COPY --from=build /opt/clearpage /opt/clearpage
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin clearpage \
 && mkdir /data && chown clearpage /data
USER clearpage
# The reading list's SQLite database (and any other state) lives in /data: mount a volume there.
ENV PATH=/opt/clearpage/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CLEARPAGE_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8080/healthz', timeout=4)"]
# exec form: gunicorn's master is PID 1 and gets `docker stop`'s SIGTERM itself (a graceful stop).
CMD ["clearpage", "serve", "--host", "0.0.0.0", "--port", "8080"]
