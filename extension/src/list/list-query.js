// The reading-list page's filters (search words, tag, unread / archived / all, favourites, page):
// read from and written to the page's own address, so a reload, Back or a bookmark shows the same
// list, and turned into the API's query. Pure functions: node tests them.

export const SHOWS = Object.freeze(["unread", "archived", "all"]);
export const DEFAULT_FILTERS = Object.freeze({ q: "", tag: "", show: "unread", favourite: false, page: 1 });
const MAX_TAG_LENGTH = 64;

/** The filters in a location.search string; anything missing or odd is its default. */
export function readFilters(search) {
  const params = new URLSearchParams(search);
  const page = Number(params.get("page"));
  const show = params.get("show");
  return {
    q: (params.get("q") ?? "").trim(),
    tag: (params.get("tag") ?? "").trim(),
    show: SHOWS.includes(show) ? show : DEFAULT_FILTERS.show,
    favourite: params.get("favourite") === "1",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The location.search string for `filters`, leaving out defaults ("" for all defaults). */
export function filtersSearch(filters) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.tag) params.set("tag", filters.tag);
  if (filters.show !== DEFAULT_FILTERS.show) params.set("show", filters.show);
  if (filters.favourite) params.set("favourite", "1");
  if (filters.page > 1) params.set("page", String(filters.page));
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** GET /v1/articles's query for `filters` (reading-list.js leaves out the empty members). */
export function apiQuery(filters, perPage) {
  return {
    page: filters.page,
    per_page: perPage,
    q: filters.q,
    tag: filters.tag,
    archived: { unread: "false", archived: "true", all: null }[filters.show],
    favourite: filters.favourite ? "true" : null,
  };
}

/** Whether words, a tag or favourites narrow the list (an empty page then means "no match"). */
export function narrowed(filters) {
  return Boolean(filters.q || filters.tag || filters.favourite);
}

/**
 * Whether a changed article still belongs on the page. The search words cannot be checked here
 * (they match the text too), and no change the page makes touches what they match.
 */
export function matchesFilters(article, filters) {
  if (filters.show === "unread" && article.archived) return false;
  if (filters.show === "archived" && !article.archived) return false;
  if (filters.favourite && !article.favourite) return false;
  if (filters.tag && !(article.tags ?? []).includes(filters.tag)) return false;
  return true;
}

/** Tags typed as "trains, night  travel,trains": trimmed, inner spaces collapsed, no empties or repeats. */
export function parseTags(text) {
  const tags = [];
  for (const raw of String(text ?? "").split(",")) {
    const tag = raw.replace(/\s+/g, " ").trim().slice(0, MAX_TAG_LENGTH);
    if (tag && !tags.some((seen) => seen.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return tags;
}

/** "21–40 of 57" for a page of the list. */
export function pageRange({ page, per_page: perPage, total, items }) {
  if (!items.length) return `0 of ${total}`;
  const first = (page - 1) * perPage + 1;
  return `${first}–${first + items.length - 1} of ${total}`;
}

/** The last page there is for `total` articles (at least 1). */
export function lastPage(total, perPage) {
  return Math.max(1, Math.ceil(total / perPage));
}

/** "40% read" for a progress between the ends, "Read" at the end, nothing at the start. */
export function progressLabel(progress) {
  if (typeof progress !== "number" || !(progress > 0)) return null;
  if (progress >= 0.99) return "Read";
  return `${Math.max(1, Math.round(progress * 100))}% read`;
}
