/* Staff console pages: the chat pane with its reasons, and the saved-tests runner.
 * Everything from the bot or the person enters the page as text nodes (never innerHTML). */
(function () {
  "use strict";
  var csrf = document.querySelector('meta[name="csrf-token"]').content;

  function api(path, body) {
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {}),
    }).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) throw new Error(data.error || "Request failed (" + r.status + ")");
        return data;
      });
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function status(text) {
    var s = document.getElementById("status");
    if (s) s.textContent = text;
  }

  // Phone numbers and links as the widget shows them (the same patterns as widget/src/harmbot-widget.js).
  var LINKS = /\b([Cc]all) or (text (\d{3,6}))\b|\b[Tt]ext ([A-Z]{2,}) to (\d[\d-]{1,10}\d)\b|\b[Tt]ext (\d[\d-]{1,10}\d)\b|(\b1-\d{3}-\d{3}-\d{4}\b|\b\d{3}-\d{3}-\d{4}\b|\b2-1-1\b|\b(?:911|988|211|711)\b)|(https:\/\/[^\s<>"'()]*[^\s<>"'().,;:!?])/g;

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    if (/^https:/.test(href)) a.rel = "noreferrer";
    return a;
  }

  function appendLine(parent, line) {
    var last = 0, m, d = function (t) { return t.replace(/\D/g, ""); };
    LINKS.lastIndex = 0;
    while ((m = LINKS.exec(line)) !== null) {
      parent.appendChild(document.createTextNode(line.slice(last, m.index)));
      if (m[1]) {
        parent.appendChild(link("tel:" + d(m[3]), m[1]));
        parent.appendChild(document.createTextNode(" or "));
        parent.appendChild(link("sms:" + d(m[3]), m[2]));
      } else if (m[4]) parent.appendChild(link("sms:" + d(m[5]) + "?body=" + encodeURIComponent(m[4]), m[0]));
      else if (m[6]) parent.appendChild(link("sms:" + d(m[6]), m[0]));
      else if (m[7]) parent.appendChild(link("tel:" + d(m[7]), m[0]));
      else parent.appendChild(link(m[8], m[0]));
      last = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  function appendText(parent, text) {
    String(text || "").split("\n").forEach(function (line, i) {
      if (i > 0) parent.appendChild(document.createElement("br"));
      appendLine(parent, line);
    });
    return parent;
  }

  // ---------- the chat pane ----------

  function setupChat(chat) {
    var sender = chat.dataset.sender;
    var turns = document.getElementById("turns");
    var input = document.getElementById("message");
    var busy = false;
    // What was sent on each turn (text or a button's payload), to replay a conversation up to a turn.
    var sent = [];

    function view() {
      return document.querySelector('input[name="view"]:checked').value;
    }

    function applyView() {
      var v = view();
      chat.querySelectorAll(".widget-view").forEach(function (n) { n.hidden = v !== "widget"; });
      chat.querySelectorAll(".sms-view").forEach(function (n) { n.hidden = v !== "sms"; });
    }

    function pct(x) {
      return x === null || x === undefined ? "" : " " + (x * 100).toFixed(0) + "%";
    }

    function reasonsList(r) {
      var dl = el("dl");
      function row(term, value) {
        dl.appendChild(el("dt", null, term));
        var dd = el("dd");
        if (typeof value === "string") dd.textContent = value || "none";
        else dd.appendChild(value);
        dl.appendChild(dd);
      }
      row("Intent", (r.intent.name || "?") + pct(r.intent.confidence));
      row("Next candidates", r.candidates.map(function (c) { return c.name + pct(c.confidence); }).join(", "));
      var level = r.risk.level || (r.risk.category.length ? "flagged" : "none");
      var risk = el("span");
      risk.appendChild(el("span", "risk-badge", level));
      var extra = [r.risk.kind].concat(r.risk.category).filter(Boolean).join(", ");
      if (extra) risk.appendChild(document.createTextNode(" " + extra));
      row("Risk level", risk);
      row("Entities", r.entities.map(function (e) { return e.entity + "=" + JSON.stringify(e.value); }).join(", "));
      row("Slots changed", r.slots.map(function (s) { return s.name + "=" + JSON.stringify(s.value); }).join(", "));
      var actions = el("ol");
      r.actions.forEach(function (a) {
        actions.appendChild(el("li", null, a.name + " (" + (a.policy || "?").replace(/^policy_\d+_/, "") + pct(a.confidence) + ")"));
      });
      row("Actions (policy)", r.actions.length ? actions : "");
      row("Responses", r.responses.join(", "));
      return dl;
    }

    function renderTurn(text, shown, data) {
      var li = el("li", "turn");
      var said = el("p", "said");
      said.appendChild(el("span", "visually-hidden", "Staff said: "));
      said.appendChild(document.createTextNode(shown));
      li.appendChild(said);
      sent.push({ text: text, shown: shown });
      // Start in the middle: a new conversation that replays everything up to this turn.
      var upTo = sent.length;
      var fork = el("button", "fork", "New conversation up to here");
      fork.type = "button";
      fork.setAttribute("aria-label", "New conversation replaying turns 1 to " + upTo);
      fork.addEventListener("click", function () { replay(sent.slice(0, upTo)); });
      var bot = el("div", "bot");
      var widget = el("div", "widget-view");
      widget.setAttribute("role", "group");  // a plain div's label is not announced
      widget.setAttribute("aria-label", "Reply as the website widget shows it");
      data.messages.forEach(function (m) {
        var bubble = el("div", "bubble");
        appendText(bubble, m.text);
        if (m.buttons.length) {
          var group = el("div", "choices");
          m.buttons.forEach(function (title, i) {
            var b = el("button", "choice", title);
            b.type = "button";
            b.addEventListener("click", function () { send(m.payloads[i], title); });
            group.appendChild(b);
          });
          bubble.appendChild(group);
        }
        widget.appendChild(bubble);
      });
      var sms = el("div", "sms-view");
      sms.setAttribute("role", "group");  // a plain div's label is not announced
      sms.setAttribute("aria-label", "Reply as it would arrive by SMS");
      data.sms.forEach(function (body, i) {
        var text = el("div", "bubble sms");
        text.appendChild(el("span", "sms-part", "Text " + (i + 1) + " of " + data.sms.length + " (" + body.length + " characters)"));
        text.appendChild(document.createTextNode(body));
        sms.appendChild(text);
      });
      bot.appendChild(widget);
      bot.appendChild(sms);
      bot.appendChild(fork);  // under the reply, where the sticky reasons beside it never cover it
      li.appendChild(bot);
      var reasons = el("aside", "reasons risk-" + (data.reasons.risk.level || "none"));
      reasons.setAttribute("aria-label", "Why the bot answered this way");
      reasons.appendChild(reasonsList(data.reasons));
      li.appendChild(reasons);
      turns.appendChild(li);
      applyView();
      turns.scrollTop = turns.scrollHeight;
    }

    function send(text, shown) {
      if (busy || !text) return Promise.resolve();
      busy = true;
      status("Waiting for the bot…");
      return api("/api/turn", { sender: sender, text: text })
        .then(function (data) { renderTurn(text, shown || text, data); status(""); return true; })
        .catch(function (err) { status(err.message); return false; })
        .then(function (ok) { busy = false; input.focus(); return ok; });
    }

    function restart() {
      return api("/api/restart").then(function (data) {
        sender = data.sender;
        chat.dataset.sender = sender;
        document.getElementById("sender").textContent = sender;
        turns.textContent = "";
        sent = [];
        status("New conversation " + sender + ".");
      });
    }

    function replay(steps) {
      if (busy) return Promise.resolve();
      return restart().then(function () {
        // One turn after another; a turn the bot did not answer stops the replay (its error stays shown).
        return steps.reduce(function (done, step) {
          return done.then(function (ok) { return ok ? send(step.text, step.shown) : false; });
        }, Promise.resolve(true));
      }).then(function (ok) {
        if (ok) status("Replayed " + steps.length + " turns in a new conversation " + sender + ".");
      });
    }

    document.getElementById("say").addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      input.value = "";
      send(text);
    });
    document.getElementById("restart").addEventListener("click", restart);
    document.getElementById("jump").addEventListener("click", function () {
      var flow = document.getElementById("flow");
      var option = flow.options[flow.selectedIndex];
      restart().then(function () { return send(option.value, option.textContent); });
    });
    document.querySelectorAll('input[name="view"]').forEach(function (r) { r.addEventListener("change", applyView); });
    document.getElementById("save").addEventListener("click", function () {
      api("/api/save", { sender: sender, name: document.getElementById("story-name").value })
        .then(function (data) { status("Saved as " + data.file + "."); })
        .catch(function (err) { status(err.message); });
    });
  }

  // ---------- saved tests ----------

  function setupTests(button) {
    button.addEventListener("click", function () {
      button.disabled = true;
      status("Running saved tests against the running bot…");
      api("/api/tests/run").then(function (data) {
        var passed = 0;
        data.results.forEach(function (r) {
          var row = document.querySelector('tr[data-file="' + CSS.escape(r.file) + '"]');
          if (!row) return;
          var cell = row.querySelector(".result");
          cell.textContent = r.passed ? "pass" : "fail";
          cell.className = "result " + (r.passed ? "pass" : "fail");
          row.querySelector(".diff").textContent = r.difference || "";
          passed += r.passed ? 1 : 0;
        });
        status(passed + " of " + data.results.length + " passed.");
      }).catch(function (err) { status(err.message); })
        .then(function () { button.disabled = false; });
    });
  }

  var chat = document.getElementById("chat");
  if (chat) setupChat(chat);
  var run = document.getElementById("run-tests");
  if (run) setupTests(run);
})();
