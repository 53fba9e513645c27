import Foundation

/// The on-disk form of a trained `LinearModel`: magic, version, the fingerprint of the inputs
/// it was trained from, the model (non-zero rows only) and a checksum.
///
/// A file is trusted only when every one of those matches; anything else — another version,
/// other inputs, a torn or corrupted file — reads as "no model", and the caller retrains.
package enum ModelFile {
  /// The first eight bytes of every model file.
  package static let magic: [UInt8] = Array("BISEONLU".utf8)
  /// Bumped whenever the layout or the meaning of features changes.
  package static let version: UInt32 = 4

  /// Serialises a model trained from inputs with fingerprint `inputHash`.
  ///
  /// - Parameters:
  ///   - model: the model.
  ///   - inputHash: fingerprint of options and training data (see `IntentModel.fingerprint`).
  /// - Returns: the file's bytes.
  package static func encode(_ model: LinearModel, inputHash: UInt64) -> [UInt8] {
    var out = ByteWriter()
    out.bytes += magic
    out.u32(version)
    out.u64(inputHash)
    out.u32(UInt32(model.labels.count))
    for label in model.labels {
      let utf8 = Array(label.utf8)
      out.u32(UInt32(utf8.count))
      out.bytes += utf8
    }
    out.u32(UInt32(model.bucketBits))
    for b in model.bias { out.f32(b) }
    out.u32(model.featureWeights.isEmpty ? 0 : 1)
    for v in model.featureWeights { out.f32(v) }
    let l = model.labels.count
    var rows: [Int] = []
    for row in 0..<(1 << model.bucketBits) {
      let start = row * l
      if model.weights[start..<(start + l)].contains(where: { $0 != 0 }) { rows.append(row) }
    }
    out.u32(UInt32(rows.count))
    for row in rows {
      out.u32(UInt32(row))
      for k in 0..<l { out.f32(model.weights[row * l + k]) }
    }
    out.u64(checksum(out.bytes))
    return out.bytes
  }

  /// Reads a model, or nil when the bytes are not a valid model for `inputHash`.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - inputHash: the fingerprint the model must have been trained from.
  /// - Returns: the model, or nil (stale, foreign or damaged).
  package static func decode(_ bytes: [UInt8], inputHash: UInt64) -> LinearModel? {
    guard bytes.count >= magic.count + 8 + 8 else { return nil }
    let body = bytes[..<(bytes.count - 8)]
    var tail = ByteReader(bytes[(bytes.count - 8)...])
    guard let stored = tail.u64(), stored == checksum(body) else { return nil }
    var r = ByteReader(body)
    guard r.take(magic.count) == magic[...], r.u32() == version, r.u64() == inputHash,
      let labelCount = r.u32(), labelCount > 0, labelCount < 100_000
    else { return nil }
    var labels: [String] = []
    for _ in 0..<labelCount {
      guard let length = r.u32(), let raw = r.take(Int(length)),
        let label = String(validating: raw, as: UTF8.self)
      else { return nil }
      labels.append(label)
    }
    guard let bits = r.u32(), (8...26).contains(bits) else { return nil }
    let l = Int(labelCount)
    var bias: [Float] = []
    for _ in 0..<l {
      guard let b = r.f32() else { return nil }
      bias.append(b)
    }
    guard let hasFeatureWeights = r.u32(), hasFeatureWeights <= 1 else { return nil }
    var featureWeights: [Float] = []
    if hasFeatureWeights == 1 {
      featureWeights.reserveCapacity(1 << Int(bits))
      for _ in 0..<(1 << Int(bits)) {
        guard let v = r.f32() else { return nil }
        featureWeights.append(v)
      }
    }
    var weights = [Float](repeating: 0, count: l << Int(bits))
    guard let rowCount = r.u32(), rowCount <= 1 << bits else { return nil }
    for _ in 0..<rowCount {
      guard let row = r.u32(), row < 1 << bits else { return nil }
      for k in 0..<l {
        guard let w = r.f32() else { return nil }
        weights[Int(row) * l + k] = w
      }
    }
    guard r.isAtEnd else { return nil }
    var model = LinearModel(labels: labels, bucketBits: Int(bits), weights: weights, bias: bias)
    model.featureWeights = featureWeights
    return model
  }

  /// Reads the model at `path` if it is valid for `inputHash`.
  ///
  /// - Parameters:
  ///   - path: the cache file.
  ///   - inputHash: the expected fingerprint.
  /// - Returns: the model, or nil when missing, stale or damaged.
  package static func load(path: String, inputHash: UInt64) -> LinearModel? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return decode([UInt8](data), inputHash: inputHash)
  }

  /// Writes the model atomically (temporary file, then rename), creating the folder.
  ///
  /// - Parameters:
  ///   - model: the model.
  ///   - path: the cache file.
  ///   - inputHash: the fingerprint it was trained from.
  /// - Throws: file-system errors.
  package static func save(_ model: LinearModel, path: String, inputHash: UInt64) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(encode(model, inputHash: inputHash)).write(to: url, options: .atomic)
  }

  static func checksum(_ bytes: some Collection<UInt8>) -> UInt64 {
    var h: UInt64 = 14_695_981_039_346_656_037
    for byte in bytes { h = (h ^ UInt64(byte)) &* 1_099_511_628_211 }
    return h
  }
}
