import CivilCalendar
import Hangul

/// Replies for a speaker: speakable Korean only — no emoji, URLs, markdown or tables — with
/// numbers, dates and amounts read as words, at most two sentences a turn.
public enum SpeechRenderer {
  public static let sentenceLimit = 2

  /// The sentences of `reply` as speakable text, each with its segments read aloud.
  public static func sentences(of reply: Reply) -> [String] {
    var sentences: [String] = []
    for paragraph in reply.spokenParagraphs {
      var spoken = clean(paragraph.map(spokenText).joined())
      // A line such as "함께 챙길 것: …" ends its sentence before the next one starts.
      if let last = spoken.last, !".?!".contains(last) { spoken += "." }
      sentences += split(spoken)
    }
    return sentences
  }

  /// One turn of speech: the first sentences (from `offset`), and whether more remain.
  ///
  /// - Parameter hint: what is said when more remains (`more_hint` of `Intents/answers.txt`).
  public static func turn(_ reply: Reply, offset: Int = 0, hint: String) -> (
    text: String, hasMore: Bool
  ) {
    turn(sentences: sentences(of: reply), offset: offset, hint: hint)
  }

  /// The same from the reply's sentences, split once (`sentences(of:)`).
  public static func turn(sentences all: [String], offset: Int = 0, hint: String) -> (
    text: String, hasMore: Bool
  ) {
    let chosen = spoken(all, from: offset)
    let hasMore = offset + chosen.count < all.count
    let text = (Array(chosen) + (hasMore ? [hint] : [])).joined(separator: " ")
    return (text, hasMore)
  }

  /// The same turn in the SSML subset of docs/conventions (§11): one `<s>` per sentence and a
  /// pause before the hint.
  ///
  /// Numbers, dates and phone numbers are already words (read by `Hangul`), so no engine has
  /// to guess how to read a Korean date.
  public static func ssml(_ reply: Reply, offset: Int = 0, hint: String) -> String {
    ssml(sentences: sentences(of: reply), offset: offset, hint: hint)
  }

  /// The same from the reply's sentences, split once.
  public static func ssml(sentences all: [String], offset: Int = 0, hint: String) -> String {
    let chosen = spoken(all, from: offset)
    var out = "<speak>" + chosen.map { "<s>\(escape($0))</s>" }.joined()
    if offset + chosen.count < all.count {
      out += "<break time=\"300ms\"/><s>\(escape(hint))</s>"
    }
    return out + "</speak>"
  }

  /// The sentences one turn speaks: two, or three when the third ends the reply with a question.
  ///
  /// "잘 알아듣지 못했어요. 축하드려요! 출산 예정일이 언제인가요?": a question held back behind
  /// "자세히" would leave the listener nothing to answer.
  static func spoken(_ all: [String], from offset: Int) -> ArraySlice<String> {
    var count = min(sentenceLimit, max(0, all.count - offset))
    if offset + count == all.count - 1, all[offset + count].hasSuffix("?") { count += 1 }
    return all.dropFirst(offset).prefix(count)
  }

  /// Digits as said in phone numbers (0 is 공, not 영).
  static let phoneDigits = ["공", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"]

  static func spokenText(_ segment: ReplySegment) -> String {
    switch segment {
    case .text(let t): NumberReader.readAloud(SpokenForms.replacingSections(in: t))
    case .date(let d): NumberReader.readAloud(d.description)
    case .amount(let a): KoreanNumber.sino(a) + " 원"
    case .number(let n): KoreanNumber.sino(n)
    case .telephone(let t): t.compactMap(\.wholeNumberValue).map { phoneDigits[$0] }.joined()
    case .pause: " "
    case .citation: ""
    case .link(let title, _): title
    }
  }

  /// Removes what cannot or need not be spoken: asides in parentheses (windows, examples,
  /// where-to-pay notes), URLs, markdown marks, table bars, bullets and emoji; a middle dot
  /// between words becomes a pause (", ").
  static func clean(_ text: String) -> String {
    var spoken = ""
    var depth = 0
    for c in text {
      switch c {
      case "(":
        // The aside goes with the space before it: "간암 검진 (고위험군)」에" → "간암 검진에".
        if depth == 0, spoken.last == " " { spoken.removeLast() }
        depth += 1
      case ")": depth = max(depth - 1, 0)
      default: if depth == 0 { spoken.append(c) }
      }
    }
    spoken = spoken.replacingOccurrences(of: "·", with: ", ")
    var words: [Substring] = []
    for word in spoken.split(whereSeparator: \.isWhitespace) {
      if word.hasPrefix("http://") || word.hasPrefix("https://") || word.hasPrefix("www.") {
        continue
      }
      words.append(word)
    }
    var out = ""
    let said = SpokenForms.replacingWrittenMarks(in: words.joined(separator: " "))
    for scalar in said.unicodeScalars {
      if "*_`#|>•~[]".unicodeScalars.contains(scalar) { continue }
      let p = scalar.properties
      if p.isEmojiPresentation || (p.isEmoji && scalar.value > 0x2000) { continue }
      if scalar.value == 0xFE0F || scalar.value == 0x200D { continue }
      out.unicodeScalars.append(scalar)
    }
    let joined = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
      .replacingOccurrences(of: " .", with: ".").replacingOccurrences(of: " ,", with: ",")
      .replacingOccurrences(of: " :", with: ":")
    return joined == "." ? "" : joined
  }

  /// Splits after '.', '?' or '!' followed by a space or the end.
  static func split(_ text: String) -> [String] {
    var sentences: [String] = []
    var current = ""
    let characters = Array(text)
    for (i, c) in characters.enumerated() {
      current.append(c)
      if ".?!".contains(c), i + 1 == characters.count || characters[i + 1] == " " {
        sentences.append(current.trimmingSpaces)
        current = ""
      }
    }
    if !current.trimmingSpaces.isEmpty { sentences.append(current.trimmingSpaces) }
    return sentences.filter { !$0.isEmpty }
  }

  static func escape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      default: out.append(c)
      }
    }
    return out
  }
}

extension String {
  var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}
