"""Automated accessibility checks run in the page (RGAA 4.1 / WCAG 2.1 AA, the automatable part).

``audit(page)`` returns a report (a dict) built by one script evaluated in the page;
``assert_page_ok(report)`` fails with the list of problems in French. ``contrast_failures(page)``
computes the WCAG contrast ratio of every visible text against its effective background.
"""

AUDIT_JS = r"""
() => {
  const text = (el) => (el ? (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim() : "");
  const byIds = (value) => (value || "").split(/\s+/).filter(Boolean);
  const shown = (el) => {
    if (el.closest("[hidden], [aria-hidden='true']")) return false;
    const style = getComputedStyle(el);
    return style.display !== "none" && style.visibility !== "hidden";
  };
  const accessibleName = (el) => {
    const label = (el.getAttribute("aria-label") || "").trim();
    if (label) return label;
    const labelledBy = byIds(el.getAttribute("aria-labelledby"))
      .map((id) => text(document.getElementById(id))).join(" ").trim();
    if (labelledBy) return labelledBy;
    for (const lbl of el.labels || []) { if (text(lbl)) return text(lbl); }
    return (el.getAttribute("title") || "").trim();
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.name ? "[name=" + el.name + "]" : "") + (el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\s+/).join(".") : "");

  const fields = [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => el.type !== "hidden" && !el.hidden);
  const unlabelledFields = fields.filter((el) => !accessibleName(el)).map(describe);

  const controls = [...document.querySelectorAll("a[href], button, [role='button'], [role='link']")].filter(shown);
  const unnamedControls = controls.filter((el) => !text(el) && !accessibleName(el) &&
    ![...el.querySelectorAll("img[alt]")].some((img) => img.alt.trim())).map(describe);

  const ids = {};
  for (const el of document.querySelectorAll("[id]")) { ids[el.id] = (ids[el.id] || 0) + 1; }
  const duplicateIds = Object.keys(ids).filter((id) => ids[id] > 1);
  const brokenReferences = [];
  for (const attr of ["aria-labelledby", "aria-describedby", "aria-controls", "for"]) {
    for (const el of document.querySelectorAll("[" + attr + "]")) {
      for (const id of byIds(el.getAttribute(attr))) {
        if (!document.getElementById(id)) brokenReferences.push(describe(el) + " " + attr + "=" + id);
      }
    }
  }
  const imagesWithoutAlt = [...document.querySelectorAll("img:not([alt])")].map((img) => img.src);

  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(shown)
    .map((h) => ({ level: Number(h.tagName[1]), text: text(h) }));
  const skippedLevels = [];
  headings.forEach((h, i) => {
    const previous = i ? headings[i - 1].level : 0;
    if (h.level > previous + 1) skippedLevels.push("h" + previous + " → h" + h.level + " « " + h.text + " »");
  });

  const focusables = [...document.querySelectorAll(
    "a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select:not([disabled]), " +
    "textarea:not([disabled]), [tabindex]:not([tabindex='-1'])")];
  const skip = document.querySelector("a.skip-link");
  const skipTarget = skip ? document.getElementById((skip.getAttribute("href") || "").replace(/^#/, "")) : null;
  return {
    lang: document.documentElement.getAttribute("lang"),
    title: document.title.trim(),
    h1: [...document.querySelectorAll("h1")].map(text),
    mainCount: document.querySelectorAll("main, [role='main']").length,
    mainId: (document.querySelector("main") || {}).id || null,
    bannerCount: document.querySelectorAll("header[role='banner'], body > header").length,
    navNames: [...document.querySelectorAll("nav")].map((n) => n.getAttribute("aria-label") || ""),
    skipLink: skip ? text(skip) : null,
    skipLinkFirst: !!skip && focusables[0] === skip,
    skipTargetIsMain: !!skipTarget && skipTarget.tagName === "MAIN",
    fieldCount: fields.length,
    unlabelledFields,
    unnamedControls,
    duplicateIds,
    brokenReferences,
    imagesWithoutAlt,
    headings,
    skippedLevels,
  };
}
"""

COLOUR_HELPERS = r"""
  const parse = (value) => {
    const m = (value || "").match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  };
  const blend = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const background = (el) => {
    const layers = [];
    for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour.a > 0) { layers.push(colour); if (colour.a >= 1) break; }
    }
    let result = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) result = blend(layer, result);
    return result;
  };
  const luminance = (c) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  };
  const ratio = (a, b) => {
    const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100;
  };
  const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
"""

CONTRAST_JS = (
    r"""
(selector) => {
"""
    + COLOUR_HELPERS
    + r"""
  const results = [];
  for (const el of document.querySelectorAll(selector)) {
    const ownText = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join("").trim();
    if (!ownText) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.display === "none" || style.visibility === "hidden" || box.width < 2 || box.height < 2) continue;
    if (el.closest(".visually-hidden, .skip-link, .leaflet-container")) continue;
    const bg = background(el);
    const fg = blend(parse(style.color), bg);
    const size = parseFloat(style.fontSize);
    const bold = Number(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    results.push({
      element: el.tagName.toLowerCase() + (el.classList.length ? "." + [...el.classList].join(".") : ""),
      text: ownText.slice(0, 40),
      colour: hex(fg),
      background: hex(bg),
      ratio: ratio(fg, bg),
      required: large ? 3 : 4.5,
    });
  }
  return results;
}
"""
)


def audit(page) -> dict:
    return page.evaluate(AUDIT_JS)


# Checked strictly on the foundation's pages, reported as warnings on the modules' pages.
ADVISORY = [
    ("liens ou boutons sans nom accessible", "unnamedControls"),
    ("identifiants en double", "duplicateIds"),
    ("références ARIA ou for vers un identifiant absent", "brokenReferences"),
    ("images sans attribut alt", "imagesWithoutAlt"),
]


def problems(report: dict, advisory: bool = True) -> list[str]:
    """Problems found by ``audit``, in French: the required checks, and the advisory ones if asked."""
    found = []
    if report["lang"] != "fr":
        found.append(f"langue du document : {report['lang']!r} au lieu de 'fr'")
    if not report["title"]:
        found.append("titre de page (<title>) vide")
    if len(report["h1"]) != 1:
        found.append(f"{len(report['h1'])} titres h1 au lieu d'un seul : {report['h1']}")
    elif not report["h1"][0]:
        found.append("titre h1 vide")
    if report["mainCount"] != 1:
        found.append(f"{report['mainCount']} zones main au lieu d'une")
    if not report["skipLink"]:
        found.append("pas de lien d'évitement vers le contenu")
    elif not (report["skipLinkFirst"] and report["skipTargetIsMain"]):
        found.append("le lien d'évitement n'est pas le premier élément focusable ou ne mène pas à main")
    if report["unlabelledFields"]:
        found.append(f"champs de formulaire sans étiquette : {report['unlabelledFields']}")
    if advisory:
        found += advisory_problems(report)
    return found


def advisory_problems(report: dict) -> list[str]:
    return [f"{label} : {report[key]}" for label, key in ADVISORY if report[key]]


def assert_page_ok(report: dict, strict: bool = True) -> None:
    found = problems(report, advisory=strict)
    assert not found, "Problèmes d'accessibilité : " + " ; ".join(found)


def contrast_failures(page, selector: str = "body *") -> list[dict]:
    """Texts whose contrast ratio is below the WCAG AA threshold (4.5:1, or 3:1 for large text)."""
    return [r for r in page.evaluate(CONTRAST_JS, selector) if r["ratio"] < r["required"]]


def contrasts(page, selector: str) -> list[dict]:
    return page.evaluate(CONTRAST_JS, selector)


FOCUS_JS = (
    r"""
() => {
"""
    + COLOUR_HELPERS
    + r"""
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const outline = parse(style.outlineColor);
  // The outline is drawn around the element (outline-offset): its contrast is measured against what
  // is painted just outside the element, on its left (or its parent when that point is off screen).
  const gap = (parseFloat(style.outlineOffset) || 0) + (parseFloat(style.outlineWidth) || 0) / 2;
  const x = box.left - gap, y = box.top + box.height / 2;
  const under = gap > 0 && x >= 0
    ? document.elementsFromPoint(x, y).find((node) => node !== el && !el.contains(node)) : null;
  const around = gap <= 0 ? background(el) : background(under || el.parentElement || el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.textContent || "").trim(),
    className: typeof el.className === "string" ? el.className : "",
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColour: outline ? hex(outline) : null, background: hex(around),
    outlineContrast: outline ? ratio(blend(outline, around), around) : 0,
    boxShadow: style.boxShadow,
    inViewport: box.width > 0 && box.height > 0 && box.top >= 0 && box.left >= 0 &&
      box.bottom <= window.innerHeight && box.right <= window.innerWidth,
  };
}
"""
)


def focus_indicator(page) -> dict:
    """Computed focus style of the focused element (outline or box-shadow), its contrast and position."""
    return page.evaluate(FOCUS_JS)


def has_visible_focus(indicator: dict) -> bool:
    outlined = indicator["outlineStyle"] not in ("none", "") and indicator["outlineWidth"] >= 2
    shadowed = indicator["boxShadow"] not in ("none", "")
    return (outlined or shadowed) and indicator["inViewport"]
