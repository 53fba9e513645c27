import Foundation
import Secretary

/// `biseo link`: a one-time code that links a platform identity to a citizen.
enum LinkCommand: BiseoCommand {
  static let name = "link"
  static let summary = "issue a one-time code that links a chat identity to a citizen"
  static let usage = [
    "link --citizen ID [--minutes N] [--data DIR] [--corpus DIR] [--json]",
    "link --citizen ID --list [--data DIR]",
  ]
  static let discussion = """
    Run after the operator verified the citizen (본인인증 happens outside Biseo). Prints six
    digits; the citizen types "인증번호 NNNNNN" in any channel (Kakao, web chat, speaker, …) and
    that identity then speaks for them. The code is single-use, expires after --minutes
    (default 10), and only its SHA-256 is kept (DATA/links.journal). Too many wrong codes lock
    the sender out and revoke outstanding codes; issue a new one then. --list prints the
    identities linked to the citizen.
    """
  static let options: [OptionSpec] = [
    .value("--citizen", "ID", "the verified citizen"),
    .value("--minutes", "N", "how long the code is valid, 1 to 60 (default 10)"),
    .flag("--list", "print the identities linked to the citizen instead"),
    .flag("--json", "print {\"citizen\",\"code\",\"expires\"} as JSON"),
    .value("--data", "DIR", "the data folder (default ./data)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ (default Corpus)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let citizen = try knownCitizen(arguments)
    let book = LinkBook(dataDirectory: arguments.value("--data") ?? "data")
    if arguments.has("--list") {
      for identity in book.identities(of: citizen) { console.line(identity) }
      return 0
    }
    let minutes = arguments.value("--minutes") ?? "10"
    guard let count = Int(minutes), (1...60).contains(count) else {
      throw CommandError.usage("--minutes takes 1 to 60, not '\(minutes)'")
    }
    let now = Int(Date().timeIntervalSince1970)
    let code: String
    do {
      code = try LinkCodes.issue(citizen: citizen, book: book, now: now, lifetime: count * 60)
    } catch {
      throw CommandError.failure(error.description)
    }
    let expires = Date(timeIntervalSince1970: TimeInterval(now + count * 60))
    if arguments.has("--json") {
      console.line(
        JSONValue.object([
          ("citizen", .string(citizen)), ("code", .string(code)),
          ("expires", .string(expires.ISO8601Format())),
        ]).text)
    } else {
      console.line("\(code)  (for \(citizen), valid \(count) minutes, once)")
    }
    return 0
  }

  /// The `--citizen` value, checked against the known profiles.
  static func knownCitizen(_ arguments: ParsedArguments) throws -> String {
    guard let citizen = arguments.value("--citizen") else {
      throw CommandError.usage("--citizen is required")
    }
    let store = ProfileStore(
      demoDirectory: (arguments.value("--corpus") ?? "Corpus") + "/profiles",
      dataDirectory: arguments.value("--data") ?? "data")
    let known = store.citizenIDs()
    guard known.contains(citizen) else {
      let hint = Suggestion.closest(to: citizen, among: known).map { "did you mean '\($0)'?" }
      throw CommandError.usage("no citizen '\(citizen)'", hint: hint)
    }
    return citizen
  }
}

/// `biseo unlink`: an identity, or every identity of a citizen, speaks for nobody again.
enum UnlinkCommand: BiseoCommand {
  static let name = "unlink"
  static let summary = "unlink a chat identity (or all of a citizen's) from its citizen"
  static let usage = ["unlink (--identity PLATFORM:SENDER | --citizen ID) [--data DIR]"]
  static let discussion = """
    The identity (as `biseo link --list` prints it, e.g. kakao:u-9f3a) becomes a guest again at
    its next message. A citizen can do the same by typing "연결 끊어줘".
    """
  static let options: [OptionSpec] = [
    .value("--identity", "PLATFORM:SENDER", "the identity to unlink"),
    .value("--citizen", "ID", "unlink every identity of this citizen"),
    .value("--data", "DIR", "the data folder (default ./data)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let book = LinkBook(dataDirectory: arguments.value("--data") ?? "data")
    let identities: [String]
    switch (arguments.value("--identity"), arguments.value("--citizen")) {
    case (let identity?, nil):
      guard book.citizen(for: identity) != nil else {
        throw CommandError.badInput("'\(identity)' is not linked")
      }
      identities = [identity]
    case (nil, let citizen?): identities = book.identities(of: citizen)
    default: throw CommandError.usage("give exactly one of --identity and --citizen")
    }
    let now = Int(Date().timeIntervalSince1970)
    do {
      try book.append(identities.map { .unlinked(identity: $0, at: now) })
    } catch {
      throw CommandError.failure(error.description)
    }
    console.line("unlinked \(identities.count) identit\(identities.count == 1 ? "y" : "ies")")
    return 0
  }
}
