/// A reply as the terminal chat prints it.
///
/// Paragraphs separated by blank lines, then the
/// quick replies as `[title]` buttons on one line. Golden conversations use the same form.
public enum TranscriptRenderer {
  public static func text(of reply: Reply) -> String {
    var out = TextRenderer.text(of: reply) + "\n"
    if !reply.quickReplies.isEmpty {
      out += reply.quickReplies.map { "[\($0.title)]" }.joined(separator: " ") + "\n"
    }
    return out
  }
}
