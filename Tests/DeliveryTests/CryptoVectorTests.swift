import Delivery
import Foundation
import Testing

/// Published vectors: FIPS 180-4 examples (NIST CSRC) for SHA-256, RFC 4231 for HMAC-SHA256,
/// the CRC-32 check value, and the Standard Webhooks spec example.
@Suite struct CryptoVectorTests {
  static let sha256Vectors: [(String, String)] = [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
    (
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
      "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
    ),
  ]

  @Test(arguments: sha256Vectors)
  func sha256(message: String, digest: String) {
    #expect(SHA256.hash(Array(message.utf8)).hexString == digest)
  }

  @Test func sha256OneMillionA() {
    var h = SHA256()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { h.update(chunk) }
    #expect(
      h.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func sha256PaddingBoundaries() {
    // 55, 56 and 64 bytes straddle the one-block / two-block padding edge.
    #expect(
      SHA256.hash([UInt8](repeating: 0x61, count: 55)).hexString
        == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
    #expect(
      SHA256.hash([UInt8](repeating: 0x61, count: 56)).hexString
        == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    #expect(
      SHA256.hash([UInt8](repeating: 0x61, count: 64)).hexString
        == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
  }

  static func bytes(_ byte: UInt8, _ n: Int) -> [UInt8] { [UInt8](repeating: byte, count: n) }

  static let rfc4231: [([UInt8], [UInt8], String)] = [
    (
      bytes(0x0b, 20), Array("Hi There".utf8),
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
    ),
    (
      Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
    ),
    (
      bytes(0xaa, 20), bytes(0xdd, 50),
      "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"
    ),
    (
      Array(1...25), bytes(0xcd, 50),
      "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"
    ),
    (
      bytes(0xaa, 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    ),
    (
      bytes(0xaa, 131),
      Array(
        ("This is a test using a larger than block-size key and a larger than block-size data."
          + " The key needs to be hashed before being used by the HMAC algorithm.").utf8),
      "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"
    ),
  ]

  @Test(arguments: rfc4231)
  func hmacSHA256(key: [UInt8], data: [UInt8], mac: String) {
    #expect(HMACSHA256.mac(key: key, message: data).hexString == mac)
  }

  @Test func hmacTruncatedTestCase5() {
    let mac = HMACSHA256.mac(key: Self.bytes(0x0c, 20), message: Array("Test With Truncation".utf8))
    #expect(Array(mac.prefix(16)).hexString == "a3b6167473100ee06e0c796c2955552b")
  }

  @Test func constantTimeCompare() {
    #expect(HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 3]))
    #expect(!HMACSHA256.constantTimeEquals([1, 2, 3], [1, 2, 4]))
    #expect(!HMACSHA256.constantTimeEquals([1, 2], [1, 2, 3]))
  }

  @Test func crc32CheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    let whole = CRC32.checksum(Array("hello world".utf8))
    let split = CRC32.checksum(Array(" world".utf8), seed: CRC32.checksum(Array("hello".utf8)))
    #expect(whole == split)
  }
}
