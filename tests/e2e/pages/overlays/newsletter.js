// A newsletter sign-up modal as article templates render it: inside the article, after the
// second paragraph, shown a moment after load with a fixed backdrop and the page's scroll locked.
window.addEventListener("load", () => {
  setTimeout(() => {
    const style = document.createElement("style");
    style.textContent = `
      body.nl-modal-open { overflow: hidden; }
      .nl-modal-backdrop { position: fixed; inset: 0; background: rgba(20,20,20,.6); z-index: 9998; }
      .nl-modal { position: fixed; top: 50%; left: 50%; transform: translate(-50%,-50%); width: min(480px, 90vw);
        background: #fff; padding: 32px; border-radius: 8px; z-index: 9999; font-family: Georgia, serif; }
      .nl-modal input { width: 100%; padding: 10px; margin: 12px 0; }`;
    document.head.append(style);
    const paragraphs = [...document.querySelectorAll("article p, main p, #content p, body p")]
      .filter((p) => p.textContent.trim().length > 80);
    const anchor = paragraphs[1] ?? paragraphs[0] ?? document.body.lastElementChild;
    const wrapper = document.createElement("div");
    wrapper.className = "nl-signup";
    wrapper.dataset.component = "newsletter-modal";
    const backdrop = document.createElement("div");
    backdrop.className = "nl-modal-backdrop";
    const modal = document.createElement("div");
    modal.className = "nl-modal";
    modal.setAttribute("role", "dialog");
    modal.setAttribute("aria-modal", "true");
    modal.setAttribute("aria-labelledby", "nl-modal-title");
    const heading = document.createElement("h2");
    heading.id = "nl-modal-title";
    heading.textContent = "Never miss a story";
    const pitch = document.createElement("p");
    pitch.textContent =
      "Get our best reporting delivered to your inbox every morning, with the day's essential stories " +
      "chosen by our editors. It's free, and you can unsubscribe at any time with a single click.";
    const form = document.createElement("form");
    form.action = "/newsletter/subscribe";
    const email = document.createElement("input");
    email.type = "email";
    email.placeholder = "Your email address";
    const submit = document.createElement("button");
    submit.textContent = "Sign me up";
    form.append(email, submit);
    const dismiss = document.createElement("a");
    dismiss.href = "#";
    dismiss.className = "nl-dismiss";
    dismiss.textContent = "No thanks, maybe later";
    modal.append(heading, pitch, form, dismiss);
    wrapper.append(backdrop, modal);
    anchor.after(wrapper);
    document.body.classList.add("nl-modal-open");
  }, 400);
});
