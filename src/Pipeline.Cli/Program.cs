using Pipeline.Cli;

return CliApplication.Run(args, CliOutput.FromConsole());
