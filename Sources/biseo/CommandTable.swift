/// Every `biseo` command, in the order `biseo --help` lists them.
///
/// Only commands that work are
/// listed: add a line here when a command lands.
enum CommandTable {
  static let commands: [CommandEntry] = [
    CommandEntry(ChatCommand.self),
    CommandEntry(DaemonCommand.self),
    CommandEntry(PlanCommand.self),
    CommandEntry(StatusCommand.self),
    CommandEntry(IcalCommand.self),
    CommandEntry(CheckCommand.self),
    CommandEntry(ExplainCommand.self),
    CommandEntry(EvaluateCommand.self),
    CommandEntry(DiffCommand.self),
    CommandEntry(ClassifyCommand.self),
    CommandEntry(EvalCommand.self),
    CommandEntry(IntentsCommand.self),
    CommandEntry(ServeCommand.self),
    CommandEntry(LinkCommand.self),
    CommandEntry(UnlinkCommand.self),
    CommandEntry(ExportCommand.self),
    CommandEntry(ForgetCommand.self),
    CommandEntry(TextCommand.self),
  ]
}
