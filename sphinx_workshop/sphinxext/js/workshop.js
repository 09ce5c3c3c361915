/* sphinx_workshop: times for the visitor. Loaded with `defer`; the page is complete without it.
 *
 * - A toggle shows every time of a schedule or a dates list in the visitor's own time zone
 *   (and back); the choice is remembered.
 * - Each important date says whether it has passed or how long remains.
 * - The next upcoming deadline is announced in a banner: in the theme's announcement bar where it
 *   has one, else in a box at the top of the page's content (sphinxext/theme.py says which).
 * - A papers list with pages: its search box and filters (written by the build) narrow it; the query stays in
 *   the address (?q=).
 * - A paper's BibTeX entry gets a copy button.
 *
 * Everything is written with textContent: no data ever passes through innerHTML.
 * The build writes the deadlines and the banner's places below (JSON). Every word comes from the
 * page, in its language: the JSON of <script id="ws-labels"> (sphinxext/outputs/script.py); times are
 * written by Intl in the page's language (<html lang>).
 */
(function () {
  "use strict";

  const DEADLINES = /* DEADLINES */ [];
  const BANNER = /* BANNER */ {};
  const STORE = "workshop-time-zone";
  const LANG = document.documentElement.lang || undefined;
  const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const LABELS = readLabels();
  /** The clock of workshop_clock: "h23", "h12", or the language's own (no option). */
  const CLOCK = LABELS && LABELS.hourCycle ? { hourCycle: LABELS.hourCycle } : {};

  function readLabels() {
    const element = document.getElementById("ws-labels");
    try {
      return element ? JSON.parse(element.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  /** A label with its {placeholders} filled: a list of strings and nodes, for append(). */
  function fill(key, values) {
    return LABELS[key].split(/(\{\w+\})/).filter((part) => part !== "").map(function (part) {
      const name = part.match(/^\{(\w+)\}$/);
      return name && name[1] in values ? values[name[1]] : part;
    });
  }

  /** A label as text. */
  function say(key, values) {
    return fill(key, values || {}).join("");
  }

  /** The exact moment a <time> names; a whole day ends at 23:59:59 Anywhere on Earth (UTC-12). */
  function instant(datetime) {
    return new Date(datetime.includes("T") ? datetime : datetime + "T23:59:59-12:00");
  }

  function zoneName(date, style) {
    const parts = new Intl.DateTimeFormat(LANG, { timeZone: ZONE, timeZoneName: style }).formatToParts(date);
    const part = parts.find((p) => p.type === "timeZoneName");
    return part ? part.value : ZONE;
  }

  function localDay(date) {
    return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(date);
  }

  /** "7:15 AM" (as the page's language writes a time), or "7:15 AM (Sat)" when the visitor's day differs from
   * the venue's. */
  function localClock(element) {
    const datetime = element.getAttribute("datetime");
    const date = new Date(datetime);
    const text = new Intl.DateTimeFormat(LANG, { timeZone: ZONE, timeStyle: "short", ...CLOCK })
      .format(date);
    if (localDay(date) !== datetime.slice(0, 10)) {
      const weekday = new Intl.DateTimeFormat(LANG, { timeZone: ZONE, weekday: "short" }).format(date);
      return say("other_day", { time: text, weekday: weekday });
    }
    return text;
  }

  function localMoment(element) {
    const date = new Date(element.getAttribute("datetime"));
    return new Intl.DateTimeFormat(LANG, { timeZone: ZONE, dateStyle: "full", timeStyle: "short", ...CLOCK })
      .format(date) + " " + zoneName(date, "short");
  }

  /* -- Venue time / my time ------------------------------------------------------------- */

  function setUpToggle() {
    const times = Array.from(document.querySelectorAll(".ws-schedule time, .ws-dates time"))
      .filter((t) => t.getAttribute("datetime").includes("T"));
    if (times.length === 0) return;
    const statements = Array.from(document.querySelectorAll(".ws-timezone"));
    const first = times[0].closest(".ws-schedule, .ws-dates");
    const where = statements.length ? statements[0] : first;

    const bar = document.createElement("div");
    bar.className = "ws-tz-bar";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ws-tz-toggle";
    button.textContent = say("toggle", { zone: ZONE });
    const status = document.createElement("span");
    status.className = "ws-tz-status";
    status.setAttribute("role", "status");
    bar.append(button, status);
    where.parentNode.insertBefore(bar, where);

    function show(local) {
      for (const time of times) {
        if (time.dataset.venue === undefined) time.dataset.venue = time.textContent;
        const inTable = time.closest(".ws-schedule") !== null;
        time.textContent = local ? (inTable ? localClock(time) : localMoment(time)) : time.dataset.venue;
      }
      for (const statement of statements) {
        if (statement.dataset.venue === undefined) statement.dataset.venue = statement.textContent;
        statement.textContent = local
          ? say("statement", { name: zoneName(new Date(times[0].getAttribute("datetime")), "long"), zone: ZONE })
          : statement.dataset.venue;
      }
      button.setAttribute("aria-pressed", String(local));
      status.textContent = local ? say("status_local", { zone: ZONE }) : say("status_venue");
      document.documentElement.classList.toggle("ws-local-time", local);
    }

    let local = false;
    try {
      local = window.localStorage.getItem(STORE) === "local";
    } catch (e) { /* storage may be disabled: venue time it is */ }
    show(local);
    button.addEventListener("click", function () {
      local = !local;
      show(local);
      try {
        window.localStorage.setItem(STORE, local ? "local" : "venue");
      } catch (e) { /* the choice just won't be remembered */ }
    });
  }

  /* -- How long remains ----------------------------------------------------------------- */

  function remaining(until, now) {
    const seconds = (until - now) / 1000;
    if (seconds <= 0) return null;
    const format = new Intl.RelativeTimeFormat(LANG, { numeric: "auto" });
    const steps = [["day", 86400], ["hour", 3600], ["minute", 60]];
    for (const [unit, size] of steps) {
      if (seconds >= size) return format.format(Math.floor(seconds / size), unit);
    }
    return format.format(1, "minute");
  }

  function setUpCountdowns(now) {
    for (const time of document.querySelectorAll(".ws-dates time")) {
      const left = remaining(instant(time.getAttribute("datetime")), now);
      const badge = document.createElement("span");
      badge.className = "ws-countdown " + (left ? "ws-upcoming" : "ws-passed");
      badge.textContent = left ? left : say("over");
      time.after(" ", badge);
    }
  }

  /* -- Next deadline in a banner ---------------------------------------------------------- */

  /** The theme's announcement bar when it has one the site left free, else a box atop the content. */
  function placeBanner(banner, content) {
    const taken = BANNER.taken && document.querySelector(BANNER.taken);
    const before = taken ? null : (BANNER.before || []).map((s) => document.querySelector(s)).find(Boolean);
    if (before) {
      banner.className = BANNER.classes + " ws-next-deadline";
      content.className = BANNER.contentClasses;
      before.parentNode.insertBefore(banner, before);
      return;
    }
    const place = (BANNER.neutral || ["body"]).map((s) => document.querySelector(s)).find(Boolean) || document.body;
    banner.className = (BANNER.neutralClasses || "ws-banner") + " ws-next-deadline";
    content.className = BANNER.neutralContentClasses || "ws-banner-content";
    place.prepend(banner);
  }

  function contentRoot() {
    const root = document.documentElement.dataset.content_root;
    if (root !== undefined) return root;
    const script = document.querySelector('script[src*="_static/workshop.js"]');
    return script ? script.getAttribute("src").split("_static/workshop.js")[0] : "";
  }

  function setUpBanner(now) {
    const next = DEADLINES.find((d) => new Date(d.instant) > now);
    if (!next || document.querySelector(".ws-next-deadline")) return;
    const banner = document.createElement("div");
    banner.setAttribute("role", "region");
    banner.setAttribute("aria-label", say("banner"));
    const content = document.createElement("div");
    const link = document.createElement("a");
    link.href = contentRoot() + next.href;
    link.textContent = next.label;
    content.append(...fill("next", { link: link, when: next.when, remaining: remaining(new Date(next.instant), now) }));
    banner.append(content);
    placeBanner(banner, content);
  }

  /* -- The papers list: search and filters ----------------------------------------------- */

  /** Lowercase, without accents: "Gödel" and "godel" are one word. */
  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }

  function setUpPaperSearch(data, number) {
    let papers;
    try {
      papers = JSON.parse(data.textContent);
    } catch (e) {
      return;
    }
    let list = data.previousElementSibling;  // the list the build wrote just before its data
    while (list && !list.matches("ul.ws-papers")) list = list.previousElementSibling;
    if (!list || !papers.length) return;
    const items = papers.map((p) => ({ paper: p, item: document.getElementById(p.anchor), words: words(p.text) }))
      .filter((p) => p.item);
    // The build wrote the form just before the list (hidden where scripts do not run): it only needs wiring.
    const form = list.previousElementSibling;
    if (!form || !form.matches("form.ws-paper-search")) return;
    form.addEventListener("submit", (event) => event.preventDefault());
    const suffix = number ? "-" + number : "";
    const control = (name) => document.getElementById("ws-paper-" + name + suffix);
    const query = control("q");
    const keyword = control("keyword");
    const session = control("session");
    const spotlight = control("spotlight");
    const count = form.querySelector(".ws-search-count");
    if (!query || !count) return;
    form.classList.add("ws-search-ready");

    // The first list of a page keeps its choices in the address: ?q=galaxy&keyword=Cosmology
    const params = new URLSearchParams(window.location.search);
    const keep = !number;
    const controls = [["q", query], ["keyword", keyword], ["session", session]];
    if (keep) {
      for (const [name, control] of controls) {
        if (control && params.has(name)) control.value = params.get(name);
      }
      if (spotlight) spotlight.checked = params.get("spotlight") === "1";
    }

    let announce = null;
    function update() {
      const asked = words(query.value);
      let shown = 0;
      for (const { paper, item, words: own } of items) {
        const match = asked.every((w) => own.some((o) => o.startsWith(w)))
          && (!keyword || !keyword.value || paper.keywords.includes(keyword.value))
          && (!session || !session.value || paper.session === session.value)
          && (!spotlight || !spotlight.checked || paper.spotlight);
        item.hidden = !match;
        if (match) shown += 1;
      }
      // Said once typing pauses, not at every key.
      clearTimeout(announce);
      announce = setTimeout(() => {
        count.textContent = say("count", { shown: String(shown), total: String(items.length) });
      }, 300);
      if (keep) {
        const next = new URLSearchParams(window.location.search);
        for (const [name, control] of controls) {
          if (control && control.value) next.set(name, control.value);
          else next.delete(name);
        }
        if (spotlight && spotlight.checked) next.set("spotlight", "1");
        else next.delete("spotlight");
        const search = next.toString();
        history.replaceState(history.state, "", window.location.pathname + (search ? "?" + search : "")
          + window.location.hash);
      }
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  /* -- A paper's BibTeX: a copy button -------------------------------------------------------- */

  function setUpCopy(block) {
    const pre = block.querySelector("pre");
    if (!pre || !navigator.clipboard) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ws-bibtex-copy";
    button.textContent = say("copy");
    const status = document.createElement("span");
    status.className = "ws-tz-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(pre.textContent.trim() + "\n").then(function () {
        status.textContent = say("copied");
      }, function () { /* not allowed here: the text can still be selected */ });
    });
    const bar = document.createElement("p");
    bar.className = "ws-tz-bar";
    bar.append(button, status);
    block.after(bar);
  }

  function start() {
    if (!LABELS) return; // a page the extension did not write: venue times, as printed
    const now = new Date();
    setUpToggle();
    setUpCountdowns(now);
    setUpBanner(now);
    document.querySelectorAll("script.ws-papers-data").forEach(setUpPaperSearch);
    document.querySelectorAll(".ws-bibtex").forEach(setUpCopy);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
