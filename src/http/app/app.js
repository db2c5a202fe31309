// The cleaners' page: today's jobs of the token's cleaner, with On my way,
// Start, Finish and a note. Plain script, no build step; the words come
// from the page (the server fills them in from its catalogue).
"use strict";

const W = JSON.parse(document.getElementById("words").textContent);
const KEY = "renos-token";
const DAY = "renos-day"; // the last day seen, shown when offline
const POLL_MS = 30000;
const RETRY_MS = 5000;

let token = null;
let jobs = [];
let notes = {}; // unsent note text by job, kept across re-renders
let messages = {}; // the last answer by job: { text, bad }
let socket = null;
let pollTimer = null;
let retryTimer = null;

function say(key, vars) {
  let s = W[key] || key;
  for (const [k, v] of Object.entries(vars || {})) s = s.split("{" + k + "}").join(v);
  return s;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

// The token from the link (#token=…), kept in localStorage and taken off
// the address bar.
function login() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const given = hash.get("token");
  if (given) {
    // Another cleaner's link: the day kept is not theirs.
    if (given !== localStorage.getItem(KEY)) localStorage.removeItem(DAY);
    localStorage.setItem(KEY, given);
    history.replaceState(null, "", location.pathname + location.search);
  }
  token = localStorage.getItem(KEY);
}

function offline(on) {
  const b = document.getElementById("offline");
  b.textContent = W["offline"];
  b.hidden = !on;
}

// A call to the API: the JSON answer, or an Error with the server's
// sentence; a failed fetch shows the offline banner and tries again.
async function api(method, path, body) {
  let r;
  try {
    r = await fetch(path, {
      method,
      headers: Object.assign(
        { Authorization: "Bearer " + token },
        body ? { "Content-Type": "application/json" } : {}
      ),
      body: body ? JSON.stringify(body) : undefined,
      cache: "no-store",
    });
  } catch (e) {
    offline(true);
    clearTimeout(retryTimer);
    retryTimer = setTimeout(load, RETRY_MS);
    throw new Error(W["offline"]);
  }
  offline(false);
  let data = null;
  try {
    data = await r.json();
  } catch (e) {
    data = null;
  }
  if (!r.ok) throw new Error((data && data.error) || r.status + " " + r.statusText);
  return data;
}

async function load() {
  if (!token) return;
  try {
    const day = await api("GET", "/api/v1/app/day");
    show(day);
    try {
      localStorage.setItem(DAY, JSON.stringify(day));
    } catch (e) {
      // A full storage only loses the offline copy.
    }
  } catch (e) {
    if (!jobs.length) showEmpty(e.message);
  }
}

// The last day seen, from before the page was closed.
function kept() {
  try {
    const day = JSON.parse(localStorage.getItem(DAY) || "null");
    return day && Array.isArray(day.jobs) ? day : null;
  } catch (e) {
    return null;
  }
}

function show(day) {
  jobs = day.jobs;
  const d = new Date(day.date + "T12:00:00");
  document.getElementById("today").textContent = say("today", {
    date: d.toLocaleDateString(document.documentElement.lang, {
      weekday: "long",
      day: "numeric",
      month: "long",
    }),
  });
  render();
}

function showEmpty(text) {
  const main = document.getElementById("jobs");
  main.replaceChildren(el("p", { class: "empty" }, text));
}

function render() {
  const main = document.getElementById("jobs");
  if (!jobs.length) return showEmpty(W["no-jobs"]);
  main.replaceChildren(...jobs.map(card));
}

function card(j) {
  const status = el("span", { class: "status " + j.status }, W["status-" + j.status] || j.status);
  const way =
    j.on_the_way && j.status === "scheduled"
      ? el("span", { class: "status way" }, W["on-the-way"])
      : null;
  const links = el("div", { class: "links" });
  if (j.address) {
    links.append(
      el(
        "a",
        {
          href: "https://www.openstreetmap.org/search?query=" + encodeURIComponent(j.address),
          target: "_blank",
          rel: "noopener",
          title: W["map"],
          "aria-label": W["map"] + ": " + j.address,
        },
        j.address
      )
    );
  }
  if (j.phone) {
    links.append(el("a", { href: "tel:" + j.phone.replace(/\s+/g, "") }, say("call", { phone: j.phone })));
  }
  const access = j.access ? el("div", { class: "access" }, el("b", {}, W["access"]), j.access) : null;
  const buttons = el("div", { class: "buttons" });
  if (j.status === "scheduled") {
    buttons.append(
      el("button", { class: "way", "data-act": "on-my-way", onclick: (e) => act(e, j, "on-my-way") }, W["on-my-way"]),
      el("button", { class: "start", "data-act": "start", onclick: (e) => act(e, j, "start") }, W["start"])
    );
  } else if (j.status === "in_progress") {
    buttons.append(
      el("button", { class: "finish", "data-act": "finish", onclick: (e) => act(e, j, "finish") }, W["finish"])
    );
  }
  const area = el("textarea", { placeholder: W["note"], "aria-label": W["note"], rows: "1" });
  area.value = notes[j.id] || "";
  area.addEventListener("input", () => (notes[j.id] = area.value));
  const note = el(
    "div",
    { class: "note" },
    area,
    el("button", { class: "save", "data-act": "note", onclick: (e) => saveNote(e, j, area) }, W["note-save"])
  );
  const m = messages[j.id];
  const msg = m ? el("p", { class: "msg" + (m.bad ? " bad" : ""), role: "status" }, m.text) : null;
  return el(
    "article",
    { class: "job " + j.status, "data-job": String(j.id) },
    el("div", { class: "top" }, el("span", { class: "time" }, j.start + "–" + j.end), el("span", {}, way, " ", status)),
    el("h2", {}, j.customer),
    el("p", { class: "service" }, j.service),
    links,
    access,
    buttons.children.length ? buttons : null,
    note,
    msg
  );
}

async function act(event, job, what) {
  event.target.disabled = true;
  try {
    const r = await api("POST", "/api/v1/bookings/" + job.id + "/" + what);
    let text;
    if (what === "on-my-way") {
      text = r.sent ? say("told", { time: r.expected }) : W["already-told"];
    } else {
      text = W[what === "start" ? "started" : "finished"];
    }
    messages[job.id] = { text, bad: false };
  } catch (e) {
    messages[job.id] = { text: say("failed", { error: e.message }), bad: true };
  }
  await load();
  render();
}

async function saveNote(event, job, area) {
  const text = area.value.trim();
  if (!text) return;
  event.target.disabled = true;
  try {
    await api("POST", "/api/v1/bookings/" + job.id + "/note", { text });
    delete notes[job.id];
    messages[job.id] = { text: W["note-saved"], bad: false };
  } catch (e) {
    messages[job.id] = { text: say("failed", { error: e.message }), bad: true };
  }
  await load();
  render();
}

// Live updates from the feed; without it, the day is fetched every 30 s.
function live() {
  try {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + location.host + "/api/v1/ws?token=" + encodeURIComponent(token));
  } catch (e) {
    return polling(true);
  }
  socket.onopen = () => polling(false);
  socket.onmessage = (e) => {
    let ev = {};
    try {
      ev = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    if (ev.type === "booking_changed" || ev.type === "reload" || ev.type === "missed") load();
  };
  socket.onclose = () => {
    socket = null;
    polling(true);
  };
}

function polling(on) {
  document.getElementById("live-off").hidden = !on;
  clearInterval(pollTimer);
  pollTimer = null;
  if (on) {
    pollTimer = setInterval(() => {
      load();
      if (!socket) live();
    }, POLL_MS);
  }
}

function start() {
  document.getElementById("live-off").textContent = W["live-off"];
  login();
  if (!token) return showEmpty(W["login"]);
  const day = kept();
  if (day) show(day);
  else showEmpty(W["loading"]);
  // The page's files kept on the phone, so it opens offline too.
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("/app/sw.js").catch(() => {});
  load();
  live();
  addEventListener("online", load);
  addEventListener("offline", () => offline(true));
}

start();
