import Foundation
import Synchronization
import Testing

@testable import Secretary

/// The profile store under many writers: updates never lost, guest ids never shared, the cache
/// bounded and never older than the file.
@Suite struct ProfileStoreConcurrencyTests {
  private func store(capacity: Int = 10_000) -> ProfileStore {
    ProfileStore(
      demoDirectory: nil, dataDirectory: NSTemporaryDirectory() + "biseo-ps-\(UUID().uuidString)",
      cacheCapacity: capacity)
  }

  @Test("200 concurrent updates of one citizen each add a fact: all 200 are kept")
  func updatesAreNotLost() throws {
    let store = store()
    DispatchQueue.concurrentPerform(iterations: 200) { n in
      _ = try? store.update("c1") { profile in
        var items: [JSONValue] = []
        if case .array(let old)? = profile["facts"] { items = old }
        return profile.setting("facts", to: .array(items + [.string("f\(n)")]))
      }
    }
    guard case .array(let facts)? = try store.profile("c1")["facts"] else {
      Issue.record("no facts")
      return
    }
    #expect(Set(facts.compactMap(\.stringValue)) == Set((0..<200).map { "f\($0)" }))
  }

  @Test("concurrent new citizens get distinct guest ids")
  func guestIDsAreUnique() {
    let store = store()
    let ids = Mutex<[String]>([])
    DispatchQueue.concurrentPerform(iterations: 40) { _ in
      if let id = try? store.newCitizen() { ids.withLock { $0.append(id) } }
    }
    let all = ids.withLock { $0 }
    #expect(all.count == 40 && Set(all).count == 40)
  }

  @Test("the cache keeps at most its capacity and counts evictions")
  func cacheIsBounded() throws {
    let store = store(capacity: 3)
    for n in 0..<10 { try store.save("c\(n)", .object([("id", .string("c\(n)"))])) }
    for n in 0..<10 { _ = try store.profile("c\(n)") }
    #expect(store.cacheEvictions >= 7)
    #expect(try store.profile("c0")["id"] == .string("c0"))
  }

  @Test("a change made by another store (another process) is seen; a removal too")
  func cacheFollowsTheFile() throws {
    let first = store()
    let second = ProfileStore(demoDirectory: nil, dataDirectory: first.dataDirectory)
    try first.save("c1", .object([("id", .string("c1")), ("name", .string("가"))]))
    #expect(try second.profile("c1")["name"] == .string("가"))
    try first.save("c1", .object([("id", .string("c1")), ("name", .string("나나"))]))
    #expect(try second.profile("c1")["name"] == .string("나나"))
    #expect(try first.removeLearned("c1"))
    #expect(throws: ProfileStore.Failure.self) { try second.profile("c1") }
  }
}
