"""Reading settings: the panel and the keys change them, they persist across reloads and reach
every reader tab, and "system" follows the browser's colour scheme."""

from __future__ import annotations

from tests.e2e.browser import READING_DEFAULTS, wait_for_reader

DARK = "rgb(28, 27, 34)"
SEPIA = "rgb(244, 236, 216)"
LIGHT = "rgb(253, 253, 252)"


def background(page) -> str:
    return page.evaluate("() => getComputedStyle(document.documentElement).backgroundColor")


def article_style(page, prop: str) -> str:
    return page.evaluate(f"() => getComputedStyle(document.querySelector('main > .article'))['{prop}']")


def open_article(browser, site, clearpage):
    browser.configure(clearpage.url)
    return browser.open_in_reader(browser.open(f"{site}/pages/night-trains.html"))


def test_settings_from_the_panel_and_keys_persist_across_a_reload(browser, site, clearpage):
    reader = open_article(browser, site, clearpage)
    assert article_style(reader, "fontSize") == "20px"
    reader.keyboard.press("+")
    reader.keyboard.press("+")
    reader.keyboard.press("-")
    reader.keyboard.press("+")
    assert article_style(reader, "fontSize") == "24px"

    reader.click("#settings-toggle")
    panel = reader.locator("#settings-panel")
    assert panel.is_visible()
    panel.locator("label[data-value=dark]").click()
    panel.locator("label[data-value=sans]").click()
    panel.locator("input[name=lineWidth]").fill("50")
    panel.locator("input[name=lineHeight]").fill("1.9")
    assert background(reader) == DARK
    stored = {"theme": "dark", "font": "sans", "fontSize": 24, "lineWidth": 50, "lineHeight": 1.9, "keyPoints": True}
    browser.wait_for_stored_reading(stored)

    reader.reload()
    wait_for_reader(reader)  # shown again from the session, without asking the server
    assert background(reader) == DARK
    assert article_style(reader, "fontSize") == "24px"
    assert "DejaVu Sans" in article_style(reader, "fontFamily") or "sans-serif" in article_style(reader, "fontFamily")
    assert article_style(reader, "lineHeight") == f"{24 * 1.9:g}px"
    assert reader.evaluate("() => document.documentElement.style.getPropertyValue('--line-width')") == "50ch"
    assert browser.stored_reading() == stored
    reader.click("#settings-toggle")
    assert reader.locator("#settings-panel input[name=theme][value=dark]").is_checked()
    assert reader.locator("#settings-panel input[name=fontSize]").input_value() == "24"


def test_font_size_keys_stop_at_the_ends_of_the_range(browser, site, clearpage):
    reader = open_article(browser, site, clearpage)
    for _ in range(12):
        reader.keyboard.press("+")
    assert article_style(reader, "fontSize") == "32px"
    for _ in range(12):
        reader.keyboard.press("-")
    assert article_style(reader, "fontSize") == "14px"


def test_a_change_in_the_options_reaches_an_open_reader_at_once(browser, site, clearpage):
    reader = open_article(browser, site, clearpage)
    assert background(reader) == LIGHT  # "system", in a light browser
    options = browser.options_page()
    options.locator("label[data-value=sepia]").click()
    browser.wait_for_stored_reading({**READING_DEFAULTS, "theme": "sepia"})
    reader.wait_for_function("document.documentElement.dataset.theme === 'sepia'", timeout=5000)
    assert options.console_messages() == []
    assert background(reader) == SEPIA


def test_the_system_theme_follows_the_browser(browser, site, clearpage):
    reader = open_article(browser, site, clearpage)
    assert background(reader) == LIGHT
    reader.emulate_media(color_scheme="dark")
    assert background(reader) == DARK
    reader.emulate_media(color_scheme="light")
    assert background(reader) == LIGHT


def test_broken_stored_settings_fall_back_to_the_defaults(browser, site, clearpage):
    browser.set_reading(theme="neon", fontSize="huge", lineHeight=None)
    reader = open_article(browser, site, clearpage)
    assert reader.evaluate("() => document.documentElement.dataset.theme") == "system"
    assert article_style(reader, "fontSize") == "20px"
