// A calm notice when the page showed only part of the article. Never hidden: the reader should
// know they are not seeing everything, and Clearpage never gets around a paywall to fill the gap.
const DEFAULT_NOTICES = {
  partial: "This page showed only part of the article; the rest is behind the publisher's paywall or sign-in. Clearpage shows what your browser showed, and nothing more.",
  restricted: "The publisher limits access to this article. Clearpage shows only what your browser showed.",
};

export function accessNotice(doc, article) {
  if (article.access !== "partial" && article.access !== "restricted") return null;
  const notice = doc.createElement("aside");
  notice.className = "access-notice";
  notice.setAttribute("role", "note");
  notice.dataset.access = article.access;
  notice.textContent =
    typeof article.notice === "string" && article.notice.trim() ? article.notice.trim() : DEFAULT_NOTICES[article.access];
  return notice;
}
