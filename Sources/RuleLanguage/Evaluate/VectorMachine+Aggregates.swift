/// Aggregates in the vector lane: a list column becomes a space of its elements, and what
/// the elements computed folds back into one value per list, in list order.
extension VectorMachine {
  /// Whether `at` is the offset of a list lying inside the arena.
  @inline(__always) func isList(_ at: Int) -> Bool {
    at >= 0 && at < VectorMachine.arenaCapacity && arena[at] >= 0
      && at + arena[at] < VectorMachine.arenaCapacity
  }

  /// Gives up rule `r` for the citizens whose list in output column `o` is not a whole
  /// list in the arena (never expected), rather than reading it out of bounds.
  func checkList(_ o: Int, of r: Int) {
    let column = outputs + o * VectorMachine.width
    for i in 0..<batchCount where column[i] != LaneWord.none && !isList(column[i]) {
      undecided[r * VectorMachine.width + i] = 1
    }
  }

  /// The elements of the active lanes' lists, as a space (grouped by lane, in order), with
  /// the binder's slot holding the items.
  ///
  /// Two aggregates over the same list column and lanes (`sum(v in cars: …)` twice) get the
  /// same space, so what their bodies share (`annual_tax(v)`) is memoized across them.
  func elements(of lists: UnsafeMutablePointer<Int>, binder slot: Int) -> VectorSpace {
    let (n, a, roots) = (space.count, space.active, space.root)
    if let h = elementSpaces.firstIndex(where: {
      $0.lists == lists && $0.root == roots && $0.count == n && same($0.active, a, n)
    }) {
      if let kept = elementSpaces[h].kept { build(h, kept) }
      slots[slot] = elementSpaces[h].items
      return elementSpaces[h].space
    }
    // Where each active lane's elements start (a lane with no list has none), without a
    // branch: lanes with and without elements come in random order.
    let first = column(n)
    let limit = UInt(VectorMachine.arenaCapacity)
    var total = 0
    for i in 0..<n {
      let at = lists[i]
      let inside = (a[i] != 0 ? 1 : 0) & (UInt(bitPattern: at) < limit ? 1 : 0)
      let safe = inside != 0 ? at : 0
      let c = arena[safe]
      let length = inside != 0 && c >= 0 && UInt(bitPattern: safe &+ c) < limit ? c : 0
      first[i] = total
      total &+= length
    }
    // Each element's lane: every lane marks its first element (the last mark on a position
    // is the lane that has elements there), and the marks run forward over the rest.
    // `parent` has a spare word: lanes after the last element mark position `total`.
    let (parent, root, items, active) = (
      column(total + 1), column(total), column(total), ones(total)
    )
    parent.update(repeating: 0, count: total + 1)
    for i in 0..<n { parent[first[i]] = i }
    var lane = 0
    for k in 0..<total {
      lane = max(lane, parent[k])
      parent[k] = lane
      root[k] = roots[lane]
      items[k] = arena[lists[lane] &+ 1 &+ k &- first[lane]]
    }
    slots[slot] = items
    let made = VectorSpace(count: total, active: active, root: root, parent: parent)
    let mask = column(n)
    mask.update(from: a, count: n)
    elementSpaces.append(
      ElementSpace(lists: lists, root: roots, count: n, active: mask, items: items, space: made))
    return made
  }

  /// Offers the elements of the lists a `filter` or `map` just made over the current space.
  ///
  /// They are the `kept` ones (all, when nil) of the elements `e` the lists were made of,
  /// with `items` as their values; built only if an aggregate asks for them (`elements`).
  func offer(
    lists: UnsafeMutablePointer<Int>, from e: VectorSpace, kept: UnsafeMutablePointer<Int>?,
    items: UnsafeMutablePointer<Int>
  ) {
    let (n, a) = (space.count, space.active)
    let mask = column(n)
    mask.update(from: a, count: n)
    elementSpaces.append(
      ElementSpace(
        lists: lists, root: space.root, count: n, active: mask, items: items, space: e,
        kept: kept))
  }

  /// Keeps only the kept elements of offered space `h`.
  private func build(_ h: Int, _ kept: UnsafeMutablePointer<Int>) {
    let (from, values) = (elementSpaces[h].space, elementSpaces[h].items)
    var total = 0
    for k in 0..<from.count { total &+= kept[k] & 1 }
    let (parent, root, items) = (column(total + 1), column(total + 1), column(total + 1))
    var j = 0
    for k in 0..<from.count {
      (parent[j], root[j], items[j]) = (from.parent[k], from.root[k], values[k])
      j &+= kept[k] & 1
    }
    elementSpaces[h].items = items
    elementSpaces[h].space = VectorSpace(
      count: total, active: ones(total), root: root, parent: parent)
    elementSpaces[h].kept = nil
  }

  private func same(_ x: UnsafeMutablePointer<Int>, _ y: UnsafeMutablePointer<Int>, _ n: Int)
    -> Bool
  {
    var differ = 0
    for i in 0..<n { differ |= x[i] ^ y[i] }
    return differ == 0
  }
}

/// A space of list elements kept for the rule, by the list column and lanes it was made from.
struct ElementSpace {
  var lists: UnsafeMutablePointer<Int>
  var root: UnsafeMutablePointer<Int>
  var count: Int
  var active: UnsafeMutablePointer<Int>
  var items: UnsafeMutablePointer<Int>
  var space: VectorSpace
  /// For a space offered by a `filter`: which of `space`'s elements it keeps, until built.
  var kept: UnsafeMutablePointer<Int>? = nil
}
