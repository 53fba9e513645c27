/// A batch's facts laid into the vector lane's columns: from decoded profiles, or saved and
/// laid back (a population kept in memory in the lane's own form).
extension VectorMachine {
  /// Lays the read facts of `profiles` (at most `width`) into the fact columns and arena.
  func load(_ profiles: UnsafeBufferPointer<Profile>) {
    let n = min(profiles.count, VectorMachine.width)
    batchCount = n
    factTop = VectorMachine.reserved
    resetTexts()
    loadingFacts = true
    loadFacts(profiles, n)
    loadingFacts = false
  }

  /// Starts a batch decoded line by line (`decodeLine`), with no citizen yet.
  func beginBatch() {
    batchCount = 0
    factTop = VectorMachine.reserved
    resetTexts()
    for f in program.readFacts { anyUnheld[f] = false }
  }

  /// Decodes one JSON Lines profile into the next lane; `keep` then counts it in the batch
  /// (or the next line takes the lane).
  ///
  /// - Returns: the profile's `"id"`, if it has one.
  func decodeLine(_ line: UnsafeBufferPointer<UInt8>, _ decoder: ProfileDecoder) -> String? {
    loadingFacts = true
    defer { loadingFacts = false }
    return decoder.decode(line, lane: batchCount, into: self, reads: reads)
  }

  /// Counts the lane just decoded in the batch.
  func keep() {
    let (lane, stride) = (batchCount, VectorMachine.stride)
    for f in program.readFacts where unheld[f * stride + lane] != 0 { anyUnheld[f] = true }
    batchCount += 1
  }

  /// The loaded facts, to lay back with `restore` (a population kept in memory as columns).
  func save() -> ProfileColumns {
    let (n, read, stride) = (batchCount, program.readFacts, VectorMachine.stride)
    var columns = ProfileColumns(count: n)
    for f in read {
      columns.facts.append(contentsOf: UnsafeBufferPointer(start: facts + f * stride, count: n))
      columns.unheld.append(contentsOf: UnsafeBufferPointer(start: unheld + f * stride, count: n))
      columns.anyUnheld.append(anyUnheld[f])
    }
    let used = factTop - VectorMachine.reserved
    columns.arena = Array(UnsafeBufferPointer(start: arena + VectorMachine.reserved, count: used))
    columns.texts = batchTexts
    return columns
  }

  /// Lays back facts saved by `save` (from this book's vector lane).
  func restore(_ columns: ProfileColumns) {
    let (n, stride) = (columns.count, VectorMachine.stride)
    batchCount = n
    columns.facts.withUnsafeBufferPointer { saved in
      guard let base = saved.baseAddress else { return }
      for (k, f) in program.readFacts.enumerated() {
        (facts + f * stride).update(from: base + k * n, count: n)
      }
    }
    columns.unheld.withUnsafeBufferPointer { saved in
      guard let base = saved.baseAddress else { return }
      // A fact every citizen holds is never looked up in `unheld` (see `fact(_:deep:)`).
      for (k, f) in program.readFacts.enumerated() where columns.anyUnheld[k] {
        (unheld + f * stride).update(from: base + k * n, count: n)
      }
    }
    for (k, f) in program.readFacts.enumerated() { anyUnheld[f] = columns.anyUnheld[k] }
    columns.arena.withUnsafeBufferPointer { saved in
      guard let base = saved.baseAddress else { return }
      (arena + VectorMachine.reserved).update(from: base, count: saved.count)
    }
    factTop = VectorMachine.reserved + columns.arena.count
    resetTexts()
    for t in columns.texts { _ = batchTextID(t) }
  }

  /// Lays the read facts of `profiles` into columns, citizen by citizen (each citizen's facts
  /// are one array: reading them fact by fact would walk every array once per fact).
  private func loadFacts(_ profiles: UnsafeBufferPointer<Profile>, _ n: Int) {
    let (read, stride, shapes) = (program.readFacts, VectorMachine.stride, factShapes)
    for f in read { anyUnheld[f] = false }
    for i in 0..<n {
      profiles[i].facts.withUnsafeBufferPointer { values in
        for f in read {
          if f < values.count, let v = load(values[f], shapes[f], at: .fact(f)) {
            facts[f * stride + i] = v
            unheld[f * stride + i] = 0
          } else {
            facts[f * stride + i] = 0
            // Unknown, or a value the lane cannot hold (not unknown for the general machine).
            var unknown = f >= values.count
            if !unknown, case .unknown = values[f] { unknown = true }
            unheld[f * stride + i] = unknown ? 1 : 2
            anyUnheld[f] = true
          }
        }
      }
    }
  }
}

/// A batch of citizens' facts as the vector lane lays them out: what "profiles in memory"
/// are for a batch engine (`Evaluator.columns(of:)`, `compute(columns:asOf:)`).
public struct ProfileColumns: Sendable {
  /// Citizens in the batch.
  public let count: Int
  /// Per read fact (in `VectorProgram.readFacts` order), `count` words; then whether each
  /// citizen holds it, and whether any does not.
  var facts: [Int] = []
  var unheld: [Int] = []
  var anyUnheld: [Bool] = []
  /// The batch's lists and records, from `VectorMachine.reserved` on.
  var arena: [Int] = []
  /// The batch's texts that are none of the book's constants, in id order.
  var texts: [String] = []

  init(count: Int) {
    self.count = count
  }
}
