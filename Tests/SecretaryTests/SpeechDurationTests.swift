import Foundation
import Testing

@testable import Secretary

/// The TTS pass: every turn of every golden speaker conversation, spoken by espeak-ng
/// (`espeak-ng -v ko --stdout`, its default rate), timed from its WAV, and held to the speech
/// budget.
///
/// A turn may last at most `maxSeconds` and take at most `SpeechRenderer.syllableBudget`
/// syllables (55: at espeak-ng's ≈ 0.21 s a syllable and ≈ 0.5 s a turn, about 12 s; the
/// issue's 70 would be about 15 s, so the two could not both hold). The syllable budget is
/// checked without espeak-ng too, and with it, against the voice: a line fitted through every
/// measured turn must put the budget at no more than `maxSeconds`. A turn over the time today
/// would be held to its recorded ceiling in `Corpus/speech-budget.tsv` instead, so it could only
/// get shorter (`RECORD_GOLDEN=1` rewrites that file and fails the run, as for the other golden
/// files); the file holds none. With `$BISEO_ARTIFACTS`
/// set, `speech-durations.tsv` there lists every turn: conversation, turn, seconds, syllables
/// (Hangul syllables and digits) and text. CI installs espeak-ng (`.ci/run`); without it the
/// test is skipped.
@Suite struct SpeechDurationTests {
  /// How long one spoken turn may take.
  static let maxSeconds = 12.0

  static let espeak: String? = ["/usr/bin/espeak-ng", "/usr/local/bin/espeak-ng"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  static let budgetFile = GoldenConversationTests.root
    .appendingPathComponent("Corpus/speech-budget.tsv")

  /// One spoken turn and what it measured.
  struct Measured {
    var conversation: String
    /// 0 is the greeting, then one per citizen line.
    var turn: Int
    var text: String
    var seconds: Double
    var syllables: Int
  }

  @Test(
    "every golden speaker turn, spoken by espeak-ng, keeps to the speech budget",
    .enabled(if: espeak != nil, "skipped: espeak-ng is not installed (apt-get install espeak-ng)"))
  func speakerTurnsKeepTheBudget() async throws {
    let espeak = try #require(Self.espeak)
    let runtime = try #require(GoldenConversationTests.runtime, "the shipped data does not load")
    var measured: [Measured] = []
    for name in try Self.speakerConversations() {
      let turns = try Self.spokenTurns(of: name, on: runtime)
      for (index, text) in turns.enumerated() {
        let wav = try await Self.speak(text, with: espeak)
        let seconds = try #require(WAVDuration.seconds(of: wav), "\(name) turn \(index): no WAV")
        measured.append(
          Measured(
            conversation: name, turn: index, text: text, seconds: seconds,
            syllables: Self.syllables(in: text)))
      }
    }
    #expect(measured.count >= 20, "too few speaker turns to judge: \(measured.count)")
    try Self.writeArtifact(measured)
    // The syllable budget is about maxSeconds with this voice: a least-squares line through
    // (syllables, seconds) of every turn puts the budget within it.
    let n = Double(measured.count)
    let xs = measured.map { Double($0.syllables) }
    let ys = measured.map(\.seconds)
    let (mx, my) = (xs.reduce(0, +) / n, ys.reduce(0, +) / n)
    let slope =
      zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
      / xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
    let atBudget = my + slope * (Double(SpeechRenderer.syllableBudget) - mx)
    print(
      "speech: \(measured.count) turns, \(Self.format(slope)) s a syllable, "
        + "\(SpeechRenderer.syllableBudget) syllables ≈ \(Self.format(atBudget)) s")
    #expect(atBudget <= Self.maxSeconds, "the syllable budget is \(Self.format(atBudget)) s")
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
      try Self.recordCeilings(measured)
      Issue.record("recorded Corpus/speech-budget.tsv; run again without RECORD_GOLDEN")
      return
    }
    let ceilings = try Self.recordedCeilings()
    for turn in measured {
      let key = "\(turn.conversation)\t\(turn.turn)"
      let ceiling = ceilings[key] ?? Self.maxSeconds
      #expect(
        turn.seconds <= ceiling,
        """
        \(turn.conversation) turn \(turn.turn) takes \(Self.format(turn.seconds)) s, over \
        \(Self.format(ceiling)) s: \(turn.text)
        """)
    }
    // A recorded ceiling that is no longer needed is dropped, so the file only shrinks.
    for (key, ceiling) in ceilings {
      let turn = measured.first { "\($0.conversation)\t\($0.turn)" == key }
      #expect(
        turn.map { $0.seconds > Self.maxSeconds } ?? false,
        """
        remove '\(key)' (\(Self.format(ceiling)) s) from Corpus/speech-budget.tsv: it keeps to \
        \(Self.format(Self.maxSeconds)) s now, or the turn is gone
        """)
    }
  }

  @Test("a WAV's duration comes from its format and the bytes of its data chunk")
  func wavDuration() throws {
    // 22,050 Hz, 16-bit mono: 44,100 bytes a second; the declared size is espeak-ng's
    // placeholder for a stream (0x7FFFF000), so the bytes present count.
    var wav: [UInt8] = Array("RIFF".utf8) + [0x24, 0xF0, 0xFF, 0x7F] + Array("WAVEfmt ".utf8)
    wav += [16, 0, 0, 0, 1, 0, 1, 0, 0x22, 0x56, 0, 0, 0x44, 0xAC, 0, 0, 2, 0, 16, 0]
    wav += Array("data".utf8) + [0x00, 0xF0, 0xFF, 0x7F]
    wav += [UInt8](repeating: 0, count: 88_200)
    #expect(WAVDuration.seconds(of: wav) == 2.0)
    #expect(WAVDuration.seconds(of: Array(wav.prefix(30))) == nil)
    #expect(WAVDuration.seconds(of: Array("not a wav at all, not at all".utf8)) == nil)
  }

  @Test("syllables are Hangul syllables and digits")
  func syllableCount() {
    #expect(Self.syllables(in: "네, 대상이에요. 12월 31일까지 받으세요.") == 18)
    #expect(SpeechRenderer.syllables(in: "네, 대상이에요. 12월 31일까지 받으세요.") == 18)
  }

  @Test("every golden speaker turn keeps to the syllable budget (no voice needed)")
  func speakerTurnsKeepTheSyllableBudget() throws {
    let runtime = try #require(GoldenConversationTests.runtime, "the shipped data does not load")
    var count = 0
    for name in try Self.speakerConversations() {
      for (index, text) in try Self.spokenTurns(of: name, on: runtime).enumerated() {
        count += 1
        #expect(
          Self.syllables(in: text) <= SpeechRenderer.syllableBudget,
          "\(name) turn \(index): \(Self.syllables(in: text)) syllables: \(text)")
      }
    }
    #expect(count >= 20, "too few speaker turns to judge: \(count)")
  }

  // MARK: - Helpers

  /// The golden conversations whose header says `mode: speaker`.
  static func speakerConversations() throws -> [String] {
    try GoldenConversationTests.files.filter { name in
      let text = try String(
        contentsOf: GoldenConversationTests.folder.appendingPathComponent(name), encoding: .utf8)
      return try Transcript(parsing: text, name: name).mode == "speaker"
    }
  }

  /// What the speaker says in a conversation, turn by turn, replayed as the golden test does.
  static func spokenTurns(of name: String, on runtime: SecretaryRuntime) throws -> [String] {
    try Transcript.replies(
      of: name, on: runtime, greet: { $0.spoken($0.greeting(in: &$1)).text },
      turn: { $0.respondSpoken(to: $1, in: &$2, asOf: $3, now: $4).text })
  }

  /// Hangul syllables and ASCII digits: what a voice spends time on.
  static func syllables(in text: String) -> Int {
    text.unicodeScalars.filter {
      (0xAC00...0xD7A3).contains($0.value) || (0x30...0x39).contains($0.value)
    }.count
  }

  /// The WAV espeak-ng writes for `text`, waited for without blocking the cooperative pool.
  static func speak(_ text: String, with espeak: String) async throws -> [UInt8] {
    let output = NSTemporaryDirectory() + "biseo-tts-\(UUID().uuidString).wav"
    guard FileManager.default.createFile(atPath: output, contents: nil),
      let sink = FileHandle(forWritingAtPath: output)
    else { throw CocoaError(.fileWriteUnknown) }
    defer { try? FileManager.default.removeItem(atPath: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: espeak)
    process.arguments = ["-v", "ko", "--stdout", text]
    process.standardOutput = sink
    process.standardError = FileHandle.nullDevice
    let status: Int32 = try await withCheckedThrowingContinuation { continuation in
      process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
      do { try process.run() } catch { continuation.resume(throwing: error) }
    }
    try sink.close()
    guard status == 0 else { throw CocoaError(.executableLoad) }
    return Array(FileManager.default.contents(atPath: output) ?? Data())
  }

  /// The recorded ceilings of `Corpus/speech-budget.tsv`, by conversation and turn.
  ///
  /// One `conversation<TAB>turn<TAB>seconds` line for each turn that was over the budget when
  /// it was set; `#` lines are comments. An absent file holds none.
  static func recordedCeilings() throws -> [String: Double] {
    guard let text = try? String(contentsOf: budgetFile, encoding: .utf8) else { return [:] }
    var ceilings: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t").map(String.init)
      let seconds = try #require(
        fields.count >= 3 ? Double(fields[2]) : nil, "malformed line in speech-budget.tsv: \(line)")
      ceilings["\(fields[0])\t\(fields[1])"] = seconds
    }
    return ceilings
  }

  /// Rewrites `Corpus/speech-budget.tsv` with a ceiling (rounded up to a tenth of a second)
  /// for each turn over `maxSeconds` now.
  static func recordCeilings(_ measured: [Measured]) throws {
    var tsv = """
      # Speaker turns over \(format(maxSeconds)) s through espeak-ng (-v ko), each held to its
      # ceiling so it can only get shorter: conversation<TAB>turn<TAB>seconds. Written by
      # `RECORD_GOLDEN=1 swift test --filter SpeechDurationTests` (bench/speech/README.md).

      """
    for turn in measured where turn.seconds > maxSeconds {
      let ceiling = (turn.seconds * 10).rounded(.up) / 10
      tsv += "\(turn.conversation)\t\(turn.turn)\t\(String(format: "%.1f", ceiling))\n"
    }
    try tsv.write(to: budgetFile, atomically: true, encoding: .utf8)
  }

  /// Writes `speech-durations.tsv` into `$BISEO_ARTIFACTS`, when that is set.
  static func writeArtifact(_ measured: [Measured]) throws {
    guard let folder = ProcessInfo.processInfo.environment["BISEO_ARTIFACTS"] else { return }
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    var tsv = "conversation\tturn\tseconds\tsyllables\ttext\n"
    for turn in measured {
      let text = turn.text.replacingOccurrences(of: "\t", with: " ")
        .replacingOccurrences(of: "\n", with: " ")
      tsv += "\(turn.conversation)\t\(turn.turn)\t\(format(turn.seconds))\t\(turn.syllables)\t"
      tsv += text + "\n"
    }
    try tsv.write(
      toFile: (folder as NSString).appendingPathComponent("speech-durations.tsv"),
      atomically: true, encoding: .utf8)
  }

  static func format(_ seconds: Double) -> String { String(format: "%.2f", seconds) }
}

/// The length of a RIFF/WAVE file's sound: its data bytes over the format's bytes a second.
///
/// espeak-ng writing to a pipe cannot seek back, so the RIFF and data sizes it declares are
/// placeholders; the data chunk is taken to run to the end of the file when it declares more
/// than there is.
enum WAVDuration {
  static func seconds(of wav: [UInt8]) -> Double? {
    func word(_ at: Int) -> Int? {
      guard at + 4 <= wav.count else { return nil }
      return (0..<4).reduce(0) { $0 | Int(wav[at + $1]) << (8 * $1) }
    }
    guard wav.count >= 12, Array(wav[0..<4]) == Array("RIFF".utf8),
      Array(wav[8..<12]) == Array("WAVE".utf8)
    else { return nil }
    var at = 12
    var byteRate: Int?
    while at + 8 <= wav.count, let size = word(at + 4) {
      let id = String(decoding: wav[at..<at + 4], as: UTF8.self)
      if id == "fmt " {
        byteRate = word(at + 16)
      } else if id == "data" {
        guard let byteRate, byteRate > 0 else { return nil }
        let available = wav.count - (at + 8)
        return Double(min(size, available)) / Double(byteRate)
      }
      at += 8 + size + size % 2
    }
    return nil
  }
}
