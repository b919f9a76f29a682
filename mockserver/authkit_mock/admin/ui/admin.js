// The admin page: reads and drives the admin API (openapi/admin.yaml). Everything is built with textContent,
// never innerHTML, so nothing a client sent can run as markup here.
"use strict";
(function () {
  const ADMIN = "/__admin";
  const POLL_MS = 1000;
  const $ = (id) => document.getElementById(id);
  let selected = null; // the journal entry shown in detail
  let journal = [];
  let polling = false;

  async function call(method, path, body) {
    const init = {method, headers: {}};
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const answer = await fetch(ADMIN + path, init);
    const text = await answer.text();
    const data = text ? JSON.parse(text) : null;
    if (!answer.ok) {
      throw new Error((data && (data.detail || data.error)) || answer.status + " " + answer.statusText);
    }
    return data;
  }

  function say(text, ok) {
    const message = $("message");
    message.textContent = text;
    message.className = ok ? "message ok" : "message error";
  }

  function cell(row, value, className) {
    const td = row.insertCell();
    td.textContent = value === null || value === undefined ? "—" : String(value);
    if (className) td.className = className;
    return td;
  }

  function fill(tableId, items, columns, onRow) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren();
    if (items.length === 0) {
      const td = body.insertRow().insertCell();
      td.colSpan = $(tableId).tHead.rows[0].cells.length;
      td.className = "muted";
      td.textContent = "nothing yet";
      return;
    }
    for (const item of items) {
      const row = body.insertRow();
      columns.forEach((column) => (typeof column === "function" ? column(row, item) : cell(row, item[column])));
      if (onRow) onRow(row, item);
    }
  }

  const clockTime = (iso) => (iso ? iso.replace("T", " ").replace(/\.\d+/, "").replace("Z", " UTC") : null);
  const shortTime = (iso) => (iso ? iso.slice(11, 19) : "");
  const statusClass = (status) => "status s" + String(status)[0] + "xx";

  // -- clock, health, reset ------------------------------------------------------------------------------------

  async function refreshClock() {
    const clock = await call("GET", "/clock");
    $("clock-now").textContent = clockTime(clock.now);
    $("clock-offset").textContent = clock.offset_seconds ? "(moved forward " + clock.offset_seconds + " s)" : "(real time)";
  }

  async function refreshHealth() {
    const health = await call("GET", "/health");
    $("health").textContent = "up · " + health.apis.join(", ");
  }

  $("clock-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await call("POST", "/clock/advance", {seconds: Number($("clock-seconds").value)});
      await refreshClock();
      say("Clock moved forward " + $("clock-seconds").value + " s.", true);
    } catch (error) {
      say("Clock: " + error.message, false);
    }
  });

  $("reset").addEventListener("click", async () => {
    try {
      await call("POST", "/reset");
      selected = null;
      await refresh(true);
      say("Reset to the seed.", true);
    } catch (error) {
      say("Reset: " + error.message, false);
    }
  });

  // -- journal ---------------------------------------------------------------------------------------------------

  function showEntry(entry) {
    selected = entry ? entry.id : null;
    $("entry").hidden = !entry;
    if (!entry) return;
    $("entry-title").textContent = "#" + entry.id + " " + entry.method + " " + entry.path +
      (entry.query ? "?" + entry.query : "") + " → " + entry.status;
    $("entry-headers").textContent = Object.entries(entry.request_headers).map(([k, v]) => k + ": " + v).join("\n");
    $("entry-request").textContent = pretty(entry.request_body);
    $("entry-response").textContent = pretty(entry.response_body);
    for (const row of $("journal").tBodies[0].rows) row.classList.toggle("selected", row.dataset.id === String(selected));
  }

  function pretty(body) {
    if (!body) return "(empty)";
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch (_) {
      return body;
    }
  }

  let journalShown = ""; // the ids on screen: rows are rebuilt only when they change, so a click lands

  async function refreshJournal() {
    journal = (await call("GET", "/journal?limit=200")).items;
    const ids = journal.map((e) => e.id).join(",");
    if (ids === journalShown) return;
    journalShown = ids;
    fill("journal", journal, [
      "id",
      (row, e) => cell(row, shortTime(e.time)),
      "api",
      "operation",
      "method",
      (row, e) => cell(row, e.path + (e.query ? "?" + e.query : ""), "path"),
      (row, e) => cell(row, e.status, statusClass(e.status)),
      (row, e) => cell(row, e.duration_ms.toFixed(1), "number"),
    ], (row, e) => {
      row.dataset.id = String(e.id);
      row.tabIndex = 0;
      row.classList.toggle("selected", e.id === selected);
      row.addEventListener("click", () => showEntry(e));
      row.addEventListener("keydown", (event) => { if (event.key === "Enter") showEntry(e); });
    });
    if (selected !== null && !journal.some((e) => e.id === selected)) showEntry(null);
  }

  $("journal-clear").addEventListener("click", async () => {
    await call("DELETE", "/journal");
    showEntry(null);
    await refreshJournal();
  });

  // -- faults ----------------------------------------------------------------------------------------------------

  let operations = {};

  function fillOperations() {
    const select = $("fault-operation");
    select.replaceChildren(new Option("* (every operation)", "*"));
    for (const operation of operations[$("fault-api").value] || []) select.add(new Option(operation, operation));
  }

  async function loadOperations() {
    operations = await call("GET", "/ui/operations");
    const apis = $("fault-api");
    apis.replaceChildren(...Object.keys(operations).map((api) => new Option(api, api)));
    fillOperations();
  }

  $("fault-api").addEventListener("change", fillOperations);

  async function refreshFaults() {
    const faults = (await call("GET", "/faults")).items;
    fill("faults", faults, [
      "id", "api", "operation", "status",
      (row, f) => cell(row, f.delay_ms ? f.delay_ms + " ms" : "—"),
      (row, f) => cell(row, f.remaining === null ? "∞" : f.remaining),
      (row, f) => {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = "Switch off";
        button.addEventListener("click", async () => {
          await call("DELETE", "/faults/" + f.id);
          await refreshFaults();
        });
        row.insertCell().append(button);
      },
    ]);
  }

  $("fault-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const fault = {api: $("fault-api").value, operation: $("fault-operation").value,
      delay_ms: Number($("fault-delay").value || 0)};
    if ($("fault-status").value) fault.status = Number($("fault-status").value);
    if ($("fault-count").value) fault.count = Number($("fault-count").value);
    try {
      const made = await call("POST", "/faults", fault);
      await refreshFaults();
      say("Fault " + made.id + " is on: " + made.api + " " + made.operation + ".", true);
    } catch (error) {
      say("Fault: " + error.message, false);
    }
  });

  $("faults-clear").addEventListener("click", async () => {
    await call("DELETE", "/faults");
    await refreshFaults();
  });

  // -- demo data -------------------------------------------------------------------------------------------------

  async function refreshState() {
    const [users, sessions, applications, tokens, streams, pollers] = await Promise.all(
      ["/users", "/sessions", "/applications", "/tokens", "/streams", "/poller-tokens"].map((path) => call("GET", path)));
    fill("users", users.items, ["api", "id", "email", "name", "subject"]);
    fill("sessions", sessions.items, ["api", "id", "user",
      (row, s) => cell(row, clockTime(s.created_at)), (row, s) => cell(row, clockTime(s.expires_at) || "never"),
      (row, s) => cell(row, s.active ? "yes" : "no")]);
    fill("applications", applications.items, ["id", "uid", "name", (row, a) => cell(row, clockTime(a.created_at))]);
    // One row per sink (a stream without sinks gets one row of its own).
    const sinkRows = streams.items.flatMap((s) => (s.sinks.length ? s.sinks : [null]).map((k) => ({stream: s, sink: k})));
    fill("streams", sinkRows, [(row, r) => cell(row, r.stream.id), (row, r) => cell(row, r.stream.uid),
      (row, r) => cell(row, r.stream.name), (row, r) => cell(row, r.sink ? r.sink.id : "(no sinks)"),
      (row, r) => cell(row, r.sink ? r.sink.uid : ""), (row, r) => cell(row, r.sink ? r.sink.poller_token || "expired" : "", "token"),
      (row, r) => cell(row, clockTime(r.stream.expires_at) || "never")]);
    fill("poller-tokens", pollers.items, ["stream_id", "sink_id", (row, p) => cell(row, p.token, "token"),
      (row, p) => cell(row, p.current ? "yes" : "no"), (row, p) => cell(row, p.live ? "yes" : "no"),
      (row, p) => cell(row, clockTime(p.expires_at) || "never")]);
    fill("tokens", tokens.items, ["api", "kind", (row, t) => {
      // JWTs are long: show the start, keep the whole value in the tooltip (and in the API).
      const shown = t.token.length > 48 ? t.token.slice(0, 44) + "…" : t.token;
      cell(row, shown, "token").title = t.token;
    }, (row, t) => cell(row, t.app_id || t.stream_id), (row, t) => cell(row, t.session_id), (row, t) => cell(row, grants(t.grants)),
      (row, t) => cell(row, clockTime(t.expires_at) || "never"), (row, t) => cell(row, t.revoked ? "yes" : "no")]);
  }

  function grants(g) {
    // What a svix portal token carries: capabilities, feature flags, the deprecated read-only.
    if (!g) return "";
    const parts = [];
    if (g.capabilities) parts.push(g.capabilities.join(" "));
    if (g.feature_flags.length) parts.push("flags: " + g.feature_flags.join(" "));
    if (g.read_only !== null) parts.push("readOnly: " + g.read_only);
    return parts.join("; ");
  }

  async function add(path, body, what) {
    try {
      const made = await call("POST", path, body);
      await refreshState();
      say("Added " + what + " " + made.id + ".", true);
      return true;
    } catch (error) {
      say(what + ": " + error.message, false);
      return false;
    }
  }

  $("stream-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const stream = {name: $("stream-name").value};
    if ($("stream-uid").value) stream.uid = $("stream-uid").value;
    if (await add("/streams", stream, "stream")) $("stream-form").reset();
  });

  $("sink-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const path = "/streams/" + encodeURIComponent($("sink-stream").value) + "/sinks";
    if (await add(path, {name: $("sink-name").value}, "sink")) $("sink-name").value = "";
  });

  $("token-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const token = {api: "svix", kind: "org_key"};
    if ($("token-value").value) token.token = $("token-value").value;
    try {
      const made = await call("POST", "/tokens", token);
      $("token-value").value = "";
      await refreshState();
      say("Added svix org key " + made.token + ".", true);
    } catch (error) {
      say("Token: " + error.message, false);
    }
  });

  // -- polling ---------------------------------------------------------------------------------------------------

  async function refresh(all) {
    if (polling) return;
    polling = true;
    try {
      const work = [refreshClock(), refreshFaults(), refreshState()];
      if (all || $("journal-live").checked) work.push(refreshJournal());
      await Promise.all(work);
      $("health").classList.remove("down");
    } catch (error) {
      $("health").textContent = "not reachable: " + error.message;
      $("health").classList.add("down");
    } finally {
      polling = false;
    }
  }

  (async function start() {
    try {
      await Promise.all([refreshHealth(), loadOperations()]);
    } catch (error) {
      say("The admin API did not answer: " + error.message, false);
    }
    await refresh(true);
    setInterval(() => refresh(false), POLL_MS);
  })();
})();
