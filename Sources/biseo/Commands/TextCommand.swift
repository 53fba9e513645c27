import Hangul

/// `biseo text …`: the Hangul module's face for rule and intent authors.
enum TextCommand: BiseoCommand {
  static let name = "text"
  static let summary = "Hangul tools: jamo, 초성, 두벌식 keyboard, 조사, numbers read aloud"
  static let usage = [
    "text jamo [--conjoining | --letters] [TEXT…]",
    "text compose [TEXT…]",
    "text choseong [--query Q] [TEXT…]",
    "text keyboard [--detect] [TEXT…]",
    "text josa WORD PARTICLE",
    "text josa --strip [TOKEN…]",
    "text normalize [TEXT…]",
    "text read [TEXT…]",
    "text number [TEXT…]",
  ]
  static let discussion = """
    Each TEXT is normalized (NFC, full-width, spaces) first. Without TEXT, each line of stdin
    is one input.

      jamo       decompose syllables: 한글 → ㅎㅏㄴㄱㅡㄹ (--conjoining: U+1100 jamo as NFD;
                 --letters: compound letters split as typed, 괜 → ㄱㅗㅐㄴ)
      compose    compose loose jamo: ㅎㅏㄴㄱㅡㄹ → 한글 (ㄱㄱㄱㅈ stays as it is)
      choseong   initial consonants: 건강검진 → ㄱㄱㄱㅈ; with --query, whether Q matches
                 the text (ㄱㄱㄱㅈ, 건강ㄱㅈ both match 건강검진); exit 1 when it does not
      keyboard   두벌식 keys ⇄ Hangul: dkssudgktpdy → 안녕하세요, 민방위 → alsqkddnl;
                 --detect prints the likelihood that Latin text is Korean typed in English
                 mode and the corrected text only when it probably is (hello stays hello)
      josa       attach a particle after a word: josa SK 을/를 → SK를, josa 3 을 → 3을;
                 --strip removes trailing particles: 서울에서는 → 서울
      normalize  the normalization every input edge applies
      read       numbers read aloud: 123,450원 → 십이만 삼천사백오십 원, 3시 → 세 시
      number     Korean or mixed numerals to an integer: 3만 5천 → 35000, 마흔 → 40
    """
  static let options: [OptionSpec] = [
    .flag("--conjoining", "jamo: conjoining jamo (as NFD) instead of compatibility jamo"),
    .flag("--letters", "jamo: split compound vowels and double finals into keyboard letters"),
    .value("--query", "Q", "choseong: test whether the 초성 query Q matches each text"),
    .flag("--detect", "keyboard: score Latin text and correct it only when it is mistyped Korean"),
    .flag("--strip", "josa: strip trailing particles and endings from each token"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    guard let operation = arguments.positionals.first else {
      throw CommandError.usage("missing operation")
    }
    let operations = [
      "jamo", "compose", "choseong", "keyboard", "josa", "normalize", "read", "number",
    ]
    guard operations.contains(operation) else {
      let hint = Suggestion.closest(to: operation, among: operations).map {
        "did you mean '\($0)'?"
      }
      throw CommandError.usage("unknown operation '\(operation)'", hint: hint)
    }
    var inputs = Array(arguments.positionals.dropFirst())
    if operation == "josa", !arguments.has("--strip") {
      return try attachJosa(inputs, console: console)
    }
    if inputs.isEmpty { inputs = console.readStandardInputLines() }
    var status: Int32 = 0
    for input in inputs.map(TextNormalizer.normalize) {
      switch operation {
      case "jamo":
        let form: Jamo.Form =
          arguments.has("--conjoining")
          ? .conjoining : arguments.has("--letters") ? .letters : .compatibility
        console.line(Jamo.decompose(input, to: form))
      case "compose": console.line(Jamo.compose(input))
      case "choseong":
        if let query = arguments.value("--query") {
          let matched = Choseong.matches(query: TextNormalizer.normalize(query), in: input)
          console.line(matched ? "match" : "no match")
          if !matched { status = 1 }
        } else {
          console.line(Choseong.extract(input))
        }
      case "keyboard": console.line(keyboard(input, detect: arguments.has("--detect")))
      case "josa":
        console.line(
          input.split(separator: " ").map { Josa.stripped(from: $0) }.joined(separator: " "))
      case "read": console.line(NumberReader.readAloud(input))
      case "number":
        guard let value = KoreanNumber.parse(input) else {
          throw CommandError.badInput("'\(input)' is not a number")
        }
        console.line(String(value))
      default: console.line(input)
      }
    }
    return status
  }

  private static func keyboard(_ input: String, detect: Bool) -> String {
    if detect {
      let score = DubeolsikKeyboard.koreanLikelihood(input)
      let corrected = DubeolsikKeyboard.correctedIfMistyped(input) ?? input
      return "\(corrected)\t\(String(format: "%.2f", score))"
    }
    let hasHangul = input.unicodeScalars.contains { HangulSyllable($0) != nil }
    return hasHangul
      ? DubeolsikKeyboard.keys(fromHangul: input) : DubeolsikKeyboard.hangul(fromKeys: input)
  }

  private static func attachJosa(_ inputs: [String], console: Console) throws -> Int32 {
    guard inputs.count == 2 else {
      throw CommandError.usage("josa needs a WORD and a PARTICLE, e.g. 'biseo text josa SK 을/를'")
    }
    let word = TextNormalizer.normalize(inputs[0])
    guard let josa = Josa(form: TextNormalizer.normalize(inputs[1])) else {
      let known = Josa.allCases.map(\.rawValue).joined(separator: ", ")
      throw CommandError.badInput("unknown particle '\(inputs[1])'; known: \(known)")
    }
    console.line(josa.attached(to: word))
    return 0
  }
}
