import Foundation

// Arguments are parsed and commands wired in CLI/ and Commands/; this file only starts them.
let console = Console()
let status = await Runner.run(Array(CommandLine.arguments.dropFirst()), console: console)
exit(status)
