/// A map that keeps at most `capacity` entries, dropping the least recently used: sessions and
/// cached profiles must not grow with every new sender.
///
/// Entries live in arrays linked by index (no allocation per hit); all operations are O(1).
package struct LRUCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
  private struct Node: Sendable {
    var key: Key
    var value: Value
    var older: Int
    var newer: Int
  }

  /// Most entries kept.
  package let capacity: Int
  /// Entries dropped to make room, since creation.
  package private(set) var evictions = 0
  private var index: [Key: Int] = [:]
  private var nodes: [Node] = []
  private var free: [Int] = []
  private var newest = -1
  private var oldest = -1

  /// - Parameter capacity: most entries kept (at least 1).
  package init(capacity: Int) { self.capacity = max(1, capacity) }

  /// Entries held now.
  package var count: Int { index.count }

  /// The value for `key`, marking it most recently used.
  package mutating func get(_ key: Key) -> Value? {
    guard let slot = index[key] else { return nil }
    touch(slot)
    return nodes[slot].value
  }

  /// Sets the value for `key`, dropping the least recently used entry when full.
  package mutating func set(_ key: Key, _ value: Value) {
    if let slot = index[key] {
      nodes[slot].value = value
      touch(slot)
      return
    }
    if index.count >= capacity, oldest >= 0 {
      let victim = oldest
      unlinkNode(victim)
      index[nodes[victim].key] = nil
      free.append(victim)
      evictions += 1
    }
    let node = Node(key: key, value: value, older: newest, newer: -1)
    let slot: Int
    if let reused = free.popLast() {
      nodes[reused] = node
      slot = reused
    } else {
      nodes.append(node)
      slot = nodes.count - 1
    }
    if newest >= 0 { nodes[newest].newer = slot }
    newest = slot
    if oldest < 0 { oldest = slot }
    index[key] = slot
  }

  /// Removes `key` if present.
  package mutating func remove(_ key: Key) {
    guard let slot = index.removeValue(forKey: key) else { return }
    unlinkNode(slot)
    free.append(slot)
  }

  /// Removes every entry whose value `drop` picks (O(count): for rare sweeps, an erasure).
  package mutating func removeAll(where drop: (Value) -> Bool) {
    for (key, slot) in index where drop(nodes[slot].value) { remove(key) }
  }

  private mutating func touch(_ slot: Int) {
    guard slot != newest else { return }
    unlinkNode(slot)
    nodes[slot].older = newest
    nodes[slot].newer = -1
    if newest >= 0 { nodes[newest].newer = slot }
    newest = slot
    if oldest < 0 { oldest = slot }
  }

  private mutating func unlinkNode(_ slot: Int) {
    let (older, newer) = (nodes[slot].older, nodes[slot].newer)
    if older >= 0 { nodes[older].newer = newer } else { oldest = newer }
    if newer >= 0 { nodes[newer].older = older } else { newest = older }
  }
}
