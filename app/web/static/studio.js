// nightreel studio: plain JavaScript, no build step. Talks to the server with fetch (CSRF header on
// every POST) and listens to one Server-Sent Events stream for chat replies, job progress and changes.
(function () {
  "use strict";
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const body = document.body;
  const sb = body.dataset.sb || "";
  let version = parseInt(body.dataset.version || "0", 10);
  const client = Math.random().toString(36).slice(2);
  const pending = new Map();   // turn id -> bubble element
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));

  function notice(text, kind) {
    const n = $("#notice");
    if (!n) return;
    n.textContent = text;
    n.className = "notice " + (kind || "");
    n.hidden = !text;
  }

  async function post(url, data) {
    const r = await fetch(url, {method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRF-Token": csrf}, body: JSON.stringify(data)});
    let out = {};
    try { out = await r.json(); } catch (e) { out = {error: "HTTP " + r.status}; }
    if (!r.ok) { const err = new Error(out.error || ("HTTP " + r.status)); err.which = out.which; throw err; }
    return out;
  }

  async function refresh(id, url) {
    const el = $(id);
    if (!el) return;
    const r = await fetch(url, {credentials: "same-origin"});
    if (r.ok) el.innerHTML = await r.text();
  }

  function setStatus(st) {
    const down = [];
    for (const key of ["planner", "comfy"]) {
      const s = st[key], chip = $("#status-" + key);
      if (!s) continue;
      if (chip) { chip.textContent = s.name + ": " + s.state; chip.className = "chip " + s.state; chip.title = s.detail; }
      if (s.state === "down") down.push(s.name + " is down: " + s.detail);
    }
    const d = $("#down");
    if (d) { d.innerHTML = ""; down.forEach(t => { const p = document.createElement("p"); p.textContent = t; d.appendChild(p); }); d.hidden = !down.length; }
  }

  // -- chat ------------------------------------------------------------------------------------
  function bubble(kind, text, html) {
    const t = $("#transcript");
    const hint = $(".hint", t);
    if (hint) hint.remove();
    const div = document.createElement("div");
    div.className = "msg " + kind;
    if (html !== undefined) div.innerHTML = html; else div.textContent = text;
    t.appendChild(div);
    t.scrollTop = t.scrollHeight;
    return div;
  }

  function onTurn(rec) {
    const el = pending.get(rec.turn);
    if (!el || rec.phase === "thinking") return;
    pending.delete(rec.turn);
    if (rec.phase === "error") {
      el.className = "msg error";
      el.textContent = rec.error + (rec.which === "planner" ? " — your message is back in the box; nothing was lost." : "");
      const box = $("#chat-line");
      if (box && !box.value) box.value = rec.line;
      return;
    }
    if (rec.sb && rec.sb !== sb) { window.location.href = "/sb/" + encodeURIComponent(rec.sb); return; }
    el.className = "msg planner";
    el.innerHTML = rec.html;   // rendered on the server from Markdown with raw HTML escaped
    for (const st of (rec.steps || [])) {   // each tool the planner called, as a collapsible step
      const d = document.createElement("details");
      d.className = "step" + (st.ok ? "" : " retry");
      const sum = document.createElement("summary");
      sum.textContent = (st.by === "rule" ? "rule: " : "tool: ") + st.tool + "(" +
        Object.entries(st.args || {}).map(([k, v]) => k + "=" + JSON.stringify(v)).join(", ") + ")";
      const pre = document.createElement("pre");
      pre.textContent = st.result;
      d.append(sum, pre);
      el.appendChild(d);
    }
    refresh("#panels", "/sb/" + sb + "/panels").then(() => {
      const p = $("#panels .panels"); if (p) { version = parseInt(p.dataset.version, 10); setVersion(); }
    });
  }

  function setVersion() { const v = $("#version"); if (v) v.textContent = "v" + version; }

  const form = $("#chat-form");
  if (form) form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const box = $("#chat-line"), line = box.value.trim();
    if (!line) return;
    const shots = $("#chat-shots");
    bubble("you", line);
    const wait = bubble("planner thinking", "thinking…");
    box.value = "";
    try {
      const r = await post("/api/chat", {line, sb: sb || null, shots: shots ? parseInt(shots.value, 10) : null, client});
      pending.set(r.turn, wait);
      const rec = await (await fetch("/api/turn/" + r.turn, {credentials: "same-origin"})).json();
      onTurn(rec);
    } catch (e) {
      wait.className = "msg error";
      wait.textContent = e.message + " — your message is back in the box; nothing was lost.";
      box.value = line;
    }
  });

  // -- storyboard edits ----------------------------------------------------------------------------
  function collect() {
    return $$("#panels .panel").map(p => ({
      id: p.dataset.shot,
      title: $(".f-title", p).value, duration_s: parseFloat($(".f-duration", p).value),
      positive: $(".f-positive", p).value, negative: $(".f-negative", p).value,
      camera: $(".f-camera", p).value, lighting: $(".f-lighting", p).value,
      expectations: {people: $(".e-people", p).value, camera: $(".e-camera", p).value, motion: $(".e-motion", p).value,
        loopable: $(".e-loopable", p).checked, text_in_frame: $(".e-text", p).checked},
    }));
  }

  const saveBtn = $("#save-board");
  if (saveBtn) saveBtn.addEventListener("click", async () => {
    try {
      const r = await post("/api/sb/" + sb + "/save", {version, shots: collect(), client});
      version = r.version; setVersion();
      notice(r.conflict ? "Saved, but: " + r.conflict : "Saved as v" + r.version + ".", r.conflict ? "warn" : "ok");
    } catch (e) { notice("Not saved: " + e.message, "warn"); }
  });

  $$("button.render").forEach(b => b.addEventListener("click", async () => {
    const note = $("#render-note");
    try {
      const r = await post("/api/sb/" + sb + "/render", {tier: b.dataset.tier});
      if (note) note.textContent = r.note;
    } catch (e) { if (note) note.textContent = ""; notice("Cannot render: " + e.message, "warn"); }
  }));

  // -- dailies -----------------------------------------------------------------------------------
  document.addEventListener("click", async (ev) => {
    const b = ev.target.closest(".review button");
    if (!b) return;
    const card = b.closest(".card");
    try {
      await post("/api/review", {item: card.dataset.item, action: b.dataset.action, note: $(".note", card).value});
      await refreshDailies();
    } catch (e) { notice("Not recorded: " + e.message, "warn"); }
  });

  function refreshDailies() {
    return refresh("#dailies", body.dataset.page === "dailies" ? "/dailies-fragment" : "/sb/" + sb + "/dailies");
  }

  $("#board-pick") && $("#board-pick").addEventListener("change", (ev) => {
    window.location.href = ev.target.value ? "/sb/" + encodeURIComponent(ev.target.value) : "/";
  });

  // -- live events -------------------------------------------------------------------------------
  const es = new EventSource("/events");
  es.addEventListener("status", (e) => setStatus(JSON.parse(e.data)));
  es.addEventListener("chat", (e) => onTurn(JSON.parse(e.data)));
  es.addEventListener("job", (e) => {
    const j = JSON.parse(e.data);
    if (j.sb !== sb) return;
    const box = $('.progress[data-shot="' + CSS.escape(j.shot) + '"]');
    if (!box) return;
    $("progress", box).value = j.fraction;
    let text = j.tier + ": " + j.state;
    if (j.verdict) text += " · critic: " + j.verdict; else if (j.judging) text += " · judging…";
    if (j.error) text += " — " + j.error;
    $(".state", box).textContent = text;
  });
  es.addEventListener("item", (e) => { const d = JSON.parse(e.data); if (!sb || d.sb === sb) refreshDailies(); });
  es.addEventListener("board", (e) => {
    const d = JSON.parse(e.data);
    if (d.sb !== sb || d.client === client || d.version <= version) return;
    notice("This storyboard was changed in another tab (now v" + d.version + "). Reload to see it; if you save your " +
           "edits instead, they win and the other version is kept.", "warn");
  });
  es.addEventListener("hello", () => {   // (re)connected: catch up on turns we may have missed
    pending.forEach(async (_, turn) => {
      const r = await fetch("/api/turn/" + turn, {credentials: "same-origin"});
      if (r.ok) onTurn(await r.json());
    });
  });
})();
