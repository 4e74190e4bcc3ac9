// One article of the reading list: its title (which opens it in reader view), its facts and tags,
// and what can be done with it: favourite, archive, edit tags, delete. Every string from the
// server goes in as text. Changes go to the server through `actions`; when one fails, the item
// says why in a sentence of its own.
import { formatDate, formatReadingTime, siteLabel } from "../reader/format.js";
import { element } from "../shared/dom.js";
import { parseTags, progressLabel } from "./list-query.js";

/**
 * An <li> for `article`. `actions` has readerUrl(id), update(changes) and remove() (each resolving
 * like reading-list.js), filterByTag(tag), describe(failure) (problems.js sentences), and
 * changed(article, sentence) / removed(sentence) for the list to redraw itself.
 */
export function listItem(doc, article, actions) {
  const item = element(doc, "li", "list-item");
  item.dataset.id = String(article.id);
  if (article.archived) item.dataset.archived = "";
  const title = element(doc, "h2", "item-title");
  const link = element(doc, "a", null, article.title?.trim() || article.url || "Untitled");
  link.href = actions.readerUrl(article.id);
  title.append(link);
  item.append(title, facts(doc, article));
  if (article.excerpt) item.append(element(doc, "p", "item-excerpt", article.excerpt));
  if (article.tags?.length) item.append(tagList(doc, article.tags, actions.filterByTag));

  const status = element(doc, "p", "item-status");
  status.setAttribute("role", "status");
  status.hidden = true;
  const fail = (failure) => {
    const described = actions.describe(failure);
    status.textContent = [described.headline, described.detail].filter(Boolean).join(" ");
    status.hidden = false;
  };
  // Run a change with its button disabled, so a double click is one request.
  const run = async (button, request, onDone) => {
    button.disabled = true;
    status.hidden = true;
    const result = await request();
    button.disabled = false;
    if (result.failure) return fail(result.failure);
    onDone(result);
  };
  const name = `“${link.textContent}”`;

  const favourite = button(doc, "favourite", article.favourite ? "★ Favourite" : "☆ Favourite");
  favourite.setAttribute("aria-pressed", String(Boolean(article.favourite)));
  favourite.addEventListener("click", () =>
    run(favourite, () => actions.update({ favourite: !article.favourite }), ({ article: next }) =>
      actions.changed(next, next.favourite ? `Marked ${name} as a favourite.` : `${name} is no longer a favourite.`),
    ),
  );
  const archive = button(doc, "archive", article.archived ? "Unarchive" : "Archive");
  archive.addEventListener("click", () =>
    run(archive, () => actions.update({ archived: !article.archived }), ({ article: next }) =>
      actions.changed(next, next.archived ? `Archived ${name}.` : `Moved ${name} back to unread.`),
    ),
  );
  const editTags = button(doc, "edit-tags", "Edit tags");
  const remove = button(doc, "delete", "Delete");
  const buttons = element(doc, "p", "item-actions");
  buttons.append(favourite, archive, editTags, remove);
  item.append(buttons);

  const tagsForm = tagEditor(doc, article.tags ?? [], {
    save: (tags, saveButton) =>
      run(saveButton, () => actions.update({ tags }), ({ article: next }) =>
        actions.changed(next, next.tags.length ? `Tagged ${name}: ${next.tags.join(", ")}.` : `Took the tags off ${name}.`),
      ),
    close: () => {
      tagsForm.hidden = true;
      editTags.focus();
    },
  });
  editTags.addEventListener("click", () => {
    tagsForm.hidden = false;
    tagsForm.elements.namedItem("tags").focus();
  });

  const confirm = element(doc, "p", "item-confirm");
  confirm.hidden = true;
  const yes = button(doc, "confirm-delete", "Delete");
  const no = button(doc, "keep", "Keep it");
  confirm.append(`Delete ${name} from your reading list? `, yes, " ", no);
  remove.addEventListener("click", () => {
    confirm.hidden = false;
    no.focus();
  });
  no.addEventListener("click", () => {
    confirm.hidden = true;
    remove.focus();
  });
  yes.addEventListener("click", () => run(yes, actions.remove, () => actions.removed(`Deleted ${name}.`)));

  item.append(tagsForm, confirm, status);
  return item;
}

function facts(doc, article) {
  const parts = [
    siteLabel(article.site_name, article.url),
    formatReadingTime(article.reading_minutes),
    progressLabel(article.progress),
    article.saved_at && formatDate(article.saved_at) ? `Saved ${formatDate(article.saved_at)}` : null,
  ].filter(Boolean);
  return element(doc, "p", "item-facts", parts.join(" · "));
}

function tagList(doc, tags, filterByTag) {
  const list = element(doc, "p", "item-tags");
  for (const tag of tags) {
    const chip = button(doc, "tag", tag);
    chip.className = "tag";
    chip.title = `Show the articles tagged “${tag}”`;
    chip.addEventListener("click", () => filterByTag(tag));
    list.append(chip, " ");
  }
  return list;
}

function tagEditor(doc, tags, { save, close }) {
  const form = element(doc, "form", "item-tags-form");
  form.hidden = true;
  const label = element(doc, "label", null, "Tags, separated by commas ");
  const input = doc.createElement("input");
  Object.assign(input, { type: "text", name: "tags", value: tags.join(", "), autocomplete: "off", spellcheck: false });
  label.append(input);
  const saveButton = button(doc, "save-tags", "Save tags");
  saveButton.type = "submit";
  const cancel = button(doc, "cancel-tags", "Cancel");
  cancel.addEventListener("click", close);
  form.append(label, " ", saveButton, " ", cancel);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(parseTags(input.value), saveButton);
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    }
  });
  return form;
}

function button(doc, action, text) {
  const node = doc.createElement("button");
  node.type = "button";
  node.dataset.action = action;
  node.textContent = text;
  return node;
}
