// The reading-list page: the articles saved with the reader's token, newest first, a page at a
// time, with search and filters; each opens in reader view. Every failure is a sentence in the
// page. This module wires; list-item.js draws one article, list-query.js holds the filters.
import { applyReading } from "../shared/apply-reading.js";
import { ext } from "../shared/browser.js";
import { failureView } from "../shared/failure-view.js";
import { ABOUT, describeFailure } from "../shared/problems.js";
import { deleteArticle, listArticles, PER_PAGE, updateArticle } from "../shared/reading-list.js";
import { loadReading, loadServer, normalizeReading, originPattern, permissionFailure } from "../shared/settings.js";
import { listItem } from "./list-item.js";
import { apiQuery, DEFAULT_FILTERS, filtersSearch, lastPage, matchesFilters, narrowed, pageRange, readFilters } from "./list-query.js";

const OPTIONS_URL = ext.runtime.getURL("src/options/options.html");
const READER_URL = ext.runtime.getURL("src/reader/reader.html");

const form = document.getElementById("filters");
const statusLine = document.getElementById("list-status");
const articles = document.getElementById("articles");
const failureArea = document.getElementById("list-failure");
const pager = document.getElementById("pager");
const PAGE_TITLE = document.title; // a failure's headline replaces it until the list shows again
let server = null;
let filters = readFilters(location.search);
let loads = 0; // loads started: only the latest one's answer is shown

async function start() {
  applyReading(document, await loadReading());
  ext.storage.onChanged.addListener((changes, area) => {
    if (area === "sync" && changes.reading) applyReading(document, normalizeReading(changes.reading.newValue));
  });
  server = await loadServer();
  showFilters();
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    setFilters(readForm());
  });
  form.addEventListener("change", (event) => {
    if (event.target.type !== "search" && event.target.type !== "text") setFilters(readForm());
  });
  document.getElementById("newer").addEventListener("click", () => setFilters({ ...filters, page: filters.page - 1 }));
  document.getElementById("older").addEventListener("click", () => setFilters({ ...filters, page: filters.page + 1 }));
  await load();
}

function readForm() {
  const value = (name) => form.elements.namedItem(name);
  return {
    q: value("q").value.trim(),
    tag: value("tag").value.trim(),
    show: value("show").value,
    favourite: value("favourite").checked,
    page: 1,
  };
}

function showFilters() {
  const value = (name) => form.elements.namedItem(name);
  value("q").value = filters.q;
  value("tag").value = filters.tag;
  value("show").value = filters.show;
  value("favourite").checked = filters.favourite;
}

function setFilters(next, note = null) {
  filters = next;
  history.replaceState(null, "", `${location.pathname}${filtersSearch(filters)}`);
  showFilters();
  return load(note);
}

/** Fetch and draw the current page; `note` is a sentence about what just changed. */
async function load(note = null) {
  const asked = ++loads;
  articles.setAttribute("aria-busy", "true");
  const result = await listArticles(server, apiQuery(filters, PER_PAGE));
  if (asked !== loads) return; // filters changed meanwhile: a late answer is for a list no longer asked for
  articles.removeAttribute("aria-busy");
  if (result.failure) return showFailure(result.failure);
  const { list } = result;
  if (list.items.length === 0 && filters.page > 1 && list.total > 0) {
    // Past the end (the last article of the last page went): show the last page there is.
    return setFilters({ ...filters, page: lastPage(list.total, list.per_page || PER_PAGE) }, note);
  }
  document.title = PAGE_TITLE;
  failureArea.replaceChildren();
  form.hidden = false;
  articles.replaceChildren(...list.items.map(item));
  showPager(list);
  say(note ? [note] : [], list);
}

function item(article) {
  return listItem(document, article, {
    readerUrl: (id) => `${READER_URL}?saved=${encodeURIComponent(String(id))}`,
    update: (changes) => updateArticle(server, article.id, changes),
    remove: () => deleteArticle(server, article.id),
    filterByTag: (tag) => setFilters({ ...DEFAULT_FILTERS, show: filters.show, tag }),
    describe: (failure) => describeFailure(failure, server.url, { about: ABOUT.ARTICLE, hasToken: true }),
    changed: (next, sentence) => changed(article, next, sentence),
    removed: (sentence) => load(sentence),
  });
}

// An article changed: redraw it in place while it still belongs on this page, else reload the
// page (it moved out of the filter, and the next one moves up).
function changed(before, after, sentence) {
  const old = articles.querySelector(`:scope > li[data-id="${CSS.escape(String(before.id))}"]`);
  if (!old || !matchesFilters(after, filters)) return load(sentence);
  const focused = document.activeElement?.closest?.("[data-action]")?.dataset.action;
  const next = item(after);
  old.replaceWith(next);
  next.querySelector(`.item-actions [data-action="${focused}"]`)?.focus();
  statusLine.textContent = sentence;
}

function showPager(list) {
  const last = lastPage(list.total, list.per_page || PER_PAGE);
  pager.hidden = list.total <= (list.per_page || PER_PAGE) && filters.page === 1;
  document.getElementById("newer").disabled = filters.page <= 1;
  document.getElementById("older").disabled = filters.page >= last;
  document.getElementById("page-range").textContent = pageRange(list);
}

function say(sentences, list) {
  const parts = [...sentences];
  if (list.total === 0) {
    if (narrowed(filters)) {
      parts.push("Nothing in your reading list matches.");
      const clear = document.createElement("button");
      clear.type = "button";
      clear.textContent = "Clear the filters";
      clear.addEventListener("click", () => setFilters({ ...DEFAULT_FILTERS }));
      statusLine.replaceChildren(parts.join(" "), " ", clear);
      return;
    }
    parts.push(EMPTY[filters.show]);
  } else if (!sentences.length) {
    parts.push(list.total === 1 ? "1 article." : `${list.total} articles.`);
  }
  statusLine.replaceChildren(parts.join(" "));
}

const EMPTY = {
  unread: "Nothing left to read. Open a page in reader view and press Save to keep it here.",
  archived: "No archived articles yet.",
  all: "Your reading list is empty. Open a page in reader view and press Save to keep it here.",
};

async function showFailure(failure) {
  failure = await permissionFailure(failure, server.url);
  const described = describeFailure(failure, server.url, { about: ABOUT.LIST, hasToken: Boolean(server.apiKey) });
  document.title = `Clearpage: ${described.headline}`;
  form.hidden = true;
  pager.hidden = true;
  articles.replaceChildren();
  statusLine.replaceChildren();
  failureArea.replaceChildren(
    failureView(document, described, {
      handlers: { retry: () => load(), allow: allowServer, original: () => {} },
      optionsUrl: OPTIONS_URL,
    }),
  );
}

// The "Allow" button's click: permissions.request must be the first thing awaited.
async function allowServer() {
  if (await ext.permissions.request({ origins: [originPattern(server.url)] })) await load();
}

start().catch((error) => {
  failureArea.replaceChildren(
    failureView(document, describeFailure({ kind: "internal" }, null, { about: ABOUT.LIST }), {
      handlers: { retry: () => location.reload(), allow: () => {}, original: () => {} },
      optionsUrl: OPTIONS_URL,
    }),
  );
  console.error("Clearpage reading list:", error);
});
