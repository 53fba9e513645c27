/// How sure the model may be of a message of one or two 초성 letters.
///
/// "ㅎㅈ" may be 해지, 혜진, 한잔, 확정 …: the model has seen few such letters and is sure of
/// whatever it saw, so such a message is never above `cap` unless it can mean only one thing.
enum ChoseongConfidence {
  /// The highest confidence an ambiguous one- or two-letter 초성 message may get.
  static let cap: Float = 0.9
  /// Abbreviations that mean one thing wherever Koreans type them: 응, 아니, 오케이, 감사,
  /// 하이, 바이, 고고.
  static let unambiguous: Set<String> = [
    "ㅇㅇ", "ㄴㄴ", "ㅇㅋ", "ㄱㅅ", "ㄳ", "ㅎㅇ", "ㅂㅂ", "ㅃㅃ", "ㄱㄱ",
  ]

  /// Whether `prepared` is one or two 초성 letters (spaces and punctuation aside) that do not
  /// spell one of the unambiguous abbreviations.
  static func isAmbiguous(_ prepared: String) -> Bool {
    let letters = prepared.unicodeScalars.filter { $0.properties.isAlphabetic }
    guard (1...2).contains(letters.count),
      letters.allSatisfy({ (0x3131...0x314E).contains($0.value) })
    else { return false }
    return !unambiguous.contains(String(String.UnicodeScalarView(letters)))
  }

  /// Mixes `probabilities` with the uniform distribution just enough that none is above `cap`:
  /// the order and the sum stay as they were.
  static func temper(_ probabilities: inout [Float]) {
    let k = Float(probabilities.count)
    guard k > 1, let top = probabilities.max(), top > cap else { return }
    let weight = (cap - 1 / k) / (top - 1 / k)
    for i in probabilities.indices {
      probabilities[i] = weight * probabilities[i] + (1 - weight) / k
    }
  }
}
