import Foundation
import Testing

/// The chat page driven in a real browser.
///
/// Headless Chromium (Debian's `chromium`, installed
/// by `.ci/run`) opens `GET /` on a running `biseo serve`, asks a question through the page's
/// own script, and the secretary's answer and buttons appear in the page. A screenshot is
/// saved as an artifact (`$BISEO_ARTIFACTS`, else the temporary folder).
@Suite(.ownThreads, .serialized) struct WebPageBrowserTests {
  static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(
    "헤드리스 Chromium으로 채팅 페이지에서 대화한다",
    .enabled(if: chromium != nil, "skipped: chromium is not installed (apt-get install chromium)"))
  func browserConversation() async throws {
    let chromium = try #require(Self.chromium)
    let data = NSTemporaryDirectory() + "biseo-web-\(UUID().uuidString)"
    let server = try await ServeProcess.start(["--data", data, "--as-of", "2026-03-02", "--demo"])
    defer { server.stop() }
    let question = "민방위 언제까지야?".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let url = "http://127.0.0.1:\(server.port)/?citizen=c004-choi-minho&q=\(question)"
    let flags = [
      "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
      "--virtual-time-budget=15000",
    ]
    // Chromium runs for seconds: on a thread of its own, off the cooperative pool.
    let dom = try await offPool { try Self.run(chromium, flags + ["--dump-dom", url]) }
    #expect(dom.contains("최민호님은 2026년 민방위 4년차입니다"), "\(dom.suffix(800))")
    #expect(dom.contains(">왜?</button>"))
    // A service with a page to act on: its card links the place to act.
    let checkup = "올해 건강검진 대상이야?".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    let linked = try await offPool {
      try Self.run(
        chromium,
        flags + [
          "--dump-dom", "http://127.0.0.1:\(server.port)/?citizen=c004-choi-minho&q=\(checkup)",
        ])
    }
    #expect(linked.contains(#"href="https://www.nhis.or.kr""#), "\(linked.suffix(800))")
    let folder = ProcessInfo.processInfo.environment["BISEO_ARTIFACTS"] ?? NSTemporaryDirectory()
    let shot = (folder as NSString).appendingPathComponent("web-chat.png")
    _ = try await offPool { try Self.run(chromium, flags + ["--screenshot=\(shot)", url]) }
    #expect(FileManager.default.fileExists(atPath: shot))
    print("webChat: screenshot at \(shot)")
  }

  /// Where screenshots go: `$BISEO_ARTIFACTS`, else the temporary folder.
  static var artifacts: String {
    ProcessInfo.processInfo.environment["BISEO_ARTIFACTS"] ?? NSTemporaryDirectory()
  }

  static func shot(_ browser: HeadlessChromium, _ name: String) throws {
    let path = (artifacts as NSString).appendingPathComponent(name)
    try browser.screenshot(to: path)
    #expect(FileManager.default.fileExists(atPath: path))
    print("webChat: screenshot at \(path)")
  }

  /// A `--demo` server and a browser on c004's chat page, the restored thread settled.
  static func demoPage(width: Int, height: Int, scheme: String? = nil) async throws -> (
    ServeProcess, HeadlessChromium
  ) {
    let executable = try #require(HeadlessChromium.executable)
    let data = NSTemporaryDirectory() + "biseo-web-\(UUID().uuidString)"
    let server = try await ServeProcess.start(["--data", data, "--as-of", "2026-03-02", "--demo"])
    let browser: HeadlessChromium
    do {
      browser = try HeadlessChromium(executable: executable)
    } catch {
      server.stop()
      throw error
    }
    do {
      try browser.viewport(width: width, height: height)
      if let scheme { try browser.colorScheme(scheme) }
      try browser.open("http://127.0.0.1:\(server.port)/?citizen=c004-choi-minho")
      try browser.wait(
        until: "document.getElementById('log').getAttribute('aria-busy') === 'false'")
      return (server, browser)
    } catch {
      browser.quit()
      server.stop()
      throw error
    }
  }

  /// Bubbles in the log, and how many of them are the citizen's.
  static let botCount = "document.querySelectorAll('#log .msg.bot:not(#typing)').length"
  static let meCount = "document.querySelectorAll('#log .msg.me').length"

  @Test(
    "채팅 페이지의 구조, 포커스, 키보드, 대비, 화면 크기",
    .enabled(if: HeadlessChromium.executable != nil, "skipped: chromium is not installed"))
  func structureFocusKeyboardContrastAndSizes() async throws {
    let (server, browser) = try await Self.demoPage(width: 1280, height: 900, scheme: "light")
    defer {
      browser.quit()
      server.stop()
    }

    // The landmarks a screen reader user navigates by.
    let structure = try #require(
      try browser.evaluate(
        """
        (() => { const log = document.querySelector('[role=log]');
          const live = document.querySelector('[aria-live=polite]');
          return { log: log ? log.id : '', logLive: log ? log.getAttribute('aria-live') : '',
            h1: document.querySelectorAll('h1').length,
            form: document.querySelector('form').getAttribute('aria-label') || '',
            input: document.querySelector('#text').getAttribute('aria-label') || '',
            live: live ? live.id : '', liveInLog: live ? log.contains(live) : true,
            header: document.querySelector('header').innerText }; })()
        """) as? [String: Any])
    #expect(structure["log"] as? String == "log")
    #expect(structure["logLive"] as? String == "off", "the log must not announce itself")
    #expect(structure["h1"] as? Int == 1)
    #expect((structure["form"] as? String ?? "").isEmpty == false)
    #expect((structure["input"] as? String ?? "").isEmpty == false)
    #expect(structure["live"] as? String == "announce")
    #expect(structure["liveInLog"] as? Bool == false)
    // The name from the server's profile, never the id the URL carried.
    let header = structure["header"] as? String ?? ""
    #expect(header.contains("최민호님") && !header.contains("c004"), "\(header)")

    // Typed and sent with the keyboard alone.
    try browser.evaluate("document.getElementById('text').focus()")
    try browser.type("민방위 언제까지야?")
    try browser.press("Enter")
    try browser.wait(until: "\(Self.botCount) >= 2")
    let turn = try #require(
      try browser.evaluate(
        """
        (() => { const msgs = [...document.querySelectorAll('#log .msg:not(#typing)')];
          return { labels: msgs.map((m) => m.firstChild.className === 'sr'
              ? m.firstChild.textContent : '').join('|'),
            announce: document.getElementById('announce').textContent,
            last: msgs[msgs.length - 1].innerText, focus: document.activeElement.id }; })()
        """) as? [String: Any])
    #expect(turn["labels"] as? String == "비서: |나: |비서: ")
    let announced = turn["announce"] as? String ?? ""
    #expect(announced.hasPrefix("비서: 최민호님은 2026년 민방위 4년차입니다"), "\(announced)")
    #expect(!announced.contains("나:"), "the citizen's own bubble is not read back")
    #expect(turn["focus"] as? String == "text")
    try Self.shot(browser, "web-chat-1280.png")
    // Korean breaks between words; desktop bubbles stay readable.
    let layout = try #require(
      try browser.evaluate(
        """
        (() => { const m = document.querySelector('#log .msg.bot'); const s = getComputedStyle(m);
          return { wordBreak: s.wordBreak, overflowWrap: s.overflowWrap,
            widest: Math.max(...[...document.querySelectorAll('#log .msg')]
              .map((e) => e.getBoundingClientRect().width)),
            rem: parseFloat(getComputedStyle(document.documentElement).fontSize) }; })()
        """) as? [String: Any])
    #expect(layout["wordBreak"] as? String == "keep-all")
    #expect(layout["overflowWrap"] as? String == "anywhere")
    let rem = layout["rem"] as? Double ?? 16
    #expect((layout["widest"] as? Double ?? .infinity) <= 36 * rem + 0.5)

    // Keyboard only: Shift+Tab back from the input to the 왜? button, Enter; focus comes back.
    var reached = false
    for _ in 0..<6 where !reached {
      try browser.press("Tab", shift: true)
      reached = try browser.evaluate("document.activeElement.textContent === '왜?'") as? Bool == true
    }
    #expect(reached, "왜? is reachable by keyboard")
    let before = try browser.evaluate(Self.botCount) as? Int ?? 0
    try browser.press("Enter")
    try browser.wait(
      until: "\(Self.botCount) > \(before) && !document.getElementById('send').disabled")
    #expect(try browser.evaluate("document.activeElement.id") as? String == "text")

    // A mouse click on a quick reply, which then vanishes: focus stays in the input (2.4.3).
    let count = try browser.evaluate(Self.botCount) as? Int ?? 0
    try browser.click("#quick button:last-child")
    try browser.wait(
      until: "\(Self.botCount) > \(count) && !document.getElementById('send').disabled")
    #expect(try browser.evaluate("document.activeElement.id") as? String == "text")

    // Non-text contrast (1.4.11) of the input border and the bubble edges, light and dark.
    for scheme in ["light", "dark"] {
      try browser.colorScheme(scheme)
      let ratios = try #require(try browser.evaluate(Self.contrast) as? [String: Double])
      print("webChat: contrast \(scheme) \(ratios.sorted { $0.key < $1.key })")
      #expect(ratios.count == 5)
      for (edge, ratio) in ratios { #expect(ratio >= 3, "\(scheme) \(edge) \(ratio):1") }
    }

    try browser.colorScheme("light")
    try browser.viewport(width: 390, height: 844)
    try Self.shot(browser, "web-chat-390.png")
    try browser.colorScheme("dark")
    try Self.shot(browser, "web-chat-390-dark.png")
    try browser.colorScheme("light")
    try browser.viewport(width: 320, height: 568)
    try Self.shot(browser, "web-chat-320.png")
    // 400 % zoom of a 1280×1024 window is 320×256 CSS px (1.4.10): no sideways scrolling,
    // 보내기 on one line, and the log, not the header and form, takes the screen.
    try browser.viewport(width: 320, height: 256)
    try browser.evaluate("document.getElementById('text').scrollIntoView()")
    try Self.shot(browser, "web-chat-320x256-zoom400.png")
    let zoomed = try #require(
      try browser.evaluate(
        """
        (() => { const send = document.getElementById('send'); const range = document.createRange();
          range.selectNodeContents(send);
          return { scrollWidth: document.documentElement.scrollWidth,
            sendLines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size,
            log: document.getElementById('log').getBoundingClientRect().height }; })()
        """) as? [String: Any])
    #expect((zoomed["scrollWidth"] as? Int ?? .max) <= 320, "\(zoomed)")
    #expect(zoomed["sendLines"] as? Int == 1, "\(zoomed)")
    #expect((zoomed["log"] as? Double ?? 0) >= 128, "\(zoomed)")
  }

  /// Contrast ratios (WCAG 2.x relative luminance) of the edges that show each control's
  /// shape against the colour behind it, from the computed styles.
  static let contrast = contrastOf(
    """
    { input: edge('#text', 'borderTopColor'), bot: edge('#log .msg.bot', 'borderTopColor'),
      me: edge('#log .msg.me', 'borderTopColor'), quick: edge('#quick button', 'borderTopColor'),
      send: edge('#send', 'backgroundColor') }
    """)

  /// A script returning `edges`, an object of `edge(selector, property)` ratios.
  static func contrastOf(_ edges: String) -> String {
    """
    (() => {
      const rgb = (c) => { const m = /^rgba?\\(([^)]*)\\)$/.exec(c);
        if (!m) throw new Error('not an rgb colour: ' + c);
        return m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); };
      const lum = (c) => { const f = (v) => { v /= 255;
          return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
      const ratio = (a, b) => { const x = lum(a), y = lum(b);
        return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
      const opaque = (c) => c.length < 4 || c[3] === 1;
      const behind = (e) => { for (let n = e.parentElement; n; n = n.parentElement) {
          const c = rgb(getComputedStyle(n).backgroundColor);
          if (c.length === 4 && c[3] === 0) continue;
          if (!opaque(c)) throw new Error('translucent background');
          return c; }
        return [255, 255, 255]; };
      const edge = (selector, property) => { const e = document.querySelector(selector);
        const c = rgb(getComputedStyle(e)[property]);
        if (!opaque(c)) throw new Error('translucent edge at ' + selector);
        return Math.round(ratio(c, behind(e)) * 100) / 100; };
      return \(edges);
    })()
    """
  }

  @Test(
    "답을 기다리는 동안 입력 중 표시가 나오고 보내기는 꺼진다",
    .enabled(if: HeadlessChromium.executable != nil, "skipped: chromium is not installed"))
  func slowRequestShowsTypingAndBlocksSecondSend() async throws {
    let (server, browser) = try await Self.demoPage(width: 390, height: 844)
    defer {
      browser.quit()
      server.stop()
    }
    // The slow server: the browser holds each /chat request until the test lets it go, so
    // "while waiting" lasts exactly as long as the checks need, however fast the server is.
    try browser.call("Fetch.enable", ["patterns": [["urlPattern": "*/chat"]]])
    try browser.evaluate("document.getElementById('text').focus()")
    try browser.type("민방위 언제까지야?")
    try browser.press("Enter")
    let paused = try browser.event("Fetch.requestPaused")
    let waiting = try #require(
      try browser.evaluate(
        """
        (() => { const t = document.getElementById('typing');
          return { send: document.getElementById('send').disabled,
            quick: [...document.querySelectorAll('#quick button')].every((b) => b.disabled),
            typing: !t.hidden && t.getBoundingClientRect().height > 0,
            busy: document.getElementById('log').getAttribute('aria-busy') }; })()
        """) as? [String: Any])
    #expect(waiting["send"] as? Bool == true)
    #expect(waiting["quick"] as? Bool == true)
    #expect(waiting["typing"] as? Bool == true)
    #expect(waiting["busy"] as? String == "true")
    try Self.shot(browser, "web-chat-390-waiting.png")
    // A second Enter and a tap on a quick reply while waiting send nothing.
    try browser.type("또 보내기")
    try browser.press("Enter")
    try browser.click("#quick button")
    #expect(try browser.evaluate(Self.meCount) as? Int == 1)
    try browser.call("Fetch.continueRequest", ["requestId": paused["requestId"] ?? ""])
    try browser.wait(until: "!document.getElementById('send').disabled")
    #expect(try browser.evaluate(Self.meCount) as? Int == 1)
    #expect(try browser.evaluate("document.getElementById('typing').hidden") as? Bool == true)
    let last = try browser.evaluate(
      "[...document.querySelectorAll('#log .msg.bot:not(#typing)')].pop().textContent")
    #expect((last as? String ?? "").contains("민방위 4년차"))
    // What was typed while waiting is still in the input, to send next.
    #expect(try browser.evaluate("document.getElementById('text').value") as? String == "또 보내기")

    // A reply that offers its own 내 알림 보기 gets no second 내 알림 beside it.
    try browser.evaluate("document.getElementById('text').focus()")
    try browser.press("Enter")
    let next = try browser.event("Fetch.requestPaused")
    let reply =
      #"{"end_session":false,"quick_replies":[{"payload":"내 알림 보여줘","#
      + #""title":"내 알림 보기"}],"sender":"c004-choi-minho","texts":["할 일이 없어요."]}"#
    try browser.call(
      "Fetch.fulfillRequest",
      [
        "requestId": next["requestId"] ?? "", "responseCode": 200,
        "responseHeaders": [["name": "Content-Type", "value": "application/json"]],
        "body": Data(reply.utf8).base64EncodedString(),
      ])
    try browser.wait(until: "!document.getElementById('send').disabled")
    let titles = try browser.evaluate(
      "[...document.querySelectorAll('#quick button')].map((b) => b.textContent).join('|')")
    #expect(titles as? String == "내 알림 보기")
  }

  @Test(
    "서버가 꺼지면 오류와 다시 보내기, 다시 켜지면 대화가 이어진다",
    .enabled(if: HeadlessChromium.executable != nil, "skipped: chromium is not installed"))
  func serverDownRetryAndRestart() async throws {
    let executable = try #require(HeadlessChromium.executable)
    let data = NSTemporaryDirectory() + "biseo-web-\(UUID().uuidString)"
    let arguments = ["--data", data, "--as-of", "2026-03-02"]
    let first = try await ServeProcess.start(arguments)
    let port = first.port
    let page = "http://127.0.0.1:\(port)/"
    let browser = try HeadlessChromium(executable: executable)
    defer { browser.quit() }
    try browser.viewport(width: 390, height: 844)
    try browser.open(page)
    try browser.wait(until: "document.getElementById('log').getAttribute('aria-busy') === 'false'")
    try browser.evaluate("document.getElementById('text').focus()")
    try browser.type("도움말")
    try browser.press("Enter")
    try browser.wait(until: "\(Self.botCount) >= 2 && !document.getElementById('send').disabled")
    // A guest: no name, and neither an id nor a placeholder in its place.
    let header = try browser.evaluate("document.querySelector('header').innerText") as? String
    #expect(header == "비서", "\(header ?? "")")
    let text = try browser.evaluate("document.body.innerText") as? String ?? ""
    #expect(!text.contains("알 수 없음") && !text.contains("web-"))

    first.stop()
    try browser.type("건강검진 대상이야?")
    try browser.press("Enter")
    try browser.wait(until: "document.querySelector('[role=alert] button')")
    let failed = try #require(
      try browser.evaluate(
        """
        (() => { const a = document.querySelector('[role=alert]');
          return { alert: a.innerText, button: a.querySelector('button').textContent,
            input: document.getElementById('text').value,
            unsent: document.querySelectorAll('#log .msg.me.unsent').length,
            send: document.getElementById('send').disabled }; })()
        """) as? [String: Any])
    #expect((failed["alert"] as? String ?? "").contains("연결하지 못해"))
    #expect(failed["button"] as? String == "다시 보내기")
    #expect(failed["input"] as? String == "건강검진 대상이야?", "the typed text is kept")
    #expect(failed["unsent"] as? Int == 1)
    #expect(failed["send"] as? Bool == false)
    try Self.shot(browser, "web-chat-390-error.png")

    // The server comes back on the same port, with the same data folder (and key).
    let second = try await ServeProcess.start(arguments, http: "127.0.0.1:\(port)")
    defer { second.stop() }
    try browser.click("[role=alert] button")
    try browser.wait(
      until: "\(Self.botCount) >= 4 && !document.querySelector('[role=alert]').innerText")
    #expect(try browser.evaluate("document.getElementById('text').value") as? String == "")
    #expect(try browser.evaluate("document.querySelectorAll('#log .unsent').length") as? Int == 0)
    let shown =
      try browser.evaluate(
        "[...document.querySelectorAll('#log .msg:not(#typing)')].map((m) => m.innerText).join('\\n')"
      )
      as? String ?? ""

    // A reload after the restart shows the same thread, from the server.
    try browser.open(page)
    try browser.wait(until: "document.getElementById('log').getAttribute('aria-busy') === 'false'")
    let restored =
      try browser.evaluate(
        "[...document.querySelectorAll('#log .msg:not(#typing)')].map((m) => m.innerText).join('\\n')"
      )
      as? String ?? ""
    #expect(restored == shown, "\(restored)\n---\n\(shown)")
    #expect(try browser.evaluate(Self.meCount) as? Int == 2)

    // A link's first question (?q=) is asked once: a reload shows it kept, not asked again.
    try browser.open(page + "?q=%EB%8F%84%EC%9B%80%EB%A7%90")
    try browser.wait(until: "\(Self.meCount) === 3 && !document.getElementById('send').disabled")
    #expect(try browser.evaluate("location.search") as? String == "")
    try browser.open(page)
    try browser.wait(until: "document.getElementById('log').getAttribute('aria-busy') === 'false'")
    #expect(try browser.evaluate(Self.meCount) as? Int == 3)
  }

  @Test(
    "서비스마다 카드: 판단과 기한, 바로가기, 알림 받기, 말풍선 둘까지",
    .enabled(if: HeadlessChromium.executable != nil, "skipped: chromium is not installed"))
  func serviceCards() async throws {
    let (server, browser) = try await Self.demoPage(width: 1280, height: 900, scheme: "light")
    defer {
      browser.quit()
      server.stop()
    }
    try browser.evaluate("document.getElementById('text').focus()")
    try browser.type("올해 건강검진 대상이야?")
    try browser.press("Enter")
    try browser.wait(until: "document.querySelector('#log .card .remind')")
    let card = try #require(
      try browser.evaluate(
        """
        (() => { const c = document.querySelector('#log .card');
          const heading = document.getElementById(c.getAttribute('aria-labelledby'));
          const link = c.querySelector('a.act'); const details = c.querySelector('details');
          return { tag: c.tagName, heading: heading ? heading.tagName + ' ' + heading.textContent : '',
            bold: [...c.querySelectorAll('.facts strong')].map((b) => b.textContent).join('|'),
            links: c.querySelectorAll('a').length - details.querySelectorAll('a').length,
            href: link.getAttribute('href'), target: link.target, rel: link.rel,
            link: link.textContent, remind: c.querySelector('.remind').textContent,
            folded: !details.open && details.textContent.includes('가까운 검진기관'),
            cards: document.querySelectorAll('#log .card').length,
            // The answer's bubbles: everything after the citizen's last one.
            bubbles: [...document.querySelectorAll('#log .msg:not(#typing)')].reverse()
              .findIndex((m) => m.classList.contains('me')),
            breaks: getComputedStyle(c).wordBreak }; })()
        """) as? [String: Any])
    #expect(card["tag"] as? String == "SECTION")
    #expect(card["heading"] as? String == "H2 일반건강검진 대상", "\(card)")
    #expect(card["bold"] as? String == "해당돼요|2026년 12월 31일까지", "\(card)")
    #expect(card["links"] as? Int == 1, "one action link a card")
    #expect(card["href"] as? String == "https://www.nhis.or.kr")
    #expect(card["target"] as? String == "_blank")
    #expect((card["rel"] as? String ?? "").contains("noopener"))
    #expect((card["link"] as? String ?? "").hasPrefix("국민건강보험공단 바로가기"))
    #expect(card["remind"] as? String == "알림 받기")
    #expect(card["folded"] as? Bool == true, "the sentences are behind 자세히")
    #expect((card["cards"] as? Int ?? 0) >= 2, "one card a service: \(card)")
    let bubbles = card["bubbles"] as? Int ?? 0
    #expect((1...2).contains(bubbles), "\(bubbles) bubbles for one answer")
    #expect(card["breaks"] as? String == "keep-all")
    try Self.shot(browser, "web-cards-1280.png")

    // Card edges and buttons keep 3:1 against what they sit on, light and dark.
    for scheme in ["light", "dark"] {
      try browser.colorScheme(scheme)
      let ratios = try #require(
        try browser.evaluate(
          Self.contrastOf(
            """
            { card: edge('#log .card', 'borderTopColor'),
              act: edge('#log .card a.act', 'backgroundColor'),
              remind: edge('#log .card .remind', 'borderTopColor') }
            """)) as? [String: Double])
      print("webChat: card contrast \(scheme) \(ratios.sorted { $0.key < $1.key })")
      #expect(ratios.count == 3)
      for (edge, ratio) in ratios { #expect(ratio >= 3, "\(scheme) \(edge) \(ratio):1") }
    }
    try browser.viewport(width: 390, height: 844)
    try Self.shot(browser, "web-cards-390-dark.png")
    try browser.colorScheme("light")
    try Self.shot(browser, "web-cards-390.png")
    try browser.viewport(width: 320, height: 568)
    try browser.evaluate("document.querySelector('#log .card').scrollIntoView()")
    try Self.shot(browser, "web-cards-320.png")
    let narrow = try #require(
      try browser.evaluate(
        """
        (() => ({ scrollWidth: document.documentElement.scrollWidth,
          widest: Math.max(...[...document.querySelectorAll('#log .card *')]
            .map((e) => e.getBoundingClientRect().right)) }))()
        """) as? [String: Any])
    #expect((narrow["scrollWidth"] as? Int ?? .max) <= 320, "\(narrow)")
    #expect((narrow["widest"] as? Double ?? .infinity) <= 320, "\(narrow)")

    // 알림 받기 sends what the offer's button sends; the reply says the subscription, and focus
    // is back in the input.
    let before = try browser.evaluate(Self.botCount) as? Int ?? 0
    try browser.click("#log .card .remind")
    try browser.wait(
      until: "\(Self.botCount) > \(before) && !document.getElementById('send').disabled")
    let after = try #require(
      try browser.evaluate(
        """
        (() => { const msgs = [...document.querySelectorAll('#log .msg:not(#typing)')];
          return { mine: [...document.querySelectorAll('#log .msg.me')].pop().textContent,
            reply: msgs[msgs.length - 1].textContent + msgs[msgs.length - 2].textContent,
            focus: document.activeElement.id,
            stale: document.querySelectorAll('#log .card .remind').length }; })()
        """) as? [String: Any])
    #expect((after["mine"] as? String ?? "").hasSuffix("네, 알려 주세요"), "\(after)")
    #expect((after["reply"] as? String ?? "").contains("알림을 신청했어요"), "\(after)")
    #expect(after["focus"] as? String == "text")
    #expect(after["stale"] as? Int == 0, "an answered offer leaves no 알림 받기 behind")
    try Self.shot(browser, "web-cards-320-subscribed.png")

    // "왜?" after an answer: still at most two bubbles, the rest folded.
    try browser.viewport(width: 1280, height: 900)
    try browser.evaluate("document.getElementById('text').focus()")
    try browser.type("건강검진 왜?")
    try browser.press("Enter")
    try browser.wait(
      until: "document.querySelectorAll('#log .msg.me').length === 3 "
        + "&& !document.getElementById('send').disabled")
    let why =
      try browser.evaluate(
        "[...document.querySelectorAll('#log .msg:not(#typing)')].reverse()"
          + ".findIndex((m) => m.classList.contains('me'))") as? Int ?? 0
    #expect((1...2).contains(why), "\(why) bubbles for 왜?")

    // A reload draws the kept thread's cards again, the same as they were shown.
    let shown = "document.getElementById('log').innerText"
    let cards = "document.querySelectorAll('#log .card').length"
    let live = try browser.evaluate(shown) as? String ?? ""
    let count = try browser.evaluate(cards) as? Int ?? 0
    try browser.open("http://127.0.0.1:\(server.port)/?citizen=c004-choi-minho")
    try browser.wait(until: "document.getElementById('log').getAttribute('aria-busy') === 'false'")
    #expect(try browser.evaluate(cards) as? Int == count)
    #expect(try browser.evaluate(shown) as? String == live)
  }

  private static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
