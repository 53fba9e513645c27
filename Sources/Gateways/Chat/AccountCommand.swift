/// The account commands the responder handles before the dialogue: they act on the link
/// between a platform identity and a citizen, never on a citizen's facts.
package enum AccountCommand: Sendable, Equatable {
  /// "인증번호 123456": redeem a one-time link code.
  case code(String)
  /// "연결 끊어줘": unlink this identity.
  case unlink
  /// "내 정보 보여줘": what is held about the citizen (개인정보 보호법 §35).
  case showMine
  /// "내 정보 삭제해줘": ask to erase it; nothing happens before `confirmErase`.
  case eraseMine
  /// "삭제 확인": erase, if asked for just before (§36).
  case confirmErase

  /// Recognises a command in a normalized message; nil for anything else.
  ///
  /// Spaces are ignored ("인증 번호 123 456"); the code must be exactly six ASCII digits, so
  /// "인증번호 알려줘" is left to the dialogue.
  package init?(_ text: String) {
    let compact = String(text.unicodeScalars.filter { !$0.properties.isWhitespace })
    for prefix in ["인증번호", "인증코드"] where compact.hasPrefix(prefix) {
      let digits = compact.dropFirst(prefix.count)
      guard digits.count == 6, digits.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) })
      else { return nil }
      self = .code(String(digits))
      return
    }
    let phrases = ["연결끊어줘", "연결끊어주세요", "연결끊기", "연결해제", "연결해제해줘"]
    let trimmed = compact.trimmingSuffix(while: { ".!?~".unicodeScalars.contains($0) })
    if phrases.contains(trimmed) {
      self = .unlink
      return
    }
    let rights: [(AccountCommand, [String])] = [
      (.showMine, ["내정보보여줘", "내정보보여주세요", "내정보보기", "내정보열람"]),
      (.eraseMine, ["내정보삭제해줘", "내정보삭제해주세요", "내정보지워줘", "내정보삭제"]),
      (.confirmErase, ["삭제확인"]),
    ]
    for (command, texts) in rights where texts.contains(trimmed) {
      self = command
      return
    }
    return nil
  }
}

extension String {
  fileprivate func trimmingSuffix(while drop: (Unicode.Scalar) -> Bool) -> String {
    var scalars = Array(unicodeScalars)
    while let last = scalars.last, drop(last) { scalars.removeLast() }
    return String(String.UnicodeScalarView(scalars))
  }
}
