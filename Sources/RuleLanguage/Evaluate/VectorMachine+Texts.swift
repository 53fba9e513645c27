/// Texts in the vector lane: the book's constants keep the ids the compiler gave them; any
/// other text a batch's facts hold (a child's name) is given the next id for that batch, so
/// equal texts are equal words and a text output is written from its id.
extension VectorMachine {
  func batchTextID(_ s: String) -> Int {
    if let id = batchTextIDs[s] { return id }
    let id = textsByID.count + batchTexts.count
    batchTexts.append(s)
    batchTextIDs[s] = id
    return id
  }

  /// Forgets the last batch's texts (a new batch's facts are about to be laid out).
  func resetTexts() {
    // Most batches of most books hold none: an empty table is left as it is.
    guard !state.pointee.batchTexts.isEmpty else { return }
    batchTexts.removeAll(keepingCapacity: true)
    batchTextIDs.removeAll(keepingCapacity: true)
  }

  /// The text of id `x` (a constant or one of the batch's), or nil for no text.
  func text(_ x: Int) -> String? {
    if x >= 0 && x < textsByID.count { return textsByID[x] }
    let k = x - textsByID.count
    return k >= 0 && k < batchTexts.count ? batchTexts[k] : nil
  }
}
