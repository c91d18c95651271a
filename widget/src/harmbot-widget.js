/*
 * Website chat widget for the harm-reduction peer-support bot (Rasa socket.io channel).
 *
 * Embed on any page with a config object and one script tag:
 *   <script>window.HarmbotConfig = {socketUrl: "https://bot.example.org", exitUrl: "https://www.google.com/search?q=weather"};</script>
 *   <script src="https://www.example.org/harmbot/harmbot-widget.js" defer></script>
 * It loads messages.js, harmbot-widget.css and vendor/socket.io.min.js from its own folder.
 *
 * Safety: message content only ever enters the page as text nodes (never innerHTML); tel:/sms: links are
 * built from digits only, other links only from text that starts with https://. The conversation
 * (session id and what was shown) lives in sessionStorage only, so closing the tab forgets it; quick
 * exit wipes it and replaces the page.
 *
 * Language: the widget's own lines (messages.js) are in English, or in Spanish when the browser's language
 * starts with "es" (or HarmbotConfig.language is "es"); once the bot has answered, they follow the bot's
 * language. The welcome is asked for in the same language ("hola"), so the bot starts in it too.
 */
(function () {
  "use strict";
  if (window.HarmbotWidget) return;
  window.HarmbotWidget = { version: "1.0.0" };

  var script = document.currentScript;
  var scriptFolder = script && script.src ? script.src.replace(/[^/]*$/, "") : "";

  var DEFAULTS = {
    socketUrl: "http://127.0.0.1:5005",
    socketPath: "/socket.io",
    // A neutral page; replaced, not pushed, so Back does not come back to the chat.
    exitUrl: "https://www.google.com/search?q=weather",
    assetsUrl: scriptFolder,
    socketIoClientUrl: "",
    // Sent (not shown) when a new conversation starts, so the bot says its welcome ("" = the language's own:
    // "hi" or "hola", messages.js).
    initMessage: "",
    // "en", "es", or "" to choose from the browser's language and then the bot's.
    language: "",
    storageKey: "harmbot-chat",
    connectTimeoutMs: 8000,
    replyTimeoutMs: 20000,
    maxHistory: 200,
    openOnLoad: false,
    messages: {},
    messagesEs: {},
  };
  var LANGUAGES = ["en", "es"];

  var cfg = {};
  var M = {};
  var state, socket, sessionReady, replyTimer, turnStart, awaitingConfirm, language;
  var ui = {};

  // ---------- start-up: messages, then styles, then the UI; socket.io only when the chat opens ----------

  function readConfig() {
    var given = window.HarmbotConfig || {};
    Object.keys(DEFAULTS).forEach(function (key) {
      cfg[key] = given[key] !== undefined && given[key] !== null ? given[key] : DEFAULTS[key];
    });
    if (!/^https?:\/\//i.test(String(cfg.exitUrl)) && !/^\/(?!\/)/.test(String(cfg.exitUrl))) {
      cfg.exitUrl = DEFAULTS.exitUrl;
    }
    cfg.socketIoClientUrl = cfg.socketIoClientUrl || cfg.assetsUrl + "vendor/socket.io.min.js";
  }

  function loadScript(src, done, failed) {
    var tag = document.createElement("script");
    tag.src = src;
    tag.async = true;
    tag.onload = done;
    tag.onerror = failed || done;
    document.head.appendChild(tag);
  }

  function loadStyles(href, done) {
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = href;
    link.onload = link.onerror = done;
    document.head.appendChild(link);
  }

  // ---------- the widget's own lines in the chat's language ----------

  function browserLanguage() {
    var langs = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language]);
    return /^es\b/i.test(String(langs[0] || "")) ? "es" : "en";
  }

  // The messages of `lang`: messages.js, then the deployer's overrides; a line missing in Spanish stays English.
  function useMessages(lang) {
    language = lang;
    var english = window.HarmbotMessages || {};
    var base = lang === "es" ? window.HarmbotMessagesEs || {} : english;
    var overrides = (lang === "es" ? cfg.messagesEs : cfg.messages) || {};
    Object.keys(english).forEach(function (key) {
      var line = typeof base[key] === "string" ? base[key] : english[key];
      M[key] = typeof overrides[key] === "string" ? overrides[key] : line;
    });
  }

  // Words only one of the two languages uses a lot: enough of them tell which language the bot answered in.
  var WORDS = {
    es: "el la los las que de del para con una por está estás puedes tu te es y ahora mismo llama envía mensaje " +
      "hola gracias quieres algo qué cómo también aquí alguien puedo sobre",
    en: "the you your to and is it of for with this that can if or right now call text what are i'm i my " +
      "here someone about want",
  };
  var WORD_SETS = {};
  LANGUAGES.forEach(function (lang) {
    WORD_SETS[lang] = {};
    WORDS[lang].split(" ").forEach(function (w) {
      WORD_SETS[lang][w] = true;
    });
  });

  function languageOf(text) {
    var counts = { en: 0, es: (String(text).match(/[¿¡ñ]/g) || []).length * 2 };
    String(text)
      .toLowerCase()
      .split(/[^a-z0-9'áéíóúüñ]+/)
      .forEach(function (w) {
        LANGUAGES.forEach(function (lang) {
          if (WORD_SETS[lang][w]) counts[lang] += 1;
        });
      });
    if (counts.es >= 3 && counts.es > 2 * counts.en) return "es";
    if (counts.en >= 3 && counts.en > 2 * counts.es) return "en";
    return null;
  }

  // Every labelled part of the widget names its line in a data attribute, so a change of language relabels it.
  var LABELS = { text: "data-hb-text", title: "data-hb-title", placeholder: "data-hb-placeholder",
    "aria-label": "data-hb-aria-label", links: "data-hb-links" };

  function label(node, key, what) {
    node.setAttribute(LABELS[what || "text"], key);
    applyLabel(node, what || "text", key);
    return node;
  }

  function applyLabel(node, what, key) {
    if (what === "text") node.textContent = M[key];
    else if (what === "links") {
      node.textContent = "";
      appendText(node, M[key], true);
    } else node.setAttribute(what, M[key]);
  }

  function relabel() {
    if (!ui.root) return;
    ui.root.setAttribute("lang", language);
    Object.keys(LABELS).forEach(function (what) {
      var nodes = ui.root.querySelectorAll("[" + LABELS[what] + "]");
      Array.prototype.forEach.call(nodes, function (node) {
        applyLabel(node, what, node.getAttribute(LABELS[what]));
      });
    });
  }

  // The bot's reply shows the chat's language: the widget's lines follow it, for this tab's whole chat.
  function followLanguageOf(text) {
    var lang = cfg.language ? null : languageOf(text);
    if (!lang || lang === language) return;
    useMessages(lang);
    state.language = lang;
    relabel();
  }

  function start() {
    readConfig();
    var chosen = LANGUAGES.indexOf(cfg.language) >= 0 ? cfg.language : "";
    cfg.language = chosen;
    useMessages(chosen || browserLanguage());
    loadStyles(cfg.assetsUrl + "harmbot-widget.css", function () {
      if (document.body) build();
      else document.addEventListener("DOMContentLoaded", build);
    });
  }

  // ---------- the conversation in sessionStorage ----------

  function freshState() {
    return { sessionId: null, history: [], open: false, greeted: false, language: null };
  }

  function loadState() {
    var saved = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(cfg.storageKey));
    } catch (e) {
      saved = null;
    }
    var s = freshState();
    if (!saved || typeof saved !== "object") return s;
    s.sessionId = typeof saved.sessionId === "string" ? saved.sessionId : null;
    s.open = saved.open === true;
    s.greeted = saved.greeted === true && s.sessionId !== null;
    s.language = LANGUAGES.indexOf(saved.language) >= 0 ? saved.language : null;
    s.history = (Array.isArray(saved.history) ? saved.history : []).map(cleanEntry).filter(Boolean);
    return s;
  }

  function saveState() {
    state.history = state.history.slice(-cfg.maxHistory);
    try {
      window.sessionStorage.setItem(cfg.storageKey, JSON.stringify(state));
    } catch (e) {
      // Storage full or blocked: the chat still works, it just won't survive a reload.
    }
  }

  function cleanButtons(list) {
    return (Array.isArray(list) ? list : [])
      .filter(function (b) {
        return b && typeof b.title === "string" && typeof b.payload === "string";
      })
      .map(function (b) {
        return { title: b.title, payload: b.payload };
      });
  }

  function cleanEntry(entry) {
    if (!entry || typeof entry.text !== "string") return null;
    if (entry.from !== "bot" && entry.from !== "user" && entry.from !== "note") return null;
    return { from: entry.from, text: entry.text, buttons: cleanButtons(entry.buttons) };
  }

  // ---------- turning text into DOM: text nodes, line breaks, and tel:/sms: links ----------

  var LINKS = new RegExp(
    [
      // 1-3: "call or text 988", "llama o envía un mensaje al 988"
      "\\b([Cc]all|[Ll]lama) (?:or|o) ((?:text|envía un mensaje al?) (\\d{3,6}))\\b",
      // 4-5: "text HOME to 741741", "envía AYUDA al 988"
      "\\b(?:[Tt]ext|[Ee]nvía) ([A-Z]{2,}) (?:to|al?) (\\d[\\d-]{1,10}\\d)\\b",
      "\\b(?:[Tt]ext|[Ee]nvía un mensaje al?) (\\d[\\d-]{1,10}\\d)\\b", // 6: "text 838255"
      "(\\b1-\\d{3}-\\d{3}-\\d{4}\\b|\\b\\d{3}-\\d{3}-\\d{4}\\b|\\b2-1-1\\b|\\b(?:911|988|211|711)\\b)", // 7
      "(https://[^\\s<>\"'()]*[^\\s<>\"'().,;:!?])", // 8: https links
    ].join("|"),
    "g"
  );

  function digits(text) {
    return text.replace(/\D/g, "");
  }

  function link(href, text, label) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    if (label) a.setAttribute("aria-label", label);
    if (/^https:/.test(href)) a.rel = "noreferrer";
    return a;
  }

  function appendLine(parent, line) {
    var last = 0;
    var m;
    LINKS.lastIndex = 0;
    while ((m = LINKS.exec(line)) !== null) {
      parent.appendChild(document.createTextNode(line.slice(last, m.index)));
      if (m[1]) {
        var n = digits(m[3]);
        parent.appendChild(link("tel:" + n, m[1], M.callLabel + " " + n));
        parent.appendChild(document.createTextNode(m[0].slice(m[1].length, m[0].length - m[2].length)));
        parent.appendChild(link("sms:" + n, m[2]));
      } else if (m[4]) {
        parent.appendChild(link("sms:" + digits(m[5]) + "?body=" + encodeURIComponent(m[4]), m[0]));
      } else if (m[6]) {
        parent.appendChild(link("sms:" + digits(m[6]), m[0]));
      } else if (m[7]) {
        parent.appendChild(link("tel:" + digits(m[7]), m[0]));
      } else {
        parent.appendChild(link(m[8], m[0]));
      }
      last = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(line.slice(last)));
  }

  function appendText(parent, text, withLinks) {
    String(text)
      .split("\n")
      .forEach(function (line, i) {
        if (i > 0) parent.appendChild(document.createElement("br"));
        if (withLinks) appendLine(parent, line);
        else parent.appendChild(document.createTextNode(line));
      });
    return parent;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(className, text, onClick) {
    var b = el("button", className, text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // ---------- the UI ----------

  function build() {
    state = loadState();
    if (state.language && !cfg.language && state.language !== language) useMessages(state.language);
    var root = el("div", "hb-root");
    root.setAttribute("lang", language);

    ui.exit = label(label(button("hb-exit", "", quickExit), "quickExit"), "quickExitHint", "title");

    ui.launcher = label(button("hb-launcher", "", open), "launcher");
    ui.launcher.setAttribute("aria-controls", "harmbot-panel");
    ui.launcher.setAttribute("aria-expanded", "false");

    ui.panel = el("section", "hb-panel");
    ui.panel.id = "harmbot-panel";
    ui.panel.hidden = true;
    ui.panel.setAttribute("aria-labelledby", "harmbot-title");
    ui.panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") minimise();
    });

    var header = el("header", "hb-header");
    var title = label(el("h2", "hb-title"), "title");
    title.id = "harmbot-title";
    var clear = label(label(button("hb-clear", "", clearChat), "clearChat"), "clearChatHint", "title");
    var hide = label(label(button("hb-minimise", "", minimise), "minimise"), "minimiseHint", "title");
    var actions = el("div", "hb-actions");
    actions.appendChild(clear);
    actions.appendChild(hide);
    header.appendChild(title);
    header.appendChild(label(el("p", "hb-subtitle"), "subtitle"));
    header.appendChild(actions);

    var crisis = label(el("p", "hb-crisis"), "crisisLine", "links");

    ui.log = el("ol", "hb-log");
    label(ui.log, "conversation", "aria-label");
    ui.log.tabIndex = 0; // a scrollable area must be reachable by keyboard

    ui.status = el("p", "hb-status");

    ui.form = el("form", "hb-form");
    var inputLabel = label(el("label", "hb-vh"), "inputLabel");
    inputLabel.htmlFor = "harmbot-input";
    ui.input = el("input", "hb-input");
    ui.input.id = "harmbot-input";
    ui.input.type = "text";
    ui.input.autocomplete = "off";
    ui.input.maxLength = 2000;
    label(ui.input, "inputPlaceholder", "placeholder");
    ui.input.setAttribute("enterkeyhint", "send");
    var sendButton = label(el("button", "hb-send"), "send");
    sendButton.type = "submit";
    ui.form.appendChild(inputLabel);
    ui.form.appendChild(ui.input);
    ui.form.appendChild(sendButton);
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (send(ui.input.value)) ui.input.value = "";
    });

    // Only new bot messages and notices are read out; the history re-rendered after a reload is not.
    ui.announcer = el("div", "hb-vh");
    ui.announcer.setAttribute("aria-live", "polite");

    [header, crisis, ui.log, ui.status, ui.form, ui.announcer].forEach(function (part) {
      ui.panel.appendChild(part);
    });
    [ui.exit, ui.launcher, ui.panel].forEach(function (part) {
      root.appendChild(part);
    });
    state.history.forEach(renderEntry);
    // First in the page's tab order: quick exit is one Tab away.
    document.body.insertBefore(root, document.body.firstChild);
    ui.root = root;

    if (state.open || cfg.openOnLoad) open({ keepFocus: state.open });
  }

  function open(options) {
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    saveState();
    scrollToEnd();
    if (!(options && options.keepFocus)) ui.input.focus();
    connect();
  }

  function minimise() {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    saveState();
    ui.launcher.focus();
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  // A long answer is read from its start: scroll to the first message of the bot's turn, or to the end
  // if the whole turn fits.
  function scrollToTurn() {
    ui.log.scrollTop = Math.min(turnStart.offsetTop - 8, ui.log.scrollHeight - ui.log.clientHeight);
  }

  function renderEntry(entry) {
    if (entry.from === "note") {
      // A line from the widget itself (a new conversation started), kept with the history.
      var note = appendText(el("li", "hb-note"), entry.text, true);
      ui.log.appendChild(note);
      scrollToEnd();
      return note;
    }
    var item = el("li", "hb-msg hb-msg-" + entry.from);
    item.appendChild(label(el("span", "hb-vh"), entry.from === "user" ? "youSaid" : "guideSaid"));
    item.appendChild(appendText(el("div", "hb-bubble"), entry.text, entry.from === "bot"));
    if (entry.buttons.length) {
      var group = el("div", "hb-choices");
      group.setAttribute("role", "group");
      label(group, "choices", "aria-label");
      entry.buttons.forEach(function (choice) {
        group.appendChild(
          button("hb-choice", choice.title, function () {
            send(choice.payload, choice.title);
          })
        );
      });
      item.appendChild(group);
    }
    ui.log.appendChild(item);
    scrollToEnd();
    return item;
  }

  function addEntry(entry) {
    state.history.push(entry);
    saveState();
    var item = renderEntry(entry);
    if (entry.from !== "bot") {
      turnStart = null;
    } else {
      turnStart = turnStart || item;
      scrollToTurn();
    }
  }

  function announce(text) {
    var line = el("p", "", text);
    ui.announcer.appendChild(line);
    while (ui.announcer.childNodes.length > 3) ui.announcer.removeChild(ui.announcer.firstChild);
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  // A notice is not part of the conversation: it is not stored, and goes once the chat works again.
  function showNotice(text) {
    if (ui.notice && ui.notice.getAttribute("data-text") === text) return;
    clearNotice();
    ui.notice = el("li", "hb-notice");
    ui.notice.setAttribute("role", "alert");
    ui.notice.setAttribute("data-text", text);
    appendText(ui.notice, text, true);
    ui.log.appendChild(ui.notice);
    scrollToEnd();
  }

  function clearNotice() {
    if (ui.notice && ui.notice.parentNode) ui.notice.parentNode.removeChild(ui.notice);
    ui.notice = null;
  }

  function unreachable() {
    sessionReady = false;
    clearTimeout(replyTimer);
    setStatus("");
    showNotice(M.unreachable);
  }

  // ---------- talking to Rasa's socket.io channel ----------

  // The conversation an id belongs to: the server's ids are `web-<random>.<issued>.<signature>`.
  function conversationOf(sessionId) {
    return String(sessionId).split(".")[0];
  }

  function connect() {
    if (socket) return;
    setStatus(M.connecting);
    if (typeof window.io !== "function") {
      loadScript(cfg.socketIoClientUrl, connect, unreachable);
      return;
    }
    socket = window.io(cfg.socketUrl, {
      path: cfg.socketPath,
      timeout: cfg.connectTimeoutMs,
      reconnectionDelay: 2000,
      reconnectionDelayMax: 15000,
    });
    socket.on("connect", function () {
      // The server issued (and signed) this id; it resumes only such ids, and only while they are younger
      // than its idle limit. It answers with a fresh id, for the same conversation or for a new one.
      awaitingConfirm = true;
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      if (typeof sessionId !== "string" || !sessionId) return;
      var requested = awaitingConfirm;
      var previous = state.sessionId;
      awaitingConfirm = false;
      state.sessionId = sessionId;
      sessionReady = true;
      clearNotice();
      setStatus("");
      if (previous && conversationOf(previous) !== conversationOf(sessionId)) {
        // The old id had been idle too long (or was no longer valid): the server started a new conversation.
        addEntry({ from: "note", text: M.newChat, buttons: [] });
        announce(M.newChat);
        if (requested) state.greeted = false; // a new conversation gets the welcome again
      }
      if (!state.greeted) {
        state.greeted = true;
        socket.emit("user_uttered", { message: cfg.initMessage || M.initMessage, session_id: sessionId });
        waitForReply();
      }
      saveState();
    });
    // While the person chats, the server sends a newer id for the same conversation (at most once a
    // minute): keeping it means the idle limit counts from the last message, so a reload still resumes.
    socket.on("session_refresh", function (sessionId) {
      if (typeof sessionId !== "string" || !sessionId || !state.sessionId) return;
      if (conversationOf(sessionId) !== conversationOf(state.sessionId)) return;
      state.sessionId = sessionId;
      saveState();
    });
    socket.on("bot_uttered", receive);
    // The bot couldn't read a message (wrong format): its kind sentence, or ours if it sent none.
    socket.on("harmbot_error", function (data) {
      clearTimeout(replyTimer);
      var text = data && typeof data.message === "string" && data.message.trim() ? data.message : M.unreadable;
      showNotice(text);
    });
    socket.on("connect_error", unreachable);
    socket.on("disconnect", function () {
      sessionReady = false;
    });
  }

  function disconnect() {
    sessionReady = false;
    awaitingConfirm = false;
    clearTimeout(replyTimer);
    if (socket) {
      socket.off();
      socket.disconnect();
      socket = null;
    }
  }

  function waitForReply() {
    clearTimeout(replyTimer);
    replyTimer = setTimeout(function () {
      showNotice(M.slow);
    }, cfg.replyTimeoutMs);
  }

  function send(text, shownAs) {
    var message = String(text || "").trim();
    if (!message) return false;
    if (!sessionReady) {
      showNotice(M.notSent + "\n" + M.unreachable);
      return false;
    }
    socket.emit("user_uttered", { message: message, session_id: state.sessionId });
    addEntry({ from: "user", text: shownAs || message, buttons: [] });
    waitForReply();
    return true;
  }

  function receive(data) {
    if (!data || typeof data !== "object") return;
    clearTimeout(replyTimer);
    if (ui.notice && ui.notice.getAttribute("data-text") === M.slow) clearNotice();
    if (data.harmbot === "conversation_deleted") return forgetConversation();
    var text = typeof data.text === "string" ? data.text : "";
    var buttons = cleanButtons(data.quick_replies || data.buttons);
    if (!text && !buttons.length) return; // images and other attachments are not shown
    if (text) followLanguageOf(text);
    addEntry({ from: "bot", text: text, buttons: buttons });
    if (text) announce(text);
  }

  // ---------- clear chat and quick exit ----------

  function clearChat() {
    disconnect();
    state = freshState();
    state.open = true;
    state.language = cfg.language ? null : language;
    saveState();
    ui.log.textContent = "";
    ui.notice = null;
    turnStart = null;
    ui.announcer.textContent = "";
    ui.input.value = "";
    ui.input.focus();
    connect();
  }

  // "delete my chat": the server has deleted the conversation, so forget its session id and history
  // here too, keeping only the bot's confirmation (this turn's messages) on screen; the next message
  // starts a new session.
  function forgetConversation() {
    var said = [];
    for (var i = state.history.length - 1; i >= 0 && state.history[i].from === "bot"; i--) {
      said.unshift(state.history[i].text);
    }
    clearChat();
    said.forEach(function (text) {
      addEntry({ from: "bot", text: text, buttons: [] });
    });
  }

  function quickExit() {
    document.documentElement.className += " hb-exiting";
    disconnect();
    if (ui.root) ui.root.textContent = "";
    try {
      window.sessionStorage.clear();
    } catch (e) {
      // nothing stored, nothing to clear
    }
    window.location.replace(cfg.exitUrl);
  }

  loadScript(((window.HarmbotConfig && window.HarmbotConfig.assetsUrl) || scriptFolder) + "messages.js", start);
})();
