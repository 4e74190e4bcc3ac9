// The article itself: site, title, byline, date and reading time, the access notice, the lead
// image with its caption, the body, and a footer with "View original" and the "cleaned" note.
import { accessNotice } from "./access-notice.js";
import { cleanedNote } from "./cleaned-note.js";
import { formatDate, formatReadingTime, headlineOf, siteLabel } from "./format.js";
import { element } from "../shared/dom.js";
import { isWebUrl } from "../shared/server.js";
import { safeFragment } from "./safe-html.js";

/**
 * An <article> element for the server's answer; `originalUrl` is the page it came from (the
 * capture's address; null for a saved article, which has only its own).
 */
export function articleView(doc, article, originalUrl) {
  const view = doc.createElement("article");
  view.className = "article";
  if (article.lang) view.lang = article.lang;
  view.dir = article.dir === "rtl" ? "rtl" : "ltr";

  const body = doc.createElement("div");
  body.className = "article-body";
  body.append(safeFragment(article.content_html, doc));
  // What a publisher folds away (an FAQ's answers in <details>) is part of the article, and the
  // reader came to read it: it opens unfolded, and each section can still be folded.
  for (const section of body.querySelectorAll("details")) section.open = true;
  const heading = body.querySelector("h1, h2");
  const leadsWithHeading = heading && heading === firstElementDeep(body);
  const headline = headlineOf(article.title, leadsWithHeading ? heading.textContent : null);
  if (headline.headingRepeats) heading.remove();

  view.append(header(doc, article, headline.title, originalUrl));
  const notice = accessNotice(doc, article);
  if (notice) view.append(notice);
  const lead = leadImage(doc, article.lead_image, body);
  if (lead) view.append(lead);
  view.append(body, footer(doc, article, originalUrl));
  return view;
}

function header(doc, article, title, originalUrl) {
  const header = doc.createElement("header");
  header.className = "article-header";
  const site = siteLabel(article.site_name, article.url ?? originalUrl);
  if (site) header.append(element(doc, "p", "article-site", site));
  header.append(element(doc, "h1", "article-title", title ?? "Untitled"));
  const facts = [];
  if (article.byline) facts.push(element(doc, "span", "article-byline", article.byline));
  const date = formatDate(article.published);
  if (date) {
    const time = element(doc, "time", "article-date", date);
    time.dateTime = article.published;
    facts.push(time);
  }
  const readingTime = formatReadingTime(article.reading_minutes);
  if (readingTime) facts.push(element(doc, "span", "article-reading-time", readingTime));
  if (facts.length) {
    const line = element(doc, "p", "article-facts");
    facts.forEach((fact, index) => line.append(...(index ? [" · ", fact] : [fact])));
    header.append(line);
  }
  return header;
}

// The lead image, unless the body already shows it (the same picture twice is noise).
function leadImage(doc, image, body) {
  if (!isWebUrl(image?.url)) return null;
  const shown = [...body.querySelectorAll("img")].some((img) => img.getAttribute("src") === image.url);
  if (shown) return null;
  const figure = element(doc, "figure", "article-lead");
  const img = doc.createElement("img");
  img.src = image.url;
  img.alt = image.alt ?? "";
  img.referrerPolicy = "no-referrer";
  figure.append(img);
  const caption = [image.caption, image.credit].filter(Boolean).join(" ");
  if (caption) figure.append(element(doc, "figcaption", null, caption));
  return figure;
}

function footer(doc, article, originalUrl) {
  const footer = element(doc, "footer", "article-footer");
  // The server's address for the page becomes a link only if it is a web address, whatever a
  // bug or a compromised server sends; the capture's own address is the browser's.
  const url = isWebUrl(article.url) ? article.url : originalUrl;
  if (url) {
    const link = element(doc, "a", "view-original", "View original");
    link.href = url;
    link.dataset.action = "original";
    footer.append(link);
  }
  const note = cleanedNote(doc, article.removed);
  if (note) footer.append(note);
  return footer;
}

// The first element in reading order, through wrappers with nothing before it (<div><div><h1>).
function firstElementDeep(container) {
  let node = container.firstElementChild;
  if (!node || !nothingBefore(node)) return null;
  while (!/^h[1-6]$/.test(node.localName) && node.firstElementChild && nothingBefore(node.firstElementChild)) {
    node = node.firstElementChild;
  }
  return node;
}

function nothingBefore(node) {
  for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) {
    if (sibling.textContent.trim()) return false;
  }
  return true;
}
