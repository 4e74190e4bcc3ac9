// A OneTrust-style cookie banner, injected the way the real SDK does it: a while after load, as
// #onetrust-consent-sdk appended to <body>, with its own stylesheet pinning it to the viewport.
window.addEventListener("load", () => {
  setTimeout(() => {
    const style = document.createElement("style");
    style.id = "onetrust-style";
    style.textContent = `
      #onetrust-consent-sdk .onetrust-pc-dark-filter { position: fixed; inset: 0; background: rgba(0,0,0,.5); z-index: 2147483646; }
      #onetrust-banner-sdk { position: fixed; bottom: 0; left: 0; right: 0; z-index: 2147483647; background: #fff;
        padding: 24px 32px; font: 14px/1.5 Arial, sans-serif; box-shadow: 0 0 18px rgba(0,0,0,.2); }
      #onetrust-button-group button { margin: 4px; padding: 10px 18px; }`;
    document.head.append(style);
    const sdk = document.createElement("div");
    sdk.id = "onetrust-consent-sdk";
    const filter = document.createElement("div");
    filter.className = "onetrust-pc-dark-filter ot-fade-in";
    const banner = document.createElement("div");
    banner.id = "onetrust-banner-sdk";
    banner.className = "otFlat ot-iab-2 ot-buttons-fw";
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-label", "Cookie banner");
    banner.tabIndex = 0;
    const policy = document.createElement("div");
    policy.id = "onetrust-policy";
    const title = document.createElement("h2");
    title.id = "onetrust-policy-title";
    title.textContent = "We value your privacy";
    const text = document.createElement("div");
    text.id = "onetrust-policy-text";
    text.textContent =
      "We and our 842 partners store and access information on your device, such as cookies, and process " +
      "personal data, such as unique identifiers and standard information sent by a device, for personalised " +
      "advertising and content, advertising and content measurement, audience research and services development.";
    policy.append(title, text);
    const buttons = document.createElement("div");
    buttons.id = "onetrust-button-group";
    for (const [id, label] of [
      ["onetrust-pc-btn-handler", "Manage Preferences"],
      ["onetrust-reject-all-handler", "Reject All"],
      ["onetrust-accept-btn-handler", "Accept All Cookies"],
    ]) {
      const button = document.createElement("button");
      button.id = id;
      button.textContent = label;
      buttons.append(button);
    }
    banner.append(policy, buttons);
    sdk.append(filter, banner);
    document.body.append(sdk);
  }, 200);
});
