// Link previews: hovering or focusing a link to a claim shows the claim's kind and paraphrase.
// The claim is read from its own page on this site (fetched once, then kept), so it works offline
// and from any static file server. Links to anything but a claim are left alone.
(() => {
  const pages = new Map();
  let tip = null;
  let shownFor = null;

  const target = link => {
    if (!(link instanceof HTMLAnchorElement) || !link.hash || link.hash.length < 2) return null;
    const url = new URL(link.href, location.href);
    return url.origin === location.origin ? url : null;
  };

  const page = url => {
    if (url.pathname === location.pathname) return Promise.resolve(document);
    if (!pages.has(url.pathname)) {
      pages.set(url.pathname, fetch(url.pathname)
        .then(response => (response.ok ? response.text() : ""))
        .then(text => new DOMParser().parseFromString(text, "text/html"))
        .catch(() => null));
    }
    return pages.get(url.pathname);
  };

  const claimAt = async url => {
    const doc = await page(url);
    const el = doc && doc.getElementById(decodeURIComponent(url.hash.slice(1)));
    if (!el || !el.classList.contains("claim")) return null;
    const text = el.querySelector(".claim-text");
    return text && {
      kind: (el.querySelector(".claim-kind") || {}).textContent || "",
      text: text.textContent.trim(),
      kindClass: [...el.classList].find(name => name.startsWith("kind-")) || "",
    };
  };

  const hide = () => {
    if (tip) tip.hidden = true;
    if (shownFor) shownFor.removeAttribute("aria-describedby");
    shownFor = null;
  };

  const show = (link, claim) => {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "claim-preview";
      tip.setAttribute("role", "tooltip");
      tip.innerHTML = '<span class="claim-preview-kind"></span><span class="claim-preview-text"></span>';
      document.body.appendChild(tip);
    }
    tip.className = `claim-preview ${claim.kindClass}`;
    tip.querySelector(".claim-preview-kind").textContent = claim.kind;
    tip.querySelector(".claim-preview-text").textContent = claim.text;
    tip.hidden = false;
    const box = link.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
    const left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${box.bottom + window.scrollY + 6}px`;
    link.setAttribute("aria-describedby", tip.id);
    shownFor = link;
  };

  const preview = async event => {
    const link = event.target.closest && event.target.closest(".md-content a[href*='#']");
    const url = link && target(link);
    if (!url || link.closest(".footnote, .md-footer, .headerlink") || link.classList.contains("footnote-ref")) return;
    const claim = await claimAt(url);
    if (claim && (link.matches(":hover") || link === document.activeElement)) show(link, claim);
  };

  const leave = event => {
    if (shownFor && (event.target === shownFor || shownFor.contains(event.target))) hide();
  };

  document.addEventListener("mouseover", preview);
  document.addEventListener("focusin", preview);
  document.addEventListener("mouseout", leave);
  document.addEventListener("focusout", leave);
  document.addEventListener("keydown", event => { if (event.key === "Escape") hide(); });
})();
