// What a failure means to a reader: a headline, a sentence of detail, and what they can do next.
// The reader page and the options page show these; no failure ever leaves a blank view.

// Things a failure message can offer, as buttons or links.
export const ACTION = Object.freeze({
  RETRY: "retry",
  OPTIONS: "options",
  ALLOW: "allow", // grant the host permission for the server
  ORIGINAL: "original",
  LIST: "list", // the reading-list page
});

// What a failed request was about: the page in reader view, the reading list, or one saved article.
export const ABOUT = Object.freeze({ PAGE: "page", LIST: "list", ARTICLE: "article" });

/**
 * Describe a failure ({ kind, status, detail, maxBytes, retryAfterSeconds }) for a person.
 * `serverUrl` names the server in the sentences that are about it; `about` (ABOUT) says what the
 * request was for, and `hasToken` whether it carried a key or token.
 */
export function describeFailure(failure, serverUrl, { about = ABOUT.PAGE, hasToken = false } = {}) {
  if (about === ABOUT.PAGE) return describe(failure, serverUrl, about);
  const described = describeReadingListFailure(failure, about, hasToken) ?? describe(failure, serverUrl, about);
  // "Back to the page" means nothing on the reading list, or to a Save that failed.
  return { ...described, actions: described.actions.filter((action) => action !== ACTION.ORIGINAL) };
}

function describe(failure, serverUrl, about) {
  const where = serverUrl ? ` at ${serverUrl}` : "";
  switch (failure.kind) {
    case "no-permission":
      return message(
        "Clearpage needs your permission to contact your server.",
        `Allow it to reach ${hostOf(serverUrl)} and it will send this page there, and nowhere else.`,
        [ACTION.ALLOW, ACTION.OPTIONS],
      );
    case "unreachable":
      return message(
        "Clearpage couldn't reach your server.",
        `Nothing answered${where}. Check that the server is running and that its address in the options is right.`,
        [ACTION.RETRY, ACTION.OPTIONS],
      );
    case "timeout":
      return message(
        "Your server took too long to answer.",
        "It may be busy with other pages; try again in a moment.",
        [ACTION.RETRY, ACTION.ORIGINAL],
      );
    case "bad-answer":
      return message(
        "Your server's answer couldn't be read.",
        `What answered${where} doesn't look like a Clearpage server. Check the address in the options.`,
        [ACTION.OPTIONS],
      );
    case "restricted":
      return message(
        "Clearpage can't read this page.",
        "Browsers keep extensions out of their own pages, the add-on stores and some built-in viewers.",
        [ACTION.ORIGINAL],
      );
    case "expired":
      return message(
        "This reader page has expired.",
        "Go back to the page and open it in reader view again.",
        [ACTION.ORIGINAL],
      );
    case "no-url":
      return message(
        "Only pages with a web address can be saved.",
        "This one has none: it is a file on your computer or a page a script made.",
        [ACTION.ORIGINAL],
      );
    case "capture-gone":
      return message(
        "Clearpage no longer holds this page.",
        "It keeps a page only until it is shown. Go back to the page and open it in reader view again to save it.",
        [ACTION.ORIGINAL],
      );
    case "http":
      return describeHttpFailure(failure, where, about);
    default:
      if (about !== ABOUT.PAGE) return message("Something went wrong.", "Try again in a moment.", [ACTION.RETRY]);
      return message("Something went wrong.", "Go back to the page and try again.", [ACTION.ORIGINAL]);
  }
}

// The sentences that differ for the reading list: its token, and articles that are gone.
function describeReadingListFailure(failure, about, hasToken) {
  const refused = failure.kind === "http" && (failure.status === 401 || failure.status === 403);
  if (failure.kind === "no-token" || (refused && !hasToken)) {
    return message(
      "Your reading list needs a token.",
      "Ask your server's administrator for one (they make it with “clearpage users add”) and enter it in the options.",
      [ACTION.OPTIONS],
    );
  }
  if (refused) {
    return message(
      "Your server didn't accept your reading-list token.",
      `${failure.detail ? `${failure.detail} ` : ""}Check the token in the options.`,
      [ACTION.OPTIONS],
    );
  }
  if (failure.kind !== "http") return null;
  if (failure.status === 404 && about === ABOUT.ARTICLE) {
    return message(
      "This article is no longer in your reading list.",
      "It may have been deleted on another device.",
      [ACTION.LIST],
    );
  }
  if (failure.status === 404 || failure.status === 405) {
    return message(
      "Your server has no reading list.",
      "It runs a version of Clearpage without one; Save and the reading list need a newer one.",
      [ACTION.OPTIONS],
    );
  }
  return null;
}

function describeHttpFailure({ status, detail, maxBytes, retryAfterSeconds }, where, about) {
  const onPage = about === ABOUT.PAGE;
  if (status === 401 || status === 403) {
    return message(
      "Your server didn't accept the API key.",
      `${detail ? `${detail} ` : ""}Set the key your server's administrator gave you in the options.`,
      [ACTION.OPTIONS],
    );
  }
  if (status === 413) {
    const limit = maxBytes ? ` It takes pages up to ${formatBytes(maxBytes)}.` : "";
    return message("This page is too large for your server.", `${limit.trim() || detail || ""}`, [ACTION.ORIGINAL]);
  }
  if (status === 422) {
    return message("This page doesn't look like an article.", detail, [ACTION.ORIGINAL]);
  }
  if (status === 429) {
    const wait = retryAfterSeconds != null ? `in ${plural(retryAfterSeconds, "second")}` : "in a moment";
    const limits = onPage ? "how often pages can be sent" : "how often it can be asked";
    return {
      ...message("Slow down.", `Your server limits ${limits}. Try again ${wait}.`, [ACTION.RETRY]),
      retryAfterSeconds,
    };
  }
  if (status === 404 || status === 405) {
    return message(
      "There's no Clearpage server at that address.",
      `Something answered${where}, but not the Clearpage API. Check the address in the options.`,
      [ACTION.OPTIONS],
    );
  }
  if (status >= 500) {
    return message(
      onPage ? "Your server failed on this page." : "Your server failed.",
      `It answered with error ${status}. Try again; if it keeps failing, the server's log says why.`,
      onPage ? [ACTION.RETRY, ACTION.ORIGINAL] : [ACTION.RETRY],
    );
  }
  if (!onPage) return message("Your server refused the request.", detail ?? `It answered with error ${status}.`, [ACTION.RETRY]);
  return message("Your server couldn't take this page.", detail ?? `It answered with error ${status}.`, [ACTION.ORIGINAL]);
}

// When the server's own sentence starts with what the headline says, show it alone: it says more.
function message(headline, detail, actions) {
  const stem = headline.replace(/[.!]$/, "");
  if (detail && detail.startsWith(stem)) return { headline: detail, detail: null, actions };
  return { headline, detail: detail || null, actions };
}

export function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return plural(bytes, "byte");
}

function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function hostOf(url) {
  try {
    return new URL(url).host;
  } catch {
    return "your server";
  }
}
