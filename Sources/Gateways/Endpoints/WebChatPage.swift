/// `GET /`: a chat page for a phone or a desktop browser, embedded in the binary.
///
/// No external resources (no fonts, scripts or styles from elsewhere). Enter sends, except
/// while a Korean IME is still composing a syllable (`isComposing`), so the last syllable is
/// never cut off; quick replies are buttons; "내 알림" shows the upcoming reminders. Under
/// `serve --demo`, `?citizen=ID` talks as that demo citizen; otherwise the page keeps a signed
/// session token from `POST /session` in `localStorage` (never a raw id) and the visitor links
/// to a citizen with "인증번호 NNNNNN"; `&q=…` asks a first question (links from a
/// notification).
enum WebChatPage {
  static let html = """
    <!doctype html>
    <html lang="ko">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>비서 — 국민비서</title>
    <style>
      :root { color-scheme: light dark; font-family: system-ui, -apple-system, "Noto Sans KR", sans-serif; }
      body { margin: 0; display: flex; flex-direction: column; height: 100dvh; }
      header { padding: .75rem 1rem; font-weight: 600; border-bottom: 1px solid #8884; }
      #log { flex: 1; overflow-y: auto; padding: 1rem; display: flex; flex-direction: column; gap: .5rem; }
      .msg { max-width: 80%; padding: .6rem .8rem; border-radius: 1rem; white-space: pre-wrap; line-height: 1.45; }
      .me { align-self: flex-end; background: #2563eb; color: #fff; }
      .bot { align-self: flex-start; background: #8882; }
      #quick { display: flex; flex-wrap: wrap; gap: .4rem; padding: 0 1rem .5rem; }
      #quick button { border: 1px solid #2563eb; background: transparent; color: inherit;
        border-radius: 1rem; padding: .35rem .8rem; font: inherit; }
      form { display: flex; gap: .5rem; padding: .75rem 1rem; border-top: 1px solid #8884; }
      input { flex: 1; font: inherit; padding: .6rem .8rem; border-radius: .6rem; border: 1px solid #8886; }
      form button { font: inherit; padding: .6rem 1rem; border-radius: .6rem; border: 0;
        background: #2563eb; color: #fff; }
    </style>
    </head>
    <body>
    <header>비서 <small id="who"></small></header>
    <main id="log" aria-live="polite"></main>
    <div id="quick"></div>
    <form id="form" autocomplete="off">
      <input id="text" name="text" placeholder="예: 올해 건강검진 대상이야?" aria-label="메시지" enterkeyhint="send">
      <button type="submit">보내기</button>
    </form>
    <script>
    const params = new URLSearchParams(location.search);
    // Under serve --demo, ?citizen=ID talks as that demo citizen; otherwise the page holds a
    // signed session token from POST /session and links to a citizen with "인증번호 NNNNNN".
    const demoCitizen = params.get("citizen");
    let token = localStorage.getItem("biseo-session");
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
    function chat(text) {
      const body = demoCitizen ? { sender: demoCitizen, text } : { session: token, text };
      return fetch("/chat", {
        method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body)
      });
    }
    document.getElementById("who").textContent = demoCitizen || "";
    const log = document.getElementById("log");
    const quick = document.getElementById("quick");
    const input = document.getElementById("text");
    function bubble(text, who) {
      const div = document.createElement("div");
      div.className = "msg " + who;
      div.textContent = text;
      log.appendChild(div);
      log.scrollTop = log.scrollHeight;
    }
    function buttons(replies) {
      quick.replaceChildren();
      const all = replies.concat([{ title: "내 알림", payload: "내 알림 보여줘" }]);
      for (const reply of all) {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = reply.title;
        button.addEventListener("click", () => send(reply.payload, reply.title));
        quick.appendChild(button);
      }
    }
    async function send(text, shown) {
      if (!text.trim()) return;
      bubble(shown || text, "me");
      try {
        if (!demoCitizen && !token) token = await newSession();
        let response = await chat(text);
        if (response.status === 400 && !demoCitizen) {
          // An expired or foreign token: a new session (a new identity; link again).
          token = await newSession();
          response = await chat(text);
        }
        const reply = await response.json();
        if (!response.ok) { bubble(reply.error || "오류가 났어요.", "bot"); return; }
        for (const paragraph of reply.texts) bubble(paragraph, "bot");
        buttons(reply.quick_replies || []);
      } catch (error) {
        bubble("서버에 연결하지 못했어요.", "bot");
      }
    }
    document.getElementById("form").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value;
      input.value = "";
      send(text);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.isComposing) event.preventDefault();
    });
    bubble("안녕하세요, 비서예요. 무엇을 도와드릴까요?", "bot");
    buttons([{ title: "건강검진 대상이야?", payload: "올해 건강검진 대상이야?" },
             { title: "도움말", payload: "뭘 할 수 있어?" }]);
    // A link can open the page with a first question: /?citizen=ID&q=내 알림 보여줘
    if (params.get("q")) send(params.get("q"));
    </script>
    </body>
    </html>
    """
}
