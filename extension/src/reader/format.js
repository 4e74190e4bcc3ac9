// How the reader page words and formats an article's facts. Pure functions: node tests them.

/** The publication date as the page gave it (its own calendar day), in the reader's language. */
export function formatDate(iso, locale) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(day.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" }).format(day);
}

export function formatReadingTime(minutes) {
  return Number.isInteger(minutes) && minutes > 0 ? `${minutes} min read` : null;
}

/** The site's name, else its host without "www.": what the reader recognises the page by. */
export function siteLabel(siteName, url) {
  if (siteName) return siteName;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

const SEPARATORS = [" | ", " - ", " – ", " — ", " :: ", " · "];

/**
 * Whether the article's first heading repeats its title, and the title to show. Pages often title
 * themselves "Headline | Site" while the body opens with "Headline": show the headline once.
 */
export function headlineOf(title, firstHeading) {
  const clean = (text) => (text ?? "").replace(/\s+/g, " ").trim();
  const shown = clean(title);
  const heading = clean(firstHeading);
  if (!heading) return { title: shown || null, headingRepeats: false };
  if (!shown || heading === shown) return { title: heading, headingRepeats: true };
  if (SEPARATORS.some((separator) => shown.startsWith(heading + separator))) {
    return { title: heading, headingRepeats: true };
  }
  return { title: shown, headingRepeats: false };
}

/** The "cleaned" note's label: how many elements the server took out of the page. */
export function removedSummary(removed) {
  const count = removed.reduce((sum, item) => sum + (Number(item.elements) || 0), 0);
  return count === 1 ? "Cleaned: 1 thing removed" : `Cleaned: ${count} things removed`;
}
