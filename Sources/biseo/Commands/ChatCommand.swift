import CivilCalendar
import Foundation
import Hangul
import Secretary

/// `biseo chat`: the secretary on stdin and stdout, the main job.
enum ChatCommand: BiseoCommand {
  static let name = "chat"
  static let summary = "chat with the secretary on stdin/stdout (the main job)"
  static let usage = [
    "chat [--citizen ID | --new] [--speaker [--ssml]] [--as-of DATE] [--data DIR]"
  ]
  static let discussion = """
    Talks as a demo citizen from Corpus/profiles (the first one unless --citizen names
    another), or as a new citizen (--new) whose facts are collected as the chat goes. Facts
    and consents are saved in the data folder (default ./data) after every turn and survive
    a restart. End with Ctrl-D or Ctrl-C.

    --speaker answers in speakable Korean only (numbers and dates as words, at most 55
    syllables a turn, about 12 s; say '자세히' for more); --ssml prints the same in SSML.
    """
  static let options: [OptionSpec] = [
    .value("--citizen", "ID", "the demo citizen to talk as (see Corpus/profiles)"),
    .flag("--new", "start as a new citizen with no facts known"),
    .flag("--speaker", "speakable replies for a smart speaker"),
    .flag("--ssml", "with --speaker: print replies as SSML"),
    .value("--as-of", "DATE", "the date to answer as of (YYYY-MM-DD; default today in Seoul)"),
    .value("--data", "DIR", "where learned facts and consents are kept (default ./data)"),
    .value("--rules", "DIR", "the rule folder (default Rules)"),
    .value("--intents", "DIR", "the intent folder (default Intents)"),
    .value("--corpus", "DIR", "the corpus folder with profiles/ and faq/ (default Corpus)"),
    .value("--cache", "DIR", "where the trained intent model is cached (default DATA/cache)"),
  ]

  static func run(_ arguments: ParsedArguments, console: Console) async throws -> Int32 {
    let now = Date()  // the edge: the one place chat reads the clock
    let asOf = try arguments.asOfDate(now: now)
    let corpus = arguments.value("--corpus") ?? "Corpus"
    let paths = SecretaryPaths(
      rules: arguments.value("--rules") ?? "Rules",
      intents: arguments.value("--intents") ?? "Intents",
      profiles: corpus + "/profiles", faq: corpus + "/faq",
      data: arguments.value("--data") ?? "data", modelCacheDirectory: arguments.value("--cache"))
    let (loaded, report) = SecretaryRuntime.load(paths)
    if !report.isEmpty { console.error(report) }
    guard let runtime = loaded else {
      throw CommandError.badInput("cannot start: fix the errors above")
    }
    let citizen = try citizenID(arguments, runtime: runtime)
    let dialogue = DialogueManager(runtime: runtime)
    var conversation = Conversation(citizenID: citizen)
    let speaker = arguments.has("--speaker")
    let ssml = arguments.has("--ssml")
    if ssml, !speaker { throw CommandError.usage("--ssml needs --speaker") }

    ChatTerminal.installInterruptHandler()
    let interactive = isatty(0) == 1
    func show(_ reply: Reply) {
      console.line(TranscriptRenderer.text(of: reply))
    }
    let greeting = dialogue.greeting(in: &conversation)
    if speaker {
      let turn = dialogue.spoken(greeting)
      console.line((ssml ? turn.ssml : turn.text) + "\n")
    } else {
      show(greeting)
    }
    var lines = LineReader(fd: 0)
    while true {
      if interactive { console.out("> ") }
      console.flush()
      guard let line = lines.next(console: console) else { break }
      if speaker {
        let turn = dialogue.respondSpoken(to: line, in: &conversation, asOf: asOf, now: Date())
        console.line(ssml ? turn.ssml : turn.text)
        console.line()
        if turn.endsConversation { break }
      } else {
        let reply = dialogue.respond(to: line, in: &conversation, asOf: asOf, now: Date())
        show(reply)
        if reply.endsConversation { break }
      }
    }
    return 0
  }

  static func citizenID(_ arguments: ParsedArguments, runtime: SecretaryRuntime) throws -> String {
    let known = runtime.profiles.citizenIDs()
    if arguments.has("--new") {
      if arguments.value("--citizen") != nil {
        throw CommandError.usage("choose --citizen or --new")
      }
      return try runtime.profiles.newCitizen()
    }
    guard let id = arguments.value("--citizen") ?? known.first else {
      throw CommandError.badInput("no demo citizens in Corpus/profiles; use --new")
    }
    guard known.contains(id) else {
      let hint = Suggestion.closest(to: id, among: known).map { "did you mean '\($0)'?" }
      throw CommandError.usage(
        "no citizen '\(id)'", hint: hint ?? "known: \(known.joined(separator: ", "))")
    }
    return id
  }
}
