// "Save" in the reader's toolbar: sends the page the reader holds to the reading list
// (POST /v1/articles; the server extracts it again and keeps the clean article, never the raw
// page) and says in a sentence what happened: saved, already saved and updated, or why not.

/**
 * Wire `button`. `save()` makes the request (reading-list.js saveArticle's result); `done(result)`
 * and `failed(failure)` say what happened. Returns { markSaved() } for an article already saved, and
 * { show(visible) }: Save is offered only while an article is on screen.
 */
export function saveButton(button, { save, done, failed }) {
  const markSaved = () => {
    button.textContent = "Saved";
    button.disabled = true;
    button.title = "In your reading list";
  };
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = "Saving…";
    const result = await save();
    if (result.failure) {
      button.disabled = false;
      button.textContent = "Save";
      failed(result.failure);
      return;
    }
    markSaved();
    done(result);
  });
  return { markSaved, show: (visible) => (button.hidden = !visible) };
}

/** What Save says when it worked. */
export function savedSentence({ created }) {
  return created ? "Saved to your reading list." : "Already in your reading list; updated it.";
}
