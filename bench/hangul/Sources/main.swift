import Foundation
import Hangul

// Throughput of the per-utterance text front end: normalize → decompose to letters →
// keyboard-mode detection, the work every chat line and training example goes through.
// Usage: swift run -c release hangul-bench [FILE…]   (default: the public NLU sets in ../shared)

let defaultFiles = ["nsmc/train.tsv", "3i4k/train.tsv", "chatbot/train.tsv"].map {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "../../../../shared/data/nlu/" + $0
  ).standardized.path
}
let paths =
  CommandLine.arguments.count > 1 ? Array(CommandLine.arguments.dropFirst()) : defaultFiles

var lines: [String] = []
for path in paths {
  guard let data = FileManager.default.contents(atPath: path) else {
    FileHandle.standardError.write(Data("skipping \(path): not readable\n".utf8))
    continue
  }
  let text = DecodedText(utf8: data).text
  for line in text.split(separator: "\n") {
    // label<TAB>text: keep the text; add an English-mode twin so detection does real work.
    let utterance = line.split(separator: "\t").last.map(String.init) ?? ""
    lines.append(utterance)
    if lines.count % 10 == 0 { lines.append(DubeolsikKeyboard.keys(fromHangul: utterance)) }
  }
}
guard !lines.isEmpty else {
  FileHandle.standardError.write(Data("no input\n".utf8))
  exit(2)
}
let bytes = lines.reduce(0) { $0 + $1.utf8.count + 1 }

func pass(_ lines: [String]) -> (Duration, Int) {
  var checksum = 0
  let clock = ContinuousClock()
  let elapsed = clock.measure {
    for line in lines {
      let normalized = TextNormalizer.normalize(line)
      checksum &+= Jamo.decompose(normalized, to: .letters).utf8.count
      if DubeolsikKeyboard.koreanLikelihood(normalized) >= 0.9 { checksum &+= 1 }
    }
  }
  return (elapsed, checksum)
}

if ProcessInfo.processInfo.environment["STAGES"] != nil {
  let clock = ContinuousClock()
  var normalized: [String] = []
  print("normalize", clock.measure { normalized = lines.map(TextNormalizer.normalize) })
  print("decompose", clock.measure { for l in normalized { _ = Jamo.decompose(l, to: .letters) } })
  print(
    "detect", clock.measure { for l in normalized { _ = DubeolsikKeyboard.koreanLikelihood(l) } })
}
_ = pass(lines)  // warm-up
var best = Duration.seconds(1_000)
var checksum = 0
for _ in 0..<3 {
  let (elapsed, sum) = pass(lines)
  best = min(best, elapsed)
  checksum = sum
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
let mb = Double(bytes) / 1_000_000
print(
  String(
    format: "lines %d, %.1f MB, best of 3: %.3f s, %.1f MB/s, %.0f lines/s (checksum %d)",
    lines.count, mb, seconds, mb / seconds, Double(lines.count) / seconds, checksum))
