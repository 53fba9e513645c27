import Diagnostics

/// `count`, `sum`, `min`, `max`, `any`, `all` and `filter` over a list, three-valued.
///
/// An element whose condition is unknown makes a count, sum, minimum or filter unknown; `any`
/// and `all` follow Kleene logic, so one deciding element settles them.
enum Aggregates {
  static func compile(
    _ kind: String, list: @escaping Eval, slot: Int, filter optionalFilter: Eval?,
    body optionalBody: Eval?, type: RuleType, span: SourceSpan
  ) -> Eval {
    // Non-optional closures with flags: the element loops call them without unwrapping.
    let always: Eval = { _ in .bool(true) }
    let hasFilter = optionalFilter != nil
    let filter: Eval = optionalFilter ?? always
    let hasBody = optionalBody != nil
    let body: Eval = optionalBody ?? always
    switch kind {
    case "any", "all":
      let isAll = kind == "all"
      let cond: Eval = hasBody ? body : filter
      let condIsAlways = !hasBody && !hasFilter
      let guardFilter: Eval? = hasBody && hasFilter ? filter : nil
      return { m in
        guard case .list(let items) = list(m) else { return list(m) }
        var pending: FactSet?
        for item in items {
          m.locals[slot] = item
          if let g = guardFilter {
            switch g(m) {
            case .bool(true): break
            case .bool(false): continue
            case .unknown(let s):
              pending = (pending ?? .empty).union(s)
              continue
            case let other: return other
            }
          }
          switch condIsAlways ? .bool(true) : cond(m) {
          case .bool(let b): if b != isAll { return .bool(b) }
          case .unknown(let s): pending = (pending ?? .empty).union(s)
          case let other: return other
          }
        }
        if let pending { return .unknown(pending) }
        return .bool(isAll)
      }
    case "map":
      return { m in
        let source = list(m)
        guard case .list(let items) = source, hasBody else { return source }
        var out: [Value] = []
        out.reserveCapacity(items.count)
        var pending: FactSet?
        for item in items {
          m.locals[slot] = item
          if hasFilter {
            switch filter(m) {
            case .bool(true): break
            case .bool(false): continue
            case .unknown(let s):
              pending = (pending ?? .empty).union(s)
              continue
            case let other: return other
            }
          }
          let v = body(m)
          switch v {
          case .unknown(let s): pending = (pending ?? .empty).union(s)
          case .fault: return v
          default: out.append(v)
          }
        }
        if let pending { return .unknown(pending) }
        return .list(out)
      }
    case "count", "filter":
      let isCount = kind == "count"
      return { m in
        let source = list(m)
        guard case .list(let items) = source else { return source }
        var n = 0
        var kept: [Value] = []
        var pending: FactSet?
        for item in items {
          m.locals[slot] = item
          switch hasFilter ? filter(m) : .bool(true) {
          case .bool(true):
            n += 1
            if !isCount { kept.append(item) }
          case .bool(false): break
          case .unknown(let s): pending = (pending ?? .empty).union(s)
          case let other: return other
          }
        }
        if let pending { return .unknown(pending) }
        return isCount ? .int(n) : .list(kept)
      }
    default:
      let isSum = kind == "sum"
      let pickLess = kind == "min"
      let decimal = type == .decimal
      let add = Operators.arithmetic("+", type, type)?.1
      let order = Operators.ordering(type, type)
      return { m in
        let source = list(m)
        guard case .list(let items) = source else { return source }
        var acc: Value = isSum ? (decimal ? .decimal(0) : .int(0)) : .none
        var pending: FactSet?
        for item in items {
          m.locals[slot] = item
          switch hasFilter ? filter(m) : .bool(true) {
          case .bool(true): break
          case .bool(false): continue
          case .unknown(let s):
            pending = (pending ?? .empty).union(s)
            continue
          case let other: return other
          }
          let v = hasBody ? body(m) : item
          switch v {
          case .unknown(let s):
            pending = (pending ?? .empty).union(s)
            continue
          case .fault: return v
          default: break
          }
          if isSum {
            guard let add else { return .none }
            acc = add(acc, v)
            if case .fault(let code) = acc {
              return m.fault(Operators.faultMessage(code), at: span)
            }
          } else if case .none = acc {
            acc = v
          } else if let order {
            let c = order(v, acc)
            if pickLess ? c < 0 : c > 0 { acc = v }
          }
        }
        if let pending { return .unknown(pending) }
        return acc
      }
    }
  }
}
