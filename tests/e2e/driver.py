"""The tests' small driver: one browser, Chromium or Firefox, run by puppeteer-core in a Node
process (tests/e2e/bridge/) and called here one JSON line at a time.

``Tab`` and ``Locator`` take the names and meanings of Playwright's sync API for the part the
tests use (a locator is a CSS selector, narrowed by text or position, that waits for its element
before it reads or acts), so a scenario reads the same in both browsers. Actions are real input
events: a click is the mouse's, a key is the keyboard's."""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import select
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BRIDGE = Path(__file__).resolve().parent / "bridge" / "bridge.mjs"
TIMEOUT_MS = 30_000  # Playwright's default for waits and actions


class DriverError(AssertionError):
    """The browser did not do what the test asked (an assertion failure, as Playwright's are)."""


class Bridge:
    """The Node process that runs the browser; ``call`` sends one request and returns its answer."""

    def __init__(self, browser: str, options: dict[str, Any], log: Path) -> None:
        self.log = log
        self._ids = itertools.count(1)
        self._log_file = log.open("w")
        self._process = subprocess.Popen(
            ["node", str(BRIDGE), browser, json.dumps(options)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            env={**os.environ, "HOME": os.environ.get("HOME") or "/root"},
            text=True,
            bufsize=1,
        )
        self.ready = self._read(timeout=120)["ready"]

    def _read(self, timeout: float) -> dict[str, Any]:
        assert self._process.stdout is not None
        readable, _, _ = select.select([self._process.stdout], [], [], timeout)
        line = self._process.stdout.readline() if readable else ""
        if not line:
            self._process.kill()
            self._process.wait()
            raise DriverError(f"the browser bridge stopped answering; its log: {self.log}\n{self.log_tail()}")
        return json.loads(line)

    def log_tail(self) -> str:
        self._log_file.flush()
        return "\n".join(self.log.read_text("utf-8", "replace").splitlines()[-30:])

    def call(self, method: str, **params: Any) -> Any:
        assert self._process.stdin is not None
        request_id = next(self._ids)
        self._process.stdin.write(json.dumps({"id": request_id, "method": method, "params": params}) + "\n")
        timeout = params.get("timeout", TIMEOUT_MS) / 1000 + 60
        answer = self._read(timeout)
        assert answer["id"] == request_id, answer
        if "error" in answer:
            raise DriverError(f"{method}: {answer['error']}")
        return answer["result"]

    def close(self) -> None:
        with contextlib.suppress(DriverError, OSError):
            self.call("close")
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for stream in (self._process.stdin, self._process.stdout, self._log_file):
            if stream is not None:
                with contextlib.suppress(OSError):  # a bridge that died leaves a broken pipe
                    stream.close()


@dataclass(frozen=True)
class Locator:
    """Elements of a tab found by a chain of steps: CSS, text they hold, position."""

    tab: Tab
    chain: tuple[dict[str, Any], ...]

    def _describe(self) -> str:
        parts = []
        for step in self.chain:
            if "css" in step:
                parts.append(step["css"])
            elif "hasText" in step:
                parts.append(f"(with text {step['hasText']!r})")
            else:
                parts.append(f"[{step['nth']}]")
        return " ".join(parts)

    def _step(self, **step: Any) -> Locator:
        return Locator(self.tab, (*self.chain, step))

    def locator(self, selector: str, has_text: str | None = None) -> Locator:
        found = self._step(css=selector)
        return found.filter(has_text=has_text) if has_text is not None else found

    def filter(self, has_text: str) -> Locator:
        return self._step(hasText=has_text)

    def nth(self, index: int) -> Locator:
        return self._step(nth=index)

    @property
    def first(self) -> Locator:
        return self.nth(0)

    @property
    def last(self) -> Locator:
        return self.nth(-1)

    def all(self) -> list[Locator]:
        return [self.nth(index) for index in range(self.count())]

    def _query(self, op: str, argument: Any = None, wait: bool = True, timeout: int = TIMEOUT_MS) -> Any:
        return self.tab.call(
            "query",
            chain=list(self.chain),
            op=op,
            argument=argument,
            timeout=timeout if wait else 0,
            describe=self._describe(),
        )

    def _act(self, action: str, value: Any = None, timeout: int = TIMEOUT_MS) -> Any:
        return self.tab.call(
            "act", chain=list(self.chain), action=action, value=value, timeout=timeout, describe=self._describe()
        )

    # What the element says; each waits for exactly one element to be there.
    def inner_text(self) -> str:
        return self._query("innerText")

    def get_attribute(self, name: str) -> str | None:
        return self._query("attribute", name)

    def input_value(self) -> str:
        return self._query("inputValue")

    def is_enabled(self) -> bool:
        return self._query("enabled")

    def is_disabled(self) -> bool:
        return not self._query("enabled")

    def is_checked(self) -> bool:
        return self._query("checked")

    def evaluate(self, script: str, argument: Any = None) -> Any:
        return self._act("evaluate", {"source": script, "argument": argument})

    # What is there now, without waiting.
    def count(self) -> int:
        return self._query("count", wait=False)

    def all_inner_texts(self) -> list[str]:
        return self._query("allInnerTexts", wait=False)

    def is_visible(self) -> bool:
        return self._query("visible", wait=False)

    def is_hidden(self) -> bool:
        return self._query("hidden", wait=False)

    def wait_for(self, state: str = "visible", timeout: int = TIMEOUT_MS) -> None:
        self.tab.call("waitFor", chain=list(self.chain), state=state, timeout=timeout, describe=self._describe())

    # Input, once the element is visible and enabled.
    def click(self) -> None:
        self._act("click")

    def hover(self) -> None:
        self._act("hover")

    def focus(self) -> None:
        self._act("focus")

    def fill(self, value: str) -> None:
        self._act("fill", value)

    def press(self, key: str) -> None:
        self._act("press", key)

    def check(self) -> None:
        self._act("check")

    def uncheck(self) -> None:
        self._act("uncheck")

    def select_option(self, value: str) -> None:
        self._act("select", value)


class Keyboard:
    def __init__(self, tab: Tab) -> None:
        self.tab = tab

    def press(self, key: str) -> None:
        """A key, or a combination such as "Control+V"."""
        self.tab.call("press", key=key)


class Mouse:
    def __init__(self, tab: Tab) -> None:
        self.tab = tab

    def move(self, x: float, y: float) -> None:
        self.tab.call("mouseMove", x=x, y=y)

    def wheel(self, delta_x: float, delta_y: float) -> None:
        self.tab.call("mouseWheel", deltaX=delta_x, deltaY=delta_y)


class Tab:
    """A page in a browser tab, as Playwright's Page: ``goto``, ``evaluate``, waits, input, and the
    element methods as shorthands for ``locator(selector)``."""

    def __init__(self, bridge: Bridge, number: int) -> None:
        self.bridge = bridge
        self.number = number
        self.keyboard = Keyboard(self)
        self.mouse = Mouse(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tab) and other.number == self.number

    def __hash__(self) -> int:
        return self.number

    def call(self, method: str, **params: Any) -> Any:
        return self.bridge.call(method, page=self.number, **params)

    @property
    def url(self) -> str:
        return self.call("url")

    def title(self) -> str:
        return self.call("title")

    def goto(self, url: str) -> None:
        self.call("goto", url=url)

    def reload(self) -> None:
        self.call("reload")

    def go_back(self) -> None:
        self.call("goBack")

    def go_forward(self) -> None:
        self.call("goForward")

    def close(self) -> None:
        self.call("closePage")

    def bring_to_front(self) -> None:
        self.call("bringToFront")

    def evaluate(self, script: str, argument: Any = None) -> Any:
        """Run ``script`` (a function's source, called with ``argument``, or an expression) in the page."""
        return self.call("evaluate", source=script, argument=argument)

    def wait_for_function(self, script: str, arg: Any = None, timeout: int = TIMEOUT_MS) -> Any:
        return self.call("waitForFunction", source=script, argument=arg, timeout=timeout)

    def wait_for_url(self, pattern: str, timeout: int = TIMEOUT_MS) -> None:
        """Wait for the tab to have loaded ``pattern`` (``*`` matches anything)."""
        self.call("waitForUrl", pattern=pattern, timeout=timeout)

    def wait_for_timeout(self, milliseconds: float) -> None:
        time.sleep(milliseconds / 1000)

    def wait_for_selector(self, selector: str, timeout: int = TIMEOUT_MS) -> None:
        """Wait for an element matching ``selector`` (a CSS selector list: any of them) to be visible."""
        self.locator(f":is({selector})").first.wait_for(timeout=timeout)

    def screenshot(self, path: str | None = None) -> bytes:
        image = base64.b64decode(self.call("screenshot"))
        if path is not None:
            Path(path).write_bytes(image)
        return image

    def set_viewport_size(self, size: dict[str, int]) -> None:
        self.call("setViewport", width=size["width"], height=size["height"])

    def emulate_media(self, color_scheme: str) -> None:
        self.call("emulateColorScheme", scheme=color_scheme)

    def console_messages(self) -> list[str]:
        """Every console message the page has logged since the tests first saw it."""
        return self.call("consoleMessages")

    def locator(self, selector: str, has_text: str | None = None) -> Locator:
        return Locator(self, ()).locator(selector, has_text=has_text)

    # Shorthands, as on Playwright's Page.
    def inner_text(self, selector: str) -> str:
        return self.locator(selector).inner_text()

    def get_attribute(self, selector: str, name: str) -> str | None:
        return self.locator(selector).get_attribute(name)

    def input_value(self, selector: str) -> str:
        return self.locator(selector).input_value()

    def click(self, selector: str) -> None:
        self.locator(selector).click()

    def fill(self, selector: str, value: str) -> None:
        self.locator(selector).fill(value)

    def focus(self, selector: str) -> None:
        self.locator(selector).focus()

    def press(self, selector: str, key: str) -> None:
        self.locator(selector).press(key)

    def check(self, selector: str) -> None:
        self.locator(selector).check()

    def uncheck(self, selector: str) -> None:
        self.locator(selector).uncheck()

    def select_option(self, selector: str, value: str) -> None:
        self.locator(selector).select_option(value)
