import Hangul

extension DialogueManager {
  /// The FAQ's answer with its source, when the match is confident.
  func faqReply(_ text: String, about topic: Topic? = nil) -> Reply? {
    var best = runtime.faq.answer(text)
    // The subject's words: its title and its services' ("이사 (전입)", "전입신고").
    let services = topic.map { topic in
      (topic.named.isEmpty ? topic.rules : topic.named).prefix(3).map {
        runtime.book.title(ofRule: $0)
      }.joined(separator: " ")
    }
    let context = topic.map { title(of: $0) + " " + (services ?? "") }
    // Read with the subject, an entry wins when it scores higher, or when it is about the
    // subject and the line's own best is not ("재발급은 어디서 해?" in a passport thread is
    // the passport's, not 등본's).
    let aboutSubject = { (entry: FAQEntry) in
      services.map { runtime.faq.shares($0, with: entry) } ?? false
    }
    // "어떻게 내" after the fine: a line of frame words alone asks of the subject.
    let frameWords = Set(runtime.frames.frames.flatMap(\.words).map(\.unspaced))
    let bare = TopicFocus.words(of: text).map { Josa.stripped(from: $0) }.allSatisfy {
      $0.count < 2 || frameWords.contains($0.unspaced)
    }
    if let context, let scored = runtime.faq.answer(text + " " + context),
      runtime.faq.shares(text, with: scored.entry) || (bare && aboutSubject(scored.entry)),
      scored.score > best?.score ?? 0
        || (aboutSubject(scored.entry) && !(best.map { aboutSubject($0.entry) } ?? false))
    {
      best = scored
    }
    guard let (entry, _) = best else { return nil }
    var paragraphs: [[ReplySegment]] = [[.text(entry.answer)]]
    if let source = entry.source {
      paragraphs.append(runtime.answers.say("faq_source", ["source": .text(source)]))
    }
    return Reply(paragraphs: paragraphs)
  }
}
