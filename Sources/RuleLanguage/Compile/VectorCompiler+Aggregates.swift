import CivilCalendar
import Diagnostics

/// Aggregates and `iterate` in the vector lane: the elements of a list, or the lanes still
/// iterating, become a space of their own; what they computed folds back in order.
extension VectorCompiler {
  func aggregate(
    _ kind: String, slot binder: Int, source: Typed, filter: Typed?, body: Typed?,
    at span: SourceSpan
  ) throws -> VecTyped {
    let ts = try expr(source)
    guard case .list(let element) = ts.type else { throw VectorUnsupported() }
    let slot = newSlot()
    depth += 1
    locals[binder] = VecLocal(slot: slot, type: element, depth: depth)
    defer { depth -= 1 }
    let list = ts.eval
    let keep = try filter.map { try expr($0).eval }
    let tb = try body.map { try expr($0) }
    let valueType = tb?.type ?? element
    let resultType: RuleType
    switch kind {
    case "count": resultType = .int
    case "filter": resultType = .list(element)
    case "map":
      guard let tb else { throw VectorUnsupported() }
      resultType = .list(tb.type)
    case "any", "all": resultType = .bool
    case "sum":
      guard [.int, .money, .decimal].contains(valueType) else { throw VectorUnsupported() }
      resultType = valueType
    default:
      guard [.int, .money, .decimal, .date].contains(valueType) else {
        throw VectorUnsupported()
      }
      resultType = valueType.optional
    }
    let value = tb?.eval
    let reduce = VectorCompiler.reducer(
      kind, hasBody: body != nil, hasFilter: filter != nil, site: program.faultSite(span))
    // In the citizens' space, with unknowns, as the general machine: an unknown list is the
    // value (its elements are not looked at); an element's unknown makes the value unknown
    // with every set, and a fault among them is the value (`VectorMachine.locating`), except
    // where `any`/`all` could decide past it (those citizens go to the general machine). A
    // body runs only where the filter kept the element without failing, as there.
    let citizens = aware && depth == 1
    let hardenElements = kind == "any" || kind == "all"
    let isSum = kind == "sum"
    let hasFilterAndBody = filter != nil && body != nil
    return VecTyped(
      type: resultType,
      eval: { m in
        let before = citizens && m.unknowns ? m.setAside() : nil
        var lists = list(m)
        var aside: (UnsafeMutablePointer<Int>, UnsafeMutablePointer<Int>)?
        if let before {
          let source = m.setAside()
          // The source's failures, now in `source`: those citizens have no elements.
          let (safe, r, n) = (m.column(), m.space.root, m.batchCount)
          for i in 0..<m.space.count {
            let c = r[i] == VectorMachine.width ? n : r[i]
            safe[i] = source[c] != 0 ? 0 : lists[i]
          }
          lists = safe
          aside = (before, source)
        }
        var elements = m.elements(of: lists, binder: slot)
        elements.lanesFailed = nil
        if before != nil && !hardenElements && m.locating {
          let lanes = m.column(elements.count)
          lanes.update(repeating: 0, count: elements.count)
          elements.lanesFailed = lanes
        }
        // Without the lanes' failures a filter's unknown could not keep the body from running.
        let harden = hardenElements || (hasFilterAndBody && elements.lanesFailed == nil)
        defer {
          if let (before, source) = aside {
            if harden { m.hardenFailures() }
            m.putBack(source)
            m.putBack(before)
          }
        }
        m.enter(elements)
        // The filter, then the body only where the filter keeps the element (and did not fail
        // there, where the lane tells).
        let kept = keep.map { $0(m) }
        var mask = elements.active
        if let kept {
          mask = m.column()
          if let lanes = elements.lanesFailed {
            for i in 0..<elements.count { mask[i] = kept[i] != 0 && lanes[i] == 0 ? 1 : 0 }
          } else {
            for i in 0..<elements.count { mask[i] = kept[i] != 0 ? 1 : 0 }
          }
        }
        let values = value.map { v in m.masked(mask) { v(m) } }
        let items = m.slots[slot]
        m.leave()
        // For a sum: the lanes some of whose elements failed (an overflow there is no fault).
        var failing: UnsafeMutablePointer<Int>?
        if isSum, let lanes = elements.lanesFailed {
          let f = m.column()
          f.update(repeating: 0, count: m.space.count)
          for k in 0..<elements.count { f[elements.parent[k]] |= lanes[k] }
          failing = f
        }
        return reduce(
          m, elements,
          Reduction(kept: kept, values: values, items: items, failing: failing))
      })
  }

  func iterate(
    slot binder: Int, first: Typed, next: Typed, until: Typed, limit steps: Int,
    at span: SourceSpan
  ) throws -> VecTyped {
    let site = program.faultSite(span, steps: steps)
    let tf = try expr(first)
    let slot = newSlot()
    // Each step runs in a space of the lanes still going, one level deeper: lanes that
    // finished early cost the later steps nothing.
    depth += 1
    locals[binder] = VecLocal(slot: slot, type: tf.type, depth: depth)
    defer { depth -= 1 }
    let en = try coerce(try expr(next), to: tf.type)
    let eu = try expr(until).eval
    let ef = tf.eval
    // In the citizens' space, with unknowns, as the general machine: an unknown first value is
    // the value (no step runs); a fault in a step is the value; an unknown in a step leaves
    // the citizen's rule to it.
    let citizens = aware && depth == 1
    return VecTyped(
      type: tf.type,
      eval: { m in
        let (n, a, roots) = (m.space.count, m.space.active, m.space.root)
        let before = citizens && m.unknowns ? m.setAside() : nil
        let value = m.column()
        value.update(from: ef(m), count: n)
        let firstFails = before != nil ? m.setAside() : nil
        // A step's lane is its citizen's here, and the general machine runs the same steps:
        // a fault in one is located (an unknown still leaves the rule to the general machine).
        let locate = before != nil && m.locating
        defer {
          if let before, let firstFails {
            if locate { m.hardenUnknowns() } else { m.hardenFailures() }
            m.putBack(firstFails)
            m.putBack(before)
          }
        }
        // The lanes still going, compacted: each step's from the last step's (not from the
        // whole space again), into two sets of columns used in turn.
        var lanes = VectorCompiler.IterateLanes(m, n)
        var next = VectorCompiler.IterateLanes(m, n)
        var total = 0
        for i in 0..<n {
          (lanes.parent[total], lanes.root[total], lanes.items[total]) = (i, roots[i], value[i])
          var going = a[i] & 1
          if let firstFails {
            let c = roots[i] == VectorMachine.width ? m.batchCount : roots[i]
            if firstFails[c] != 0 { going = 0 }
          }
          total &+= going
        }
        var count = 0
        while total > 0 {
          let mark = m.mark
          m.slots[slot] = lanes.items
          var space = VectorSpace(
            count: total, active: m.ones(total), root: lanes.root, parent: lanes.parent)
          if locate {
            space.lanesFailed = m.column(total)
            space.lanesFailed?.update(repeating: 0, count: total)
          }
          m.enter(space)
          let done = eu(m)
          let (root, stay) = (lanes.root, m.column())
          var left = 0
          for j in 0..<total {
            stay[j] = done[j] == 0 && m.failed[root[j]] == 0 ? 1 : 0
            left &+= stay[j]
          }
          count += 1
          if left > 0 && count > steps {
            // The general machine's fault: more steps than the limit.
            for j in 0..<total where stay[j] != 0 {
              m.fail(lane: j, site: site, code: Operators.overflowCode)
            }
            left = 0
          }
          let step = left > 0 ? m.masked(stay) { en(m) } : nil
          m.leave()
          var kept = 0
          if let step {
            for j in 0..<total {
              let i = lanes.parent[j]
              value[i] = stay[j] != 0 ? step[j] : value[i]
              (next.parent[kept], next.root[kept], next.items[kept]) = (i, root[j], step[j])
              kept &+= stay[j]
            }
            swap(&lanes, &next)
          }
          total = kept
          m.release(to: mark)
        }
        return value
      })
  }

  /// The lanes of an `iterate` step: each one's lane in the enclosing space, its citizen and
  /// the binder's value (one spare word for branch-free compaction).
  struct IterateLanes {
    var parent: UnsafeMutablePointer<Int>
    var root: UnsafeMutablePointer<Int>
    var items: UnsafeMutablePointer<Int>

    init(_ m: VectorMachine, _ n: Int) {
      (parent, root, items) = (m.column(n + 1), m.column(n + 1), m.column(n + 1))
    }
  }
}

/// What an aggregate's elements produced: the filter's column, the body's, the items.
struct Reduction {
  var kept: UnsafeMutablePointer<Int>?
  var values: UnsafeMutablePointer<Int>?
  var items: UnsafeMutablePointer<Int>
  /// Where a sum may locate its overflow: 1 for a lane some of whose elements failed (nil:
  /// nowhere).
  var failing: UnsafeMutablePointer<Int>? = nil
}

extension VectorCompiler {
  /// Folds an aggregate's elements into one column of the enclosing (current) space.
  typealias Reducer =
    @Sendable (VectorMachine, VectorSpace, Reduction) -> UnsafeMutablePointer<
      Int
    >

  /// The fold for `kind`, as the general machine folds it.
  static func reducer(_ kind: String, hasBody: Bool, hasFilter: Bool, site: Int) -> Reducer {
    switch kind {
    case "count":
      return { m, e, r in
        let (out, parent) = (m.column(), e.parent)
        out.update(repeating: 0, count: m.space.count)
        if let kept = r.kept {
          for k in 0..<e.count { out[parent[k]] &+= kept[k] & 1 }
        } else {
          for k in 0..<e.count { out[parent[k]] &+= 1 }
        }
        return out
      }
    case "filter", "map":
      let isMap = kind == "map"
      return { m, e, r in
        let (n, a, out) = (m.space.count, m.space.active, m.column())
        let source = isMap ? (r.values ?? r.items) : r.items
        let (keep, parent, arena) = (r.kept ?? e.active, e.parent, m.arena)
        // How many elements each lane keeps, then where its list goes: a length, then the
        // kept elements; lists one after another, for the active lanes only.
        let (kept, before) = (m.column(), m.column())
        kept.update(repeating: 0, count: n)
        for k in 0..<e.count { kept[parent[k]] &+= keep[k] & 1 }
        var (words, keptSoFar) = (1, 0)  // 1: the spare word the last element may write
        for i in 0..<n {
          out[i] = words
          before[i] = keptSoFar
          let take = a[i] & 1
          words &+= take &* (kept[i] &+ 1)
          keptSoFar &+= take &* kept[i]
        }
        guard let base = m.allocate(words) else {
          out.update(repeating: 0, count: n)
          m.failActive()
          return out
        }
        // Every element is written where it goes if kept: a dropped one is overwritten by the
        // next kept one of its lane, or by the next list's length (written after), or lands
        // in the spare word. No branch per element or per lane.
        var rank = 0
        for k in 0..<e.count {
          let p = parent[k]
          arena[base &+ out[p] &+ rank &- before[p]] = source[k]
          rank &+= keep[k] & 1
        }
        // The lengths, in order: an inactive lane writes its 0 where the next list's length
        // (or the spare word) goes, and the next active lane writes over it.
        for i in 0..<n {
          let at = base &+ out[i] &- 1
          arena[at] = kept[i]
          out[i] = a[i] != 0 ? at : 0
        }
        // An aggregate over the result needs these very elements: offered, not rebuilt.
        m.offer(lists: out, from: e, kept: r.kept, items: source)
        return out
      }
    case "any", "all":
      let isAll = kind == "all"
      return { m, e, r in
        let (out, decided) = (m.column(), m.column())
        out.update(repeating: isAll ? 1 : 0, count: m.space.count)
        decided.update(repeating: 0, count: m.space.count)
        for k in 0..<e.count {
          let p = e.parent[k]
          if decided[p] != 0 { continue }
          let b: Bool
          if hasBody {
            if hasFilter, let kept = r.kept, kept[k] == 0 { continue }
            b = (r.values?[k] ?? 0) != 0
          } else {
            b = r.kept.map { $0[k] != 0 } ?? true
          }
          if b != isAll {
            out[p] = b ? 1 : 0
            decided[p] = 1
          }
        }
        return out
      }
    case "sum":
      return { m, e, r in
        let (out, a, parent) = (m.column(), m.space.active, e.parent)
        out.update(repeating: 0, count: m.space.count)
        let source = r.values ?? r.items
        let kept = r.kept ?? e.active
        for k in 0..<e.count where kept[k] != 0 {
          let p = parent[k]
          let (s, o) = out[p].addingReportingOverflow(source[k])
          if o || s == LaneWord.none {
            // An overflow of the elements' values is the general machine's fault at the sum.
            if a[p] != 0 {
              let located = o && r.failing.map { $0[p] == 0 } ?? false
              m.fail(lane: p, site: site, code: located ? Operators.overflowCode : nil)
            }
            out[p] = 0
          } else {
            out[p] = s
          }
        }
        return out
      }
    default:  // min, max
      let pickLess = kind == "min"
      return { m, e, r in
        let (out, parent) = (m.column(), e.parent)
        out.update(repeating: LaneWord.none, count: m.space.count)
        let source = r.values ?? r.items
        let kept = r.kept ?? e.active
        for k in 0..<e.count where kept[k] != 0 {
          let (p, v) = (parent[k], source[k])
          let acc = out[p]
          if acc == LaneWord.none || (pickLess ? v < acc : v > acc) { out[p] = v }
        }
        return out
      }
    }
  }
}
