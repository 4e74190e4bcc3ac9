// One line under the reader's toolbar for what Save and the synced reading position have to say:
// a sentence, and a link or button when there is something to do about it. Failures use the same
// sentences as everywhere else (problems.js).
import { listLink, optionsLink } from "../shared/failure-view.js";
import { ACTION } from "../shared/problems.js";

/** `element` is the status line; `optionsUrl` and `listUrl` are where its links lead. */
export function toolbarStatus(element, { optionsUrl, listUrl }) {
  const doc = element.ownerDocument;
  const show = (state, parts) => {
    element.replaceChildren(...parts);
    element.dataset.state = state;
    element.hidden = false;
  };
  return {
    /** A sentence of good news; `extras` are nodes after it (a link, a button). */
    say(text, extras = []) {
      show("ok", [text, ...extras.flatMap((extra) => [" ", extra])]);
    },
    /** A described failure; `prefix` says what it stopped ("Your place isn't synced."). */
    sayFailure(described, prefix = "") {
      const words = [prefix, described.headline, described.detail].filter(Boolean).join(" ");
      const links = [];
      if (described.actions.includes(ACTION.OPTIONS)) links.push(optionsLink(doc, optionsUrl));
      if (described.actions.includes(ACTION.LIST)) links.push(listLink(doc, listUrl));
      show("error", [words, ...links.flatMap((extra) => [" ", extra])]);
    },
  };
}
