/// `GET /`: a chat page for a phone or a desktop browser, embedded in the binary.
///
/// No external resources (no fonts, scripts or styles from elsewhere). Enter sends, except
/// while a Korean IME is still composing a syllable (`isComposing`), so the last syllable is
/// never cut off; quick replies are buttons; "내 알림" shows the upcoming reminders. Under
/// `serve --demo`, `?citizen=ID` talks as that demo citizen; otherwise the page keeps a signed
/// session token from `POST /session` in `localStorage` (never a raw id) and the visitor links
/// to a citizen with "인증번호 NNNNNN"; `&q=…` asks a first question (links from a
/// notification).
///
/// On load the page asks `POST /thread` for the recent turns of its session and the citizen's
/// name, so a reload or a server restart keeps the conversation; the header shows the name or
/// nothing. One request at a time: while it is in flight a typing indicator shows and 보내기 and
/// the quick replies are disabled; a failure shows a `role="alert"` with 다시 보내기 and puts
/// typed text back in the input. For screen readers (KWCAG 2.2 / WCAG 2.1 AA) the thread is a
/// `role="log"` that does not announce itself; each bubble starts with a visually hidden
/// "비서:" or "나:", and only the first paragraph of each new reply is announced, through a
/// separate polite live region.
///
/// An answer takes at most two bubbles: what comes before its services with one card per
/// service (`cards` and `blocks` of `POST /chat`: title as a heading, the verdict and the day
/// or amount in bold, one link to the official place to act, 알림 받기 when the answer offers
/// a reminder, the sentences folded in `<details>`), then the rest, one paragraph shown and
/// the others folded. Every node is built with DOM calls from text; no reply is parsed as
/// HTML.
///
/// The Korean wording is `wording`, one table: the page's script and markup hold none.
enum WebChatPage {
  /// Every Korean string of the page, by key: `{{key}}` in the markup, `T.key` in the script.
  ///
  /// A table here rather than a file beside the rules: the page must look the same under
  /// `serve --echo` and in tests, which load no `Intents/`.
  static let wording: [(key: String, text: String)] = [
    ("title", "비서 — 국민비서"),
    ("heading", "비서"),
    ("honorific", "님"),
    ("log_label", "대화"),
    ("form_label", "비서에게 메시지 보내기"),
    ("quick_label", "빠른 답"),
    ("input_label", "메시지"),
    ("placeholder", "예: 올해 건강검진 대상이야?"),
    ("send", "보내기"),
    ("retry", "다시 보내기"),
    ("bot_prefix", "비서: "),
    ("me_prefix", "나: "),
    ("typing", "비서가 답을 쓰고 있어요"),
    ("not_sent", " (보내지 못함)"),
    ("offline", "서버에 연결하지 못해 보내지 못했어요. 잠시 뒤에 다시 보내 주세요."),
    ("failed", "답을 받지 못했어요. 잠시 뒤에 다시 보내 주세요."),
    ("greeting", "안녕하세요, 비서예요. 무엇을 도와드릴까요?"),
    ("reminders_title", "내 알림"),
    ("reminders_payload", "내 알림 보여줘"),
    ("checkup_title", "건강검진 대상이야?"),
    ("checkup_payload", "올해 건강검진 대상이야?"),
    ("help_title", "도움말"),
    ("help_payload", "뭘 할 수 있어?"),
    // A service's card: its verdict, the day or amount that matters, where to act.
    ("verdict_applies", "해당돼요"),
    ("verdict_later", "지금은 해당하지 않아요"),
    ("verdict_not_applicable", "해당하지 않아요"),
    ("verdict_undecided", "정보가 더 필요해요"),
    ("date", "{y}년 {m}월 {d}일"),
    ("until", "{date}까지"),
    ("from", "{date}부터"),
    ("won", "{amount}원"),
    ("act", "{place} 바로가기"),
    ("new_window", " (새 창)"),
    ("remind", "알림 받기"),
    ("details", "자세히"),
    ("phone", "전화 {phone}"),
  ]

  /// The page, its placeholders filled from `wording`.
  static let html: String = {
    var page = template
    var script: [String] = []
    for (key, text) in wording {
      page = page.replacingOccurrences(of: "{{\(key)}}", with: escapeHTML(text))
      script.append("\(key): \"\(escapeScript(text))\"")
    }
    return page.replacingOccurrences(
      of: "/*WORDING*/", with: "{\n  " + script.joined(separator: ",\n  ") + "\n}")
  }()

  private static func escapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// A string literal's content for the script: quotes, backslashes and `<` (so no text can
  /// close the `<script>` element) escaped.
  private static func escapeScript(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
      .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: "\n", with: "\\n")
  }

  // Colours: every edge that shows a shape (input border, bubble edges, buttons) is at least
  // 3:1 against the background it sits on (WCAG 1.4.11), in light and dark; text at least
  // 4.5:1. Bubbles never grow wider than 36rem on a desktop; Korean breaks between words
  // (keep-all), and an overlong token (a URL) still breaks anywhere rather than overflowing.
  // Below 30rem of height (a phone in landscape, 400 % zoom) the page scrolls as a whole
  // instead of squeezing the log between the header and the form.
  static let template = """
    <!doctype html>
    <html lang="ko">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}}</title>
    <style>
      :root { color-scheme: light dark;
        font-family: system-ui, -apple-system, "Noto Sans KR", "Noto Sans CJK KR", sans-serif;
        --bg: #ffffff; --fg: #1b1b1b; --muted: #5c5c5c; --edge: #767676;
        --bot: #f2f4f7; --me: #1d4ed8; --me-fg: #ffffff; --accent: #1d4ed8;
        --alert-bg: #fdecec; --alert-fg: #8a1010; --alert-edge: #b42318; }
      @media (prefers-color-scheme: dark) {
        :root { --bg: #121417; --fg: #ececec; --muted: #b0b0b0; --edge: #8d939c;
          --bot: #22262c; --me: #2563eb; --me-fg: #ffffff; --accent: #7aa7ff;
          --alert-bg: #3a1616; --alert-fg: #ffd6d6; --alert-edge: #ff8a8a; }
      }
      * { box-sizing: border-box; }
      body { margin: 0; display: flex; flex-direction: column; height: 100dvh;
        background: var(--bg); color: var(--fg); word-break: keep-all; overflow-wrap: anywhere; }
      header { display: flex; align-items: baseline; gap: .5rem; padding: .6rem 1rem;
        border-bottom: 1px solid var(--edge); }
      h1 { margin: 0; font-size: 1.15rem; }
      #who { color: var(--muted); }
      #log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column;
        gap: .5rem; }
      .msg { max-width: min(80%, 36rem); padding: .6rem .8rem; border-radius: 1rem;
        white-space: pre-wrap; line-height: 1.5; word-break: keep-all; overflow-wrap: anywhere;
        border: 1px solid var(--edge); }
      .bot { align-self: flex-start; background: var(--bot); border-bottom-left-radius: .3rem; }
      .me { align-self: flex-end; background: var(--me); color: var(--me-fg);
        border-color: var(--me); border-bottom-right-radius: .3rem; }
      .me.unsent { background: transparent; color: var(--fg);
        border: 2px dashed var(--alert-edge); }
      .sr { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
        overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
      #typing[hidden] { display: none; }
      #typing { display: flex; gap: .3rem; align-items: center; }
      #typing .dot { width: .5rem; height: .5rem; border-radius: 50%; background: var(--fg);
        animation: blink 1.2s infinite ease-in-out; }
      #typing .dot:nth-of-type(2) { animation-delay: .2s; }
      #typing .dot:nth-of-type(3) { animation-delay: .4s; }
      @keyframes blink { 0%, 80%, 100% { opacity: .25; } 40% { opacity: 1; } }
      @media (prefers-reduced-motion: reduce) { #typing .dot { animation: none; opacity: .7; } }
      #alert:empty { display: none; }
      #alert { margin: 0 max(1rem, calc(50% - 25rem)) .5rem; padding: .6rem .8rem;
        border-radius: .6rem;
        background: var(--alert-bg); color: var(--alert-fg); border: 2px solid var(--alert-edge);
        display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
      #quick { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0 1rem .5rem; }
      button { font: inherit; cursor: pointer; white-space: nowrap; }
      #quick button, #alert button { border: 1px solid var(--accent); background: var(--bg);
        color: var(--fg); border-radius: 1rem; padding: .35rem .8rem; }
      form { display: flex; gap: .5rem; padding: .75rem 1rem; border-top: 1px solid var(--edge); }
      input { flex: 1; min-width: 0; font: inherit; padding: .6rem .8rem; border-radius: .6rem;
        border: 1px solid var(--edge); background: var(--bg); color: var(--fg); }
      input::placeholder { color: var(--muted); opacity: 1; }
      form button { flex: none; padding: .6rem 1rem; border-radius: .6rem;
        border: 1px solid var(--me); background: var(--me); color: var(--me-fg); }
      button:disabled { opacity: .55; cursor: not-allowed; }
      .bot a { color: var(--accent); }
      /* An answer with services: one card each, as wide as a bubble may be. */
      .msg.cards { width: min(100%, 36rem); max-width: min(100%, 36rem); }
      .msg p { margin: .4rem 0 0; }
      .card { margin-top: .5rem; padding: .6rem .75rem; border: 1px solid var(--edge);
        border-radius: .6rem; background: var(--bg); white-space: normal; }
      .card h2 { margin: 0 0 .2rem; font-size: 1rem; line-height: 1.4; }
      .card .facts { margin: 0; }
      .card .actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .5rem;
        align-items: center; }
      .card a.act { display: inline-block; padding: .35rem .8rem; border-radius: .6rem;
        border: 1px solid var(--me); background: var(--me); color: var(--me-fg);
        font-weight: 600; text-decoration: none; }
      .card a.act:hover { text-decoration: underline; }
      .card button.remind { border: 1px solid var(--accent); background: var(--bg);
        color: var(--fg); border-radius: 1rem; padding: .35rem .8rem; }
      details { margin-top: .4rem; }
      details p { white-space: pre-wrap; }
      summary { cursor: pointer; color: var(--accent); }
      :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
      /* One readable column of at most 50rem on a desktop, the whole width on a phone; the
         borders and the log's scroll bar still span the window. */
      header, #log, #quick, form { padding-inline: max(1rem, calc(50% - 25rem)); }
      @media (max-height: 30rem) {
        body { height: auto; min-height: 100dvh; }
        #log { flex: none; overflow: visible; }
      }
    </style>
    </head>
    <body>
    <header><h1>{{heading}}</h1><span id="who"></span></header>
    <main id="log" role="log" aria-live="off" aria-label="{{log_label}}" aria-busy="true">
    <div id="typing" class="msg bot" hidden><span class="sr">{{typing}}</span><span class="dot"
     aria-hidden="true"></span><span class="dot" aria-hidden="true"></span><span class="dot"
     aria-hidden="true"></span></div>
    </main>
    <div id="announce" class="sr" role="status" aria-live="polite"></div>
    <div id="alert" role="alert"></div>
    <div id="quick" role="group" aria-label="{{quick_label}}"></div>
    <form id="form" autocomplete="off" aria-label="{{form_label}}">
      <input id="text" name="text" placeholder="{{placeholder}}" aria-label="{{input_label}}"
        enterkeyhint="send">
      <button id="send" type="submit">{{send}}</button>
    </form>
    <script>
    const T = /*WORDING*/;
    const params = new URLSearchParams(location.search);
    // Under serve --demo, ?citizen=ID talks as that demo citizen; otherwise the page holds a
    // signed session token from POST /session and links to a citizen with "인증번호 NNNNNN".
    const demoCitizen = params.get("citizen");
    let token = localStorage.getItem("biseo-session");
    const log = document.getElementById("log");
    const typing = document.getElementById("typing");
    const announce = document.getElementById("announce");
    const alertBox = document.getElementById("alert");
    const quick = document.getElementById("quick");
    const input = document.getElementById("text");
    const sendButton = document.getElementById("send");
    const who = document.getElementById("who");
    const starters = [{ title: T.checkup_title, payload: T.checkup_payload },
                      { title: T.help_title, payload: T.help_payload }];
    let busy = false;

    async function newSession() {
      try {
        const response = await fetch("/session", { method: "POST" });
        if (!response.ok) return null;
        const body = await response.json();
        localStorage.setItem("biseo-session", body.token);
        return body.token;
      } catch (error) {
        return null;
      }
    }
    function identity() { return demoCitizen ? { sender: demoCitizen } : { session: token }; }
    function post(path, fields) {
      return fetch(path, {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(Object.assign(identity(), fields))
      });
    }
    // The header names the citizen or nobody: never an id, never a placeholder.
    function showName(name) { who.textContent = name ? name + T.honorific : ""; }
    // The secretary's pages to act on ("바로가기: 정부24 https://www.gov.kr") open as links;
    // text stays text (no HTML is ever parsed from a reply).
    function linked(text) {
      return text.split(/(https:\\/\\/[^\\s()]+)/).map((part, i) => {
        if (i % 2 === 0) return part;
        const link = document.createElement("a");
        link.href = part;
        link.textContent = part;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        return link;
      });
    }
    function bubble(text, who) {
      const div = document.createElement("div");
      div.className = "msg " + who;
      const label = document.createElement("span");
      label.className = "sr";
      label.textContent = who === "me" ? T.me_prefix : T.bot_prefix;
      div.append(label);
      if (who === "me") div.append(text); else div.append(...linked(text));
      log.insertBefore(div, typing);
      div.scrollIntoView({ block: "nearest" });
      return div;
    }
    function element(tag, className, ...children) {
      const node = document.createElement(tag);
      if (className) node.className = className;
      node.append(...children);
      return node;
    }
    function fill(template, values) {
      return template.replace(/\\{(\\w+)\\}/g, (whole, key) => key in values ? values[key] : whole);
    }
    function day(iso) {
      const m = /^(\\d{4})-(\\d{2})-(\\d{2})$/.exec(iso || "");
      return m ? fill(T.date, { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }) : "";
    }
    function won(amount) {
      return fill(T.won, { amount: String(amount).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ",") });
    }
    // A paragraph of a reply may hold blank lines: the server's texts split as it splits them.
    function paragraphsOf(text) {
      return text.split(/\\n[ \\t]*\\n/).map((p) => p.trim()).filter(Boolean);
    }
    // Paragraphs folded behind 자세히, each a paragraph of linked text.
    function folded(paragraphs) {
      const details = element("details", "", element("summary", "", T.details));
      for (const paragraph of paragraphs) details.append(element("p", "", ...linked(paragraph)));
      return details;
    }
    const verdicts = { applies: T.verdict_applies, later: T.verdict_later,
      not_applicable: T.verdict_not_applicable, undecided: T.verdict_undecided };
    let cardCount = 0;
    // One service as a card: its title as a heading, the verdict and the day or amount that
    // matters in bold, one link to the official place to act, 알림 받기 when the answer
    // offers a reminder (it sends what the offer's own button sends), the sentences folded.
    function card(data, offer) {
      const section = element("section", "card");
      const heading = element("h2", "", data.title);
      heading.id = "card-" + ++cardCount;
      section.setAttribute("aria-labelledby", heading.id);
      const facts = element("p", "facts",
        element("strong", "verdict", verdicts[data.verdict] || data.verdict));
      const key = [];
      if (data.verdict === "applies" && data.end) key.push(fill(T.until, { date: day(data.end) }));
      if (data.verdict === "later" && data.start) key.push(fill(T.from, { date: day(data.start) }));
      if (Number.isInteger(data.amount)) key.push(won(data.amount));
      for (const text of key) facts.append(" · ", element("strong", "", text));
      section.append(heading, facts);
      const actions = element("div", "actions");
      const place = data.place;
      const acts = data.verdict === "applies" || data.verdict === "later";
      if (acts && place && typeof place.url === "string" && place.url.startsWith("https://")) {
        const link = element("a", "act", fill(T.act, { place: place.title }),
          element("span", "sr", T.new_window));
        link.href = place.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        actions.append(link);
      }
      if (data.offers_reminder && offer) {
        const remind = element("button", "remind", T.remind);
        remind.type = "button";
        remind.disabled = busy;
        remind.addEventListener("click", () => {
          input.focus();
          send(offer.payload, offer.title, false);
        });
        actions.append(remind);
      }
      if (actions.childElementCount) section.append(actions);
      const more = paragraphsOf(data.text || "");
      if (place && place.phone) more.push(fill(T.phone, { phone: place.phone }));
      if (more.length) section.append(folded(more));
      return section;
    }
    // A reply in at most two bubbles: what comes before its services with one card per
    // service, then the rest — one paragraph shown (the question, when it ends with one),
    // the others folded. A reply without services: its first paragraph, then the rest so.
    // Only the newest answer's 알림 받기 stands: an older offer is no longer open.
    function answer(reply) {
      for (const old of log.querySelectorAll(".card .remind")) old.remove();
      const offer = (reply.quick_replies || []).find((r) => r.payload === "/affirm");
      let lead = [];
      let rest = [];
      const cards = [];
      if (Array.isArray(reply.blocks) && Array.isArray(reply.cards)) {
        for (const block of reply.blocks) {
          if (typeof block.text === "string") {
            (cards.length ? rest : lead).push(...paragraphsOf(block.text));
          } else if (reply.cards[block.card]) {
            cards.push(reply.cards[block.card]);
          }
        }
      } else {
        const all = (reply.texts || []).flatMap(paragraphsOf);
        lead = all.slice(0, 1);
        rest = all.slice(1);
      }
      if (!lead.length && !cards.length) return;
      const first = bubble(lead.join("\\n\\n"), "bot");
      if (cards.length) first.classList.add("cards");
      for (const data of cards) first.append(card(data, offer));
      if (!rest.length) return;
      const last = rest[rest.length - 1];
      const at = rest.length > 1 && last.endsWith("?") ? rest.length - 1 : 0;
      const second = bubble(rest[at], "bot");
      const others = rest.filter((p, i) => i !== at);
      if (others.length) second.append(folded(others));
      second.scrollIntoView({ block: "nearest" });
    }
    function buttons(replies) {
      quick.replaceChildren();
      // The page's own 내 알림 only when the reply offers no button of its own for it.
      const mine = replies.some((reply) => reply.title.startsWith(T.reminders_title));
      const all = mine ? replies
        : replies.concat([{ title: T.reminders_title, payload: T.reminders_payload }]);
      for (const reply of all) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = reply.title;
        button.disabled = busy;
        button.addEventListener("click", () => {
          // The button is about to be replaced: keep focus where the citizen types (2.4.3).
          input.focus();
          send(reply.payload, reply.title, false);
        });
        quick.appendChild(button);
      }
    }
    function setBusy(value) {
      busy = value;
      typing.hidden = !value;
      log.setAttribute("aria-busy", value ? "true" : "false");
      sendButton.disabled = value;
      for (const button of document.querySelectorAll("#quick button, #log .remind")) {
        button.disabled = value;
      }
      if (value) typing.scrollIntoView({ block: "nearest" });
    }
    // Typed text goes back into the input (unless the citizen has started another line), so
    // a failure never loses what was written; 다시 보내기 sends it again.
    function showError(message, text, shown, typed, mine) {
      mine.classList.add("unsent");
      mine.lastChild.after(T.not_sent);
      if (typed && !input.value) input.value = text;
      const retry = document.createElement("button");
      retry.type = "button";
      retry.textContent = T.retry;
      retry.addEventListener("click", () => {
        mine.remove();
        if (typed && input.value === text) input.value = "";
        input.focus();
        send(text, shown, typed);
      });
      alertBox.replaceChildren(message, " ", retry);
    }
    async function chat(text) {
      if (!demoCitizen && !token) token = await newSession();
      let response = await post("/chat", { text });
      if (response.status === 400 && !demoCitizen) {
        // An expired or foreign token: a new session (a new identity; link again).
        token = await newSession();
        response = await post("/chat", { text });
      }
      return response;
    }
    // One request at a time: a second Enter while waiting does nothing, so two questions
    // never stack above two answers.
    async function send(text, shown, typed) {
      if (busy || !text.trim()) return false;
      alertBox.replaceChildren();
      const mine = bubble(shown || text, "me");
      setBusy(true);
      let reply = null;
      let failure = null;
      try {
        const response = await chat(text);
        reply = await response.json().catch(() => null);
        if (!response.ok || !reply || !Array.isArray(reply.texts)) failure = T.failed;
      } catch (error) {
        failure = T.offline;
      }
      setBusy(false);
      if (failure) {
        showError(failure, text, shown, typed, mine);
        return false;
      }
      answer(reply);
      // Only the new reply's first paragraph is read out, not the whole log; a new element
      // each time, so the same answer twice is still announced twice.
      const summary = document.createElement("p");
      summary.textContent = reply.texts.length ? T.bot_prefix + reply.texts[0] : "";
      announce.replaceChildren(summary);
      showName(reply.name);
      buttons(reply.quick_replies || []);
      return true;
    }
    document.getElementById("form").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value;
      if (busy || !text.trim()) return;
      input.value = "";
      send(text, null, true);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.isComposing) event.preventDefault();
    });
    // The recent thread of this session, kept on the server: a reload or a restart of the
    // server shows what was said. The buttons come back only while the server still holds
    // what they answer.
    async function restore() {
      if (!demoCitizen && !token) return [];
      try {
        const response = await post("/thread", {});
        if (response.status === 400 && !demoCitizen) {
          localStorage.removeItem("biseo-session");
          token = null;
          return [];
        }
        if (!response.ok) return [];
        const thread = await response.json();
        showName(thread.name);
        const turns = thread.turns || [];
        turns.forEach((turn, i) => {
          bubble(turn.message, "me");
          // Only the last turn's offer may still stand.
          const open = i === turns.length - 1 ? thread.quick_replies || [] : [];
          answer(Object.assign({}, turn, { quick_replies: open }));
        });
        return thread.quick_replies || [];
      } catch (error) {
        return [];
      }
    }
    (async () => {
      bubble(T.greeting, "bot");
      const open = await restore();
      log.setAttribute("aria-busy", "false");
      buttons(open.length ? open : starters);
      // A link can open the page with a first question: /?citizen=ID&q=내 알림 보여줘. Asked
      // once: the address loses it, so a reload shows the kept thread instead of asking again.
      const first = params.get("q");
      if (first) {
        params.delete("q");
        const rest = params.toString();
        history.replaceState(null, "", location.pathname + (rest ? "?" + rest : ""));
        send(first, null, false);
      }
    })();
    </script>
    </body>
    </html>
    """
}
