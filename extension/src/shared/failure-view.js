// A failure as a sentence in the page, with what the reader can do next; never a blank view. The
// reader page and the reading-list page show their failures with it.
import { ACTION } from "./problems.js";

/**
 * A <section> for a described failure (problems.js). `handlers` has retry(), allow() and
 * original(); `optionsUrl` is the options page, `listUrl` the reading-list page.
 */
export function failureView(doc, described, { handlers, optionsUrl, listUrl }) {
  const section = doc.createElement("section");
  section.className = "failure";
  section.setAttribute("role", "alert");
  const headline = doc.createElement("h1");
  headline.textContent = described.headline;
  section.append(headline);
  if (described.detail) {
    const detail = doc.createElement("p");
    detail.textContent = described.detail;
    section.append(detail);
  }
  const actions = doc.createElement("p");
  actions.className = "failure-actions";
  for (const action of described.actions) {
    actions.append(actionControl(doc, action, described, handlers, { optionsUrl, listUrl }));
  }
  section.append(actions);
  return section;
}

function actionControl(doc, action, described, handlers, { optionsUrl, listUrl }) {
  if (action === ACTION.OPTIONS) return optionsLink(doc, optionsUrl);
  if (action === ACTION.LIST) return listLink(doc, listUrl);
  const button = doc.createElement("button");
  button.type = "button";
  button.dataset.action = action;
  if (action === ACTION.RETRY) {
    button.textContent = "Try again";
    button.addEventListener("click", handlers.retry);
    if (described.retryAfterSeconds) countDown(button, described.retryAfterSeconds);
  } else if (action === ACTION.ALLOW) {
    button.textContent = "Allow";
    button.addEventListener("click", handlers.allow);
  } else {
    button.textContent = "Back to the page";
    button.addEventListener("click", handlers.original);
  }
  return button;
}

/** "Open the options", in a tab of its own (the page the reader is on stays as it is). */
export function optionsLink(doc, optionsUrl) {
  const link = doc.createElement("a");
  link.href = optionsUrl;
  link.target = "_blank";
  link.textContent = "Open the options";
  return link;
}

/** "Open the reading list", in this tab. */
export function listLink(doc, listUrl) {
  const link = doc.createElement("a");
  link.href = listUrl;
  link.textContent = "Open the reading list";
  return link;
}

// 429: the button waits as long as the server asked, and says so. It is not in the page yet when
// this runs, so the first tick is immediate and later ones stop once it has left the page.
function countDown(button, seconds) {
  const label = button.textContent;
  button.disabled = true;
  let left = seconds;
  const tick = () => {
    if (left <= 0) {
      button.disabled = false;
      button.textContent = label;
      return;
    }
    button.textContent = `${label} (${left} s)`;
    left -= 1;
    setTimeout(() => button.isConnected && tick(), 1000);
  };
  tick();
}
